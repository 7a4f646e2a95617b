"""What a cost report says about the decision: a fine-tune's payback and totals against the real
alternative, whether it wins on cost alone (a clear margin, at the sources' volumes), and each option's
latency against a stated budget. `tools.decision_tree` reads the report only through `Economics`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Mapping

from tools.cost_report import number, usd

# A fine-tune recommended on cost alone must cost at most this share of the real alternative over the
# horizon. No source gives a margin; the defaults on both sides span wide source ranges (fine-tuning
# labour alone $40k-$120k), so a thinner win is within their noise.
COST_ONLY_MAX_SHARE = 0.8
# The sources' volume rule for a cost-only fine-tune (aieconomyhub-2026): "at under 2M calls/month on
# cached RAG, do not bother fine-tuning unless you have a capability reason".
COST_ONLY_MIN_QUERIES_PER_MONTH = 2_000_000
# The longest prompt a comparison priced at the default prompt length may be wrong by, when the user
# says the bill is the problem: a few thousand tokens is an ordinary prompt (instructions and few-shot
# examples, a document to summarise). No source gives the figure; past it, the default stands.
PLAUSIBLE_PROMPT_TOKENS = 4_000


def payback_months(costs: Mapping[str, Any] | None) -> float | None:
    """The fine-tune's payback in months from the cost report; math.inf when it never pays back."""
    if not costs:
        return None
    breakeven = (costs.get("breakeven") or {}).get("fine_tune_vs_rag")
    if not breakeven:
        return None
    months = breakeven.get("payback_months")
    if months is None or (isinstance(months, Real) and not math.isfinite(months)):
        return math.inf
    if isinstance(months, bool) or not isinstance(months, Real) or months < 0:
        raise ValueError(f"costs.breakeven.fine_tune_vs_rag.payback_months must be a number of months, got {months!r}")
    return float(months)


