"""Facts said in passing or put two ways: a rate in a relative clause after the news of a change, a
requirement nobody will see, examples kept aside to test with, a bill set against what the product
earns, and little change said first loosely and then firmly. Every row is a phrasing written for this
file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, profile=None):
    return understand(text, profile=profile or {"use_case": "x"})


@pytest.mark.parametrize(("text", "rate"), [
    ("Whenever the regulator issues a new circular - which happens roughly every month - our inbox fills up.", "monthly"),
    ("Each time head office puts out a new price list, which is every week in summer, the reps call us.", "weekly"),
    ("The council revises the bin schedules; that's every few days during the holidays.", "daily"),
])
def test_a_rate_in_the_clause_after_news_of_a_change(text, rate):
    assert _read(text).updates.get("knowledge_changes") == rate


def test_a_period_after_talk_that_is_not_of_change_is_no_rate():
    assert "knowledge_changes" not in _read("The team is stretched - we meet every week about it.").updates


@pytest.mark.parametrize("text", [
    "Sources aren't shown to the end users anyway.",
    "citations are never looked at by our customers",
])
def test_a_requirement_nobody_will_see_is_not_needed(text):
    assert _read(text).updates.get("needs_citations") is False


@pytest.mark.parametrize(("text", "has_set"), [
    ("We haven't put any examples aside to test with.", False),
    ("there are no reference examples yet", False),
    ("We've set aside 250 finished letters as test cases.", True),
    ("we have roughly 500 graded samples", True),
])
def test_examples_kept_to_test_with(text, has_set):
    assert _read(text).updates.get("has_eval_set") is has_set


@pytest.mark.parametrize("text", [
    "The March bill was $9,400, for an app that brings in about that much.",
    "We paid $3k last month for a tool that earns less.",
])
def test_a_bill_set_against_what_the_product_earns(text):
    assert _read(text).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize(("text", "rate"), [
    ("The syllabus is stable; the units haven't changed in years.", "static"),
    ("Our tariff rules are stable. Honestly, they've never changed.", "static"),
    # a period said with it stands: "stable" here is the rate
    ("It's updated once a year; otherwise the rules never change.", "rarely"),
    # what does change sets the rate
    ("The templates are stable. The fee tables change every week though.", "weekly"),
])
def test_little_change_said_loosely_then_firmly(text, rate):
    assert _read(text).updates.get("knowledge_changes") == rate


@pytest.mark.parametrize("text", [
    "An assistant for 45 insurers, and each insurer's policy terms are different.",
    "We run it for a dozen councils; each council's own procedures apply.",
])
def test_knowledge_kept_per_organisation_is_per_tenant(text):
    assert _read(text).updates.get("multi_tenant") is True


def test_what_each_person_has_is_not_per_tenant():
    assert "multi_tenant" not in _read("300 nurses, and each one's shift notes are short.").updates


def test_nobody_names_no_use_case():
    assert "use_case" not in understand("Nobody minds a wait of a few seconds.").updates
