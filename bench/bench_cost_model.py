"""Benchmark: the Monte Carlo of 100,000 samples over all five options, against its floor.

The figure is `tools.uncertainty.monte_carlo` (draws, the arithmetic, the break-even, who wins,
p10/p50/p90 of every output). The floor is the least work that gives the same result, written
with bare numpy in this file: the same draws and the same vectorised arithmetic
(`tools.cost_arithmetic.evaluate`, `tools.payback.breakeven_arrays`), the same selection of
the three order statistics of each output (`tools.uncertainty.order_statistics`), and the wins
counted with bare numpy; no bookkeeping. Both are medians of interleaved runs, in CPU time of the
thread (the work done, whatever else the machine runs; `--wall` for wall-clock time).

Targets: the Monte Carlo within 1.25x its floor and under 50 ms (a run whose floor alone is over
50 ms cannot meet that: it says so and holds the ratio); all of `compare()` (price lookup,
point estimate, Monte Carlo, sensitivity and flips) under 100 ms. Exits 1 when one is missed.

    .venv/bin/python bench/bench_cost_model.py [--samples N] [--repeats N]
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Verdict, interleaved  # noqa: E402
from tools.cost_arithmetic import evaluate  # noqa: E402
from tools.cost_inputs import resolve  # noqa: E402
from tools.cost_model import compare  # noqa: E402
from tools.payback import breakeven_arrays  # noqa: E402
from tools.scenario import Range, parse_scenario  # noqa: E402
from tools.uncertainty import monte_carlo, order_statistics  # noqa: E402

MAX_RATIO = 1.25
MC_TARGET_MS = 50.0
COMPARE_TARGET_MS = 100.0

# Ranges on the inputs people are least sure of, and a student model so all five options are costed.
SCENARIO = {
    "horizon_months": 24,
    "workload": {
        "queries_per_day": [50_000, 150_000],
        "input_tokens": [400, 900],
        "output_tokens": [200, 400],
        "monthly_growth": [0.0, 0.05],
    },
    "model": "claude-sonnet-4-5",
    "caching": {"cached_tokens": 500, "hit_rate": [0.5, 0.9]},
    "rag": {"context_tokens": [1500, 3000], "monthly_usd": [200, 800]},
    "fine_tune": {
        "setup_usd": [53_000, 145_000],
        "training_run_usd": [500, 30_000],
        "runs": [3, 5],
        "inference_premium": [0.2, 0.5],
        "tokens_saved": [0, 300],
        "student_model": "claude-haiku-4-5",
    },
}


def floor_monte_carlo(resolved, seed: int, samples: int):
    """The same result with the least work: draws, arithmetic, wins, the three order statistics."""
    import numpy as np

    rng = np.random.default_rng(seed)
    p, drawn = {}, {}
    for key, value in resolved.values.items():
        if isinstance(value, Range):
            if id(value) not in drawn:
                drawn[id(value)] = np.float32(value.low) + np.float32(value.high - value.low) * rng.random(samples, np.float32)
            p[key] = drawn[id(value)]
        else:
            p[key] = np.full(1, value, dtype=np.float32)
    p["workload.input_tokens"] = np.broadcast_to(p["workload.input_tokens"], (samples,))
    costs = evaluate(p, resolved, samples)
    payback, calls, volume, *_ = breakeven_arrays(costs.options, costs.totals, costs.q0, costs.growth, resolved.horizon)
    totals = costs.totals
    # Wins: the least total per sample, then each option's first equals (argmin's ties).
    least = np.minimum.reduce([np.broadcast_to(totals[n].total, (samples,)) for n in totals])
    won, wins = np.zeros(samples, dtype=bool), []
    for n in totals:
        first = (totals[n].total == least) & ~won
        wins.append(np.count_nonzero(first))
        won |= first
    ranks = [max(0, math.ceil(samples * q) - 1) for q in (0.1, 0.5, 0.9)]
    rows = [getattr(totals[n], f) for n in totals for f in ("one_time", "monthly", "total", "per_1k")]
    rows += [payback, calls, volume]
    out = [[float(v) for v in order_statistics(np.broadcast_to(row, (samples,)), ranks)] for row in rows]
    return wins, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of the thread's CPU time")
    args = parser.parse_args()
    samples = args.samples
    scenario = parse_scenario(SCENARIO)
    resolved = resolve(scenario)
    report = compare(SCENARIO, samples=samples)  # warm-up: numpy, the price snapshot
    eligible = report.uncertainty.eligible
    runs = {
        "floor": lambda: floor_monte_carlo(resolved, 0, samples),
        "monte_carlo": lambda: monte_carlo(resolved, 0, samples, eligible),
        "compare": lambda: compare(SCENARIO, samples=samples),
    }
    for run in runs.values():
        run()
    import time

    clock = time.perf_counter if args.wall else time.thread_time
    times = interleaved(runs, args.repeats, clock)
    ms = {name: t * 1000 for name, t in times.items()}
    verdict = Verdict()
    print(f"Monte Carlo of {samples:,} samples over {len(report.options)} options ({', '.join(report.options)}), "
          f"medians of {args.repeats} interleaved runs, {'wall-clock' if args.wall else 'CPU'} time")
    verdict.ratio("monte_carlo()", ms["monte_carlo"], ms["floor"], "ms", max_ratio=MAX_RATIO,
                  floor_is="bare numpy: same draws, arithmetic and order-statistic selection")
    verdict.below("monte_carlo()", ms["monte_carlo"], MC_TARGET_MS, "ms", floor=ms["floor"], within=MAX_RATIO)
    verdict.ratio("compare()", ms["compare"], ms["floor"], "ms", floor_is="the Monte Carlo floor alone")
    verdict.below("compare()", ms["compare"], COMPARE_TARGET_MS, "ms")
    cheapest = ", ".join(f"{name} {p:.0%}" for name, p in report.uncertainty.prob_cheapest.items())
    print(f"P(cheapest): {cheapest}")
    return verdict.exit_code()


if __name__ == "__main__":
    sys.exit(main())
