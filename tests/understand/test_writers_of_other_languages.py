"""Facts as people write them whose first language is not English, or whose figures follow another
country's conventions: lakh and crore, Indian digit groups, a decimal comma, the period put first
("Daily we process ..."), a word glossed in brackets, a count "in a shift", a bill with the sender
between it and its month. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.clauses import spell_out
from agent.understand.rules import understand


@pytest.mark.parametrize("text, figure", [
    ("we handle about 2 lakh tickets", "200,000 tickets"),
    ("close to 1.5 lakh users", "150,000 users"),
    ("turnover of 3 crore", "30,000,000"),
    ("1,00,000 queries a day", "100000 queries a day"),
    ("roughly 2,5 million requests", "2.5 million requests"),
])
def test_regional_figures_are_put_in_common_digits(text, figure):
    assert figure in spell_out(text)


@pytest.mark.parametrize("text", ["we have 1,200 nurses", "the price is 12,50 euro", "version 2,5 of the app"])
def test_ordinary_commas_are_left_alone(text):
    assert spell_out(text) == text


@pytest.mark.parametrize("text, per_day", [
    ("Our agents get around 4 lakh chats every day.", 400_000),
    ("Daily we are handling roughly 8,000 claims.", 8_000),
    ("Weekly our team answers 7,000 tickets.", 1_000),
    ("We receive about 3 thousand applications (wnioski) per day.", 3_000),
    ("About 900 guards, each logs maybe 4 incidents in a shift.", 3_600),
    ("We have 5 thousand normative documents. About 60 analysts, maybe 10 questions per day each.", 600),
])
def test_traffic_written_in_other_orders(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_documents_in_an_earlier_message_are_not_the_people_who_ask():
    earlier = "Our analysts search the regulations. We have about 5 thousand normative documents."
    reading = understand("Volume is small: 40 analysts, maybe 10 questions per day each.", earlier=earlier)
    assert reading.updates.get("queries_per_day") == pytest.approx(400)


@pytest.mark.parametrize("text, bill", [
    ("The invoice from Anthropic last month was $31,000, which finance says is too much.", 31_000),
    ("Also the bill is not small, last month it was $9,500.", 9_500),
    ("our spend keeps climbing, last month it hit $12k", 12_000),
])
def test_a_bill_told_with_its_sender_or_after_a_judgement(text, bill):
    reading = understand(text)
    assert reading.updates.get("monthly_spend_usd") == bill
    assert reading.updates.get("top_model_too_costly") is True


def test_a_bill_judged_fine_is_not_too_costly():
    reading = understand("the invoice from OpenAI last month was $3,000, which is fine for us")
    assert reading.updates.get("monthly_spend_usd") == 3_000
    assert reading.updates.get("top_model_too_costly") is not True
