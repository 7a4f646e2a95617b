"""What a what-if changes beside the facts it states: where the model runs ("self-hosted on an L40S?"),
the option it asks about, and a factor on a figure already known ("what if traffic doubles?")."""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.figures import parse_number
from agent.understand.headcount import corrected_headcount
from agent.understand.quantities import FACTOR, FACTOR_WORDS
from agent.understand.model_named import MODEL
from agent.understand.options_named import GPU, HOSTED, OPTION, SELF_HOSTED
from agent.understand.shapes import QUESTION_START


def what_if_extras(sentence: str, current: Mapping[str, Any], earlier: str = "") -> dict[str, Any]:
    """The slots a what-if sets beyond its facts, scaled from `current` where it names a factor or a
    new count of people or of what each does ("what if it's 60 lookups each?" after `earlier` said 40)."""
    extras: dict[str, Any] = {}
    known = current.get("queries_per_day")
    recounted = corrected_headcount(sentence, known, earlier, True) if isinstance(known, (int, float)) and not isinstance(known, bool) else None
    if recounted:
        extras["queries_per_day"] = recounted
    if SELF_HOSTED.search(sentence) or GPU.search(sentence):
        extras["hosting"] = "self_hosted"
    elif HOSTED.search(sentence):
        extras["hosting"] = "hosted"
    gpu = GPU.search(sentence)
    if gpu:
        extras["gpu"] = gpu.group(1).upper().replace(" ", "")
    for label, pattern in OPTION:
        if pattern.search(sentence):
            extras["option"] = label
            break
    factor_match = FACTOR.search(sentence)
    if factor_match:
        factor = float(FACTOR_WORDS[factor_match.group("word").lower()] if factor_match.group("word") else parse_number(factor_match.group("num"), None))
        slot = "queries_per_day"
        if re.search(r"\bcontext\b|\bretriev", sentence, re.IGNORECASE):
            slot = "context_tokens"
        elif re.search(r"\bprompts?\b|\binputs?\b", sentence, re.IGNORECASE):
            slot = "input_tokens"
        elif re.search(r"\b(?:answers?|outputs?|responses?)\b", sentence, re.IGNORECASE):
            slot = "output_tokens"
        elif re.search(r"\b(?:horizon|months|years)\b", sentence, re.IGNORECASE):
            slot = "horizon_months"
        elif re.search(r"\b(?:documents?|docs|corpus|articles|pages|knowledge ?base|library)\b", sentence, re.IGNORECASE):
            slot = "corpus_documents"  # "what if we bolt on VAT guidance too, roughly double the documents?"
        base = current.get(slot)
        if isinstance(base, (int, float)) and not isinstance(base, bool):
            scaled = base * factor
            extras[slot] = scaled if slot == "queries_per_day" else int(round(scaled))
        elif slot != "corpus_documents":
            # Nothing to scale yet: the agent applies the factor to its default (a corpus has none).
            extras[f"{slot}_factor"] = factor
    return extras


_QUESTION_LEAD = re.compile(r"^[^:?]{0,25}:\s*")  # "random one: ", "Q: "


def bare_alternative(sentence: str) -> bool:
    """A short question naming an alternative: "Haiku?", "self-hosted on an L40S?", "and with RAG?"."""
    if not sentence.endswith("?") or QUESTION_START.search(_QUESTION_LEAD.sub("", sentence)) or len(sentence.split()) > 8:
        return False  # ("random one: is Mistral any good at French?" asks about the model, it is no what-if)
    return bool(MODEL.search(sentence) or GPU.search(sentence) or SELF_HOSTED.search(sentence))
