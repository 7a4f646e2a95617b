"""The audit's value: a `Finding` is one figure an article states, re-derived from that article's own
numbers through the cost model, with the arithmetic shown and a verdict.

`figure_text(low, high, unit)` writes a value or range in its unit the way findings and source ranges
show it ("$474.50 a month", "50,000–80,000 queries/month", "2.05× cheaper"). `article_scenario` and
`make_finding` are what every worked example (`tools.worked_examples`, `tools.ferreira_examples`) builds with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from knowledge.claims import Claim, get_claim
from tools.cost_report import number, usd

# Worked arithmetic shows money exactly: cents below $10,000 ($474.50 is not $474).
exact_usd = partial(usd, style="exact")

Verdict = Literal["consistent", "inconsistent"]


@dataclass(frozen=True)
class Finding:
    """One stated figure re-derived from its own article's numbers, with the arithmetic and the verdict.

    `stated_*` is what the article says, `derived_*` what its other numbers give (a range when the inputs
    are ranges); the figure is consistent when the two overlap, give or take `tolerance` for the article's
    rounding: some value of the article's own inputs gives the figure. `reading` names the reading of the
    article under which it was judged, when that is not the literal one (the simplest reading under which
    the figure holds). `would_hold` names what would make an inconsistent figure hold. No derivation takes
    a value back-solved from the figure it judges.
    For the grounding validator, every number `note` shows is either in `figures` (derived and solved
    values, and the scenario's inputs) or in `passages()` (the claim's quote and those of the claims in
    `uses`, whose figures the derivation takes). `cues` are words that, with the stated numbers, mark a
    user quoting the figure.
    """

    id: str
    claim: Claim
    title: str
    stated: str
    stated_low: float
    stated_high: float
    derived_low: float
    derived_high: float
    unit: str
    tolerance: float
    arithmetic: tuple[str, ...]
    would_hold: str | None
    figures: tuple[float, ...]
    uses: tuple[Claim, ...]
    cues: tuple[str, ...]
    scenario: dict = field(repr=False)
    reading: str | None = None

    @property
    def verdict(self) -> Verdict:
        overlaps = (
            self.derived_high >= self.stated_low * (1 - self.tolerance)
            and self.derived_low <= self.stated_high * (1 + self.tolerance)
        )
        return "consistent" if overlaps else "inconsistent"

    @property
    def source_id(self) -> str:
        return self.claim.source_id

    def passages(self) -> tuple[str, ...]:
        """The verbatim quotes a reply cites with this finding: its claim's, then those of `uses`."""
        return (self.claim.quote, *(c.quote for c in self.uses))

    def derived_text(self) -> str:
        return figure_text(self.derived_low, self.derived_high, self.unit)

    def note(self) -> str | None:
        """One sentence for a reply citing this figure, or None when the figure is consistent."""
        if self.verdict == "consistent":
            return None
        return (
            f'The figure "{self.claim.quote}" ({self.source_id}) does not follow from the article\'s own numbers, '
            f"which give {self.derived_text()}: it would hold only {self.would_hold}."
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "claim": self.claim.id,
            "quote": self.claim.quote,
            "title": self.title,
            "stated": self.stated,
            "stated_range": [self.stated_low, self.stated_high],
            "derived_range": [self.derived_low, self.derived_high],
            "unit": self.unit,
            "tolerance": self.tolerance,
            "verdict": self.verdict,
            "arithmetic": list(self.arithmetic),
            "would_hold": self.would_hold,
            "reading": self.reading,
            "note": self.note(),
            "figures": list(self.figures),
            "uses": [c.id for c in self.uses],
            "scenario": self.scenario,
        }


# How a value in each unit reads: money with its period, factors and percentages glued to their number.
_MONEY_UNITS = {"USD": "", "USD/month": " a month", "USD/year": " a year", "USD per 1K queries": " per 1K queries"}
_GLUED_UNITS = ("×", "%")


def figure_text(low: float, high: float, unit: str) -> str:
    """A value or range in its unit: "$474.50 a month", "50,000–80,000 queries/month", "2.05× cheaper"."""
    if unit in _MONEY_UNITS:
        low_text, high_text = usd(low, "exact"), usd(high, "exact")
        span = low_text if low_text == high_text else f"{low_text}–{high_text}"
        return span + _MONEY_UNITS[unit]
    low_text, high_text = number(low), number(high)
    span = low_text if low_text == high_text else f"{low_text}–{high_text}"
    return f"{span}{unit}" if unit.startswith(_GLUED_UNITS) else f"{span} {unit}"


def article_scenario(volume: dict, prices: dict, horizon: int = 12, **sections: dict) -> dict:
    """A cost-model scenario with every knob the articles do not mention set to zero, so only their
    numbers (and no default or price lookup) enter the arithmetic."""
    zero = {
        "rag": {"context_tokens": 0, "setup_usd": 0, "monthly_usd": 0, "engineering_weeks": 0},
        "fine_tune": {
            "training_run_usd": 0, "runs": 1, "setup_usd": 0, "retrain_every_months": 0, "retrain_usd": 0,
            "hybrid_retrain_every_months": 0, "tokens_saved": 0, "inference_premium": 0, "monthly_usd": 0,
            "ops_monthly_usd": 0,
        },
        "caching": {"cached_tokens": 0, "hit_rate": 0},
    }
    data: dict[str, Any] = {
        "horizon_months": horizon,
        "workload": {"monthly_growth": 0, "input_tokens": 0, "output_tokens": 0, **volume},
        "prices": prices,
    }
    for name, defaults in zero.items():
        data[name] = {**defaults, **sections.get(name, {})}
    return data


def make_finding(claim_id: str, title: str, derived: tuple[float, float], unit: str, arithmetic: list[str],
             would_hold: str | None, scenario: dict, tolerance: float = 0.05,
             stated: tuple[float, float] | None = None, figures: tuple[float, ...] = (),
             cues: tuple[str, ...] = (), uses: tuple[str, ...] = (), reading: str | None = None) -> Finding:
    claim = get_claim(claim_id)
    low, high = stated if stated is not None else (claim.low, claim.high)
    return Finding(
        id=claim_id, claim=claim, title=title, stated=figure_text(low, high, unit), stated_low=low, stated_high=high,
        derived_low=derived[0], derived_high=derived[1], unit=unit, tolerance=tolerance,
        arithmetic=tuple(arithmetic), would_hold=would_hold,
        figures=(derived[0], derived[1], *figures, *_leaves(scenario)),
        uses=tuple(get_claim(u) for u in uses), cues=cues, scenario=scenario, reading=reading,
    )


def _leaves(data: Any) -> list[float]:
    """Every number in a scenario: the inputs a note may show."""
    if isinstance(data, dict):
        return [n for value in data.values() for n in _leaves(value)]
    if isinstance(data, (list, tuple)):
        return [n for value in data for n in _leaves(value)]
    return [float(data)] if isinstance(data, (int, float)) and not isinstance(data, bool) else []
