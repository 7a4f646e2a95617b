"""The call asked for in everyday words ("what's the best route here?"), a requirement stated through
its condition ("if it can't point to the section it doesn't go live"), and a figure corrected with a
qualifier after it. Every row is a phrasing written for this file, not taken from a scenario.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, asked=None, profile=None):
    return understand(text, asked=asked, profile=profile or {"use_case": "x"})


@pytest.mark.parametrize("text", [
    "what's the best route here?",
    "so which path makes most sense for us?",
    "what would you start with?",
    "what should come first?",
    "how would you tackle this?",
    "where would you put your money?",
    "honestly what does your gut say",
    "is a smaller model worth it?",
    "best approach?",
    "Should we do what our consultant suggested?",
    "where would you begin?",
    "just tell me where to start",
    "ok and if you had to pick?",
    "distilling? or what",
    "so rag, right?",
])
def test_the_way_forward_asked_in_other_words_is_the_call(text):
    read = _read(text)
    assert read.wants_recommendation and read.question is None


@pytest.mark.parametrize("text", [
    # how to do a part of it, or what a part is, stays a question for the sources
    "what's the right way to evaluate this?",
    "what is the best vector db?",
    "which model is best?",
    "is the small model faster?",
    "how would you start the indexing job?",
    "fine-tuning costs more, right?",
])
def test_the_best_way_to_do_a_part_is_a_free_question(text):
    assert not _read(text).wants_recommendation


@pytest.mark.parametrize(("text", "slot"), [
    # a requirement stated by what happens without it
    ("Our counsel said if it can't point to the exact manual section it doesn't go live.", "needs_citations"),
    ("if there's no source link we can't publish it", "needs_citations"),
    ("when it doesn't give the page reference, reviewers reject it", "needs_citations"),
    ("if it doesn't sound like our brand voice marketing won't approve it", "persona_consistency"),
])
def test_a_condition_that_lacks_the_requirement_and_bars_the_feature_demands_it(text, slot):
    assert _read(text).updates.get(slot) is True


@pytest.mark.parametrize("text", [
    # a condition with no bar after it, or a requirement simply waived, stays a no
    "if it can't cite sources, that's fine",
    "if we don't need citations we won't build retrieval",
])
def test_a_condition_without_a_bar_demands_nothing(text):
    assert _read(text).updates.get("needs_citations") is False


@pytest.mark.parametrize(("text", "expected"), [
    ("The handbook changes a lot.", "daily"),
    ("rates get updated really often", "daily"),
    # after talk of change, a period said later in the message is its rate
    ("The procedures change a lot. We push revisions out constantly. So monthly, I'd say, at least.", "monthly"),
])
def test_change_said_often_and_then_given_a_period(text, expected):
    assert _read(text).updates.get("knowledge_changes") == expected


@pytest.mark.parametrize(("text", "known", "expected"), [
    # the bill put right in the same breath, with no currency sign: near the bill, or naming the invoice
    ("we pay roughly 18k a month, sorry, nearer 22k on the latest invoice", {}, {"monthly_spend_usd": 22_000}),
    ("the anthropic bill is 9k a month, no wait, 11k", {}, {"monthly_spend_usd": 11_000}),
    ("closer to 52k", {"monthly_spend_usd": 45_000, "queries_per_day": 600_000}, {"monthly_spend_usd": 52_000}),
    # a bare figure far from the bill is not the bill
    ("sorry, 1500", {"monthly_spend_usd": 45_000, "queries_per_day": 1_200}, {"queries_per_day": 1_500}),
])
def test_a_bill_put_right_as_it_is_said(text, known, expected):
    updates = _read(text, profile={"use_case": "x", **known}).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "known", "expected"), [
    # a change told: the figure it came to
    ("traffic grew from a few hundred a day to between 4 and 6 thousand tickets a day", {}, 5_000),
    ("it dropped from 12k a day to 7k a day once we added the FAQ page", {}, 7_000),
    ("we're at 7k a day, up from 2k a day last spring", {}, 7_000),
    # the comparison alone corrects the traffic known, a range at its middle
    ("honestly more like 200k to 300k", {"queries_per_day": 90_000}, 250_000),
    ("closer to 120k", {"queries_per_day": 90_000}, 120_000),
])
def test_traffic_that_changed_or_was_put_right(text, known, expected):
    assert _read(text, profile={"use_case": "x", **known}).updates.get("queries_per_day") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 'source' as the field a thing is sorted by is no citation
    ("each lead is scored based on source and deal size", None),
    ("we split the traffic by source in the dashboard", None),
    ("every answer has to show its source", True),
])
def test_source_as_a_field_is_no_citation(text, expected):
    assert _read(text).updates.get("needs_citations") is expected
