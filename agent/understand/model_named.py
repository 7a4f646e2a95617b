"""Which model a message names as the one in use: a choice ("we run gpt-4o"), a mention ("Opus
takes too long to start answering"), a model ruled out ("no Anthropic", "gpt-4o-mini too dumb"), and
a smaller model's shortfall that is the reason to distil the one in use."""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.shapes import CLAUSE_BREAK, NEGATION

MODEL = re.compile(
    r"\b(?:claude(?:[\s-]+(?:\d+(?:[.-]\d+)?|sonnet|haiku|opus|instant))*"
    r"|(?:sonnet|haiku|opus)(?:[\s-]+\d+(?:[.-]\d+)?)?"
    r"|gpt-?\d+(?:\.\d+)?(?:-?(?:o|turbo|mini|nano|pro))*(?:[\s-]mini)?"
    r"|o[134](?:-mini|-pro)?"
    r"|llama[\s-]?\d+(?:\.\d+)?(?:[\s-]\d+b)?"
    r"|qwen[\s-]?\d*(?:\.\d+)?(?:[\s-]coder)?(?:[\s-]\d+b)?"
    r"|mistral(?:[\s-](?:large|small|medium|\d+b))?|mixtral(?:[\s-]\d+x\d+b)?"
    r"|gemini(?:[\s-]\d+(?:\.\d+)?)?(?:[\s-](?:pro|flash))?|gemma(?:[\s-]?\d+)?|deepseek(?:[\s-](?:v\d+|r\d+|chat|coder))?)\b",
    re.IGNORECASE,
)


# A provider named where a model could be: "we're an OpenAI shop", "OK with OpenAI but no one else".
PROVIDER = re.compile(r"\b(?:azure\s+)?(?:openai|anthropic)\b", re.IGNORECASE)


# A model named as what they run ("we use", "we're on", "built with", "switch to") is a choice; a
# model named only in a complaint about its speed ("Opus takes too long to start answering") or in
# passing is a mention, and never changes the model the costs are worked on.
MODEL_CHOICE = re.compile(
    r"\b(?:use|uses|using|used|run|runs|running|ran|on|with|via|through|call|calls|calling|switch(?:ed|ing)?|"
    r"mov(?:e|ed|ing)|migrat(?:e|ed|ing)|go(?:ing)? with|stick(?:ing)? with|built|powered|deployed|hosted|"
    r"currently|today|our (?:model|llm)|price[ds]?|cost(?:ed)?|bill|invoice|pay(?:ing)? for|picked|chose|chosen|"
    r"handles?|answers?|summari[sz]es?|generates?|drafts?|classif(?:y|ies))\b",
    re.IGNORECASE,
)
MODEL_COMPLAINT = re.compile(
    r"\b(?:was|is|were|are) (?:really |pretty |quite |just )?(?:bad|poor|terrible|awful|useless|worse|weak|not good enough|hopeless) (?:at|for|with)\b|"
    r"\b(?:tried|tested|testing|trialled|trialed|evaluated|evaluating|considered|considering|looked at|compared|benchmarked|played with|"
    r"suggested|recommended|likes|(?:we|i|they|people|everyone|folks) (?:like|prefer)|prefers?|\w+ (?:says|said|suggests|thinks|reckons) (?:we should |to )?(?:just )?(?:use|try|go with|switch to)|(?:did|does|do) better|outperform\w*|competitors?|rivals?|someone|somebody|people say|vs\.?|versus|"
    r"trained|fine[- ]?tuned|lora|qlora|adapter|"
    r"too (?:long|slow)|takes (?:too long|forever|ages|a while|seconds)|slow to|lag\w*|latency|time to first token|ttft|"
    r"start(?:s)? answering|sluggish|hangs?|"
    # a model ruled out on quality: "gpt-4o-mini too dumb, only 84%"
    r"too (?:dumb|weak|stupid|inaccurate|unreliable|small)|not (?:smart|good|accurate|reliable|capable) enough|dumb|worse)\b",
    re.IGNORECASE,
)


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
    return bool(NEGATION.search(_NOT_A_REFUSAL.sub(" ", sentence[clause_start : model.start()])))


# Negative words that rule nothing out: "zero-shot gpt-4o-mini gets 71%", "no amount of prompting gets gpt-4o to ..."
_NOT_A_REFUSAL = re.compile(r"\bzero[- ]shot\b|\bno amount of\b|\bno matter (?:how|what)\b|\bnot even\b|\bnothing (?:we|i) (?:tried|did)\b", re.IGNORECASE)


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


# A model tried out in a set-up of the team's: "We tested gpt-4o with our template in the prompt".
_TRIED = re.compile(r"\b(?:tried|tested|testing|trialled|trialed|piloted|piloting|prototyped)\s+(?:it\s+|this\s+)?(?:with\s+|on\s+)?(?=\S)", re.IGNORECASE)


def tried_model(text: str) -> str | None:
    """The one model a message names, when it names it as tried out: with no model in use named, the
    one the team works with (said back, so it can be put right)."""
    named = {re.sub(r"\s+", " ", m.group(0).strip().lower()) for m in MODEL.finditer(text)}
    tried = [MODEL.match(text, m.end()) for m in _TRIED.finditer(text)]
    if len(named) != 1 or not any(t and _SET_UP.match(text, t.end()) for t in tried):
        return None
    return named.pop()


# ... in a set-up of the team's: "with our template", "using the long prompt", "on our eval set".
# ("We trialled GPT-4o for six weeks", "piloted Claude in a trial")
_SET_UP = re.compile(
    r"\s+(?:(?:with|using|on|and)\s+(?:our|the|a|an|some|its|their|few-shot|\d)"
    r"|for\s+(?:a|an|\d+|two|three|four|five|six|seven|eight|nine|ten|several|a few|a couple of)\s+(?:days?|weeks?|months?)\b|in (?:a|our|the) (?:pilot|trial|test|poc)\b)",
    re.IGNORECASE,
)


_FAMILY = {"openai": re.compile(r"^(?:gpt|o[134]|chatgpt)", re.IGNORECASE), "anthropic": re.compile(r"^(?:claude|sonnet|haiku|opus)", re.IGNORECASE)}


def provider_model(provider: str, said: str) -> str | None:
    """The model of `provider` the user named before ("we tried gpt-4o-mini with a long prompt ...
    data going to OpenAI is fine" is gpt-4o-mini), so a provider named later does not stand for
    its flagship."""
    family = _FAMILY.get(re.sub(r"^azure\s+", "", provider.lower()))
    named = [m.group(0) for m in MODEL.finditer(said) if family and family.match(m.group(0))]
    return re.sub(r"\s+", " ", named[-1].strip().lower()) if named else None

