"""Benchmark: a Monte Carlo of 100,000 samples over all five options must take under 100 ms.

Prints the best and median of several timed runs of `compare()` (price lookup, point estimate,
Monte Carlo, sensitivity) and exits 1 when the best run misses the target. The best run is the one
compared because other processes on a shared machine only ever add time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.cost_model import compare  # noqa: E402

SAMPLES = 100_000
TARGET_SECONDS = 0.100
RUNS = 15

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


def main() -> int:
    compare(SCENARIO, samples=SAMPLES)  # warm-up: loads numpy and the price snapshot once
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        report = compare(SCENARIO, samples=SAMPLES)
        timings.append(time.perf_counter() - start)
    best, median = min(timings), statistics.median(timings)
    options = ", ".join(report.options)
    print(f"compare(): {SAMPLES:,} Monte Carlo samples over {len(report.options)} options ({options})")
    print(f"best {best * 1000:.1f} ms, median {median * 1000:.1f} ms over {RUNS} runs; target < {TARGET_SECONDS * 1000:.0f} ms")
    cheapest = ", ".join(f"{name} {p:.0%}" for name, p in report.uncertainty.prob_cheapest.items())
    print(f"P(cheapest): {cheapest}")
    if best >= TARGET_SECONDS:
        print("FAIL: target missed", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
