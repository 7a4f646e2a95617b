"""Retrieval quality: recall@1/3/5 and MRR of the knowledge base on a set of figure questions.

A question counts as answered at rank r when the r-th returned passage contains its answer string
(whitespace collapsed, case-insensitive). Run it with `crossroads search-eval` (on the configured
knowledge base) or `python -m evals.retrieval` (on a fresh index); both exit 1 when recall@5 falls
below the CI floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

QUESTIONS_PATH = Path(__file__).resolve().parent / "retrieval_questions.yaml"
# The targets; CI fails below RECALL5_FLOOR.
RECALL3_TARGET = 0.95
RECALL5_TARGET = 0.98
RECALL5_FLOOR = 0.95


class RetrievalQuestion(BaseModel):
    """One question with the figure that must appear in a returned passage."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str = Field(min_length=3)
    answer: str = Field(min_length=1)
    source: str


class QuestionSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[RetrievalQuestion] = Field(min_length=1)


@dataclass(frozen=True)
class QuestionOutcome:
    """Where the answer was found for one question: its 1-based rank, or None if not in the top k."""

    question: str
    answer: str
    rank: int | None


@dataclass(frozen=True)
class RetrievalReport:
    """Recall@1/3/5 and mean reciprocal rank (over the top k) for a question set."""

    questions: int
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    mrr: float
    outcomes: tuple[QuestionOutcome, ...]

    def misses(self, at: int = 5) -> list[QuestionOutcome]:
        return [o for o in self.outcomes if o.rank is None or o.rank > at]

    def to_json(self) -> dict:
        return asdict(self)


def passes(report: RetrievalReport) -> bool:
    """True unless recall@5 is below the floor CI enforces."""
    return report.recall_at_5 >= RECALL5_FLOOR


def format_report(report: RetrievalReport) -> str:
    """The metrics against their targets, then every question not answered in the top 3."""
    lines = [
        f"questions  {report.questions}",
        f"recall@1   {report.recall_at_1:.3f}",
        f"recall@3   {report.recall_at_3:.3f}   (target {RECALL3_TARGET})",
        f"recall@5   {report.recall_at_5:.3f}   (target {RECALL5_TARGET}, CI floor {RECALL5_FLOOR})",
        f"MRR        {report.mrr:.3f}",
    ]
    lines += [f"  rank {miss.rank or '>5'}: {miss.question}  [{miss.answer}]" for miss in report.misses(at=3)]
    return "\n".join(lines)


def load_questions(path: Path = QUESTIONS_PATH) -> list[RetrievalQuestion]:
    """The question set at `path`; ValueError naming the entry and field if it is malformed."""
    import yaml

    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return QuestionSet.model_validate(data).questions
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ValueError(f"{path}: `{where}`: {problem['msg']}") from None


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def answer_rank(passages: list[str], answer: str) -> int | None:
    """1-based rank of the first passage containing `answer`, or None."""
    needle = _normalise(answer)
    for rank, passage in enumerate(passages, start=1):
        if needle in _normalise(passage):
            return rank
    return None


def evaluate(kb, questions: list[RetrievalQuestion], k: int = 5) -> RetrievalReport:
    """Run every question through `kb.search` and score where its answer shows up."""
    outcomes = tuple(
        QuestionOutcome(q.question, q.answer, answer_rank([r.text for r in kb.search(q.question, k=k)], q.answer))
        for q in questions
    )
    n = len(outcomes)

    def recall(at: int) -> float:
        return sum(1 for o in outcomes if o.rank is not None and o.rank <= at) / n

    mrr = sum(1 / o.rank for o in outcomes if o.rank is not None) / n
    return RetrievalReport(n, recall(1), recall(3), recall(5), mrr, outcomes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.retrieval", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS_PATH)
    parser.add_argument("--data-dir", type=Path, help="index location (default: a fresh temporary directory)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)

    import tempfile

    from knowledge.store import KnowledgeBase

    questions = load_questions(args.questions)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.open(args.data_dir or Path(tmp), progress=lambda m: print(m, file=sys.stderr))
        kb.ensure_indexed()
        report = evaluate(kb, questions)
    print(json.dumps(report.to_json(), indent=2) if args.json else format_report(report))
    return 0 if passes(report) else 1


if __name__ == "__main__":
    sys.exit(main())
