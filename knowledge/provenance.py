"""The user's own documents next to the curated sources: what they are called in replies, what of
them is never quoted, and when one of their figures needs a caution.

- `user_title(title)` is how an ingested document is named wherever it is cited ("your document").
- `without_instructions(text)` drops the lines and sentences that address the assistant rather
  than inform the reader ("SYSTEM: ...", "ignore previous instructions"), so they are never stored
  as a passage, and so never quoted or handed to a model as a source.
- `figures_in(text)` finds the figures of a passage that state a quantity the curated sources also
  state (matched against the claims registry by their words), with the curated range, and
  `caution(figure)` words the warning when the user's figure falls outside that range.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from knowledge.claims import Claim, load_claims

# ---- naming ---------------------------------------------------------------------------------------


def user_title(title: str) -> str:
    """The title of an ingested document as replies show it."""
    return f"your document “{title}”" if title else "your document"


# ---- text addressed to the assistant --------------------------------------------------------------

# A line that speaks as a chat role or carries a prompt's markup.
_ROLE_LINE = re.compile(
    r"^\s*(?:[#>*\-\s]*)(?:\[?(?:system|assistant|developer)\]?\s*(?:prompt|message|note|instruction)?\s*:"
    r"|<\|?/?(?:system|assistant|im_start|im_end|instructions?)\|?>|\[/?(?:inst|system)\])",
    re.IGNORECASE,
)
# A sentence that gives the reader's assistant orders.
_ORDERS = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|every\s+)*"
    r"(?:previous|prior|above|earlier|preceding|former|original|system|existing)?\s*"
    r"(?:instructions?|prompts?|rules|guidelines|directions|context)\b"
    r"|\b(?:new|updated|revised)\s+instructions\s*:"
    r"|\byou\s+(?:are|'re)\s+now\b"
    r"|\b(?:you|the)\s+(?:ai|assistant|advisor|language\s+model|chatbot|llm)\s+(?:must|should|will)\s+(?:always|never|now)\b"
    r"|\bdo\s+not\s+(?:tell|reveal\s+to|mention\s+to|show)\s+the\s+user\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


def addresses_assistant(text: str) -> bool:
    """True when `text` speaks to an AI assistant instead of informing a reader."""
    return any(_ROLE_LINE.search(line) for line in text.splitlines()) or bool(_ORDERS.search(text))


def without_instructions(text: str) -> tuple[str, list[str]]:
    """`text` without the lines and sentences that address the assistant, and what was dropped."""
    kept_lines, dropped = [], []
    for line in text.split("\n"):
        if _ROLE_LINE.search(line):
            dropped.append(line.strip())
            continue
        if not _ORDERS.search(line):
            kept_lines.append(line)
            continue
        sentences = _SENTENCE.split(line)
        kept = [s for s in sentences if not _ORDERS.search(s)]
        dropped += [s.strip() for s in sentences if _ORDERS.search(s)]
        if kept:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines), [d for d in dropped if d]


# ---- figures against the curated range ------------------------------------------------------------

_MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|b|thousand|million|billion)?\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_MILLIS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?ms\b")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are as at be by can cost costs for from has have in is it its of on or per the this to was "
    "were with you your we our us than that which who will would about around roughly only just total usd".split()
)
_SYNONYMS = {"finetune": "finetun", "finetuning": "finetun", "finetuned": "finetun", "qlora": "lora"}


def _words(text: str) -> set[str]:
    """Content words, lightly normalised, so that a document's sentence and a claim can be compared."""
    text = re.sub(r"fine[\s-]+tun", "finetun", text.lower())
    words = set()
    for word in _WORD.findall(text):
        if word in _STOP or word.isdigit() or len(word) < 2:
            continue
        word = _SYNONYMS.get(word, word)
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word.startswith("finetun"):
            word = "finetun"
        words.add(word)
    return words


def _family(unit: str) -> str | None:
    unit = unit.lower()
    if unit.startswith("usd"):
        return "money"
    if unit.startswith("ms"):
        return "ms"
    if unit.startswith("fraction"):
        return "fraction"
    return None


@dataclass(frozen=True)
class CuratedRange:
    """What the curated sources state for one quantity, in one unit."""

    quantity: str
    unit: str
    family: str
    low: float
    high: float
    sources: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A figure in a user's document, the curated range for the same quantity, and the sentence."""

    value: float
    text: str
    sentence: str
    curated: CuratedRange

    @property
    def outside(self) -> bool:
        return not self.curated.low <= self.value <= self.curated.high


