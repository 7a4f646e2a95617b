"""Resolving a scenario for the cost model: every input a user left out takes its sourced default (and
is listed as an assumption), prices are looked up, the hosted fine-tune is bought where fine-tuning is
sold (`tools.tuning`), a distillation student is priced, and every self-hosted option gets its GPU and
replica (`tools.capacity`). `resolve` returns the `tools.cost_arithmetic.Resolved` the arithmetic runs on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tools import capacity
from tools.assumptions import DEFAULT_MODEL, DEFAULTS, ESTIMATES, Assumption
from tools.caching import min_cacheable_tokens
from tools.cost_arithmetic import Resolved, Serving
from tools.cost_report import PricesUsed
from tools.prices import gpu_hourly_usd, model_prices, resolve_model
from tools.scenario import Prices, Range, Scenario
from tools.tuning import NOT_TUNABLE_QUOTE, TunedPrices, model_size_b, tunable_line, tuned_base

_PRICE_KEYS = ("input", "output", "cached_input", "cache_write")
SELF_HOSTED_OPTIONS = ("fine_tune", "hybrid", "distill")
RETRIEVING = ("rag", "hybrid")


def resolve(scenario: Scenario) -> Resolved:
    """A scenario ready for the arithmetic: every default taken (and listed), prices looked up, the
    hosted model the fine-tunes are bought on chosen, the student priced, self-hosted options sized."""
    values: dict[str, float | Range] = {}
    assumptions: list[Assumption] = []
    if scenario.fine_tune.gpu is not None:
        # An unknown GPU is a typo to report whether or not anything is self-hosted.
        try:
            capacity.gpu_spec(scenario.fine_tune.gpu)
        except LookupError as exc:
            raise LookupError(f"fine_tune.gpu: {exc}; the capacity model knows only these") from None

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
    _resolve_rag(scenario, values, assumptions, take)
    ft = scenario.fine_tune
    if ft.training_run_usd is None and ft.training_gpu_hours is not None:
        values["fine_tune.training_run_usd"] = _training_run(ft)
    for name in ("training_run_usd", "runs", "setup_usd", "retrain_every_months", "hybrid_retrain_every_months",
                 "tokens_saved", "monthly_usd"):
        if f"fine_tune.{name}" not in values:
            take(f"fine_tune.{name}", getattr(ft, name))
    for name in ("retrain_usd", "eval_gate_usd"):
        if getattr(ft, name) is not None:
            values[f"fine_tune.{name}"] = getattr(ft, name)
    if ft.retrain_usd is None and ft.eval_gate_usd is None:
        for name in ("eval_gate_inputs", "eval_gate_runs"):
            take(f"fine_tune.{name}", getattr(ft, name))

    base_self_hosted = scenario.hosting == "self_hosted"
    self_hosted = ft.hosting == "self_hosted" or base_self_hosted
    prices = {"base": _prices_used("model", scenario.model, scenario.prices, assumptions)}
    distill = ft.student_model is not None or ft.student_prices is not None
    premium = {"tuned": False, "fine_tune.student_prices": False}
    fine_tune_base = None
    if not self_hosted:
        # Hosted fine-tunes are bought where they are sold; self-hosted ones pay GPUs, not tokens.
        fine_tune_base, prices["fine_tune"], premium["tuned"] = _tuned_prices(scenario, prices["base"])
    stated = ft.inference_premium is not None
    if distill:
        prices["student"], student_premium = _student_prices(ft, list_price=stated)
        premium["fine_tune.student_prices"] = student_premium and not self_hosted
    if stated:
        values["fine_tune.inference_premium"] = ft.inference_premium
        if not self_hosted:
            # A stated premium is on the list price, as stated: the tunable model's and the student's,
            # not on a fine-tuned price the database lists.
            premium = {"tuned": True, "fine_tune.student_prices": distill}
            if fine_tune_base and fine_tune_base.get("fine_tuned_model"):
                prices["fine_tune"] = _as_used(_list_prices(fine_tune_base["model"]))
    elif any(premium.values()):
        take("fine_tune.inference_premium", None)
    else:
        values["fine_tune.inference_premium"] = 0.0
    if distill:
        take("fine_tune.teacher_examples", ft.teacher_examples)
    prices.setdefault("fine_tune", prices["base"])
    for role, prefix in (("base", "prices"), ("fine_tune", "tuned"), ("student", "fine_tune.student_prices")):
        if role in prices:
            for key in _PRICE_KEYS:
                values[f"{prefix}.{key}"] = getattr(prices[role], key)
    min_cache = {
        "prices": min_cacheable_tokens(prices["base"].model),
        "tuned": min_cacheable_tokens(prices["fine_tune"].model),
        "fine_tune.student_prices": min_cacheable_tokens(prices["student"].model) if distill else 0,
    }
    serving = _resolve_serving(scenario, self_hosted, base_self_hosted, distill, prices, values, assumptions, take)
    return Resolved(
        horizon, values, volume_field, self_hosted, distill, prices, assumptions, base_self_hosted,
        serving, premium, min_cache, fine_tune_base, scenario.requirements.latency_budget_ms,
        scenario.requirements.needs_retrieval, ft.gpus,
    )


def _training_run(ft) -> float | Range:
    """A training run priced from its GPU hours: hours x the GPU's hourly rate (given, or the GPU table's)."""
    if ft.gpu_hourly_usd is not None:
        hourly = ft.gpu_hourly_usd
    else:
        try:
            hourly = gpu_hourly_usd(ft.gpu or str(DEFAULTS["fine_tune.gpu"].value)).hourly_usd
        except LookupError as exc:
            raise LookupError(f"fine_tune.gpu: {exc}") from None
    hours = ft.training_gpu_hours
    ends = [(h * r) for h in _ends(hours) for r in _ends(hourly)]
    return Range(min(ends), max(ends)) if len(set(ends)) > 1 else ends[0]


def _ends(value) -> tuple[float, ...]:
    return (value.low, value.high) if isinstance(value, Range) else (float(value),)


def _resolve_rag(scenario: Scenario, values, assumptions, take) -> None:
    rag = scenario.rag
    take("rag.context_tokens", rag.context_tokens)
    for name in ("engineering_weeks", "engineering_week_usd"):
        take(f"rag.{name}", getattr(rag, name))
    documents = rag.corpus_documents
    if rag.setup_usd is None and documents is not None:
        # The sourced one-time setup embeds a 1M-document corpus: a corpus of another size scales it.
        take("rag.reference_documents", rag.reference_documents)
        reference = values["rag.reference_documents"]
        scale = (documents.mid if isinstance(documents, Range) else documents) / (reference.mid if isinstance(reference, Range) else reference)
        setup = DEFAULTS["rag.setup_usd"]
        values["rag.setup_usd"] = float(setup.value) * scale
        assumptions.append(replace(setup, value=float(setup.value) * scale,
                                   note=f"{setup.note} Scaled to your {documents:,.0f} documents."))
    else:
        take("rag.setup_usd", rag.setup_usd)
    if rag.monthly_usd is not None:
        values["rag.monthly_usd"] = rag.monthly_usd
        return
    # No flat figure: the vector store follows traffic and corpus, from a small index up to the
    # source's mid-volume figure and beyond.
    values["rag.vector_store_reference_usd"] = float(DEFAULTS["rag.monthly_usd"].value)
    assumptions.append(DEFAULTS["rag.monthly_usd"])
    for name in ("vector_store_floor_usd", "reference_queries_per_day", "reference_documents"):
        if f"rag.{name}" not in values:
            take(f"rag.{name}", getattr(rag, name))
    values["rag.corpus_documents"] = documents if documents is not None else 0.0


def _tuned_prices(scenario: Scenario, base: PricesUsed) -> tuple[dict, PricesUsed, bool]:
    """The hosted model the fine-tunes are bought on: the user's choice, the user's model if tunable, or
    the nearest tunable one; its fine-tuned prices where the database lists them (no premium then)."""
    if base.model == "custom":
        info = {"model": "custom", "fine_tuned_model": None, "premium_applies": True,
                "reason": "custom prices: the fine-tune is priced on them, plus the premium", "source_id": None, "quote": None}
        return info, base, True
    chosen = scenario.fine_tune.base_model
    try:
        tuned = _tuned_for(resolve_model(chosen)) if chosen else tuned_base(base.model)
    except LookupError as exc:
        raise LookupError(f"fine_tune.base_model: {exc}") from None
    line = tuned.line
    source_id, quote = (line.source_id, line.quote) if line and line.source_id else (None, None)
    if tuned.base != base.model:
        # Why the user's own model is not the base: sourced for Claude; for others, only that no
        # tunable line lists it.
        source_id, quote = NOT_TUNABLE_QUOTE if "claude" in base.model else (None, None)
    info = {
        "model": tuned.base,
        "fine_tuned_model": tuned.fine_tuned,
        "premium_applies": tuned.premium_applies,
        "reason": tuned.reason if not chosen else f"you chose to fine-tune {tuned.base}",
        "source_id": source_id,
        "quote": quote,
        "note": line.note if line else "",
    }
    return info, _as_used(tuned), tuned.premium_applies


def _tuned_for(model: str) -> TunedPrices:
    line = tunable_line(model)
    tuned = tuned_base(model)
    if tuned.base == model or line is not None:
        return tuned
    # Asked for by name though its line sells no fine-tuning: priced as asked, premium on top.
    return TunedPrices(model, model_prices(model), None, None, f"you chose {model}")


def _list_prices(model: str) -> TunedPrices:
    return TunedPrices(model, model_prices(model), None, None, "")


def _student_prices(ft, list_price: bool = False) -> tuple[PricesUsed, bool]:
    """The student's prices: its fine-tuned price where the database lists one (no premium then), else
    (or with a stated premium) its list price with the premium on top."""
    if ft.student_model is None:
        return _prices_used("fine_tune.student_model", None, ft.student_prices, None), True
    try:
        name = resolve_model(ft.student_model)
        tuned = _list_prices(name) if list_price else _tuned_for(name)
    except LookupError as exc:
        raise LookupError(f"fine_tune.student_model: {exc}") from None
    used = _as_used(tuned)
    if ft.student_prices is not None:
        overrides = {k: getattr(ft.student_prices, k) for k in _PRICE_KEYS if getattr(ft.student_prices, k) is not None}
        used = replace(used, source=used.source + "; overridden by scenario prices", **overrides)
    return used, tuned.premium_applies


def _as_used(tuned: TunedPrices) -> PricesUsed:
    found = tuned.prices
    merged = {k: getattr(found, k) for k in _PRICE_KEYS}
    for key in ("cached_input", "cache_write"):
        if merged[key] is None:
            merged[key] = merged["input"]
    return PricesUsed(
        model=found.model, price_date=found.price_date.isoformat() if found.price_date else None,
        as_of=found.as_of.isoformat(), source=found.source, **merged,
    )


def _resolve_serving(scenario, self_hosted, base_self_hosted, distill, prices, values, assumptions, take):
    ft = scenario.fine_tune
    for name in ("gpus", "owned_gpus"):
        values[f"fine_tune.{name}"] = float(getattr(ft, name) or (1 if name == "gpus" else 0))
    if not self_hosted:
        values["fine_tune.gpu_hourly_usd"] = 0.0
        values["fine_tune.ops_monthly_usd"] = 0.0
        values["workload.peak_factor"] = 1.0
        return {}
    sizes = {"base": _size(ft.model_size_b, scenario.model, "fine_tune.model_size_b", assumptions)}
    if distill:
        sizes["student"] = _size(ft.student_size_b, ft.student_model, "fine_tune.student_size_b", assumptions)
    if ft.gpu is None:
        spec = _default_gpu(max(sizes.values()), assumptions)
    else:
        try:
            spec = capacity.gpu_spec(ft.gpu)
        except LookupError as exc:
            # Throughput is known only for these GPUs: another one cannot be sized, so it is not costed.
            raise LookupError(f"fine_tune.gpu: {exc}; the capacity model knows only these") from None
    if ft.gpu_hourly_usd is not None:
        values["fine_tune.gpu_hourly_usd"] = ft.gpu_hourly_usd
    else:
        gpu = gpu_hourly_usd(spec.name)
        values["fine_tune.gpu_hourly_usd"] = gpu.hourly_usd
        assumptions.append(Assumption("fine_tune.gpu_hourly_usd", gpu.hourly_usd, gpu.source_id, gpu.quote, gpu.note))
    take("fine_tune.ops_monthly_usd", ft.ops_monthly_usd)
    if scenario.workload.peak_factor is not None:
        values["workload.peak_factor"] = scenario.workload.peak_factor
    else:
        estimate = ESTIMATES["workload.peak_factor"]
        values["workload.peak_factor"] = estimate.value
        assumptions.append(estimate.assumption())
    hosted_here = (("prompting", "rag") if base_self_hosted else ()) + SELF_HOSTED_OPTIONS
    serving = {}
    for option in hosted_here:
        if option == "distill" and not distill:
            continue
        size = sizes["student" if option == "distill" else "base"]
        try:
            replica = capacity.replica(spec, size)
        except LookupError as exc:
            raise LookupError(f"fine_tune.gpu: {exc}") from None
        serving[option] = Serving(spec.name, size, replica.gpus, replica.prefill_tokens_per_second,
                                  replica.decode_tokens_per_second, capacity.power_usd_per_gpu_month(spec))
    return serving


def _default_gpu(size_b: float, assumptions: list[Assumption]) -> capacity.GpuSpec:
    """The GPU to cost when none is given: the sourced default, unless eight of it cannot hold the model
    (a 405B model on L40S); then the cheapest listed GPU that can, said as an assumption of its own."""
    default = DEFAULTS["fine_tune.gpu"]
    spec = capacity.gpu_spec(str(default.value))
    if capacity.fits(spec, size_b):
        assumptions.append(default)
        return spec
    holding = [g for g in capacity.GPU_SPECS.values() if capacity.fits(g, size_b)]
    if not holding:
        raise ValueError(
            f"fine_tune.model_size_b: a {size_b:g}B model does not fit on eight of any GPU the capacity model "
            f"knows ({', '.join(capacity.GPU_SPECS)}); give a smaller model or cost its serving yourself"
        )
    spec = min(holding, key=lambda g: gpu_hourly_usd(g.name).hourly_usd)
    assumptions.append(Assumption(
        "fine_tune.gpu", spec.name, None, None,
        f"Eight {default.value} GPUs cannot hold a {size_b:g}B model at 8 bits, so it is costed on the "
        f"cheapest listed GPU that can: say which GPUs you run to cost those instead.",
    ))
    return spec


def _size(given, model: str | None, field: str, assumptions: list[Assumption]) -> float:
    if given is not None:
        return given.mid if isinstance(given, Range) else float(given)
    parsed = model_size_b(model)
    if parsed is not None:
        return parsed
    default = DEFAULTS[field]
    assumptions.append(default)
    return float(default.value)


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
