"""The cost model's results, as values, and the one money formatter of the project.

`tools.cost_model.compare` returns a `CostReport`: an `OptionCost` for every option, the fine-tune
against RAG `Breakeven`, the Monte Carlo `Uncertainty` (when inputs are ranges), the `Sensitivity`
list and the `PricesUsed`. Every value's `to_dict()` is JSON-ready; `CostReport.to_dict()` is the
`crossroads cost --json` contract.

`usd(value, style)` writes money for a reply, a table or worked arithmetic; `number(value)` writes a
plain number the way worked arithmetic shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # `usd` is imported by every front-end; the pydantic scenario models are not needed for it
    from tools.assumptions import Assumption
    from tools.scenario import Range

MoneyStyle = Literal["reply", "compact", "exact"]


def usd(value: float | None, style: MoneyStyle = "reply") -> str:
    """Money in US dollars, in one of three styles:

    - "reply", for prose: cents under $10, whole dollars below a million, then millions
      ("$9.99", "$1,234", "$1.23M"); None is "n/a".
    - "compact", for tables and chart axes: "$9.99", "$950", "$12.3k" (from $10,000), "$4.56M", the sign
      kept ("-$950"); None or a non-finite value is "-".
    - "exact", for worked arithmetic a reader checks by hand: cents below $10,000 when the amount is not
      whole ("$474.50"), otherwise as `number` shows it ("$14,600", "$0.0015").
    """
    if style == "reply":
        return _reply(value)
    if style == "compact":
        return _compact(value)
    if style == "exact":
        return _exact(value)
    raise ValueError(f"style: must be one of reply, compact, exact (got {style!r})")


def _reply(value: float | None) -> str:
    if value is None:
        return "n/a"
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:,.2f}M"
    if abs(value) >= 10:
        return f"${value:,.0f}"
    return f"${value:,.2f}"


def _compact(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "-"
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1e6:
        return f"{sign}${value / 1e6:,.2f}M"
    if value >= 1e4:
        return f"{sign}${value / 1e3:,.1f}k"
    if value >= 100:
        return f"{sign}${value:,.0f}"
    return f"{sign}${value:,.2f}"


def _exact(value: float) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    # Cents matter below $10,000 ($474.50 is not $474); below a dollar the significant digits do.
    if 1 <= value < 10_000 and value != int(value):
        return f"{sign}${value:,.2f}"
    return f"{sign}${number(value)}"


def number(value: float) -> str:
    """A number as worked arithmetic shows it: thousands separators, and decimals only where they matter
    ("6,083", "27.3", "2.05", "0.0575")."""
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


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
    model: str = ""  # what this option runs: the user's model, the tuned base, the student, or an open model
    latency: dict | None = None  # first-token latency_ms [low, high], its class, fits_latency_budget
    capacity: dict | None = None  # self-hosted only: gpus, peak_tokens_per_second, tokens_per_second_per_gpu, source
    meets_requirements: bool = True

    def to_dict(self) -> dict:
        latency = self.latency or {}
        return {
            "one_time_usd": self.one_time_usd,
            "one_time_items": dict(self.one_time_items),
            "monthly_usd": self.monthly_usd,
            "monthly_items": dict(self.monthly_items),
            "total_usd": self.total_usd,
            "cost_per_1k_queries_usd": self.cost_per_1k_queries_usd,
            "marginal_cost_per_1k_queries_usd": self.marginal_cost_per_1k_queries_usd,
            "cumulative_usd": list(self.cumulative_usd),
            "model": self.model,
            "latency_ms": latency.get("latency_ms"),
            "fits_latency_budget": latency.get("fits_latency_budget"),
            "latency": dict(latency) if latency else None,
            "capacity": dict(self.capacity) if self.capacity else None,
            "meets_requirements": self.meets_requirements,
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
    prob_cheapest: dict[str, float]  # among the options that meet the requirements (all, when none are stated)
    prob_payback_within_horizon: float
    prob_fine_tune_cheaper_than_rag: float = 0.0
    eligible: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "options": self.options,
            "breakeven": {"fine_tune_vs_rag": self.breakeven},
            "prob_cheapest": self.prob_cheapest,
            "prob_cheapest_among": list(self.eligible),
            "prob_payback_within_horizon": self.prob_payback_within_horizon,
            "prob_fine_tune_cheaper_than_rag": self.prob_fine_tune_cheaper_than_rag,
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
    flip: Flip | None = None  # the value at which this input changes the cheapest qualifying option

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "low": self.low,
            "high": self.high,
            "gap_at_low_usd": self.gap_at_low_usd,
            "gap_at_high_usd": self.gap_at_high_usd,
            "swing_usd": self.swing_usd,
            "from_range": self.from_range,
            "flips_at": self.flip.at if self.flip else None,
            "flips_to": self.flip.to_option if self.flip else None,
        }


@dataclass(frozen=True)
class Flip:
    """One input, moved alone, at the value where another option becomes the cheapest qualifying one."""

    field: str
    value: float  # the input's value now
    at: float  # the value where the cheapest option changes
    from_option: str
    to_option: str

    def to_dict(self) -> dict:
        return {"field": self.field, "value": self.value, "flips_at": self.at, "from": self.from_option, "to": self.to_option}


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
            return v.to_list() if hasattr(v, "to_list") else v

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
    cheapest_meeting_requirements: str | None = None
    requirements: dict | None = None  # {"latency_budget_ms", "needs_retrieval"}
    flips: list[Flip] = field(default_factory=list)  # inputs that change the cheapest qualifying option, nearest first
    caching: dict | None = None  # the prompt cache on the user's model: minimum prefix, break-even hit rate
    fine_tune_base: dict | None = None  # which hosted model the fine-tunes are bought on, and why
    notes: list[str] = field(default_factory=list)  # warnings a reader must see (a GPU count too low, ...)

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
            "cheapest_meeting_requirements": self.cheapest_meeting_requirements,
            "requirements": dict(self.requirements) if self.requirements else None,
            "flips": [f.to_dict() for f in self.flips],
            "caching": dict(self.caching) if self.caching else None,
            "fine_tune_base": dict(self.fine_tune_base) if self.fine_tune_base else None,
            "notes": list(self.notes),
        }
