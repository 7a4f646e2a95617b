"""The cost model's input contract: a scenario, validated by pydantic at the boundary.

A `Scenario` is one costing question: the workload, the model and prices, and the RAG and fine-tune
parameters. Every numeric field takes a number or a `[low, high]` `Range`; fields left out take the
sourced defaults of `tools.assumptions` when the scenario is costed. `parse_scenario` validates a
mapping, `load_scenario` a YAML or JSON file, and `with_overrides` sets the flat field names
(`FLAT_FIELDS`) the CLI flags and the model-facing function use. Bad input raises ValueError with one
line naming the field.

Conventions (the one definition of each): a month is 365/12 days, a GPU month 730 hours, token prices
are USD per million tokens.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, ValidationError, model_validator

DAYS_PER_MONTH = 365 / 12
GPU_HOURS_PER_MONTH = 730
MAX_HORIZON_MONTHS = 120
MIN_RETRAIN_MONTHS = 0.25  # weekly
# Beyond a trillion (queries, tokens or dollars) an input is a typo, and products of such inputs overflow.
LARGEST_INPUT = 1e12


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


def _whole(minimum: int):
    """A pydantic type: a whole number of at least `minimum` (GPUs come whole: a fraction is a typo)."""

    def check(value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
            raise ValueError(f"must be a whole number (got {_show(value)})")
        if not float(value).is_integer():
            raise ValueError(f"must be a whole number of GPUs, not a fraction (got {value:g})")
        if value < minimum:
            raise ValueError(f"must be at least {minimum} GPU{'' if minimum == 1 else 's'} (got {value:g})")
        if value > 100_000:
            raise ValueError(f"must be at most 100000 (got {value:g})")
        return int(value)

    return Annotated[Any, BeforeValidator(check)]


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
PeakFactor = _numeric(1.0, 100.0)
Billions = _numeric(0.1, 10_000.0)
Gpus = _whole(1)
OwnedGpus = _whole(0)
Horizon = Annotated[Any, BeforeValidator(lambda v: None if v is None else _horizon(v))]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Workload(_Section):
    queries_per_day: Count = None
    queries_per_month: Count = None
    input_tokens: Count = None
    output_tokens: Count = None
    monthly_growth: Growth = None
    # Peak hour over the month's average hour: self-hosted GPUs are sized for the peak.
    peak_factor: PeakFactor = None

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
    # Given: a flat vector store a month. Left out: scaled from the reference below by volume and corpus.
    monthly_usd: Money = None
    corpus_documents: Count = None
    engineering_weeks: Count = None
    engineering_week_usd: Money = None
    vector_store_floor_usd: Money = None
    reference_queries_per_day: Count = None
    reference_documents: Count = None


class FineTune(_Section):
    training_run_usd: Money = None
    # Instead of a run's price: the GPU hours it takes, priced at the GPU's hourly rate.
    training_gpu_hours: Count = None
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
    # Given: at least this many GPUs per self-hosted option (more if the volume needs them).
    gpus: Gpus = None
    owned_gpus: OwnedGpus = None
    ops_monthly_usd: Money = None
    model_size_b: Billions = None
    student_size_b: Billions = None
    # The hosted model to fine-tune instead of the nearest tunable one.
    base_model: str | None = None
    hybrid_retrain_every_months: Count = None
    eval_gate_inputs: Count = None
    eval_gate_runs: Count = None
    eval_gate_usd: Money = None
    teacher_examples: Count = None

    @model_validator(mode="after")
    def _retrain_cadence(self) -> FineTune:
        for name in ("retrain_every_months", "hybrid_retrain_every_months"):
            every = getattr(self, name)
            low = every.low if isinstance(every, Range) else every
            # 0 means never; anything else spreads each retrain over its months, and a near-zero cadence
            # would mean retraining thousands of times a month.
            if low is not None and (isinstance(every, Range) or low > 0) and low < MIN_RETRAIN_MONTHS:
                shown = f"[{every.low:g}, {every.high:g}]" if isinstance(every, Range) else f"{low:g}"
                raise ValueError(
                    f"{name}: must be 0 (never) or at least {MIN_RETRAIN_MONTHS:g} months, "
                    f"and a range must not include 0 (got {shown})"
                )
        return self


class Requirements(_Section):
    """What an option must do to count: answer within a first-token budget, retrieve (cite, stay current)."""

    latency_budget_ms: _numeric(1.0, 600_000.0) = None
    needs_retrieval: bool = False


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
    requirements: Requirements = Field(default_factory=Requirements)


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


# A scenario file is a few hundred bytes; anything near this is not one.
MAX_SCENARIO_BYTES = 1024 * 1024
# Values a YAML file may hold once its aliases are expanded (a real scenario has under a hundred);
# a few hundred bytes of nested aliases can otherwise expand to billions.
MAX_YAML_VALUES = 10_000


def read_scenario_file(path: str | Path) -> dict[str, Any]:
    """The raw mapping in a YAML or JSON scenario file; ValueError with one line naming the file.

    Refused before parsing: anything but a regular file (a device such as /dev/zero, a pipe, a
    directory), and files over MAX_SCENARIO_BYTES. YAML aliases may expand to MAX_YAML_VALUES values.
    """
    import os
    import stat

    path = Path(path)
    try:
        # Non-blocking: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such scenario file") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the scenario file ({exc.strerror or exc.__class__.__name__})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path}: not a regular file (a device, pipe or directory); give a YAML or JSON scenario file")
        if info.st_size > MAX_SCENARIO_BYTES:
            raise ValueError(f"{path}: {info.st_size:,} bytes is over the {MAX_SCENARIO_BYTES:,}-byte limit for a scenario file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(MAX_SCENARIO_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the scenario file ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_SCENARIO_BYTES:  # it grew while being read
        raise ValueError(f"{path}: over the {MAX_SCENARIO_BYTES:,}-byte limit for a scenario file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: cannot read the scenario file (not UTF-8 text)") from None
    try:
        data = _parse_json(text, path) if path.suffix.lower() == ".json" else _parse_yaml(text, path)
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply to be a scenario file") from None
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: a scenario file must hold a mapping of fields (got {type(data).__name__})")
    return dict(data)


def _parse_json(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def _parse_yaml(text: str, path: Path) -> Any:
    """YAML through the safe loader, composed first so that alias expansion is counted before any
    value is built."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _bound_expansion(node, path)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise ValueError(f"{path}: not valid YAML ({where}{problem})") from None
    finally:
        loader.dispose()


