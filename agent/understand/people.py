"""How many people a message counts when it gives more than a bare figure for them: a total said
outright ("call it 1,200 agents total", "about 900 nurses in all") over any count per group before
it, or groups of people multiplied out ("40 agencies with 20-40 agents each" is 1,200 agents, "35
clinics, each with about 8 nurses" is 280). What each person does is read by `headcount` and the
traffic readers; this module only counts the people."""

from __future__ import annotations

import re

from agent.understand.figures import DIGITS, parse_number

# The nouns people are counted by: a person's suffix ("-ers", "-ists", "-ysts"), bar the things that
# share one ("5 thousand normative documents", "300 orders", "40 incidents").
_THINGS_LIKE_PEOPLE = (
    r"[a-z]+ments|incidents|events|contents|intents|patents|variants|restaurants|plants|grants|percents|"
    r"papers|orders|letters|numbers|answers|chapters|filters|servers|containers|parameters|offers|registers|folders|"
    r"vouchers|transfers|headers|centers|centres|computers|layers|tokens|characters|markers|errors|vectors|factors|"
    r"sensors|processors|monitors|doors|floors|colors|colours|lists|texts|posts|tests|requests|products|reports"
)
PEOPLE = (
    r"(?!(?:" + _THINGS_LIKE_PEOPLE + r")\b)[a-z]+(?:ers|ors|ists|ysts|ians|ants|ents|ees)|people|users|staff|agents|reps|nurses|doctors|lawyers|members|students|teachers|"
    r"clinicians|physicians|drivers|technicians|employees|associates|adjusters|advisors|advisers|"
    r"paralegals|professionals|clerks|pilots|guards|chefs|medics|cadets|volunteers|pharmacists|dentists|vets|coaches|crew|techs|specialists|"
    r"(?:fore|sales|fire|police|crafts|trades|line|repair|work|fisher|service|business)(?:men|women)"
)
_APPROX = r"(?:about|around|roughly|approx\.?|some|maybe|like|~)\s*"
_IN_ALL = re.compile(
    r"(?<![\w$€£.,/])(?:" + _APPROX + r")?(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\s+(?:in\s+)?(?:total|all up|all|altogether|overall)\b"
    # "... that's 1,200 agents", "so ~1,200 people": a sum said after the groups
    r"|\b(?:so(?: that'?s| that is| about)?|that'?s|that is|which is|which makes|making|total(?:ling)?(?: of)?)\s+(?:" + _APPROX + r")?(?P<n2>" + DIGITS + r")\s*(?P<mult2>k|thousand)?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\b",
    re.IGNORECASE,
)
# Groups, then the people in each: "40 agencies with 20-40 agents each", "12 stores of ~15 staff",
# "35 clinics, each with about 8 nurses", "6 regional teams of 25 adjusters".
_GROUPS_OF_PEOPLE = re.compile(
    r"(?<![\w$€£.,/])(?P<groups>" + DIGITS + r")\s+(?:[a-z-]+\s+)?(?P<unit>[a-z]{3,}s)\b,?\s*(?:(?:each\s+)?(?:with|of|having|that have|employing)|,\s*each\s+(?:with|having|has)|each\s+(?:with|having))\s+"
    r"(?:" + _APPROX + r"|between\s+)?(?P<n>" + DIGITS + r")(?:\s*(?:-|–|to|and)\s*(?P<high>" + DIGITS + r"))?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\b"
    r"|(?<![\w$€£.,/])(?P<groups2>" + DIGITS + r")\s+(?:[a-z-]+\s+)?(?P<unit2>[a-z]{3,}s)\b\s*(?:,|with|of)\s*(?:" + _APPROX + r"|between\s+)?(?P<n2>" + DIGITS + r")(?:\s*(?:-|–|to|and)\s*(?P<high2>" + DIGITS + r"))?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\s+(?:each|apiece|per (?:site|one|\w+))\b",
    re.IGNORECASE,
)


def people_in_all(text: str) -> float | None:
    """The people `text` counts in all, when it says so or counts them by group; else None."""
    total = list(_IN_ALL.finditer(text))
    if total:
        last = total[-1]
        return parse_number(last.group("n") or last.group("n2"), last.group("mult") or last.group("mult2"))
    groups = list(_GROUPS_OF_PEOPLE.finditer(text))
    if not groups:
        return None
    last = groups[-1]
    low = parse_number(last.group("n") or last.group("n2"), None)
    high = last.group("high") or last.group("high2")
    each = (low + parse_number(high, None)) / 2 if high else low
    return parse_number(last.group("groups") or last.group("groups2"), None) * each
