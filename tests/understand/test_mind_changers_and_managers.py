"""Facts as people write them when they change their minds ("Hmm, no, ...", "ok let's say weekly",
"real requests are about 60k") and as managers write them, with figures in words and the facts told
in passing. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("text, per_day", [
    ("Forty-two thousand sessions a day, around three model calls per session.", 126_000),
    ("We have about seven hundred agents on shift over a day, and I'd guess each would ask it six or so questions.", 4_200),
    ("About thirty planners would use it, maybe fifteen searches each on a working day.", 450),
    ("Across the hotline and the web form we handle around 1,800 of these requests a day.", 1_800),
])
def test_volumes_written_in_words_and_in_passing(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_normal_day_said_after_a_peak_is_the_volume():
    reading = understand("We answer about forty thousand emails a day. Well, that's during the January sale. A normal day is more like nine thousand.")
    assert reading.updates.get("queries_per_day") == pytest.approx(9_000)


def test_the_real_figure_set_against_a_padded_one_replaces_it():
    reading = understand("It's about 50k requests a day. Hmm, no, 50k counts health checks; the actual number is closer to 35k.")
    assert reading.updates.get("queries_per_day") == pytest.approx(35_000)
    later = understand("real queries are about 12k", profile={"queries_per_day": {"value": 20_000}})
    assert later.updates.get("queries_per_day") == pytest.approx(12_000) and "queries_per_day" in later.corrections


def test_people_recounted_in_words_scale_the_volume_said_in_words_before():
    earlier = "Twelve dispatchers, each asking about twenty questions a day."
    reading = understand("Sorry, I meant eighteen dispatchers, I forgot the weekend team.", earlier=earlier, profile={"queries_per_day": {"value": 240}})
    assert reading.updates.get("queries_per_day") == pytest.approx(360)


@pytest.mark.parametrize("text, rate", [
    ("The price lists change monthly I think. Hmm, no, I checked the logs: there's a new one nearly every week.", "weekly"),
    ("Probably daily? maybe weekly. Ok let's say weekly, though a few suppliers send changes every couple of days.", "weekly"),
    ("The rulebook has been locked since the season started.", "static"),
])
def test_a_rate_put_right_or_settled_on(text, rate):
    assert understand(text).updates.get("knowledge_changes") == rate


@pytest.mark.parametrize("text", [
    "Honestly, what should a small charity do here?",
    "what should a firm like ours build?",
    "My CTO is leaning towards fine-tuning, is she wrong?",
])
def test_asks_for_the_call_in_the_third_person(text):
    assert understand(text).wants_recommendation


def test_a_bill_then_far_too_much_is_too_costly():
    reading = understand("The bill is around $30k a month. Our CFO thinks that's far too much for tagging tickets.")
    assert reading.updates.get("monthly_spend_usd") == 30_000 and reading.updates.get("top_model_too_costly") is True


def test_citations_missing_from_a_share_of_the_output_are_no_waiver():
    reading = understand("The layout is all over the place: headings missing, no source references about half the time.")
    assert reading.updates.get("needs_citations") is not False
    assert reading.updates.get("output_format_gap") is True


@pytest.mark.parametrize("text", [
    "The source document has to be referenced so the auditor can check it.",
    "Each figure must be cited.",
])
def test_a_source_that_must_be_referenced_is_a_citation_need(text):
    assert understand(text).updates.get("needs_citations") is True


def test_a_brand_rule_about_punctuation_says_nothing_of_an_eval_set():
    assert "has_eval_set" not in understand("Our voice is calm, no exclamation marks, no 'Great question!'.").updates


def test_replies_marked_up_are_an_eval_set_and_a_bare_pass_rate_is_the_known_voices_gap():
    profile = {"persona_consistency": {"value": True}}
    reading = understand("The brand team marked up 300 sample replies against the guide. 55% passed; they want 90% before we go live.", profile=profile)
    assert reading.updates.get("has_eval_set") is True
    assert reading.updates.get("output_format_gap") is not True
    assert "latency_sensitive" not in reading.updates


def test_writing_prose_instead_of_the_structure_is_a_format_gap():
    reading = understand("It was mostly accurate, but it kept producing long prose instead of the required table, about a third of the time.")
    assert reading.updates.get("output_format_gap") is True


def test_a_review_set_is_an_eval_set():
    assert understand("Our editors approve 97% of summaries on a 500-story review set they keep.").updates.get("has_eval_set") is True


def test_what_is_wanted_said_as_a_statement_is_no_question():
    reading = understand("What we'd like is an assistant our agents can ask, and which always shows them exactly which rule, and which clause, the answer came from.")
    assert reading.question is None and reading.updates.get("needs_citations") is True


def test_a_second_thought_after_trailing_off_settles_the_need():
    reading = understand("a link to the source page would be nice... actually yes, required, compliance insists")
    assert reading.updates.get("needs_citations") is True


def test_a_document_pasted_into_an_earlier_version_is_a_story_not_an_empty_corpus():
    reading = understand("Last year our v0 bot had the 2021 tariff sheet pasted into its prompt and quoted an old price to a customer.")
    assert reading.updates.get("has_documents") is not False


@pytest.mark.parametrize("text", [
    "In the pilot a few letters skipped the mandatory appeal paragraph.",
    "some drafts left out the required disclaimer section",
])
def test_a_required_part_left_out_is_a_format_gap(text):
    assert understand(text).updates.get("output_format_gap") is True


def test_a_count_after_its_label():
    assert understand("Users: about 3k daily, each sends roughly 12 messages a session.").updates.get("queries_per_day") == pytest.approx(36_000)


@pytest.mark.parametrize("text, tokens", [
    ("Replies are generated from a 1,800-token character sheet plus game state, ~120 tokens out.", {"input_tokens": 1800, "output_tokens": 120}),
    ("it writes a 300-token summary", {"output_tokens": 300}),
    ("we retrieve five 400-token chunks", {"context_tokens": 400}),
])
def test_a_token_count_made_an_adjective_measures_its_noun(text, tokens):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in tokens} == tokens


def test_speed_the_trouble_with_the_bill_said_fine_is_no_cost_complaint():
    reading = understand("The bill is acceptable, it's the speed that's killing us.")
    assert reading.updates.get("latency_sensitive") is True and reading.updates.get("top_model_too_costly") is False


def test_people_who_take_calls_are_no_speed_need():
    assert "latency_sensitive" not in understand("It does it as well as our experienced call takers.").updates


def test_a_channel_requests_come_through_is_not_the_product_and_the_models_job_is():
    reading = understand("Tenants report leaks and broken locks through the app, the website and the phone line, "
                         "and we use GPT-4o to read each report and send it to the right trade.")
    assert reading.updates.get("use_case", "").startswith("read each report")
