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
from dataclasses import replace
from typing import Any, Literal

from tools import capacity
from tools.assumptions import DEFAULTS, Assumption
from tools.caching import caching_verdict
from tools.cost_arithmetic import Resolved, eval_gate_usd, evaluate, finite_or_none, monthly_series, parameter_arrays, retrain_usd
from tools.cost_inputs import RETRIEVING, resolve
from tools.cost_report import Breakeven, CostReport, OptionCost
from tools.latency import option_latency
from tools.payback import breakeven_arrays
from tools.prices import resolve_model
from tools.scenario import Range, Scenario, parse_scenario, with_overrides
from tools.uncertainty import flips, monte_carlo, sensitivity


DEFAULT_SAMPLES = 20_000


# --------------------------------------------------------------------------------------------------
# compare(): the public entry point


def compare(scenario: Scenario | Mapping[str, Any], seed: int = 0, samples: int = DEFAULT_SAMPLES) -> CostReport:
    """Cost every option for `scenario`; deterministic for a given seed.

    Without ranges the result is a point estimate. With ranges the point estimate uses each range's
    midpoint and `uncertainty` holds a seeded Monte Carlo of `samples` draws (uniform within each range).
    """
    scenario = parse_scenario(scenario)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 100:
        raise ValueError(f"samples: must be a whole number >= 100 (got {samples!r})")
    resolved = resolve(scenario)
    horizon = resolved.horizon

    point = parameter_arrays(resolved.values)
    costs = evaluate(point, resolved)
    options, totals = costs.options, costs.totals
    q0, growth = float(costs.q0[0]), float(costs.growth[0])
    latency = {name: _latency(name, resolved) for name in options}
    meets = {name: _meets(name, latency[name], resolved) for name in options}
    notes: list[str] = []

    results = {}
    for name, o in options.items():
        t = totals[name]
        series = monthly_series(o, q0, growth, horizon)
        cumulative = float(t.one_time[0]) + series.cumsum()
        hosted_tokens = name not in resolved.serving
        items = {"input_tokens": o.per_query_input[0] * q0, "output_tokens": o.per_query_output[0] * q0} if hosted_tokens else {}
        items |= {k: v[0] for k, v in o.fixed.items()}
        items |= {k: float(item.cost(costs.q0)[0]) for k, item in o.scaled.items()}
        serving = resolved.serving.get(name)
        cap = _capacity(name, o, serving, q0, growth, horizon, point, notes, resolved.gpus_given) if serving else None
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
            model=_option_model(name, resolved),
            latency=latency[name].to_dict(),
            capacity=cap,
            meets_requirements=meets[name],
        )

    eligible = tuple(name for name in results if meets[name]) or tuple(results)
    if len(eligible) < len(results) and not any(meets.values()):
        notes.append("no option meets every requirement; all are compared")
    breakeven = _breakeven(options, totals, costs.q0, costs.growth, horizon)
    has_ranges = any(isinstance(v, Range) for v in resolved.values.values())
    uncertainty = monte_carlo(resolved, seed, samples, eligible) if has_ranges else None
    cheapest_eligible = min(eligible, key=lambda n: results[n].total_usd)
    caching = _caching(resolved)
    if caching and caching["cached_tokens"] > 0 and not caching["pays"]:
        notes.append(caching["note"])
    assumptions = _derived_assumptions(resolved, point, results)
    found = flips(resolved, eligible, limit=None)
    return CostReport(
        horizon_months=horizon,
        queries_per_month=q0,
        options=results,
        cheapest=min(results, key=lambda n: results[n].total_usd),
        breakeven=breakeven,
        uncertainty=uncertainty,
        sensitivity=sensitivity(resolved, eligible, found),
        assumptions=assumptions,
        prices=resolved.prices,
        inputs={k: v.to_list() if isinstance(v, Range) else v for k, v in resolved.values.items()},
        hosting="self_hosted" if resolved.base_self_hosted else "hosted",
        cheapest_meeting_requirements=cheapest_eligible,
        requirements={"latency_budget_ms": _mid(resolved.latency_budget_ms), "needs_retrieval": resolved.needs_retrieval},
        flips=found[:5],
        caching=caching,
        fine_tune_base=resolved.fine_tune_base,
        notes=notes,
    )


