"""Which model a message names as the one in use: a choice ("we run gpt-4o"), a mention ("Opus
takes too long to start answering"), a model ruled out ("no Anthropic", "gpt-4o-mini too dumb"), and
a smaller model's shortfall that is the reason to distil the one in use."""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.shapes import CLAUSE_BREAK, NEGATION
from agent.understand.slots import MODEL_CHOICE, MODEL_COMPLAINT

# A model smaller or cheaper than the one in use: "gpt-4o-mini", "haiku", "an 8B model", "the small one".
_SMALLER_MODEL = re.compile(r"\b(?:[\w.-]*-?(?:mini|nano|flash|haiku)|\d{1,2}\s?b|(?:small(?:er)?|cheap(?:er)?|tiny|distilled|open[- ]source|open[- ]weights?|local) (?:\w+ )?(?:models?|ones?|versions?|llms?))\b", re.IGNORECASE)


def smaller_model_short(sentence: str, current: Mapping[str, Any]) -> bool:
    """Whether a shortfall is a smaller model's, said after the model in use was found to meet the bar
    or to cost too much ("gpt-4o does it really well, but it costs 40k a month" ... "we tried
    gpt-4o-mini, only 85%"): the shortfall is the reason to distil the first, not a gap of the first."""
    named = _SMALLER_MODEL.search(sentence)
    # ... or praised in the same breath: "gpt-4o does it spot on, gpt-4o-mini only gets about 80% right"
    praised = bool(named) and bool(_PRAISED.search(sentence[: named.start()]))
    if current.get("output_format_gap") is not False and current.get("top_model_too_costly") is not True and not praised:
        return False
    return bool(named) and named.group(0).lower().replace(" ", "") not in str(current.get("model") or "").replace(" ", "")


_PRAISED = re.compile(
    r"\b(?:spot on|perfect\w*|nails? (?:it|them)|flawless\w*|does (?:it|them) (?:really |very )?well|great|excellent|"
    r"(?:basically |almost |nearly )?every time|gets? (?:it|them|em) right|9\d(?:\.\d)?\s*%)", re.IGNORECASE)


def refuses(sentence: str, model: re.Match, updates: Mapping[str, Any]) -> bool:
    """Whether the sentence names the model or provider only to rule it out: "we can't use OpenAI",
    "no Anthropic", "legal vetoed Azure OpenAI"."""
    if updates.get("data_residency") is True:
        # Under a ban a hosted model named is ruled out; an open-weight one is what runs in-house
        # ("we run llama 3 70b on-prem").
        return not re.match(r"(?:llama|qwen|mistral|mixtral|gemma|deepseek)", model.group(0), re.IGNORECASE)
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, model.start())), default=0)
    return bool(NEGATION.search(sentence[clause_start : model.start()]))


# A model measured at the bar, or praised, right after its name.
_PRAISED_AFTER = re.compile(
    r"\s*(?:is|gets|hits|scores|does|sits at)\s+(?:~\s*|about\s+|around\s+)?(?:9\d|100)(?:\.\d+)?\s*%|\s*(?:nails it|is (?:great|excellent|perfect|spot on|flawless))\b",
    re.IGNORECASE,
)


def chooses_model(sentence: str, model: re.Match) -> bool:
    """Whether the sentence says the user runs (or picks) the model it names, not only mentions it."""
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, model.start())), default=0)
    clause_end = min((m.start() for m in CLAUSE_BREAK.finditer(sentence, model.end())), default=len(sentence))
    clause = sentence[clause_start:clause_end]
    before = sentence[clause_start : model.start()]
    if _PRAISED_AFTER.match(sentence[model.end() :]) and not MODEL_COMPLAINT.search(before):
        return True  # "gpt-4o is 97% accurate but too slow": the model that gives the answers, whatever its speed
    if MODEL_COMPLAINT.search(before) or (MODEL_COMPLAINT.search(clause) and not MODEL_CHOICE.search(before)):
        return False  # "we trained a LoRA on Mistral 7B", "Opus takes too long": a mention
    return bool(MODEL_CHOICE.search(clause)) or not MODEL_COMPLAINT.search(clause)
