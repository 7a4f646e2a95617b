"""The cost model's arithmetic, vectorised: every parameter is an array of samples, or of one point.

One set of functions serves the point estimate, the Monte Carlo over ranges and the sensitivity sweep
alike, so the three can never disagree. `Resolved` is a scenario with every default filled in and its
prices looked up (built by `tools.cost_model`); `parameter_arrays` turns its values into arrays and
`evaluate` costs every option over them. Amounts are USD; `p` maps a parameter path such as
"workload.input_tokens" to its array.

A month's cost is per-query token costs times its volume, fixed monthly items, and items that follow
the month's volume (a `VectorStore` that grows with traffic, a `GpuFleet` of whole self-hosted GPUs).
Volume compounds by `monthly_growth`; `tools.payback` walks that grown series for the fine-tune's payback.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tools.assumptions import Assumption
from tools.capacity import SECONDS_PER_MONTH
from tools.cost_report import PricesUsed
from tools.scenario import DAYS_PER_MONTH, GPU_HOURS_PER_MONTH, Range

# An eval gate grades both candidates (the retrained model and the one in service), each answer by an LLM judge.
EVAL_CANDIDATES = 2
JUDGE_CALLS_PER_ANSWER = 1


@dataclass(frozen=True)
class Serving:
    """How one self-hosted option is served: GPUs per replica and what a replica serves per second."""

    gpu: str
    size_b: float
    replica_gpus: int
    prefill_tokens_per_second: float
    decode_tokens_per_second: float
    power_usd_per_gpu_month: float


@dataclass(frozen=True)
class Resolved:
    """A scenario ready for the arithmetic: every parameter's value (defaults included), and how it runs.

    Price parameters live under three prefixes: "prices" (the user's model), "tuned" (the hosted model a
    fine-tune is bought on) and "fine_tune.student_prices" (the distilled student). `premium` says which
    of the last two are list prices the fine-tuning premium applies to. `serving` holds every option that
    runs on your GPUs. A parameter missing from `values` is derived: the retrain's cost, the eval gate,
    a vector store scaled to the workload.
    """

    horizon: int
    values: dict[str, float | Range]  # parameter path -> value, every default filled in
    volume_field: str
    self_hosted: bool  # the fine-tuned models run on your GPUs
    distill: bool
    prices: dict[str, PricesUsed]
    assumptions: list[Assumption]
    base_self_hosted: bool = False  # so does the base model (prompting, RAG)
    serving: dict[str, Serving] = field(default_factory=dict)
    premium: dict[str, bool] = field(default_factory=lambda: {"tuned": True, "fine_tune.student_prices": True})
    min_cache: dict[str, int] = field(default_factory=dict)  # price prefix -> shortest cacheable prefix
    fine_tune_base: dict | None = None  # which hosted model the fine-tunes are bought on, and why
    latency_budget_ms: float | Range | None = None
    needs_retrieval: bool = False
    gpus_given: int | None = None  # the GPU count the scenario states (a floor; more if the volume needs them)


# --------------------------------------------------------------------------------------------------
# Monthly items that follow the month's volume


@dataclass(frozen=True)
class VectorStore:
    """A vector store sized by the larger of traffic and corpus: `floor` for a tiny index, `floor + span`
    at the reference volume (or corpus), linearly beyond."""

    floor: Any
    span: Any
    reference_queries_per_month: Any
    corpus_scale: Any  # corpus / reference corpus (0 when unknown)

    def cost(self, q):
        np = _np()
        return self.floor + self.span * np.maximum(q / self.reference_queries_per_month, self.corpus_scale)

    def linear(self) -> bool:
        return not _np().any(self.corpus_scale)

    def slope(self):
        return self.span / self.reference_queries_per_month

    def intercept(self):
        return self.floor


@dataclass(frozen=True)
class GpuFleet:
    """Self-hosted GPUs for a month's volume: whole replicas for the peak second, at least `minimum`
    GPUs; owned GPUs pay power, the rest rent."""

    input_tokens: Any  # prompt tokens per query, retrieved context included
    output_tokens: Any
    prefill: Any  # prompt tokens a replica processes per second
    decode: Any  # answer tokens a replica generates per second
    replica_gpus: int
    minimum: Any
    owned: Any
    rent_month: Any
    power_month: float
    peak: Any

    @property
    def seconds_per_query(self):
        return self.input_tokens / self.prefill + self.output_tokens / self.decode

    def needed(self, q):
        """GPUs the volume needs, whatever was given."""
        np = _np()
        load = q / SECONDS_PER_MONTH * self.peak * self.seconds_per_query
        # A hair of tolerance: 8.0000001 replicas of float noise is 8, not 9.
        return np.maximum(1.0, np.ceil(load - 1e-9)) * self.replica_gpus

    def gpus(self, q):
        return _np().maximum(self.needed(q), self.minimum)

    def cost(self, q):
        np = _np()
        gpus = self.gpus(q)
        owned = np.minimum(gpus, self.owned)
        return owned * self.power_month + (gpus - owned) * self.rent_month

    def linear(self) -> bool:
        return False

    def slope(self):
        # GPUs as if divisible: what the break-even volume reads; the totals pay whole GPUs.
        return self.rent_month * self.replica_gpus * self.peak * self.seconds_per_query / SECONDS_PER_MONTH

    def intercept(self):
        return 0.0


@dataclass(frozen=True)
class OptionArrays:
    one_time: dict[str, Any]
    per_query_input: Any
    per_query_output: Any
    fixed: dict[str, Any]
    scaled: dict[str, Any] = field(default_factory=dict)  # name -> VectorStore | GpuFleet

    def scaled_cost(self, q):
        return sum((item.cost(q) for item in self.scaled.values()), 0.0)


def _token_costs(p, prefix: str, t_in, multiplier, min_cache: int):
    """USD per query for input and output tokens at the prices under `prefix`; a cached prefix shorter
    than the provider caches is billed as plain input."""
    np = _np()
    cached = np.minimum(p["caching.cached_tokens"], t_in)
    if min_cache:
        cached = np.where(cached >= min_cache, cached, 0.0)
    hit = p["caching.hit_rate"]
    cached_rate = hit * p[f"{prefix}.cached_input"] + (1 - hit) * p[f"{prefix}.cache_write"]
    per_input = (cached * cached_rate + (t_in - cached) * p[f"{prefix}.input"]) * multiplier / 1e6
    per_output = p["workload.output_tokens"] * p[f"{prefix}.output"] * multiplier / 1e6
    return per_input, per_output


def base_call_usd(p):
    """One call of the user's model at its list prices: what eval-gate and teacher calls cost."""
    return (p["workload.input_tokens"] * p["prices.input"] + p["workload.output_tokens"] * p["prices.output"]) / 1e6


