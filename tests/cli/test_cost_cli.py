"""`crossroads cost` and `crossroads prices`: output, JSON contract, and one-line errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli.main import main
from agent.cli.cost import COST_FLAGS, flag_value
from agent.frontends.charts import crossover_month, cumulative_chart
from tools.cost_report import usd
from tools.scenario import FLAT_FIELDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "support-bot.yaml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_flag_is_a_scenario_field():
    assert set(COST_FLAGS) <= set(FLAT_FIELDS)


def test_cost_from_file_prints_table_chart_and_assumptions(capsys):
    code, out, err = run(capsys, "cost", "--input", str(EXAMPLE), "--samples", "2000")
    assert code == 0, err
    for text in ("prompting", "rag", "fine_tune", "hybrid", "distill", "Cumulative cost by month", "Assumed (not given)"):
        assert text in out
    assert "P(cheapest)" in out  # the example has a range


def test_cost_json_contract(capsys):
    code, out, _ = run(capsys, "cost", "--queries-per-day", "100000", "--model", "sonnet 4.5", "--json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload["options"]) == {"prompting", "rag", "fine_tune", "hybrid"}
    for option in payload["options"].values():
        assert {"one_time_usd", "monthly_usd", "total_usd", "cost_per_1k_queries_usd"} <= set(option)
    assert {"payback_months", "payback_calls", "breakeven_queries_per_month"} <= set(
        payload["breakeven"]["fine_tune_vs_rag"]
    )
    assert payload["prices"]["base"]["model"] == "claude-sonnet-4-5"
    assert payload["uncertainty"] is None


def test_flags_override_the_file_and_take_ranges(capsys):
    code, out, _ = run(
        capsys, "cost", "-i", str(EXAMPLE), "--queries-per-month", "1000:5000", "--context-tokens", "800",
        "--samples", "1000", "--json",
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["inputs"]["workload.queries_per_month"] == [1000, 5000]
    assert "workload.queries_per_day" not in payload["inputs"]
    assert payload["inputs"]["rag.context_tokens"] == 800
    assert payload["uncertainty"]["samples"] == 1000


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--queries-per-day", "-5"], "crossroads: workload.queries_per_day: must be >= 0 (got -5)"),
        (["--queries-per-day", "nan"], "crossroads: workload.queries_per_day: must be a finite number (got nan)"),
        (["--queries-per-day", "lots"], "crossroads: workload.queries_per_day: must be a number or a [low, high] range (got 'lots')"),
        (["--queries-per-day", "5:1"], "crossroads: workload.queries_per_day: range low must be <= high (got [5, 1])"),
        (["--queries-per-day", "1", "--model", "gpt-17"], "crossroads: --model: no model matching 'gpt-17'"),
        (["--queries-per-day", "1", "--hosting", "cloud"], "crossroads: fine_tune.hosting: Input should be 'hosted' or 'self_hosted'"),
        (["--input-tokens", "10"], "crossroads: cost: give --input FILE or a volume"),
        (["--input", "absent.yaml"], "crossroads: absent.yaml: no such scenario file"),
        # Finding 3: no GPUs priced self-hosting at $0; a fraction of a GPU is not a GPU; nor is a TPU.
        (["--queries-per-day", "1000", "--hosting", "self_hosted", "--gpus", "0"], "crossroads: fine_tune.gpus: must be at least 1 GPU (got 0)"),
        (["--queries-per-day", "1000", "--hosting", "self_hosted", "--gpus", "1.5"], "crossroads: fine_tune.gpus: must be a whole number of GPUs, not a fraction (got 1.5)"),
        (["--queries-per-day", "1000", "--hosting", "self_hosted", "--gpu", "TPU"], "crossroads: fine_tune.gpu: unknown GPU 'TPU': known GPUs are H100, A100, L40S, A10G, L4"),
        # An unknown GPU is a typo whether or not self-hosting is chosen.
        (["--queries-per-day", "1000", "--gpu", "Z9000"], "crossroads: fine_tune.gpu: unknown GPU 'Z9000': known GPUs are H100, A100, L40S, A10G, L4"),
        (["--queries-per-day", "1000", "--owned-gpus", "-1"], "crossroads: fine_tune.owned_gpus: must be at least 0 GPUs (got -1)"),
        # Finding 6: a family name lists the models it could mean.
        (["--queries-per-day", "1000", "--model", "sonnet"], "crossroads: --model: 'sonnet' could mean several models: claude-sonnet-5-5, claude-sonnet-5,"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, "cost", *argv)
    assert code == 2
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "text, message",
    [
        ("workload:\n  queries_per_day: 1\n  queries_per_month: 30\n", "workload: give exactly one of queries_per_day or queries_per_month (got both)"),
        ("workload: {queries_per_day: [1, 2\n", "not valid YAML"),
        ("model: claude-sonnet-4-5\n", "workload: required field is missing"),
    ],
)
def test_bad_files_exit_2_with_one_line(capsys, tmp_path, text, message):
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "cost", "--input", str(path))
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_malformed_json_exits_2_in_a_real_process(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text('{"workload": {"queries_per_day": }', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "agent.cli", "cost", "--input", str(path)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"crossroads: {path}: not valid JSON (line 1")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_prices_command(capsys):
    code, out, _ = run(capsys, "prices", "sonnet 4.5")
    assert code == 0
    assert "resolved to claude-sonnet-4-5" in out and "$15" in out and "genai-prices" in out
    code, out, _ = run(capsys, "prices", "claude-haiku-4-5", "--json")
    assert json.loads(out)["input"] == 1.0


def test_prices_unknown_model_exits_2(capsys):
    code, _, err = run(capsys, "prices", "gpt-17")
    assert code == 2 and err.startswith("crossroads: no model matching 'gpt-17'")


def test_prices_for_a_family_name_exits_2_listing_the_candidates(capsys):
    code, out, err = run(capsys, "prices", "haiku")
    assert code == 2 and not out
    assert err == (
        "crossroads: 'haiku' could mean several models: claude-haiku-5-5, claude-haiku-4-5, "
        "claude-3-5-haiku-latest, claude-3-haiku; name one of them\n"
    )


def test_prices_resolves_to_the_canonical_model(capsys):
    code, out, _ = run(capsys, "prices", "llama 3 70b", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["model"] == "meta-llama/Meta-Llama-3-70B-Instruct" and (payload["input"], payload["output"]) == (0.51, 0.74)


def test_cost_json_has_capacity_latency_and_the_new_report_parts(capsys):
    code, out, _ = run(
        capsys, "cost", "--queries-per-day", "1000000", "--model-hosting", "self_hosted", "--gpus", "1",
        "--latency-budget-ms", "300", "--json",
    )
    assert code == 0
    payload = json.loads(out)
    for option in payload["options"].values():
        assert {"one_time_usd", "monthly_usd", "monthly_items", "total_usd", "cost_per_1k_queries_usd", "cumulative_usd"} <= set(option)
        assert set(option["capacity"]) >= {"gpus", "peak_tokens_per_second", "tokens_per_second_per_gpu", "source"}
        assert len(option["latency_ms"]) == 2 and option["fits_latency_budget"] in ("yes", "maybe", "no")
    assert payload["options"]["prompting"]["capacity"]["gpus"] == 14
    assert any("1 L40S GPU cannot serve" in note for note in payload["notes"])
    assert payload["requirements"]["latency_budget_ms"] == 300
    for key in ("breakeven", "horizon_months", "queries_per_month", "prices", "assumptions", "inputs", "hosting", "flips"):
        assert key in payload


def test_cost_text_shows_gpus_latency_and_warnings(capsys):
    code, out, _ = run(capsys, "cost", "--queries-per-day", "1000000", "--model-hosting", "self_hosted", "--gpus", "1")
    assert code == 0
    assert "14 x L40S" in out and "first token 300-500 ms" in out
    assert "Note: prompting: 1 L40S GPU cannot serve 18,519 tokens a second at peak: 14 are needed, and costed." in out


@pytest.mark.parametrize(
    "text, value",
    [("5", 5.0), ("1e5", 100000.0), ("10:20", [10.0, 20.0]), ("10..20", [10.0, 20.0]), ("[1,2]", [1.0, 2.0]), ("x", "x")],
)
def test_flag_value(text, value):
    assert flag_value(text) == value


def test_money():
    assert [usd(v, "compact") for v in (0, 12.5, 950, 12_345, 4_560_000, -2500)] == ["$0.00", "$12.50", "$950", "$12.3k", "$4.56M", "-$2,500"]


def test_crossover_month():
    assert crossover_month([10, 12, 14, 16], [5, 9, 13, 17]) == 4
    assert crossover_month([1, 2], [5, 6]) is None  # below from the start: nothing to cross
    assert crossover_month([9, 10], [5, 6]) is None


def test_chart_marks_the_crossover():
    lines = cumulative_chart({"rag": [5, 9, 13, 17], "fine_tune": [10, 12, 14, 16]}, height=8)
    assert lines[-1] == "| month 4: fine_tune's cumulative cost drops to or below rag's"
    body = "\n".join(lines)
    assert "R" in body and "F" in body
    plots = [line.split(" |", 1)[1] for line in lines[1:9]]
    # the crossover column (month 4 is the last column) is drawn wherever no option's letter sits
    assert sum(plot.endswith("|") for plot in plots) >= 6
