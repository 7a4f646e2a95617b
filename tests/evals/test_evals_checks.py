"""Every eval check can fail, and says which check failed and why.

One real offline conversation is replayed once; each test then scores it against a wrong
expectation (or a tampered copy of a reply) and asserts the failure names its check.
"""

from __future__ import annotations

import dataclasses

import pytest

from evals.checks import ALL_CHECKS, MAX_REPLY_CHARS, Transcript, run_checks
from evals.run import replay
from evals.scenarios import Expect, Scenario

SUPPORT = Scenario(
    id="support",
    description="support bot over weekly-changing articles",
    turns=[
        "We're building a support assistant over our help-centre articles.",
        "About 100k questions a day, and the articles change every week.",
        "Answers must link the article they came from.",
        "What do you recommend?",
    ],
)
RIGHT = {
    "recommendation": "rag",
    "profile": {"queries_per_day": 100_000, "knowledge_changes": "weekly", "needs_citations": True},
    "asks_about": ["queries_per_day"],
    "max_turns": 4,
    "cites_any": ["aiinfox-2026"],
    "mentions": ["break-even"],
    "forbids": ["fine-tuning is the right call"],
    "costs": {"rag.monthly_usd": (3000, 60000)},
}


@pytest.fixture(scope="module")
def transcript(bundled_kb) -> Transcript:
    from agent.assemble import advisor_over
    from agent.cli.evals import eval_task

    task = eval_task(advisor_over(bundled_kb))
    return replay(task, SUPPORT, "eval:support")


def failures_for(transcript: Transcript, **expect) -> list[str]:
    return [str(f) for f in run_checks(Expect(**expect), transcript)[1]]


def test_the_right_expectations_pass_every_check(transcript):
    outcomes, failures = run_checks(Expect(**RIGHT), transcript)
    assert failures == []
    assert set(outcomes) == set(ALL_CHECKS)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"recommendation": "fine_tune"}, "recommendation: expected fine_tune after the last turn, got rag"),
        ({"recommendation": "none"}, "recommendation: expected no recommendation, but the advisor recommended rag"),
        ({"profile": {"queries_per_day": 200_000}}, "profile: queries_per_day should be 200000, got 100000.0"),
        ({"profile": {"knowledge_changes": "daily"}}, "profile: knowledge_changes should be 'daily', got 'weekly'"),
        ({"profile": {"multi_tenant": True}}, "profile: multi_tenant should be True, got unset"),
        ({"profile": {"needs_citations": None}}, "profile: needs_citations should be unset, got True"),
        (
            {"asks_about": ["persona_consistency"]},
            "asks_about: never asked about persona_consistency before recommending (asked: queries_per_day",
        ),
        ({"max_turns": 3}, "max_turns: first recommendation came at turn 4, expected within 3 (turn 4)"),
        ({"mentions": ["quantum annealing"]}, "mentions: no reply mentions 'quantum annealing'"),
        ({"forbids": ["retrieval-augmented"]}, "forbids: a reply says the forbidden 'retrieval-augmented' (turn 4)"),
        ({"costs": {"rag.monthly_usd": (1, 2)}}, "costs: rag.monthly_usd never within [1.00, 2.00] (seen: "),
        (
            {"costs": {"distill.total_usd": (0, 1e9)}},
            "costs: distill.total_usd never within [0.00, 1,000,000,000.00] (seen: no cost report had it)",
        ),
    ],
)
def test_a_wrong_expectation_fails_naming_its_check(transcript, wrong, message):
    (failure,) = failures_for(transcript, **{**RIGHT, **wrong})
    assert failure.startswith(message)


def test_profile_numbers_match_within_one_percent(transcript):
    assert failures_for(transcript, profile={"queries_per_day": 100_900}) == []
    assert failures_for(transcript, profile={"queries_per_day": 101_500}) == [
        "profile: queries_per_day should be 101500, got 100000.0"
    ]


def test_cites_any_fails_when_no_listed_source_is_cited(transcript):
    from knowledge.articles import load_bundled_articles

    cited = {c["source_id"] for _, reply in transcript.replies() for c in reply["citations"]}
    uncited = sorted({a.id for a in load_bundled_articles()} - cited)
    assert uncited, "the conversation cites every source; pick a conversation that does not"
    (failure,) = failures_for(transcript, cites_any=uncited[:1])
    assert failure.startswith(f"cites_any: no citation to any of {uncited[0]} (cited: ")


