"""A "no" to a question about a prohibition (may data leave? must answers cite?): whether it grants
the permission, or answers and moves on to another fact, which is said back tentatively."""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.clauses import mark, words_of
from agent.understand.permission import DATA_LEAVING, DESTINATION, KEPT_INSIDE, bans, permits, unnegated_ban
from agent.understand.shapes import CONNECTOR, NO
from agent.understand.slots import KEYWORDS
from tools.profile import DECISION_FLAGS


# What a clause must name to speak of a prohibition's subject.
_PROHIBITION_SUBJECT = {
    "data_residency": re.compile(f"{DATA_LEAVING.pattern}|{KEPT_INSIDE.pattern}|{DESTINATION.pattern}", re.IGNORECASE),
    "needs_citations": KEYWORDS["needs_citations"],
}


def answers_then_moves_on(slot: str, sentence: str, updates: Mapping[str, Any]) -> bool:
    """Whether a "no" to a question about a prohibition is followed by a fact about another slot and
    nothing of the prohibition's subject, nor any ban: "not really, answers just need the section"."""
    no = NO.match(sentence)
    if not no or not no.group("interjection") or not re.match(r"^\s*[,.;:—–-]", no.group("rest")):
        return False
    rest = no.group("rest")
    stated = any(updates.get(s) is not None for s in DECISION_FLAGS if s != slot)
    return stated and not _PROHIBITION_SUBJECT[slot].search(rest) and not bans(mark(rest)) and not unnegated_ban(mark(rest), rest)


def waives(slot: str, sentence: str) -> bool:
    """A "no" to a question about a prohibition grants the permission only if nothing after it
    forbids: a bare "no", or "no, hosted is fine", but not "no, hosted is not allowed"."""
    rest = re.sub(r"^\W*\w+\W*", "", sentence, count=1)
    if len(words_of(rest)) < 2:
        return True
    if CONNECTOR.match(rest) and not _PROHIBITION_SUBJECT[slot].search(rest):
        return True  # "no, but the format must be exact": what follows is about something else
    return permits(slot, mark(rest), asked=slot)
