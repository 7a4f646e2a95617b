"""Scripted conversations: the YAML scenario format (a contract other suites are written in) and
its loader.

One file per scenario. Every `expect` key is optional; unknown keys fail validation, so a typo in an
expectation can never pass silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SCENARIOS_DIR = Path(__file__).resolve().parent / "conversations"
# The recommendation labels, and `none`: the advisor must not have recommended anything.
ExpectedLabel = Literal["rag", "fine_tune", "hybrid", "distill", "prompt_first", "none"]
# Cost-model outputs a scenario may bound: `<option>.<field>` or `breakeven.<field>`.
COST_OPTIONS = ("prompting", "rag", "fine_tune", "hybrid", "distill")
COST_FIELDS = ("one_time_usd", "monthly_usd", "total_usd", "cost_per_1k_queries_usd")
BREAKEVEN_FIELDS = ("payback_months", "payback_calls", "breakeven_queries_per_month")


class Expect(BaseModel):
    """What the conversation must show; every key is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The recommendation label after the last turn.
    recommendation: ExpectedLabel | None = None
    # Slot values after the last turn (numbers within 1%); null means the slot must be unset.
    profile: dict[str, Any] = Field(default_factory=dict)
    asks_about: list[str] = Field(default_factory=list)
    cites_any: list[str] = Field(default_factory=list)
    mentions: list[str] = Field(default_factory=list)
    forbids: list[str] = Field(default_factory=list)
    costs: dict[str, tuple[float, float]] = Field(default_factory=dict)
    max_turns: int | None = Field(default=None, ge=1)

    @field_validator("costs")
    @classmethod
    def _known_cost_paths(cls, costs: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        for path, (low, high) in costs.items():
            head, _, tail = path.partition(".")
            known = (head in COST_OPTIONS and tail in COST_FIELDS) or (head == "breakeven" and tail in BREAKEVEN_FIELDS)
            if not known:
                raise ValueError(
                    f"unknown cost output {path!r}: use <option>.<field> with option one of {', '.join(COST_OPTIONS)} "
                    f"and field one of {', '.join(COST_FIELDS)}, or breakeven.<{'|'.join(BREAKEVEN_FIELDS)}>"
                )
            if low > high:
                raise ValueError(f"cost range for {path!r} is [{low}, {high}]: the low end must come first")
        return costs

    @field_validator("mentions", "forbids")
    @classmethod
    def _no_blank_entries(cls, items: list[str]) -> list[str]:
        if any(not item.strip() for item in items):
            raise ValueError("entries must be non-empty strings")
        return items

    @field_validator("profile")
    @classmethod
    def _known_profile_slots(cls, profile: dict[str, Any]) -> dict[str, Any]:
        from tools.profile import SLOTS

        for slot in profile:
            if slot not in SLOTS:
                raise ValueError(f"unknown slot {slot!r}; the profile slots are {', '.join(SLOTS)}")
        return profile

    @field_validator("asks_about")
    @classmethod
    def _askable_slots(cls, slots: list[str]) -> list[str]:
        from tools.decision_tree import QUESTION_ORDER

        askable = ("use_case", "queries_per_day", *QUESTION_ORDER)
        for slot in slots:
            if slot not in askable:
                raise ValueError(f"the advisor never asks about {slot!r}; it asks about {', '.join(askable)}")
        return slots

    @field_validator("cites_any")
    @classmethod
    def _known_sources(cls, source_ids: list[str]) -> list[str]:
        from knowledge.articles import load_bundled_articles

        known = [a.id for a in load_bundled_articles()]
        for source_id in source_ids:
            if source_id not in known:
                raise ValueError(f"unknown source id {source_id!r}; the sources are {', '.join(known)}")
        return source_ids


class Scenario(BaseModel):
    """One scripted conversation and what it must show."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=1)
    turns: list[str] = Field(min_length=1)
    expect: Expect = Field(default_factory=Expect)

    @field_validator("turns")
    @classmethod
    def _no_empty_turns(cls, turns: list[str]) -> list[str]:
        for n, turn in enumerate(turns, 1):
            if not str(turn).strip():
                raise ValueError(f"turn {n} is empty: every turn must say something")
        return turns

    @model_validator(mode="after")
    def _max_turns_fits(self) -> "Scenario":
        if self.expect.max_turns is not None and self.expect.max_turns > len(self.turns):
            raise ValueError(
                f"expect.max_turns is {self.expect.max_turns} but the scenario has only {len(self.turns)} turns"
            )
        return self


def parse_scenario(data: Any, origin: str) -> Scenario:
    """Validate one scenario's YAML data; `origin` names the file in error messages."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            message = "unknown key (check its spelling against the scenario format)"
        raise ValueError(f"{origin}: `{field}`: {message}") from None


def load_scenarios(directory: Path = SCENARIOS_DIR, only: str | None = None) -> list[Scenario]:
    """Every `*.yaml` scenario in `directory`, sorted by id; `only` keeps the one with that id."""
    import yaml

    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"--scenarios {directory}: no such directory")
    scenarios: list[Scenario] = []
    seen: dict[str, Path] = {}
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
        scenario = parse_scenario(data, str(path))
        if scenario.id in seen:
            raise ValueError(f"{path}: scenario id {scenario.id!r} is already used by {seen[scenario.id]}")
        seen[scenario.id] = path
        scenarios.append(scenario)
    if not scenarios:
        raise ValueError(f"{directory}: no scenario files (*.yaml) found")
    scenarios.sort(key=lambda s: s.id)
    if only is not None:
        scenarios = [s for s in scenarios if s.id == only]
        if not scenarios:
            raise LookupError(f"--only {only}: no scenario with that id in {directory}")
    return scenarios
