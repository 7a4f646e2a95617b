"""Merging the LLM's reading of a message into the rule understander's: the model's reading is
evidence checked against the user's words, never a silent overwrite.

- Commands, what-ifs, corrections, views and "recommend now" from the rules always count.
- A value both read the same way is taken; where they differ the rules' reading stands and the
  reply says so (`Merged.disagreed`).
- A value only the model read is taken if the user's words support it: its figure appears in the
  message (as written, or scaled by the unit written beside it), a flag or a frequency touches its
  slot's subject, a name appears in the message. It never replaces a value the user gave earlier
  unless the message corrects it (`Merged.kept` otherwise); a permission (no residency rule, no
  citations needed) is never taken from the model alone. Values it takes are said back as tentative.
- Both readings went through the same bounds (`Slot.out_of_bounds`) before they got here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from agent.understand.clause_reading import PROHIBITION_SLOTS, UNSURE_ANSWER
from agent.understand.contract import Understanding
from agent.understand.asking import asks_for_the_call
from agent.understand.shapes import CORRECTION, is_short_reply
from tools.profile import SLOT

# A figure and the unit written right after it: "10k", "2.5 million", "300 ms", "2 years".
_FIGURE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(k\b|thousand|m\b|mm\b|mn\b|million|mil\b|b\b|bn\b|billion|%|ms\b|milli\w*|s\b|sec\w*|min\w*|h\b|hours?|"
    r"days?|weeks?|months?|years?|yrs?)?",
    re.IGNORECASE,
)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
# Conversions a model may make from what was written: per week/month/year to per day, seconds to
# milliseconds, years to months.
_CONVERSIONS = (1.0, 1 / 7, 12 / 365, 1 / 365, 1 / 30, 1 / 31, 24.0, 1000.0, 12.0, 1 / 12)
# What a flag or a frequency must touch to be read from a message at all.
_SUBJECT: dict[str, str] = {
    "knowledge_changes": r"chang|updat|revis|refresh|new|edit|publish|stale|static|stable|daily|weekly|monthly|yearly|hour|day|week|month|year|never|rarely|often|constant",
    "needs_citations": r"cit|sourc|referenc|link|footnote|provenance|trac|quot|evidence|verif|audit|attribut",
    "multi_tenant": r"tenan|customer|client|each|separate|isolat|per[- ]|shared|their own|accounts?|org",
    "has_documents": r"doc|article|manual|handbook|wiki|kb|knowledge|corpus|pages?|pdf|policy|policies|faq|catalog|records|contracts?|guides?|files?",
    "output_format_gap": r"format|json|schema|structur|template|style|field|output|markdown|xml|csv|shape",
    "persona_consistency": r"persona|voice|tone|brand|character|style|personality|consistent",
    "latency_sensitive": r"latenc|fast|slow|speed|quick|instant|real[- ]?time|live|second|ms\b|wait|voice|phone|call|interactive|batch|overnight|async|delay|lag|snappy|sla",
    "data_residency": r"residen|premis|in[- ]house|leave|our (?:own )?(?:network|servers?|cloud|infra)|hosted|cloud|gdpr|hipaa|sovereign|region|country|eu\b|regulat|complian|third[- ]part|vendor|api",
    "top_model_too_costly": r"cost|bill|spend|pric|budget|money|afford|expensive|cheap|margin|dollar|\$",
    "has_eval_set": r"eval|test|golden|benchmark|label|annotat|graded|rated|ground[- ]truth|examples?",
    "has_fine_tune": r"fine[- ]?tun|lora|trained|tuned|adapter|checkpoint",
}
_WORD = re.compile(r"[a-z0-9]+")
_NEGATED = re.compile(r"\b(?:no|not|never|none|without|don'?t|doesn'?t|isn'?t|aren'?t|won'?t|nothing|fine|ok|okay|allowed|maybe|might)\b|n't\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,.;:!?]|\bbut\b|\band\b", re.IGNORECASE)
# Text slots longer than this were not "stated" by anyone.
_MOST_WORDS = 12


@dataclass(frozen=True)
class Merged:
    """The merged understanding; `disagreed` maps slot -> (the rules' value, the model's value) where
    the rules' reading was kept; `kept` maps slot -> the earlier value a model reading did not
    replace; `dropped` maps slot -> why a model value was not taken (for logs)."""

    understanding: Understanding
    disagreed: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    kept: dict[str, Any] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)


def merge_understandings(
    rules: Understanding,
    model: Understanding,
    text: str,
    *,
    asked: str | None = None,
    profile: Mapping[str, Any] | None = None,
    sources: Mapping[str, str] | None = None,
) -> Merged:
    """The rules' understanding of `text`, plus what the model read that the user's words support.

    `profile` holds the current slot values and `sources` where each came from ("user", "implied").
    """
    if rules.command:
        return Merged(rules)  # "start over" is a command; nothing else in the message counts
    current = dict(profile or {})
    said_by_user = {slot for slot, source in (sources or {}).items() if source == "user"}
    correcting = bool(CORRECTION.search(text)) or bool(set(model.corrections) & set(model.updates))
    updates = dict(rules.updates)
    tentative = dict(rules.tentative)
    corrections = list(rules.corrections)
    disagreed: dict[str, tuple[Any, Any]] = {}
    kept: dict[str, Any] = {}
    dropped: dict[str, str] = {}
    for slot, value in model.updates.items():
        if slot in rules.updates:
            if not same_value(rules.updates[slot], value):
                disagreed[slot] = (rules.updates[slot], value)
            continue
        if slot in rules.rejected:
            dropped[slot] = "the rules rejected the figure"
            continue
        why, words = support(slot, value, text, asked=asked)
        if why:
            dropped[slot] = why
            continue
        before = current.get(slot)
        if before is not None and not same_value(before, value):
            if slot in said_by_user and not correcting:
                kept[slot] = before
                continue
            if slot in said_by_user:
                corrections.append(slot)
        updates[slot] = value
        tentative[slot] = words
    wants = rules.wants_recommendation or (model.wants_recommendation and asks_for_the_call(text))
    what_if = rules.what_if or _supported_what_if(model.what_if, text)
    rejected = dict(rules.rejected)
    if re.search(r"\d", text):
        # An absurd figure the model read from digits the user wrote gets the same answer as the rules'.
        rejected.update({slot: why for slot, why in model.rejected.items() if slot not in updates})
    merged = replace(
        rules,
        updates=updates,
        corrections=tuple(dict.fromkeys(corrections)),
        wants_recommendation=wants,
        what_if=what_if or None,
        rejected=rejected,
        off_topic=rules.off_topic and not (updates or what_if),
        ignored_instructions=rules.ignored_instructions or model.ignored_instructions,
        tentative={slot: words for slot, words in tentative.items() if slot in updates},
    )
    return Merged(merged, disagreed, kept, dropped)


def support(slot: str, value: Any, text: str, *, asked: str | None = None) -> tuple[str | None, str]:
    """(why the user's words do not support `value` for `slot`, or None; the words that do)."""
    entry = SLOT.get(slot)
    if entry is None:
        return "not a slot", ""
    if entry.kind in ("volume", "tokens", "months", "milliseconds", "count", "usd"):
        words = figure_in(value, text)
        return (None, words) if words else (f"{value!r} is not a figure in the message", "")
    if entry.kind == "text":
        return _name_support(slot, str(value), text)
    # A flag or a frequency.
    if slot in PROHIBITION_SLOTS and value is False:
        return "a permission is taken from explicit words only (the rules read none)", ""
    if slot == asked and is_short_reply(text) and not UNSURE_ANSWER.search(text):
        return None, _quoted(text)
    if UNSURE_ANSWER.search(text) and slot == asked:
        return "the answer is unsure", ""
    pattern = _SUBJECT.get(slot)
    match = re.search(rf"\b(?:{pattern})", text, re.IGNORECASE) if pattern else None
    if match is None:
        return "the message does not touch the slot's subject", ""
    if value is not False and _NEGATED.search(_clause_at(text, match.start())):
        return "the words about it are negated or hedged: the model's yes is not the user's", ""
    return None, _around(text, match.start())


def figure_in(value: Any, text: str) -> str | None:
    """The words of `text` stating the figure `value` (as written, scaled by the unit beside it, or
    converted per day / to milliseconds / to months), else None."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return None
    for match in _FIGURE.finditer(text):
        number = float(match.group(1).replace(",", ""))
        unit = (match.group(2) or "").lower()
        base = number * _SCALE.get(unit, 1.0)
        for factor in _CONVERSIONS:
            written = base * factor
            if written and abs(written - value) <= max(0.02 * abs(written), 0.5):
                return match.group(0).strip()
    return None


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= 0.02 * max(abs(a), abs(b), 1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return _key(a) == _key(b)
    return a == b


def _name_support(slot: str, value: str, text: str) -> tuple[str | None, str]:
    words = _WORD.findall(value.lower())
    if not words or len(words) > _MOST_WORDS:
        return f"{len(words)} words is no name the user gave", ""
    if slot in ("model", "gpu"):
        return (None, value) if _key(value) in _key(text) else (f"{value!r} is not named in the message", "")
    said = set(_WORD.findall(text.lower()))
    content = [w for w in words if len(w) > 2] or words
    found = sum(w in said or w.rstrip("s") in said or f"{w}s" in said for w in content)
    if found < max(1, math.ceil(0.7 * len(content))):
        return f"{value!r} is not in the user's words", ""
    return None, value


def _supported_what_if(what_if: Mapping[str, Any] | None, text: str) -> dict[str, Any] | None:
    """The model's what-if, if the message is hypothetical and its figures and names are the user's."""
    if not what_if or not re.search(r"\b(?:what if|what about|suppose|imagine|instead|how about|if we|if it|would)\b", text, re.IGNORECASE):
        return None
    out: dict[str, Any] = {}
    for key, value in what_if.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not figure_in(value, text):
                return None
        elif isinstance(value, str) and key in ("model", "gpu") and _key(value) not in _key(text):
            return None
        out[key] = value
    return out or None


def _clause_at(text: str, position: int) -> str:
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    end = _CLAUSE_BREAK.search(text, position)
    return text[(starts[-1] if starts else 0) : (end.start() if end else len(text))]


def _key(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _around(text: str, start: int, most: int = 10) -> str:
    """The user's words around a match, short enough to say back."""
    before = text[:start].split()[-3:]
    after = text[start:].split()[: most - len(before)]
    return " ".join([*before, *after]).strip(" ,.;")


def _quoted(text: str, most: int = 10) -> str:
    words = text.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")