def _mid(value):
    return value.mid if isinstance(value, Range) else value


def _option_model(name: str, r: Resolved) -> str:
    serving = r.serving.get(name)
    if serving is not None:
        return f"open-weight {serving.size_b:g}B on {serving.gpu}"
    if name in ("fine_tune", "hybrid"):
        return r.prices["fine_tune"].model
    if name == "distill":
        return r.prices["student"].model
    return r.prices["base"].model


def _latency(name: str, r: Resolved):
    serving = r.serving.get(name)
    return option_latency(
        _option_model(name, r), serving is not None, name in RETRIEVING, _mid(r.latency_budget_ms),
        serving.size_b if serving else None,
    )


def _meets(name: str, latency, r: Resolved) -> bool:
    if r.needs_retrieval and name not in RETRIEVING:
        return False
    return latency.fits != "no"


def _capacity(name, option, serving, q0, growth, horizon, point, notes, gpus_given) -> dict:
    """What a self-hosted option runs on: GPUs in the first month and each month after, the peak load."""
    np = _np()
    fleet = option.scaled["gpu_hosting"]
    volumes = q0 * (1 + growth) ** np.arange(horizon)
    gpus = [int(v) for v in np.broadcast_to(fleet.gpus(volumes), volumes.shape)]
    tokens_in, tokens_out = float(np.asarray(fleet.input_tokens).flat[0]), float(np.asarray(fleet.output_tokens).flat[0])
    peak = q0 / capacity.SECONDS_PER_MONTH * float(point["workload.peak_factor"][0]) * (tokens_in + tokens_out)
    replica = capacity.Replica(serving.replica_gpus, serving.prefill_tokens_per_second, serving.decode_tokens_per_second)
    given = gpus_given
    needed = int(np.asarray(fleet.needed(np.array([q0]))).flat[0])
    warning = None
    if given is not None and given < needed:
        gpus_word = "GPU" if given == 1 else "GPUs"
        warning = f"{given} {serving.gpu} {gpus_word} cannot serve {peak:,.0f} tokens a second at peak: {needed} are needed, and costed"
        notes.append(f"{name}: {warning}")
    return {
        "gpus": gpus[0],
        "gpus_by_month": gpus,
        "max_gpus": max(gpus),
        "gpu": serving.gpu,
        "model_size_b": serving.size_b,
        "replica_gpus": serving.replica_gpus,
        "owned_gpus": int(point["fine_tune.owned_gpus"][0]),
        "peak_tokens_per_second": peak,
        "tokens_per_second_per_gpu": capacity.tokens_per_second_per_gpu(replica, tokens_in, tokens_out),
        "source": capacity.THROUGHPUT_PROVENANCE,
        "warning": warning,
    }


def _caching(r: Resolved) -> dict | None:
    base = r.prices["base"]
    if "prices" in r.serving or r.base_self_hosted:
        return None
    values = {k: _mid(r.values[f"prices.{k}"]) for k in ("input", "cached_input", "cache_write")}
    return caching_verdict(
        base.model, _mid(r.values["caching.cached_tokens"]), _mid(r.values["caching.hit_rate"]),
        values["input"], values["cached_input"], values["cache_write"],
    ).to_dict()


