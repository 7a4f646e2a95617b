"""The cost model: total cost of ownership, break-even and uncertainty for every option.

Options are `prompting`, `rag`, `fine_tune`, `hybrid` (fine-tune plus RAG) and `distill` (a fine-tune of
a smaller student model, only when one is given). A scenario is validated by pydantic at the boundary;
the arithmetic is one vectorised numpy function used for the point estimate, the Monte Carlo over
ranges and the sensitivity sweep alike, so the three can never disagree.

Conventions: a month is 365/12 days, a GPU month 730 hours, token prices are USD per million tokens.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)

from tools.assumptions import DEFAULT_MODEL, DEFAULTS, Assumption
from tools.prices import gpu_hourly_usd, model_prices

DAYS_PER_MONTH = 365 / 12
GPU_HOURS_PER_MONTH = 730
DEFAULT_SAMPLES = 20_000
MAX_HORIZON_MONTHS = 120
# A point input without a range is swung by this fraction either way in the sensitivity list.
SENSITIVITY_SWING = 0.25
MIN_RETRAIN_MONTHS = 0.25  # weekly
# Beyond a trillion (queries, tokens or dollars) an input is a typo, and products of such inputs overflow.
LARGEST_INPUT = 1e12


# --------------------------------------------------------------------------------------------------
# Scenario (the input contract)


@dataclass(frozen=True)
class Range:
    """An uncertain input: any value between low and high is equally likely."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def to_list(self) -> list[float]:
        return [self.low, self.high]


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _scalar(value: Any, minimum: float, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number or a [low, high] range (got {_show(value)})")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"must be a finite number (got {_show(value)})")
    if number < minimum:
        raise ValueError(f"must be >= {minimum:g} (got {number:g})")
    if number > maximum:
        raise ValueError(f"must be <= {maximum:g} (got {number:g})")
    return number


def _numeric(minimum: float = 0.0, maximum: float = LARGEST_INPUT):
    """A pydantic type: a number, or a [low, high] range of numbers, within [minimum, maximum]."""

    def check(value: Any) -> float | Range | None:
        if value is None:
            return None
        if isinstance(value, Range):
            return value
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValueError(f"a range must be [low, high] (got {_show(list(value))})")
            low, high = (_scalar(v, minimum, maximum) for v in value)
            if low > high:
                raise ValueError(f"range low must be <= high (got [{low:g}, {high:g}])")
            return low if low == high else Range(low, high)
        return _scalar(value, minimum, maximum)

    serialise = PlainSerializer(lambda v: v.to_list() if isinstance(v, Range) else v)
    return Annotated[Any, BeforeValidator(check), serialise]


def _horizon(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        raise ValueError(f"must be a whole number of months, not a range (got {_show(value)})")
    if not 1 <= value <= MAX_HORIZON_MONTHS:
        raise ValueError(f"must be between 1 and {MAX_HORIZON_MONTHS} months (got {value:g})")
    return int(value)


Count = _numeric()
Money = _numeric()
Fraction = _numeric(0.0, 1.0)
Growth = _numeric(-0.99, 1.0)
Premium = _numeric(0.0, 10.0)
Horizon = Annotated[Any, BeforeValidator(lambda v: None if v is None else _horizon(v))]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Workload(_Section):
    queries_per_day: Count = None
    queries_per_month: Count = None
    input_tokens: Count = None
    output_tokens: Count = None
    monthly_growth: Growth = None

    @model_validator(mode="after")
    def _exactly_one_volume(self) -> Workload:
        given = [self.queries_per_day is not None, self.queries_per_month is not None]
        if all(given):
            raise ValueError("give exactly one of queries_per_day or queries_per_month (got both)")
        if not any(given):
            raise ValueError("give exactly one of queries_per_day or queries_per_month (got neither)")
        return self


class Prices(_Section):
    input: Money = None
    output: Money = None
    cached_input: Money = None
    cache_write: Money = None


class Caching(_Section):
    cached_tokens: Count = None
    hit_rate: Fraction = None


class Rag(_Section):
    context_tokens: Count = None
    setup_usd: Money = None
    monthly_usd: Money = None


class FineTune(_Section):
    training_run_usd: Money = None
    runs: Count = None
    setup_usd: Money = None
    retrain_every_months: Count = None
    retrain_usd: Money = None
    tokens_saved: Count = None
    inference_premium: Premium = None
    monthly_usd: Money = None
    student_model: str | None = None
    student_prices: Prices | None = None
    hosting: Literal["hosted", "self_hosted"] = "hosted"
    gpu: str | None = None
    gpu_hourly_usd: Money = None
    gpus: Count = None

    @model_validator(mode="after")
    def _retrain_cadence(self) -> FineTune:
        every = self.retrain_every_months
        low = every.low if isinstance(every, Range) else every
        # 0 means never; anything else spreads each retrain over its months, and a near-zero cadence
        # would mean retraining thousands of times a month.
        if low is not None and (isinstance(every, Range) or low > 0) and low < MIN_RETRAIN_MONTHS:
            shown = f"[{every.low:g}, {every.high:g}]" if isinstance(every, Range) else f"{low:g}"
            raise ValueError(
                f"retrain_every_months: must be 0 (never) or at least {MIN_RETRAIN_MONTHS:g} months, "
                f"and a range must not include 0 (got {shown})"
            )
        return self


class Scenario(_Section):
    """One costing question: the workload, the model and prices, and the RAG and fine-tune parameters.

    Numeric fields take a number or a `[low, high]` range; fields left out take sourced defaults.
    """

    horizon_months: Horizon = None
    workload: Workload
    model: str | None = None
    # Where the base model runs. self_hosted: an open-weight model on your own GPUs (zero data
    # egress), so prompting and RAG pay GPU hours instead of token prices, and so do the fine-tunes.
    hosting: Literal["hosted", "self_hosted"] = "hosted"
    prices: Prices | None = None
    caching: Caching = Field(default_factory=Caching)
    rag: Rag = Field(default_factory=Rag)
    fine_tune: FineTune = Field(default_factory=FineTune)


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming the first bad field, e.g. `workload.queries_per_day: must be >= 0 (got -5)`."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "scenario"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field; check the spelling against the scenario format"
    elif first["type"] == "missing":
        message = "required field is missing"
    elif first["type"] != "value_error":
        message = f"{message} (got {_show(first.get('input'))})"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {message}{more}"


def parse_scenario(data: Any) -> Scenario:
    """A validated Scenario from a mapping; ValueError with one line naming the field otherwise."""
    if isinstance(data, Scenario):
        return data
    if not isinstance(data, Mapping):
        raise ValueError(f"scenario: expected a mapping of fields (got {type(data).__name__})")
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as exc:
        raise ValueError(describe_validation_error(exc)) from None


def read_scenario_file(path: str | Path) -> dict[str, Any]:
    """The raw mapping in a YAML or JSON scenario file; ValueError with one line naming the file."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such scenario file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the scenario file ({exc.__class__.__name__})") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            problem = getattr(exc, "problem", None) or "malformed YAML"
            raise ValueError(f"{path}: not valid YAML ({where}{problem})") from None
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: a scenario file must hold a mapping of fields (got {type(data).__name__})")
    return dict(data)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a YAML or JSON scenario file; ValueError with one line naming the file and field."""
    data = read_scenario_file(path)
    try:
        return parse_scenario(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


# Flat names for the common fields: CLI flags and the model-facing function use these.
FLAT_FIELDS: dict[str, tuple[str, ...]] = {
    "horizon_months": ("horizon_months",),
    "queries_per_day": ("workload", "queries_per_day"),
    "queries_per_month": ("workload", "queries_per_month"),
    "input_tokens": ("workload", "input_tokens"),
    "output_tokens": ("workload", "output_tokens"),
    "monthly_growth": ("workload", "monthly_growth"),
    "model": ("model",),
    "input_price": ("prices", "input"),
    "output_price": ("prices", "output"),
    "cached_tokens": ("caching", "cached_tokens"),
    "cache_hit_rate": ("caching", "hit_rate"),
    "context_tokens": ("rag", "context_tokens"),
    "rag_setup_usd": ("rag", "setup_usd"),
    "rag_monthly_usd": ("rag", "monthly_usd"),
    "training_run_usd": ("fine_tune", "training_run_usd"),
    "training_runs": ("fine_tune", "runs"),
    "fine_tune_setup_usd": ("fine_tune", "setup_usd"),
    "retrain_every_months": ("fine_tune", "retrain_every_months"),
    "retrain_usd": ("fine_tune", "retrain_usd"),
    "tokens_saved": ("fine_tune", "tokens_saved"),
    "inference_premium": ("fine_tune", "inference_premium"),
    "fine_tune_monthly_usd": ("fine_tune", "monthly_usd"),
    "student_model": ("fine_tune", "student_model"),
    "hosting": ("fine_tune", "hosting"),
    "model_hosting": ("hosting",),
    "gpu": ("fine_tune", "gpu"),
    "gpu_hourly_usd": ("fine_tune", "gpu_hourly_usd"),
    "gpus": ("fine_tune", "gpus"),
}


def with_overrides(data: Mapping[str, Any] | None, **flat: Any) -> dict[str, Any]:
    """A copy of scenario `data` with the flat fields (see FLAT_FIELDS) that are not None set on it."""
    result: dict[str, Any] = json.loads(json.dumps(dict(data or {}), default=_range_as_list))
    for name, value in flat.items():
        if value is None:
            continue
        if name not in FLAT_FIELDS:
            raise ValueError(f"{name}: not a scenario field; known fields are {', '.join(FLAT_FIELDS)}")
        *parents, leaf = FLAT_FIELDS[name]
        section = result
        for part in parents:
            section = section.setdefault(part, {})
            if not isinstance(section, dict):
                raise ValueError(f"{part}: must be a mapping of fields")
        section[leaf] = value
        # A volume given as an override replaces the other volume field rather than clashing with it.
        if name in ("queries_per_day", "queries_per_month"):
            other = "queries_per_month" if name == "queries_per_day" else "queries_per_day"
            section.pop(other, None)
    return result


def _range_as_list(value: Any) -> Any:
    if isinstance(value, Range):
        return value.to_list()
    raise TypeError(f"cannot serialise {type(value).__name__}")


# --------------------------------------------------------------------------------------------------
# Results (values)


@dataclass(frozen=True)
class OptionCost:
    """What one option costs: up front, in the first month (itemised), and over the horizon."""

    name: str
    one_time_usd: float
    one_time_items: dict[str, float]
    monthly_usd: float
    monthly_items: dict[str, float]
    total_usd: float
    cost_per_1k_queries_usd: float | None  # everything over the horizon, divided by its queries
    marginal_cost_per_1k_queries_usd: float  # token cost only
    cumulative_usd: list[float]  # one per month: one-time plus every month so far

    def to_dict(self) -> dict:
        return {
            "one_time_usd": self.one_time_usd,
            "one_time_items": dict(self.one_time_items),
            "monthly_usd": self.monthly_usd,
            "monthly_items": dict(self.monthly_items),
            "total_usd": self.total_usd,
            "cost_per_1k_queries_usd": self.cost_per_1k_queries_usd,
            "marginal_cost_per_1k_queries_usd": self.marginal_cost_per_1k_queries_usd,
            "cumulative_usd": list(self.cumulative_usd),
        }


@dataclass(frozen=True)
class Breakeven:
    """When fine-tuning pays back against RAG; None fields come with the reason."""

    payback_months: float | None
    payback_calls: float | None
    breakeven_queries_per_month: float | None
    extra_one_time_usd: float  # fine_tune's one-time cost minus rag's
    monthly_saving_usd: float  # what fine_tune saves over rag in the first month (negative: costs more)
    reason: str | None

    def to_dict(self) -> dict:
        return {
            "payback_months": self.payback_months,
            "payback_calls": self.payback_calls,
            "breakeven_queries_per_month": self.breakeven_queries_per_month,
            "extra_one_time_usd": self.extra_one_time_usd,
            "monthly_saving_usd": self.monthly_saving_usd,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo over the ranged inputs: p10/p50/p90 of every output and how often each option wins."""

    samples: int
    seed: int
    options: dict[str, dict[str, dict[str, float | None]]]
    breakeven: dict[str, dict[str, float | None]]
    prob_cheapest: dict[str, float]
    prob_payback_within_horizon: float

    def to_dict(self) -> dict:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "options": self.options,
            "breakeven": {"fine_tune_vs_rag": self.breakeven},
            "prob_cheapest": self.prob_cheapest,
            "prob_payback_within_horizon": self.prob_payback_within_horizon,
        }


@dataclass(frozen=True)
class Sensitivity:
    """How far the fine_tune-minus-rag total moves when one input goes from low to high."""

    field: str
    low: float
    high: float
    gap_at_low_usd: float
    gap_at_high_usd: float
    swing_usd: float
    from_range: bool  # the user's range; otherwise the point value +/- 25%

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "low": self.low,
            "high": self.high,
            "gap_at_low_usd": self.gap_at_low_usd,
            "gap_at_high_usd": self.gap_at_high_usd,
            "swing_usd": self.swing_usd,
            "from_range": self.from_range,
        }


@dataclass(frozen=True)
class PricesUsed:
    """The per-million-token prices one option set was computed with, and where they came from."""

    model: str
    input: float | Range
    output: float | Range
    cached_input: float | Range
    cache_write: float | Range
    price_date: str | None
    as_of: str | None
    source: str

    def to_dict(self) -> dict:
        def value(v: float | Range) -> float | list[float]:
            return v.to_list() if isinstance(v, Range) else v

        return {
            "model": self.model,
            "input": value(self.input),
            "output": value(self.output),
            "cached_input": value(self.cached_input),
            "cache_write": value(self.cache_write),
            "price_date": self.price_date,
            "as_of": self.as_of,
            "source": self.source,
        }


@dataclass(frozen=True)
class CostReport:
    """The comparison of every option for one scenario."""

    horizon_months: int
    queries_per_month: float  # first month
    options: dict[str, OptionCost]
    cheapest: str
    breakeven: Breakeven
    uncertainty: Uncertainty | None
    sensitivity: list[Sensitivity]
    assumptions: list[Assumption]
    prices: dict[str, PricesUsed]  # "base", and "student" when distilling
    inputs: dict[str, float | list[float]]  # every numeric input used, defaults included
    hosting: str = "hosted"  # self_hosted: every option runs an open-weight model on your GPUs

    def to_dict(self) -> dict:
        """JSON-serialisable: the `crossroads cost --json` contract."""
        return {
            "horizon_months": self.horizon_months,
            "queries_per_month": self.queries_per_month,
            "options": {name: option.to_dict() for name, option in self.options.items()},
            "cheapest": self.cheapest,
            "breakeven": {"fine_tune_vs_rag": self.breakeven.to_dict()},
            "uncertainty": self.uncertainty.to_dict() if self.uncertainty else None,
            "sensitivity": [item.to_dict() for item in self.sensitivity],
            "assumptions": [a.to_dict() for a in self.assumptions],
            "prices": {role: used.to_dict() for role, used in self.prices.items()},
            "inputs": dict(self.inputs),
            "hosting": self.hosting,
        }


# --------------------------------------------------------------------------------------------------
# Resolving a scenario: defaults, prices, GPU


@dataclass(frozen=True)
class _Resolved:
    horizon: int
    values: dict[str, float | Range]  # parameter path -> value, every default filled in
    volume_field: str
    self_hosted: bool  # the fine-tuned models run on your GPUs
    distill: bool
    prices: dict[str, PricesUsed]
    assumptions: list[Assumption]
    base_self_hosted: bool = False  # so does the base model (prompting, RAG)


_PRICE_KEYS = ("input", "output", "cached_input", "cache_write")


def _resolve(scenario: Scenario) -> _Resolved:
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
    return _Resolved(horizon, values, volume_field, self_hosted, distill, prices, assumptions, base_self_hosted)


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
# The arithmetic (vectorised: every parameter is an array of samples, or of one point)


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
class _OptionArrays:
    one_time: dict[str, Any]
    per_query_input: Any
    per_query_output: Any
    fixed: dict[str, Any]


def _options(p, self_hosted: bool, distill: bool, base_self_hosted: bool = False) -> dict[str, _OptionArrays]:
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

    def tuned(prefix: str, t_in, rag: bool) -> _OptionArrays:
        one_time = dict(ft_one_time) | ({"rag_setup": p["rag.setup_usd"]} if rag else {})
        fixed = dict(ft_fixed) | (rag_fixed if rag else {})
        if self_hosted:
            # Self-hosted models pay for GPUs by the hour, not for tokens.
            fixed["gpu_hosting"] = p["fine_tune.gpu_hourly_usd"] * GPU_HOURS_PER_MONTH * p["fine_tune.gpus"]
            return _OptionArrays(one_time, zero, zero, fixed)
        per_input, per_output = _token_costs(p, prefix, t_in, premium)
        return _OptionArrays(one_time, per_input, per_output, fixed)

    if base_self_hosted:
        gpu = {"gpu_hosting": p["fine_tune.gpu_hourly_usd"] * GPU_HOURS_PER_MONTH * p["fine_tune.gpus"]}
        prompting, rag = (zero, zero), (zero, zero)
        base_fixed = gpu
    else:
        prompting = _token_costs(p, "prices", input_tokens, 1.0)
        rag = _token_costs(p, "prices", input_tokens + context, 1.0)
        base_fixed = {}
    options = {
        "prompting": _OptionArrays({}, *prompting, dict(base_fixed)),
        "rag": _OptionArrays({"rag_setup": p["rag.setup_usd"]}, *rag, rag_fixed | base_fixed),
        "fine_tune": tuned("prices", ft_input, rag=False),
        "hybrid": tuned("prices", ft_input + context, rag=True),
    }
    if distill:
        options["distill"] = tuned("fine_tune.student_prices", ft_input, rag=False)
    return options


@dataclass(frozen=True)
class _Totals:
    one_time: Any
    monthly: Any  # first month
    per_query: Any
    fixed: Any
    total: Any
    per_1k: Any


def _volume(p, volume_field: str):
    value = p[f"workload.{volume_field}"]
    return value * DAYS_PER_MONTH if volume_field == "queries_per_day" else value


def _growth_sum(growth, horizon: int):
    """Sum of (1 + g)^k for k in 0..horizon-1: the horizon's volume in units of the first month's."""
    np = _np()
    flat = growth == 0
    safe = np.where(flat, 1.0, growth)
    # expm1/log1p instead of ((1 + g)^n - 1) / g: float32 samples would round 1 + 1e-9 to 1 and lose it all.
    return np.where(flat, float(horizon), np.expm1(horizon * np.log1p(safe)) / safe)


def _totals(options: dict[str, _OptionArrays], q0, growth_sum, horizon: int) -> dict[str, _Totals]:
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
        result[name] = _Totals(one_time, per_query * q0 + fixed, per_query, fixed, total, per_1k)
    return result


def _breakeven_arrays(totals: dict[str, _Totals], q0, growth_sum, horizon: int):
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


def _np():
    import numpy

    return numpy


def _arrays(values: Mapping[str, float | Range], size: int = 1) -> dict[str, Any]:
    np = _np()
    return {
        k: np.full(size, v.mid if isinstance(v, Range) else v, dtype=float) for k, v in values.items()
    }


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
    resolved = _resolve(scenario)
    np = _np()
    horizon = resolved.horizon

    point = _arrays(resolved.values)
    options = _options(point, resolved.self_hosted, resolved.distill, resolved.base_self_hosted)
    q0 = _volume(point, resolved.volume_field)
    growth_sum = _growth_sum(point["workload.monthly_growth"], horizon)
    totals = _totals(options, q0, growth_sum, horizon)
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
            one_time_usd=_usd(t.one_time[0]),
            one_time_items={k: _usd(v[0]) for k, v in o.one_time.items()},
            monthly_usd=_usd(t.monthly[0]),
            monthly_items={k: _usd(v) for k, v in items.items()},
            total_usd=_usd(t.total[0]),
            cost_per_1k_queries_usd=_finite(t.per_1k[0]),
            marginal_cost_per_1k_queries_usd=float(t.per_query[0] * 1000),
            cumulative_usd=[_usd(v) for v in cumulative],
        )

    breakeven = _breakeven(totals, q0, growth_sum, horizon)
    has_ranges = any(isinstance(v, Range) for v in resolved.values.values())
    uncertainty = _monte_carlo(resolved, seed, samples) if has_ranges else None
    return CostReport(
        horizon_months=horizon,
        queries_per_month=float(q0[0]),
        options=results,
        cheapest=min(results, key=lambda n: results[n].total_usd),
        breakeven=breakeven,
        uncertainty=uncertainty,
        sensitivity=_sensitivity(resolved),
        assumptions=list(resolved.assumptions),
        prices=resolved.prices,
        inputs={k: v.to_list() if isinstance(v, Range) else v for k, v in resolved.values.items()},
        hosting="self_hosted" if resolved.base_self_hosted else "hosted",
    )


def _usd(value) -> float:
    # Micro-dollar rounding hides float noise (14600.000000000004) without moving any cent.
    return round(float(value), 6)


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _rounded(value) -> float | None:
    """Monte Carlo summaries are float32: report the 6 significant digits they carry, not binary noise."""
    value = _finite(value)
    return None if value is None else float(f"{value:.6g}")


def _breakeven(totals, q0, growth_sum, horizon: int) -> Breakeven:
    payback, calls, volume, extra_one_time, saving, per_query_saving, needed = (
        float(a[0]) for a in _breakeven_arrays(totals, q0, growth_sum, horizon)
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
        payback_months=_finite(payback),
        payback_calls=_finite(calls),
        breakeven_queries_per_month=_finite(volume),
        extra_one_time_usd=extra_one_time,
        monthly_saving_usd=saving,
        reason="; ".join(reasons) or None,
    )


_OUTPUTS = ("one_time_usd", "monthly_usd", "total_usd", "cost_per_1k_queries_usd")


def _monte_carlo(resolved: _Resolved, seed: int, samples: int) -> Uncertainty:
    np = _np()
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
    # Point parameters stay shape (1,) and broadcast; zeros_like() in _options needs a full-size array.
    p["workload.input_tokens"] = np.broadcast_to(p["workload.input_tokens"], (samples,))
    options = _options(p, resolved.self_hosted, resolved.distill, resolved.base_self_hosted)
    q0 = np.broadcast_to(_volume(p, resolved.volume_field), (samples,))
    growth_sum = _growth_sum(p["workload.monthly_growth"], horizon)
    totals = _totals(options, q0, growth_sum, horizon)
    payback, calls, volume, *_ = _breakeven_arrays(totals, q0, growth_sum, horizon)

    names = list(options)
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
    np = _np()
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


def _sensitivity(resolved: _Resolved) -> list[Sensitivity]:
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
    p = _arrays(resolved.values, rows)
    for i, (key, low, high, _) in enumerate(swept):
        p[key][2 * i] = low
        p[key][2 * i + 1] = high
    options = _options(p, resolved.self_hosted, resolved.distill, resolved.base_self_hosted)
    q0 = _volume(p, resolved.volume_field)
    growth_sum = _growth_sum(p["workload.monthly_growth"], resolved.horizon)
    totals = _totals(options, q0, growth_sum, resolved.horizon)
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