def eval_gate_usd(p):
    """An eval gate: both candidates run `eval_gate_runs` times on `eval_gate_inputs` inputs, each answer
    graded by an LLM judge, at the user's model's prices (unless given)."""
    if "fine_tune.eval_gate_usd" in p:
        return p["fine_tune.eval_gate_usd"]
    calls = p["fine_tune.eval_gate_inputs"] * p["fine_tune.eval_gate_runs"] * EVAL_CANDIDATES * (1 + JUDGE_CALLS_PER_ANSWER)
    return calls * base_call_usd(p)


def retrain_usd(p):
    """One retrain: a training run and its eval gate (unless given)."""
    if "fine_tune.retrain_usd" in p:
        return p["fine_tune.retrain_usd"]
    return p["fine_tune.training_run_usd"] + eval_gate_usd(p)


def option_arrays(p, r: Resolved) -> dict[str, OptionArrays]:
    np = _np()
    zero = np.zeros_like(p["workload.input_tokens"])
    t_in, t_out = p["workload.input_tokens"], p["workload.output_tokens"]
    context = p["rag.context_tokens"]
    ft_in = np.maximum(0.0, t_in - p["fine_tune.tokens_saved"])
    each = retrain_usd(p)

    def retraining(every):
        return np.where(every > 0, each / np.where(every > 0, every, 1.0), 0.0)

    ft_one_time = {
        "training_runs": p["fine_tune.training_run_usd"] * p["fine_tune.runs"],
        "fine_tune_setup": p["fine_tune.setup_usd"],
    }
    rag_one_time = {
        "rag_setup": p["rag.setup_usd"],
        "rag_engineering": p["rag.engineering_weeks"] * p["rag.engineering_week_usd"],
    }
    if "rag.monthly_usd" in p:
        rag_fixed, rag_scaled = {"rag_infrastructure": p["rag.monthly_usd"]}, {}
    else:
        store = VectorStore(
            p["rag.vector_store_floor_usd"],
            np.maximum(0.0, p["rag.vector_store_reference_usd"] - p["rag.vector_store_floor_usd"]),
            p["rag.reference_queries_per_day"] * DAYS_PER_MONTH,
            p["rag.corpus_documents"] / p["rag.reference_documents"],
        )
        rag_fixed, rag_scaled = {}, {"rag_infrastructure": store}
    premium = 1 + p["fine_tune.inference_premium"]

    def build(name: str, prefix: str, tokens_in, one_time: dict, fixed: dict, scaled: dict, multiplier) -> OptionArrays:
        serving = r.serving.get(name)
        if serving is None:
            per_input, per_output = _token_costs(p, prefix, tokens_in, multiplier, r.min_cache.get(prefix, 0))
            return OptionArrays(one_time, per_input, per_output, fixed, scaled)
        # On your GPUs: no tokens to buy, but whole GPUs for the peak, and someone to run them.
        fleet = GpuFleet(
            tokens_in, t_out, serving.prefill_tokens_per_second, serving.decode_tokens_per_second,
            serving.replica_gpus,
            p["fine_tune.gpus"],
            p["fine_tune.owned_gpus"],
            p["fine_tune.gpu_hourly_usd"] * GPU_HOURS_PER_MONTH,
            serving.power_usd_per_gpu_month,
            p["workload.peak_factor"],
        )
        fixed = {**fixed, "self_hosting_operations": p["fine_tune.ops_monthly_usd"]}
        return OptionArrays(one_time, zero, zero, fixed, {**scaled, "gpu_hosting": fleet})

    ft_fixed = {"fine_tune_operations": p["fine_tune.monthly_usd"], "retraining": retraining(p["fine_tune.retrain_every_months"])}
    hybrid_fixed = {
        "fine_tune_operations": p["fine_tune.monthly_usd"],
        "retraining": retraining(p["fine_tune.hybrid_retrain_every_months"]),
        **rag_fixed,
    }
    tuned = premium if r.premium.get("tuned", True) else 1.0
    options = {
        "prompting": build("prompting", "prices", t_in, {}, {}, {}, 1.0),
        "rag": build("rag", "prices", t_in + context, dict(rag_one_time), dict(rag_fixed), dict(rag_scaled), 1.0),
        "fine_tune": build("fine_tune", "tuned", ft_in, dict(ft_one_time), ft_fixed, {}, tuned),
        "hybrid": build("hybrid", "tuned", ft_in + context, ft_one_time | rag_one_time, hybrid_fixed, dict(rag_scaled), tuned),
    }
    if r.distill:
        student = premium if r.premium.get("fine_tune.student_prices", True) else 1.0
        distill_one_time = ft_one_time | {"teacher_generation": p["fine_tune.teacher_examples"] * base_call_usd(p)}
        options["distill"] = build(
            "distill", "fine_tune.student_prices", ft_in, distill_one_time, dict(ft_fixed), {}, student
        )
    return options


