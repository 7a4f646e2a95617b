"""Traffic said per person, place or shift with the count of them said elsewhere, the way operations
people give it: "We have 35 clerks on it." then "Each forwards about 300 emails a day into it." Any
verb of the work, a range in thousands, a rate each place holds, the people in each place, what each
counted thing holds. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("earlier, text, per_day", [
    ("We've got thirty underwriters on the team.", "each reviews roughly 50 applications a day through it", 1_500),
    ("We run 4 sites.", "Each site logs about 4-6k events a day.", 20_000),
    ("We serve about 200,000 members. There are 40 inspectors.", "Each one checks maybe 8 things a day.", 320),
    ("About 90 agents work the queue.", "Each of them clears maybe 30 of those tickets per shift, one shift a day.", 2_700),
    ("We have 100 agents.", "Each takes about 50 calls a day, and we fire roughly 2 lookups per call.", 10_000),
    ("We're a chain of 12 venues.", "each venue sends around 120 of these a day", 1_440),
    ("Our group has about 300 clinicians.", "Each nurse would ask about 10 questions a day.", 3_000),
    ("The trust has 11 wards.", "Each ward has maybe 6 nurses asking 4-5 things a day.", 297),
])
def test_what_each_does_times_who_was_counted_before(earlier, text, per_day):
    assert understand(text, earlier=earlier, profile={"use_case": "lookups"}).updates.get("queries_per_day") == pytest.approx(per_day)


def test_the_shift_each_works_is_no_change_rate():
    reading = understand("There are 70 pickers. Each enters about 60 tasks per shift and works one shift a day.")
    assert reading.updates.get("queries_per_day") == pytest.approx(4_200)
    assert "knowledge_changes" not in reading.updates


def test_an_hourly_rate_over_a_working_day_of_so_many_hours():
    assert understand("Roughly 200 claims an hour across the team, over a 10-hour day.").updates.get("queries_per_day") == pytest.approx(2_000)


def test_a_bill_given_as_a_range_in_thousands_is_its_middle_and_no_traffic():
    reading = understand("Our Azure bill is somewhere between 20 and 30k a month.")
    assert reading.updates.get("monthly_spend_usd") == pytest.approx(25_000)
    assert "queries_per_day" not in reading.updates


@pytest.mark.parametrize("text", [
    "The content comes from whatever the agent types into the form.",
    "It never looks anything up, it just reformats the note.",
])
def test_what_the_writer_supplies_is_nothing_to_retrieve(text):
    assert understand(text).updates.get("has_documents") is False


@pytest.mark.parametrize("text", ["distill then?", "rag for this?", "ok, fine-tune for the tone?"])
def test_one_option_put_as_the_question_asks_for_the_call(text):
    assert understand(text, profile={"use_case": "support replies"}).wants_recommendation


def test_parties_named_by_letter_are_tenants():
    assert understand("Client A's rates must never reach client B's quotes.").updates.get("multi_tenant") is True


def test_each_of_the_teams_own_people_is_no_tenant():
    assert "multi_tenant" not in understand("Each paralegal would ask maybe ten questions a day.").updates


def test_each_partys_own_material_and_one_party_seeing_anothers_are_tenancy():
    assert understand("A school seeing another school's reports would finish us.", asked="data_residency").updates.get("multi_tenant") is True


def test_new_memos_issued_every_week_are_a_change_rate():
    reading = understand("Advisers need answers on the lending rules - head office issues new credit circulars every week.")
    assert reading.updates.get("knowledge_changes") == "weekly"


@pytest.mark.parametrize("text", [
    "Our first prompt sometimes adds extra keys or renames the fields.",
    "It writes lovely copy but blows through the 80-character limit on about one in four.",
])
def test_fields_added_or_renamed_and_a_limit_broken_are_a_format_gap(text):
    assert understand(text).updates.get("output_format_gap") is True


def test_stable_for_years_is_static():
    assert understand("The codebook is frozen - it has been stable for six years.").updates.get("knowledge_changes") == "static"


def test_a_zero_retention_agreement_is_no_negation_of_the_permission():
    reading = understand("Our DPO confirmed patient notes can go to Anthropic under our zero-retention enterprise agreement.")
    assert reading.updates.get("data_residency") is False


@pytest.mark.parametrize("text, per_day", [
    ("About 2,000 pupils, maybe 4 questions each on a school day.", 8_000),
    ("there's 12 of us, each asking maybe 10 questions a day", 120),
    ("the 6 call centre staff, maybe 40 questions each a day", 240),
])
def test_people_counted_in_plain_words(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_bare_figure_put_right_after_the_traffic_in_the_same_message_is_the_traffic():
    reading = understand("Volume's about 50k orders a day, wait no, closer to 35k.", profile={"monthly_spend_usd": 40_000})
    assert reading.updates.get("queries_per_day") == pytest.approx(35_000)
    assert "monthly_spend_usd" not in reading.updates


def test_new_items_the_model_rewrites_are_no_change_rate():
    assert "knowledge_changes" not in understand("Every new product gets its blurb rewritten by the model before it's published.").updates


@pytest.mark.parametrize("text", [
    "Nine clinics are on it, each with their own price lists and policies.",
    "Last month a caller got another hospital's discharge rules, which can't happen again.",
])
def test_each_party_with_its_own_material_or_anothers_given_out_is_tenancy(text):
    assert understand(text).updates.get("multi_tenant") is True


def test_examples_never_collected_is_no_eval_set():
    assert understand("I haven't collected any examples or tested it properly.").updates.get("has_eval_set") is False


def test_time_to_go_smaller_asks_for_the_call():
    assert understand("so is it time to go smaller?", profile={"use_case": "meal plans"}).wants_recommendation


def test_a_guide_in_the_prompt_that_still_comes_out_bland_is_a_persona_to_hold():
    assert understand("I've pasted our style guide into the prompts for weeks and it still comes out bland.").updates.get("persona_consistency") is True


def test_quality_praised_with_a_measured_match_is_no_format_gap():
    reading = understand("GPT-4o does it really well, our editors checked 800 items and it matches them 93% of the time.")
    assert "output_format_gap" not in reading.updates
    assert reading.updates.get("has_eval_set") is True


def test_documents_the_model_works_through_one_by_one_are_no_corpus():
    assert understand("We tag every incoming press release with topics and sentiment for the dashboards.").updates.get("has_documents") is not True


def test_a_test_over_so_many_items_is_an_eval_set():
    assert understand("Our test of 900 recorded chats shows it picks the right intent 97% of the time.").updates.get("has_eval_set") is True


def test_a_model_trialled_for_some_weeks_is_the_model_in_use():
    assert understand("We piloted Claude Sonnet for three weeks and the agents loved it.").updates.get("model") == "claude sonnet"


def test_unchanged_since_going_live_is_static():
    assert understand("The codes haven't changed since we went live in the spring.").updates.get("knowledge_changes") == "static"


@pytest.mark.parametrize("text, per_day", [
    ("Ordinary days are about two thousand questions, enrolment week it climbs to nine thousand a day.", 2_000),
    ("On a normal day we get something like three thousand two hundred questions.", 3_200),
    ("We have maybe thirty planners, each would ask it a dozen things a day.", 360),
])
def test_normal_days_in_words_and_a_dozen_each(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_something_reaching_another_place_is_no_tenancy():
    assert "multi_tenant" not in understand("The parcel must reach another depot by noon.").updates
