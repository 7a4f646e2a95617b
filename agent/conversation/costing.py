"""Costing a profile: the cost-model scenario for the user's slot values, the comparison report, the
student model to distil into, and what-ifs (the comparison re-run with a change, against the
unchanged baseline). Deterministic, so results are cached.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Mapping

from tools import cost_model, decision_tree, prices, scenario
from tools.assumptions import DEFAULT_MODEL, DEFAULTS
from tools.profile import SLOT, Profile

# When the user wants a recommendation before saying how much traffic they expect, the costs are
# worked at this volume and the reply says so (and asks for the real figure).
ASSUMED_QUERIES_PER_DAY = 10_000
# The distilled student when the user's model has no obvious smaller sibling in the price database.
FALLBACK_STUDENT = "claude-haiku-4-5"

# How often a fine-tune is retrained, from how often the user's knowledge changes: monthly or faster
# gets the fastest cadence a source budgets, a few times a year the slow end of the range, static
# knowledge never. (claim id, months between retrains; 0 = never)
RETRAIN_FOR_CHANGES: dict[str, tuple[str | None, float]] = {
    "daily": ("aieconomyhub-2026/retrain-monthly", 1),
    "weekly": ("aieconomyhub-2026/retrain-monthly", 1),
    "monthly": ("aieconomyhub-2026/retrain-monthly", 1),
    "rarely": ("aiinfox-2026/refresh-cadence", 6),
    "static": (None, 0),
}

def scenario_for(values: Mapping[str, Any], changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The cost-model scenario for a profile (plain slot values), with what-if changes applied."""
    merged = {**values, **(changes or {})}
    qpd = merged.get("queries_per_day") or ASSUMED_QUERIES_PER_DAY
    model = merged.get("model")
    hosting = merged.get("hosting") or ("self_hosted" if merged.get("data_residency") else None)
    retrain = RETRAIN_FOR_CHANGES.get(merged.get("knowledge_changes") or "", (None, None))[1]
    student = merged.get("student_model")
    if student is None and merged.get("top_model_too_costly"):
        student = student_model_for(model or DEFAULT_MODEL)
    return scenario.with_overrides(
        None,
        queries_per_day=qpd,
        input_tokens=merged.get("input_tokens"),
        output_tokens=merged.get("output_tokens"),
        context_tokens=merged.get("context_tokens"),
        horizon_months=merged.get("horizon_months"),
        retrain_every_months=retrain,
        model=model,
        hosting=hosting,
        # Zero egress (or a what-if about self-hosting) moves every option onto your GPUs, not just
        # the fine-tunes: a hosted API is exactly what such a team cannot use.
        model_hosting="self_hosted" if hosting == "self_hosted" else None,
        gpu=merged.get("gpu"),
        student_model=student,
    )


def compare_costs(values: Mapping[str, Any], changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The cost model's JSON report for a profile (plus what-if changes)."""
    return json.loads(_compare_json(json.dumps(scenario_for(values, changes), sort_keys=True)))


@lru_cache(maxsize=256)
def _compare_json(scenario_json: str) -> str:
    # The cost model is deterministic, and a conversation re-costs the same scenario often (every
    # what-if compares against the unchanged baseline). JSON in and out keeps cached results immutable.
    return json.dumps(cost_model.compare(scenario.parse_scenario(json.loads(scenario_json))).to_dict())


def student_model_for(model: str) -> str:
    """A smaller sibling to distil into: the `-mini` of an OpenAI model, Haiku for Claude."""
    if model.startswith("gpt-") and not model.endswith(("-mini", "-nano")):
        try:
            return prices.resolve_model(f"{model}-mini")
        except LookupError:
            pass
    return FALLBACK_STUDENT


def what_if_costs(values: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    changes = dict(changes)
    option = changes.pop("option", None)
    for key in [k for k in changes if k.endswith("_factor")]:
        # "10x the volume" before any volume was given: scale the figure the costs would assume.
        slot = key.removesuffix("_factor")
        scaled = (values.get(slot) or _assumed(slot)) * changes.pop(key)
        changes[slot] = scaled if slot == "queries_per_day" else int(round(scaled))
    if changes.get("model"):
        changes["model"] = prices.resolve_model(str(changes["model"]))
    baseline = compare_costs(values)
    costs = compare_costs(values, changes) if changes else baseline
    slot_changes = {k: v for k, v in changes.items() if k in SLOT}
    base_profile = Profile.from_mapping(dict(values))
    new_profile = Profile.from_mapping({**values, **slot_changes})
    return {
        "changes": changes,
        "option": option,
        "baseline": baseline,
        "costs": costs,
        "baseline_label": decision_tree.recommend(base_profile, baseline).label,
        "label": decision_tree.recommend(new_profile, costs).label,
    }


def _assumed(slot: str) -> float:
    """The figure the cost model assumes for a slot the user has not given."""
    if slot == "queries_per_day":
        return ASSUMED_QUERIES_PER_DAY
    field = {
        "input_tokens": "workload.input_tokens",
        "output_tokens": "workload.output_tokens",
        "context_tokens": "rag.context_tokens",
        "horizon_months": "horizon_months",
    }[slot]
    return float(DEFAULTS[field].value)


