"""First-token latency per option, from the sources, and whether it fits a stated budget.

Each option's model falls in one class: a hosted top-tier model ("300-500ms for a hosted top-tier
model"), a hosted small model (a distilled model answers in "1/5th the latency"), or a self-hosted small
model ("first-token latency in the 100-200ms range"). Retrieval adds 50-150 ms (aiinfox-2026) to 100-500
ms (tradeoffs-2026): the range across both sources. A large self-hosted model has no figure in the
sources; it is given the hosted top tier's range, and says so. Only the first token is modelled: not the
network, not how long the answer takes to stream.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.claims import get_claim
from tools.tuning import is_small


@dataclass(frozen=True)
class LatencyClass:
    """A first-token latency range (ms) and the claims it comes from."""

    name: str
    low: float
    high: float
    claims: tuple[str, ...]
    note: str


def _range(claim_id: str) -> tuple[float, float]:
    claim = get_claim(claim_id)
    return claim.low, claim.high


def latency_class(model: str, self_hosted: bool, size_b: float | None = None) -> LatencyClass:
    """The class of an option's model: hosted top tier or small, or self-hosted small or large."""
    top_low, top_high = _range("aiinfox-2026/top-tier-latency")
    if self_hosted:
        if size_b is not None and size_b <= 13:
            low, high = _range("aiinfox-2026/small-model-latency")
            return LatencyClass("self-hosted small model", low, high, ("aiinfox-2026/small-model-latency",),
                                "a small fine-tuned model on vLLM on one GPU")
        return LatencyClass("self-hosted large model", top_low, top_high, ("aiinfox-2026/top-tier-latency",),
                            "no source gives a large self-hosted model's latency; taken as the hosted top tier's")
    if is_small(model):
        ratio = get_claim("aiinfox-2026/distill-latency").low
        return LatencyClass("hosted small model", top_low * ratio, top_high * ratio,
                            ("aiinfox-2026/top-tier-latency", "aiinfox-2026/distill-latency"),
                            "a fifth of the hosted top tier's, as a distilled smaller model")
    return LatencyClass("hosted top-tier model", top_low, top_high, ("aiinfox-2026/top-tier-latency",),
                        "a hosted top-tier model's first token")


def retrieval_ms() -> tuple[float, float]:
    """What retrieval adds to the first token: the range across aiinfox-2026 and tradeoffs-2026."""
    spans = [_range("aiinfox-2026/rag-latency"), _range("tradeoffs-2026/rag-latency")]
    return min(low for low, _ in spans), max(high for _, high in spans)


@dataclass(frozen=True)
class OptionLatency:
    """One option's first-token latency range and its fit to the budget ("yes", "maybe", "no", or None)."""

    low: float
    high: float
    model_class: str
    retrieval: bool
    fits: str | None
    claims: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "latency_ms": [self.low, self.high],
            "model_class": self.model_class,
            "retrieval": self.retrieval,
            "fits_latency_budget": self.fits,
            "claims": list(self.claims),
        }


def option_latency(model: str, self_hosted: bool, retrieval: bool, budget_ms: float | None,
                   size_b: float | None = None) -> OptionLatency:
    """First-token latency of one option: its model's class plus retrieval when it retrieves. Against a
    budget: "no" when even the fast end misses it, "maybe" when only the slow end does, else "yes"."""
    cls = latency_class(model, self_hosted, size_b)
    low, high = cls.low, cls.high
    claims = cls.claims
    if retrieval:
        extra_low, extra_high = retrieval_ms()
        low, high = low + extra_low, high + extra_high
        claims += ("aiinfox-2026/rag-latency", "tradeoffs-2026/rag-latency")
    fits = None
    if budget_ms is not None:
        fits = "no" if low > budget_ms else "maybe" if high > budget_ms else "yes"
    return OptionLatency(low, high, cls.name, retrieval, fits, claims)
