"""The audit's value: a `Finding` is one figure an article states, re-derived from that article's own
numbers through the cost model, with the arithmetic shown and a verdict.

`figure_text(low, high, unit)` writes a value or range in its unit the way findings and source ranges
show it ("$474.50 a month", "50,000–80,000 queries/month", "2.05× cheaper").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from knowledge.claims import Claim
from tools.cost_report import number, usd

Verdict = Literal["consistent", "inconsistent"]


@dataclass(frozen=True)
class Finding:
    """One stated figure re-derived from its own article's numbers, with the arithmetic and the verdict.

    `stated_*` is what the article says, `derived_*` what its other numbers give (a range when the inputs
    are ranges); the figure is consistent when the derived value lies inside the stated one, give or take
    `tolerance` for the article's rounding. `would_hold` names what would make an inconsistent figure hold.
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

    @property
    def verdict(self) -> Verdict:
        inside = (
            self.stated_low * (1 - self.tolerance) <= self.derived_low
            and self.derived_high <= self.stated_high * (1 + self.tolerance)
        )
        return "consistent" if inside else "inconsistent"

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
