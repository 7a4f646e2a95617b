"""Replay scripted conversations through the advisor and score them.

The runner is handed a task, as pydantic_evals' `dataset.evaluate(task)` is: an `AdvisorTask` that
sends one message on a thread and reads a thread's state. It never builds the advisor itself (the
command line does, through `agent.assemble`). Each scenario runs in its own thread id (`eval:<id>`,
plus `:r<k>` when repeated), several at a time.
"""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from evals.checks import ALL_CHECKS, Failure, Transcript, Turn, recommendation_replies, run_checks
from evals.scenarios import Scenario

DEFAULT_WORKERS = 4


@dataclass(frozen=True)
class AdvisorTask:
    """What the runner needs of the advisor.

    `send(thread, text)` runs one turn and returns the reply's fields (the `ask --json` contract plus
    `text`, numbered `citations` and `what_if`); `state(thread)` returns the thread's stored state
    (profile, recommendation, costs, asked slots); `engine` names what answered.
    """

    send: Callable[[str, str], dict[str, Any]]
    state: Callable[[str], dict[str, Any]]
    engine: str = "offline"


@dataclass(frozen=True)
class ScenarioRun:
    """One replay of one scenario: what happened and how it scored."""

    scenario_id: str
    repeat: int
    thread_id: str
    transcript: Transcript
    checks: dict[str, bool]
    failures: tuple[Failure, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def recommendation(self) -> str | None:
        return (self.transcript.final.get("recommendation") or {}).get("label")


@dataclass(frozen=True)
class ScenarioResult:
    """All repeats of one scenario."""

    scenario: Scenario
    runs: tuple[ScenarioRun, ...]

    @property
    def passes(self) -> int:
        return sum(run.passed for run in self.runs)

    @property
    def passed(self) -> bool:
        return self.passes == len(self.runs)

    @property
    def pass_rate(self) -> float:
        return self.passes / len(self.runs)

    @property
    def flaky(self) -> bool:
        """True when the repeats disagree on passing or on the recommendation."""
        return len({(run.passed, run.recommendation) for run in self.runs}) > 1

    @property
    def recommendation(self) -> str | None:
        return self.runs[0].recommendation

    def failures(self) -> list[str]:
        """Each distinct failure once; one that only some repeats had names them."""
        repeats: dict[str, list[int]] = {}
        for run in self.runs:
            for failure in run.failures:
                repeats.setdefault(str(failure), []).append(run.repeat)
        return [
            text
            if len(which) == len(self.runs)
            else f"{text} [repeat {', '.join(map(str, which))} of {len(self.runs)}]"
            for text, which in repeats.items()
        ]


@dataclass(frozen=True)
class SuiteResult:
    """A whole eval run."""

    engine: str
    repeat: int
    results: tuple[ScenarioResult, ...]
    seconds: float

    @property
    def pass_rate(self) -> float:
        """Passed replays over all replays (scenarios x repeats)."""
        runs = [run for result in self.results for run in result.runs]
        return sum(run.passed for run in runs) / len(runs) if runs else 0.0

    @property
    def flaky(self) -> list[str]:
        return [r.scenario.id for r in self.results if r.flaky]

    def check_totals(self) -> dict[str, dict[str, int]]:
        """Check name -> how many replays it passed and failed (checks a scenario does not use are left out)."""
        totals = {name: {"passed": 0, "failed": 0} for name in ALL_CHECKS}
        for result in self.results:
            for run in result.runs:
                for name, ok in run.checks.items():
                    totals[name]["passed" if ok else "failed"] += 1
        return {name: counts for name, counts in totals.items() if counts["passed"] or counts["failed"]}

    def recommendation_lengths(self) -> dict[str, Any]:
        """How long the recommendation replies of every replay are: count, words (median, 90th
        percentile, max, and a histogram by 50 words) and the most numbered sources one cited."""
        rows = [row for r in self.results for run in r.runs for row in recommendation_replies(run.transcript)]
        if not rows:
            return {"replies": 0}
        words = sorted(w for _, w, _ in rows)
        histogram: dict[str, int] = {}
        for w in words:
            low = w // 50 * 50
            histogram[f"{low}-{low + 49}"] = histogram.get(f"{low}-{low + 49}", 0) + 1
        return {
            "replies": len(words),
            "median_words": statistics.median(words),
            "p90_words": words[min(len(words) - 1, int(0.9 * len(words)))],
            "max_words": words[-1],
            "min_words": words[0],
            "max_sources": max(s for _, _, s in rows),
            "histogram": histogram,
        }

    def to_json(self, threshold: float | None = None) -> dict[str, Any]:
        """The `crossroads eval --json` contract: pass_rate and scenarios [{id, passed, recommendation,
        failures}], plus run details."""
        return {
            "pass_rate": self.pass_rate,
            "engine": self.engine,
            "repeat": self.repeat,
            "threshold": threshold,
            "seconds": round(self.seconds, 2),
            "flaky": self.flaky,
            "checks": self.check_totals(),
            "recommendation_lengths": self.recommendation_lengths(),
            "scenarios": [
                {
                    "id": r.scenario.id,
                    "passed": r.passed,
                    "recommendation": r.recommendation,
                    "failures": r.failures(),
                    "pass_rate": r.pass_rate,
                    "flaky": r.flaky,
                    "recommendations": [run.recommendation for run in r.runs],
                    "turns": len(r.scenario.turns),
                    "seconds": round(sum(run.seconds for run in r.runs), 3),
                    # Which engine wrote each reply of each run (None: the turn raised).
                    "engines": [
                        [(turn.reply or {}).get("engine") if turn.reply else None for turn in run.transcript.turns]
                        for run in r.runs
                    ],
                }
                for r in self.results
            ],
        }


def thread_id(scenario_id: str, repeat: int, repeats: int) -> str:
    """`eval:<scenario>`; with several repeats each gets its own thread, `eval:<scenario>:r<k>`."""
    return f"eval:{scenario_id}" if repeats == 1 else f"eval:{scenario_id}:r{repeat}"


def replay(task: AdvisorTask, scenario: Scenario, thread: str) -> Transcript:
    """Send the scenario's turns in order on `thread`; an error ends the conversation at that turn."""
    turns: list[Turn] = []
    for n, text in enumerate(scenario.turns, 1):
        try:
            fields = task.send(thread, text)
        except Exception as exc:  # noqa: BLE001 - a crash is a result to report (check no_error), not a reason to stop the suite
            turns.append(Turn(n, text, None, task.state(thread), error=f"{type(exc).__name__}: {exc}"))
            break
        turns.append(Turn(n, text, fields, task.state(thread)))
    return Transcript(scenario.id, tuple(turns), tuple(scenario.turns))


def run_scenario(task: AdvisorTask, scenario: Scenario, repeat: int = 1, repeats: int = 1) -> ScenarioRun:
    """Replay one scenario once and score it."""
    thread = thread_id(scenario.id, repeat, repeats)
    start = time.perf_counter()
    transcript = replay(task, scenario, thread)
    seconds = time.perf_counter() - start
    checks, failures = run_checks(scenario.expect, transcript)
    return ScenarioRun(scenario.id, repeat, thread, transcript, checks, tuple(failures), seconds)


def run_suite(
    task: AdvisorTask,
    scenarios: list[Scenario],
    *,
    repeat: int = 1,
    workers: int = DEFAULT_WORKERS,
    on_result: Callable[[ScenarioRun], None] | None = None,
) -> SuiteResult:
    """Replay every scenario `repeat` times, up to `workers` conversations at once."""
    if repeat < 1:
        raise ValueError(f"--repeat must be at least 1, got {repeat}")
    if workers < 1:
        raise ValueError(f"--workers must be at least 1, got {workers}")
    start = time.perf_counter()
    jobs = [(scenario, k) for k in range(1, repeat + 1) for scenario in scenarios]
    runs: dict[tuple[str, int], ScenarioRun] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eval") as pool:
        futures = [pool.submit(run_scenario, task, scenario, k, repeat) for scenario, k in jobs]
        for future in futures:
            run = future.result()
            runs[(run.scenario_id, run.repeat)] = run
            if on_result:
                on_result(run)
    results = tuple(
        ScenarioResult(scenario, tuple(runs[(scenario.id, k)] for k in range(1, repeat + 1))) for scenario in scenarios
    )
    return SuiteResult(
        engine=task.engine, repeat=repeat, results=results, seconds=time.perf_counter() - start
    )
