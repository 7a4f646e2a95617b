"""Merging the LLM's reading into the rules': each row states the message, what the model read, and
everything the merged understanding holds, so it also proves nothing spurious was taken."""

from __future__ import annotations

import pytest

from agent.understand.contract import Understanding
from agent.understand.merge import figure_in, merge_understandings
from agent.understand.rules import understand


def merged(text, model_updates, *, asked=None, profile=None, sources=None, **intent):
    rules = understand(text, asked=asked, profile=profile)
    model = Understanding(updates=model_updates, **intent)
    return merge_understandings(rules, model, text, asked=asked, profile=profile, sources=sources)


def test_the_weak_models_readings_from_the_issue_never_win():
    text = "About 10k queries a day, no residency constraints, hosted is fine, answers must cite."
    result = merged(text, {
        "queries_per_day": 10.0, "data_residency": True, "needs_citations": False,
        "input_tokens": 12_483_067, "model": "it's not possible to tell the truth", "use_case": "x " * 200,
    })
    assert result.understanding.updates == {"queries_per_day": 10_000.0, "needs_citations": True, "data_residency": False}
    assert result.disagreed == {
        "queries_per_day": (10_000.0, 10.0), "data_residency": (False, True), "needs_citations": (True, False),
    }
    assert set(result.dropped) == {"input_tokens", "model", "use_case"}
    assert result.understanding.tentative == {}


@pytest.mark.parametrize(
    "text, model_updates, taken",
    [
        # A figure the rules missed but the user wrote (per week, converted by the model) is taken.
        ("we see roughly 70000 tickets weekly", {"queries_per_day": 10_000.0}, {"queries_per_day": 10_000.0}),
        # Digits the user never wrote are not.
        ("we see a lot of tickets", {"queries_per_day": 10_000.0}, {}),
        # "10k" is ten thousand, never ten.
        ("10k", {"queries_per_day": 10.0}, {}),
        # A flag whose subject the words never touch is not taken.
        ("we are a bank", {"multi_tenant": True}, {}),
        # A permission is never taken from the model alone.
        ("the auditors are relaxed", {"needs_citations": False}, {}),
        # A name the user gave is taken; an invented one is not.
        ("we run claude-haiku-4-5 today", {"model": "claude-haiku-4-5"}, {"model": "claude-haiku-4-5"}),
        ("we run something cheap", {"model": "gpt-4o"}, {}),
    ],
)
def test_a_model_value_needs_the_users_words(text, model_updates, taken):
    result = merged(text, model_updates)
    for slot, value in taken.items():
        assert result.understanding.updates[slot] == pytest.approx(value) if isinstance(value, float) else value
        if slot not in understand(text).updates:
            assert slot in result.understanding.tentative  # the model's alone: said back, to be corrected
    assert not set(model_updates) - set(taken) & set(result.understanding.updates)


def test_a_model_reading_never_silently_overwrites_what_the_user_said():
    profile = {"queries_per_day": 20_000.0}
    result = merged("the tickets are 12000 characters long", {"queries_per_day": 12_000.0},
                    profile=profile, sources={"queries_per_day": "user"})
    assert "queries_per_day" not in result.understanding.updates
    assert result.kept == {"queries_per_day": 20_000.0}


def test_a_correction_in_the_message_lets_a_supported_value_replace_the_old_one():
    profile = {"queries_per_day": 20_000.0}
    result = merged("actually the figure is 12000", {"queries_per_day": 12_000.0},
                    profile=profile, sources={"queries_per_day": "user"})
    assert result.understanding.updates.get("queries_per_day") == 12_000.0


def test_commands_what_ifs_corrections_and_recommend_now_from_the_rules_always_count():
    assert merged("start over", {"use_case": "a bot"}).understanding.command == "reset"
    assert merged("What do you recommend?", {}).understanding.wants_recommendation
    what_if = merged("what if volume grows 10x?", {}, profile={"queries_per_day": 5000.0}).understanding.what_if
    assert what_if and what_if.get("queries_per_day") == 50_000
    fix = merged("actually it's 50k a day", {"queries_per_day": 5.0}, profile={"queries_per_day": 20_000.0},
                 sources={"queries_per_day": "user"}).understanding
    assert fix.updates["queries_per_day"] == 50_000 and "queries_per_day" in fix.corrections


def test_the_models_recommend_now_needs_words_that_ask_for_one():
    assert not merged("we are a bank", {}, wants_recommendation=True).understanding.wants_recommendation
    assert merged("which approach should we go with", {}, wants_recommendation=True).understanding.wants_recommendation


def test_the_models_what_if_is_taken_only_for_a_hypothetical_with_the_users_figures():
    assert merged("and what about 2M a day", {}, what_if={"queries_per_day": 2_000_000.0}).understanding.what_if
    assert merged("we are a bank", {}, what_if={"queries_per_day": 2_000_000.0}).understanding.what_if is None


@pytest.mark.parametrize(
    "value, text, words",
    [(10_000, "about 10k a day", "10k"), (98_630, "3M a month", "3M"), (2000, "under 2 seconds", "2 seconds"),
     (24, "over 2 years", "2 years"), (10, "about 10k a day", None), (12_483_067, "long prompts", None)],
)
def test_figure_in_finds_the_users_figure_as_written_or_converted(value, text, words):
    assert figure_in(value, text) == words
