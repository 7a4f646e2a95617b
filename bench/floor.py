"""What every bench prints: its figure, the floor measured in the same run (the least work that gives
the same result: bare numpy, bare bm25s or Chroma calls, the turn without the graph), the ratio of
the two, and whether each target is met.

Timings on a shared machine are noisy, so figures and floors are medians of repeats taken in the same
process, interleaved where that is cheap; the ratio is what carries from one machine to another.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


def median_time(run: Callable[[], object], repeats: int) -> float:
    """Median seconds of `repeats` calls of `run`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(runs: dict[str, Callable[[], object]], repeats: int, clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Median seconds of each of `runs`, taken in turn so that a burst of load hits them alike.
    `clock=time.thread_time` counts CPU seconds of this thread instead of wall seconds: on a shared,
    oversubscribed machine that is the work done, without the time spent waiting for a core."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = clock()
            run()
            times[name].append(clock() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


@dataclass
class Verdict:
    """The targets of one bench; `check` prints each line and `exit_code` is 1 if any was missed."""

    missed: list[str] = field(default_factory=list)

    def ratio(self, label: str, figure: float, floor: float, unit: str, *, floor_is: str,
              max_ratio: float | None = None, higher_is_better: bool = False) -> float:
        """Print `label: figure unit; floor ... ; ratio`; for a rate (`higher_is_better`) the ratio is
        floor / figure, so that above 1 always means slower than the floor."""
        ratio = (floor / figure if higher_is_better else figure / floor) if figure and floor else float("inf")
        target = f" (target <= {max_ratio:.2f}x)" if max_ratio is not None else ""
        ok = max_ratio is None or ratio <= max_ratio
        print(f"{label}: {_fmt(figure)} {unit}; floor {_fmt(floor)} {unit} ({floor_is}); "
              f"ratio {ratio:.2f}x{target}{'' if ok else '  MISSED'}")
        if not ok:
            self.missed.append(f"{label}: ratio {ratio:.2f}x > {max_ratio:.2f}x")
        return ratio

    def below(self, label: str, figure: float, limit: float, unit: str, *, floor: float | None = None,
              within: float | None = None) -> bool:
        """`figure < limit`. With `floor` (the least work for the same result, measured in this run) and
        `within`: when the floor alone is at or over the limit, no code could meet it in this run (a
        slower machine, or a library's own cost), so the line says so and holds `figure` to within
        `within`x of the floor instead."""
        if floor is not None and within is not None and floor >= limit:
            return self._unreachable(label, figure, limit, unit, floor, floor * within, within, below=True)
        ok = figure < limit
        print(f"  target {label} < {_fmt(limit)} {unit}: {_fmt(figure)} {unit} {'OK' if ok else 'MISSED'}")
        if not ok:
            self.missed.append(f"{label}: {_fmt(figure)} {unit} >= {_fmt(limit)} {unit}")
        return ok

    def above(self, label: str, figure: float, limit: float, unit: str, *, floor: float | None = None,
              within: float | None = None) -> bool:
        """`figure >= limit` (a rate); `floor` and `within` as in `below`, for a floor rate under the limit."""
        if floor is not None and within is not None and floor < limit:
            return self._unreachable(label, figure, limit, unit, floor, floor / within, within, below=False)
        ok = figure >= limit
        print(f"  target {label} >= {_fmt(limit)} {unit}: {_fmt(figure)} {unit} {'OK' if ok else 'MISSED'}")
        if not ok:
            self.missed.append(f"{label}: {_fmt(figure)} {unit} < {_fmt(limit)} {unit}")
        return ok

    def _unreachable(self, label: str, figure: float, limit: float, unit: str, floor: float, bound: float,
                     within: float, *, below: bool) -> bool:
        ok = figure <= bound if below else figure >= bound
        sign = "<" if below else ">="
        print(f"  target {label} {sign} {_fmt(limit)} {unit}: not reachable in this run, the floor alone is "
              f"{_fmt(floor)} {unit}; held to within {within:.2f}x of it ({'<=' if below else '>='} {_fmt(bound)} {unit}): "
              f"{_fmt(figure)} {unit} {'OK' if ok else 'MISSED'}")
        if not ok:
            self.missed.append(f"{label}: {_fmt(figure)} {unit} beyond {within:.2f}x of its floor {_fmt(floor)} {unit}")
        return ok

    def require(self, label: str, ok: bool) -> bool:
        print(f"  {label}: {'OK' if ok else 'MISSED'}")
        if not ok:
            self.missed.append(label)
        return ok

    def exit_code(self) -> int:
        if self.missed:
            print("FAIL: " + "; ".join(self.missed))
            return 1
        print("OK")
        return 0


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"
