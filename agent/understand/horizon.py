"""The planning horizon in user text: "over 18 months", "a 3-year TCO", "24 months" (when the horizon
was asked or is hinted). Never time already spent ("we tried prompting for 2 months"), how long
knowledge has stayed put ("hasn't changed in two years"), how long something stays as it is ("fixed
for the year") or the period of an amount ("$3k a month").
"""

from __future__ import annotations

import re

from agent.understand.figures import parse_number
from agent.understand.quantities import clause_before

_HORIZON_NUM = r"(?P<num>\d+(?:\.\d+)?|a couple of|a couple|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four|thirty-six)"


_HORIZON = re.compile(
    r"\b(?:over|for|across|within|during|next|horizon of|period of|time ?frame of|plan(?:ning)? for|budget(?:ing)? for|"
    r"look(?:ing)? at|amorti[sz]\w* over|projected over|instead of)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?"
    + _HORIZON_NUM
    + r"?\s*-?\s*(?P<unit>months?|years?|yrs?|mos?)\b"
    r"|\b" + _HORIZON_NUM.replace("num", "num2") + r"\s*-?\s*(?P<unit2>months?|years?|yrs?)\s*-?\s*(?:horizon|period|window|plan|time ?frame|outlook|tco|view)\b",
    re.IGNORECASE,
)


# (not a frequency: "only change once a year", "twice a month", "every 2 years")
_BARE_HORIZON = re.compile(r"(?<!once )(?<!twice )(?<!times )(?<!every )(?<!per )\b" + _HORIZON_NUM + r"\s*-?\s*(?P<unit>months?|years?|yrs?|mos?)\b", re.IGNORECASE)


# "hasn't been updated in over two years" says how stable the knowledge is, not a planning horizon.
_SINCE_CHANGE = re.compile(r"\b(?:chang|updat|touch|edit|revis|mov|releas)\w*\s+(?:in\s+|for\s+)?$", re.IGNORECASE)


# Time already spent: "we tried prompting for the voice for 2 months", "it's been live for 6 months".
_PAST_SPAN = re.compile(
    r"\b(?:tried|tested|ran|run|used|been|had|spent|tinkered|experimented|played|piloted|worked|struggled|fought|did|iterated|prototyped|"
    r"prompted|trialled|trialed|evaluated|benchmarked|tuned|tweaked|hacked|built|deployed|launched|collected|logged|labell?ed|done|work|"
    r"for the (?:last|past)|over the (?:last|past)|since|ago|already|"
    # an effort under way: "we have been trying with ChatGPT and a long instruction for two months"
    r"trying|testing|struggling|fighting|iterating|tweaking|experimenting|playing|prototyping|piloting)\b",
    re.IGNORECASE,
)
# ... said with "have been" anywhere shortly before: the span is one already lived
_BEEN_AT_IT = re.compile(r"\b(?:have|has|'ve|'s)\s+been\b[^.;?!]{0,70}$", re.IGNORECASE)


_HORIZON_HINT = re.compile(r"\b(horizon|tco|total cost|budget|plan|amorti[sz]|projection|project it)", re.IGNORECASE)


_STATE_FOR = re.compile(r"\b(?:fixed|frozen|locked|stable|same|set|static|valid|constant|unchanged|in place|the same)\s*$|\bsame\s+(?:[\w-]+\s+){1,2}$", re.IGNORECASE)


# An amount just before the period: "$3k a month", "the bill is like 90k a month", "40 grand/month".
_AMOUNT_BEFORE = re.compile(
    r"(?P<money>[$€£]\s?[\d,.]+\s*(?:k|m)?)\s*(?P<per>/|a|an|per)?\s*$"
    r"|\b\d[\d,.]*\s*(?:k|m|mm|bn|grand|bucks|dollars|usd|eur|euros?|gbp|pounds)?\s*(?P<per2>/|a|an|per)?\s*$",
    re.IGNORECASE,
)


def _amount_per(before: str, period: str) -> bool:
    """Whether the period follows an amount ("90k a month"): the amount's period, not a horizon."""
    amount = _AMOUNT_BEFORE.search(before)
    return bool(amount and (amount.group("money") or amount.group("per") or amount.group("per2") or re.match(r"(?:a|an|per)\b", period, re.IGNORECASE)))


def read_horizon(sentence, asked, found, spans, free) -> None:
    candidates = list(_HORIZON.finditer(sentence))
    if asked == "horizon_months" or _HORIZON_HINT.search(sentence):
        candidates += list(_BARE_HORIZON.finditer(sentence))
    for match in candidates:
        if (not free(match) or _SINCE_CHANGE.search(sentence[: match.start()]) or _PAST_SPAN.search(clause_before(sentence, match.start()))
                or _BEEN_AT_IT.search(sentence[: match.start()])):
            continue  # "we tried prompting for 2 months": time already spent, not the horizon to compare over
        if _STATE_FOR.search(sentence[: match.start()]) or _amount_per(sentence[: match.start()], match.group(0)):
            continue  # "fixed for the year", "90k a month": how long something stays, an amount's period
        groups = match.groupdict()
        if not (groups.get("num") or groups.get("num2")) and re.match(r"(?:across|during|over|for|within)\s+(?:the\s+)?(?:months?|years?|yrs?|mos?)\b", match.group(0), re.IGNORECASE):
            continue  # "on average across the year", "busy during the year": a span averaged over, not a horizon
        if not (groups.get("num") or groups.get("num2")) and re.match(r"next\b", match.group(0), re.IGNORECASE):
            continue  # "we need a decision by next month", "launch next year": a point in time, not a span to cost over
        num = groups.get("num") or groups.get("num2") or "1"
        unit = (groups.get("unit") or groups.get("unit2")).lower()
        months = parse_number(num, None) * (12 if unit.startswith("y") else 1)
        spans.append(match.span())
        if found.offer("horizon_months", months):
            found.updates["horizon_months"] = int(round(months))
        return
