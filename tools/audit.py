"""The source audit: re-derive the articles' worked examples with the cost model.

Each `Finding` (`tools.findings`) re-computes one figure an article states (a break-even, a monthly
token bill, a 12-month TCO, a per-1K-query cost, a GPU month) from the numbers the same article gives,
through `tools.cost_model.compare` (the derivations are `tools.worked_examples`), and gives a verdict:
consistent, or inconsistent together with the assumption that would make it hold. Where the sources
disagree with each other is `tools.disputes`.

For the conversation: `finding_for_citation(source_id, quote)` is the finding (its `note()` the sentence
to add) when a reply cites a figure the audit found inconsistent; `findings_quoted_in(text)` does the same
for figures a user quotes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tools.findings import Finding
from tools.worked_examples import AUDITS



@lru_cache(maxsize=1)
def _all_findings() -> tuple[Finding, ...]:
    return tuple(audit() for audit in AUDITS)


def run_audit(source_id: str | None = None) -> list[Finding]:
    """Every worked example re-derived, in source order; only `source_id`'s when given.

    Raises LookupError for a source id with no audited figures.
    """
    findings = list(_all_findings())
    if source_id is None:
        return findings
    chosen = [f for f in findings if f.source_id == source_id]
    if not chosen:
        known = ", ".join(dict.fromkeys(f.source_id for f in findings))
        raise LookupError(f"--source {source_id}: no audited figures for that source; audited sources: {known}")
    return chosen


# --------------------------------------------------------------------------------------------------
# For the conversation


def _normalised(text: str) -> str:
    folded = text.translate(str.maketrans({"–": "-", "—": "-", "\u2019": "'", "|": " ", "*": " "}))
    return " ".join(folded.split()).lower()


def finding_for_citation(source_id: str, quote: str) -> Finding | None:
    """The inconsistent finding a reply cites when it quotes `quote` from `source_id`, or None.
    Its `note()` is the sentence to add; its `figures` and `passages()` ground that sentence.

    A cited passage matches an audited figure when it contains the figure's quote, or is part of that quote
    and still shows the stated figure (whitespace, dashes and table pipes aside).
    """
    cited = _normalised(quote)
    if not cited:
        return None
    numbers = _numbers_in(quote)
    for finding in _all_findings():
        if finding.source_id != source_id or finding.verdict == "consistent":
            continue
        claimed = _normalised(finding.claim.quote)
        if claimed in cited or (cited in claimed and _shows_stated(numbers, finding)):
            return finding
    return None


_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:[-–]|to)?\s*(\d[\d,]*(?:\.\d+)?)?\s*([kKmM](?![a-z])|million)?")


def _numbers_in(text: str) -> list[float]:
    found: list[float] = []
    for match in _FIGURE.finditer(text):
        scale = {"k": 1e3, "m": 1e6, "million": 1e6}.get((match.group(3) or "").lower(), 1.0)
        for part in match.group(1, 2):
            if part:
                found.append(float(part.replace(",", "")) * scale)
    return found


def _shows_stated(numbers: list[float], finding: Finding) -> bool:
    """True when both ends of the finding's stated figure are among `numbers` (within rounding)."""
    return all(any(abs(n - v) <= 0.005 * v for n in numbers) for v in (finding.stated_low, finding.stated_high))


def findings_quoted_in(text: str) -> list[Finding]:
    """The inconsistent findings whose figure a user quotes in `text` (e.g. "fine-tuning breaks even at
    50-80k queries a month"): a figure matches when its stated value (both ends of a range) appears among
    the numbers in the text and so does one of its cue words ("break", "week", ...)."""
    numbers = _numbers_in(text)
    lowered = text.lower()
    return [
        finding
        for finding in _all_findings()
        if finding.verdict == "inconsistent"
        and _shows_stated(numbers, finding)
        and any(cue in lowered for cue in finding.cues)
    ]
