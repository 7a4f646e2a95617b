"""Yes and no as answers to the question just asked: the value a yes or a no gives the slot asked
about, and for a question about a prohibition (may data leave? must answers cite?) whether a "no"
grants the permission, or answers and moves on to another fact, which is said back tentatively."""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.clauses import mark, words_of
from agent.understand.frequency import no_period_in
from agent.understand.permission import DATA_LEAVING, DESTINATION, KEPT_INSIDE, bans, permits, unnegated_ban
from agent.understand.shapes import CONNECTOR, HARM_IF, NEGATION, NO, TRAILING_YES_NO, YES
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


def yes_no_answer(sentence: str, asked: str, found: Mapping[str, Any]) -> Any:
    """A yes or no answer to the question about `asked`, when the sentence is one."""
    if asked not in DECISION_FLAGS and asked != "knowledge_changes":
        return None
    if asked == "needs_citations" and re.fullmatch(r"\W*(?:both|both of (?:them|those)|either|all of (?:them|those|that))\W*", sentence, re.IGNORECASE):
        return True  # "both", to "citations, or links to the document?": the need, in either form
    tail = TRAILING_YES_NO.search(sentence)
    if tail and len(sentence.split()) <= 8 and not any(found.get(s) is not None for s in DECISION_FLAGS if s != asked):
        # "we're in healthcare, so yes"; but "we have 2k graded examples, so yes" affirms the examples
        # "we're in healthcare, so yes"
        value = tail.group(1).lower() == "yes"
        return value if asked != "knowledge_changes" else ("rarely" if not value else None)
    for pattern, value in ((NO, False), (YES, True)):
        match = pattern.search(sentence)
        if not match:
            continue
        rest = match.group("rest")
        if found and not CONNECTOR.match(rest):
            if not match.group("interjection") or not re.match(r"^\s*(?:[,.!;:—–-]|$)", rest):
                # "we don't need citations", "No citations needed", "No base model has seen it":
                # the words answer with their own keywords, not the question asked.
                return None
            if any(found.get(slot) is value for slot in DECISION_FLAGS if slot != asked):
                # "Yes, every answer has to link the article": the yes affirms the fact it carries.
                return None
        if asked == "knowledge_changes":
            # ("no, not daily" denies one rate and says no other)
            return "rarely" if value is False and no_period_in(rest) else None
        return value
    if asked != "knowledge_changes" and HARM_IF.search(sentence):
        # "legal would kill us if it didn't": a requirement. On data leaving, only a harm that
        # sending would bring is one ("we'd get fined if anything left the EU"); "we'd lose the deal
        # if we couldn't use GPT-4" is the opposite, and neither is read without its words.
        if asked == "data_residency" and not (DATA_LEAVING.search(sentence) and not _negated_if(sentence)):
            return None
        return True
    return None


def _negated_if(sentence: str) -> bool:
    """Whether the condition of a harm is negated ("if we couldn't use OpenAI")."""
    condition = re.search(r"\b(?:if|unless)\b(.*)", sentence, re.IGNORECASE)
    return bool(condition and NEGATION.search(condition.group(1))) or bool(re.search(r"\b(?:without|unless)\b", sentence, re.IGNORECASE))
