"""Facts as people write them whose first language is not English, or whose figures follow another
country's conventions: lakh and crore, Indian digit groups, a decimal comma, the period put first
("Daily we process ..."), a word glossed in brackets, a count "in a shift", a bill with the sender
between it and its month. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.clauses import spell_out
from agent.understand.rules import understand


@pytest.mark.parametrize("text, figure", [
    ("we handle about 2 lakh tickets", "200,000 tickets"),
    ("close to 1.5 lakh users", "150,000 users"),
    ("turnover of 3 crore", "30,000,000"),
    ("1,00,000 queries a day", "100000 queries a day"),
    ("roughly 2,5 million requests", "2.5 million requests"),
])
def test_regional_figures_are_put_in_common_digits(text, figure):
    assert figure in spell_out(text)


@pytest.mark.parametrize("text", ["we have 1,200 nurses", "the price is 12,50 euro", "version 2,5 of the app"])
def test_ordinary_commas_are_left_alone(text):
    assert spell_out(text) == text


@pytest.mark.parametrize("text, per_day", [
    ("Our agents get around 4 lakh chats every day.", 400_000),
    ("Daily we are handling roughly 8,000 claims.", 8_000),
    ("Weekly our team answers 7,000 tickets.", 1_000),
    ("We receive about 3 thousand applications (wnioski) per day.", 3_000),
    ("About 900 guards, each logs maybe 4 incidents in a shift.", 3_600),
    ("We have 5 thousand normative documents. About 60 analysts, maybe 10 questions per day each.", 600),
])
def test_traffic_written_in_other_orders(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_documents_in_an_earlier_message_are_not_the_people_who_ask():
    earlier = "Our analysts search the regulations. We have about 5 thousand normative documents."
    reading = understand("Volume is small: 40 analysts, maybe 10 questions per day each.", earlier=earlier)
    assert reading.updates.get("queries_per_day") == pytest.approx(400)


@pytest.mark.parametrize("text, bill", [
    ("The invoice from Anthropic last month was $31,000, which finance says is too much.", 31_000),
    ("Also the bill is not small, last month it was $9,500.", 9_500),
    ("our spend keeps climbing, last month it hit $12k", 12_000),
])
def test_a_bill_told_with_its_sender_or_after_a_judgement(text, bill):
    reading = understand(text)
    assert reading.updates.get("monthly_spend_usd") == bill
    assert reading.updates.get("top_model_too_costly") is True


def test_a_bill_judged_fine_is_not_too_costly():
    reading = understand("the invoice from OpenAI last month was $3,000, which is fine for us")
    assert reading.updates.get("monthly_spend_usd") == 3_000
    assert reading.updates.get("top_model_too_costly") is not True


@pytest.mark.parametrize("text", [
    "Citations of case law we add manually later, the model doesn't need to do it.",
    "The references our editors insert by hand afterwards.",
    "Sources we put in ourselves, the bot does not have to.",
])
def test_citations_people_add_are_no_need_of_the_model(text):
    assert understand(text).updates.get("needs_citations") is False


def test_citations_the_model_must_give_stand_beside_what_people_add():
    assert understand("We add footnotes later but the model must cite the clause.").updates.get("needs_citations") is True


@pytest.mark.parametrize("text", [
    "What should be our first step?",
    "Then where is a good place for me to start?",
    "so what would be my first move",
])
def test_asking_for_a_first_step_asks_for_the_call(text):
    reading = understand(text, profile={"use_case": {"value": "x"}})
    assert reading.wants_recommendation and not reading.updates.get("use_case")


@pytest.mark.parametrize("text", [
    "The wording is often right but the layout is not respected: headings out of place, fields missing.",
    "the template is not followed in maybe a third of the letters",
])
def test_a_structure_not_respected_is_a_format_gap(text):
    assert understand(text).updates.get("output_format_gap") is True


def test_the_source_a_task_reads_carries_everything():
    reading = understand("There is nothing to look up, all the data is in the invoice itself.")
    assert reading.updates.get("has_documents") is False


def test_a_guide_for_the_voice_put_in_the_prompt_is_no_corpus_and_its_pages_no_documents():
    reading = understand("We put the style guide in the prompt, 9 pages, and still the bot sounds like a call centre script.")
    assert reading.updates.get("has_documents") is None and reading.updates.get("corpus_documents") is None


def test_examples_used_for_measuring_are_an_eval_set_not_a_corpus():
    reading = understand("We have a labelled set of 2,000 invoices with the right JSON, we use it for measuring.")
    assert reading.updates.get("has_eval_set") is True and reading.updates.get("has_documents") is not True


def test_failures_counted_after_a_voice_named_are_the_voice_not_a_format():
    reading = understand("With prompting only the mascot loses her cheerful tone after a few replies; "
                         "the brand team rejected 6 of 10 test chats.")
    assert reading.updates.get("persona_consistency") is True
    assert reading.updates.get("has_eval_set") is True
    assert reading.updates.get("output_format_gap") is not True


def test_a_volume_and_the_reason_it_is_high_is_no_change_rate():
    reading = understand("We classify about 40,000 listings a day, because sellers re-upload their whole range all the time.")
    assert reading.updates.get("queries_per_day") == 40_000
    assert "knowledge_changes" not in reading.updates


def test_a_volume_whose_reason_is_a_change_keeps_the_rate():
    reading = understand("We get 3,000 questions a day because the tariffs change every week.")
    assert reading.updates.get("knowledge_changes") == "weekly"


def test_a_model_tried_in_the_teams_set_up_is_said_back_as_the_model():
    reading = understand("We tested claude sonnet 4 with our checklist in the prompt.")
    assert reading.updates.get("model") and "sonnet" in reading.updates["model"]
    assert "model" in reading.tentative
