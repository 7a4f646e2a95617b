"""The slot registry is the one definition of a slot: every consumer reads it from there, so a slot
added to the registry reaches the profile, the LLM schema, the replies and the questions at once."""

from __future__ import annotations

from dataclasses import fields

import pytest

from agent.understand.llm import extraction_schema
from agent.wording import question_for, slot_text
from tools.decision_tree import QUESTION_ORDER
from tools.profile import (
    DECISION_SLOTS,
    FREQUENCIES,
    REGISTRY,
    SLOTS,
    Profile,
    validated,
)

SAMPLE = {
    "text": "support bot", "volume": 20_000.0, "frequency": "weekly", "flag": True, "tokens": 800, "months": 24,
    "count": 2, "milliseconds": 500, "usd": 12_000.0,
}  # fmt: skip


@pytest.mark.parametrize("slot", REGISTRY, ids=lambda s: s.name)
def test_every_slot_reaches_every_consumer(slot):
    value = SAMPLE[slot.kind]
    assert slot.name in {f.name for f in fields(Profile)}
    assert slot.name in extraction_schema().model_fields
    assert validated(slot.name, value) == value
    said = slot_text(slot.name, value)
    assert said and "{}" not in said
    if slot.kind == "flag":
        assert slot_text(slot.name, False) != said
    if slot.question:
        assert question_for(slot.name, 0) != question_for(slot.name, 1)
    if slot.decides:
        assert slot.default in (slot.values or ()) and slot.assumed_because


def test_the_profile_is_the_registry_in_order():
    assert tuple(f.name for f in fields(Profile)) == SLOTS


def test_every_question_the_tree_asks_is_a_decision_slot_with_phrasings():
    assert set(QUESTION_ORDER) <= set(DECISION_SLOTS)
    for name in QUESTION_ORDER:
        slot = next(s for s in REGISTRY if s.name == name)
        assert len(slot.question) >= 2
        if slot.kind == "flag":  # a frequency words its own conditions ("your knowledge changed weekly")
            assert all(slot.conditions)


def test_a_frequency_takes_only_the_registry_values():
    assert validated("knowledge_changes", "weekly") == "weekly"
    with pytest.raises(ValueError, match="one of " + ", ".join(FREQUENCIES)):
        validated("knowledge_changes", "hourly")
