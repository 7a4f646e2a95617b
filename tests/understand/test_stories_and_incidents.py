"""Facts told in stories of what went wrong, and the asides of people under pressure: citations
declined because they would confuse, a fixed set that is no traffic, failures counted 'all the time'
that are no change rate, a price that cannot continue, a rate given after a ruled-out aside, a voice
named with an adjective. Every row is written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def test_citations_declined_because_they_would_confuse_are_no_need():
    reading = understand("No, we don't need citations. Staff just want the answer, and HR said footnotes would confuse people.")
    assert reading.updates.get("needs_citations") is False


def test_a_fixed_set_counted_a_year_is_no_traffic():
    reading = understand("The categories don't change, it's the same 40 every year.", profile={"queries_per_day": {"value": 250_000}})
    assert "queries_per_day" not in reading.updates


def test_routing_a_phone_call_is_no_speed_need_by_itself():
    assert "latency_sensitive" not in understand("why does routing a phone call cost more than the agent's coffee?").updates


@pytest.mark.parametrize("text", [
    "It drops the Specs bullets or merges Care into the hook all the time.",
    "It's a single system prompt we wrote in a day and never touched again.",
])
def test_failures_and_build_times_are_no_change_rate(text):
    assert understand(text).updates.get("knowledge_changes") not in ("daily", "weekly")


def test_a_section_folded_into_another_is_a_format_gap():
    assert understand("It drops the Specs bullets or merges Care into the hook all the time.").updates.get("output_format_gap") is True


@pytest.mark.parametrize("text", [
    "Our bill is $25,000 a month and the CFO made it clear it does not continue at that price.",
    "It also costs us about $18k a month, more than we budgeted.",
])
def test_a_price_that_cannot_go_on_is_too_costly(text):
    assert understand(text).updates.get("top_model_too_costly") is True


def test_outputs_the_team_writes_a_day_are_traffic():
    assert understand("We write maybe 60 reports a day.").updates.get("queries_per_day") == 60


def test_a_rate_after_an_alternative_ruled_out_with_a_colon():
    text = "To be clear that's question traffic, not edits: the price list itself gets updated every Tuesday."
    assert understand(text).updates.get("knowledge_changes") == "weekly"


@pytest.mark.parametrize("text", [
    "Compliance wants that voice consistent.",
    "we must answer in our plain-language voice and it keeps slipping back into legalese",
])
def test_a_voice_named_with_its_adjectives_is_a_persona_need(text):
    assert understand(text).updates.get("persona_consistency") is True


def test_the_revision_an_answer_came_from_is_a_citation_need():
    assert understand("Every answer has to point at the SOP number and revision it came from.").updates.get("needs_citations") is True


def test_no_examples_anyone_reviewed_is_no_eval_set():
    assert understand("We don't have examples of what a good version looks like, nothing that anyone has reviewed.").updates.get("has_eval_set") is False


def test_both_to_the_citations_question_is_a_yes():
    assert understand("both", asked="needs_citations").updates.get("needs_citations") is True


def test_new_items_a_model_writes_for_are_traffic_not_a_change_rate():
    reading = understand("We want the model to write product descriptions in our voice. We add about 300 new products a week.")
    assert reading.updates.get("queries_per_day") == pytest.approx(300 / 7)
    assert "knowledge_changes" not in reading.updates


def test_new_items_a_bot_answers_about_are_still_a_change_rate():
    reading = understand("We add 200 new products a week to the catalogue and the bot answers questions about them.")
    assert reading.updates.get("knowledge_changes") == "weekly"


def test_of_two_rates_said_the_faster_stands():
    text = "Outage status and crew ETAs change by the hour during a storm, and the tariff pages change every few weeks."
    assert understand(text).updates.get("knowledge_changes") == "daily"


def test_a_rate_put_right_in_the_next_clause_still_replaces_the_first():
    assert understand("The rules change weekly, sorry, I exaggerated, it is more monthly.").updates.get("knowledge_changes") == "monthly"


def test_one_kind_of_data_kept_out_beside_a_permission_is_no_ban():
    reading = understand("Member data shouldn't be in the queries at all, and hosted models are permitted under our cloud agreement.")
    assert reading.updates.get("data_residency") is not True


def test_no_problem_with_a_hosted_model_under_an_agreement_is_permission():
    assert understand("We have no problem with a hosted model under our existing Azure agreement.").updates.get("data_residency") is False


def test_a_budget_office_saying_no_to_the_bill_is_too_costly():
    assert understand("bill is roughly $15k a month, and the budget office says no to that next year").updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", ["rag or ft, just pick", "is the intern right?"])
def test_blunt_asks(text):
    assert understand(text, earlier="an intern suggested fine-tuning llama").wants_recommendation


def test_new_items_a_task_works_through_are_traffic():
    assert understand("tagging product attributes on ~120k new listings a day").updates.get("queries_per_day") == pytest.approx(120_000)


@pytest.mark.parametrize("text, bill", [
    ("Our invoice for the pilot month came to $24,000, which is more than our whole tooling budget.", 24_000),
    ("last month's invoice was approximately $36,000.", 36_000),
])
def test_a_months_bill_named_with_more_words(text, bill):
    assert understand(text).updates.get("monthly_spend_usd") == bill


def test_nothing_said_that_cannot_be_sourced_is_a_citation_need():
    reading = understand("Every quote must be attributed to the exact page and date; we can't brief a minister on something we can't source.")
    assert reading.updates.get("needs_citations") is True


def test_a_rarely_of_another_subject_softens_no_format_failure():
    reading = understand("prompting gets the letter structure wrong a lot, the rules behind it rarely change")
    assert reading.updates.get("output_format_gap") is True


def test_inbound_mail_and_what_each_handler_answers_are_not_multiplied_together():
    reading = understand("about 100,000 claims emails a month come in and our team of 40 handlers each answers maybe 60 a day.")
    assert reading.updates.get("queries_per_day") == pytest.approx(2_400)
    assert "knowledge_changes" not in reading.updates


def test_what_each_person_puts_to_it_on_a_working_day():
    text = "we have roughly 900 clerks statewide, and each would put perhaps 12 questions to it on a working day."
    assert understand(text).updates.get("queries_per_day") == pytest.approx(10_800)


def test_what_each_session_holds_is_no_daily_count_of_its_own():
    reading = understand("About 9k sessions a day in peak weeks, 3k on a normal day, and each session averages about two questions.")
    assert reading.updates.get("queries_per_day", 0) >= 3_000
