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


@pytest.mark.parametrize(("text", "slot", "expected"), [
    # figures written in words
    ("we handle about fourteen thousand chats a day", "queries_per_day", 14_000),
    ("it runs us roughly twenty-two thousand dollars a month", "monthly_spend_usd", 22_000),
    ("around two hundred fifty thousand reviews a day", "queries_per_day", 250_000),
    ("the bill is about forty grand a month", "monthly_spend_usd", 40_000),
    ("somewhere around 4 or 5 thousand requests a day", "queries_per_day", 4_500),
])
def test_figures_in_words(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a correction inside the message, with a reason between
    ("maybe 2,000 tickets a day, no wait, that's just the EU desk, for everyone more like 7 thousand", 7_000),
    # the container named before its figure, and how often each asks the model
    ("sessions are about 8k a day, and we call the model around 4 times per session", 32_000),
    # the normal day said after the peak, with the day abbreviated
    ("peak ~60k searches on sale days, avg day more like 25k", 25_000),
])
def test_traffic_in_more_words(text, expected):
    assert _read(text).updates.get("queries_per_day") == expected


def test_a_bill_rechecked_in_the_same_breath():
    read = _read("the invoice is not small: 14k dollars last month, sorry I checked again, it was 17k.")
    assert read.updates.get("monthly_spend_usd") == 17_000


@pytest.mark.parametrize(("text", "expected"), [
    # where the answers come from is the corpus, whatever it is called
    ("answers come from the tariff tables and the returns policy", True),
    ("answers have to come from our lesson bank (about 3k items)", True),
    ("the answer comes from the transcript only", None),
    # a corpus said not to be needed
    ("no doc library needed, it's general knowledge", False),
    ("the rules are fixed, we don't need retrieval", False),
    ("no reference docs needed", False),
    # personal data kept out of the prompt says nothing of documents
    ("cloud is fine, no personal data goes in the prompt", None),
])
def test_where_answers_come_from(text, expected):
    read = _read(text)
    assert read.updates.get("has_documents") is expected
    assert "needs_citations" not in read.updates


@pytest.mark.parametrize("text", [
    "our client's brand voice is really specific: dry, short, no emojis",
    "the posts need our house tone, which is quite particular (warm, a little cheeky)",
    "there are strict tone rules: formal address, never apologise for delays",
    "prompting with the brand guide gets it there maybe 65% of the time per the editors",
])
def test_a_voice_said_to_be_exacting_is_one_to_hold(text):
    assert _read(text).updates.get("persona_consistency") is True


@pytest.mark.parametrize(("text", "expected"), [
    # a plan to self-host is no rule that data stays
    ("we're thinking mistral on our own gpus", None),
    ("it all has to stay on our own servers", True),
    # the team's own cloud tenant is no tenancy of customers
    ("everything has to stay in our own tenant", "no tenancy"),
    # a model's output judged ok is no permission to send data out
    ("I played with ChatGPT a bit and it was ok-ish", None),
])
def test_self_hosting_plans_tenants_and_quality_judgements(text, expected):
    updates = _read(text).updates
    if expected == "no tenancy":
        assert "multi_tenant" not in updates
    else:
        assert updates.get("data_residency") is expected


def test_parties_kept_apart_by_letter_and_gdpr_said_back():
    read = _read("Agency X must never ever see the files of agency Y, that's in our contracts and GDPR.")
    assert read.updates.get("multi_tenant") is True
    # GDPR names the EU's rules, which an EU-hosted API may meet: read, and said back
    assert read.updates.get("data_residency") is True and "data_residency" in read.tentative


@pytest.mark.parametrize(("text", "slot", "expected"), [
    ("for some it's a few times a month... lets say every week new documents come in.", "knowledge_changes", "weekly"),
    ("No tone rules. But staff must be able to open the leaflet the answer came from.", "needs_citations", True),
    ("we have about 25 thousand documents in the archive", "corpus_documents", 25_000),
])
def test_settled_periods_sources_and_corpus_sizes(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


def test_each_person_after_a_hedge_counts_with_the_people_said_before():
    read = understand("no idea really how many, maybe each nurse 4 times a day?", profile={"use_case": "x"}, earlier="We have 60 nurses on the ward.")
    assert read.updates.get("queries_per_day") == 240
    assert "knowledge_changes" not in read.updates


@pytest.mark.parametrize(("text", "expected"), [
    ("Our caseworkers write long visit notes and I want AI to summarise them for the managers.", "summarise notes for managers"),
    ("Our coaches want to use AI to help with drills for training sessions", "help with drills for training sessions"),
    ("regional airline, customer service chat. answers come from the fare rules", "customer service chat"),
    ("small game studio, quest dialogue for our mobile rpg", "quest dialogue"),
])
def test_the_use_case_asked_of_a_model_or_after_who_they_are(text, expected):
    assert understand(text).updates.get("use_case") == expected


@pytest.mark.parametrize("text", [
    "our team leads compared 900 chats and it matches them 92%, about the same as people",
    "it agrees with our reviewers 96% on 500 hand-checked letters",
])
def test_agreement_measured_on_a_sample_is_an_eval_set(text):
    assert _read(text).updates.get("has_eval_set") is True


@pytest.mark.parametrize("text", [
    "it's for tax advisers asking about rulings. new rulings and circulars come out daily",
    "we want a Q&A for the ward staff about our formulary",
])
def test_knowledge_asked_about_is_a_corpus(text):
    assert _read(text).updates.get("has_documents") is True


def test_a_bill_said_to_be_unsustainable_is_too_costly():
    read = _read("the openai bill hit $14k last month and we're 5 people lol. can't keep that up")
    assert read.updates.get("top_model_too_costly") is True and read.updates.get("monthly_spend_usd") == 14_000


def test_examples_keyed_in_by_hand_are_no_corpus():
    read = _read("we have 2,400 invoices my team keyed in by hand with the right fields, so we can test on those")
    assert read.updates.get("has_eval_set") is True
    assert "has_documents" not in read.updates and "corpus_documents" not in read.updates


def test_a_provider_named_after_a_model_stands_for_that_model():
    read = understand("data going to Anthropic is fine, we have a DPA", profile={"use_case": "x"},
                      earlier="We tried claude haiku with a long prompt and it mostly works.")
    assert read.updates.get("model") == "claude haiku"
