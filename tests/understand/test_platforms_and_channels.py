"""Facts as platform builders, Slack users and regulated teams state them: customers counted by one
name and their rate by another, a voice channel that is no persona, a character limit that is a
format, tenants who rent flats, ages that are no horizon, a part of a format left out, a corpus
counted after a guess of none. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("earlier, text, per_day", [
    ("We sell scheduling software to about 400 dental practices.", "On average each customer would send around 20 questions a day.", 8_000),
    ("Our marketplace hosts roughly 250 independent sellers.", "Each shop averages about 40 buyer chats a day.", 10_000),
])
def test_customers_counted_by_one_name_and_their_rate_by_another(earlier, text, per_day):
    assert understand(text, earlier=earlier).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize("text, per_day", [
    ("~20k pupils a day, ~6 msgs each", 120_000),
    ("About 9,000 staff, each asking 2 or 3 questions a week.", 9_000 * 2.5 / 7),
    ("few dozen DMs a day, say 30", 30),
])
def test_counts_as_chat_writes_them(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_voice_channel_is_no_persona():
    reading = understand("Our voice bot uses gpt-4o to work out what the caller wants before routing.")
    assert reading.updates.get("persona_consistency") is not True


def test_character_limits_are_a_format_not_a_persona():
    reading = understand("The model keeps blowing through the character limits and sometimes writes 5 headlines.")
    assert reading.updates.get("persona_consistency") is not True and reading.updates.get("output_format_gap") is True


@pytest.mark.parametrize("text", [
    "Our caseworkers help tenants facing eviction.",
    "tenants ask us about rent arrears and deposits",
])
def test_people_who_rent_are_no_tenancy(text):
    assert "multi_tenant" not in understand(text).updates


def test_tenants_kept_apart_on_a_property_platform_still_are():
    assert understand("tenants in one block mustn't see another landlord's notices").updates.get("multi_tenant") is True


@pytest.mark.parametrize("text", ["it gets too wordy for 7 yr olds", "the app is for 10-year-olds", "children aged 6 to 9 years"])
def test_an_age_is_no_horizon_or_change_rate(text):
    updates = understand(text).updates
    assert "horizon_months" not in updates and "knowledge_changes" not in updates


def test_a_part_of_the_format_left_out_is_a_format_gap():
    reading = understand("replies must follow our 3 part format (answer / source / next step) and it skips the source part a lot")
    assert reading.updates.get("output_format_gap") is True


def test_a_corpus_counted_with_its_change_rate_puts_right_a_guess_of_none():
    reading = understand("the policy wordings get updated monthly-ish, ~7k docs", profile={"has_documents": {"value": False}})
    assert reading.updates.get("has_documents") is True and "has_documents" in reading.corrections


def test_an_upload_that_fails_is_no_corpus():
    assert "has_documents" not in understand("We just fix them by hand when the upload fails.").updates


@pytest.mark.parametrize("text", [
    "What bugs us is the voice: it should sound like our calm 'Nurse Ava' and it drifts into a robotic tone.",
    "what worries me most is the tone, it keeps drifting",
])
def test_what_bothers_them_is_a_statement(text):
    reading = understand(text)
    assert reading.updates.get("persona_consistency") is True and not reading.off_topic


@pytest.mark.parametrize("text", ["Which of these should we go for?", "Honestly just tell me what you'd do first."])
def test_more_asks_for_the_call(text):
    assert understand(text).wants_recommendation


@pytest.mark.parametrize("text", [
    "get answers with a reference to the note",
    "it has to quote the bit of guidance it relied on",
    "associates need to see which library clause it started from",
])
def test_provenance_in_plain_words_is_a_citation_need(text):
    assert understand(text).updates.get("needs_citations") is True


def test_a_what_if_on_what_each_person_does_rescales_the_volume():
    earlier = "About 250 advisors. Each advisor would do around 40 lookups a day."
    reading = understand("what if it's 60 lookups each instead?", earlier=earlier, profile={"queries_per_day": {"value": 10_000}, "use_case": {"value": "x"}})
    assert reading.what_if == {"queries_per_day": pytest.approx(15_000)}


def test_a_what_if_on_the_corpus_scales_the_documents():
    reading = understand("what if we add the VAT guidance too, roughly double the documents?",
                         profile={"corpus_documents": {"value": 3_000}, "use_case": {"value": "x"}})
    assert reading.what_if == {"corpus_documents": 6_000}


def test_a_rate_with_a_tilde_is_an_estimate_not_an_eval_set():
    reading = understand("even w/ a long style prompt it gets the format wrong ~1 in 5")
    assert reading.updates.get("output_format_gap") is True and "has_eval_set" not in reading.updates
    assert "use_case" not in reading.updates


def test_outputs_someone_reviewed_are_an_eval_set():
    assert understand("nursing QA has 350 reviewed discharge sheets").updates.get("has_eval_set") is True


def test_people_counted_a_day_then_what_each_sends():
    assert understand("around 6k kids use it per day, each maybe 12 messages").updates.get("queries_per_day") == pytest.approx(72_000)


def test_a_tone_that_changes_is_a_persona_need_not_a_change_rate():
    reading = understand("We tried a style guide in the prompt but the tone change a lot between answers, sometimes cold, sometimes too casual.")
    assert reading.updates.get("persona_consistency") is True and "knowledge_changes" not in reading.updates


def test_one_customers_data_shown_to_another_by_letter():
    assert understand("Very important the bot of school A never show information of school B.").updates.get("multi_tenant") is True
    assert "multi_tenant" not in understand("plan A is not better than plan B").updates


@pytest.mark.parametrize("text", [
    "The model sometimes skip the exceptions section or mix the order.",
    "the model merges or reorders the sections in about 1 in 15 answers",
])
def test_sections_skipped_or_reordered_are_a_format_gap(text):
    assert understand(text).updates.get("output_format_gap") is True


def test_a_voice_waived_while_residency_is_asked_permits_nothing():
    reading = understand("we don't need it to sound any particular way", asked="data_residency")
    assert reading.updates.get("persona_consistency") is False
    assert "data_residency" not in reading.updates and "use_case" not in reading.updates


def test_what_is_built_for_an_organisation_is_the_use_case():
    assert understand("support replies for our shop", asked="use_case").updates.get("use_case") == "support replies for our shop"


def test_more_plain_words():
    assert understand("smaller model then?").wants_recommendation
    assert understand("bill is like $200 a month, nobody cares about that").updates.get("top_model_too_costly") is False
    assert understand("people need the permit number so they can check it themselves").updates.get("needs_citations") is True
