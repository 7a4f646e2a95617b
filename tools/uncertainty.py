"""What the cost model says about uncertain inputs: a seeded Monte Carlo over the ranges, the
sensitivity of the fine-tune-versus-RAG gap to each input, and the value of each input at which the
cheapest qualifying option changes.

All run the same vectorised arithmetic as the point estimate (`tools.cost_arithmetic.evaluate`), over
many rows at once: the Monte Carlo draws every ranged input uniformly within its range, the sweep moves
one input at a time from low to high (its range, else +/-25%), and the flip search moves each input
from a tenth to ten times its value (a share from 0 to 1) and bisects where the winner changes.
"""

from __future__ import annotations

import math
from typing import Any

from tools.cost_arithmetic import Resolved, evaluate, finite_or_none, parameter_arrays
from tools.payback import breakeven_arrays
from tools.cost_report import Flip, Sensitivity, Uncertainty
from tools.scenario import Range

# A point input without a range is swung by this fraction either way in the sensitivity list.
SENSITIVITY_SWING = 0.25


def _rounded(value) -> float | None:
    """Monte Carlo summaries are float32: report the 6 significant digits they carry, not binary noise."""
    value = finite_or_none(value)
    return None if value is None else float(f"{value:.6g}")


_OUTPUTS = ("one_time_usd", "monthly_usd", "total_usd", "cost_per_1k_queries_usd")


def monte_carlo(resolved: Resolved, seed: int, samples: int, eligible: tuple[str, ...] = ()) -> Uncertainty:
    """A seeded Monte Carlo of `samples` draws, each ranged input uniform within its range: p10/p50/p90
    of every option's outputs and of the break-even, how often each qualifying option (`eligible`; all
    when empty) is cheapest, and how often the fine-tune costs less than RAG over the horizon."""
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
    payback, calls, volume, *_ = breakeven_arrays(costs.options, totals, costs.q0, costs.growth, horizon)
    payback, calls = np.broadcast_to(payback, (samples,)), np.broadcast_to(calls, (samples,))

    names = list(costs.options)
    contenders = [n for n in names if n in eligible] or names
    wins = dict(zip(contenders, cheapest_counts([totals[n].total for n in contenders], samples)))
    prob_payback = float(np.mean(payback <= horizon))
    prob_ft_cheaper = float(np.mean(np.broadcast_to(totals["fine_tune"].total < totals["rag"].total, (samples,))))
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
        prob_cheapest={name: float(wins.get(name, 0) / samples) for name in names},
        prob_payback_within_horizon=prob_payback,
        prob_fine_tune_cheaper_than_rag=prob_ft_cheaper,
        eligible=tuple(contenders),
    )


def cheapest_counts(totals: list, samples: int) -> list[int]:
    """How many samples each of `totals` is the least of, a tie going to the first (as `argmin`).

    The least of all, then each row's equals among the samples not yet won: one comparison of
    contiguous rows per option, where an `argmin` across the stacked rows walks them with a stride
    (ten times slower on 100k samples)."""
    import functools

    import numpy as np

    least = np.broadcast_to(functools.reduce(np.minimum, totals), (samples,))
    won = np.zeros(samples, dtype=bool)
    counts = []
    for total in totals:
        first = (total == least) & ~won
        counts.append(int(np.count_nonzero(first)))
        won |= first
    return counts


def _quantiles(rows: list, samples: int) -> list[dict[str, float | None]]:
    """p10/p50/p90 of each row, which is left as it is."""
    import numpy as np

    # Order statistics without interpolation ("inverted_cdf"): "never" is inf, and interpolating
    # towards inf would turn finite answers into nan.
    ranks = [max(0, math.ceil(samples * q) - 1) for q in (0.1, 0.5, 0.9)]
    result: list[dict[str, float | None]] = []
    for row in rows:
        if np.size(row) == 1:  # a point: every sample alike
            p10 = p50 = p90 = _rounded(np.asarray(row).flat[0])
        else:
            p10, p50, p90 = (_rounded(v) for v in order_statistics(row, ranks))
        result.append({"p10": p10, "p50": p50, "p90": p90})
    return result


