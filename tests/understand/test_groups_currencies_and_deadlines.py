"""People counted by group or in all, a bill in another currency, and a deadline that is not a
planning horizon. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.people import people_in_all
from agent.understand.rules import understand


def _read(text, profile=None):
    return understand(text, profile=profile or {"use_case": "x"})


@pytest.mark.parametrize(("text", "people"), [
    ("We have 25 branches with 10-14 tellers each.", 300),
    ("18 depots, each with about 40 drivers", 720),
    ("9 regional offices of roughly 50 adjusters", 450),
    ("six hospitals? no, 6 hospitals, 200 nurses each", 1200),
    ("between 5 and 40 agents per office, so about 700 agents", 700),
    ("14 schools with 30-50 teachers apiece, call it 600 teachers in total", 600),
    ("that's 2.5k employees across the group", 2500),
])
def test_people_counted_by_group_or_in_all(text, people):
    assert people_in_all(text) == pytest.approx(people)


@pytest.mark.parametrize("text", ["we have 300 agents", "a pilot for 40 users first", "12 stores and 3 warehouses"])
def test_a_plain_count_is_not_a_total_said(text):
    assert people_in_all(text) is None


@pytest.mark.parametrize(("text", "per_day"), [
    ("25 branches with 10-14 tellers each, and each teller asks maybe 5 questions a day.", 1500),
    ("18 depots with about 40 drivers each, 3 lookups a day per driver.", 2160),
    ("Roughly 30 firms, 5 to 15 paralegals each, call it 300 paralegals overall, each running about 20 searches a day.", 6000),
])
def test_what_each_person_does_times_the_people_in_all(text, per_day):
    assert _read(text).updates["queries_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize("text", [
    "call it 300 paralegals overall",
    "make it 40k a day to be safe",
    "18 depots with about 40 drivers each, 3 lookups a day per driver.",
])
def test_a_verb_or_a_per_person_rate_names_no_use_case(text):
    assert "use_case" not in understand(text).updates


@pytest.mark.parametrize("text", [
    "We're paying about €22,000 a month for it.",
    "the invoice is £7.5k a month",
    "spend is around 40k EUR per month",
])
def test_a_bill_in_another_currency_is_said_back(text):
    read = _read(text)
    assert read.updates["monthly_spend_usd"] > 0
    assert "monthly_spend_usd" in read.tentative


def test_a_bill_in_dollars_is_taken_as_said():
    assert "monthly_spend_usd" not in _read("We're paying about $22,000 a month for it.").tentative


@pytest.mark.parametrize("text", [
    "Management wants a decision by next month.",
    "We go live next year, whatever we pick.",
    "we're hoping to launch next month",
])
def test_a_point_in_time_is_not_a_horizon(text):
    assert "horizon_months" not in _read(text).updates


@pytest.mark.parametrize(("text", "months"), [
    ("we look at costs over the next year", 12),
    ("we budget for the next 18 months", 18),
])
def test_a_span_to_cost_over_is_still_a_horizon(text, months):
    assert _read(text).updates["horizon_months"] == months
