"""Facts as people state them in passing: examples a person judged ("300 emails she marked as good
or bad"), a change rate said with a re- verb ("reissued weekly"), the input the user hands over with
each request (no corpus), and asks that question whether all of it is needed ("Do I have to?").
Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.asking import asks_for_the_call
from agent.understand.rules import understand


def _read(text, asked=None):
    return understand(text, profile={"use_case": {"value": "x"}, "queries_per_day": {"value": 500}}, asked=asked)


@pytest.mark.parametrize("text", [
    "Our head of support has 400 replies she marked as good or bad.",
    "We have about 2k answers rated right or wrong by the agents.",
    "There are 250 summaries that we've already checked.",
    "Legal has 120 clauses they reviewed line by line.",
    "every one of the 900 drafts got labelled pass / fail by a reviewer",
])
def test_examples_a_person_judged_are_an_eval_set(text):
    assert _read(text).updates.get("has_eval_set") is True


@pytest.mark.parametrize("text", [
    "We get 300 emails a day that she reads.",
    "They send around 400 tickets a day.",
])
def test_a_daily_count_someone_handles_is_no_eval_set(text):
    assert "has_eval_set" not in _read(text).updates


@pytest.mark.parametrize(("text", "rate"), [
    ("It draws on the advisories (a few hundred pages) — the advisories are reissued weekly.", "weekly"),
    ("the rate card gets re-published every month", "monthly"),
    ("the whole catalogue is repriced every night", "daily"),
    ("Tariff tables are recalculated weekly by finance.", "weekly"),
])
def test_a_change_said_with_a_re_verb_is_a_change_rate(text, rate):
    assert _read(text).updates.get("knowledge_changes") == rate


@pytest.mark.parametrize("text", [
    "The details come from the spec sheet the rep attaches to each request.",
    "All the facts come from the intake form we paste in, nothing else.",
    "Product info is taken from the brief that the client sends over.",
])
def test_what_the_user_hands_over_with_each_request_is_no_corpus(text):
    assert _read(text).updates.get("has_documents") is False


@pytest.mark.parametrize("text", [
    "answers come from the help articles we publish",
    "the answers come from our claims manual",
])
def test_answers_from_a_body_of_documents_still_have_one(text):
    assert _read(text).updates.get("has_documents") is True


@pytest.mark.parametrize("text", [
    "Do I have to?",
    "hm, do we really need both?",
    "Honestly, is all that necessary?",
    "but do we need to?",
])
def test_questioning_whether_it_is_all_needed_asks_for_the_call(text):
    assert asks_for_the_call(text)


@pytest.mark.parametrize("text", ["do we have to pay for it upfront?", "do we need citations?", "do we need to label more data?"])
def test_a_question_about_one_thing_needed_is_not_an_ask(text):
    assert not asks_for_the_call(text)


@pytest.mark.parametrize("text", [
    "Left to itself it keeps drifting into 'Great question! I'd be happy to help' and the brand team winces.",
    "after a few replies it slips into corporate-speak",
    "it falls back into salesy marketing speak by the third answer",
])
def test_a_voice_that_slides_into_stock_phrases_is_a_persona_need_not_a_format_gap(text):
    updates = _read(text).updates
    assert updates.get("persona_consistency") is True
    assert "output_format_gap" not in updates


def test_a_format_that_slides_into_prose_is_still_a_format_gap():
    assert _read("the JSON keeps slipping into plain prose").updates.get("output_format_gap") is True


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("Why would we need documents? Nothing to look up, it reads the form.", "has_documents", False),
    ("Why would it even need to look anything up? The claim is the input.", "has_documents", False),
    ("why would we need citations? it's an internal drafting tool", "needs_citations", False),
])
def test_a_need_questioned_is_a_need_denied(text, slot, value):
    assert _read(text).updates.get(slot) is value


@pytest.mark.parametrize("text", ["why would we need RAG?", "Why would we need a vector database at all?"])
def test_why_an_option_is_needed_stays_a_question(text):
    read = _read(text)
    assert read.question or read.view
    assert "has_documents" not in read.updates


@pytest.mark.parametrize("text", [
    "it compares each caption against the source",
    "the model translates from the source and we review it",
    "it reads the subtitle and the source line by line",
])
def test_the_source_text_a_task_works_from_is_no_citation(text):
    assert "needs_citations" not in _read(text).updates


def test_showing_the_source_is_still_a_citation():
    assert _read("every answer has to show the source it came from").updates.get("needs_citations") is True


@pytest.mark.parametrize("text", [
    "the template is fixed and the model keeps mixing findings into the impression, maybe 1 in 8 reports",
    "it puts the due date in the wrong field on a lot of invoices",
    "the model often swaps the sections around",
])
def test_content_put_in_the_wrong_part_of_the_output_is_a_format_gap(text):
    assert _read(text).updates.get("output_format_gap") is True


def test_nothing_put_in_the_wrong_part_is_no_format_gap():
    assert _read("it never puts anything in the wrong field").updates.get("output_format_gap") is False


@pytest.mark.parametrize("text", ["lmk what you'd pick", "curious which one you'd go with", "tell me what you would do in my shoes"])
def test_an_indirect_ask_is_an_ask_for_the_call(text):
    assert _read(text).wants_recommendation


def test_what_you_would_do_with_something_else_is_no_ask():
    assert not _read("what you'd do with the logs is up to you").wants_recommendation


def test_a_negation_in_a_bracket_does_not_deny_the_misplacement_after_it():
    text = "the model we run (on our own servers, since records cannot leave the clinic) mixes the sections on 1 in 6 letters"
    assert _read(text).updates.get("output_format_gap") is True