# A rank's bracket in the sorted subsample: this many binomial standard deviations either side, so
# that a bracket misses the rank about once in 30,000 (and the selection then partitions it all).
_BRACKET_SDS = 4.0
_SUBSAMPLE_STEP = 32


def order_statistics(row, ranks: list[int]) -> list:
    """The values at `ranks` of `row` sorted (nan last, as `np.sort` puts them), without sorting it.

    Floyd and Rivest's selection: every rank is bracketed between two values of a sorted subsample
    (every 32nd value: the samples are independent draws, in no order), then only the values between
    the two are partitioned, a few thousand of 100k. A partition of the whole row costs about as much
    as twenty of the comparisons that find a bracket; a bracket that misses its rank (a subsample
    unlike the row) falls back to that partition, so the answer is exact either way. The row is read,
    never reordered: it may be a broadcast view, or an array the caller still needs."""
    import numpy as np

    row = np.asarray(row).reshape(-1)
    size = row.size
    if size < 64 * _SUBSAMPLE_STEP:
        ordered = np.sort(row)
        return [ordered[k] for k in ranks]
    sub = np.sort(row[::_SUBSAMPLE_STEP])
    values = []
    for k in ranks:
        at = (k + 0.5) / size * sub.size
        spread = _BRACKET_SDS * math.sqrt(sub.size * (k + 1) / size * (1 - k / size)) + 1
        low, high = sub[max(0, int(at - spread))], sub[min(sub.size - 1, int(at + spread) + 1)]
        below = int(np.count_nonzero(row < low))
        inside = (row >= low) & (row <= high)
        if low == high:
            # A run of ties (a row that did not vary, or many samples that never pay back): no partition.
            if below <= k < below + int(np.count_nonzero(inside)):
                values.append(low)
                continue
        else:
            candidates = np.compress(inside, row)
            if below <= k < below + candidates.size:
                candidates.partition(k - below)
                values.append(candidates[k - below])
                continue
        whole = np.array(row)
        whole.partition(k)
        values.append(whole[k])
    return values


def sensitivity(resolved: Resolved, eligible: tuple[str, ...] = (), found: list[Flip] | None = None) -> list[Sensitivity]:
    """One input at a time from low to high (its range, else +/-25%), biggest move of the fine-tune -
    RAG gap first; each with the value (if any, within a tenth to ten times its value) at which the
    cheapest qualifying option changes."""
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
    by_field = {f.field: f for f in (found if found is not None else flips(resolved, eligible, limit=None))}
    items = [
        Sensitivity(
            field=key,
            low=float(low),
            high=float(high),
            gap_at_low_usd=float(gap[2 * i]),
            gap_at_high_usd=float(gap[2 * i + 1]),
            swing_usd=float(abs(gap[2 * i + 1] - gap[2 * i])),
            from_range=from_range,
            flip=by_field.get(key),
        )
        for i, (key, low, high, from_range) in enumerate(swept)
    ]
    return sorted((s for s in items if s.swing_usd > 1e-9), key=lambda s: s.swing_usd, reverse=True)


# Inputs the flip search leaves alone: prices are the database's, and references are the sources'.
_NOT_FLIPPED = ("prices.", "tuned.", "fine_tune.student_prices.", "rag.reference_", "rag.vector_store_reference")
_GRID = 21
_BISECTIONS = 14


