"""How people write in a work chat: an "ok" that takes a turn, casual asks for the call, active users
with what each does, a rate that is no count, money that is no traffic, the bill said to be the whole
problem, and counts of things the model is not asked about said back. Every row is written for this file."""

from __future__ import annotations

import pytest

from agent.understand.rules import understand

PROFILE = {"use_case": "support bot", "queries_per_day": 5000}


@pytest.mark.parametrize("text", ["ok gimme the answer", "ok so rag, ft, or both?", "ok", "okay, sure", "seems fine-ish?", "ok whats the play"])
def test_an_ok_that_takes_a_turn_grants_no_permission(text):
    assert understand(text, profile=PROFILE, asked="data_residency").updates.get("data_residency") is not False


@pytest.mark.parametrize("text", ["fine by us", "that works for legal", "sure, hosted is fine"])
def test_a_short_permission_still_answers_the_question(text):
    assert understand(text, profile=PROFILE, asked="data_residency").updates.get("data_residency") is False


@pytest.mark.parametrize("text", [
    "ok gimme the answer",
    "so whats the play",
    "ok rag or ft or what",
    "hmm, rag, fine-tuning, or both?",
    "everyone keeps saying fine tune. should we?",
    "just tell me what to do",
])
def test_casual_asks_for_the_call(text):
    assert understand(text, profile=PROFILE).wants_recommendation


@pytest.mark.parametrize(("text", "per_day"), [
    ("~20k DAU doing ~3 queries each", 60_000),
    ("about 4k DAU, maybe 2 chats each", 8_000),
    ("60k MAU with roughly 5 sessions each", 60_000 * 5 * 12 / 365),
])
def test_active_users_times_what_each_does(text, per_day):
    assert understand(text, profile={"use_case": "x"}).updates["queries_per_day"] == pytest.approx(per_day, rel=0.01)


@pytest.mark.parametrize("text", [
    "the JSON is borked like 1 in 15",
    "zero-shot gets 80%, we need 95+",
    "we're paying 25 thousand dollars per month and it grows",
    "it costs about 3,000 euros a month",
])
def test_a_rate_or_an_amount_of_money_is_no_traffic_even_when_asked(text):
    assert "queries_per_day" not in understand(text, profile={"use_case": "x"}, asked="queries_per_day").updates


@pytest.mark.parametrize("text", ["quality is fine, its purely cost", "the $/1k calls is brutal at our volume"])
def test_the_bill_said_to_be_the_problem_is_cost_pressure(text):
    assert understand(text, profile={"use_case": "x"}).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize(("text", "said_back"), [
    ("airline, ~300 daily flights", True),
    ("we ship about 5k parcels a day", True),
    ("we get 3k tickets a day", False),
    ("around 3 million transactions per day", False),
])
def test_a_count_of_things_the_model_is_not_asked_about_is_said_back(text, said_back):
    reading = understand(text, profile={"use_case": "x"})
    assert "queries_per_day" in reading.updates
    assert ("queries_per_day" in reading.tentative) is said_back


@pytest.mark.parametrize("text", [
    "every customer contact gets routed to one of 45 queues",
    "after each client call the agent writes a summary",
    "our tenants ask about repairs and rent",
])
def test_one_customers_interaction_is_no_tenancy(text):
    assert understand(text, profile={"use_case": "x"}).updates.get("multi_tenant") is not True


@pytest.mark.parametrize("text", [
    "about a million pairs, plus the agents' edits",
    "3,000 configs that passed review",
    "we kept 5,000 pieces of feedback that follow the rubric exactly",
    "2,500 conversations our human agents wrote in the mascot's voice",
    "1,500 memos the partners signed off",
])
def test_examples_people_made_or_passed_are_an_eval_set(text):
    assert understand(text, profile={"use_case": "x"}).updates.get("has_eval_set") is True


def test_time_spent_prompting_is_no_horizon_and_static_analysis_no_static_knowledge():
    assert "horizon_months" not in understand("we prompted GPT-4o for two months").updates
    assert "knowledge_changes" not in understand("we rolled out a static analysis bot last year").updates


def test_training_a_model_of_their_own_is_an_option_asked_about():
    assert understand("So should we train our own model?", profile={"use_case": "x"}).wants_recommendation


def test_an_aside_says_nothing_of_documents():
    assert "has_documents" not in understand("sorry, was pulled into a call", profile={"use_case": "x"}).updates


@pytest.mark.parametrize(("text", "expected"), [
    ("writers gave us ~4k lines in the fox's voice", {"has_eval_set": True}),
    ("prompting still slips on the compliance phrasing", {"output_format_gap": True}),
    ("the bot answers tenant maintenance requests for 300 buildings", {"multi_tenant": None}),
    ("a tenant must never see another tenant's data", {"multi_tenant": True}),
    ("the precedent bank grows weekly", {"knowledge_changes": "weekly"}),
    ("our user base grows weekly", {"knowledge_changes": None}),
])
def test_more_of_the_chat_register(text, expected):
    updates = understand(text, profile={"use_case": "x"}).updates
    for slot, value in expected.items():
        assert updates.get(slot) == value, (text, slot, updates)


@pytest.mark.parametrize(("text", "expected"), [
    # a bill stated is no verdict on it; set against what came before, it is the problem
    ("we pay about $25k/mo for it", {"top_model_too_costly": None}),
    ("the precision is great, legal is happy. But we pay about $25k/mo for it.", {"top_model_too_costly": True}),
    # a voice that is off, and drifting from the style guide however much of it is in the prompt
    ("editors rewrite them because the voice is off; it drifts from our style guide no matter what we put in the prompt", {"persona_consistency": True}),
    # examples with a mark of care
    ("the writers have about 8k hand written lines tagged by character", {"has_eval_set": True}),
    ("12k transcripts from our best reps that QA picked as on-brand", {"has_eval_set": True}),
    ("a few years of clean work orders in SAP, tens of thousands", {"has_eval_set": True}),
    # a manner that gives way
    ("it has to stay socratic; the model caves as soon as a student says 'just tell me'", {"persona_consistency": True}),
    ("the roof caved in last winter", {"persona_consistency": None}),
    # provenance with "is from"
    ("agents should see which tariff document the answer is from", {"needs_citations": True}),
])
def test_trial_fifteen_classes_in_fresh_words(text, expected):
    updates = understand(text, profile={"use_case": "x"}).updates
    for slot, value in expected.items():
        assert updates.get(slot) == value, (text, slot, updates)


def test_an_option_said_to_be_simpler_asks_for_the_call():
    assert understand("wouldn't fine-tuning on all our PDFs be simpler?", profile={"use_case": "x"}).wants_recommendation


@pytest.mark.parametrize(("text", "per_day"), [
    ("2 million comments a week. sorry, a month, not a week", 2e6 * 12 / 365),
    ("we get 5k a week, sorry per day", 5_000),
    ("about 14k a day. oops, I mean per week", 2_000),
])
def test_a_figures_period_corrected_right_after_it(text, per_day):
    updates = understand(text, profile={"use_case": "x"}).updates
    assert updates["queries_per_day"] == pytest.approx(per_day, rel=0.01)
    assert "knowledge_changes" not in updates  # the corrected period is the figure's, not a change rate
