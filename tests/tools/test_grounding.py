"""Figure grounding: which numbers a reader sees, and whether each one is traceable."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tools.grounding import allowed_numbers, check_grounding, extract_figures

FIGURES = [
    ("It costs $12,345 a month.", [12345]),
    ("About $1.2M over the horizon.", [1.2e6]),
    ("That is 12k requests.", [12_000]),
    ("Roughly 3.3M calls to break even.", [3.3e6]),
    ("Caching cuts it by 45%.", [45]),
    ("A ratio of 0.3 and .5 too.", [0.3, 0.5]),
    ("We counted 1,000,000 tokens.", [1_000_000]),
    ("Sonnet input is $3/M tokens.", [3]),
    ("RAG infra runs $10–50 a month.", [10, 50]),
    ("Data curation takes 2-4 weeks.", [2, 4]),
    ("Prompt caching cuts 60-90% of the cached input.", [60, 90]),
    ("1.5 million queries a week, 2 billion tokens.", [1.5e6, 2e9]),
    ("A $1.2B market, a 2.5bn-token corpus.", [1.2e9, 2.5e9]),
    ("It adds 100ms; 10x the volume; 2–3× higher.", [100, 10, 2, 3]),
    ("**$3,000**/month and *$250*.", [3000, 250]),
    ("RAG is cheaper [1]. Fine-tuning wins at scale [2, 3].", []),
    ("1. Ask a question\n2. Get an answer\n  3) Profit", []),
    ("Runs on an H100 or an L40S; p95 matters; gpt-4o and claude-sonnet-4-5 and gpt-4o-mini.", []),
    ("A 7B model, a 70B model, Qwen2.5 and top-3 retrieval.", []),
    ("Claude Sonnet 4.5 versus Llama 3 70B and Haiku 4.", []),
    ("See [the post](https://example.com/blog/2026/100) or https://example.com/x/42.", []),
    ("Costs $5,000 — see [1] — then 30-turn conversations.", [5000, 30]),
    ("Input is $3 per 1M tokens, or $0.5/1K calls.", [3, 0.5]),
    # a model id's version after a colon is part of its name; a ratio of two numbers is not a name
    ("Which Mistral: mistral.mixtral-8x7b-instruct-v0:1 or mistral-small-24b-instruct-2501?", []),
    ("A 3:1 mix of prompt to answer tokens.", [3, 1]),
]


@pytest.mark.parametrize("text, values", FIGURES, ids=[row[0][:40] for row in FIGURES])
def test_extract_figures(text, values):
    assert [f.value for f in extract_figures(text)] == pytest.approx(values)


def test_figure_keeps_its_text_span_and_unit():
    text = "Total: $1.2M, or 45% less."
    money, share = extract_figures(text)
    assert (money.text, money.unit, text[money.start : money.end]) == ("$1.2M", "$", "$1.2M")
    assert (share.text, share.unit, share.tolerance) == ("45%", "%", 0.5)


GROUNDED = [
    ("RAG costs $12,345 per month.", [12_345.4], ()),
    ("Over the horizon that is $1.2M.", [1_234_567], ()),
    ("You handle 12k queries a day.", [12_040], ()),
    ("Caching saves 45%.", [0.45], ()),
    ("Caching saves 45%.", [45.2], ()),
    ("Break-even needs 3.3M calls.", [3_333_333.3], ()),
    ("The fine-tune pays back in 33 months [2].", [], ("Break-even on the $5,000 is 3.3M calls, or about 100,000 calls/month to pay back in 33 months",)),
    ("Sources put RAG infrastructure at $500–5,000 a month [1].", [], ("with monthly costs typically ranging from $500 to $5,000 for mid-scale deployments",)),
    ("Savings of -$200 a month.", [-200.0], ()),
    ("No numbers here at all, just advice [1].", [], ()),
]


@pytest.mark.parametrize("text, allowed, passages", GROUNDED, ids=[row[0][:40] for row in GROUNDED])
def test_grounded(text, allowed, passages):
    report = check_grounding(text, allowed, passages)
    assert report.ok, report.describe()
    assert report.ungrounded == ()


UNGROUNDED = [
    # (text, allowed, passages, the figures that must be flagged)
    ("RAG costs $12,345 and fine-tuning $9,999 per month.", [12_345], (), ["$9,999"]),
    ("That is $1.3M over the horizon.", [1_234_567], (), ["$1.3M"]),
    ("You handle 13k queries a day.", [12_040], (), ["13k"]),
    ("Caching saves 46%.", [0.45], (), ["46%"]),
    ("About 100,000 queries a day.", [60_000], (), ["100,000"]),
    ("The sources say $10–70 [1].", [], ("$10–50 a month",), ["70"]),
    ("Fine-tuning costs $8,000 [1].", [8], ("an 8B model",), ["$8,000"]),
]


@pytest.mark.parametrize("text, allowed, passages, flagged", UNGROUNDED, ids=[row[0][:40] for row in UNGROUNDED])
def test_ungrounded(text, allowed, passages, flagged):
    report = check_grounding(text, allowed, passages)
    assert not report.ok
    assert [f.text for f in report.ungrounded] == flagged
    assert all(text_ in report.describe() for text_ in flagged)


def test_citation_markers_are_never_checked():
    assert check_grounding("RAG [1] and fine-tuning [2] [3, 4].", []).ok


def test_an_invented_number_in_a_real_reply_is_caught():
    costs = {"options": {"rag": {"monthly_usd": 4210.5, "total_usd": 50_526.0}}, "breakeven": {"fine_tune_vs_rag": {"payback_months": 14.2}}}
    reply = "RAG runs about $4,211 a month ($50,526 over 12 months); a fine-tune pays back in 14.2 months, saving 37%."
    report = check_grounding(reply, allowed_numbers(costs, {"horizon_months": 12}))
    assert [f.text for f in report.ungrounded] == ["37%"]


@dataclass(frozen=True)
class _Profile:
    queries_per_day: float | None
    has_eval_set: bool | None
    model: str | None


def test_allowed_numbers_walks_dicts_lists_dataclasses_and_strings():
    import numpy as np

    found = allowed_numbers(
        {"a": 1, "b": [2.5, {"c": -3}], "d": None, "e": True, "f": float("nan")},
        _Profile(120_000.0, True, "claude-sonnet-4-5"),
        ("pays back in 33 months",),
        np.array([7.0, 8.0]),
        np.float64(9.5),
    )
    assert found == {1.0, 2.5, 3.0, 120_000.0, 33.0, 7.0, 8.0, 9.5}
