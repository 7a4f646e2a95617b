"""Figures the sources disagree on, as a reply gives them: every source's passage for the range,
and, once the user's volume is known, the cost model's own figure for them with the assumption
behind it ("what would a vector store cost at our size?")."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from agent.conversation.costing import compare_costs
from agent.wording import count, usd
from tools.disputes import SourceRange, source_range


def dispute_for(quantity: str, citations: Any, quoted: bool = False) -> dict[str, Any] | None:
    """The range the sources give for a quantity, each source's passage cited; None if they agree.
    `quoted`: the user asked about it, so the reply quotes the passages rather than only citing them."""
    span = source_range(quantity)
    if not span.disputed:
        return None
    claims_cited = _one_claim_per_source(span)
    if not quoted:
        # A caution inside another answer cites the two ends of the range; asked about, every source.
        claims_cited = [c for c in claims_cited if c.low == span.low][:1] + [c for c in claims_cited if c.high == span.high][:1]
    marks = list(dict.fromkeys(citations.cite(claim.source_id, claim.quote) for claim in claims_cited))
    return {
        "quantity": quantity,
        "label": span.label,
        "low": span.low,
        "high": span.high,
        "unit": span.unit,
        "range": span.range_text(),
        "citations": marks,
        "quoted": quoted,
    }


# Where the cost report holds its own figure for a disputed quantity, and the assumption behind it.
_REPORTED_FIGURES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "rag_infra_monthly_usd": (("options", "rag", "monthly_items", "rag_infrastructure"), "rag.monthly_usd"),
    "rag_context_tokens": (("inputs", "rag.context_tokens"), "rag.context_tokens"),
    "breakeven_queries_per_month": (("breakeven", "fine_tune_vs_rag", "breakeven_queries_per_month"), None),
}


def figure_for_you(quantity: str, values: Mapping[str, Any], citations: Any) -> dict[str, Any] | None:
    """{"value", "queries_per_day", "why", "citation"}: the cost model's figure for `quantity` on these
    values and the assumption behind it, or None (no figure of its own, or no costing possible yet)."""
    if quantity not in _REPORTED_FIGURES:
        return None
    path, field_name = _REPORTED_FIGURES[quantity]
    try:
        costs = compare_costs(values)
    except (LookupError, ValueError):
        return None
    figure: Any = costs
    for key in path:
        figure = figure.get(key) if isinstance(figure, Mapping) else None
    if not isinstance(figure, (int, float)):
        return None
    behind = next((a for a in costs.get("assumptions") or () if a["field"] == field_name), None)
    return {
        "value": figure,
        "queries_per_day": values["queries_per_day"],
        # The note's first sentence says how the figure is made; its last repeats the figure.
        "why": behind["note"].split(". ")[0].rstrip(".") if behind else None,
        "citation": citations.cite(behind["source_id"], behind["quote"]) if behind and behind.get("source_id") else None,
    }


def _one_claim_per_source(span: SourceRange) -> list[Any]:
    """Each source once: the claim that sets the range's low or high end if it has one, else its first."""
    chosen: dict[str, Any] = {}
    for claim in span.claims:
        ends = claim.low == span.low or claim.high == span.high
        if claim.source_id not in chosen or ends:
            chosen.setdefault(claim.source_id, claim)
            if ends:
                chosen[claim.source_id] = claim
    return list(chosen.values())


def disputes_text(disputes: Sequence[Mapping[str, Any]], citations: Sequence[Mapping[str, Any]]) -> str:
    """The passages quoted for each range the user asked about, and the figure the cost model uses at their volume."""
    by_n = {c["n"]: c for c in citations}
    blocks = []
    for d in (d for d in disputes if d.get("quoted")):
        lines = [f"Here's what the sources say about {d['label']}; the sources disagree, {d['range']}:"]
        lines += [f"> {by_n[n]['quote']} ({by_n[n]['source_id']}) [{n}]" for n in d["citations"]]
        yours = d.get("yours")
        if yours:
            why = f": {yours['why'][0].lower()}{yours['why'][1:]}" if yours.get("why") else ""
            mark = f" [{yours['citation']}]" if yours.get("citation") else ""
            lines.append(f"At your {count(yours['queries_per_day'])} queries a day the cost model uses "
                         f"{_figure(d['quantity'], yours['value'])}{why}{mark}.")
        blocks.append("\n\n".join(lines))
    return "\n\n".join(blocks)


def _figure(quantity: str, value: float) -> str:
    if quantity == "rag_infra_monthly_usd":
        return f"{usd(value)} a month"
    if quantity == "rag_context_tokens":
        return f"{count(value)} tokens of retrieved context a query"
    return f"a break-even of {count(value)} queries a month"
