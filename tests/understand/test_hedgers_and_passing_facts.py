"""Facts as hedging writers and storytellers give them: what each visit holds said before the count
of visits, a peak and a normal count with what each holds said last, one kind of data kept out beside
a permission for the rest. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("text, per_day", [
    ("Shoppers tend to ask 3 questions a visit, and we get roughly 9k visits a day.", 27_000),
    ("I think each ticket is about 4 messages, and we open 2,500 tickets daily.", 10_000),
    ("Guests send maybe 2 requests per stay, we have about 600 stays a day.", 1_200),
    ("We've got roughly 300 linesmen out there, each asking maybe 6 questions a day.", 1_800),
    ("Over the holidays it's 50k orders a day, more like 12k on a typical day.", 12_000),
])
def test_what_each_holds_said_before_the_count_multiplies_it(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize("text", [
    "In harvest season it's 30k chats a day, 8k the rest of the year, each about 5 messages.",
    "In harvest season it's 30k chats a day, with 5 messages each, 8k the rest of the year.",
    "During harvest we see 30k chats a day, 8k on an ordinary day, and each chat runs to about five messages.",
])
def test_the_normal_count_is_multiplied_by_what_each_holds_wherever_it_is_said(text):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(40_000)


@pytest.mark.parametrize("text", [
    "Policyholder details can't go in the prompts, but hosted APIs are allowed otherwise.",
    "Customer names mustn't be sent, and a hosted model is fine for the rest.",
])
def test_one_kind_of_data_kept_out_beside_a_permission_is_the_permission(text):
    assert understand(text).updates.get("data_residency") is False


def test_one_kind_of_data_kept_inside_a_place_stays_a_ban():
    assert understand("Claimant files can't leave our own network, hosted tools are fine for the anonymised bits.").updates.get("data_residency") is True
