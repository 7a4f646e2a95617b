"""Facts in pasted material: markdown emphasis and quote marks, tables of what each counted thing
makes, headings written as questions, a correction that takes back a rate and puts it in the next
sentence, out-of-scope rates, match days. Every row is written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def test_markdown_labels_and_emphasis_do_not_hide_the_figures():
    text = ("**Customers:** 30 practices with 10-20 vets each, call it 450 vets total.\n"
            "**Usage target:** each vet does around 20 lookups a day.")
    reading = understand(text)
    assert reading.updates.get("queries_per_day") == pytest.approx(9_000)
    assert "use_case" not in reading.updates  # "Customers:" labels what follows


def test_a_table_of_what_each_call_makes_multiplies_out():
    text = "| item | value |\n|---|---|\n| chats per day | ~12,000 |\n| model calls per chat | about 4 |"
    assert understand(text).updates.get("queries_per_day") == pytest.approx(48_000)


def test_a_heading_written_as_a_question_heads_a_statement():
    reading = understand("Why I'm worried: in the beta, a user at one clinic got an answer quoting another clinic's price list. That cannot happen again.")
    assert reading.updates.get("multi_tenant") is True
    assert "knowledge_changes" not in reading.updates and reading.question is None


def test_a_rate_taken_back_and_put_in_the_next_sentence():
    text = ("The FAQ and price sheets change daily - wait, that's wrong, the status banner changes daily but the bot "
            "won't touch the banner. The FAQ and price sheets change monthly.")
    assert understand(text).updates.get("knowledge_changes") == "monthly"


def test_each_customer_uploading_their_own_files_is_tenancy():
    assert understand("every agency uploads its own carrier policy wordings and commission schedules").updates.get("multi_tenant") is True


@pytest.mark.parametrize("text, per_day", [
    ("Volume: about 300k alerts on matchdays, ~90k normally.", 90_000),
    ("- Usage: 200 agents across 3 shifts, each ~12 queries a shift, so call it 2,400 queries a day", 2_400),
])
def test_volumes_in_pasted_notes(text, per_day):
    updates = understand(text).updates
    assert updates.get("queries_per_day") == pytest.approx(per_day) and "knowledge_changes" not in updates


@pytest.mark.parametrize("text", [
    "In the pilot, gpt-4o left out the adverse event reporting statement in roughly 1 in 5 letters.",
    "it invents new sections",
])
def test_parts_left_out_or_made_up_are_a_format_gap(text):
    reading = understand(text)
    assert reading.updates.get("output_format_gap") is True and "use_case" not in reading.updates


def test_an_inventory_api_is_no_invented_format():
    assert "output_format_gap" not in understand("destination content comes from our own structured inventory API.").updates


def test_rules_that_change_once_a_year_are_no_horizon():
    updates = understand("The tax rules it needs only change once a year, at the budget.").updates
    assert updates.get("knowledge_changes") == "rarely" and "horizon_months" not in updates


def test_notes_after_each_client_meeting_are_no_tenancy():
    assert "multi_tenant" not in understand("Preparers dictate notes after each client meeting and the model formats them.").updates


def test_what_could_be_spent_is_no_bill():
    assert "monthly_spend_usd" not in understand("we can spend £4k a month, tops").updates


def test_a_bill_that_cannot_go_on_in_its_own_sentence_is_too_costly():
    reading = understand("we can't keep paying $30k a month")
    assert reading.updates.get("monthly_spend_usd") == 30_000 and reading.updates.get("top_model_too_costly") is True
