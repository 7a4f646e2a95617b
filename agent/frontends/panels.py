"""Panels only a front-end can show, as Markdown: the passages behind the last answer or, when it
cited none, what the knowledge base holds (/sources), and the advisor's own LLM spend (/usage). The
views a conversation can also ask for in words (/profile, /costs, /why) are
`agent.conversation.views`."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from agent.conversation.views import sources_view


def sources_panel(snapshot: Mapping[str, Any], indexed: Iterable[Any]) -> str:
    """The passages the last reply cited; if it cited none, what the knowledge base holds
    (`indexed`: `KnowledgeBase.sources()`)."""
    cited = sources_view(snapshot)
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
    failed = f"{report.failed_calls} failed call{'s' if report.failed_calls != 1 else ''} (no tokens known)"
    if not report.models:
        return f"No answered LLM calls yet; {failed}." if report.failed_calls else "No LLM calls yet."
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
    if report.failed_calls:
        lines.append(f"Besides these, {failed}.")
    return "\n".join(lines)
