"""Charts of cumulative cost per option: a PNG (the memo, Slack) and a text chart (`crossroads cost`),
both marking the one crossover month where fine-tuning becomes cheaper than RAG.

matplotlib is imported only when a PNG is drawn, with the non-interactive Agg backend (no display).
A long-running front-end (the Slack bot) draws its charts in a process of its own instead
(`ChartProcess`, `draw_in_background`): matplotlib is loaded there once, at start-up, and a chart
costs the turn workers nothing.
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
    # Fixed margins rather than tight_layout(), which draws the whole figure once more to measure it.
    fig.subplots_adjust(left=0.11, right=0.98, bottom=0.11, top=0.92)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


class ChartProcess:
    """Draws `cost_chart_png` in a child process (matplotlib loaded there as it starts): `submit`
    returns a future of the PNG bytes. Started by `subprocess`, not `multiprocessing` (whose spawned
    children re-run the parent's main script), speaking pickle over the child's stdin and stdout; a
    thread here waits for each answer without holding the interpreter lock. A child that died is
    started again for the next chart."""

    def __init__(self) -> None:
        import threading
        from concurrent.futures import ThreadPoolExecutor

        self._waiter = ThreadPoolExecutor(1, thread_name_prefix="crossroads-chart")
        self._lock = threading.Lock()
        self._child = None
        self._waiter.submit(self._started)  # load matplotlib in the child now, not at the first chart

    def _started(self):
        import os
        import subprocess
        import sys

        with self._lock:
            if self._child is None or self._child.poll() is not None:
                root = str(Path(__file__).resolve().parents[2])
                env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
                self._child = subprocess.Popen(
                    [sys.executable, "-c", "from agent.frontends.charts import serve_charts; serve_charts()"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                )
            return self._child

    def submit(self, costs: Mapping[str, Any]):
        """A future of `cost_chart_png(costs)`."""
        return self._waiter.submit(self._draw, dict(costs))

    def _draw(self, costs: dict) -> bytes:
        import pickle

        child = self._started()
        try:
            pickle.dump(costs, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.flush()
            ok, answer = pickle.load(child.stdout)
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise OSError(f"the chart process stopped (exit code {child.poll()})") from exc
        if not ok:
            raise RuntimeError(f"the chart process failed: {answer}")
        return answer

    def close(self) -> None:
        self._waiter.shutdown(wait=True)
        child, self._child = self._child, None
        if child is not None:
            try:
                child.stdin.close()
                child.wait(timeout=10)
            except Exception:  # noqa: BLE001 - it must not outlive the front-end, whatever happened
                child.kill()
                child.wait()


def serve_charts() -> None:
    """The chart process's loop (`ChartProcess`): pickled costs in, pickled PNG bytes out, until its
    stdin closes."""
    import pickle
    import sys

    import matplotlib.backends.backend_agg  # noqa: F401 - loaded before the first request, not during it
    import matplotlib.figure  # noqa: F401

    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            costs = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = (True, cost_chart_png(costs))
        except Exception as exc:  # noqa: BLE001 - reported to the front-end, which logs it
            answer = (False, f"{type(exc).__name__}: {exc}")
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


_SHARED: list[ChartProcess] = []
_SHARED_LOCK = __import__("threading").Lock()


def draw_in_background(costs: Mapping[str, Any] | None = None):
    """A future of `cost_chart_png(costs)`, drawn by this process's one `ChartProcess` (started at
    the first call, and stopped at exit). Called without `costs` it only starts the process: a
    front-end does so at start-up, so that the first chart finds matplotlib loaded."""
    import atexit

    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(ChartProcess())
            atexit.register(_SHARED[0].close)
    return None if costs is None else _SHARED[0].submit(costs)
