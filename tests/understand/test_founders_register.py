"""Facts as founders and solo developers throw them in: the model named inside a complaint about
it, a past attempt told by what it lacked, a bill's shock, the same quality asked for less, the
volume labelled as such, totals and asides before a per-item count, a staffer among the staff, tenants
kept from one another, and examples that passed a check. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, profile=None, asked=None):
    return understand(text, profile=profile or {"use_case": {"value": "x"}}, asked=asked)


@pytest.mark.parametrize(("text", "model"), [
    ("issue is gpt-4o-mini mangles the date fields on like 1 in 20 invoices", "gpt-4o-mini"),
    ("zero-shot gpt-4.1 lands around 80% and we need 97", "gpt-4.1"),
    ("no amount of few-shot gets gpt-4o to keep the footer", "gpt-4o"),
])
def test_the_model_named_in_a_complaint_about_its_output_is_the_one_in_use(text, model):
    assert _read(text).updates.get("model") == model


@pytest.mark.parametrize("text", ["Opus takes ages to start answering", "we can't use gpt-4o, legal said no"])
def test_a_mention_or_a_refusal_is_still_no_choice(text):
    assert _read(text).updates.get("model") is None


def test_an_attempt_told_by_what_it_lacked_says_nothing_of_the_documents():
    read = _read("we tested claude with no retrieval and it made up warranty terms all day")
    assert "has_documents" not in read.updates


@pytest.mark.parametrize("text", [
    "The head of finance nearly fell off her chair.",
    "our CFO's jaw dropped when she saw it",
])
def test_the_shock_a_bill_gave_says_it_costs_too_much(text):
    assert _read(text, profile={"use_case": {"value": "x"}, "monthly_spend_usd": {"value": 18_000}}).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", [
    "Is there a cheaper way to keep this accuracy?",
    "how do we hold the same quality at a lower cost",
])
def test_the_same_quality_asked_for_less_is_cost_pressure_said_back(text):
    read = _read(text)
    assert read.updates.get("top_model_too_costly") is True and "top_model_too_costly" in read.tentative


def test_a_cost_named_then_its_amount():
    assert _read("money is the problem, we're at about 15k a month").updates.get("monthly_spend_usd") == 15_000


def test_a_figure_named_as_the_volume_is_the_traffic():
    assert _read("the catch is volume: 80k new products a day").updates.get("queries_per_day") == 80_000


@pytest.mark.parametrize(("text", "per_day"), [
    ("roughly 7k sessions a day in total, 3 messages each", 21_000),
    ("2k chats a day altogether, about 6 turns each", 12_000),
])
def test_a_total_before_the_count_each_makes(text, per_day):
    assert _read(text).updates["queries_per_day"] == pytest.approx(per_day)


def test_a_staffer_is_one_of_the_staff_and_a_corrected_staff_count_scales_it():
    first = _read("an assistant for our 30 staff. each staffer asks about 10 things a day")
    assert first.updates["queries_per_day"] == 300
    corrected = understand("oh wait, it's 45 staff since January", profile={"use_case": {"value": "x"}, "queries_per_day": {"value": 300}},
                           earlier="an assistant for our 30 staff. each staffer asks about 10 things a day")
    assert corrected.updates.get("queries_per_day") == pytest.approx(450)


@pytest.mark.parametrize("text", [
    "the agencies mustn't see each other's briefs",
    "franchisees can never access one another's sales files",
])
def test_tenants_kept_from_one_another(text):
    assert _read(text).updates.get("multi_tenant") is True


def test_a_ban_on_data_leaving_their_data_centre_is_no_tenancy():
    read = _read("their contract forbids any data leaving their own data centre")
    assert read.updates.get("data_residency") is True and "multi_tenant" not in read.updates


def test_examples_that_passed_a_check_are_an_eval_set_not_a_corpus_or_a_verdict():
    read = _read("we have 900 old invoices that passed the validator, 200 kept back as a test set")
    assert read.updates.get("has_eval_set") is True
    assert "corpus_documents" not in read.updates and read.updates.get("output_format_gap") is not False


def test_a_change_rate_put_right_in_the_volume_answer_stays_a_change_rate():
    read = _read("it's updated weekly-ish, sorry, the price sheets are daily actually", asked="queries_per_day")
    assert read.updates.get("knowledge_changes") == "daily"
