"""The Monte Carlo's order statistics: selected rank by rank, they are exactly those a full sort gives,
and the Monte Carlo's summaries are unchanged by how they are selected."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tools import uncertainty
from tools.cost_inputs import resolve
from tools.scenario import parse_scenario

RANGED = {
    "horizon_months": 24,
    "workload": {"queries_per_day": [50_000, 150_000], "input_tokens": [400, 900], "output_tokens": [200, 400],
                 "monthly_growth": [0.0, 0.05]},
    "model": "claude-sonnet-4-5",
    "caching": {"cached_tokens": 500, "hit_rate": [0.5, 0.9]},
    "rag": {"context_tokens": [1500, 3000], "monthly_usd": [200, 800]},
    "fine_tune": {"setup_usd": [53_000, 145_000], "training_run_usd": [500, 30_000], "runs": [3, 5],
                  "inference_premium": [0.2, 0.5], "tokens_saved": [0, 300], "student_model": "claude-haiku-4-5"},
}


def _ranks(n: int) -> list[int]:
    return [max(0, math.ceil(n * q) - 1) for q in (0.1, 0.5, 0.9)]


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 11, 100, 1001, 20_000])
@pytest.mark.parametrize("kind", ["uniform", "ties", "inf", "nan", "periodic"])
def test_selection_puts_each_rank_where_a_sort_would(n, kind):
    rng = np.random.default_rng(n)
    row = rng.random(n).astype(np.float32)
    if kind == "ties":
        row = np.round(row * 3)
    elif kind == "inf":
        row[rng.random(n) < 0.3] = np.inf  # "never pays back"
    elif kind == "nan":
        row[rng.random(n) < 0.1] = np.nan
    elif kind == "periodic":
        row[::32] = 0.5  # a subsample unlike the row: every bracket misses, the fallback answers
    expected = np.sort(row)
    before = row.copy()
    selected = uncertainty.order_statistics(row, _ranks(n))
    for k, value in zip(_ranks(n), selected):
        assert value == expected[k] or (np.isnan(value) and np.isnan(expected[k]))
    assert np.array_equal(row, before, equal_nan=True)  # read, not reordered


def test_monte_carlo_summaries_match_those_of_a_full_sort(monkeypatch):
    resolved = resolve(parse_scenario(RANGED))
    fast = uncertainty.monte_carlo(resolved, seed=3, samples=20_000)
    monkeypatch.setattr(uncertainty, "order_statistics", lambda row, ranks: [np.sort(row)[k] for k in ranks])
    sorted_ = uncertainty.monte_carlo(resolved, seed=3, samples=20_000)
    assert fast == sorted_
    assert fast.options["rag"]["total_usd"]["p10"] < fast.options["rag"]["total_usd"]["p90"]
