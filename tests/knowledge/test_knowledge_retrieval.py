"""Retrieval quality on the figure question set: CI fails below recall@5 0.95."""

from __future__ import annotations

import pytest

from evals.retrieval import (
    QUESTIONS_PATH,
    RECALL5_FLOOR,
    answer_rank,
    evaluate,
    load_questions,
    main,
)
from knowledge.articles import bundled_article


def test_the_question_set_is_big_enough_and_every_answer_is_in_its_source():
    questions = load_questions()
    assert len(questions) >= 40
    assert len({q.question for q in questions}) == len(questions)
    for q in questions:
        assert answer_rank([bundled_article(q.source).text], q.answer) == 1, q.question


def test_recall_at_5_meets_the_ci_floor(bundled_kb):
    report = evaluate(bundled_kb, load_questions())
    misses = [(o.question, o.answer) for o in report.misses(at=5)]
    assert report.recall_at_5 >= RECALL5_FLOOR, misses
    assert report.recall_at_1 <= report.recall_at_3 <= report.recall_at_5
    assert 0 < report.mrr <= 1


def test_answer_rank_collapses_whitespace_and_case():
    assert answer_rank(["nothing", "costs   $10–50\nper RUN"], "$10–50 per run") == 2
    assert answer_rank(["$10-50"], "$10–50") is None


def test_a_malformed_question_file_names_the_entry(tmp_path):
    bad = tmp_path / "q.yaml"
    bad.write_text("questions:\n  - question: How much?\n    source: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"questions\.0\.answer"):
        load_questions(bad)


def test_the_runner_prints_the_metrics(capsys, tmp_path):
    few = tmp_path / "few.yaml"
    few.write_text(
        "questions:\n"
        "  - question: How much does a 7B LoRA fine-tune on 100K examples cost?\n"
        "    answer: $10–50\n"
        "    source: ferreira-2026\n",
        encoding="utf-8",
    )
    assert main(["--questions", str(few), "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    for label in ("recall@1   1.000", "recall@3", "recall@5   1.000", "MRR        1.000"):
        assert label in out
    assert QUESTIONS_PATH.exists()
