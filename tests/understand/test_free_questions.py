"""Questions as people type them in chat: with or without a question mark, opened with "hm" or
"so", about the call ("why not just fine tune"), its numbers ("how did you get that number"), its
sources ("which source says that") or anything the sources discuss ("whats the catch"). A question is
never read as a fact about the user."""

from __future__ import annotations

import pytest

from agent.understand.rules import understand

PROFILE = {"use_case": {"value": "support bot"}, "queries_per_day": {"value": 5000}, "top_model_too_costly": {"value": False}}


@pytest.mark.parametrize(("text", "view", "option"), [
    ("hm why not just fine tune", "why", "fine_tune"),
    ("huh, why not prompting then", "why", "prompt_first"),
    ("so fine tuning is out?", "why", "fine_tune"),
    ("rag's off the table then?", "why", "rag"),
    ("how sure are you", "why", None),
    ("how did you get that number", "costs", None),
    ("where do those figures come from?", "costs", None),
    ("which source says that", "sources", None),
    ("where's that from", "sources", None),
    ("source?", "sources", None),
])
def test_views_asked_in_chat_words(text, view, option):
    reading = understand(text, profile=PROFILE)
    assert (reading.view, reading.view_option) == (view, option)
    assert not reading.updates


@pytest.mark.parametrize("text", [
    "is a vector db expensive",
    "does fine tuning need a GPU",
    "would it help to cache the system prompt",
    "will a lora fix the tone",
    "whats the catch",
    "what's the downside of a hybrid",
    "any drawbacks?",
])
def test_questions_without_a_question_mark_go_to_the_sources_and_change_nothing(text):
    reading = understand(text, profile=PROFILE, asked="has_eval_set")
    assert reading.question == text
    assert not reading.updates


@pytest.mark.parametrize("text", ["we should self host", "is fine, go on", "does not matter"])
def test_statements_that_open_like_questions_stay_statements(text):
    assert understand(text, profile=PROFILE).question is None


@pytest.mark.parametrize(("text", "changes"), [("what if it was daily", "daily"), ("what if it were monthly", "monthly")])
def test_a_bare_period_in_a_what_if_is_how_often_the_knowledge_changes(text, changes):
    assert understand(text, profile=PROFILE).what_if == {"knowledge_changes": changes}


@pytest.mark.parametrize("text", [
    "tldr what do we do",
    "tl;dr what should we go with",
    "honestly what would you do here",
    "rag? or something else",
    "distilling?? or not",
    "do u think we should switch to something smaller?",
    "should we move to a cheaper model",
    "could we just drop down to a lighter one?",
])
def test_asks_for_the_call_in_chat_shorthand_are_asks_even_right_after_a_question(text):
    # Asked right after the eval-set question, none is a yes to it: "tldr what do we do" was bound as one.
    reading = understand(text, asked="has_eval_set")
    assert reading.wants_recommendation and "has_eval_set" not in reading.updates


@pytest.mark.parametrize("text", ["we might switch to something smaller later", "rag?", "RAG? We tried it last year"])
def test_a_smaller_model_mentioned_or_an_option_named_alone_is_no_ask_for_the_call(text):
    assert not understand(text).wants_recommendation


@pytest.mark.parametrize("text", ["so rag then? or something else", "rag? ft? idk what people use", "whats the best approach",
                                  "so what's the smartest move here", "which approach"])
def test_more_asks_for_the_call_as_people_type_them(text):
    assert understand(text, asked="needs_citations").wants_recommendation


@pytest.mark.parametrize("text", ["pls advise on approach", "so what's the recomended route here?", "what do you reccommend"])
def test_asks_with_a_slip_or_in_office_english(text):
    assert understand(text).wants_recommendation


@pytest.mark.parametrize("text", ["ok so final answer?", "which way to go", "answer pls: what now", "what next step",
                                  "ok final: what we should do", "so fine tune yes or no", "decision time",
                                  "is distilling a thing here or am I overthinking it"])
def test_short_asks_with_a_call_word_are_asks_and_carry_no_use_case(text):
    reading = understand(text, asked="has_eval_set")
    assert reading.wants_recommendation and "has_eval_set" not in reading.updates
    assert reading.updates.get("use_case") in (None, "final")


@pytest.mark.parametrize("text", ["we suggest things to users", "final exams are in may", "the final format is json"])
def test_a_short_statement_holding_a_call_word_is_no_ask(text):
    assert not understand(text).wants_recommendation


def test_what_was_assumed_asked_in_learner_english_is_the_assumptions_view():
    assert understand("what you assumed so far?").view == "assumptions"
