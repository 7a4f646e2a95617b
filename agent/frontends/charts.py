"""Charts of cumulative cost per option: a PNG (the memo, Slack) and a text chart (`crossroads cost`),
both marking the one crossover month where fine-tuning becomes cheaper than RAG.

matplotlib is imported only when a PNG is drawn, with the non-interactive Agg backend (no display).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from agent.wording import OPTION_NAMES, usd

_LETTERS = {"prompting": "P", "rag": "R", "fine_tune": "F", "hybrid": "H", "distill": "D"}


def crossover_month(fine_tune: Sequence[float], rag: Sequence[float]) -> int | None:
    """The first month (1-based) in which fine_tune's cumulative cost is at or below rag's after
    being above it; None if it never crosses (cheaper from the start, or never cheaper). The PNG
    chart, the text chart and the memo all mark this month."""
    above = None
    for month, (f, r) in enumerate(zip(fine_tune, rag), start=1):
        if f > r:
            above = True
        elif above:
            return month
    return None


def cumulative_chart(series: dict[str, list[float]], width: int = 60, height: int = 14) -> list[str]:
    """A text chart of cumulative cost per option over the months, with the fine_tune/rag crossover marked."""
    months = len(next(iter(series.values())))
    top = max(max(values) for values in series.values()) or 1.0
    columns = max(2, min(width, months * 4))
    grid = [[" "] * columns for _ in range(height)]

    def column(month_index: int) -> int:
        return 0 if months == 1 else round(month_index * (columns - 1) / (months - 1))

    crossing = None
    if "fine_tune" in series and "rag" in series:
        crossing = crossover_month(series["fine_tune"], series["rag"])
    if crossing is not None:
        for row in grid:
            row[column(crossing - 1)] = "|"
    for name, values in series.items():
        letter = _LETTERS.get(name, name[:1].upper())
        for i, value in enumerate(values):
            row = height - 1 - round(value / top * (height - 1))
            cell = grid[row][column(i)]
            grid[row][column(i)] = letter if cell in (" ", "|") else "*"

    label_width = len(usd(top, 'compact'))
    lines = ["Cumulative cost by month"]
    for r, row in enumerate(grid):
        label = usd(top * (height - 1 - r) / (height - 1), 'compact') if r in (0, height // 2, height - 1) else ""
        lines.append(f"{label:>{label_width}} |{''.join(row)}")
    lines.append(" " * label_width + " +" + "-" * columns)
    axis = [" "] * columns
    for month in sorted({1, months, *range(0, months + 1, max(1, months // 6))} - {0}):
        text = str(month)
        start = min(column(month - 1), columns - len(text))
        axis[start : start + len(text)] = text
    lines.append(" " * label_width + "  " + "".join(axis) + "  (month)")
    legend = "  ".join(f"{_LETTERS.get(n, n[:1].upper())} {n}" for n in series) + "  * overlap"
    lines.append(legend)
    if crossing is not None:
        lines.append(f"| month {crossing}: fine_tune's cumulative cost drops to or below rag's")
    return lines


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
    options = costs["options"]
    month = crossover_month(options["fine_tune"]["cumulative_usd"], options["rag"]["cumulative_usd"]) if "fine_tune" in options and "rag" in options else None
    if month is not None:
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
