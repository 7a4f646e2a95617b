"""The cost model's arithmetic, vectorised: every parameter is an array of samples, or of one point.

One set of functions serves the point estimate, the Monte Carlo over ranges and the sensitivity sweep
alike, so the three can never disagree. `Resolved` is a scenario with every default filled in and its
prices looked up (built by `tools.cost_model`); `parameter_arrays` turns its values into arrays and
`evaluate` costs every option over them. Amounts are USD; `p` maps a parameter path such as
"workload.input_tokens" to its array.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tools.assumptions import Assumption
from tools.cost_report import PricesUsed
from tools.scenario import DAYS_PER_MONTH, GPU_HOURS_PER_MONTH, Range


@dataclass(frozen=True)
class Resolved:
    """A scenario ready for the arithmetic: every parameter's value (defaults included), and how it runs."""

    horizon: int
    values: dict[str, float | Range]  # parameter path -> value, every default filled in
    volume_field: str
    self_hosted: bool  # the fine-tuned models run on your GPUs
    distill: bool
    prices: dict[str, PricesUsed]
    assumptions: list[Assumption]
    base_self_hosted: bool = False  # so does the base model (prompting, RAG)


def _token_costs(p, prefix: str, t_in, multiplier):
    """USD per query for input and output tokens at the prices under `prefix`."""
    np = _np()
    cached = np.minimum(p["caching.cached_tokens"], t_in)
    hit = p["caching.hit_rate"]
    cached_rate = hit * p[f"{prefix}.cached_input"] + (1 - hit) * p[f"{prefix}.cache_write"]
    per_input = (cached * cached_rate + (t_in - cached) * p[f"{prefix}.input"]) * multiplier / 1e6
    per_output = p["workload.output_tokens"] * p[f"{prefix}.output"] * multiplier / 1e6
    return per_input, per_output


@dataclass(frozen=True)
class OptionArrays:
    one_time: dict[str, Any]
    per_query_input: Any
    per_query_output: Any
    fixed: dict[str, Any]


def option_arrays(p, self_hosted: bool, distill: bool, base_self_hosted: bool = False) -> dict[str, OptionArrays]:
    np = _np()
    zero = np.zeros_like(p["workload.input_tokens"])
    input_tokens = p["workload.input_tokens"]
    context = p["rag.context_tokens"]
    ft_input = np.maximum(0.0, input_tokens - p["fine_tune.tokens_saved"])
    every = p["fine_tune.retrain_every_months"]
    retraining = np.where(every > 0, p["fine_tune.retrain_usd"] / np.where(every > 0, every, 1.0), 0.0)
    ft_one_time = {
        "training_runs": p["fine_tune.training_run_usd"] * p["fine_tune.runs"],
        "fine_tune_setup": p["fine_tune.setup_usd"],
    }
    ft_fixed = {"fine_tune_operations": p["fine_tune.monthly_usd"], "retraining": retraining}
    rag_fixed = {"rag_infrastructure": p["rag.monthly_usd"]}
    premium = 1 + p["fine_tune.inference_premium"]

    def tuned(prefix: str, t_in, rag: bool) -> OptionArrays:
        one_time = dict(ft_one_time) | ({"rag_setup": p["rag.setup_usd"]} if rag else {})
        fixed = dict(ft_fixed) | (rag_fixed if rag else {})
        if self_hosted:
            # Self-hosted models pay for GPUs by the hour, not for tokens.
            fixed["gpu_hosting"] = p["fine_tune.gpu_hourly_usd"] * GPU_HOURS_PER_MONTH * p["fine_tune.gpus"]
            return OptionArrays(one_time, zero, zero, fixed)
        per_input, per_output = _token_costs(p, prefix, t_in, premium)
        return OptionArrays(one_time, per_input, per_output, fixed)

    if base_self_hosted:
        gpu = {"gpu_hosting": p["fine_tune.gpu_hourly_usd"] * GPU_HOURS_PER_MONTH * p["fine_tune.gpus"]}
        prompting, rag = (zero, zero), (zero, zero)
        base_fixed = gpu
    else:
        prompting = _token_costs(p, "prices", input_tokens, 1.0)
        rag = _token_costs(p, "prices", input_tokens + context, 1.0)
        base_fixed = {}
    options = {
        "prompting": OptionArrays({}, *prompting, dict(base_fixed)),
        "rag": OptionArrays({"rag_setup": p["rag.setup_usd"]}, *rag, rag_fixed | base_fixed),
        "fine_tune": tuned("prices", ft_input, rag=False),
        "hybrid": tuned("prices", ft_input + context, rag=True),
    }
    if distill:
        options["distill"] = tuned("fine_tune.student_prices", ft_input, rag=False)
    return options


