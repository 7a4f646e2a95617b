"""`crossroads eval` (replay the scripted conversations, score them, compare two runs) and
`crossroads search-eval` (retrieval recall and MRR).

The only agent module that imports `evals`: it opens the advisor and hands the runner what it needs
of it (send a message, read a thread's state), as a task. Handlers import the runner only when
called, so `crossroads --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="replay scripted conversations through the advisor and score the advice",
        description=(
            "Replay every scenario in evals/conversations/ (or --scenarios DIR) through the advisor, "
            "check each reply and the scenario's expectations, and print the pass rate. Exits 1 below "
            "--threshold. With --compare A.json B.json, compare two saved runs instead."
        ),
    )
    parser.add_argument("--scenarios", type=Path, help="directory of scenario YAML files (default: the bundled suite)")
    parser.add_argument(
        "--model", help="engine to evaluate: offline, anthropic:<model> or openai:<model> (default: CROSSROADS_MODEL)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="replay each scenario N times and report flaky ones"
    )
    parser.add_argument("--only", metavar="ID", help="run only the scenario with this id")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--out", type=Path, metavar="DIR", help="also write a Markdown report and the JSON into DIR")
    parser.add_argument("--threshold", type=float, default=1.0, help="lowest passing pass rate (default 1.0)")
    parser.add_argument("--workers", type=int, default=4, help="conversations replayed at once (default 4)")
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("A.json", "B.json"), help="compare two saved --json runs"
    )
    parser.set_defaults(handler=run_eval)

    search_eval = subparsers.add_parser(
        "search-eval",
        help="measure retrieval: recall@1/3/5 and MRR on the figure question set",
        description="Exit status 1 if recall@5 is below the CI floor (0.95).",
    )
    search_eval.add_argument("--questions", type=Path, help="a question set YAML (default: the bundled set)")
    search_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    search_eval.set_defaults(handler=run_search_eval)


def run_eval(args: argparse.Namespace, settings) -> int:
    if args.compare:
        return _compare(args)
    if not 0.0 <= args.threshold <= 1.0:
        raise ValueError(f"--threshold must be between 0 and 1, got {args.threshold}")
    from agent.assemble import open_eval_advisor
    from evals.report import write_reports
    from evals.run import run_suite
    from evals.scenarios import SCENARIOS_DIR, load_scenarios

    scenarios = load_scenarios(args.scenarios or SCENARIOS_DIR, only=args.only)
    chat = open_eval_advisor(settings, args.model)
    try:
        result = run_suite(eval_task(chat), scenarios, repeat=args.repeat, workers=args.workers)
    finally:
        chat.close()
    if args.json:
        print(json.dumps(result.to_json(args.threshold), indent=2))
    else:
        _print_result(result, args.threshold)
    if args.out:
        md_path, json_path = write_reports(result, args.threshold, args.out)
        print(f"report: {md_path} and {json_path}", file=sys.stderr if args.json else sys.stdout)
    return 0 if result.pass_rate >= args.threshold else 1


def eval_task(chat):
    """What the runner needs of the advisor: one turn's reply fields, and a thread's stored state."""
    from evals.run import AdvisorTask

    def send(thread: str, text: str) -> dict:
        reply = chat.send(thread, text)
        return {**reply.to_json(), "text": reply.text, "citations": list(reply.citations), "what_if": reply.what_if,
                "view": reply.view}

    return AdvisorTask(send=send, state=chat.snapshot, engine=chat.engine)


def _print_result(result, threshold: float) -> None:
    for r in result.results:
        status = "PASS" if r.passed else "FAIL"
        flaky = " (flaky)" if r.flaky else ""
        checks = r.runs[0].checks
        passed = sum(all(run.checks.get(name, True) for run in r.runs) for name in checks)
        print(
            f"{status} {r.scenario.id}: {r.recommendation or 'no recommendation'}, checks {passed}/{len(checks)}{flaky}"
        )
        for failure in r.failures():
            print(f"     - {failure}")
    print()
    print("check                  passed  failed")
    for name, counts in result.check_totals().items():
        print(f"{name:<22} {counts['passed']:>6}  {counts['failed']:>6}")
    print()
    from evals.report import length_lines

    print(length_lines(result)[0])
    print()
    runs = sum(len(r.runs) for r in result.results)
    print(
        f"pass rate {result.pass_rate:.3f} over {runs} replays of {len(result.results)} scenarios "
        f"(threshold {threshold:.3f}) in {result.seconds:.1f} s on {result.engine}"
    )
    if result.repeat > 1:
        print(f"flaky: {', '.join(result.flaky) if result.flaky else 'none'}")


def _compare(args: argparse.Namespace) -> int:
    from evals.compare import compare_runs, load_run

    path_a, path_b = args.compare
    comparison = compare_runs(load_run(path_a), load_run(path_b), str(path_a), str(path_b))
    print(json.dumps(comparison.to_json(), indent=2) if args.json else comparison.to_text())
    return 0


def run_search_eval(args: argparse.Namespace, settings) -> int:
    from agent.assemble import open_knowledge_base
    from evals.retrieval import (
        QUESTIONS_PATH,
        evaluate,
        format_report,
        load_questions,
        passes,
    )

    questions = load_questions(args.questions or QUESTIONS_PATH)
    report = evaluate(open_knowledge_base(settings, progress=_progress), questions)
    print(json.dumps(report.to_json(), indent=2) if args.json else format_report(report))
    return 0 if passes(report) else 1


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
