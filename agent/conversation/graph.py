"""The advisor's LangGraph: understand -> decide -> compose (<-> tools) -> check -> finish.

```
START -> understand -> decide -> compose --route_after_compose--> call_tools -> compose
                                     ^                        \--> check --route_after_check--> finish -> END
                                     \----------- regenerate once ----------------/
```

`build_graph(checkpointer)` wires module-level nodes; what they need besides the state (the model,
the knowledge base, the tools, the streaming callbacks) arrives as LangGraph's typed runtime context,
a `Context` passed on every invoke. With `Context.llm=None` the offline engine runs: the rule
understander reads and templates compose. With a model, the LLM extracts profile updates and phrases
the brief; if the provider fails (after the SDK's own retries), that step falls back to the offline
engine and the reply carries a one-line notice. Either way Python decides and the grounding check
runs on every reply.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping

from langchain_core.messages import AIMessage, HumanMessage, RemoveMessage, ToolMessage
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from agent.conversation import brief as briefs
from agent.conversation import templates
from agent.conversation.state import AdvisorState, TurnInput, profile_values
from agent.understand.rules import understand as rule_understand
from agent.wording import slot_text, sources_markdown
from tools.grounding import allowed_numbers, check_grounding
from tools.profile import SLOT

log = logging.getLogger(__name__)

# Tool rounds per reply before the LLM must answer with what it has.
MAX_TOOL_ROUNDS = 3
# Conversation messages the LLM sees besides the brief (older context lives in the profile).
HISTORY_MESSAGES = 12
OUTAGE_NOTICE = "The language model is unavailable right now, so the offline engine answered this turn."
CLIENT_ERROR_NOTICE = "The language model rejected the request, so the offline engine answered this step."


@dataclass(frozen=True)
class Context:
    """What the nodes need besides the state; handed to every invoke, never checkpointed.

    `llm` is an `agent.infra.llm.Llm` (or anything with its `label`, `system_message(text)`,
    `bind_tools(tools)`, `extract`, `budget`, `failure(exc)`, `finish_reason(message)` and
    `capabilities`), None for the offline engine. `phrasing` is the model
    with `tools` bound, made once by `advisor_context`. `on_token` receives a streamed reply piece by
    piece; `on_restart` says the streamed text was void (regenerated, or replaced by the template):
    the front-end then shows the final reply in its place (stream and replace visibly).
    """

    llm: Any = None
    kb: Any = None
    titles: Mapping[str, str] = field(default_factory=dict)
    tools: tuple[Any, ...] = ()
    phrasing: Any = None
    on_token: Callable[[str], None] | None = None
    on_restart: Callable[[], None] | None = None


def advisor_context(llm: Any, kb: Any) -> Context:
    """The context for a model (None: offline) and a knowledge base (None: no free answers)."""
    from agent.conversation.llm_tools import phrasing_tools
    from knowledge.articles import load_bundled_articles

    titles = {article.id: article.title for article in load_bundled_articles()}
    tools = tuple(phrasing_tools(kb)) if llm else ()
    return Context(llm=llm, kb=kb, titles=titles, tools=tools, phrasing=llm.bind_tools(tools) if llm else None)


class _State(AdvisorState, total=False):
    # Per-turn scratch, overwritten every turn.
    draft: str
    attempts: int
    tool_messages: list[Any]
    tool_rounds: int
    problems: list[str]
    notices: list[str]
    remarks: list[str]
    engine: str


def understand(state: _State, runtime: Runtime[Context]) -> dict:
    """Read the user's message into this turn's understanding and the updated profile.

    The rule understander always reads (milliseconds). With an LLM its extraction is merged in as
    evidence checked against the user's words (`agent.understand.merge`); any failure of that call
    leaves the rules' reading, with nothing lost."""
    llm = runtime.context.llm
    text = state["user_text"]
    stored = state.get("profile") or {}
    asked = state.get("last_asked")
    values = profile_values(stored)
    notices: list[str] = []
    remarks: list[str] = []
    # The user's earlier messages: "each does maybe 30 a day" counts the people said before.
    earlier = " ".join(str(m.content) for m in state.get("messages", []) if isinstance(m, HumanMessage))
    understanding = rule_understand(text, asked=asked, profile=values, earlier=earlier)
    if llm and not understanding.command:
        # The model's modules load with the first turn that has a model: the offline engine needs none.
        from agent.understand.llm import llm_understand
        from agent.understand.merge import merge_understandings

        try:
            reading = llm_understand(llm, text, asked, values)
        except Exception as exc:  # noqa: BLE001 - every failure of the model call degrades this step
            failure = llm.failure(exc)
            notice = failure_notice(failure)
            # Said in the chat only when the user is told (a notice); otherwise for --debug.
            log.log(logging.WARNING if notice else logging.INFO,
                    "LLM understanding failed (%s), the rules read this message: %s", failure.kind, failure.detail)
            if notice:
                notices.append(notice)
        else:
            merged = merge_understandings(
                understanding, reading, text, asked=asked, profile=values,
                sources={slot: entry["source"] for slot, entry in stored.items()},
            )
            if merged.dropped:
                log.info("LLM readings not supported by the user's words: %s", merged.dropped)
            understanding = merged.understanding
            remarks += reading_remarks(merged)
    if llm:
        remarks = [*llm.capabilities.take_notices(), *remarks]
    reading = understanding.to_dict()
    reading["changed"] = briefs.changed_values(stored, reading)
    # Said again as it stood ("logs of millions of Sonnet outputs" after "Sonnet"): nothing to ask again.
    reading["restated"] = [slot for slot, value in reading["updates"].items() if (stored.get(slot) or {}).get("value") == value]
    return {
        "messages": [HumanMessage(text)],
        "understanding": reading,
        "profile": briefs.apply_understanding(stored, reading),
        "turns": state.get("turns", 0) + 1,
        "notices": notices,
        "remarks": remarks,
        "engine": llm.label if llm and OUTAGE_NOTICE not in notices else "offline",
        "attempts": 0,
        "tool_rounds": 0,
        "tool_messages": [],
        "problems": [],
    }


