"""Costing a profile: the cost-model scenario for the user's slot values, the comparison report, the
student model to distil into, what-ifs (the comparison re-run with a change, against the unchanged
baseline), a change of facts set against the costs before it, and whether the volume decides the
call when none is known. Deterministic, so results are cached.

`scenario_for` is the one path from profile values to the cost model: every cost slot the user gave
(prompt, answer and context tokens, tokens a fine-tune saves, latency budget, corpus size, GPU, owned
GPUs, an existing fine-tune, horizon, model) reaches the scenario here, and the conversation's facts
(how often knowledge changes, whether answers must retrieve, a classifier's one-label answers) become
its retrain cadences, requirements and token profile.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Mapping

from knowledge import claims
from tools import cost_model, decision_tree, prices, scenario, tuning
from tools.assumptions import DEFAULT_MODEL, DEFAULTS, ESTIMATES
from tools.profile import CHANGING, SLOT, Profile

# When the user wants a recommendation before saying how much traffic they expect, the costs are
# worked at this volume and the reply says so (and asks for the real figure).
ASSUMED_QUERIES_PER_DAY = 10_000
# What a classifier is, by what the user says they build: it answers with a label, not prose.
CLASSIFIER = re.compile(r"classif|intent|rout(?:e|er|ing)|triage|tagg|label|sentiment|categori|moderat", re.IGNORECASE)

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
    # GPUs the team already owns are an option for the fine-tunes: no rent, still power and operations.
    fine_tune_hosting = hosting or ("self_hosted" if merged.get("owned_gpus") else None)
    retrain = RETRAIN_FOR_CHANGES.get(merged.get("knowledge_changes") or "", (None, None))[1]
    student = merged.get("student_model")
    if student is None and merged.get("top_model_too_costly"):
        student = student_model_for(model or DEFAULT_MODEL)
    sunk = bool(merged.get("has_fine_tune"))
    input_tokens = merged.get("input_tokens")
    bill = values.get("monthly_spend_usd")
    if bill and not values.get("data_residency") and input_tokens == values.get("input_tokens") and (
            input_tokens is None or bill_beyond_figures(values, bill)):
        # The bill is today's, for the model in use at today's volume: a what-if ("on haiku?", "at
        # twice the volume?") keeps the prompt it implies, not one sized to the same bill. A bill far
        # above what the user's own token figures price is what they pay (retries, reprocessing, other
        # calls, longer prompts than the average): the options are costed at its scale, and the reply
        # says so. (One far below is a discount or caching already on, which list prices leave out for
        # every option alike: the token figures stand.)
        input_tokens = tokens_from_bill({**values, "input_tokens": input_tokens or _assumed("input_tokens")}, bill) or input_tokens
    return scenario.with_overrides(
        None,
        queries_per_day=qpd,
        input_tokens=input_tokens,
        output_tokens=merged.get("output_tokens") or _classifier_output(merged),
        context_tokens=merged.get("context_tokens"),
        tokens_saved=merged.get("tokens_saved"),
        horizon_months=merged.get("horizon_months"),
        retrain_every_months=retrain,
        hybrid_retrain_every_months=hybrid_retrain_months(retrain),
        model=model,
        hosting=fine_tune_hosting,
        # Zero egress (or a what-if about self-hosting) moves every option onto your GPUs, not just
        # the fine-tunes: a hosted API is exactly what such a team cannot use.
        model_hosting="self_hosted" if hosting == "self_hosted" else None,
        gpu=merged.get("gpu"),
        owned_gpus=merged.get("owned_gpus"),
        corpus_documents=merged.get("corpus_documents"),
        student_model=student,
        # A fine-tune the team already has is paid for: only its retraining and serving remain.
        training_runs=0 if sunk else None,
        fine_tune_setup_usd=0 if sunk else None,
        latency_budget_ms=merged.get("latency_budget_ms"),
        needs_retrieval=True if needs_retrieval(merged) else None,
    )


# A prompt sized from the bill stays within what a request carries: below this the stated bill is
# mostly answers (or another model's), above it more than a long-context prompt.
BILL_PROMPT_TOKENS = (50, 200_000)


def tokens_from_bill(values: Mapping[str, Any], monthly_usd: float) -> int | None:
    """The prompt tokens per query that make today's bill for the model in use what the user says it
    is ("gpt-4o costs us 30k a month" at 1.5M queries a month: about 8,000), from the cost model's own
    prices and the answer tokens it assumes; None when no prompt length within BILL_PROMPT_TOKENS
    gives that bill (the costs then use the assumed prompt)."""
    report = compare_costs(_without_bill(values))
    items = report["options"]["prompting"]["monthly_items"]
    per_token = items.get("input_tokens", 0) / values["input_tokens"]
    if per_token <= 0:
        return None
    tokens = (monthly_usd - items.get("output_tokens", 0)) / per_token
    low, high = BILL_PROMPT_TOKENS
    return int(round(tokens, -1)) if low <= tokens <= high else None


# How far the bill said may be from the one the user's token figures price and still be that bill.
BILL_MATCHES = (0.67, 1.5)


def bill_matches(values: Mapping[str, Any], monthly_usd: float) -> bool:
    """Whether the user's token figures price staying on the model in use near the bill they state."""
    priced = priced_without_bill(values)
    return bool(priced) and BILL_MATCHES[0] <= monthly_usd / priced <= BILL_MATCHES[1]


