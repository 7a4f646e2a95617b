"""Asks and facts as sceptical users and non-technical managers put them: an ask that pushes back,
a figure put right with its excuse, hyphenated and grouped headcounts, a colleague's suggestion,
a demand said through what will not be signed off, a voice said as the problem, figures in words
("fifteen hundred", "between three and five thousand"), "of those", two kinds of request, what the
model writes, nothing else to look up, examples marked up, a check run against a count, a bill more
than it should be, and tenants who must not see one another. Every row is a phrasing written for this
file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, profile=None, asked=None, earlier=""):
    return understand(text, profile=profile or {"use_case": {"value": "x"}, "queries_per_day": {"value": 500}}, asked=asked, earlier=earlier)


@pytest.mark.parametrize("text", [
    "Why not just distil it? Our CTO read about it. Convince me.",
    "Honestly, where do we put our budget?",
    "ok. so what are we doing then",
    "My board says RAG. Is that where you'd start?",
    "Right. With all that, where do we begin?",
])
def test_an_ask_that_pushes_back_is_an_ask_for_the_call(text):
    assert _read(text).wants_recommendation


def test_an_ask_answers_no_question_put_just_before():
    read = _read("Fine. Given everything, where do we begin?", asked="has_eval_set")
    assert "has_eval_set" not in read.updates


def test_a_figure_put_right_with_its_excuse_states_nothing_else():
    read = _read("About 600 requests a week. No, I'm wrong, I was looking at the wrong report - 600 a day.")
    assert read.updates == {"queries_per_day": 600}


def test_a_dash_between_words_is_no_minus():
    assert _read("we looked at the stats - 400 a day").updates.get("queries_per_day") == 400


@pytest.mark.parametrize(("text", "per_day"), [
    ("We're a 45-nurse ward. Each nurse would check it maybe 6 times a day.", 270),
    ("Roughly 120 caseworkers. Each caseworker runs maybe 8 of those lookups a day.", 960),
    ("Our 80 support staff answer tickets all day long, each one of them handling about twenty tickets each per day.", 1_600),
    ("Customers send about fifteen hundred emails and chat messages a day.", 1_500),
    ("We get 2-3k of those a day.", 2_500),
    ("somewhere between three and five thousand tenant questions a day", 4_000),
    ("We post maybe 40 posts a day across all our shops.", 40),
    ("probably ten letters a week", 10 / 7),
    ("About 900 new descriptions a day now.", 900),
])
def test_volumes_as_managers_give_them(text, per_day):
    assert _read(text, profile={"use_case": {"value": "x"}}).updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_colleagues_suggestion_is_no_model_choice():
    read = _read("My colleague says we should just use gpt-4o-mini. We tried it and it drops to 81%.", profile={"use_case": {"value": "x"}, "model": {"value": "gpt-4o"}})
    assert read.updates.get("model") != "gpt-4o-mini"


@pytest.mark.parametrize("text", [
    "Our auditors will not accept anything that doesn't name the rule it came from.",
    "The partners won't use a draft without the source paragraph.",
])
def test_a_demand_said_through_what_will_not_be_accepted(text):
    assert _read(text).updates.get("needs_citations") is True


@pytest.mark.parametrize("text", [
    "The hard part is the tone: the mascot should sound like a cheeky parrot, and with prompting it sounds like a bank.",
    "The problem is voice, honestly.",
])
def test_a_voice_said_as_the_problem_is_a_persona(text):
    assert _read(text).updates.get("persona_consistency") is True


@pytest.mark.parametrize("text", [
    "It won't need to look anything else up.",
    "It doesn't need any external information, only the form.",
])
def test_nothing_else_to_look_up_is_no_corpus(text):
    assert _read(text).updates.get("has_documents") is False


@pytest.mark.parametrize(("text", "has_set"), [
    ("We don't have examples marked up or anything.", False),
    ("we tested it against 2,000 invoices our clerks keyed in and it matched 98%", True),
])
def test_examples_marked_or_a_check_run_against_a_count(text, has_set):
    assert _read(text).updates.get("has_eval_set") is has_set


def test_a_bill_more_than_it_should_be_is_too_costly():
    assert _read("We pay about $90k a year for it, which is way more than it should cost.").updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", [
    "staff at one school can never see another school's records",
    "tenants in one building mustn't see another landlord's notices",
])
def test_tenants_who_must_not_see_one_another(text):
    assert _read(text).updates.get("multi_tenant") is True


def test_a_rate_by_the_hour_is_daily():
    assert _read("the departures board changes by the hour").updates.get("knowledge_changes") == "daily"


def test_a_normal_day_counted_in_requests_is_the_volume_whatever_the_peak_after_it():
    read = _read("On a normal day it's about 3,000 messages; on a storm day it can be 15,000.", asked="queries_per_day", profile={"use_case": {"value": "x"}})
    assert read.updates.get("queries_per_day") == 3_000


def test_a_corrected_count_of_chats_keeps_what_each_chat_makes():
    read = _read("sorry, I meant 9k chats a day, not 12k", profile={"use_case": {"value": "x"}, "queries_per_day": {"value": 36_000}})
    assert read.updates.get("queries_per_day") == pytest.approx(27_000)


def test_a_structure_all_over_the_place_is_a_format_gap():
    assert _read("we tried a template prompt and the layout was all over the place").updates.get("output_format_gap") is True


def test_the_input_the_facts_come_from_is_no_citation_demand():
    read = _read("All the numbers come from the order form passed in the request, nothing to look up. We don't need sources.")
    assert read.updates.get("needs_citations") is False


def test_what_is_added_every_day_is_new_content_not_traffic():
    read = _read("The library holds ~500k reports and we add a few dozen every day.", profile={"use_case": {"value": "x"}})
    assert read.updates.get("knowledge_changes") == "daily" and "queries_per_day" not in read.updates


def test_a_corrected_figure_with_its_reason_after_a_dash():
    read = _read("Volume about 40k/day, wait no, more like 25k — I was counting the load tests too.", profile={"use_case": {"value": "x"}})
    assert read.updates.get("queries_per_day") == 25_000


@pytest.mark.parametrize("text", [
    "We tried it once in ChatGPT and it looked okay-ish.",
    "we pasted a few into Claude and the results were fine",
])
def test_an_output_judged_ok_grants_no_permission(text):
    for asked in (None, "data_residency"):
        assert _read(text, asked=asked).updates.get("data_residency") is not False


def test_a_gold_set_is_an_eval_set():
    assert _read("It agrees with our reviewers on a 1,200-case gold set, so quality is fine.").updates.get("has_eval_set") is True


def test_a_plan_to_fine_tune_on_something_is_no_eval_set():
    assert "has_eval_set" not in _read("My cofounder wants to fine-tune on old support chats.").updates


@pytest.mark.parametrize("text", ["distil like the consultant said?", "ok so what do we build", "cheaper model?? thoughts"])
def test_terse_asks_for_the_call(text):
    assert _read(text, asked="needs_citations").wants_recommendation


def test_how_to_build_a_part_is_no_ask():
    assert not _read("what do we build the index with?").wants_recommendation


def test_a_figure_rejected_is_still_stated_so_no_yes_is_read_from_it():
    read = _read("we do like -30 questions a day lol", asked="needs_citations")
    assert "needs_citations" not in read.updates and "queries_per_day" in read.rejected


@pytest.mark.parametrize(("text", "tenant"), [
    ("we support 15 housing associations, each one has its own tenancy rules and rent terms", True),
    ("the team has its own rules for naming branches", None),
])
def test_knowledge_each_organisation_keeps_is_per_tenant(text, tenant):
    assert _read(text).updates.get("multi_tenant") is tenant
