"""The detail views every front-end shows on demand, as Markdown: what the advisor knows and assumed
(/profile), the cost comparison (/costs), the rule trace and assumptions (/why), the passages behind
the last answer (/sources) and the advisor's own LLM spend (/usage).

Each takes a thread's snapshot (`Chat.snapshot`) or the usage report and returns Markdown; nothing
here computes a figure.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from agent.wording import breakeven_text, cost_table, slot_text, sources_markdown


def profile_panel(snapshot: Mapping[str, Any]) -> str:
    profile = snapshot["profile"]
    if not profile:
        return "I don't know anything about your situation yet. Tell me what you're building."
    lines = ["**What you told me**", ""]
    lines += [f"- {slot_text(slot, value)}" for slot, value in profile.items()]
    rec = snapshot.get("recommendation")
    if rec and rec.get("assumptions"):
        lines += ["", "**What I assumed**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in rec["assumptions"]]
    return "\n".join(lines)


def costs_panel(snapshot: Mapping[str, Any]) -> str:
    costs = snapshot.get("costs")
    if not costs:
        return "No cost comparison yet: ask me for a recommendation (or tell me your volume) first."
    return f"{cost_table(costs)}\n\n{breakeven_text(costs)}"


def why_panel(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is no rule trace to show."
    lines = [f"**Recommendation: {rec['name']}**", "", "Rule trace:", ""]
    for step in rec["trace"]:
        mark = "✔" if step["fired"] else "·"
        lines.append(f"- {mark} `{step['rule_id']}`: {step['why']}")
    if rec.get("what_would_change"):
        lines += ["", "What would change it:", ""] + [f"- {item}" for item in rec["what_would_change"]]
    if rec.get("assumptions"):
        lines += ["", "Assumed for what you did not say:", ""]
        lines += [f"- {a['slot']} = {a['value']}: {a['why']}" for a in rec["assumptions"]]
    costs = snapshot.get("costs") or {}
    if costs.get("assumptions"):
        lines += ["", "Cost-model defaults:", ""]
        lines += [f"- {cost_assumption_line(a)}" for a in costs["assumptions"]]
    return "\n".join(lines)


def cost_assumption_line(assumption: Mapping[str, Any]) -> str:
    """One cost-model default with the claim and passage it comes from (also in the memo)."""
    a = assumption
    where = f" (claim {a['claim']}, {a['source_id']}: \"{a['quote']}\")" if a.get("source_id") else ""
    return f"`{a['field']}` = {a['value']}: {a['note']}{where}"


def sources_panel(snapshot: Mapping[str, Any], indexed: Iterable[Any]) -> str:
    """The passages the last reply cited; if it cited none, what the knowledge base holds
    (`indexed`: `KnowledgeBase.sources()`)."""
    reply = snapshot.get("last_reply") or {}
    cited = sources_markdown(reply.get("citations") or ())
    if cited:
        return cited
    lines = ["My last reply cited no passage. The knowledge base holds:", ""]
    lines += [f"- `{s.id}`: {s.title} ({s.chunks} chunks)" for s in indexed]
    return "\n".join(lines)


def usage_panel(usage: Any) -> str:
    """The advisor's own tokens and dollars (`usage`: an `agent.infra.usage.UsageTracker`, or None
    for the offline engine)."""
    if usage is None:
        return "The offline engine answers here: no tokens, no dollars."
    report = usage.report()
    if not report.models:
        return "No LLM calls yet."
    lines = ["| Model | Calls | Input | Output | Cache read | Cache write | Cost |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for m in report.models:
        cost = f"${m.cost_usd:.4f}" if m.cost_usd is not None else "unknown price"
        lines.append(
            f"| {m.model} | {m.calls} | {m.input_tokens:,} | {m.output_tokens:,} | {m.cache_read_tokens:,} "
            f"| {m.cache_write_tokens:,} | {cost} |"
        )
    if report.cost_usd is not None:
        lines.append(f"\nIn all: {report.calls} calls, ${report.cost_usd:.4f}.")
    else:
        unpriced = ", ".join(report.unpriced_models)
        lines.append(
            f"\nIn all: {report.calls} calls; ${report.priced_cost_usd:.4f} for the priced models "
            f"(no prices known for {unpriced}, so their cost is not counted)."
        )
    return "\n".join(lines)
