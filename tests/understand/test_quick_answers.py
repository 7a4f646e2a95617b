"""Quick answers (issue 14): every choice the slot registry offers for a question is read, as the
answer to that question, as the value it names; "Not sure" is no answer."""

from __future__ import annotations

import pytest

from agent.understand.rules import understand
from tools.profile import REGISTRY

CASES = [(slot.name, choice, i) for slot in REGISTRY for i, choice in enumerate(slot.choices)]


def test_every_asked_slot_but_the_use_case_offers_choices():
    asked = {slot.name for slot in REGISTRY if slot.question}
    assert {slot.name for slot in REGISTRY if slot.choices} == asked - {"use_case"}


@pytest.mark.parametrize(("slot", "choice", "index"), CASES)
def test_a_choice_answers_its_question(slot, choice, index):
    from tools.profile import SLOT

    entry = SLOT[slot]
    got = understand(choice, asked=slot, profile={}).updates.get(slot)
    if choice == "Not sure":
        assert got is None
    elif entry.kind == "flag":
        assert got is (index == 0)
    else:
        assert got is not None
    # Different choices are different answers.
    others = {understand(c, asked=slot, profile={}).updates.get(slot) for c in entry.choices if c != "Not sure"}
    assert len(others) == len([c for c in entry.choices if c != "Not sure"])
