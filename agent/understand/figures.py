"""How people write a figure: digits with their separators ("2,500", "2 500", "2.000"), number words
("a couple of", "a few dozen"), multipliers ("k", "1.5M", "40 grand") and the periods a rate is per.
The readers of volumes, bills, tokens and horizons build on these; `parse_count` reads a bare count
outside sentences (commands, flags).
"""

from __future__ import annotations

import re

from tools.scenario import DAYS_PER_MONTH

PER_DAY = {
    "second": 86_400.0,
    "minute": 1_440.0,
    "hour": 24.0,
    "day": 1.0,
    "week": 1 / 7,
    "month": 1 / DAYS_PER_MONTH,
    "quarter": 4 / 365,
    "year": 1 / 365,
}


WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty": 40, "fifty": 50,
    "sixty": 60, "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a dozen": 12,
    "half a": 0.5, "a few": 3, "several": 5, "a couple dozen": 24, "a couple of dozen": 24, "a few dozen": 36,
    "several dozen": 60, "dozens of": 36, "a dozen or so": 12, "few dozen": 36,
}  # fmt: skip


_MULTIPLIER_WORDS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mio": 1e6, "mln": 1e6, "mil": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "trillion": 1e12, "grand": 1e3,
}  # fmt: skip


DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"


_COUNT = re.compile(rf"(?P<num>{DIGITS})(?:\s*(?P<mult>k|m|mm|mn|b|bn)|\s+(?P<multword>thousand|million|billion))?", re.IGNORECASE)


def parse_count(text: str) -> float | None:
    """A bare count as people write it ("50000", "50,000", "50k", "1.5M", "2 million"); None if
    the text is not one. The one reader of such figures outside sentences (commands, flags)."""
    match = _COUNT.fullmatch(text.strip().replace("_", ""))
    if not match:
        return None
    return parse_number(match.group("num"), match.group("mult") or match.group("multword"))


# A dot followed by groups of exactly three digits, with no multiplier, is a thousands separator.
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def parse_number(num: str, mult: str | None) -> float:
    text = re.sub(r"[,\s\u00a0\u202f]", "", num.lower()) if num[:1].isdigit() else num.lower().replace(",", "")
    if not mult and _DOT_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")  # "2.000 questions a day", as much of Europe writes 2,000
    value = float(WORD_NUMBERS[text]) if text in WORD_NUMBERS else float(text)
    if mult:
        for part in mult.lower().split():
            value *= _MULTIPLIER_WORDS.get(part, 100.0 if part == "hundred" else 1.0)
    return value


# A cost named, then its amount after a pause: "cost is the issue, it's about 40k a month", "money is
# the problem - we're at 15k a month". The amount's words follow this (a `$`-anchored search of the
# text before the amount).
COST_THEN_AMOUNT = (
    r"\b(?:costs?|money|price|pricing|bill|spend|budget)\b[^.;]{0,30}(?:,|-|–|—)\s*"
    r"(?:it'?s|that'?s|which is|we'?re at|we are at|we pay|currently|now)(?: (?:about|around|roughly|like|over|nearly|at))?\s*$"
)


# A bill in another currency ("€18k a month", "£9,000 of tokens", "40k EUR"): the cost model works in dollars.
OTHER_CURRENCY = re.compile(r"[€£]|\b(?:eur|euros?|gbp|pounds?|chf|francs?|sek|nok|dkk|kronor|kroner|yen|jpy|inr|rupees?|aud|cad|a\$|c\$)\b", re.IGNORECASE)


# A figure written the way South Asia or continental Europe writes it: "1 lakh documents" (100,000),
# "2 crore" (20 million), "1,00,000" (Indian digit groups), "1,5 million" (a decimal comma before a
# scale): put in the digits every reader knows.
_REGIONAL_FIGURE = re.compile(
    r"(?<![\w.,])(?:(?P<lakh>\d+(?:[.,]\d+)?)\s*(?P<unit>lakhs?|lacs?|crores?)\b"
    r"|(?P<groups>\d{1,2}(?:,\d\d)+,\d{3})(?![\d,])"
    r"|(?P<whole>\d+),(?P<frac>\d{1,2})(?=\s*(?:k|m|mln|mio|million|billion|thousand)\b))",
    re.IGNORECASE,
)


def in_common_digits(text: str) -> str:
    """The text with figures written the regional ways (see `_REGIONAL_FIGURE`) in common digits."""
    return _REGIONAL_FIGURE.sub(_figure_in_digits, text)


def _figure_in_digits(match: re.Match) -> str:
    if match.group("groups"):
        return match.group("groups").replace(",", "")
    if match.group("whole"):
        return f"{match.group('whole')}.{match.group('frac')}"
    scale = 10_000_000 if match.group("unit").lower().startswith("cr") else 100_000
    return f"{float(match.group('lakh').replace(',', '.')) * scale:,.0f}"


# A figure's period corrected right after it: "2 million comments a week. sorry, a month, not a week",
# "we get 5k a week, sorry per day". The period is put right where the figure is; nothing is left to be
# read as how often the knowledge changes.
_FIGURE_PERIODS = r"day|week|month|hour|year"
_PERIOD_CORRECTION = re.compile(
    rf"\b(?P<lead>a|per|an|every)\s+(?P<old>{_FIGURE_PERIODS})\b(?P<mid>[^?!]{{0,20}}?)[.,;]?\s*\b(?:sorry|oops|i mean|i meant|actually|correction|no wait|make that|rather)\b[,:]?\s+"
    rf"(?:(?:a|per|an|every)\s+)?(?P<new>{_FIGURE_PERIODS})\b(?:,?\s*not\s+(?:a\s+|per\s+|an\s+)?(?:{_FIGURE_PERIODS})\b)?",
    re.IGNORECASE,
)


def period_corrected(text: str) -> str:
    """`text` with a figure's period put right where the figure is."""
    return _PERIOD_CORRECTION.sub(lambda m: f"{m.group('lead')} {m.group('new')}{m.group('mid')}", text)


# The period said right after an amount: "$31k a month", "$4k/mo".
_PERIOD_AFTER = re.compile(r"\s*(?:(?:/\s*|a |an |per |each |every )(?:month|mo|week|wk|year|yr|day)\b|(?:monthly|weekly|yearly|annually|daily)\b)", re.IGNORECASE)


def period_after(text: str) -> int:
    """How many characters of `text` (what follows an amount) say its period; 0 when none do."""
    after = _PERIOD_AFTER.match(text)
    return after.end() if after else 0
