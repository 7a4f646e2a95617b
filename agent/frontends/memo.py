"""The decision memo (Markdown): recommendation, reasons, costs with the chart, every assumption
with its source, and the passages of the last answer. The terminal's `/export` writes it with the
cumulative-cost chart (`agent.frontends.charts`) beside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping

from agent.conversation.views import cost_assumption_line, cost_facts
from agent.frontends.charts import cost_chart_png
from agent.wording import breakeven_text, cost_table, count, slot_text, sources_markdown


# How each known fact came to be known.
_ORIGIN = {"user": "you said", "implied": "follows from what you said"}


def decision_memo(snapshot: Mapping[str, Any], chart_name: str | None) -> str:
    """A Markdown memo of the decision: recommendation, reasons, costs, assumptions and sources."""
    rec = snapshot.get("recommendation")
    costs = snapshot.get("costs")
    profile = snapshot.get("profile") or {}
    sources = snapshot.get("profile_sources") or {}
    reply = snapshot.get("last_reply") or {}
    lines = [f"# Decision memo: {profile.get('use_case') or 'LLM feature'}", "", f"_Prepared by Crossroads on {date.today():%Y-%m-%d}._", ""]
    if rec:
        lines += [f"## Recommendation: {rec['name']}", ""]
        for reason in rec["reasons"]:
            said = "; ".join(f'{p["source_id"]}: "{p["quote"]}"' for p in reason.get("passages") or ())
            lines.append(f"- {reason['text']}" + (f" ({said})" if said else ""))
        lines.append("")
        if rec.get("what_would_change"):
            lines += ["## What would change it", ""] + [f"- {item}" for item in rec["what_would_change"]] + [""]
    else:
        lines += ["## Recommendation", "", "No recommendation yet: ask the advisor for one first.", ""]
    lines += ["## What we know", ""]
    lines += [f"- {slot_text(slot, value)} ({_ORIGIN.get(sources.get(slot, 'user'), 'assumed')})" for slot, value in profile.items()]
    assumed = (rec or {}).get("assumptions", [])
    if assumed:
        lines += ["", "Assumed where nothing was said:", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in assumed]
    lines.append("")
    if costs:
        lines += [f"## Costs over {costs['horizon_months']} months at {count(costs['queries_per_month'])} queries a month", ""]
        lines += [cost_table(costs), "", breakeven_text(costs), ""]
        lines += [item for fact in cost_facts(snapshot) for item in (fact, "")]
        if chart_name:
            lines += [f"![Cumulative cost per option]({chart_name})", ""]
        lines += ["### Cost assumptions", ""]
        lines += [f"- {cost_assumption_line(a)}" for a in costs.get("assumptions", [])]
        lines.append("")
    if rec and rec.get("disagreements"):
        lines += ["## Where the sources disagree", ""] + [f"- {d['topic']}: {d['followed']}" for d in rec["disagreements"]] + [""]
    if rec:
        lines += ["## Rule trace", ""] + [f"- {'✔' if step['fired'] else '·'} {step['rule_id']}: {step['why']}" for step in rec["trace"]] + [""]
    cited = sources_markdown(reply.get("citations") or ())
    if cited:
        lines += ["## Sources of the last answer", "", cited, ""]
    return "\n".join(lines)


def export(snapshot: Mapping[str, Any], path: Path) -> list[Path]:
    """Write the memo to `path` (and the chart beside it when there are costs); returns what was written."""
    if not snapshot.get("recommendation"):
        raise ValueError("nothing to export yet: ask me for a recommendation first")
    path = Path(path).expanduser()
    if path.suffix.lower() != ".md":
        path = path.with_suffix(".md")
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    chart_name = None
    if snapshot.get("costs"):
        chart = path.with_name(path.stem + "-costs.png")
        cost_chart_png(snapshot["costs"], chart)
        chart_name = chart.name
        written.append(chart)
    path.write_text(decision_memo(snapshot, chart_name), encoding="utf-8")
    return [path, *written]
