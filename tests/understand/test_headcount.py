"""Traffic said per person: what each one does times how many of them there are, the count said in
the same message or an earlier one. Every row is written for this file."""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize(("text", "earlier", "per_day"), [
    ("Each underwriter reviews about 40 files a day", "we have 250 underwriters", 10_000),
    ("we have 250 underwriters. Each underwriter reviews about 40 files a day", "", 10_000),
    ("each does maybe 30 lookups a day", "an assistant for the ~900 caseworkers in the agency", 27_000),
    ("Around 60 dispatchers. Every one of them sends 25 queries a day", "", 1_500),
    ("each one runs about 8 searches a day", "about 1,200 sales associates use the tool", 9_600),
])
def test_what_each_person_does_times_how_many_there_are(text, earlier, per_day):
    assert understand(text, earlier=earlier).updates["queries_per_day"] == pytest.approx(per_day)


def test_without_a_count_the_figure_is_what_was_said():
    assert understand("each does maybe 30 lookups a day").updates["queries_per_day"] == pytest.approx(30)



@pytest.mark.parametrize(("text", "per_day"), [
    ("we have 250 stores, each sends maybe 40 queries daily", 10_000),
    ("each of our 60 lawyers runs maybe 25 searches a day", 1_500),
    ("each of the 40 clinics sends ~100 requests per day", 4_000),
    ("2,500 employees, maybe half use it once a day", 1_250),
    ("we have 800 reps and about 30% use it twice a week", 800 * 0.3 * 2 / 7),
])
def test_people_in_one_sentence_with_what_each_or_a_share_of_them_does(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "earlier", "per_day"), [
    ("We would expect each staff member to ask maybe 10 questions a day.", "an assistant for our ~600 branch staff", 6_000),
    ("I guess every one of them sends 5 a week", "we have 70 brokers", 50),
    ("so each nurse asks about 4 a day", "there are 40 nurses on the ward", 160),
])
def test_what_each_does_after_a_few_words_of_lead_in_counts_the_people_named_before(text, earlier, per_day):
    assert understand(text, earlier=earlier).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "per_day"), [
    # "each" after the period, the people named by their noun in an earlier sentence
    ("Our helpdesk serves ~800 branch staff. Staff average maybe 15 questions a day each.", 12_000),
    ("We have 40 nurses on the ward. Nurses ask around 6 questions a day each.", 240),
    # the count said as "N of them" after the people
    ("Field techs (about 2,000 of them) look up procedures all day. Techs do ~10 lookups a day each.", 20_000),
    # the people named by their initials: an RM is a relationship manager
    ("We have ~1,200 relationship managers. Each RM would generate maybe 3 a day.", 3_600),
    ("There are 90 account executives on the team. Every AE sends about 20 a day.", 1_800),
])
def test_what_each_does_finds_the_people_by_their_noun_their_count_or_their_initials(text, per_day):
    assert understand(text).updates.get("queries_per_day") == per_day


def test_a_corrected_headcount_in_a_later_message_scales_the_volume():
    earlier = "a study assistant for our courses. pilot would be 15k students, they'd ask maybe 2 questions a day each"
    first = understand(earlier)
    assert first.updates["queries_per_day"] == 30_000
    fixed = understand("wait no, pilot is 1.5k students, 15k is the whole uni",
                       profile={"queries_per_day": {"value": 30_000}}, earlier=earlier)
    assert fixed.updates["queries_per_day"] == 3_000 and "queries_per_day" in fixed.corrections


@pytest.mark.parametrize(("text", "per_day"), [
    ("~150 journalists, maybe 20 searches each daily", 3_000),
    ("we are 40 lawyers. each lawyer maybe 15 queries daily", 600),
    ("around 250 account managers. each would ask somewhere between 10 and 20 questions a day", 3_750),
    ("8k players per day, around 25 NPC lines each", 200_000),
])
def test_per_person_counts_with_adverbs_ranges_and_modals(text, per_day):
    assert understand(text).updates.get("queries_per_day") == per_day


@pytest.mark.parametrize(("text", "per_day"), [
    ("volume 4k invoice a day. hmm no, 3k, 4k was end of quarter", 3_000),
    ("~30k per day. oh wait, that include transfers, real is more like 22k", 22_000),
    ("5k a day. sorry, 200 tokens each", 5_000),
])
def test_a_figure_corrected_later_in_the_same_message(text, per_day):
    assert understand(text).updates.get("queries_per_day") == per_day
