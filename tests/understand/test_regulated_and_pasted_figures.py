"""Figures and permissions as regulated teams and pasted notes give them: a bill in words with its
currency after it, a GPU bill paid today, the normal day beside what a big event brings, a product
written with "x", a count a shift, people per shift, the figure just said put right, a count with its
period that is no change rate, one kind of data withheld, a hosted provider kept, and asides before a
question. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, profile=None, asked=None, earlier=""):
    return understand(text, profile=profile or {"use_case": {"value": "x"}}, asked=asked, earlier=earlier)


@pytest.mark.parametrize(("text", "spend"), [
    ("the monthly bill is roughly 12 thousand dollars", 12_000),
    ("Our invoice for February came in at $8,400.", 8_400),
    ("the April invoice arrived: nineteen thousand dollars", 19_000),
    ("our GPU spend is about $22k a month", 22_000),
])
def test_a_bill_as_regulated_teams_state_it(text, spend):
    assert _read(text).updates.get("monthly_spend_usd") == spend


def test_a_bill_not_happening_again_is_too_costly():
    assert _read("Procurement says that's not happening again.", profile={"use_case": {"value": "x"}, "monthly_spend_usd": {"value": 9_000}}).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize(("text", "per_day"), [
    ("Usually about 8k enquiries, but when there's a major outage it can hit 30k a day", 8_000),
    ("Volume estimate: 40 caseworkers x ~15 lookups/day", 600),
    ("5k tickets a day × 3 model calls", 15_000),
    ("Throughput: 2 shifts/day, about 900 forms per shift", 1_800),
    ("- 2 shifts a day, ~25 nurses per shift\n- each nurse checks it maybe 8 times a shift", 400),
    ("2,000 visits a day and usually three lookups per visit", 6_000),
    ("Our 25 staff pharmacists each answer around twenty dosing and interaction questions a day.", 500),
    ("Roughly fifteen thousand members, maybe two questions each per week", 15_000 * 2 / 7),
])
def test_traffic_as_pasted_notes_give_it(text, per_day):
    assert _read(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_the_figure_just_said_is_put_right_not_the_traffic():
    read = _read("we have 300 signed-off contracts to test with, sorry, 350", profile={"use_case": {"value": "x"}, "queries_per_day": {"value": 900}})
    assert "queries_per_day" not in read.updates


def test_a_count_with_its_period_is_no_change_rate():
    assert "knowledge_changes" not in _read("We receive around 6k survey comments a month and want the themes pulled out.").updates


@pytest.mark.parametrize("text", [
    "patient names won't be sent; a hosted API is fine under our BAA.",
    "Customer records stay out of the prompts, only the public price list goes in.",
])
def test_one_kind_of_data_withheld_is_no_ban(text):
    assert _read(text).updates.get("data_residency") is not True


@pytest.mark.parametrize("text", ["we'll stick with a hosted provider, no hardware here", "happy with the cloud API we use"])
def test_a_hosted_provider_kept_is_a_permission(text):
    assert _read(text).updates.get("data_residency") is False


@pytest.mark.parametrize("text", ["side note: is Llama any good at German?", "unrelated but does RAG need a GPU?"])
def test_an_aside_question_is_a_question_not_a_what_if(text):
    read = _read(text)
    assert read.what_if is None and read.question


def test_a_team_size_is_no_rate():
    assert "queries_per_day" not in understand("we're a 6 person startup doing an HR chatbot").updates


def test_workspaces_with_their_own_articles_are_tenants():
    assert _read("about 90 client workspaces each keep their own knowledge-base articles").updates.get("multi_tenant") is True


@pytest.mark.parametrize("text", [
    "we have 90 letters our senior handlers approved, we compare new drafts to those",
    "There are 120 reports the auditors signed off; we test every prompt change against them.",
])
def test_examples_the_drafts_are_judged_by_are_an_eval_set(text):
    assert _read(text).updates.get("has_eval_set") is True


def test_a_guessed_failure_rate_is_measured_on_nothing():
    read = _read("it probably gets the layout wrong in maybe 20% of cases")
    assert "has_eval_set" not in read.updates


def test_an_ask_for_the_call_is_not_a_topic_joined_to_what_follows():
    read = _read("so what now? distil like the consultant said?", profile={"use_case": {"value": "x"}, "model": {"value": "gpt-4o"}})
    assert read.wants_recommendation


def test_the_model_made_to_do_the_work_names_the_use_case():
    assert understand("For every claim we have gpt-4o check the policy wording and flag gaps.").updates.get("use_case", "").startswith("check policy wording")


@pytest.mark.parametrize("text", ["we haven't tried anything yet, not even copilot", "nobody has used chatgpt for it yet"])
def test_nothing_tried_bans_nothing(text):
    assert _read(text, asked="data_residency").updates.get("data_residency") is not True


def test_a_provider_the_team_already_uses_is_a_permission():
    assert _read("fine with our Microsoft tenant, we already use Copilot for email", asked="data_residency").updates.get("data_residency") is False
