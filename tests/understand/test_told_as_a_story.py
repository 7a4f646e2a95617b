"""Facts picked out of a story of what happened: a month's bill told as an event, the normal day
after a storm, a ban stated as an audit rule, an incident that shows tenants must be kept apart, a
number shown with the answer, an earlier attempt that says nothing of what is needed now. Every row
is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, profile=None):
    return understand(text, profile=profile or {"use_case": "x"})


@pytest.mark.parametrize(("text", "slot", "expected"), [
    ("The bill for that month came to $31,000, and the board noticed.", "monthly_spend_usd", 31_000),
    ("Then the March invoice arrived: $12,500, more than we make from the feature.", "monthly_spend_usd", 12_500),
    ("During the heatwave we did 250k calls; on a normal day it's about 80k.", "queries_per_day", 80_000),
    ("The rule from the audit: no customer files get processed on servers we don't control.", "data_residency", True),
    ("A shopper at one retailer asked about returns and got another retailer's policy.", "multi_tenant", True),
    ("Each council's bylaws have to stay in their own lane.", "multi_tenant", True),
    ("Inspectors want the rule with the notice number it comes from.", "needs_citations", True),
    ("Engineers should get the procedure with the bulletin number shown.", "needs_citations", True),
    ("Finance says find a cheaper way or we switch it off.", "top_model_too_costly", True),
    ("It scores 96% on a 1,000-ticket sample we keep for testing.", "has_eval_set", True),
    ("the rulebook changes constantly — at least monthly during the season", "knowledge_changes", "monthly"),
    ("It answers from the case archive, which gets new rulings every day.", "knowledge_changes", "daily"),
])
def test_facts_in_a_story(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


def test_an_attempt_thrown_together_says_nothing_of_the_corpus_needed_now():
    read = _read("A colleague threw together a bot with the price sheets pasted into the prompt, and it quoted last month's prices.")
    assert "has_documents" not in read.updates


def test_a_per_person_figure_that_names_nobody_counts_the_people_said_before():
    read = understand("maybe 12 questions a day each", profile={"use_case": "x"}, earlier="one firm, about 250 fee earners")
    assert read.updates.get("queries_per_day") == 3_000


def test_each_person_twice_a_day_is_a_count():
    assert _read("maybe 80 supervisors, each maybe twice a day").updates.get("queries_per_day") == 160
    # a change rate said with "twice" is still a change rate
    assert _read("we update the handbook twice a week").updates.get("knowledge_changes") == "weekly"


@pytest.mark.parametrize("text", [
    "worth shrinking to a small model or nah",
    "Do we shrink the model?",
    "Would a compact model serve us just as well?",
    "Kindly indicate the approach you consider appropriate.",
    "How would you counsel us to begin?",
    "Where ought we to begin?",
])
def test_more_asks_for_the_call(text):
    assert _read(text).wants_recommendation


@pytest.mark.parametrize(("text", "slot", "expected"), [
    ("every dosage answer points to the actual leaflet it came from", "needs_citations", True),
    ("the engineers want the answer plus the manual page or job card number", "needs_citations", True),
    ("half the time it sounds like a generic press release instead of our voice", "persona_consistency", True),
    ("the editor kept about 600 letters she signed off on, we've been using 150 of them to score prompts", "has_documents", None),
    ("staff might use it perhaps two thousand times per day", "queries_per_day", 2_000),
])
def test_citations_voices_examples_and_uses_in_passing(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


def test_a_figure_put_right_with_i_meant_and_a_reason():
    read = _read("We get about 5,000 requests a day. Sorry, I meant 8,000, I was reading last year's report.")
    assert read.updates.get("queries_per_day") == 8_000


def test_a_voice_to_reply_in_and_a_shortfall_of_length_and_register():
    read = _read("We wish a model to reply in our established voice, within one SMS. Prompting alone made replies "
                 "too long or too formal in about one case in five.")
    assert read.updates.get("persona_consistency") is True and read.updates.get("output_format_gap") is True


def test_a_small_count_after_a_hedge_multiplies_the_container():
    assert _read("We take around 20k calls a day, and each call gets about three summaries.").updates.get("queries_per_day") == 60_000


def test_the_boss_seeing_the_invoice_is_a_bill_complaint():
    read = _read("Then our CFO saw the invoice. We're at about $41k a month.")
    assert read.updates.get("top_model_too_costly") is True and read.updates.get("monthly_spend_usd") == 41_000


def test_instead_in_a_statement_is_no_what_if():
    read = _read("They want an internal assistant instead, but the rule is blunt: no patient data gets processed on servers we don't run.")
    assert read.what_if is None and read.updates.get("data_residency") is True
    assert _read("what would it cost with fine-tuning instead?").what_if


def test_a_per_person_rate_corrected_with_each_scales_the_traffic():
    read = understand("sorry, more like 15 each", profile={"use_case": "x", "queries_per_day": 400},
                      earlier="we have 40 branches, each branch maybe 10 questions a day")
    assert read.updates.get("queries_per_day") == 600 and "queries_per_day" in read.corrections


def test_saying_which_entry_it_used_is_a_citation():
    assert _read("each reply has to say which policy clause it relied on").updates.get("needs_citations") is True


def test_a_negative_count_of_people_changes_nothing():
    read = understand("actually it's -5 branches lol, typo", profile={"use_case": "x", "queries_per_day": 400},
                      earlier="we have 40 branches, each branch maybe 10 questions a day")
    assert "queries_per_day" not in read.updates


def test_a_model_doing_the_task_names_it_in_the_base_form():
    assert understand("the model matches invoices to purchase orders").updates.get("use_case") == "match invoices"
    assert understand("A model assigns each bank transaction to a nominal code").updates.get("use_case") == "assign bank transaction"
