"""A peak beside the normal day: which of several traffic figures is the busy stretch ("2M on peak
days", "9k a day in spring", "finals week goes up to 110k") and which the day a month is costed on
("600k on an average day", "about 2k normally", "avg maybe a third of that")."""

from __future__ import annotations

import re

# A figure at the peak ("2M at peak", "spikes to 40 rps") is not the average a month is costed on.
PEAK = re.compile(r"\b(?:peaks?|peaking|busiest|busy|spikes?|spiking|bursts?|max(?:imum)?|at most|up to(?! date)|black friday|worst[- ]case|high season|launch days?|"
                   r"(?:goes|go|going|jumps?|climbs?|rises?|shoots?|spikes?) (?:up )?to|can (?:hit|reach|top|get to|go (?:up )?to)|"
                   # "after a big layoff announcement it can hit 60k a day"
                   r"(?:after|when(?: there'?s)?) (?:a |an |the )?(?:big |major |large )?(?:[\w-]+ )?(?:announcements?|storms?|outages?|incidents?|recalls?|layoffs?|launch(?:es)?)|(?:finals|exams?|launch|sale|holiday|peak|busy|rush|enrol?ment) (?:weeks?|season|period|days?)|"
                   r"(?:during|in) (?:the )?(?:\w+ )?(?:season|storms?|holidays?|rush|surges?|outages?)|"
                   # "5k a day on matchdays", "9k a day in spring"
                   r"(?:on|during) (?:the )?(?:\w+ )?(?:match ?days?|game ?days?|sale days?|event days?|launch(?: days?| weeks?)?|weekends?|mondays?)|"
                   r"in (?:the )?(?:spring|summer|autumn|fall|winter|december|january|q[1-4]|run-up|busy months?))\b", re.IGNORECASE)
# The average said as a bare figure beside a peak: "200k a day in storm season, average day maybe 120k".
AVERAGE_BARE = re.compile(
    r"\b(?:average|avg|typical|normal|ordinary|usual|regular|most days|normally|usually|typically|ordinarily|day[- ]to[- ]day)(?: day| days| week)?\b[^.;\d]{0,20}?(?P<num>\d[\d,.]*)\s*(?P<mult>k|m|thousand|million)?\b(?!\s*(?:%|ms|s\b|tokens|x\b))"
    # or after it: "200/sec at peak, maybe 60 avg", "1.2M on black friday, 400k on average"
    r"|(?<![\d,.])(?P<num2>\d[\d,.]*)\s*(?P<mult2>k|m)?\s*(?:/\s*s(?:ec)?|rps|qps|a day|per day|/\s*day)?\s*(?:on\s+)?"
    # "... about 2k normally", "about 900 otherwise", "but 8k is the average"
    r"(?:avg|average|on average|typically|normally|usually|otherwise|most days|the rest of the (?:time|year)|off[- ]season|(?:is|being) (?:the |our )?(?:average|typical|norm|normal))\b"
    # a day's total beside an hourly peak: "mornings peak at ~3k an hour but across the whole day it's about 20k"
    r"|\b(?:across|over|for|in) the (?:whole|entire|full) day\b[^.;\d]{0,20}?(?P<day>\d[\d,.]*)\s*(?P<daymult>k|m)?\b",
    re.IGNORECASE,
)
# The average said as a share of a peak just given: "avg maybe a third of that", "average is half that".
_AVERAGE_SHARE = re.compile(
    r"\b(?:average|avg|typical(?:ly)?|normal(?:ly)?|usual(?:ly)?|on a normal day)\b[^.;]{0,20}?\b(?P<share>half|a third|one third|a quarter|one quarter|a fifth|a tenth)\b(?: of)? (?:that|it|this|the peak|peak)\b",
    re.IGNORECASE,
)
_SHARES = {"half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 1 / 4, "one quarter": 1 / 4, "a fifth": 1 / 5, "a tenth": 1 / 10}


def average_share(sentence: str) -> float | None:
    """The share of a peak that the sentence says is the average ("avg maybe a third of that"), or None."""
    match = _AVERAGE_SHARE.search(sentence)
    return _SHARES[match.group("share").lower()] if match else None


# A figure that sums up the ones before it: "call it 10k a day total", "so call it 3.5k briefings a
# day", "On average across the year it's about 3k a day". It is the one to cost, in its sentence and
# over an earlier sentence of the message.
SUMS_UP = re.compile(
    r"\b(?:call it|in total|all in|all told|altogether|overall|combined|on average|averag(?:e|es|ed|ing)(?: out)?|avg|adds? up to|"
    r"works? out (?:at|to)|comes? (?:out )?to|across the (?:whole |entire )?year)\b",
    re.IGNORECASE,
)
_SUMS_UP_BEFORE = re.compile(rf"(?:{SUMS_UP.pattern}|\bso)[^.;\d]{{0,30}}$", re.IGNORECASE)
_SUMS_UP_AFTER = re.compile(r"^[^.;,\d]{0,12}\b(?:total|in total|combined|overall|altogether|all in|all told)\b", re.IGNORECASE)


def sums_up(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the figure at `span` sums up the sentence's others (see `SUMS_UP`)."""
    return bool(_SUMS_UP_BEFORE.search(sentence[: span[0]]) or _SUMS_UP_AFTER.match(sentence[span[1] :]))