@lru_cache(maxsize=1)
def _claim_index() -> tuple[list[tuple[Claim, set[str], str]], dict[str, float], dict[tuple[str, str], CuratedRange]]:
    claims = [c for c in load_claims() if c.low is not None and _family(c.unit)]
    described = [(c, _words(f"{c.quote} {c.conditions} {c.quantity.replace('_', ' ')}"), _family(c.unit)) for c in claims]
    counts: dict[str, int] = {}
    for _, words, _ in described:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    idf = {word: math.log(1 + len(described) / n) for word, n in counts.items()}
    ranges: dict[tuple[str, str], CuratedRange] = {}
    for claim, _, family in described:
        key = (claim.quantity, claim.unit)
        same = [c for c, _, _ in described if (c.quantity, c.unit) == key]
        if key not in ranges:
            ranges[key] = CuratedRange(
                claim.quantity, claim.unit, family, min(c.low for c in same), max(c.high for c in same),
                tuple(dict.fromkeys(c.source_id for c in same)), tuple(c.quote for c in same),
            )
    return described, idf, ranges


def _values(sentence: str) -> list[tuple[str, float, str]]:
    """(family, value, as written) of each figure in a sentence."""
    found = []
    for match in _MONEY.finditer(sentence):
        value = float(match.group(1).replace(",", "")) * _SCALE.get((match.group(2) or "").lower(), 1)
        found.append(("money", value, match.group(0).strip()))
    for match in _PERCENT.finditer(sentence):
        found.append(("fraction", float(match.group(1)) / 100, match.group(0)))
    for match in _MILLIS.finditer(sentence):
        found.append(("ms", float(match.group(1).replace(",", "")), match.group(0)))
    return found


# The words a sentence must share with a claim (weighted by rarity) to state the same quantity.
MIN_MATCH = 2.5


def figures_in(text: str) -> list[Figure]:
    """The figures of `text` that state a quantity the curated sources state, with their range."""
    described, idf, ranges = _claim_index()
    figures = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        values = _values(sentence)
        if not values:
            continue
        words = _words(sentence)
        for family, value, written in values:
            scored = [(sum(idf[w] for w in words & claim_words), claim) for claim, claim_words, f in described if f == family]
            score, claim = max(scored, key=lambda item: item[0], default=(0.0, None))
            if claim is not None and score >= MIN_MATCH and len(words & _words(claim.quote + " " + claim.conditions)) >= 2:
                figures.append(Figure(value, written, sentence.strip(), ranges[(claim.quantity, claim.unit)]))
    return figures


def _show(value: float, family: str) -> str:
    if family == "fraction":
        return f"{value * 100:g}%"
    if family == "ms":
        return f"{value:,g} ms"
    return f"${value:,.2f}".replace(".00", "") if value < 100 and value != int(value) else f"${value:,.0f}"


def caution(figure: Figure) -> str:
    """The warning for a user's figure outside the curated range, naming both."""
    curated = figure.curated
    what = curated.quantity.removesuffix("_usd").removesuffix("_ms").replace("_", " ")
    sources = ", ".join(curated.sources)
    return (
        f"caution: it gives {figure.text} for {what}, outside the {_show(curated.low, curated.family)} to "
        f"{_show(curated.high, curated.family)} of the curated sources ({sources})"
    )


# ---- a user's passage in search results -----------------------------------------------------------


def user_passage(document: str, title: str) -> tuple[str, str, str | None] | None:
    """How a passage of the user's documents is shown: (text without lines addressing the assistant,
    "your document “title”" with any caution, the caution); None if nothing else is left."""
    text, _ = without_instructions(document)
    if not text.strip():
        return None
    outside = [figure for figure in figures_in(text) if figure.outside]
    warning = caution(outside[0]) if outside else None
    return text, user_title(title) + (f" ({warning})" if warning else ""), warning


def curated_first(results: list[Any], ranked: list[tuple[str, float]],
                  candidate: Callable[[str], tuple[str, bool] | None], build: Callable[[str, float], Any]) -> list[Any]:
    """`results` (values with `origin`, `text`, `chunk_id`) reordered so that a passage of the user's
    stating a figure the curated sources also state never ranks above the best curated passage for
    it: that passage goes first, brought in from `ranked` (chunk id, score; best first) when it
    missed the cut. `candidate(cid)` gives a ranked passage's (text, curated?), `build(cid, score)` its
    result. Otherwise the user's passages compete on equal scores."""
    ordered = list(results)
    for result in results:
        if result.origin == "bundled":
            continue
        for figure in figures_in(result.text):
            quotes = [" ".join(q.split()) for q in figure.curated.quotes]
            at = ordered.index(result)
            for cid, score in ranked:
                found = candidate(cid)
                if found is None or not found[1] or not any(q in " ".join(found[0].split()) for q in quotes):
                    continue
                curated = next((r for r in ordered if r.chunk_id == cid), None)
                if curated is not None and ordered.index(curated) < at:
                    break
                if curated is None:
                    curated = build(cid, score)
                else:
                    ordered.remove(curated)
                ordered.insert(at, curated)
                break
    return ordered[: len(results)]
