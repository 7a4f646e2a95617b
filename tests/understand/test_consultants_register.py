"""Facts and asks as consultants put them, describing a client in the third person: asks for what
"they" should do, a check measured on a set, a bill named by its month or as the problem, "time"
naming what is counted, a voice that must not break, a rate explained away in a correction, a
schema unchanged since a year, and the call asked for by another name. Every row is a phrasing
written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.asking import asks_for_the_call
from agent.understand.rules import understand


def _read(text, profile=None):
    return understand(text, profile=profile or {"use_case": {"value": "x"}, "queries_per_day": {"value": 500}})


@pytest.mark.parametrize("text", [
    "ok so what should they do",
    "So should the client fine-tune or not?",
    "what would you have my client build?",
    "What's the right architecture call?",
    "what's the best technical approach for them?",
])
def test_an_ask_for_the_client_is_an_ask_for_the_call(text):
    assert asks_for_the_call(text)


@pytest.mark.parametrize("text", ["what do they use today?", "what's the best vector store?", "they should know by Friday"])
def test_a_question_about_the_client_is_no_ask(text):
    assert not asks_for_the_call(text)


@pytest.mark.parametrize("text", [
    "It invents a heading on about one memo in six; they measured it on a set of 180 memos.",
    "the team measured the drift over 400 chats",
    "we benchmarked it on a sample of 1,200 tickets last month",
])
def test_a_shortfall_measured_on_a_set_means_an_eval_set(text):
    assert _read(text).updates.get("has_eval_set") is True


@pytest.mark.parametrize(("text", "monthly"), [
    ("The trouble is money: the invoice last month was $31,500.", 31_500),
    ("the bill last month came to 18k", 18_000),
    ("In March the bill was $9,400 and April looks worse.", 9_400),
    ("Budget's the problem: $14k/mo and rising.", 14_000),
    ("the budget is the issue, they pay 9k a month", 9_000),
])
def test_a_bill_named_by_its_month_or_as_the_problem_is_todays_bill(text, monthly):
    assert _read(text).updates.get("monthly_spend_usd") == monthly


def test_a_budget_stated_is_no_bill():
    assert "monthly_spend_usd" not in _read("their budget is 5k a month for all of it").updates


@pytest.mark.parametrize(("text", "per_day"), [
    ("Volume: two hundred and fifty thousand time entries a day, roughly.", 250_000),
    ("they process about 3k time sheets a day", 3_000),
    ("around 800 time-off requests a day at peak season", 800),
])
def test_time_naming_what_is_counted_is_traffic(text, per_day):
    assert _read(text, profile={"use_case": {"value": "x"}}).updates.get("queries_per_day") == per_day


@pytest.mark.parametrize("text", [
    'Each character has a strict voice (the bard rhymes, the guard grunts) and the rule is "never break voice".',
    "the narrator must never break character, whatever the player types",
    "the mascot has a signature voice and needs to keep it",
])
def test_a_voice_that_must_not_break_is_a_persona(text):
    assert _read(text).updates.get("persona_consistency") is True


@pytest.mark.parametrize("text", [
    "Sorry, let me correct that: the guidance changes monthly, the weekly ones are just the staff bulletin.",
    "actually it's monthly; the weekly thing is only the newsletter",
    "correction: the manual changes monthly, weekly was the digest, which doesn't matter",
])
def test_a_rate_explained_away_in_a_correction_leaves_the_rate_meant(text):
    read = _read(text, profile={"use_case": {"value": "x"}, "knowledge_changes": {"value": "weekly"}})
    assert read.updates.get("knowledge_changes") == "monthly"


@pytest.mark.parametrize("text", [
    "the schema and the validation rules have been the same since 2019",
    "their code list has stayed exactly the same for years",
])
def test_unchanged_since_a_year_is_static(text):
    assert _read(text).updates.get("knowledge_changes") == "static"


@pytest.mark.parametrize(("text", "use_case"), [
    ("Working with a small game studio on quest dialogue for their space opera. Each captain has a strict voice.", "quest dialogue"),
    ("We're consulting for a regional bank on a complaints summariser that reads letters.", "complaints summariser"),
])
def test_the_work_done_with_a_client_names_the_use_case(text, use_case):
    assert understand(text).updates.get("use_case") == use_case
