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
    LABEL_NAMES,
    breakeven_text,
    cost_table,
    slot_text,
    sources_markdown,
)


def profile_view(snapshot: Mapping[str, Any]) -> str:
    profile = snapshot["profile"]
    if not profile:
        return "I don't know anything about your situation yet. Tell me what you're building."
    lines = ["**What you told me**", ""]
    lines += [f"- {slot_text(slot, value)}" for slot, value in profile.items()]
    rec = snapshot.get("recommendation")
    if rec and rec.get("assumptions"):
        lines += ["", "**What I assumed**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in rec["assumptions"]]
    return "\n".join(lines)


def costs_view(snapshot: Mapping[str, Any]) -> str:
    costs = snapshot.get("costs")
    if not costs:
        return "No cost comparison yet: ask me for a recommendation (or tell me your volume) first."
    return f"{cost_table(costs)}\n\n{breakeven_text(costs)}"


def why_view(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is no rule trace to show."
    lines = [f"**Recommendation: {rec['name']}**", "", "Rule trace:", ""]
    for step in rec["trace"]:
        mark = "✔" if step["fired"] else "·"
        lines.append(f"- {mark} `{step['rule_id']}`: {step['why']}")
    if rec.get("what_would_change"):
        lines += ["", "What would change it:", ""] + [f"- {item}" for item in rec["what_would_change"]]
    if rec.get("assumptions"):
        lines += ["", "Assumed for what you did not say:", ""]
        lines += [f"- {a['slot']} = {a['value']}: {a['why']}" for a in rec["assumptions"]]
    costs = snapshot.get("costs") or {}
    if costs.get("assumptions"):
        lines += ["", "Cost-model defaults:", ""]
        lines += [f"- {cost_assumption_line(a)}" for a in costs["assumptions"]]
    return "\n".join(lines)


def cost_assumption_line(assumption: Mapping[str, Any]) -> str:
    """One cost-model default with the claim and passage it comes from (also in the memo)."""
    a = assumption
    where = f" (claim {a['claim']}, {a['source_id']}: \"{a['quote']}\")" if a.get("source_id") else ""
    return f"`{a['field']}` = {a['value']}: {a['note']}{where}"


def assumptions_view(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so nothing has been assumed."
    lines = []
    if rec.get("assumptions"):
        lines += ["**What I assumed where you said nothing**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in rec["assumptions"]]
    costs = snapshot.get("costs") or {}
    if costs.get("assumptions"):
        lines += ["", "**Cost-model defaults**", ""]
        lines += [f"- {cost_assumption_line(a)}" for a in costs["assumptions"]]
    return "\n".join(lines).strip() or "Nothing: you gave me every fact the recommendation rests on."


def changes_view(snapshot: Mapping[str, Any]) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is nothing to change."
    changes = rec.get("what_would_change") or []
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
