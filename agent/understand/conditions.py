"""Requirements read through what governs their words: a condition that demands one ("if it can't
point to the exact manual section it doesn't go live"), and a negation of the judging rather than of
the need ("nobody has scored any drafts for tone")."""

from __future__ import annotations

import re

from agent.understand.shapes import NEGATION

# A requirement stated by what happens without it: a condition that lacks it ("if it can't point to
# the exact section", "if a vet can't see which monograph a dose came from") and a consequence that
# bars the feature ("it doesn't go live", "she just won't use it", "it's useless to us").
_CONDITION_OPENS = re.compile(r"\b(?:if|when|whenever|once|the moment)\b(?P<condition>[^,;:.()]{0,40})$", re.IGNORECASE)
_BARRED = re.compile(
    r"^[^.;]{0,80}?(?:\b(?:won'?t|wouldn'?t|doesn'?t|don'?t|does not|do not|can'?t|cannot|isn'?t|is not|not|never|nobody|no one)\s+(?:\w+\s+){0,2}?"
    r"(?:go(?:es)? live|ship|launch|use|trust|adopt|accept|approve|sign|pass|fly|happen|count|allowed|deploy|buy|touch|rely|release|publish)\b"
    r"|\b(?:rejects?|rejected|refuses?|vetoe?s|blocks?)\s+(?:it|them|the)\b|\b(?:useless|worthless|pointless|unusable|dead in the water|a non-?starter|rejected|blocked|a deal ?breaker)\b)",
    re.IGNORECASE,
)

def demanded(text: str, match: re.Match | None) -> bool:
    """Whether the clause demands the requirement its keyword `match` names, through a condition that
    lacks it and a consequence that bars the feature ("if it can't point to the exact section it
    doesn't go live")."""
    condition = match and _CONDITION_OPENS.search(text[: match.start()])
    if condition and NEGATION.search(condition.group("condition")) and _BARRED.search(text[match.end() :]):
        return True
    # the bar first, then what lacks it: "a partner will not sign off on anything that doesn't point at the clause"
    return bool(match and _BARRED_UNLESS.search(text[: match.start()]))


_BARRED_UNLESS = re.compile(
    r"\b(?:won'?t|will not|wouldn'?t|would not|can'?t|cannot|don'?t|do not|never|nobody (?:will|would))\s+(?:\w+\s+){0,2}?"
    r"(?:sign off on|accept|approve|use|trust|rely on|publish|send|ship|release|believe)\s+(?:anything|any (?:answer|draft|reply|output)|an? (?:answer|draft|reply)|answers|drafts|replies|it|output)\s+"
    r"(?:(?:that|which|if it|if they)\s+(?:doesn'?t|does not|don'?t|do not|can'?t|cannot|won'?t|isn'?t|fails? to|lacks?)\b|(?:unless|without)\b)[^.;]{0,40}$",
    re.IGNORECASE,
)


def negates_the_judging(text: str) -> bool:
    """Whether a negation in `text` governs a verb of judging output ("nobody has scored any drafts"),
    which says nothing of the requirement named after it."""
    negation = NEGATION.search(text)
    return bool(negation and _JUDGED.search(text[negation.end() :]))


_JUDGED = re.compile(r"\b(?:scored|graded|rated|labell?ed|reviewed|checked|marked|measured|tested|evaluated|assessed)\b", re.IGNORECASE)
