"""A volume put right without being said again in full: the people or the containers recounted
("sorry, I meant forty pharmacists", "15k chats a day, not 20k"), the average as a share of a peak
("average is maybe half that"), or the real figure set against one said with padding ("80k includes
retries we're killing; real requests are about 60k"). Each keeps what the old volume was worked out at.
"""

from __future__ import annotations

import re

from agent.understand.counted import corrected_container
from agent.understand.figures import DIGITS, parse_number
from agent.understand.headcount import corrected_headcount
from agent.understand.peaks import average_share
from agent.understand.quantities import REQUEST_NOUNS
from agent.understand.shapes import CORRECTION

# The real figure against one padded: "real requests are about 60k", "the actual number is closer to 9,000".
_REAL_VOLUME = re.compile(
    r"\b(?:real|actual|true|genuine|effective|net)\s+(?:number|count|volume|figure|traffic|load|(?:[a-z-]+\s+)?(?:" + REQUEST_NOUNS + r"))\s+"
    r"(?:is|are|'s|comes? to|would be|will be)\s+(?:about\s+|around\s+|roughly\s+|more like\s+|closer to\s+|nearer\s+|~\s*)?"
    r"(?P<num>" + DIGITS + r")\s*(?P<mult>k|m|thousand|million)?\b(?!\s*(?:%|ms|tokens|a (?:week|month|year)|per (?:week|month|year)))",
    re.IGNORECASE,
)


def corrected_volume(text: str, said: float | None, known: float | None, earlier: str, correcting: bool) -> float | None:
    """Requests a day after `text` puts a volume right, or None. `said`: the volume the message
    itself states; `known`: the one known before it; `earlier`: the user's earlier messages."""
    real = _REAL_VOLUME.search(text)
    if real and (said or known):
        return parse_number(real.group("num"), real.group("mult"))
    fix = CORRECTION.search(text) if said and correcting else None
    if fix and fix.start() > 0:
        # worked out and put right in the same message: "maybe 10 questions each per month. Hmm,
        # actually make that 12 questions each"
        scaled = corrected_headcount(text[fix.start():], said, text[: fix.start()], True)
        if scaled:
            return scaled
    if said is None and known:
        share = average_share(text)
        scaled = corrected_headcount(text, known, earlier, correcting) or (known * share if share else None)
        if scaled:
            return scaled
    return corrected_container(text, known)