@dataclass(frozen=True)
class Totals:
    one_time: Any
    monthly: Any  # first month
    per_query: Any
    fixed: Any
    total: Any
    per_1k: Any


def monthly_volume(p, volume_field: str):
    value = p[f"workload.{volume_field}"]
    return value * DAYS_PER_MONTH if volume_field == "queries_per_day" else value


def growth_factor_sum(growth, horizon: int):
    """Sum of (1 + g)^k for k in 0..horizon-1: the horizon's volume in units of the first month's."""
    np = _np()
    flat = growth == 0
    safe = np.where(flat, 1.0, growth)
    # expm1/log1p instead of ((1 + g)^n - 1) / g: float32 samples would round 1 + 1e-9 to 1 and lose it all.
    return np.where(flat, float(horizon), np.expm1(horizon * np.log1p(safe)) / safe)


def option_totals(options: dict[str, OptionArrays], q0, growth_sum, horizon: int) -> dict[str, Totals]:
    np = _np()
    result = {}
    queries = q0 * growth_sum
    for name, o in options.items():
        one_time = sum(o.one_time.values()) if o.one_time else np.zeros_like(q0)
        fixed = sum(o.fixed.values()) if o.fixed else np.zeros_like(q0)
        per_query = o.per_query_input + o.per_query_output
        total = one_time + per_query * queries + horizon * fixed
        with np.errstate(all="ignore"):  # no queries at all: per 1k is undefined (None), not an error
            per_1k = np.where(queries > 0, total / np.where(queries > 0, queries, 1.0) * 1000, np.nan)
        result[name] = Totals(one_time, per_query * q0 + fixed, per_query, fixed, total, per_1k)
    return result


def breakeven_arrays(totals: dict[str, Totals], q0, growth_sum, horizon: int):
    """payback months, payback calls and break-even monthly volume of fine_tune against rag (inf = never)."""
    np = _np()
    ft, rag = totals["fine_tune"], totals["rag"]
    extra_one_time = ft.one_time - rag.one_time
    per_query_saving = rag.per_query - ft.per_query
    extra_fixed = ft.fixed - rag.fixed
    monthly_saving = per_query_saving * q0 - extra_fixed
    # Savings of a fraction of a cent overflow the division to inf, which is what "never" means here.
    with np.errstate(all="ignore"):
        payback = np.where(
            extra_one_time <= 0,
            np.where(monthly_saving >= 0, 0.0, np.inf),
            np.where(monthly_saving > 0, extra_one_time / monthly_saving, np.inf),
        )
        calls = np.where(np.isfinite(payback), payback * q0, np.inf)
        # totals equal when extra_one_time + horizon*extra_fixed == per_query_saving * q * growth_sum
        needed = extra_one_time + horizon * extra_fixed
        slope = per_query_saving * growth_sum
        volume = np.where(
            slope > 0,
            np.where(needed > 0, needed / np.where(slope > 0, slope, 1.0), 0.0),
            np.inf,
        )
    return payback, calls, volume, extra_one_time, monthly_saving, per_query_saving, needed


def finite_or_none(value) -> float | None:
    """A result as a float, or None where it is inf or nan ("never", "undefined")."""
    value = float(value)
    return value if math.isfinite(value) else None


def _np():
    import numpy

    return numpy


def parameter_arrays(values: Mapping[str, float | Range], size: int = 1) -> dict[str, Any]:
    """Every value as an array of `size` copies (a range's midpoint), for the point estimate or a sweep."""
    np = _np()
    return {
        k: np.full(size, v.mid if isinstance(v, Range) else v, dtype=float) for k, v in values.items()
    }


@dataclass(frozen=True)
class Costs:
    """Every option costed over one set of parameter arrays."""

    options: dict[str, OptionArrays]
    q0: Any  # first month's queries
    growth_sum: Any  # the horizon's queries in units of the first month's
    totals: dict[str, Totals]


def evaluate(p, resolved: Resolved, samples: int | None = None) -> Costs:
    """Cost every option over the parameter arrays `p`; with `samples`, the first month's volume is
    broadcast to that many rows (a Monte Carlo whose volume is a point)."""
    np = _np()
    options = option_arrays(p, resolved.self_hosted, resolved.distill, resolved.base_self_hosted)
    q0 = monthly_volume(p, resolved.volume_field)
    if samples is not None:
        q0 = np.broadcast_to(q0, (samples,))
    growth_sum = growth_factor_sum(p["workload.monthly_growth"], resolved.horizon)
    totals = option_totals(options, q0, growth_sum, resolved.horizon)
    return Costs(options, q0, growth_sum, totals)
