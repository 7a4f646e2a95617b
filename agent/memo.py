"""Artefacts of a decision: the cumulative-cost chart (PNG) and the decision memo (Markdown).

The terminal's `/export` writes both; the Slack bot uploads the chart. matplotlib is imported only
when a chart is drawn, with the non-interactive Agg backend (no display needed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping

from agent.offline_replies import OPTION_NAMES, breakeven_text, cost_table, count, slot_text, sources_markdown, usd


def crossover_month(costs: Mapping[str, Any], a: str = "fine_tune", b: str = "rag") -> int | None:
    """The first month (1-based) at which option `a` has cost no more than `b` so far, if ever."""
    options = costs["options"]
    if a not in options or b not in options:
        return None
    for month, (x, y) in enumerate(zip(options[a]["cumulative_usd"], options[b]["cumulative_usd"]), start=1):
        if x <= y:
            return month
    return None


def cost_chart_png(costs: Mapping[str, Any], path: Path | None = None) -> bytes:
    """Cumulative cost per option over the horizon, crossover of fine-tune and RAG marked. PNG bytes.

    Drawn on a bare `Figure` with the Agg canvas, not pyplot: pyplot's global state is not safe when
    several Slack threads draw at once.
    """
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(8, 4.5), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for name, option in costs["options"].items():
        series = option["cumulative_usd"]
        months = list(range(1, len(series) + 1))
        ax.plot(months, series, marker="o", markersize=3, label=OPTION_NAMES.get(name, name))
    month = crossover_month(costs)
    if month is not None and month > 1:
        ax.axvline(month, color="grey", linestyle="--", linewidth=1)
        ax.annotate(f"fine-tune cheaper than RAG from month {month}", (month, 0), xytext=(4, 8),
                    textcoords="offset points", fontsize=8, color="dimgrey")
    ax.set_xlabel("month")
    ax.set_ylabel("cumulative cost (USD)")
    ax.set_title(f"Cumulative cost over {costs['horizon_months']} months")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: usd(v) if v else "$0"))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


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
            lines.append(f"- {reason['text']}")
        lines.append("")
        if rec.get("what_would_change"):
            lines += ["## What would change it", ""] + [f"- {item}" for item in rec["what_would_change"]] + [""]
    else:
        lines += ["## Recommendation", "", "No recommendation yet: ask the advisor for one first.", ""]
    lines += ["## What we know", ""]
    lines += [f"- {slot_text(slot, value)} ({'you said' if sources.get(slot, 'user') == 'user' else 'assumed'})" for slot, value in profile.items()]
    assumed = (rec or {}).get("assumptions", [])
    if assumed:
        lines += ["", "Assumed where nothing was said:", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in assumed]
    lines.append("")
    if costs:
        lines += [f"## Costs over {costs['horizon_months']} months at {count(costs['queries_per_month'])} queries a month", ""]
        lines += [cost_table(costs), "", breakeven_text(costs), ""]
        if chart_name:
            lines += [f"![Cumulative cost per option]({chart_name})", ""]
        lines += ["### Cost assumptions", ""]
        for a in costs.get("assumptions", []):
            where = f" (claim {a['claim']}, {a['source_id']}: \"{a['quote']}\")" if a.get("source_id") else ""
            lines.append(f"- `{a['field']}` = {a['value']}: {a['note']}{where}")
        lines.append("")
    if rec and rec.get("disagreements"):
        lines += ["## Where the sources disagree", ""] + [f"- {d['topic']}: {d['followed']}" for d in rec["disagreements"]] + [""]
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
