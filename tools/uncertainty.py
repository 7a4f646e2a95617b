"""What the cost model says about uncertain inputs: a seeded Monte Carlo over the ranges, and the
sensitivity of the fine-tune-versus-RAG gap to each input.

Both run the same vectorised arithmetic as the point estimate (`tools.cost_arithmetic.evaluate`), over
many rows at once: the Monte Carlo draws every ranged input uniformly within its range, the sweep moves
one input at a time from low to high (its range, else +/-25%).
"""

from __future__ import annotations

import math
from typing import Any

from tools.cost_arithmetic import Resolved, breakeven_arrays, evaluate, finite_or_none, parameter_arrays
from tools.cost_report import Sensitivity, Uncertainty
from tools.scenario import Range

# A point input without a range is swung by this fraction either way in the sensitivity list.
SENSITIVITY_SWING = 0.25


def _rounded(value) -> float | None:
    """Monte Carlo summaries are float32: report the 6 significant digits they carry, not binary noise."""
    value = finite_or_none(value)
    return None if value is None else float(f"{value:.6g}")


_OUTPUTS = ("one_time_usd", "monthly_usd", "total_usd", "cost_per_1k_queries_usd")


def monte_carlo(resolved: Resolved, seed: int, samples: int) -> Uncertainty:
    """A seeded Monte Carlo of `samples` draws, each ranged input uniform within its range: p10/p50/p90
    of every option's outputs and of the break-even, and how often each option is cheapest."""
    import numpy as np

    rng = np.random.default_rng(seed)
    horizon = resolved.horizon
    # float32 halves the memory traffic of 100k-sample arrays; its 7 significant digits are far finer
    # than the uncertainty being described.
    p = {}
    # A defaulted price shares its Range object with the price it defaults to (cached input = input):
    # one draw per object keeps the two equal in every sample.
    drawn: dict[int, Any] = {}
    for key, value in resolved.values.items():
        if isinstance(value, Range):
            if id(value) not in drawn:
                spread = np.float32(value.high - value.low)
                drawn[id(value)] = np.float32(value.low) + spread * rng.random(samples, np.float32)
            p[key] = drawn[id(value)]
        else:
            p[key] = np.full(1, value, dtype=np.float32)
    # Point parameters stay shape (1,) and broadcast; zeros_like() in option_arrays needs a full-size array.
    p["workload.input_tokens"] = np.broadcast_to(p["workload.input_tokens"], (samples,))
    costs = evaluate(p, resolved, samples)
    totals = costs.totals
    payback, calls, volume, *_ = breakeven_arrays(totals, costs.q0, costs.growth_sum, horizon)

    names = list(costs.options)
    # Who wins and whether it pays back are read first: the quantiles below reorder the arrays in place.
    cheapest = np.argmin(np.stack([np.broadcast_to(totals[n].total, (samples,)) for n in names]), axis=0)
    counts = np.bincount(cheapest, minlength=len(names))
    prob_payback = float(np.mean(payback <= horizon))
    rows = []
    for name in names:
        t = totals[name]
        rows += [t.one_time, t.monthly, t.total, t.per_1k]
    rows += [payback, calls, volume]
    summaries = _quantiles(rows, samples)
    option_summaries = {
        name: {out: summaries[4 * n + k] for k, out in enumerate(_OUTPUTS)} for n, name in enumerate(names)
    }
    base = 4 * len(names)
    breakeven = {
        "payback_months": summaries[base],
        "payback_calls": summaries[base + 1],
        "breakeven_queries_per_month": summaries[base + 2],
    }
    return Uncertainty(
        samples=samples,
        seed=seed,
        options=option_summaries,
        breakeven=breakeven,
        prob_cheapest={name: float(counts[i] / samples) for i, name in enumerate(names)},
        prob_payback_within_horizon=prob_payback,
    )


def _quantiles(rows: list, samples: int) -> list[dict[str, float | None]]:
    """p10/p50/p90 of each row, reordering the rows in place; rows that did not vary are not sorted."""
    import numpy as np

    # Order statistics without interpolation ("inverted_cdf"): "never" is inf, and interpolating
    # towards inf would turn finite answers into nan.
    ranks = [max(0, math.ceil(samples * q) - 1) for q in (0.1, 0.5, 0.9)]
    result: list[dict[str, float | None]] = []
    for row in rows:
        if np.size(row) > 1 and np.min(row) != np.max(row):
            # In place: these arrays are the caller's scratch results, and copying twenty 100k-sample
            # rows would add a tenth to the Monte Carlo's time.
            if not (row.flags.writeable and row.flags.c_contiguous):
                row = np.array(row)
            row.partition(ranks)
            p10, p50, p90 = (_rounded(row[k]) for k in ranks)
        else:
            p10 = p50 = p90 = _rounded(np.asarray(row).flat[0])
        result.append({"p10": p10, "p50": p50, "p90": p90})
    return result


def sensitivity(resolved: Resolved) -> list[Sensitivity]:
    """One input at a time from low to high (its range, else +/-25%), biggest move of the gap first."""
    swept = []
    for key, value in resolved.values.items():
        if isinstance(value, Range):
            swept.append((key, value.low, value.high, True))
        elif value:
            # sorted: for a negative value (shrinking volume) the -25% end is the higher one.
            low, high = sorted((value * (1 - SENSITIVITY_SWING), value * (1 + SENSITIVITY_SWING)))
            if key == "caching.hit_rate":
                high = min(high, 1.0)
            if key == "workload.monthly_growth":
                # Stay inside the range the scenario accepts, where (1 + g) ** n is defined.
                low, high = max(low, -0.99), min(high, 1.0)
            swept.append((key, low, high, False))
    if not swept:
        return []
    rows = 2 * len(swept)
    p = parameter_arrays(resolved.values, rows)
    for i, (key, low, high, _) in enumerate(swept):
        p[key][2 * i] = low
        p[key][2 * i + 1] = high
    totals = evaluate(p, resolved).totals
    gap = totals["fine_tune"].total - totals["rag"].total
    items = [
        Sensitivity(
            field=key,
            low=float(low),
            high=float(high),
            gap_at_low_usd=float(gap[2 * i]),
            gap_at_high_usd=float(gap[2 * i + 1]),
            swing_usd=float(abs(gap[2 * i + 1] - gap[2 * i])),
            from_range=from_range,
        )
        for i, (key, low, high, from_range) in enumerate(swept)
    ]
    return sorted((s for s in items if s.swing_usd > 1e-9), key=lambda s: s.swing_usd, reverse=True)
