"""`crossroads eval --compare`: per-scenario pass rates of two recorded runs and McNemar's exact test.

Exact p-values, by hand: with b runs passed only in A and c only in B (n = b + c), the two-sided
p = min(1, 2 * sum_{k=0..min(b,c)} C(n, k) / 2^n).
"""

from __future__ import annotations

import json

import pytest

from evals.compare import compare_runs, mcnemar_exact


@pytest.mark.parametrize(
    ("b", "c", "p"),
    [
        (1, 6, 0.125),  # 2 * (C(7,0) + C(7,1)) / 2^7 = 2 * 8 / 128
        (6, 1, 0.125),  # symmetric
        (0, 5, 0.0625),  # 2 * C(5,0) / 2^5 = 2 / 32
        (2, 10, 0.03857421875),  # 2 * (1 + 12 + 66) / 2^12 = 158 / 4096
        (3, 3, 1.0),  # 2 * (1 + 6 + 15 + 20) / 64 = 1.3125, capped at 1
        (0, 0, 1.0),  # no discordant pairs: no evidence of a difference
        (0, 1, 1.0),  # 2 * 1 / 2 = 1
    ],
)
def test_mcnemar_exact_p_values(b, c, p):
    assert mcnemar_exact(b, c) == pytest.approx(p, abs=1e-12)


def test_mcnemar_rejects_negative_counts():
    with pytest.raises(ValueError, match="non-negative"):
        mcnemar_exact(-1, 2)


def recorded_run(outcomes: dict[str, bool], rates: dict[str, float] | None = None) -> dict:
    rates = rates or {}
    scenarios = [
        {
            "id": sid,
            "passed": ok,
            "recommendation": "rag",
            "failures": [] if ok else ["recommendation: expected rag, got none"],
            "pass_rate": rates.get(sid, float(ok)),
        }
        for sid, ok in outcomes.items()
    ]
    return {"pass_rate": sum(outcomes.values()) / len(outcomes), "scenarios": scenarios}


# Ten scenarios: offline passes s0-s2 and s9; the LLM passes s3-s9 but not s0.
# Discordant: s0 (A only) -> b = 1; s3..s8 (B only) -> c = 6. p = 0.125.
OFFLINE = {f"s{i}": i in (0, 1, 2, 9) for i in range(10)}
LLM = {f"s{i}": i != 0 for i in range(10)}


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_compare_two_recorded_runs_through_the_cli(tmp_path, capsys):
    from agent.cli.main import main

    a = write(tmp_path, "offline.json", recorded_run(OFFLINE, {"s9": 2 / 3}))
    b = write(tmp_path, "llm.json", recorded_run({**LLM, "extra": True}))
    assert main(["eval", "--compare", a, b, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["passed_a_failed_b"] == 1
    assert out["failed_a_passed_b"] == 6
    assert out["mcnemar_p"] == pytest.approx(0.125)
    assert out["paired"] == 10
    assert out["only_in_b"] == ["extra"]
    assert out["pass_rate_a"] == pytest.approx(0.4)
    by_id = {s["id"]: s for s in out["scenarios"]}
    assert by_id["s9"]["pass_rate_a"] == pytest.approx(2 / 3)
    assert by_id["s0"] == {"id": "s0", "pass_rate_a": 1.0, "pass_rate_b": 0.0, "passed_a": True, "passed_b": False}


def test_compare_text_marks_the_scenarios_that_differ(tmp_path, capsys):
    from agent.cli.main import main

    # b = 0, c = 5: 2 * C(5,0) / 2^5 = 0.0625.
    a = write(tmp_path, "a.json", recorded_run({f"s{i}": i >= 5 for i in range(10)}))
    b = write(tmp_path, "b.json", recorded_run({f"s{i}": True for i in range(10)}))
    assert main(["eval", "--compare", a, b]) == 0
    text = capsys.readouterr().out
    assert "McNemar exact p = 0.0625" in text
    assert text.count("<- differs") == 5
    assert "passed in A only: 0, passed in B only: 5" in text


def test_identical_runs_have_p_one():
    run = recorded_run(OFFLINE)
    comparison = compare_runs(run, run)
    assert (comparison.b, comparison.c, comparison.p_value) == (0, 0, 1.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"pass_rate": 1.0}', "not an eval result"),
        ('{"scenarios": [{"id": "x"}]}', "not an eval result"),
    ],
)
def test_compare_rejects_files_that_are_not_eval_results(tmp_path, capsys, content, message):
    from agent.cli.main import main

    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    good = write(tmp_path, "good.json", recorded_run(OFFLINE))
    assert main(["eval", "--compare", str(bad), good]) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.json" in err


def test_compare_names_a_missing_file(tmp_path, capsys):
    from agent.cli.main import main

    good = write(tmp_path, "good.json", recorded_run(OFFLINE))
    assert main(["eval", "--compare", good, str(tmp_path / "missing.json")]) == 2
    assert "missing.json: no such file" in capsys.readouterr().err