def failure_notice(failure: Any) -> str | None:
    """What the user is told when a model call failed: an outage or a rejected request is said;
    a cut-off, refused or unreadable answer only changes who wrote this step (the log says why)."""
    if failure.kind == "outage":
        return OUTAGE_NOTICE
    if failure.kind in ("client_error", "error"):
        return CLIENT_ERROR_NOTICE
    return None


def reading_remarks(merged: Any) -> list[str]:
    """Where the model read the message otherwise, which reading was taken."""
    remarks = [
        f"I read {slot_text(slot, ours)} from your words (the language model read it otherwise); say if I'm wrong."
        for slot, (ours, _theirs) in merged.disagreed.items()
    ]
    remarks += [
        f"I kept {slot_text(slot, before)} from earlier; to change it, say so (\"actually, ...\")."
        for slot, before in merged.kept.items()
    ]
    return remarks


def decide(state: _State, runtime: Runtime[Context]) -> dict:
    """Settle the brief: the decision tree, the cost model and the passages behind both."""
    understanding = state["understanding"]
    brief = briefs.decide_turn(
        turn=state["turns"],
        profile=state["profile"],
        understanding=understanding,
        kb=runtime.context.kb,
        titles=runtime.context.titles,
        previous_label=(state.get("recommendation") or {}).get("label"),
        user_text=state["user_text"],
        asked=state.get("asked") or (),
        open_question=state.get("last_asked"),
        settled={
            "recommendation": state.get("recommendation"),
            "costs": state.get("costs"),
            "last_reply": state.get("reply"),
            "cited": state.get("cited") or [],
            "profile_sources": {slot: entry["source"] for slot, entry in state["profile"].items()},
            "cautioned": state.get("cautioned") or [],
        },
    ).to_dict()
    # A what-if reply shows no question (see templates.render): only count one that is asked.
    asking = None if brief.get("what_if") else brief["next_slot"]
    # After a what-if the question asked before it is still the open one.
    still_open = state.get("last_asked") if brief.get("what_if") else None
    update: dict[str, Any] = {"brief": brief, "last_asked": asking or still_open}
    said = set(briefs.cautions_said(brief)) - set(state.get("cautioned") or ())
    if said:
        update["cautioned"] = sorted({*(state.get("cautioned") or ()), *said})
    if asking:
        update["asked"] = [asking]
    if brief.get("recommendation"):
        update["recommendation"] = brief["recommendation"]
        update["costs"] = brief["costs"]
    elif understanding.get("command") == "reset":
        update["recommendation"] = None
        update["costs"] = None
    return update