# --------------------------------------------------------------------------------------------------
# Totals over the horizon


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


def month_factors(growth, start: int, stop: int):
    """(1 + g)^m for months start..stop-1, one row per sample: shape (samples, months)."""
    np = _np()
    months = np.arange(start, stop, dtype=float)
    return np.exp(np.log1p(np.asarray(growth, dtype=float))[..., None] * months)


def scaled_total(item, q0, growth, growth_sum, horizon: int):
    """A volume-following item summed over the horizon's months."""
    np = _np()
    if item.linear():
        return item.intercept() * horizon + item.slope() * q0 * growth_sum
    if not np.any(growth):
        return item.cost(q0) * horizon
    factors = month_factors(growth, 0, horizon)
    # Per-sample parameters gain a months axis to meet the (samples, months) volumes.
    by_month = with_parameters(item, lambda v: np.asarray(v, dtype=float)[..., None] if np.ndim(v) else v)
    return by_month.cost(np.asarray(q0, dtype=float)[..., None] * factors).sum(axis=-1)


def option_totals(options: dict[str, OptionArrays], q0, growth, horizon: int) -> dict[str, Totals]:
    np = _np()
    result = {}
    growth_sum = growth_factor_sum(growth, horizon)
    queries = q0 * growth_sum
    for name, o in options.items():
        one_time = sum(o.one_time.values()) if o.one_time else np.zeros_like(q0)
        fixed = sum(o.fixed.values()) if o.fixed else np.zeros_like(q0)
        per_query = o.per_query_input + o.per_query_output
        scaled = sum((scaled_total(item, q0, growth, growth_sum, horizon) for item in o.scaled.values()), 0.0)
        total = one_time + per_query * queries + horizon * fixed + scaled
        with np.errstate(all="ignore"):  # no queries at all: per 1k is undefined (None), not an error
            per_1k = np.where(queries > 0, total / np.where(queries > 0, queries, 1.0) * 1000, np.nan)
        monthly = per_query * q0 + fixed + o.scaled_cost(q0)
        result[name] = Totals(one_time, monthly, per_query, fixed, total, per_1k)
    return result


def monthly_series(option: OptionArrays, q0: float, growth: float, months: int):
    """One option's cost in each of `months` months (a point estimate)."""
    np = _np()
    q = q0 * (1 + growth) ** np.arange(months)
    fixed = sum(float(np.asarray(v).flat[0]) for v in option.fixed.values()) if option.fixed else 0.0
    per_query = float(np.asarray(option.per_query_input + option.per_query_output).flat[0])
    return per_query * q + fixed + np.asarray(option.scaled_cost(q), dtype=float) * np.ones_like(q)


def with_parameters(item, pick):
    """A copy of a volume-following item with every parameter passed through `pick` (its replica size kept)."""
    import dataclasses

    return dataclasses.replace(
        item, **{f.name: pick(getattr(item, f.name)) for f in dataclasses.fields(item) if f.name != "replica_gpus"}
    )


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
    growth: Any
    growth_sum: Any  # the horizon's queries in units of the first month's
    totals: dict[str, Totals]


def evaluate(p, resolved: Resolved, samples: int | None = None) -> Costs:
    """Cost every option over the parameter arrays `p`; with `samples`, the first month's volume is
    broadcast to that many rows (a Monte Carlo whose volume is a point)."""
    np = _np()
    options = option_arrays(p, resolved)
    q0 = monthly_volume(p, resolved.volume_field)
    if samples is not None:
        q0 = np.broadcast_to(q0, (samples,))
    growth = p["workload.monthly_growth"]
    totals = option_totals(options, q0, growth, resolved.horizon)
    return Costs(options, q0, growth, growth_factor_sum(growth, resolved.horizon), totals)
