"""Where the sources disagree: every source's figure for one quantity, and the range they span.

`DISPUTED` names the quantities the sources disagree on (RAG's added latency, retraining cadence,
fine-tuning's upfront cost, the volume at which fine-tuning pays off, ...). `source_range(quantity)`
gathers their claims with the verbatim quotes; its `sentence()` is one sentence for a reply, each
source cited. `disputed_quantities_in(text)` finds the quantities a message asks about.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.claims import Claim, claims_about
from tools.cost_report import number, usd
from tools.findings import figure_text
from tools.scenario import DAYS_PER_MONTH


@dataclass(frozen=True)
class SourceRange:
    """Every source's figure for one quantity, and the range they span in `unit`."""

    quantity: str
    label: str
    low: float
    high: float
    unit: str
    claims: tuple[Claim, ...]

    def span(self) -> str:
        """The range in its unit, e.g. "50–500 ms" or "$20–$5,000 a month"."""
        return figure_text(self.low, self.high, self.unit)

    @property
    def disputed(self) -> bool:
        """True when the sources give different figures."""
        return len({(c.low, c.high) for c in self.claims}) > 1

    def range_text(self) -> str:
        """The range across the sources in words: "from 50 to 500 ms", "from $20 to $5,000 a month"."""
        if self.unit.startswith("USD"):
            per = {"USD/month": " a month"}.get(self.unit, "")
            return f"from {usd(self.low, 'exact')} to {usd(self.high, 'exact')}{per}"
        return f"from {number(self.low)} to {number(self.high)} {self.unit}"

    def sentence(self) -> str:
        """One sentence giving the range across the sources, each cited with its verbatim quote."""
        said = "; ".join(f'{c.source_id}: "{c.quote}"' for c in self.claims)
        return f"The sources disagree on {self.label}, {self.range_text()} ({said})."

    def to_dict(self) -> dict:
        return {
            "quantity": self.quantity,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "claims": [c.to_dict() for c in self.claims],
            "sentence": self.sentence(),
        }


# quantity -> (what a reply calls it, the unit the range is given in)
DISPUTED: dict[str, tuple[str, str]] = {
    "rag_added_latency_ms": ("how much latency RAG adds", "ms"),
    "retrain_every_months": ("how often a fine-tune needs retraining", "months"),
    "fine_tune_upfront_usd": ("what fine-tuning costs up front", "USD"),
    "breakeven_queries_per_month": ("the volume at which fine-tuning pays off", "queries/month"),
    "rag_context_tokens": ("how many tokens retrieved context adds", "tokens per query"),
    "rag_infra_monthly_usd": ("what RAG infrastructure costs a month", "USD/month"),
    "fine_tune_training_run_usd": ("what a fine-tuning training run costs", "USD"),
}
# quantity -> groups of words: a message asks about the quantity when every group has a word in it.
_ASKS_ABOUT: dict[str, tuple[tuple[str, ...], ...]] = {
    "rag_added_latency_ms": (("latency", "slower", "millisecond", " ms", "how fast", "how slow"), ("rag", "retriev")),
    "retrain_every_months": (("retrain", "re-train", "refresh"), ("how often", "cadence", "every", "when", "frequen")),
    "fine_tune_upfront_usd": (("fine-tun", "fine tun", "finetun"), ("upfront", "up front", "up-front", "one-time", "to start")),
    "breakeven_queries_per_month": (("break even", "breaks even", "break-even", "breakeven", "pays off", "pay off"),),
    "rag_context_tokens": (("context",), ("tokens",), ("how many", "how much", "how big")),
    "rag_infra_monthly_usd": (("vector db", "vector database", "vector store", "rag infrastructure"),),
    "fine_tune_training_run_usd": (("training run", "training compute", "cost to train", "training cost"),),
}
# Claims stated per day enter a per-month range at 365/12 days a month.
_TO_MONTHLY = {"queries/day": DAYS_PER_MONTH}


def source_range(quantity: str) -> SourceRange:
    """The range the sources give for a disputed quantity (see DISPUTED), each claim with its source id
    and verbatim quote. ValueError names the known quantities when `quantity` is not one of them."""
    if quantity not in DISPUTED:
        raise ValueError(f"quantity: {quantity!r} is not a disputed quantity; known: {', '.join(DISPUTED)}")
    label, unit = DISPUTED[quantity]
    claims = tuple(claims_about(quantity))
    scaled = [(c.low * _TO_MONTHLY.get(c.unit, 1.0), c.high * _TO_MONTHLY.get(c.unit, 1.0)) for c in claims]
    return SourceRange(quantity, label, min(low for low, _ in scaled), max(high for _, high in scaled), unit, claims)


def disputed_quantities_in(text: str) -> list[str]:
    """The disputed quantities (keys of DISPUTED) a message asks about, e.g. "How much latency does RAG
    add?" -> ["rag_added_latency_ms"]; pass each to `source_range`."""
    lowered = f" {text.lower()} "
    return [
        quantity for quantity, groups in _ASKS_ABOUT.items()
        if all(any(word in lowered for word in group) for group in groups)
    ]
