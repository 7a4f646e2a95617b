"""Figure grounding: every number a reply shows must come from the cost model's output, the profile,
or a passage the reply cites.

What counts as a figure (as a reader sees it):
- numbers with optional currency, thousands separators, decimals and a multiplier: "$12,345",
  "$1.2M", "12k", "3.3M calls", "1.5 million", "45%", "0.3", "10x", "100ms", "$3/M tokens" (the 3);
- both ends of a range: "$10–50", "2-4 weeks", "60-90%".

What does not:
- citation markers "[1]", "[1, 2]" and numbered-list markers at the start of a line ("1. ", "2) ");
- numbers inside identifiers and model names: anything glued to a letter before it ("gpt-4o",
  "claude-sonnet-4-5", "H100", "p95", "top-3"), glued to a letter after it that is not a unit
  ("L40S", "4o"), or following a model family name ("Claude Sonnet 4.5", "Llama 3 70B");
- parameter sizes such as "7B" or "70B": a bare "B" after a number names a model size, not a money
  figure ("$1.2B" and "1.2bn" are figures);
- unit denominators: "per 1M tokens", "$/1K calls";
- Markdown link targets and bare URLs;
- numbers written as words ("two years"): the validator reads digits only.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from dataclasses import dataclass
from numbers import Real
from typing import Any, Iterable, Mapping

_MULTIPLIERS = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "m": 1e6,
    "MM": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
}
# Suffixes that make a glued number a measurement rather than part of a name.
_UNIT_SUFFIXES = {"%", "x", "×", "ms", "s", "sec", "secs", "h", "hr", "hrs", "min", "mins", "pp", "th", "st", "nd", "rd", "mo", "GB", "MB", "TB", "GiB", "MiB"}
_MODEL_FAMILIES = r"claude|sonnet|haiku|opus|gpt|llama|qwen|mistral|mixtral|gemini|gemma|phi|deepseek|coder|o1|o3|o4"

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_FIGURE = re.compile(
    r"(?P<currency>US\$|\$|€|£)?(?P<number>" + _NUMBER + r")"
    r"(?:\s(?P<word>thousand|million|billion|trillion)\b|(?P<mult>bn|mn|MM|[kKMmB])(?![A-Za-z]))?"
    r"(?P<suffix>[A-Za-z%×]+)?"
)
_CITATION = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")
_LIST_MARKER = re.compile(r"^[ \t>*-]*\d+[.)](?=\s)", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_FAMILY_BEFORE = re.compile(r"\b(?:" + _MODEL_FAMILIES + r")[\s-]+(?:\d+(?:\.\d+)?[\s-]+)?$", re.IGNORECASE)
# Characters that glue a number into a longer name ("claude-sonnet-4-5", "qwen2.5", "v1/beta", "v0:1").
_NAME_GLUE = "-_./:"


@dataclass(frozen=True)
class Figure:
    """A number as shown in text: its text, value, unit ("$", "%", "x", ...), position and the
    rounding its display implies (half a unit of its last significant digit)."""

    text: str
    value: float
    unit: str
    start: int
    end: int
    tolerance: float


@dataclass(frozen=True)
class GroundingReport:
    """Whether every figure is grounded, and the ones that are not."""

    ok: bool
    ungrounded: tuple[Figure, ...]

    def describe(self) -> str:
        """One line naming the ungrounded figures, for a regeneration prompt or a log."""
        if self.ok:
            return "every figure is grounded"
        shown = ", ".join(f"{f.text!r}" for f in self.ungrounded)
        return f"figures not found in the cost model's output, the profile or a cited passage: {shown}"


def extract_figures(text: str) -> list[Figure]:
    """The figures a reader sees in Markdown `text`, in order (both ends of a range)."""
    masked = _mask(text)
    figures: list[Figure] = []
    for match in _FIGURE.finditer(masked):
        figure = _figure(masked, match)
        if figure is not None:
            figures.append(figure)
    return figures


def _mask(text: str) -> str:
    """Blank out what is never a figure, keeping positions so spans point into the original."""

    def blank(match: re.Match) -> str:
        return " " * len(match.group(0))

    for pattern in (_LINK_TARGET, _URL, _CITATION, _LIST_MARKER):
        text = pattern.sub(blank, text)
    return text


def _figure(text: str, match: re.Match) -> Figure | None:
    start = match.start()
    currency = match.group("currency") or ""
    if not currency and (_glued_to_name(text, start) or _FAMILY_BEFORE.search(text[max(0, start - 40) : start])):
        return None
    if start and (text[start - 1].isdigit() or (text[start - 1] == "." and start >= 2 and text[start - 2].isdigit())):
        return None  # the tail of a longer token, such as a version "1.2.3"
    multiplier_text = match.group("word") or match.group("mult") or ""
    suffix = match.group("suffix") or ""
    if multiplier_text == "B" and not currency:
        return None  # "7B", "70B": a model size
    if match.group("number") == "1" and multiplier_text and not currency and re.search(r"(?:\bper|/)\s*$", text[:start]):
        return None  # "per 1M tokens": a unit of measure, not a quantity
    if suffix and suffix not in _UNIT_SUFFIXES:
        return None  # "L40S", "4o", "12kg": letters glued on make a name
    digits = match.group("number").replace(",", "")
    multiplier = _MULTIPLIERS.get(multiplier_text, 1.0)
    unit = currency or {"%": "%", "x": "x", "×": "x"}.get(suffix, suffix)
    return Figure(
        text=match.group(0),
        value=float(digits) * multiplier,
        unit=unit,
        start=start,
        end=match.end(),
        tolerance=_half_unit(digits) * multiplier,
    )


def _glued_to_name(text: str, start: int) -> bool:
    """True when letters precede the number within the same token: "gpt-4o", "H100", "top-3"."""
    index = start - 1
    while index >= 0 and (text[index].isalnum() or text[index] in _NAME_GLUE):
        if text[index].isalpha():
            return True
        index -= 1
    return False


def _half_unit(digits: str) -> float:
    """Half a unit of the last significant digit shown, treating trailing zeros of a whole number as
    rounding but never coarser than two significant figures ("12,000" ~ ±500, "100,000" ~ ±5,000)."""
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return 0.5 * 10 ** (-decimals)
    stripped = digits.lstrip("0") or "0"
    trailing = len(stripped) - len(stripped.rstrip("0"))
    significant = len(stripped) - trailing
    if significant < 2:
        trailing = max(0, len(stripped) - 2)
    return 0.5 * 10**trailing if stripped != "0" else 0.5


def check_grounding(text: str, allowed: Iterable[float], passages: Iterable[str] = ()) -> GroundingReport:
    """Check that every figure in `text` equals, within the rounding its display implies, a number in
    `allowed` (cost model output, profile) or a number shown in one of the cited `passages`.
    A percentage also matches its fraction ("45%" matches 0.45)."""
    pool = [abs(float(v)) for v in allowed if _is_number(v)]
    for passage in passages:
        pool.extend(f.value for f in extract_figures(passage))
    pool.sort()
    ungrounded = tuple(f for f in extract_figures(text) if not _grounded(f, pool))
    return GroundingReport(not ungrounded, ungrounded)


def _grounded(figure: Figure, pool: list[float]) -> bool:
    # A small relative slack absorbs binary floating-point error on values like 0.1 * 3.
    slack = figure.tolerance + 1e-9 * max(1.0, figure.value)
    if _within(pool, figure.value - slack, figure.value + slack):
        return True
    if figure.unit == "%":
        return _within(pool, (figure.value - slack) / 100, (figure.value + slack) / 100)
    return False


def _within(pool: list[float], low: float, high: float) -> bool:
    index = bisect.bisect_left(pool, low)
    return index < len(pool) and pool[index] <= high


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def allowed_numbers(*structures: Any) -> set[float]:
    """Every numeric leaf of nested dicts, lists, tuples and dataclasses (and the figures shown in
    their strings, such as a cost report's "reason"), as absolute values."""
    found: set[float] = set()
    stack = list(structures)
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, bool):
            continue
        if _is_number(item):
            found.add(abs(float(item)))
        elif isinstance(item, str):
            found.update(f.value for f in extract_figures(item))
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif hasattr(item, "tolist"):  # numpy arrays and scalars
            stack.append(item.tolist())
    return found