def tampered(transcript: Transcript, n: int, **changes) -> Transcript:
    """The transcript with turn `n`'s reply fields (or the turn's own fields) replaced."""
    turns = list(transcript.turns)
    turn = turns[n - 1]
    reply_changes = {k: v for k, v in changes.items() if k != "error"}
    reply = {**turn.reply, **reply_changes} if turn.reply and reply_changes else turn.reply
    turns[n - 1] = dataclasses.replace(turn, reply=None if "error" in changes else reply, error=changes.get("error"))
    return dataclasses.replace(transcript, turns=tuple(turns))


def test_an_invented_figure_fails_grounding(transcript):
    final = transcript.turns[-1].reply
    bad = tampered(transcript, 4, text=final["text"] + "\n\nRAG will also save you $123,457 a year.")
    assert failures_for(bad) == [
        "grounded: figures with no source in the reply's data or citations: '$123,457' (turn 4)"
    ]


def test_a_figure_the_user_typed_may_be_repeated(transcript):
    reply = transcript.turns[1].reply
    echoed = tampered(transcript, 2, text=reply["text"] + " You said 100k questions a day.")
    assert failures_for(echoed) == []


def test_a_quote_not_in_its_source_fails(transcript):
    final = transcript.turns[-1].reply
    forged = [{**final["citations"][0], "quote": "Fine-tuning is always cheaper than RAG."}, *final["citations"][1:]]
    (failure,) = failures_for(tampered(transcript, 4, citations=forged))
    assert failure.startswith("quotes_verbatim: citation [1] quote not found in ")
    assert failure.endswith("'Fine-tuning is always cheaper than RAG.' (turn 4)")


def test_a_citation_to_an_unknown_source_fails(transcript):
    final = transcript.turns[-1].reply
    forged = [{**final["citations"][0], "source_id": "blog-2099"}, *final["citations"][1:]]
    assert failures_for(tampered(transcript, 4, citations=forged)) == [
        "quotes_verbatim: citation [1] names an unknown source 'blog-2099' (turn 4)"
    ]


def test_a_turn_that_raised_fails_no_error(transcript):
    assert failures_for(tampered(transcript, 2, error="RuntimeError: boom")) == [
        "no_error: the turn raised RuntimeError: boom (turn 2)"
    ]


def test_an_empty_reply_or_a_fallback_notice_fails_no_error(transcript):
    assert failures_for(tampered(transcript, 1, text="  ")) == ["no_error: the reply was empty (turn 1)"]
    assert failures_for(tampered(transcript, 1, notices=["The language model is unavailable right now."])) == [
        "no_error: the reply carried a notice: The language model is unavailable right now. (turn 1)"
    ]


def test_an_overlong_reply_fails(transcript):
    long_text = "RAG. " * (MAX_REPLY_CHARS // 5 + 1)
    assert failures_for(tampered(transcript, 1, text=long_text)) == [
        f"reply_length: the reply is {len(long_text):,} characters (limit {MAX_REPLY_CHARS:,}) (turn 1)"
    ]


def test_a_conversation_that_never_recommends_fails_max_turns(transcript):
    early = dataclasses.replace(transcript, turns=transcript.turns[:2])
    assert failures_for(early, max_turns=2) == ["max_turns: no recommendation within 2 user turns (none at all)"]


def test_a_wordy_recommendation_or_one_with_too_many_sources_fails(transcript):
    from evals.checks import MAX_RECOMMENDATION_WORDS, MAX_SOURCES

    n = transcript.first_recommendation_turn()
    reply = dict(transcript.turns[n - 1].reply)
    wordy = reply["text"] + " more" * MAX_RECOMMENDATION_WORDS
    words = len(wordy.split())
    assert failures_for(tampered(transcript, n, text=wordy)) == [
        f"recommendation_length: the recommendation is {words} words (limit {MAX_RECOMMENDATION_WORDS}) (turn {n})"
    ]
    many = [{**reply["citations"][0], "n": k} for k in range(1, MAX_SOURCES + 2)]
    assert f"recommendation_length: the recommendation cites {MAX_SOURCES + 1} sources (limit {MAX_SOURCES}) (turn {n})" in failures_for(
        tampered(transcript, n, citations=many)
    )


def test_two_names_of_one_priced_model_are_the_same_model():
    from evals.checks import _same_model

    assert _same_model("claude-sonnet-4-5", "claude sonnet 4.5")
    assert _same_model("gpt-4o-mini", "GPT 4o mini")
    # a different model, or a name that could mean several, is no match
    assert not _same_model("gpt-4o", "gpt-4o-mini")
    assert not _same_model("claude-sonnet-4-5", "claude sonnet")
