"""The advisor's LangGraph: understand -> decide -> compose (<-> tools) -> check -> finish.

```
START -> understand -> decide -> compose --route_after_compose--> call_tools -> compose
                                     ^                        \--> check --route_after_check--> finish -> END
                                     \----------- regenerate once ----------------/
```

`build_graph(model, kb, checkpointer)` wires it. With `model=None` the offline engine runs: the rule
parser understands and templates compose. With a model, the LLM extracts profile updates and phrases
the brief; if the provider fails (after the SDK's own retries), that step falls back to the offline
engine and the reply carries a one-line notice. Either way Python decides and the grounding check
runs on every reply.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Literal

from langchain_core.exceptions import OutputParserException
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from pydantic import ValidationError

from agent import brief as briefs
from agent import offline_replies, prompts
from agent.llm import ProviderChoice, bind_tools, is_provider_outage, system_message
from agent.offline_parser import understand as parse_offline
from agent.state import AdvisorState, TurnInput, profile_values
from tools.grounding import allowed_numbers, check_grounding

log = logging.getLogger(__name__)

# Tool rounds per reply before the LLM must answer with what it has.
MAX_TOOL_ROUNDS = 3
# Conversation messages the LLM sees besides the brief (older context lives in the profile).
HISTORY_MESSAGES = 12
OUTAGE_NOTICE = "The language model is unavailable right now, so the offline engine answered this turn."


@dataclass(frozen=True)
class Llm:
    """A configured language model and which provider it is (for prompt caching)."""

    model: Any  # langchain BaseChatModel
    choice: ProviderChoice


class _State(AdvisorState, total=False):
    # Per-turn scratch, overwritten every turn.
    draft: str
    attempts: int
    tool_messages: list[Any]
    tool_rounds: int
    problems: list[str]
    notices: list[str]
    engine: str


def build_graph(llm: Llm | None, kb: Any, checkpointer: Any):
    """The compiled advisor graph. `kb` is a `knowledge.store.KnowledgeBase` (or None)."""
    from knowledge.articles import load_bundled_articles

    titles = {article.id: article.title for article in load_bundled_articles()}
    tools = _tools(kb) if llm else []
    phrasing = bind_tools(llm.model, tools, llm.choice) if llm else None

    def understand(state: _State) -> dict:
        text = state["user_text"]
        stored = state.get("profile") or {}
        asked = state.get("last_asked")
        notices: list[str] = []
        understanding = None
        if llm:
            try:
                understanding = _llm_understand(llm, text, asked, profile_values(stored))
            except (OutputParserException, ValidationError) as exc:
                # The model answered but not in the schema: the rules understand this message instead.
                log.warning("LLM extraction unreadable, using the offline parser: %s", exc)
            except Exception as exc:
                if not is_provider_outage(exc):
                    raise
                log.warning("LLM understanding failed, using the offline parser: %s", exc)
                notices.append(OUTAGE_NOTICE)
        if understanding is None:
            understanding = _offline_understanding(text, asked, profile_values(stored))
        return {
            "messages": [HumanMessage(text)],
            "understanding": understanding,
            "profile": briefs.apply_understanding(stored, understanding),
            "turns": state.get("turns", 0) + 1,
            "notices": notices,
            "engine": llm.choice.label if llm and not notices else "offline",
            "attempts": 0,
            "tool_rounds": 0,
            "tool_messages": [],
            "problems": [],
        }

    def decide(state: _State) -> dict:
        understanding = state["understanding"]
        brief = briefs.decide_turn(
            turn=state["turns"],
            profile=state["profile"],
            understanding=understanding,
            kb=kb,
            titles=titles,
            previous_label=(state.get("recommendation") or {}).get("label"),
            user_text=state["user_text"],
            asked=state.get("asked") or (),
        ).to_dict()
        # A what-if reply shows no question (see offline_replies.render): only count one that is asked.
        asking = None if brief.get("what_if") else brief["next_slot"]
        # After a what-if the question asked before it is still the open one.
        still_open = state.get("last_asked") if brief.get("what_if") else None
        update: dict[str, Any] = {"brief": brief, "last_asked": asking or still_open}
        if asking:
            update["asked"] = [asking]
        if brief.get("recommendation"):
            update["recommendation"] = brief["recommendation"]
            update["costs"] = brief["costs"]
        elif understanding.get("command") == "reset":
            update["recommendation"] = None
            update["costs"] = None
        return update

    def compose(state: _State, config: RunnableConfig) -> dict:
        brief = state["brief"]
        template = offline_replies.render(brief)
        if phrasing is None or state.get("engine") == "offline":
            return {"draft": template, "attempts": state.get("attempts", 0) + 1}
        configurable = config.get("configurable") or {}
        on_token = configurable.get("on_token")
        if on_token and state.get("attempts", 0) and configurable.get("on_restart"):
            configurable["on_restart"]()  # a regeneration: the streamed draft is void
        history = list(state["messages"][-HISTORY_MESSAGES:-1])
        while history and not isinstance(history[0], HumanMessage):
            history.pop(0)  # a conversation handed to a provider starts with the user
        messages = [
            system_message(prompts.SYSTEM_PROMPT, llm.choice),
            *history,
            HumanMessage(prompts.brief_message(state["user_text"], brief, template, state.get("problems"))),
            *state.get("tool_messages", []),
        ]
        try:
            message = _stream(phrasing, messages, on_token)
        except Exception as exc:
            if not is_provider_outage(exc):
                raise
            log.warning("LLM phrasing failed, using the template: %s", exc)
            return {"draft": template, "engine": "offline", "notices": [*state.get("notices", []), OUTAGE_NOTICE]}
        if message.tool_calls and state.get("tool_rounds", 0) < MAX_TOOL_ROUNDS:
            return {"tool_messages": [*state.get("tool_messages", []), message]}
        if not message.text.strip():
            # Out of tool rounds, or an empty answer: the templated reply says what the brief holds.
            log.warning("LLM gave no reply text; using the template")
            return {"draft": template, "engine": "offline", "attempts": state.get("attempts", 0) + 1}
        return {"draft": message.text, "attempts": state.get("attempts", 0) + 1}

    def call_tools(state: _State) -> dict:
        from langgraph.prebuilt import ToolNode

        request = state["tool_messages"][-1]
        # ValueError from a tool (bad input) goes back to the model as a message it can correct.
        node = ToolNode(tools, handle_tool_errors=(ValueError, LookupError))
        results = node.invoke({"messages": [request]})["messages"]
        return {"tool_messages": [*state["tool_messages"], *results], "tool_rounds": state.get("tool_rounds", 0) + 1}

    def check(state: _State) -> dict:
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
            return {"draft": offline_replies.render(brief), "problems": [], "engine": "offline"}
        return {"problems": problems}

    def finish(state: _State) -> dict:
        brief = state["brief"]
        body = state["draft"].strip()
        # Only the passages the reply points at (an LLM may phrase the brief with fewer of them).
        marked = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
        citations = [c for c in brief.get("citations") or () if c["n"] in marked]
        sources = offline_replies.sources_markdown(citations)
        notices = state.get("notices") or []
        text = "\n\n".join(part for part in ("\n".join(f"_{n}_" for n in notices), body, sources) if part)
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
            "audit": list(brief.get("audit_findings") or ()),
            "disputes": list(brief.get("disputes") or ()),
            "engine": state.get("engine", "offline"),
            "notices": notices,
        }
        return {"reply": reply, "messages": [AIMessage(text)]}

    def route_after_compose(state: _State) -> Literal["call_tools", "check"]:
        messages = state.get("tool_messages") or []
        if messages and isinstance(messages[-1], AIMessage) and messages[-1].tool_calls:
            return "call_tools"
        return "check"

    def route_after_check(state: _State) -> Literal["compose", "finish"]:
        return "compose" if state.get("problems") else "finish"

    graph = StateGraph(_State, input_schema=TurnInput)
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


def _offline_understanding(text: str, asked: str | None, profile: dict[str, Any]) -> dict[str, Any]:
    understanding = parse_offline(text, asked=asked, profile=profile)
    return {
        "updates": dict(understanding.updates),
        "corrections": list(understanding.corrections),
        "wants_recommendation": understanding.wants_recommendation,
        "what_if": dict(understanding.what_if) if understanding.what_if else None,
        "question": understanding.question,
        "rejected": dict(understanding.rejected),
        "command": understanding.command,
        "off_topic": understanding.off_topic,
        "ignored_instructions": understanding.ignored_instructions,
    }


def _llm_understand(llm: Llm, text: str, asked: str | None, profile: dict[str, Any]) -> dict[str, Any]:
    extractor = llm.model.with_structured_output(prompts.Extraction)
    extraction = extractor.invoke(prompts.understand_messages(text, asked, profile))
    if not isinstance(extraction, prompts.Extraction):
        extraction = prompts.Extraction.model_validate(extraction)
    return prompts.understanding_from_extraction(extraction)


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
    return AIMessage(content=whole.content, tool_calls=whole.tool_calls, usage_metadata=whole.usage_metadata)


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


def _tools(kb: Any) -> list[Any]:
    """The tools the LLM may call while phrasing: what-if costs and source search."""
    from langchain_core.tools import StructuredTool

    from tools.cost_model import estimate_costs

    def search_sources(query: str, source_id: str | None = None) -> list[dict]:
        """Search the source articles for passages about `query` (optionally one source id).

        Returns passages with source_id, title and text. Quote them verbatim and name the source id.
        """
        if kb is None:
            return []
        return [
            {"source_id": r.source_id, "title": r.title, "text": r.text}
            for r in kb.search(query, k=3, source_id=source_id)
        ]

    return [
        StructuredTool.from_function(estimate_costs),
        StructuredTool.from_function(search_sources),
    ]