def compose(state: _State, runtime: Runtime[Context]) -> dict:
    """Draft the reply: the template, or the LLM phrasing the brief (streamed when asked)."""
    context = runtime.context
    llm = context.llm
    brief = state["brief"]
    template = templates.render(brief)
    if context.phrasing is None or state.get("engine") == "offline":
        return {"draft": template, "attempts": state.get("attempts", 0) + 1}
    from agent.conversation import phrasing

    if context.on_token and state.get("attempts", 0) and context.on_restart:
        context.on_restart()  # a regeneration: the streamed draft is void
    history = list(state["messages"][-HISTORY_MESSAGES:-1])
    while history and not isinstance(history[0], HumanMessage):
        history.pop(0)  # a conversation handed to a provider starts with the user
    messages = [
        llm.system_message(phrasing.SYSTEM_PROMPT),
        *history,
        HumanMessage(phrasing.brief_message(state["user_text"], brief, template, state.get("problems"))),
        *state.get("tool_messages", []),
    ]
    budget = phrasing.reply_budget(template)
    try:
        message = _phrase(context, messages, budget)
    except Exception as exc:  # noqa: BLE001 - every failure of the model call degrades this step
        failure = llm.failure(exc)
        if failure.kind == "unsupported" and llm.capabilities.drop_system_blocks(failure):
            # The server takes a system prompt only as plain text: say it once, ask again that way.
            messages[0] = llm.system_message(phrasing.SYSTEM_PROMPT)
            try:
                message = _phrase(context, messages, budget)
            except Exception as again:  # noqa: BLE001
                failure = llm.failure(again)
                message = None
        else:
            message = None
        if message is None:
            notice = failure_notice(failure)
            log.log(logging.WARNING if notice else logging.INFO,
                    "LLM phrasing failed (%s), using the template: %s", failure.kind, failure.detail)
            notices = [*state.get("notices", []), *([notice] if notice and notice not in state.get("notices", []) else [])]
            return _templated(state, context, template, notices=notices, remarks=llm.capabilities.take_notices())
    if message.tool_calls and state.get("tool_rounds", 0) < MAX_TOOL_ROUNDS:
        return {"tool_messages": [*state.get("tool_messages", []), message]}
    standing = (state.get("recommendation") or {}).get("label")
    problems = phrasing.shape_problems(message.text, template, brief, llm.finish_reason(message), standing)
    remarks = [*state.get("remarks", []), *llm.capabilities.take_notices()]
    if problems:
        # A cut-off, reshaped or empty reply: the templated one says what the brief holds.
        log.info("LLM reply not used (%s); using the template", "; ".join(problems))
        return {**_templated(state, context, template), "remarks": remarks}
    return {"draft": message.text, "attempts": state.get("attempts", 0) + 1, "remarks": remarks}


def _phrase(context: Context, messages: list[Any], budget: int) -> AIMessage:
    return _stream(context.llm.budget(context.phrasing, budget), messages, context.on_token)


def _templated(state: _State, context: Context, template: str, **update: Any) -> dict:
    """The template instead of the LLM's draft; a streamed draft is withdrawn (the front-end shows
    the final reply in its place)."""
    if context.on_token and context.on_restart:
        context.on_restart()
    extra = {k: v for k, v in update.items() if k != "remarks"}
    if update.get("remarks"):
        extra["remarks"] = [*state.get("remarks", []), *update["remarks"]]
    return {"draft": template, "engine": "offline", "attempts": state.get("attempts", 0) + 1, **extra}


def call_tools(state: _State, runtime: Runtime[Context]) -> dict:
    """Run the tool calls of the LLM's last message."""
    from langgraph.prebuilt import ToolNode

    request = state["tool_messages"][-1]
    # ValueError from a tool (bad input) goes back to the model as a message it can correct.
    node = ToolNode(list(runtime.context.tools), handle_tool_errors=(ValueError, LookupError))
    results = node.invoke({"messages": [request]})["messages"]
    return {"tool_messages": [*state["tool_messages"], *results], "tool_rounds": state.get("tool_rounds", 0) + 1}


def check(state: _State) -> dict:
    """The grounding check: every figure in the draft must come from the brief or a tool result."""
    brief = state["brief"]
    report = _grounding(state["draft"], brief, state["profile"], state.get("tool_messages", []))
    if report.ok:
        return {"problems": []}
    if state.get("engine") == "offline":
        # A template that fails its own check is a bug; say it loudly but still answer.
        log.error("offline reply failed grounding: %s", report.describe())
        return {"problems": []}
    log.info("LLM reply failed grounding (attempt %s): %s", state.get("attempts"), report.describe())
    problems = [f.text for f in report.ungrounded]
    if state.get("attempts", 0) >= 2:
        return {"draft": templates.render(brief), "problems": [], "engine": "offline"}
    return {"problems": problems}


