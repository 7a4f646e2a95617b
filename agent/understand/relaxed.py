"""A requirement said to matter little: "latency is low priority", "speed less so", "the format isn't
a concern", "tone whatever", "a few seconds of lag is nobody's problem"."""

from __future__ import annotations

import re

# The subject each slot's relaxed form names.
_RELAXED_SUBJECT = {
    "latency_sensitive": r"latency|speed|response times?|how fast\b[^.;,]{0,20}|delays?|lag",
    "persona_consistency": r"tone|persona|voice|personality|character|style",
    "output_format_gap": r"format(?:ting)?|json|schema|structure|output shape",
    "top_model_too_costly": r"costs?|price|pricing|spend(?:ing)?|bill|budget|money",
    "needs_citations": r"citations?|citing|sources?|links?|linking|references?|referencing|footnotes|(?:section|clause|paragraph|page) numbers?|(?:the )?(?:section|clause|paragraph)",
}
_RELAXER = (
    # ("whatever the player types" is "regardless", no shrug)
    r"loose|relaxed|lenient|flexible|low[- ]priority|lower priority|less so|less important|matters? less|secondary|an afterthought|"
    r"whatever(?!\s+(?:the|they|you|he|she|it|we|people|users?|players?|customers?|callers?|happens|comes|is|are)\b)|"
    r"no big deal|nice[- ]to[- ]have|can wait|unimportant|out of scope|optional|irrelevant|"
    # "a few seconds' delay over SMS is nobody's problem", "nobody minds the lag"
    r"(?:nobody|no one|no-one)'?s (?:problem|concern|worry|issue)|(?:nobody|no one|no-one) (?:cares|minds)|(?:is|are|'s) no (?:problem|issue|concern|worry)|"
    # "citations to the fare rule would be nice, not mandatory"
    r"(?:would|'d|will) be (?:nice|a (?:bonus|plus)|good to have)|good to have|a bonus|a plus|not (?:mandatory|a must|essential|strictly (?:needed|necessary|required))|"
    r"(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|wouldn'?t|would not|won'?t|no longer) (?:really )?matter(?: much)?|"
    r"(?:is|are|was|were|'s|'re)(?: really)? ?(?:not|n'?t) (?:a |an |the |our )?(?:priority|concern|focus|worry|big deal|issue|problem|important|critical|"
    r"crucial|that important|needed|required|expected|part of (?:the )?(?:spec|requirements?|scope|brief))|not (?:a |an |our )?(?:priority|concern|big deal)"
)
RELAXED: dict[str, re.Pattern] = {
    slot: re.compile(rf"\b(?:{subject})\b(?P<between>[^.;,]{{0,25}}?)[\s:,-]*\b(?P<relaxer>{_RELAXER})\b", re.IGNORECASE)
    for slot, subject in _RELAXED_SUBJECT.items()
}
_NOT_BEFORE = re.compile(r"\b(?:not|never|hardly)\b|n'?t\b", re.IGNORECASE)


def relaxed(text: str, slot: str) -> bool:
    """Whether the words say the slot's requirement matters little ("latency is low priority"); a
    negated relaxer ("the budget is not flexible", "speed is not optional") says the opposite."""
    if slot not in RELAXED:
        return False
    for m in RELAXED[slot].finditer(text):
        negative_form = _NOT_BEFORE.search(m.group("relaxer"))
        if negative_form or not _NOT_BEFORE.search(m.group("between")):
            return True
    return False