def bill_beyond_figures(values: Mapping[str, Any], monthly_usd: float) -> bool:
    """Whether the bill stated is far above what the user's token figures price staying put at."""
    priced = priced_without_bill(values)
    return bool(priced) and monthly_usd / priced > BILL_MATCHES[1]


def priced_without_bill(values: Mapping[str, Any]) -> float | None:
    """What staying on the model in use costs a month on the token figures alone (the bill set aside)."""
    options = compare_costs(_without_bill(values))["options"]
    return options["prompting"]["monthly_usd"] if "prompting" in options else None


def _without_bill(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "monthly_spend_usd"}


def bill_set_beside(values: Mapping[str, Any], costs: Mapping[str, Any], *, assumed_volume: bool) -> tuple[dict | None, dict | None]:
    """What the reply says of the bill paid today beside the table: the prompt length it implies
    ({"tokens", "monthly_usd"}, when no prompt length was given), or how far it is from what the table
    prices staying put at ({"monthly_usd", "priced_usd"} and "scaled_tokens" when the table is at the
    bill's scale, or the GPUs ("gpus", "gpu") that serve the volume when the model is self-hosted)."""
    bill = values.get("monthly_spend_usd")
    staying = costs["options"].get("prompting")
    if not bill:
        return None, None
    if values.get("data_residency"):
        # A self-hosted model's bill buys GPUs: set beside the fleet the volume needs (the table's).
        if staying and staying["monthly_usd"] and not assumed_volume and bill / staying["monthly_usd"] > BILL_MATCHES[1]:
            fleet = staying.get("capacity") or {}
            return None, {"monthly_usd": bill, "priced_usd": staying["monthly_usd"], "gpus": fleet.get("gpus"), "gpu": fleet.get("gpu")}
        return None, None
    sized = (costs.get("inputs") or {}).get("workload.input_tokens")
    if values.get("input_tokens") is None:
        if not (sized and staying and staying["monthly_usd"]) or assumed_volume:
            return None, None
        if BILL_MATCHES[0] <= bill / staying["monthly_usd"] <= BILL_MATCHES[1]:
            return {"tokens": sized, "monthly_usd": bill}, None
        # no prompt length makes the bill at this volume: the two do not fit, and the reply says so
        return None, {"monthly_usd": bill, "priced_usd": staying["monthly_usd"], "volume_off": True}
    priced = priced_without_bill(values)
    if not staying or assumed_volume or not priced or bill_matches(values, bill):
        return None, None
    # the table is at the bill's scale (scenario_for) unless the bill is below the figures or no prompt length gives it
    return None, {"monthly_usd": bill, "priced_usd": priced, "scaled_tokens": sized if sized != values["input_tokens"] else None}


def needs_retrieval(values: Mapping[str, Any]) -> bool:
    """Whether only a retrieving option meets the user's needs: knowledge that changes, citations or
    per-tenant data, with documents to retrieve (the decision tree's RAG signal)."""
    signal = values.get("knowledge_changes") in CHANGING or values.get("needs_citations") or values.get("multi_tenant")
    return bool(signal) and values.get("has_documents") is not False


def is_classifier(values: Mapping[str, Any]) -> bool:
    """A classifier: nothing to retrieve, and what is built sorts inputs into labels."""
    return values.get("has_documents") is False and bool(CLASSIFIER.search(str(values.get("use_case") or "")))


def _classifier_output(values: Mapping[str, Any]) -> int | None:
    # A label, not an answer: the sourced 200-token answer would price a classifier as a chatbot.
    return int(ESTIMATES["workload.classifier_output_tokens"].value) if is_classifier(values) else None


def hybrid_retrain_months(knowledge_months: float | None) -> float | None:
    """A hybrid's tune holds tone and format, not the facts (RAG carries those): it is retrained on the
    drift clock, never faster than the sources' quarterly budget, and not at all for static knowledge."""
    if knowledge_months is None:
        return None
    if knowledge_months == 0:
        return 0
    return max(knowledge_months, float(DEFAULTS["fine_tune.hybrid_retrain_every_months"].value))