def finish(state: _State) -> dict:
    """The reply as front-ends receive it: notices, the body, and the passages it cites."""
    brief = state["brief"]
    body = state["draft"].strip()
    # Only the passages the reply points at (an LLM may phrase the brief with fewer of them),
    # numbered 1, 2, 3 in the order the reply first cites them.
    body, citations = renumber_citations(body, brief.get("citations") or ())
    notices = state.get("notices") or []
    # Notices say a step fell back; remarks say how a reading was taken or what the server cannot do.
    said = [*notices, *(state.get("remarks") or [])]
    text = "\n\n".join(part for part in ("\n".join(f"_{n}_" for n in said), body, sources_markdown(citations, titles=False, said=body)) if part)
    stored = state["profile"]
    rec = brief.get("recommendation")
    reply = {
        "text": text,
        "citations": citations,
        "recommendation": rec["label"] if rec else None,
        "profile": profile_values(stored),
        "profile_sources": {slot: entry["source"] for slot, entry in stored.items()},
        "costs": brief.get("costs"),
        "what_if": brief.get("what_if"),
        "change": brief.get("change"),
        "volume_decides": brief.get("volume_decides"),
        # A view asked in words shows stored results: which, and what it was made from.
        "view": _view_shown(brief.get("view")),
        # The likely answers to the question this reply asks (a what-if asks none), for quick replies.
        "choices": list(SLOT[asked].choices) if (asked := None if brief.get("what_if") else brief.get("next_slot")) else [],
        "audit": list(brief.get("audit_findings") or ()),
        "disputes": list(brief.get("disputes") or ()),
        "engine": state.get("engine", "offline"),
        "notices": notices,
    }
    # The checkpoint keeps only what a later turn reads: the LLM sees the last HISTORY_MESSAGES
    # messages (older context lives in the profile), so older ones are dropped, and a thread's
    # checkpoint stays the same size however long the conversation.
    kept = state.get("messages") or []
    stale = kept[: max(0, len(kept) + 1 - HISTORY_MESSAGES)]
    dropped = [RemoveMessage(id=message.id) for message in stale if message.id]
    # This turn's brief and tool exchange are read by nothing later (the reply carries what the
    # views show), so the checkpoint does not keep them.
    update: dict[str, Any] = {"reply": reply, "messages": [*dropped, AIMessage(text)], "brief": {}, "tool_messages": []}
    if citations:
        update["cited"] = citations
    return update


def _view_shown(view: dict[str, Any] | None) -> dict[str, Any] | None:
    if not view:
        return None
    snapshot = view.get("snapshot") or {}
    return {"kind": view["kind"], "costs": snapshot.get("costs"), "recommendation": snapshot.get("recommendation")}


def renumber_citations(body: str, citations: Any) -> tuple[str, list[dict[str, Any]]]:
    """The body with its [n] marks renumbered from 1 in order of first use, and the passages it cites
    under their new numbers (marks that point at no passage are left alone)."""
    by_n = {c["n"]: c for c in citations}
    order: dict[int, int] = {}
    for n in (int(m) for m in re.findall(r"\[(\d+)\]", body)):
        if n in by_n and n not in order:
            order[n] = len(order) + 1
    renumbered = re.sub(r"\[(\d+)\]", lambda m: f"[{order.get(int(m.group(1)), m.group(1))}]", body)
    return renumbered, [{**by_n[n], "n": new} for n, new in order.items()]


def route_after_compose(state: _State) -> Literal["call_tools", "check"]:
    messages = state.get("tool_messages") or []
    if messages and isinstance(messages[-1], AIMessage) and messages[-1].tool_calls:
        return "call_tools"
    return "check"


def route_after_check(state: _State) -> Literal["compose", "finish"]:
    return "compose" if state.get("problems") else "finish"


def build_graph(checkpointer: Any):
    """The compiled advisor graph; run it with `context=advisor_context(llm, kb)`."""
    graph = StateGraph(_State, input_schema=TurnInput, context_schema=Context)
    graph.add_node("understand", understand)
    graph.add_node("decide", decide)
    graph.add_node("compose", compose)
    graph.add_node("call_tools", call_tools)
    graph.add_node("check", check)
    graph.add_node("finish", finish)
    graph.add_edge(START, "understand")
    graph.add_edge("understand", "decide")
    graph.add_edge("decide", "compose")
    graph.add_conditional_edges("compose", route_after_compose)
    graph.add_edge("call_tools", "compose")
    graph.add_conditional_edges("check", route_after_check)
    graph.add_edge("finish", END)
    return graph.compile(checkpointer=checkpointer)


def _stream(runnable: Any, messages: list[Any], on_token: Callable[[str], None] | None) -> AIMessage:
    """Stream the reply, handing each text piece to `on_token`; returns the whole message."""
    if on_token is None:
        return runnable.invoke(messages)
    whole = None
    for chunk in runnable.stream(messages):
        whole = chunk if whole is None else whole + chunk
        if chunk.text:
            on_token(chunk.text)
    if whole is None:
        return AIMessage("")
    return AIMessage(
        content=whole.content,
        tool_calls=whole.tool_calls,
        usage_metadata=whole.usage_metadata,
        response_metadata=whole.response_metadata,
    )


def _grounding(text: str, brief: dict, profile: dict, tool_messages: list[Any]):
    """Every figure in `text` must come from the brief (cost model, profile, Python-written texts,
    cited passages) or from a tool result in this turn."""
    tool_results = []
    for message in tool_messages:
        if isinstance(message, ToolMessage):
            try:
                tool_results.append(json.loads(message.text))
            except (TypeError, ValueError):
                tool_results.append(message.text)
    allowed = allowed_numbers(brief, profile_values(profile), tool_results)
    return check_grounding(text, allowed)
