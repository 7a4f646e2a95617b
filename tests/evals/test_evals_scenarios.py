"""The scenario format: a contract other suites are written in. Typos and impossible expectations
fail loudly, naming the file and the field."""

from __future__ import annotations

import pytest
import yaml

from evals.scenarios import SCENARIOS_DIR, load_scenarios

VALID = {
    "id": "support-kb",
    "description": "Support bot",
    "turns": ["We're building a support bot.", "What do you recommend?"],
    "expect": {
        "recommendation": "rag",
        "profile": {"queries_per_day": 100000, "needs_citations": True},
        "asks_about": ["multi_tenant"],
        "cites_any": ["aiinfox-2026"],
        "mentions": ["break-even"],
        "forbids": ["fine-tuning is the right call"],
        "costs": {"rag.monthly_usd": [3000, 60000], "breakeven.payback_months": [0, 24]},
        "max_turns": 2,
    },
}


def write(directory, name, data):
    (directory / name).write_text(yaml.safe_dump(data), encoding="utf-8")


def test_a_valid_scenario_loads_with_every_key(tmp_path):
    write(tmp_path, "a.yaml", VALID)
    (scenario,) = load_scenarios(tmp_path)
    assert scenario.expect.costs["rag.monthly_usd"] == (3000, 60000)
    assert scenario.expect.max_turns == 2


def test_every_expect_key_is_optional(tmp_path):
    write(tmp_path, "a.yaml", {"id": "bare", "description": "d", "turns": ["hello"]})
    (scenario,) = load_scenarios(tmp_path)
    assert scenario.expect.recommendation is None and scenario.expect.profile == {}


def with_expect(**changes):
    return {**VALID, "expect": {**VALID["expect"], **changes}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_expect(recomendation="rag"), "`expect.recomendation`: unknown key"),
        ({**VALID, "turn": ["hi"]}, "`turn`: unknown key"),
        (with_expect(recommendation="rag_first"), "`expect.recommendation`"),
        (with_expect(profile={"queries_a_day": 5}), "unknown slot 'queries_a_day'"),
        (with_expect(asks_about=["model"]), "the advisor never asks about 'model'"),
        (with_expect(cites_any=["wikipedia"]), "unknown source id 'wikipedia'"),
        (with_expect(costs={"rag.monthly": [1, 2]}), "unknown cost output 'rag.monthly'"),
        (with_expect(costs={"rag.monthly_usd": [5, 1]}), "the low end must come first"),
        (with_expect(max_turns=3), "expect.max_turns is 3 but the scenario has only 2 turns"),
        (with_expect(mentions=[""]), "`expect.mentions`"),
        ({**VALID, "turns": []}, "`turns`"),
        ({**VALID, "turns": ["hi", "  "]}, "turn 2 is empty"),
        ({**VALID, "id": "Has Spaces"}, "`id`"),
    ],
)
def test_invalid_scenarios_name_the_file_and_the_field(tmp_path, data, message):
    write(tmp_path, "broken.yaml", data)
    with pytest.raises(ValueError) as raised:
        load_scenarios(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path / 'broken.yaml'}: ")
    assert message in str(raised.value)


def test_duplicate_ids_are_rejected(tmp_path):
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "b.yaml", VALID)
    with pytest.raises(ValueError, match="already used by"):
        load_scenarios(tmp_path)


def test_broken_yaml_and_empty_directories_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="no scenario files"):
        load_scenarios(tmp_path)
    (tmp_path / "x.yaml").write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid YAML"):
        load_scenarios(tmp_path)
    with pytest.raises(ValueError, match="no such directory"):
        load_scenarios(tmp_path / "nowhere")


def test_only_picks_one_scenario_or_says_it_is_missing(tmp_path):
    write(tmp_path, "a.yaml", VALID)
    assert [s.id for s in load_scenarios(tmp_path, only="support-kb")] == ["support-kb"]
    with pytest.raises(LookupError, match="--only nope"):
        load_scenarios(tmp_path, only="nope")


def test_the_bundled_suite_is_valid_and_covers_every_label():
    scenarios = load_scenarios(SCENARIOS_DIR)
    assert len(scenarios) >= 30
    labels = {s.expect.recommendation for s in scenarios}
    assert labels >= {"rag", "fine_tune", "hybrid", "distill", "prompt_first"}