def flips(resolved: Resolved, eligible: tuple[str, ...] = (), limit: int | None = 5) -> list[Flip]:
    """For each input alone, the value nearest its own at which the cheapest option among `eligible`
    (all options when empty) changes, searched from a tenth to ten times the value (a share from 0 to
    1, a growth from -0.5 to 0.5, the prompt tokens a fine-tune saves from none to all); nearest flips
    first, at most `limit`."""
    import numpy as np

    keys = [k for k, v in resolved.values.items() if not k.startswith(_NOT_FLIPPED) and _flippable(k, v)]
    if not keys:
        return []
    grids = [_grid(k, _mid(resolved.values[k]), resolved) for k in keys]
    # Row 0 is the scenario itself; then one block of grid points per input.
    p = parameter_arrays(resolved.values, 1 + _GRID * len(keys))
    for i, (key, grid) in enumerate(zip(keys, grids)):
        p[key][1 + i * _GRID:1 + (i + 1) * _GRID] = grid
    totals = evaluate(p, resolved).totals
    names = [n for n in eligible if n in totals] or list(totals)
    winner = _winners(totals, names)
    now = int(winner[0])
    # For each input, the grid interval nearest its value where the winner stops or starts being `now`.
    intervals = []
    for i, (key, grid) in enumerate(zip(keys, grids)):
        value = _mid(resolved.values[key])
        w = winner[1 + i * _GRID:1 + (i + 1) * _GRID]
        best = None
        for j in range(_GRID - 1):
            if w[j] != w[j + 1] and now in (w[j], w[j + 1]):
                distance = _distance(value, (grid[j] + grid[j + 1]) / 2)
                if best is None or distance < best[0]:
                    other = int(w[j + 1] if w[j] == now else w[j])
                    best = (distance, key, value, float(grid[j]), float(grid[j + 1]), w[j] == now, other)
        if best is not None:
            intervals.append(best)
    if not intervals:
        return []
    # Bisect every interval at once: one evaluation of all of them per step.
    low = np.array([b[3] for b in intervals])
    high = np.array([b[4] for b in intervals])
    inside_low = np.array([b[5] for b in intervals])
    p = parameter_arrays(resolved.values, len(intervals))
    for _ in range(_BISECTIONS):
        mid = (low + high) / 2
        for row, b in enumerate(intervals):
            p[b[1]][row] = mid[row]
        still = _winners(evaluate(p, resolved).totals, names) == now
        low, high = np.where(still == inside_low, mid, low), np.where(still == inside_low, high, mid)
        for row, b in enumerate(intervals):
            p[b[1]][row] = _mid(resolved.values[b[1]])
    found = [
        (_distance(b[2], (lo + hi) / 2), Flip(b[1], float(b[2]), float((lo + hi) / 2), names[now], names[b[6]]))
        for b, lo, hi in zip(intervals, low, high)
    ]
    found.sort(key=lambda item: item[0])
    return [f for _, f in found][: limit if limit is not None else len(found)]


def _distance(value: float, at: float) -> float:
    """How far a flip is from the input's value: a ratio for positive values, a difference otherwise."""
    if value > 0 and at > 0:
        return abs(math.log(float(at)) - math.log(float(value)))
    return abs(at - value) + 10.0  # a flip from or to zero is a long way off


def _mid(value):
    return value.mid if isinstance(value, Range) else float(value)


def _flippable(key: str, value) -> bool:
    v = _mid(value)
    return v > 0 or key in _LINEAR_GRIDS


# Inputs searched over a span of their own rather than around their value: shares, growth, and the
# prompt tokens a fine-tune saves (often 0 until the user says otherwise).
_LINEAR_GRIDS = ("workload.monthly_growth", "caching.hit_rate", "fine_tune.tokens_saved")


def _grid(key: str, value: float, resolved: Resolved | None = None):
    import numpy as np

    if key == "caching.hit_rate":
        return np.linspace(0.0, 1.0, _GRID)
    if key == "workload.monthly_growth":
        return np.linspace(-0.5, 0.5, _GRID)
    if key == "fine_tune.tokens_saved" and resolved is not None:
        return np.linspace(0.0, _mid(resolved.values["workload.input_tokens"]), _GRID)
    return value * np.logspace(-1, 1, _GRID)


def _winners(totals, names):
    import numpy as np

    return np.argmin(np.stack([totals[n].total for n in names]), axis=0)