def _bound_expansion(root: Any, path: Path) -> None:
    """ValueError if the node graph, with every alias expanded, holds over MAX_YAML_VALUES values
    (or refers to itself). Iterative, with each shared node sized once."""
    import yaml

    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_YAML_VALUES:
                raise ValueError(
                    f"{path}: its YAML aliases expand to over {MAX_YAML_VALUES:,} values; write the values out instead"
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise ValueError(f"{path}: a YAML alias refers to itself; write the values out instead")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


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
    "training_gpu_hours": ("fine_tune", "training_gpu_hours"),
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
    "owned_gpus": ("fine_tune", "owned_gpus"),
    "ops_monthly_usd": ("fine_tune", "ops_monthly_usd"),
    "model_size_b": ("fine_tune", "model_size_b"),
    "student_size_b": ("fine_tune", "student_size_b"),
    "fine_tune_base_model": ("fine_tune", "base_model"),
    "hybrid_retrain_every_months": ("fine_tune", "hybrid_retrain_every_months"),
    "eval_gate_usd": ("fine_tune", "eval_gate_usd"),
    "teacher_examples": ("fine_tune", "teacher_examples"),
    "peak_factor": ("workload", "peak_factor"),
    "corpus_documents": ("rag", "corpus_documents"),
    "rag_engineering_weeks": ("rag", "engineering_weeks"),
    "engineering_week_usd": ("rag", "engineering_week_usd"),
    "latency_budget_ms": ("requirements", "latency_budget_ms"),
    "needs_retrieval": ("requirements", "needs_retrieval"),
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