def compare_costs(values: Mapping[str, Any], changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The cost model's JSON report for a profile (plus what-if changes)."""
    return json.loads(_compare_json(json.dumps(scenario_for(values, changes), sort_keys=True)))


@lru_cache(maxsize=256)
def _compare_json(scenario_json: str) -> str:
    # The cost model is deterministic, and a conversation re-costs the same scenario often (every
    # what-if compares against the unchanged baseline). JSON in and out keeps cached results immutable.
    return json.dumps(cost_model.compare(scenario.parse_scenario(json.loads(scenario_json))).to_dict())


def student_model_for(model: str) -> str | None:
    """A cheaper sibling to distil into: a tunable model of the same provider or family, cheaper than
    `model` (never the dearer one); None when nothing cheaper can be tuned."""
    return tuning.student_for(model)


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
        "tokens_saved": "fine_tune.tokens_saved",
    }[slot]
    return float(DEFAULTS[field].value)


# The volumes a call is tried at when none is known: the ends of the answers the volume question offers.
_VOLUME_ENDS = (1_000, 1_000_000)


def volume_decides(values: Mapping[str, Any], profile: Profile) -> dict[str, Any] | None:
    """{"low", "high", "low_label", "high_label"} when the call at the low end of the volumes differs
    from the call at the high end, so the volume decides it; else None."""
    labels = []
    for volume in _VOLUME_ENDS:
        at = {**values, "queries_per_day": volume}
        try:
            costs, _ = costs_of(at, {})
        except (LookupError, ValueError):
            return None  # a figure the cost model rejects is answered by the recommendation turn itself
        labels.append(decision_tree.recommend(Profile.from_mapping({**profile.known(), "queries_per_day": volume}), costs).label)
    if labels[0] == labels[1]:
        return None
    return {"low": _VOLUME_ENDS[0], "high": _VOLUME_ENDS[1], "low_label": labels[0], "high_label": labels[1]}


def costs_of(values: Mapping[str, Any], rejected: dict[str, str]) -> tuple[dict[str, Any], Mapping[str, Any]]:
    """The cost report for `values`, and the values it was made from. A GPU the user named that cannot
    hold the model (eight L40S for a 405B model) is set aside, said as rejected, and the model costed
    on a GPU that holds it, so the turn is answered and the next one is not stuck on the same figure."""
    try:
        return compare_costs(values), values
    except (LookupError, ValueError) as exc:
        if not values.get("gpu"):
            raise
        rejected["gpu"] = str(exc).split(": ", 1)[-1]
        values = {slot: value for slot, value in values.items() if slot not in ("gpu", "owned_gpus")}
        return compare_costs(values), values


def change_of_facts(changed: Mapping[str, list[Any]], before: Mapping[str, Any], before_label: str, after: Mapping[str, Any],
            label: str) -> dict[str, Any]:
    """A change of facts after a recommendation, as the reply states it: each option's total before
    and after, and the label before and after."""
    return {
        "changed": {slot: list(pair) for slot, pair in changed.items()},
        "before": {name: option["total_usd"] for name, option in before["options"].items()},
        "after": {name: option["total_usd"] for name, option in after["options"].items()},
        "horizon_months": after["horizon_months"],
        "before_horizon_months": before["horizon_months"],
        "before_label": before_label,
        "label": label,
    }


def retraining(changes: str | None, citations: Any, costs: Mapping[str, Any]) -> dict[str, Any] | None:
    """How often the fine-tune is retrained for how often the knowledge changes, with the passage that
    says so (`citations.cite` numbers it) and what each retrain costs."""
    if changes not in RETRAIN_FOR_CHANGES:
        return None
    claim_id, months = RETRAIN_FOR_CHANGES[changes]
    mark = None
    if claim_id:
        claim = claims.get_claim(claim_id)
        mark = citations.cite(claim.source_id, claim.quote)
    each = next((a["value"] for a in costs.get("assumptions") or () if a["field"] == "fine_tune.retrain_usd"), None)
    hybrid = (costs.get("inputs") or {}).get("fine_tune.hybrid_retrain_every_months")
    return {"months": months, "hybrid_months": hybrid, "changes": changes, "citation": mark, "each_usd": each}


def fine_tune_base(costs: Mapping[str, Any], citations: Any) -> dict[str, Any] | None:
    """When the fine-tunes are bought on another model than the user's (Sonnet cannot be tuned), which,
    at what price, and the passage that says why."""
    base = costs.get("fine_tune_base") or {}
    user_model = costs["prices"]["base"]["model"]
    if not base or base.get("model") in (None, "custom", user_model) or costs.get("hosting") == "self_hosted":
        return None
    mark = citations.cite(base["source_id"], base["quote"]) if base.get("source_id") and base.get("quote") else None
    return {"model": base["model"], "user_model": user_model, "priced_as": costs["prices"]["fine_tune"], "citation": mark,
            "premium_applies": base.get("premium_applies")}