def _derived_assumptions(r: Resolved, point, results) -> list[Assumption]:
    """The listed assumptions, with the derived ones (a retrain, the eval gate, the scaled vector store)
    carrying the value they came to on this scenario."""
    assumptions = list(r.assumptions)
    if "fine_tune.retrain_usd" not in r.values:
        each = float(retrain_usd(point)[0])
        gate = float(eval_gate_usd(point)[0])
        source = DEFAULTS["fine_tune.retrain_every_months"]
        assumptions.append(Assumption(
            "fine_tune.retrain_usd", round(each, 2), source.source_id, source.quote,
            f"A retrain is a training run plus an eval gate ({gate:,.2f} of graded calls); the one-time engagement is not repeated.",
            claim=source.claim,
        ))
    if "rag.monthly_usd" not in r.values:
        monthly = results["rag"].monthly_items.get("rag_infrastructure")
        for i, a in enumerate(assumptions):
            if a.field == "rag.monthly_usd":
                assumptions[i] = replace(a, value=monthly, note=(
                    f"{a.note} At this volume: {monthly:,.2f} a month."
                ))
    return assumptions


def _np():
    import numpy

    return numpy


def _dollars(value) -> float:
    # Micro-dollar rounding hides float noise (14600.000000000004) without moving any cent.
    return round(float(value), 6)


def _breakeven(options, totals, q0, growth, horizon: int) -> Breakeven:
    payback, calls, volume, extra_one_time, saving, per_query_saving, needed = (
        float(_np().asarray(a).reshape(-1)[0]) for a in breakeven_arrays(options, totals, q0, growth, horizon)
    )
    reasons = []
    if not math.isfinite(payback):
        if extra_one_time <= 0:
            reasons.append(
                f"fine-tuning costs no more up front but ${-saving:,.0f} more a month than RAG, so there is nothing to pay back"
            )
        elif saving > 0 or float(_np().asarray(growth).reshape(-1)[0]) > 0:
            reasons.append(
                f"fine-tuning's ${extra_one_time:,.0f} extra up front is not repaid by its monthly savings "
                f"within ten years at this volume and growth"
            )
        else:
            reasons.append(
                f"at {float(q0[0]):,.0f} queries a month fine-tuning saves nothing over RAG "
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
    gpus: int | None = None,
    owned_gpus: int | None = None,
    corpus_documents: float | list[float] | None = None,
    latency_budget_ms: float | None = None,
    needs_retrieval: bool | None = None,
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
    (zero data egress: an open-weight model, whole GPUs for the peak hour instead of token prices;
    `gpus` is a floor, `owned_gpus` pay power instead of rent). A model that cannot be fine-tuned
    (Claude Sonnet, Opus) has its fine-tunes priced on the nearest tunable model: see fine_tune_base.
    `latency_budget_ms` marks options whose first token cannot fit; `needs_retrieval` true leaves only
    RAG and the hybrid in the running (answers must cite or stay current). A family name such as
    "haiku" is an error listing the models it could mean: ask the user which. `scenario` is a full
    scenario mapping the other arguments are applied on top of.

    Returns a JSON-ready dict: per option one_time_usd, monthly_usd (first month, with monthly_items),
    total_usd over horizon_months, cost_per_1k_queries_usd, cumulative_usd, model, latency_ms,
    fits_latency_budget and (self-hosted) capacity with its gpus; breakeven.fine_tune_vs_rag with
    payback_months (on the grown volume), payback_calls and breakeven_queries_per_month (null with a
    reason when it never pays back); flips (the input values that change the cheapest option); the
    sensitivity list; caching; notes; assumptions; prices used. Never do arithmetic on top of it: quote it.
    """
    flat = {k: v for k, v in locals().items() if k != "scenario"}
    for name in ("model", "student_model"):
        if flat[name]:
            try:
                flat[name] = resolve_model(flat[name])  # informal names; "haiku" lists its candidates
            except LookupError as exc:
                raise ValueError(f"{name}: {exc}") from None
    try:
        return compare(with_overrides(scenario, **flat)).to_dict()
    except LookupError as exc:
        # Tool errors reach the model as ValueErrors; an unknown name is bad input like any other.
        raise ValueError(str(exc)) from None
