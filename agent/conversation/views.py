"""The detail views a user asks for, in words or as /commands: what the advisor knows and assumed
(profile), the cost comparison (costs), the rule trace (why), the assumptions, what would change
the recommendation (changes), and the passages behind the last answer (sources).

Each takes a thread's state as a mapping (`Chat.snapshot()`, or the brief's copy of it) and returns
Markdown. Nothing here computes a figure: every number comes from the stored recommendation and
cost report, so a view passes the grounding check like any reply.
"""

from __future__ import annotations

from typing import Any, Mapping

from agent.wording import (
    ASSUMPTION_NAMES,
    FREQUENCY_WORDS,
    LABEL_NAMES,
    assumption_value,
    breakeven_text,
    caching_text,
    cost_table,
    count,
    flip_text,
    gpu_counts,
    latency_fit,
    price_dated,
    sentence_case,
    slot_text,
    sources_markdown,
    usd,
)


def profile_view(snapshot: Mapping[str, Any]) -> str:
    profile = snapshot["profile"]
    if not profile:
        return "I don't know anything about your situation yet. Tell me what you're building."
    lines = ["**What you told me**", ""]
    lines += [f"- {slot_text(slot, value)}" for slot, value in profile.items()]
    assumed = (snapshot.get("recommendation") or {}).get("assumptions") or snapshot.get("assumed_so_far")
    if assumed:
        lines += ["", "**What I assumed**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in assumed]
    return "\n".join(lines)


def costs_view(snapshot: Mapping[str, Any]) -> str:
    """Every option's costs, the break-even, and the facts the table rests on: the model the
    fine-tunes are bought on, GPU counts, latency, caching, retraining and the input that would flip
    the cheapest option."""
    costs = snapshot.get("costs")
    if not costs:
        return "No cost comparison yet: ask me for a recommendation (or tell me your volume) first."
    rec = snapshot.get("recommendation") or {}
    details = rec.get("details") or {}
    where = (
        "self-hosted: an open-weight model on GPUs (no hosted API, as your data must stay in-house)"
        if costs.get("hosting") == "self_hosted"
        else f"on {costs['prices']['base']['model']} ({price_dated(costs['prices']['base'])})"
    )
    lines = [
        f"**What each option costs** at {count(costs['queries_per_month'])} queries a month {where}, "
        f"over {costs['horizon_months']} months:",
        "",
        cost_table(costs),
        "",
    ]
    options, horizon = costs["options"], costs["horizon_months"]
    if details.get("nothing_to_retrieve") and "fine_tune" in options:
        lines.append(
            f"With nothing to retrieve, RAG is no alternative here: over {horizon} months fine-tuning costs "
            f"{usd(options['fine_tune']['total_usd'])} against {usd(options['prompting']['total_usd'])} for prompting alone."
        )
    else:
        lines.append(breakeven_text(costs))
    lines += [item for fact in cost_facts(snapshot) for item in ("", fact)]
    lines += ["", '_"what did you assume?" lists the cost-model defaults and where each comes from._']
    return "\n".join(lines)


def cost_facts(snapshot: Mapping[str, Any]) -> list[str]:
    """The facts a cost table rests on, a sentence each: the model the fine-tunes are bought on, GPU
    counts, latency, caching, the input that would flip the cheapest option, retraining (also in the memo)."""
    costs = snapshot["costs"]
    rec = snapshot.get("recommendation") or {}
    details = rec.get("details") or {}
    facts = [_fine_tune_base_text(details.get("fine_tune_base"), costs), gpu_counts(costs)]
    sensitive = any(step["rule_id"] == "latency" and step["fired"] for step in rec.get("trace") or ())
    facts.append(latency_fit(costs, sensitive=sensitive))
    facts.append(caching_text(costs, detailed=True))
    facts.append(flip_text(costs))
    if details.get("retraining"):
        facts.append(retraining_text(details["retraining"]))
    facts += [sentence_case(note) + "." for note in costs.get("notes") or () if "GPU" in note]
    return [fact for fact in facts if fact]


def _fine_tune_base_text(base: Mapping[str, Any] | None, costs: Mapping[str, Any]) -> str:
    if not base:
        return ""
    priced = base["priced_as"]
    how = " plus the fine-tuning premium" if base.get("premium_applies") else ""
    dated = "" if price_dated(priced) == price_dated(costs["prices"]["base"]) else f" ({price_dated(priced)})"
    source = (costs.get("fine_tune_base") or {})
    said = f' ({source["source_id"]}: "{source["quote"]}")' if source.get("source_id") and source.get("quote") else ""
    cannot = "cannot be fine-tuned" if said else "is not on the list of models that sell fine-tuning"
    return (
        f"{base['user_model']} {cannot}{said}: the fine-tune rows are {priced['model']} at "
        f"{usd(priced['input'])} in, {usd(priced['output'])} out per million tokens{how}{dated}."
    )


def retraining_text(retraining: Mapping[str, Any]) -> str:
    """How often the fine-tunes retrain, and why, in a sentence (the passage quoted when there is one)."""
    changes, months = retraining["changes"], retraining["months"]
    if not months:
        return "Since your knowledge is static, the fine-tune rows assume it is never retrained."
    said = f' ({retraining["source_id"]}: "{retraining["quote"]}")' if retraining.get("quote") else ""
    every = "every month" if months == 1 else f"every {months:g} months"
    text = f"Since your knowledge {FREQUENCY_WORDS[changes]}, the fine-tune retrains {every}{said}"
    if retraining.get("each_usd") is not None:
        text += f" ({usd(retraining['each_usd'])}: a training run and an eval gate)"
    if changes in ("daily", "weekly"):
        text += ", the fastest cadence the sources budget, and a fine-tune alone would still lag your changes"
    hybrid = retraining.get("hybrid_months")
    if hybrid and hybrid != months:
        text += f"; the hybrid's tune every {hybrid:g} months, for tone and format (RAG carries the facts)"
    return text + "."


def why_view(snapshot: Mapping[str, Any]) -> str:
    """Every reason with the passages behind it, where the sources disagree, what would change the
    recommendation, and the rule trace."""
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is no rule trace to show."
    lines = [f"**Why {rec['name']}**", ""]
    for reason in rec["reasons"]:
        said = "; ".join(f'{p["source_id"]}: "{p["quote"]}"' for p in reason.get("passages") or ())
        lines.append(f"- {reason['text']}" + (f" ({said})" if said else ""))
    if rec.get("disagreements"):
        lines += ["", "**Where the sources disagree**", ""]
        lines += [f"- On {d['topic']}: {d['followed']}" for d in rec["disagreements"]]
    if rec.get("what_would_change"):
        lines += ["", "**What would change it**", ""] + [f"- {item}" for item in rec["what_would_change"]]
    lines += ["", "**Rule trace**", ""]
    for step in rec["trace"]:
        mark = "✔" if step["fired"] else "·"
        lines.append(f"- {mark} {step['rule_id']}: {step['why']}")
    lines += ["", '_"what did you assume?" lists what I assumed where you said nothing._']
    return "\n".join(lines)


def cost_assumption_line(assumption: Mapping[str, Any]) -> str:
    """One cost-model default with the claim and passage it comes from (also in the memo)."""
    a = assumption
    where = f" (claim {a['claim']}, {a['source_id']}: \"{a['quote']}\")" if a.get("source_id") else ""
    return f"`{a['field']}` = {a['value']}: {a['note']}{where}"


def assumptions_view(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec and snapshot.get("assumed_so_far"):
        lines = ["No call yet. So far, where you've said nothing, I'm assuming:", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in snapshot["assumed_so_far"]]
        return "\n".join([*lines, "", "_The cost figures I assume (prompt length and the like) come with the recommendation._"])
    if not rec:
        return "No recommendation yet, so nothing has been assumed."
    lines = []
    if rec.get("assumptions"):
        lines += ["**What I assumed where you said nothing**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in rec["assumptions"]]
    costs = snapshot.get("costs") or {}
    named = [a for a in costs.get("assumptions") or () if a["field"] in ASSUMPTION_NAMES]
    if named:
        lines += ["", "**Figures you did not give, and where mine come from**", ""]
        for a in named:
            said = f' ({a["source_id"]}: "{a["quote"]}")' if a.get("source_id") and a.get("quote") else f" ({a['note']})"
            lines.append(f"- {sentence_case(ASSUMPTION_NAMES[a['field']])} {assumption_value(a)}{said}")
    lines += ["", "_Tell me any of these and I'll rework the numbers._"] if lines else []
    return "\n".join(lines).strip() or "Nothing: you gave me every fact the recommendation rests on."


def changes_view(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is nothing to change."
    changes = list(rec.get("what_would_change") or [])
    flip = flip_text(snapshot.get("costs") or {}) if snapshot.get("costs") else ""
    if flip:
        changes.append(flip)
    if not changes:
        return f"Nothing I can see would change **{rec['name']}** on what you told me."
    return "\n".join([f"**What would change {rec['name']}**", ""] + [f"- {item}" for item in changes])


def sources_view(snapshot: Mapping[str, Any]) -> str | None:
    """The passages of the latest reply that cited any, or None when none has."""
    cited = snapshot.get("cited") or (snapshot.get("last_reply") or {}).get("citations") or ()
    return sources_markdown(cited) or None


VIEWS = {
    "profile": profile_view,
    "costs": costs_view,
    "why": why_view,
    "assumptions": assumptions_view,
    "changes": changes_view,
}


def why_not(snapshot: Mapping[str, Any], option: str) -> str:
    """Why the recommendation is not `option` (a label): the conditions under which it would be."""
    rec = snapshot.get("recommendation")
    if not rec or rec["label"] == option:
        return ""
    name = LABEL_NAMES.get(option, option)
    target = {"fine_tune": "fine-tuning", "rag": "RAG", "hybrid": "a hybrid", "distill": "distilling", "prompt_first": "improving prompting"}[option]
    flips = [c for c in rec.get("what_would_change") or () if target in c]
    if not flips:
        return f"Nothing you could change among the facts I track would make {name} the better fit here."
    return f"Why not {name}: " + " ".join(flips)
