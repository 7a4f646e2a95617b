"""Token lengths in user text: the prompt, the answer and the retrieved context ("about 1,500 tokens in,
300 out", "2k tokens of context"), each by what it is "of" or the nearest word before it."""

from __future__ import annotations

import re

from agent.understand.figures import parse_number
from agent.understand.quantities import BARE_VOLUME, NOT_MONEY, NUMBER, SIGN, signed
from agent.understand.shapes import CLAUSE_BREAK
from tools.profile import SLOT, TOKEN_SLOTS

_TOKENS = re.compile(NOT_MONEY + SIGN + NUMBER + r"(?:\s*(?P<mult>k|m)\b)?\s*-?\s*tokens?\b", re.IGNORECASE)


_TOKEN_KEYWORDS = (
    ("context_tokens", re.compile(r"\b(?:context|retriev\w*|chunks?|passages?|rag|documents?|docs)\b", re.IGNORECASE)),
    ("output_tokens", re.compile(r"\b(?:answers?|outputs?|out(?! of)|responses?|completions?|replies|reply|generat\w*|writes?|produces?)\b", re.IGNORECASE)),
    ("input_tokens", re.compile(r"\b(?:prompts?|inputs?|instructions|questions?|queries|query|requests?|system)\b", re.IGNORECASE)),
)


def read_tokens(sentence, asked, found, spans, free) -> None:
    for match in _TOKENS.finditer(sentence):
        if not free(match):
            continue
        slot = _token_slot(sentence, match, asked)
        value = signed(match, parse_number(match.group("num"), match.group("mult")))
        spans.append(match.span())
        if slot not in found.updates and found.offer(slot, value):
            found.updates[slot] = int(round(value))
    if asked in TOKEN_SLOTS and asked not in found.updates and asked not in found.rejected:
        bare = BARE_VOLUME.search(sentence)
        if bare and free(bare) and not bare.group("sign"):
            value = parse_number(bare.group("num"), bare.group("mult") or bare.group("multword"))
            if not SLOT[asked].out_of_bounds(value):
                found.updates[asked] = int(round(value))
                spans.append(bare.span())


def _token_slot(sentence: str, match: re.Match, asked: str | None) -> str:
    """The token slot a count belongs to: what it is "of" ("2k tokens of context"), else the nearest
    keyword before it in its clause, else the asked slot, else the prompt."""
    after = re.match(r"\s*(?:of|for|in)?\s*(?:the\s+)?(?:retrieved\s+|system\s+)?(\w+)", sentence[match.end() :])
    if after:
        for slot, pattern in _TOKEN_KEYWORDS:
            if pattern.fullmatch(after.group(1)) or (slot == "context_tokens" and after.group(0).strip().startswith("retrieved")):
                return slot
    before = sentence[: match.start()]
    if re.search(r"\d\s*k?-tokens?$", match.group(0), re.IGNORECASE):
        # "a 400-token answer": the count measures the noun it makes an adjective of; what a text is
        # made from is what the model is given ("generated from a 1,800-token character sheet")
        named = " ".join(sentence[match.end() :].split()[:2])
        slot = next((slot for slot, pattern in _TOKEN_KEYWORDS if pattern.search(named)), None)
        if slot or re.search(r"\bfrom\s+(?:a|an|the|our|its|their)?\s*$", before, re.IGNORECASE):
            return slot or "input_tokens"
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0)
    best: tuple[int, str] | None = None
    for start in (clause_start, 0):  # the clause first, then the whole sentence before the count
        for slot, pattern in _TOKEN_KEYWORDS:
            for m in pattern.finditer(before, start):
                distance = match.start() - m.end()
                if best is None or distance < best[0]:
                    best = (distance, slot)
        if best:
            return best[1]
    return asked if asked in TOKEN_SLOTS else "input_tokens"