def option_totals(costs: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(fine-tune total, prompting-alone total) over the cost report's horizon, when it has both."""
    options = (costs or {}).get("options") or {}
    totals = []
    for option in ("fine_tune", "prompting"):
        total = (options.get(option) or {}).get("total_usd")
        if total is None:
            return None
        if isinstance(total, bool) or not isinstance(total, Real) or not math.isfinite(total) or total < 0:
            raise ValueError(f"costs.options.{option}.total_usd must be a non-negative number of dollars, got {total!r}")
        totals.append(float(total))
    return totals[0], totals[1]


def all_totals(costs: Mapping[str, Any] | None) -> dict[str, float]:
    options = (costs or {}).get("options") or {}
    found = {}
    for name, option in options.items():
        total = (option or {}).get("total_usd")
        if isinstance(total, Real) and not isinstance(total, bool) and math.isfinite(total):
            found[name] = float(total)
    return found


def volume(costs: Mapping[str, Any] | None) -> float | None:
    volume = (costs or {}).get("queries_per_month")
    return float(volume) if isinstance(volume, Real) and not isinstance(volume, bool) else None


def assumed_input_tokens(costs: Mapping[str, Any] | None) -> float | None:
    """The prompt length the cost report priced at by default, or None when it was given."""
    for assumption in (costs or {}).get("assumptions") or ():
        if assumption.get("field") == "workload.input_tokens" and isinstance(assumption.get("value"), Real):
            return float(assumption["value"])
    return None


def distill_pays_from_input_tokens(costs: Mapping[str, Any] | None) -> float | None:
    """The prompt length at which the report's cheapest option flips from prompting alone to the
    distilled model, or None when no prompt length flips it."""
    for flip in (costs or {}).get("flips") or ():
        if (flip.get("field"), flip.get("from"), flip.get("to")) == ("workload.input_tokens", "prompting", "distill"):
            at = flip.get("flips_at")
            return float(at) if isinstance(at, Real) and math.isfinite(at) else None
    return None


def latency_fits(costs: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Per option: its model and first-token latency range and fit, where the report gives them."""
    found = {}
    for name, option in ((costs or {}).get("options") or {}).items():
        found[name] = {"model": option.get("model"), "latency_ms": option.get("latency_ms"), "fits": option.get("fits_latency_budget")}
    return found


@dataclass(frozen=True)
class Economics:
    """What the cost report says about a fine-tune: its payback against RAG (months, inf for never),
    the horizon it is judged over, (fine-tune total, prompting-alone total), every option's total, the
    first month's volume, and each option's latency fit to the stated budget (ms)."""

    payback: float | None
    horizon: int
    totals: tuple[float, float] | None
    options: Mapping[str, float] = field(default_factory=dict)
    queries_per_month: float | None = None
    latency: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    budget_ms: int | None = None
    # The prompt length the report assumed (None: the user's own, or worked out from their bill), and
    # the prompt length from which the distilled model would cost less than staying put (None: none).
    assumed_input_tokens: float | None = None
    distill_pays_from_input_tokens: float | None = None

    def alternative(self, retrievable: bool) -> str:
        """The real alternative to a fine-tune on cost: prompting alone, or RAG when there are
        documents and it is the cheaper of the two."""
        if retrievable and "rag" in self.options and self.options["rag"] < self.options.get("prompting", math.inf):
            return "rag"
        return "prompting"

    def fine_tune_saves(self, retrievable: bool) -> bool | None:
        """Whether a fine-tune costs less than the real alternative (None when the report cannot say)."""
        if self.totals is None:
            return None
        alternative = self.options.get(self.alternative(retrievable), self.totals[1])
        return self.totals[0] < alternative

    def cost_win(self, retrievable: bool) -> bool:
        """A fine-tune that wins on cost alone: a clear margin over the real alternative, at a volume the
        sources say a cost-only fine-tune needs."""
        if self.totals is None or not self.fine_tune_saves(retrievable):
            return False
        alternative = self.options.get(self.alternative(retrievable), self.totals[1])
        volume_ok = self.queries_per_month is None or self.queries_per_month >= COST_ONLY_MIN_QUERIES_PER_MONTH
        return volume_ok and self.totals[0] <= COST_ONLY_MAX_SHARE * alternative

    def cannot_fit(self, option: str) -> bool:
        return (self.latency.get(option) or {}).get("fits") == "no"

    def why(self, has_eval: bool, retrievable: bool) -> str:
        """The cost-only case for a fine-tune, in a clause."""
        horizon = self.horizon
        if self.totals is None:
            return "no cost comparison to judge a fine-tune against the alternative"
        alternative = self.alternative(retrievable)
        alt_words = "prompting alone" if alternative == "prompting" else "RAG"
        ft, alt = self.totals[0], self.options.get(alternative, self.totals[1])
        figures = f"{usd(ft)} over the {horizon}-month horizon against {usd(alt)} for {alt_words}"
        if not retrievable and not self.fine_tune_saves(retrievable):
            return f"with nothing to retrieve the alternative to a fine-tune is prompting alone, and on your numbers prompting alone costs less over the {horizon}-month horizon ({usd(alt)} against {usd(ft)})"
        if not self.fine_tune_saves(retrievable):
            return f"on your numbers a fine-tune costs more than {alt_words}: {usd(ft)} over the {horizon}-month horizon against {usd(alt)}"
        if not self.cost_win(retrievable):
            if self.queries_per_month is not None and self.queries_per_month < COST_ONLY_MIN_QUERIES_PER_MONTH:
                return (f"on your numbers a fine-tune costs {figures}, but at {number(self.queries_per_month)} queries a month "
                        "the sources say a cost-only fine-tune is not worth it before prompt caching")
            return f"on your numbers a fine-tune costs {figures}: too thin a margin to fine-tune on cost alone"
        if not has_eval:
            return f"on your numbers a fine-tune costs {figures}, but there is no eval set to hold its quality"
        return f"this is a cost decision: on your numbers a fine-tune costs {figures}, a clear margin at your volume, and your eval set can hold its quality"
