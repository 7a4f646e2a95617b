"""Reading the decision slots from a sentence: each clause is read by the slot classifier and by the
keyword rules, and the two readings are settled per slot.

- The classifier (`slot_model`) generalises to phrasings nobody wrote rules for; the rules are
  precise where they fire. A confident classifier reading wins; otherwise the rules' reading stands;
  a less confident classifier reading the rules do not contradict is taken and marked tentative, so
  the reply says how it was read ("I took 'X' to mean Y: say if not").
- A prohibition is never read as its permission: data may leave, or answers need not cite, only
  when the words say so explicitly (`_PERMISSION`), whatever the classifier thinks.
- The alternative in "monthly, not weekly" is ruled out, and when clauses disagree the last one
  stands ("weekly, sorry, monthly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agent.understand.clauses import Clause, clauses, words_of
from agent.understand.slots import read_flag, read_frequency
from tools.profile import DECISION_FLAGS

# The classifier's reading is taken on its own from this probability; between the two it is taken
# only if the rules do not contradict it, and said back to the user as a tentative reading.
CONFIDENT = 0.75
TENTATIVE = 0.5
# Slots whose permissive value (False) is only ever taken from explicit words.
PROHIBITION_SLOTS = ("data_residency", "needs_citations")
# Words that grant permission, which count only where no negation governs them ("hosted is fine",
# not "hosted is not fine"), and phrases that state the absence of a constraint themselves.
_ALLOWED = re.compile(
    r"\b(?:fine|ok|okay|allowed|acceptable|permitted|approved|signed off|cleared|no problem|not a problem|"
    r"(?:under|with|covered by|via) (?:an?|our|the) (?:dpa|baa|contract|agreement|enterprise agreement)|"
    r"can (?:go|be sent|leave|use|call)|may (?:go|be sent|leave|use)|we (?:call|use|send|are on|run on)|we'?re on|"
    r"(?:call|calling|use|using|on) (?:openai|anthropic|bedrock|azure|vertex|gemini|claude|gpt))\b",
    re.IGNORECASE,
)
_NO_CONSTRAINT = re.compile(
    r"\b(?:no (?:residency|compliance|regulatory|data|egress|sovereignty|privacy) (?:requirements?|constraints?|restrictions?|rules|concerns?|issues?)|"
    r"not (?:regulated|sensitive|confidential)|nothing (?:sensitive|confidential|regulated|private))\b",
    re.IGNORECASE,
)
# An answer that waives citations is a negation of needing them, or says they are optional.
_WAIVED = re.compile(r"\b(?:optional|unnecessary|irrelevant|nice to have|no need|not (?:needed|required|necessary|important))\b", re.IGNORECASE)


@dataclass
class SlotReading:
    """The settled values of one sentence, and which of them were read tentatively (slot -> the
    words behind the reading)."""

    values: dict[str, Any] = field(default_factory=dict)
    tentative: dict[str, str] = field(default_factory=dict)


def read_slots(text: str, asked: str | None = None, model: Any = None) -> SlotReading:
    """The decision-slot values a sentence states. `asked` is the slot the advisor just asked about
    (it gives a bare "separate" or "weekly-ish" its meaning); `model` is a `SlotModel` (default: the
    shipped one)."""
    from agent.understand.slot_model import shipped_model

    model = model or shipped_model()
    parts = [c for c in clauses(text) if not c.ruled_out]
    reading = SlotReading()
    if not parts:
        return reading
    per_clause = model.read(parts, asked=asked)
    for clause, readings in zip(parts, per_clause):
        ruled = _rule_values(clause.text, asked)
        for r in readings:
            value, tentative = _settle(r.slot, r.value, r.probability, ruled.get(r.slot), clause)
            if value is None:
                continue
            reading.values[r.slot] = value  # a later clause overrides an earlier one
            if tentative:
                reading.tentative[r.slot] = clause.text
            else:
                reading.tentative.pop(r.slot, None)
    return reading


def _rule_values(text: str, asked: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    frequency = read_frequency(text, asked)
    if frequency:
        values["knowledge_changes"] = frequency
    for slot in DECISION_FLAGS:
        flag = read_flag(text, slot)
        if flag is not None:
            values[slot] = flag
    return values


def _settle(slot: str, guess: Any, probability: float, ruled: Any, clause: Clause) -> tuple[Any, bool]:
    """(value, tentative) for one slot of one clause, from the classifier's guess and the rules'."""
    if guess is not None and probability >= CONFIDENT:
        value, tentative = guess, False
    elif ruled is not None:
        value, tentative = ruled, False
    elif guess is not None and probability >= TENTATIVE:
        value, tentative = guess, True
    else:
        return None, False
    if slot in PROHIBITION_SLOTS and value is False and not permits(slot, clause):
        return None, False  # never read a ban as permission without explicit words
    return value, tentative


def permits(slot: str, clause: Clause) -> bool:
    """Whether the clause explicitly grants what a prohibition slot forbids: data may leave
    ("hosted is fine", "under our DPA", "we call Bedrock today"), or answers need not cite."""
    text = clause.text
    if slot == "needs_citations":
        return clause.has_negation or bool(_WAIVED.search(text))
    if _NO_CONSTRAINT.search(text):
        return True
    return any(not _negated_at(clause, text, m.start()) for m in _ALLOWED.finditer(text))


def _negated_at(clause: Clause, text: str, position: int) -> bool:
    """Whether the word at `position` of the clause's text lies in a negation's scope."""
    index = len(words_of(text[:position]))
    return index < len(clause.negated) and clause.negated[index]
