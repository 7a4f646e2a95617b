"""The bundled eval suite passes offline, replays identically, and `crossroads eval` keeps its
contract: exit codes, the --json shape, and the reports written to --out."""

from __future__ import annotations

import json

import pytest
import yaml

from evals.run import run_suite
from evals.scenarios import SCENARIOS_DIR, load_scenarios

SUITE_REPEATS = 3


@pytest.fixture(scope="module")
def suite(bundled_kb):
    """The whole bundled suite, replayed SUITE_REPEATS times on the offline engine."""
    from agent.assemble import advisor_over
    from agent.cli.evals import eval_task

    task = eval_task(advisor_over(bundled_kb))
    return run_suite(task, load_scenarios(SCENARIOS_DIR), repeat=SUITE_REPEATS)


def test_the_whole_suite_passes_offline(suite):
    failing = {r.scenario.id: r.failures() for r in suite.results if not r.passed}
    assert suite.pass_rate == 1.0, json.dumps(failing, indent=2)


def test_recommendations_are_short_enough_to_read(suite):
    """Issue 14: over the bundled suite a recommendation reply (its Sources list counted) has a median
    of at most 250 words, none over 350, and at most 6 numbered sources."""
    from evals.checks import MAX_RECOMMENDATION_WORDS, MAX_SOURCES, MEDIAN_RECOMMENDATION_WORDS
    from evals.report import length_lines

    lengths = suite.recommendation_lengths()
    assert lengths["replies"] >= 40 * SUITE_REPEATS
    assert lengths["median_words"] <= MEDIAN_RECOMMENDATION_WORDS, length_lines(suite)
    assert lengths["max_words"] <= MAX_RECOMMENDATION_WORDS, length_lines(suite)
    assert lengths["max_sources"] <= MAX_SOURCES, length_lines(suite)


def test_no_scenario_is_flaky(suite):
    assert suite.flaky == []
    assert all(len(r.runs) == SUITE_REPEATS for r in suite.results)
    # Each repeat ran in its own conversation.
    threads = {run.thread_id for r in suite.results for run in r.runs}
    assert len(threads) == SUITE_REPEATS * len(suite.results)


@pytest.fixture(scope="module")
def indexed_data_dir(tmp_path_factory):
    """A data directory with the bundled corpus indexed, shared by the CLI tests below."""
    from knowledge.store import KnowledgeBase

    data_dir = tmp_path_factory.mktemp("eval-data")
    KnowledgeBase.open(data_dir).ensure_indexed()
    return data_dir


@pytest.fixture
def cli(indexed_data_dir, monkeypatch, capsys):
    from agent.cli.main import main

    monkeypatch.setenv("CROSSROADS_DATA_DIR", str(indexed_data_dir))

    def run(*argv):
        code = main(["eval", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def scenario_dir(tmp_path, **expect):
    directory = tmp_path / "scenarios"
    directory.mkdir()
    data = {
        "id": "support-quick",
        "description": "Support bot, everything at once",
        "turns": [
            "Support bot over help-centre articles that change weekly, 100k questions a day, answers must cite the article. What do you recommend?"
        ],
        "expect": expect,
    }
    (directory / "support-quick.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return directory


def test_eval_json_contract_and_reports(cli, tmp_path):
    directory = scenario_dir(tmp_path, recommendation="rag", max_turns=1)
    code, out, _ = cli("--scenarios", str(directory), "--json", "--out", str(tmp_path / "reports"))
    assert code == 0
    result = json.loads(out)
    assert result["pass_rate"] == 1.0
    (scenario,) = result["scenarios"]
    assert {"id", "passed", "recommendation", "failures"} <= set(scenario)
    assert (scenario["id"], scenario["passed"], scenario["recommendation"], scenario["failures"]) == (
        "support-quick",
        True,
        "rag",
        [],
    )
    markdown = next((tmp_path / "reports").glob("eval-*.md")).read_text()
    assert "Pass rate: **1.000**" in markdown and "| support-quick | pass | rag |" in markdown
    # The report prints the distribution of recommendation lengths.
    assert "## Recommendation length" in markdown and "1 recommendation replies: median " in markdown
    assert result["recommendation_lengths"]["replies"] == 1
    saved = json.loads(next((tmp_path / "reports").glob("eval-*.json")).read_text())
    assert saved["scenarios"] == result["scenarios"]


def test_a_wrong_expectation_fails_the_run_naming_the_check(cli, tmp_path):
    directory = scenario_dir(tmp_path, recommendation="fine_tune")
    code, out, _ = cli("--scenarios", str(directory))
    assert code == 1
    assert "FAIL support-quick: rag" in out
    assert "- recommendation: expected fine_tune after the last turn, got rag" in out
    assert "pass rate 0.000" in out
    # A lower threshold accepts the same run.
    code, _, _ = cli("--scenarios", str(directory), "--threshold", "0")
    assert code == 0


def test_repeat_reports_flakiness_and_per_repeat_threads(cli, tmp_path):
    directory = scenario_dir(tmp_path, recommendation="rag")
    code, out, _ = cli("--scenarios", str(directory), "--repeat", "2", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["repeat"] == 2 and result["flaky"] == []
    assert result["scenarios"][0]["recommendations"] == ["rag", "rag"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--only", "no-such-scenario"], "--only no-such-scenario: no scenario with that id"),
        (["--repeat", "0"], "--repeat must be at least 1"),
        (["--threshold", "1.5"], "--threshold must be between 0 and 1"),
    ],
)
def test_bad_arguments_are_one_line_errors(cli, tmp_path, argv, message):
    directory = scenario_dir(tmp_path, recommendation="rag")
    code, _, err = cli("--scenarios", str(directory), *argv)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_invalid_scenario_file_is_a_usage_error(cli, tmp_path):
    directory = scenario_dir(tmp_path, recomendation="rag")
    code, _, err = cli("--scenarios", str(directory))
    assert code == 2
    assert "support-quick.yaml: `expect.recomendation`: unknown key" in err


def test_eval_help_does_not_import_the_advisor():
    import subprocess
    import sys

    code = "import sys; from agent.cli.main import build_parser; build_parser(); print(sorted(m for m in ('numpy', 'chromadb', 'langgraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_model_choice_reaches_the_advisor(cli, tmp_path):
    directory = scenario_dir(tmp_path, recommendation="rag")
    code, out, _ = cli("--scenarios", str(directory), "--model", "offline", "--json")
    assert code == 0 and json.loads(out)["engine"] == "offline"
    code, _, err = cli("--scenarios", str(directory), "--model", "gpt-4o")
    assert code == 2
    assert "CROSSROADS_MODEL='gpt-4o' is not understood" in err
