"""When a fine-tune pays back against RAG: on the grown volume series, month by month, past the horizon
for up to ten years, fractional within the month; and the volume at which their totals meet.

The saving in a month is RAG's cost minus the fine-tune's at that month's volume (tokens, fixed items,
and the items that follow volume, such as whole GPUs); the payback is the first (fractional) month at
which the savings so far repay the fine-tune's extra one-time cost, consistent with the cumulative
chart: the chart's crossover month is the payback rounded up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tools.cost_arithmetic import OptionArrays, Totals, growth_factor_sum, month_factors, with_parameters

# Payback is followed past the horizon, at the same growth, for up to ten years.
PAYBACK_LIMIT_MONTHS = 120


def breakeven_arrays(options: dict[str, OptionArrays], totals: dict[str, Totals], q0, growth, horizon: int):
    """payback months and calls on the grown volume series, and the break-even monthly volume over the
    horizon, of fine_tune against rag (inf = never)."""
    np = _np()
    ft, rag = options["fine_tune"], options["rag"]
    extra_one_time = totals["fine_tune"].one_time - totals["rag"].one_time
    per_query_saving = totals["rag"].per_query - totals["fine_tune"].per_query
    extra_fixed = totals["fine_tune"].fixed - totals["rag"].fixed
    saving = _Saving(per_query_saving, extra_fixed, tuple(rag.scaled.values()), tuple(ft.scaled.values()))
    monthly_saving = saving(q0)
    payback, calls = _payback(saving, extra_one_time, monthly_saving, q0, growth)
    # Equal totals: extra_one_time = sum over months of (slope * q_m + intercept), GPUs taken as divisible.
    slope = per_query_saving + _sum_of(rag, "slope") - _sum_of(ft, "slope")
    intercept = -extra_fixed + _sum_of(rag, "intercept") - _sum_of(ft, "intercept")
    needed = extra_one_time - intercept * horizon
    growth_sum = growth_factor_sum(growth, horizon)
    with np.errstate(all="ignore"):
        rate = slope * growth_sum
        volume = np.where(rate > 0, np.where(needed > 0, needed / np.where(rate > 0, rate, 1.0), 0.0), np.inf)
    return payback, calls, volume, extra_one_time, monthly_saving, per_query_saving, needed


def _sum_of(option: OptionArrays, part: str):
    return sum((getattr(item, part)() for item in option.scaled.values()), 0.0)


@dataclass(frozen=True)
class _Saving:
    """What the fine-tune saves against RAG in a month of volume q: per-query savings, less its extra
    fixed costs, plus the difference of the volume-following items."""

    per_query: Any
    extra_fixed: Any
    rag_items: tuple
    ft_items: tuple

    def __call__(self, q):
        return (
            self.per_query * q - self.extra_fixed
            + sum((item.cost(q) for item in self.rag_items), 0.0)
            - sum((item.cost(q) for item in self.ft_items), 0.0)
        )

    def linear(self) -> bool:
        return all(item.linear() for item in self.rag_items + self.ft_items)

    def slope(self):
        """For a linear saving: what one more query in a month saves."""
        return self.per_query + sum((i.slope() for i in self.rag_items), 0.0) - sum((i.slope() for i in self.ft_items), 0.0)

    def intercept(self):
        return -self.extra_fixed + sum((i.intercept() for i in self.rag_items), 0.0) - sum((i.intercept() for i in self.ft_items), 0.0)

    def rows(self, rows, size: int) -> _Saving:
        """The same saving for a subset of samples, laid out to multiply a (rows, months) block."""
        pick = lambda value: _rows_of(value, rows, size)  # noqa: E731
        return _Saving(
            pick(self.per_query), pick(self.extra_fixed),
            tuple(with_parameters(i, pick) for i in self.rag_items), tuple(with_parameters(i, pick) for i in self.ft_items),
        )


def _rows_of(value, rows, size: int):
    np = _np()
    value = np.asarray(value)
    if value.ndim and value.shape[-1] == size and size > 1:
        return value[rows][:, None]
    return value.reshape(-1)[:1] if value.ndim else value


def _gather(open_, size: int):
    """An index for the open samples: a slice (a view, no copy) while they are all still open."""
    return slice(None) if open_.size == size else open_


def _payback(saving: _Saving, extra, first_saving, q0, growth):
    """The first (fractional) month at which the cumulative monthly savings repay `extra`, on volumes
    q0 * (1 + g)^m, within PAYBACK_LIMIT_MONTHS (inf after); and the queries served until then. 0 when the
    fine-tune costs no more up front and saves from the first month; inf when it costs no more up front
    but more every month (nothing to repay)."""
    np = _np()
    shape = np.broadcast(extra, first_saving, q0, growth).shape
    size = shape[-1] if shape else 1
    # The samples' own precision (float32 in the Monte Carlo): the quantiles later sort these arrays.
    dtype = np.result_type(extra, first_saving, q0, growth, np.float32)
    extra, first_saving, q0, growth = (np.broadcast_to(v, shape).astype(dtype).reshape(-1) for v in (extra, first_saving, q0, growth))
    months = np.where(extra <= 0, np.where(first_saving >= 0, 0.0, np.inf), np.inf)
    calls = np.where(months == 0, 0.0, np.inf)
    open_ = np.flatnonzero(extra > 0)
    flat = open_[growth[open_] == 0]
    if flat.size:
        # Flat volume: a constant monthly saving, today's value.
        s = first_saving[flat]
        with np.errstate(all="ignore"):
            t = np.where(s > 0, extra[flat] / np.where(s > 0, s, 1.0), np.inf)
            t = np.where(t <= PAYBACK_LIMIT_MONTHS, t, np.inf)
            months[flat], calls[flat] = t, np.where(np.isfinite(t), t * q0[flat], np.inf)
    open_ = open_[growth[open_] != 0]
    if open_.size and saving.linear():
        a = np.broadcast_to(saving.slope(), shape).reshape(-1)
        b = np.broadcast_to(saving.intercept(), shape).reshape(-1)
        # A saving linear in volume whose monthly amount never falls (a * g >= 0) adds up to a convex
        # series: once it repays, it stays repaid, so the first month can be bisected.
        rising = open_[a[open_] * growth[open_] >= 0]
        _bisect_payback(rising, a, b, extra, q0, growth, months, calls)
        open_ = open_[a[open_] * growth[open_] < 0]
    carry, served = np.zeros(open_.size), np.zeros(open_.size)
    # A year at a time, only for the samples still unpaid: most pay back (or plainly never do) early.
    for start in range(0, PAYBACK_LIMIT_MONTHS, 12):
        if not open_.size:
            break
        at = _gather(open_, extra.size)
        q = q0[at, None] * month_factors(growth[at], start, start + 12)
        s = np.broadcast_to(saving.rows(at, size)(q), q.shape)
        cumulative = carry[:, None] + np.cumsum(s, axis=1)
        reached = cumulative >= extra[at, None]
        hit = reached.any(axis=1)
        rows = np.flatnonzero(hit)
        if rows.size:
            k = reached[rows].argmax(axis=1)
            before = cumulative[rows, k] - s[rows, k]
            fraction = (extra[open_[rows]] - before) / s[rows, k]
            served_before = served[rows] + np.cumsum(q[rows], axis=1)[np.arange(rows.size), k] - q[rows, k]
            months[open_[rows]] = start + k + fraction
            calls[open_[rows]] = served_before + fraction * q[rows, k]
        keep = ~hit
        carry, served = cumulative[keep, -1], served[keep] + q[keep].sum(axis=1)
        open_ = open_[keep]
    return months.reshape(shape), calls.reshape(shape)


def _bisect_payback(rows, a, b, extra, q0, growth, months, calls) -> None:
    """The payback of samples whose cumulative saving is convex in months: the first whole month k at
    which it reaches `extra`, found by bisection, then the fraction of month k-1 it took."""
    np = _np()
    if not rows.size:
        return
    a, b, extra, q0, g = a[rows], b[rows], extra[rows], q0[rows], growth[rows]
    log_g = np.log1p(g)

    def served(n):  # queries in the first n months
        return q0 * np.expm1(n * log_g) / g

    def saved(n):
        return a * served(n) + b * n

    repaid = saved(np.full(rows.size, PAYBACK_LIMIT_MONTHS, dtype=q0.dtype)) >= extra
    # A saving that never falls repays at least as fast as its first month's pace: a tighter upper end.
    first = a * q0 + b
    with np.errstate(all="ignore"):
        pace = np.where(first > 0, np.ceil(extra / np.where(first > 0, first, 1.0)), PAYBACK_LIMIT_MONTHS)
    high = int(np.max(np.minimum(pace, PAYBACK_LIMIT_MONTHS))) if rows.size else 1
    # The last whole month by whose end the saving has not yet repaid, bit by bit from the highest:
    # a step is taken where the month it reaches has not repaid (the repaid months are all those
    # after the first, so the steps find it exactly). Multiplying by the 0/1 outcome, not np.where,
    # keeps each step branch-free: a where on a mask that differs sample to sample costs ten products.
    unpaid = np.zeros(rows.size, dtype=q0.dtype)
    for bit in reversed(range(max(1, high - 1).bit_length())):
        step = q0.dtype.type(1 << bit)
        unpaid += step * ~(saved(unpaid + step) >= extra)
    k = unpaid + 1  # the first whole month by whose end the saving repays
    month_volume = q0 * np.exp((k - 1) * log_g)
    month_saving = a * month_volume + b
    with np.errstate(all="ignore"):
        fraction = (extra - saved(k - 1)) / month_saving
    months[rows] = np.where(repaid, k - 1 + fraction, np.inf)
    calls[rows] = np.where(repaid, served(k - 1) + fraction * month_volume, np.inf)


def _np():
    import numpy

    return numpy
