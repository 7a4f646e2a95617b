"""The cost model: total cost of ownership, break-even and uncertainty for every option.

Options are `prompting`, `rag`, `fine_tune`, `hybrid` (fine-tune plus RAG) and `distill` (a fine-tune of
a smaller student model, only when one is given). `compare(scenario)` resolves a scenario (its input
contract is `tools.scenario`) against the sourced defaults and the price database, runs the vectorised
arithmetic of `tools.cost_arithmetic` for the point estimate, the Monte Carlo and the sensitivity
sweep (`tools.uncertainty`), and returns a `tools.cost_report.CostReport`. `estimate_costs` is the
model-facing function over it.

Conventions: a month is 365/12 days, a GPU month 730 hours, token prices are USD per million tokens.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from tools.assumptions import DEFAULT_MODEL, DEFAULTS, Assumption
from tools.cost_arithmetic import Resolved, breakeven_arrays, evaluate, finite_or_none, parameter_arrays
from tools.cost_report import Breakeven, CostReport, OptionCost, PricesUsed
from tools.prices import gpu_hourly_usd, model_prices
from tools.scenario import Prices, Range, Scenario, parse_scenario, with_overrides
from tools.uncertainty import monte_carlo, sensitivity


DEFAULT_SAMPLES = 20_000
_PRICE_KEYS = ("input", "output", "cached_input", "cache_write")


# --------------------------------------------------------------------------------------------------
# Resolving a scenario: defaults, prices, GPU


def _resolve(scenario: Scenario) -> Resolved:
    values: dict[str, float | Range] = {}
    assumptions: list[Assumption] = []

    def take(path: str, given: float | Range | None) -> None:
        if given is None:
            default = DEFAULTS[path]
            assumptions.append(default)
            given = float(default.value)
        values[path] = given

    if scenario.horizon_months is None:
        assumptions.append(DEFAULTS["horizon_months"])
    horizon = scenario.horizon_months or int(DEFAULTS["horizon_months"].value)

    workload = scenario.workload
    volume_field = "queries_per_day" if workload.queries_per_day is not None else "queries_per_month"
    values[f"workload.{volume_field}"] = getattr(workload, volume_field)
    for name in ("input_tokens", "output_tokens", "monthly_growth"):
        take(f"workload.{name}", getattr(workload, name))
    for name in ("cached_tokens", "hit_rate"):
        take(f"caching.{name}", getattr(scenario.caching, name))
    for name in ("context_tokens", "setup_usd", "monthly_usd"):
        take(f"rag.{name}", getattr(scenario.rag, name))
    ft = scenario.fine_tune
    for name in (
        "training_run_usd", "runs", "setup_usd", "retrain_every_months", "retrain_usd",
        "tokens_saved", "inference_premium", "monthly_usd",
    ):
        take(f"fine_tune.{name}", getattr(ft, name))

    base_self_hosted = scenario.hosting == "self_hosted"
    self_hosted = ft.hosting == "self_hosted" or base_self_hosted
    if self_hosted:
        take("fine_tune.gpus", ft.gpus)
        if ft.gpu_hourly_usd is not None:
            values["fine_tune.gpu_hourly_usd"] = ft.gpu_hourly_usd
        else:
            if ft.gpu is None:
                assumptions.append(DEFAULTS["fine_tune.gpu"])
            try:
                gpu = gpu_hourly_usd(ft.gpu or str(DEFAULTS["fine_tune.gpu"].value))
            except LookupError as exc:
                raise LookupError(f"fine_tune.gpu: {exc}") from None
            values["fine_tune.gpu_hourly_usd"] = gpu.hourly_usd
            assumptions.append(
                Assumption("fine_tune.gpu_hourly_usd", gpu.hourly_usd, gpu.source_id, gpu.quote, gpu.note)
            )
    else:
        values["fine_tune.gpus"] = 0.0
        values["fine_tune.gpu_hourly_usd"] = 0.0

    prices = {"base": _prices_used("model", scenario.model, scenario.prices, assumptions)}
    distill = ft.student_model is not None or ft.student_prices is not None
    if distill:
        prices["student"] = _prices_used("fine_tune.student_model", ft.student_model, ft.student_prices, None)
    for role, prefix in (("base", "prices"), ("student", "fine_tune.student_prices")):
        if role in prices:
            for key in _PRICE_KEYS:
                values[f"{prefix}.{key}"] = getattr(prices[role], key)
    return Resolved(horizon, values, volume_field, self_hosted, distill, prices, assumptions, base_self_hosted)


def _prices_used(
    field: str, model: str | None, overrides: Prices | None, assumptions: list[Assumption] | None
) -> PricesUsed:
    given = {k: getattr(overrides, k) for k in _PRICE_KEYS} if overrides else dict.fromkeys(_PRICE_KEYS)
    if model is None and given["input"] is not None and given["output"] is not None:
        base: dict[str, Any] = {"model": "custom", "price_date": None, "as_of": None, "source": "scenario prices"}
    else:
        if model is None:
            if assumptions is None:
                raise ValueError(f"{field}: give a student model name or student_prices with input and output")
            assumptions.append(DEFAULTS["model"])
        name = model or DEFAULT_MODEL
        try:
            found = model_prices(name)
        except LookupError as exc:
            raise LookupError(f"{field}: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"{field}: {exc}") from None
        base = {
            "model": found.model,
            "price_date": found.price_date.isoformat() if found.price_date else None,
            "as_of": found.as_of.isoformat(),
            "source": found.source,
            **{k: getattr(found, k) for k in _PRICE_KEYS},
        }
        if any(v is not None for v in given.values()):
            base["source"] += "; overridden by scenario prices"
    merged = {k: given[k] if given[k] is not None else base.get(k) for k in _PRICE_KEYS}
    # Caching prices the database lacks cost what plain input costs (the contract's default).
    for key in ("cached_input", "cache_write"):
        if merged[key] is None:
            merged[key] = merged["input"]
    return PricesUsed(
        model=base["model"], price_date=base["price_date"], as_of=base["as_of"], source=base["source"], **merged
    )


# --------------------------------------------------------------------------------------------------
# compare(): the public entry point


def compare(scenario: Scenario | Mapping[str, Any], seed: int = 0, samples: int = DEFAULT_SAMPLES) -> CostReport:
    """Cost every option for `scenario`; deterministic for a given seed.

    Without ranges the result is a point estimate. With ranges the point estimate uses each range's
    midpoint and `uncertainty` holds a seeded Monte Carlo of `samples` draws (uniform within each range).
    """
    import numpy as np

    scenario = parse_scenario(scenario)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 100:
        raise ValueError(f"samples: must be a whole number >= 100 (got {samples!r})")
    resolved = _resolve(scenario)
    horizon = resolved.horizon

    point = parameter_arrays(resolved.values)
    costs = evaluate(point, resolved)
    options, q0, totals = costs.options, costs.q0, costs.totals
    months = (1 + point["workload.monthly_growth"][0]) ** np.arange(horizon)

    results = {}
    for name, o in options.items():
        t = totals[name]
        monthly_series = t.per_query[0] * q0[0] * months + t.fixed[0]
        cumulative = t.one_time[0] + np.cumsum(monthly_series)
        items = {"input_tokens": o.per_query_input[0] * q0[0], "output_tokens": o.per_query_output[0] * q0[0]}
        if (resolved.self_hosted and name in ("fine_tune", "hybrid", "distill")) or (
            resolved.base_self_hosted and name in ("prompting", "rag")
        ):
            items = {}
        items |= {k: v[0] for k, v in o.fixed.items()}
        results[name] = OptionCost(
            name=name,
            one_time_usd=_dollars(t.one_time[0]),
            one_time_items={k: _dollars(v[0]) for k, v in o.one_time.items()},
            monthly_usd=_dollars(t.monthly[0]),
            monthly_items={k: _dollars(v) for k, v in items.items()},
            total_usd=_dollars(t.total[0]),
            cost_per_1k_queries_usd=finite_or_none(t.per_1k[0]),
            marginal_cost_per_1k_queries_usd=float(t.per_query[0] * 1000),
            cumulative_usd=[_dollars(v) for v in cumulative],
        )

    breakeven = _breakeven(totals, q0, costs.growth_sum, horizon)
    has_ranges = any(isinstance(v, Range) for v in resolved.values.values())
    uncertainty = monte_carlo(resolved, seed, samples) if has_ranges else None
    return CostReport(
        horizon_months=horizon,
        queries_per_month=float(q0[0]),
        options=results,
        cheapest=min(results, key=lambda n: results[n].total_usd),
        breakeven=breakeven,
        uncertainty=uncertainty,
        sensitivity=sensitivity(resolved),
        assumptions=list(resolved.assumptions),
        prices=resolved.prices,
        inputs={k: v.to_list() if isinstance(v, Range) else v for k, v in resolved.values.items()},
        hosting="self_hosted" if resolved.base_self_hosted else "hosted",
    )


def _dollars(value) -> float:
    # Micro-dollar rounding hides float noise (14600.000000000004) without moving any cent.
    return round(float(value), 6)


def _breakeven(totals, q0, growth_sum, horizon: int) -> Breakeven:
    payback, calls, volume, extra_one_time, saving, per_query_saving, needed = (
        float(a[0]) for a in breakeven_arrays(totals, q0, growth_sum, horizon)
    )
    reasons = []
    if not math.isfinite(payback):
        if extra_one_time <= 0:
            reasons.append(
                f"fine-tuning costs no more up front but ${-saving:,.0f} more a month than RAG, so there is nothing to pay back"
            )
        else:
            reasons.append(
                f"at {q0[0]:,.0f} queries a month fine-tuning saves nothing over RAG "
                f"(it costs ${-saving:,.0f} a month more), so its ${extra_one_time:,.0f} extra up front never pays back"
            )
    if not math.isfinite(volume):
        if needed < 0:
            reasons.append("fine-tuning is cheaper than RAG over the horizon even at low volume and never costs more per query")
        else:
            reasons.append("fine-tuning costs at least as much per query as RAG, so no volume makes it cheaper over the horizon")
    return Breakeven(
        payback_months=finite_or_none(payback),
        payback_calls=finite_or_none(calls),
        breakeven_queries_per_month=finite_or_none(volume),
        extra_one_time_usd=extra_one_time,
        monthly_saving_usd=saving,
        reason="; ".join(reasons) or None,
    )


# --------------------------------------------------------------------------------------------------
# The model-facing function


def estimate_costs(
    queries_per_day: float | list[float] | None = None,
    queries_per_month: float | list[float] | None = None,
    input_tokens: float | list[float] | None = None,
    output_tokens: float | list[float] | None = None,
    model: str | None = None,
    context_tokens: float | list[float] | None = None,
    horizon_months: int | None = None,
    monthly_growth: float | list[float] | None = None,
    cached_tokens: float | list[float] | None = None,
    cache_hit_rate: float | list[float] | None = None,
    training_run_usd: float | list[float] | None = None,
    training_runs: float | list[float] | None = None,
    fine_tune_setup_usd: float | list[float] | None = None,
    retrain_every_months: float | list[float] | None = None,
    retrain_usd: float | list[float] | None = None,
    tokens_saved: float | list[float] | None = None,
    inference_premium: float | list[float] | None = None,
    student_model: str | None = None,
    hosting: Literal["hosted", "self_hosted"] | None = None,
    model_hosting: Literal["hosted", "self_hosted"] | None = None,
    gpu: str | None = None,
    scenario: dict | None = None,
) -> dict:
    """Compare what prompting, RAG, fine-tuning, a hybrid and (with student_model) distillation cost.

    Give exactly one of queries_per_day or queries_per_month. Every number may instead be a range
    [low, high] when the user is unsure; the result then includes p10/p50/p90 and the probability that
    each option is cheapest. Leave out what the user did not say: defaults come from the source
    articles and are listed under "assumptions" with their source id and quote, so cite them.
    `model` is a price-database id such as "claude-sonnet-4-5" or "gpt-4o-mini". Token counts are per
    query; money is USD; inference_premium 0.25 means fine-tuned tokens cost 25% more. `hosting`
    self_hosted runs the fine-tunes on your GPUs; `model_hosting` self_hosted runs every option there
    (zero data egress: an open-weight model, GPU hours instead of token prices). `scenario` is a
    full scenario mapping the other arguments are applied on top of.

    Returns a JSON-ready dict: per option one_time_usd, monthly_usd (first month, with monthly_items),
    total_usd over horizon_months, cost_per_1k_queries_usd and cumulative_usd; breakeven.fine_tune_vs_rag
    with payback_months, payback_calls and breakeven_queries_per_month (null with a reason when it never
    pays back); the sensitivity list; assumptions; prices used. Never do arithmetic on top of it: quote it.
    """
    flat = {k: v for k, v in locals().items() if k != "scenario"}
    try:
        return compare(with_overrides(scenario, **flat)).to_dict()
    except LookupError as exc:
        # Tool errors reach the model as ValueErrors; an unknown name is bad input like any other.
        raise ValueError(str(exc)) from None
