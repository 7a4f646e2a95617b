"""Numbers written in words put in digits, as people say figures: "twelve thousand chats", "fifteen
hundred emails", "a quarter million", "two or three questions", "about three summaries each". The
scale stays a word ("12 thousand"), which every reader already knows."""

from __future__ import annotations

import re

# A number written in words before its scale: "one hundred fifty thousand comments", "eighteen
# thousand dollars", "thirty grand", "two and a half million".
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# (whole words only: "five thousand tenant questions" has no "ten" in it)
_A_NUMBER_WORD = "(?:" + "|".join([*UNITS, *_TENS]) + r")\b"
_NUMBER_WORDS = re.compile(
    # ("and" joins only after "hundred": "one hundred and fifty"; "fifty and seventy thousand" is a range)
    rf"\b(?P<words>(?:{_A_NUMBER_WORD})(?:(?:[\s-]+|(?<=hundred)\s+and\s+)(?:{_A_NUMBER_WORD}|hundred))*)(?P<half>\s+and a half)?"
    r"(?P<scale>\s+(?:thousand|million|billion|grand)\b)"
    # what follows the scale: "two thousand five hundred" is 2,500
    rf"(?P<rest>(?:\s+(?:and\s+)?(?:{_A_NUMBER_WORD})(?:(?:[\s-]+|(?<=hundred)\s+and\s+)(?:{_A_NUMBER_WORD}|hundred))*)?)",
    re.IGNORECASE,
)
# Hundreds counted in teens or tens, as people say figures: "fifteen hundred emails", "twenty-five hundred".
_HUNDREDS = re.compile(
    r"\b(?P<teen>eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\s+hundred\b(?!\s+(?:thousand|million|and)\b)"
    r"|\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?P<unit>one|two|three|four|five|six|seven|eight|nine)\s+hundred\b(?!\s+(?:thousand|million|and)\b)"
    # "six hundred nurses" (not "six hundred fifty", "two hundred thousand", "a hundred of them")
    r"|(?<!thousand )(?<!million )\b(?P<single>one|two|three|four|five|six|seven|eight|nine)\s+hundred\b(?!\s+(?:thousand|million|billion|and|of)\b|\s+" + _A_NUMBER_WORD + r"|[\s-]+\d)",
    re.IGNORECASE,
)


def _hundreds_in_digits(match: re.Match) -> str:
    if match.group("teen") or match.group("single"):
        return str(UNITS[(match.group("teen") or match.group("single")).lower()] * 100)
    return str((_TENS[match.group("tens").lower()] + UNITS[match.group("unit").lower()]) * 100)


# A fraction of a scale: "a quarter million", "half a million", "a quarter of a million".
_FRACTION_OF = re.compile(r"\b(?P<fraction>a quarter(?: of a)?|half a|three quarters of a)\s+(?P<scale>million|thousand)\b", re.IGNORECASE)
_FRACTIONS = {"a quarter": 0.25, "a quarter of a": 0.25, "half a": 0.5, "three quarters of a": 0.75}


def _fraction_in_digits(match: re.Match) -> str:
    """ "a quarter million" -> "250 thousand", "half a thousand" -> "500"."""
    value = _FRACTIONS[match.group("fraction").lower()] * 1000
    return f"{value:g} thousand" if match.group("scale").lower() == "million" else f"{value:g}"


_RANGE_LOW_WORD = re.compile(rf"\b(?P<word>{_A_NUMBER_WORD})(?P<joint>\s+(?:and|to|or)\s+|\s*[-–]\s*)(?=\d+(?:\.\d+)?\s+(?:thousand|million|billion|grand)\b)", re.IGNORECASE)


_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_HEDGED_UNIT = re.compile(r"\b(?P<hedge>(?:about|around|roughly|maybe|approximately|perhaps|probably|only|typically|usually|normally|generally|on average|and|with|it|them)\s+)(?P<unit>two|three|four|five|six|seven|eight|nine|ten)\b(?=\s+(?:[a-z-]+\s+)?[a-z]+s\b|\s+or so\b)", re.IGNORECASE)
_TEENS = "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_WORDS = re.compile(
    rf"\b(?P<tens>{'|'.join(_TENS)})(?:[\s-](?P<unit>one|two|three|four|five|six|seven|eight|nine))?\b(?=\s+[a-z])|\b(?P<teen>{_TEENS})\b(?=\s+[a-z])",
    re.IGNORECASE,
)


def _tens_in_digits(match: re.Match) -> str:
    if match.group("teen"):
        return str(UNITS[match.group("teen").lower()])
    return str(_TENS[match.group("tens").lower()] + (UNITS[match.group("unit").lower()] if match.group("unit") else 0))


def _in_digits(match: re.Match) -> str:
    total = _words_value(match.group("words")) + (0.5 if match.group("half") else 0)
    rest = match.group("rest").strip()
    if rest:
        scale = {"thousand": 1_000, "grand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}[match.group("scale").strip().lower()]
        return f"{total * scale + _words_value(rest):g}"
    return f"{total:g}{match.group('scale')}"


def _words_value(words: str) -> float:
    current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "hundred":
            current = (current or 1) * 100
        elif word != "and" and word:
            current += UNITS.get(word) or _TENS.get(word, 0)
    return current


# Hundreds with more after them: "about a hundred and twenty of them", "two hundred fifty drivers", "a
# hundred and twenty-five thousand users" (the scale stays a word after the digits).
_HUNDRED_AND = re.compile(
    rf"\b(?P<hundreds>a|one|two|three|four|five|six|seven|eight|nine)\s+hundred\s+(?:and\s+)?(?P<rest>(?:{'|'.join(_TENS)})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{'|'.join(UNITS)})\b)"
    r"(?![\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b)(?!\s+hundred\b)",
    re.IGNORECASE,
)


def numbers_in_digits(text: str) -> str:
    """`text` with its numbers written in words put in digits."""
    text = _FRACTION_OF.sub(_fraction_in_digits, text)
    text = _HUNDRED_AND.sub(lambda m: f"{(UNITS.get(m.group('hundreds').lower()) or 1) * 100 + _words_value(m.group('rest'))}", text)
    text = _HUNDREDS.sub(_hundreds_in_digits, text)
    text = _NUMBER_WORDS.sub(_in_digits, text)
    # a small count after a hedge, before what it counts: "each call gets about three summaries"
    text = _HEDGED_UNIT.sub(lambda m: f"{m.group('hedge')}{UNITS[m.group('unit').lower()]}", text)
    # a count from eleven up, written out before what it counts: "forty pharmacists", "twenty times a week"
    text = _TENS_WORDS.sub(_tens_in_digits, text)
    # the low end of a range shares the high end's scale: "between fifty and 70 thousand" is 50 to 70 thousand
    text = _RANGE_LOW_WORD.sub(lambda m: f"{UNITS.get(m.group('word').lower()) or _TENS[m.group('word').lower()]}{m.group('joint')}", text)
    # "each asking 2 or 3 questions a week" asks 2.5: the middle of the two (in words too: "two or three")
    text = re.sub(rf"\b({_SMALL}) or ({_SMALL})\b", lambda m: f"{UNITS[m.group(1).lower()]} or {UNITS[m.group(2).lower()]}", text, flags=re.IGNORECASE)
    return text
