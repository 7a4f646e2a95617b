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


@pytest.mark.parametrize("asked", ["needs_citations", "data_residency", "has_eval_set"])
@pytest.mark.parametrize(("text", "changes"), [("weekly", "weekly"), ("monthly-ish", "monthly"), ("more like quarterly tbh", "rarely"), ("every week", "weekly")])
def test_a_bare_period_is_a_change_rate_whatever_was_asked(asked, text, changes):
    reading = understand(text, asked=asked, profile={"use_case": {"value": "support bot"}})
    assert reading.updates == {"knowledge_changes": changes}


@pytest.mark.parametrize("text", ["a few seconds is ok", "waiting 2 secs is fine", "a minute is fine"])
def test_a_wait_said_fine_right_after_the_residency_question_grants_nothing(text):
    assert "data_residency" not in understand(text, asked="data_residency").updates


@pytest.mark.parametrize("text", [
    "a couple secs is fine", "2 seconds is fine", "accuracy is ok", "the quality is ok", "weekly is fine",
    "monthly is ok", "shared kb is fine", "english only is fine", "the old model was ok",
])
def test_a_short_answer_about_something_else_is_no_permission_for_data(text):
    # Right after "may prompts go to a hosted model API?", "fine" grants it; "the quality is ok" does not.
    assert understand(text, asked="data_residency").updates.get("data_residency") is None


@pytest.mark.parametrize("text", ["fine", "thats fine", "totally fine with legal", "no worries", "sure, no problem"])
def test_a_short_answer_about_nothing_else_answers_the_residency_question(text):
    assert understand(text, asked="data_residency").updates.get("data_residency") is False
