"""Traffic said per person: what each one does, times how many of them there are, where the count
may come in this message or an earlier one ("~900 caseworkers" ... "each does maybe 30 lookups a day"),
active users with what each does ("~20k DAU doing ~3 queries each"), "each of our 60 lawyers runs
maybe 25 searches a day", or a share of the people and how often they use it ("2,500 employees,
maybe half use it once a day")."""

from __future__ import annotations

import functools
import re

from agent.understand.clauses import spell_out
from agent.understand.counted import per_unit_said_later
from agent.understand.figures import DIGITS, PER_DAY, parse_number
from agent.understand.people import PEOPLE, people_in_all
from agent.understand.quantities import REQUEST_NOUNS

# What each person does, said in a sentence of its own: "Each adjuster asks maybe 15 questions a day".
_EACH_PERSON = re.compile(
    # a few words may lead in: "We'd expect each staff member to ask maybe 10 questions a day",
    # "Usage guess: each lawyer maybe 10 queries a day"
    r"^\W*(?:[a-z']+[:,]?\s+){0,8}?(?:each|every)\s+(?!(?:would|will|could|might|may|should|probably|maybe|one|person|of)\b)(?P<who>[a-z]{2,})\s+(?:\w+\s+){0,6}?(?:~\s*)?(?P<num>" + DIGITS + r")(?:\s*(?P<mult>k|thousand)\b)?\s*(?:[a-z]+\s+){0,3}?"
    r"(?:a|an|per|each|every|/)\s*(?:working\s+|business\s+|shift\s+)?(?P<period>day|week|month)\b",
    re.IGNORECASE,
)
# ... with "each" after the period: "Staff average maybe 15 questions a day each", "techs do ~10 lookups a day each".
_WHO_EACH = re.compile(
    r"^\W*(?:the |our |my |all (?:the )?|and )?(?P<who>[a-z]{2,})\s+(?:\w+\s+){0,3}?(?:~\s*)?(?P<num>" + DIGITS + r")\s*(?:[a-z]+\s+){0,2}?"
    r"(?:a|an|per|every|/)\s*(?:working\s+|business\s+|shift\s+)?(?P<period>day|week|month)\s+(?:each|apiece|per (?:person|head))\b",
    re.IGNORECASE,
)
# ... with the person named after "per": "~25 lookups per broker a day" (a table row laid out as prose),
# "more like 25 a clinic per day".
_PER_WHO = re.compile(
    r"(?<![\w$€£.,/])(?:~\s*)?(?P<num>" + DIGITS + r")\s+(?:[a-z-]+\s+){0,3}?(?:per|an?)\s+(?!(?:day|week|month|year|hour|minute|second|query|request|call|ticket|shift|session|visit)\b)(?P<who>[a-z]{2,})\s+"
    r"(?:a|an|per|each|every|/)\s*(?:working\s+|business\s+)?(?P<period>day|week|month)\b",
    re.IGNORECASE,
)
# ... with the people left unnamed: "each does maybe 30 lookups a day", "every one of them sends 5 a week".
_EACH_ONE = re.compile(
    r"^\W*(?:[a-z']+\s+){0,5}?(?:each|every)(?:\s+(?:one|person|of them|one of them))?\s+"
    # (any verb of the work: "each codes roughly 200 invoices a day", "each pushes ~400 claims a day through it")
    # (a verb: said after a modal, in its -s form, or one of the plain ones; not a noun: "each plant logs ..." names who)
    r"(?!(?:is|are|was|were|be|been|costs?|lasts?|takes? (?:about |around |roughly |~)?\d+ (?:seconds|minutes|hours|mins|secs))\b)"
    r"(?:(?:would|will|could|might|may|should|can|probably|maybe)\s+[a-z]+|(?![a-z]+ss\b)[a-z]+s|do|ask|make|run|send|handle|file|submit|type|write|need|have|get|open|use|query|call|check|search|consult)"
    r"(?:\s+(?:things |stuff |it )?up)?\s+(?:it\s+|the (?:tool|model|bot|assistant)\s+)?"
    r"(?:\w+\s+){0,2}?(?:~\s*)?(?P<num>" + DIGITS + r")(?:\s*(?P<mult>k|thousand)\b)?\s*(?:[a-z]+\s+){0,3}?(?:a|an|per|each|every|/)\s*(?:working\s+|business\s+|shift\s+)?(?P<period>day|week|month)\b",
    re.IGNORECASE,
)
# ... with only the figure and "each": "sorry, to be clear, 10 lookups a day each".
_FIGURE_EACH = re.compile(
    r"(?<![\w$€£.,/])(?:~\s*)?(?P<num>" + DIGITS + r")\s*(?:[a-z]+\s+){0,2}?(?:a|an|per|/)\s*(?:working\s+|business\s+)?(?P<period>day|week|month)\s+(?:each|apiece|per (?:person|head|(?!(?:day|week|month|year|hour|shift)\b)[a-z]{3,}(?<!s)))\b",
    re.IGNORECASE,
)
# People counted with a word before them: "about 1,200 field adjusters", "300 reps".
_HEADCOUNT = r"(?<![\w$€£.,/])(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?(?:\s+|-)(?:[a-z-]+\s+)?WHO(?:s|es)?\b"  # "600 branch staff", "40 nurses", "a 60-lawyer firm"
# Any people counted, when the sentence does not name them.
_ANY_HEADCOUNT = re.compile(r"(?<![\w$€£.,/])(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _in_digits(earlier: str) -> str:
    """The user's earlier messages with their figures in digits ("Twenty pharmacists"): spelled out
    once a turn, and only when a count is looked for in them."""
    return spell_out(earlier)


def per_person_total(sentence: str, text: str, earlier: str = "") -> float | None:
    """Requests a day when a sentence says what each person does and the message (`text`), or failing
    that an earlier one (`earlier`), counts those people; else None."""
    each = _EACH_PERSON.match(sentence) or _WHO_EACH.match(sentence) or _PER_WHO.search(sentence)
    count = grouped = None
    from_earlier = False
    if each and not _EACH_ONE.match(sentence):
        # (not the rate itself: "more like 25 a clinic per day" counts no clinics)
        count = _headcount_of(each.group("who"), text.replace(each.group(0), " " * len(each.group(0))))
        from_earlier = not count
        count = count or _headcount_of(each.group("who"), _in_digits(earlier))
        who = each.group("who").lower()
        # (a customer may be counted as a place: "about 400 dental practices")
        kinds = [kind for kind, nouns in ((_UNITS_COUNTED, _UNIT_NOUNS), (_ORGS_COUNTED, _ORG_NOUNS)) if who in nouns] + ([_UNITS_COUNTED] if who in _ORG_NOUNS else [])
        if not count and kinds:
            # "35 sites ... Each clinic would ask it maybe 60 questions a day", "about 300 companies ...
            # each customer would generate 50 questions a day": the places or customers counted by another name
            before = text[: text.find(sentence)] if sentence in text else ""
            counts = [m for kind in kinds for m in kind.finditer(before)]
            from_earlier = not counts
            counts = counts or [m for kind in kinds for m in kind.finditer(_in_digits(earlier))]
            count = max(counts, key=lambda m: m.start()) if counts else None
        if not count and not kinds and re.fullmatch(PEOPLE, who + "s", re.IGNORECASE):
            # "about 200 fee earners ... Each lawyer would ask maybe 15 questions a day": the people counted by another name
            before = text[: text.find(sentence)] if sentence in text else ""
            counts = list(_ANY_HEADCOUNT.finditer(before))
            from_earlier = not counts
            counts = counts or list(_ANY_HEADCOUNT.finditer(_in_digits(earlier)))
            count = counts[-1] if counts else None
    if not count:
        # (a figure with "each" counts people said before only when the sentence counts none of its own:
        # "1,200 advisors, maybe 15 a day each" is read whole by the traffic readers; "maybe 10 a day
        # each" names nobody, whatever word comes first; people counted by group are multiplied out
        # here: "40 agencies with 20-40 agents each, 10 questions a day per agent")
        grouped = people_in_all(sentence)
        each = _EACH_ONE.match(sentence) or (None if _ANY_HEADCOUNT.search(sentence) and not grouped else _FIGURE_EACH.search(sentence))
        if each:
            # The people counted last before this sentence: "~900 caseworkers. Each does maybe 30 a day."
            before = text[: text.find(sentence)] if sentence in text else ""
            counts = list(_ANY_HEADCOUNT.finditer(before))
            from_earlier = not counts
            counts = counts or list(_ANY_HEADCOUNT.finditer(_in_digits(earlier)))
            count = counts[-1] if counts else None
    if not count and not (each and grouped):
        return None
    # "between 5 and 40 agents each, call it 1,200 agents total": the people in all (in an earlier
    # message too, when that is where they were counted)
    people = people_in_all(text) or (people_in_all(_in_digits(earlier)) if count and from_earlier else None) or parse_number(*count.group("n", "mult"))
    # the people in each place counted on the way: "Each office has maybe 10 staff asking 5-6 things a day"
    staff = _STAFF_IN_EACH.search(each.group(0), 0, each.start("num") - each.start())
    people *= parse_number(staff.group("n"), None) if staff else 1
    # and what each counted thing holds, said after: "Each takes about 70 calls a day, and we fire roughly 3 suggestions per call"
    counted = re.search(r"([a-z]+)\s+(?:a|an|per|each|every|/)\s*(?:working\s+|business\s+|shift\s+)?(?:day|week|month)$", each.group(0), re.IGNORECASE)
    people *= (per_unit_said_later(sentence[each.end():], counted.group(1)) or 1) if counted else 1
    return people * parse_number(each.group("num"), each.groupdict().get("mult")) * PER_DAY[each.group("period").lower()]


_STAFF_IN_EACH = re.compile(r"(?<![\w$€£.,/])(?P<n>" + DIGITS + r")\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\s+(?:each\s+)?(?:ask\w*|do\w*|mak\w*|send\w*|us\w*|look\w*|run\w*|with)\b", re.IGNORECASE)


# Places or teams that a per-person rate may be said of, and the counts of them by any such name.
_UNIT_NOUNS = frozenset(
    "clinic site branch store shop office hospital practice plant warehouse depot school campus team department "
    "location outlet restaurant hotel pharmacy lab station facility unit ward property resort line venue".split()
)
_UNITS_COUNTED = re.compile(
    r"(?<![\w$€£.,/])(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(n[:-1] + "ies" if n.endswith("y") else n + "es" if n.endswith(("ch", "sh", "s")) else n + "s" for n in _UNIT_NOUNS)) + r")\b",
    re.IGNORECASE,
)


# The customers a platform serves, by any of their names.
_ORG_NOUNS = frozenset("customer client company business firm org organisation organization tenant account merchant store shop seller retailer brand vendor partner".split())
_ORGS_COUNTED = re.compile(
    r"(?<![\w$€£.,/])(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?(?:customers|clients|compan(?:y|ies)|businesses|firms|orgs|"
    r"organi[sz]ations|tenants|accounts|merchants|stores|shops|sellers|retailers|brands|vendors|partners|agencies|dealers(?:hips)?|institutes|universities|colleges|councils|insurers|banks|lenders)\b",
    re.IGNORECASE,
)


def _headcount_of(who: str, text: str) -> re.Match | None:
    """Where `text` counts the people `who` names: "~800 branch staff" for "staff", "about 2,000 of
    them" after "field techs", "1,200 relationship managers" for an "RM" (its initials)."""
    if who.isupper() and 2 <= len(who) <= 4:
        named = r"\b" + r"[a-z]*\s+".join(re.escape(c) for c in who.lower()) + r"[a-z]*"
    else:
        # a staffer is one of the staff, a team member one of the team
        named = re.escape(who.lower().rstrip("s"))
        named = f"(?:{named}|{named[:-2]})" if named.endswith("er") and len(named) > 5 else named
        named = f"(?:{named}|{named[:-3]}men)" if named.endswith("man") else named  # a lineman is one of the linemen
        named = f"(?:{named}|{named[:-1]}ie)" if named.endswith("y") else named  # a pharmacy is one of the pharmacies
    for pattern in (
        _HEADCOUNT.replace("WHO", named),
        named + r"(?:s|es)?\b\W{0,3}(?:about|around|roughly|approx\.?|some|~)?\s*(?P<n>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+of (?:them|us)\b",
    ):
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return found
    return None


# Active users and what each does: "~20k DAU doing ~3 queries each", "2k MAU, maybe 4 chats each".
_ACTIVE_USERS = re.compile(
    r"(?<![\w$€£.,/])(?P<users>" + DIGITS + r")\s*(?P<mult>k|m)?\s+(?P<unit>dau|mau|wau|(?:daily|monthly|weekly) (?:active )?users)\b"
    r"[^.;]{0,25}?(?:~\s*|about\s+|maybe\s+|around\s+|like\s+|roughly\s+)?(?P<num>\d+(?:\.\d+)?)\s+(?:[a-z-]+\s+){0,2}?(?:each|apiece|per (?:user|person|head|day))\b"
    # "3k daily users, each sends roughly 12 messages a session"
    r"|(?<![\w$€£.,/])(?P<users2>" + DIGITS + r")\s*(?P<mult2>k|m)?\s+(?P<unit2>dau|mau|wau|(?:daily|monthly|weekly) (?:active )?users)\b,?\s+each\s+(?:[a-z]+\s+)?"
    r"(?:~\s*|about\s+|maybe\s+|around\s+|like\s+|roughly\s+)?(?P<num2>\d+(?:\.\d+)?)\s+(?:[a-z-]+\s+){0,2}?[a-z]+s\b(?:\s+(?:a|per) (?:session|visit|day))?",
    re.IGNORECASE,
)
_USERS_PERIOD = {"dau": "day", "daily": "day", "wau": "week", "weekly": "week", "mau": "month", "monthly": "month"}


def active_users_total(sentence: str) -> float | None:
    """Requests a day from active users and what each does, or None."""
    match = _ACTIVE_USERS.search(sentence)
    if not match:
        return None
    period = _USERS_PERIOD[(match.group("unit") or match.group("unit2")).split()[0].lower()]
    users = parse_number(match.group("users") or match.group("users2"), match.group("mult") or match.group("mult2"))
    return users * parse_number(match.group("num") or match.group("num2"), None) * PER_DAY[period]


# "each of our 60 lawyers runs maybe 25 searches a day"
_EACH_OF = re.compile(
    r"\beach of (?:our|the|its|their|those|these|them|us)?\s*(?P<users>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?[a-z]{3,}s\b[^.;]{0,30}?"
    r"(?P<num>" + DIGITS + r")\s*(?:[a-z]+\s+){0,2}?(?:(?:a|an|per|every|/)\s*(?:working\s+|business\s+)?(?P<period>day|week|month)|(?P<adverb>daily|weekly|monthly))\b",
    re.IGNORECASE,
)
# "2,500 employees, maybe half use it once a day", "of our 800 reps about 30% ask it twice a week"
_SHARE_OF_PEOPLE = re.compile(
    r"(?<![\w$€£.,/])(?P<users>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+(?:[a-z-]+\s+)?(?:" + PEOPLE + r")\b[^.;\d]{0,25}?"
    r"\b(?P<share>half|a third|a quarter|a fifth|a tenth|most|(?P<pct>\d{1,2})\s*%)(?: of (?:them|those|these))?\s+(?:\w+\s+){0,3}?"
    r"(?P<times>once|twice|(?P<n>\d+) times)\s+(?:a|an|per|every)\s+(?P<period>day|week|month)\b",
    re.IGNORECASE,
)
_SHARE_WORDS = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "a fifth": 0.2, "a tenth": 0.1, "most": 0.75}


def people_total(sentence: str) -> float | None:
    """Requests a day from people counted in one sentence with what each (or a share of them) does, or None."""
    each = _EACH_OF.search(sentence)
    if each:
        period = each.group("period") or {"daily": "day", "weekly": "week", "monthly": "month"}[each.group("adverb").lower()]
        return parse_number(each.group("users"), each.group("mult")) * parse_number(each.group("num"), None) * PER_DAY[period.lower()]
    share = _SHARE_OF_PEOPLE.search(sentence)
    if share:
        part = float(share.group("pct")) / 100 if share.group("pct") else _SHARE_WORDS[share.group("share").lower()]
        times = {"once": 1.0, "twice": 2.0}.get(share.group("times").lower()) or float(share.group("n"))
        return parse_number(share.group("users"), share.group("mult")) * part * times * PER_DAY[share.group("period").lower()]
    return None


# A corrected count of the people whose requests make the volume: "it's 600 adjusters, not 400".
_PEOPLE_CORRECTED = re.compile(
    rf"(?<![\w$€£.,/])(?P<new>{DIGITS})\s*(?P<newmult>k)?\s+(?P<who>[a-z]{{3,}}s)\b,?\s*(?:not|instead of|rather than)\s+(?P<old>{DIGITS})\s*(?P<oldmult>k)?\b(?!\s*(?:a|per|an?)\s)",
    re.IGNORECASE,
)
_NOT_PEOPLE = re.compile(rf"^(?:{REQUEST_NOUNS}|tokens|words|documents|docs|pages|articles|days|weeks|months|years|hours|minutes|seconds|dollars|euros|gpus|ms)$", re.IGNORECASE)


def corrected_headcount(text: str, queries_per_day: float | None, earlier: str = "", correcting: bool = False) -> float | None:
    """The volume after a corrected count of people ("600 adjusters, not 400"; or, in a correction,
    "wait no, pilot is 1.5k students" after "15k students" in `earlier`): the old volume scaled by
    new / old, each person keeping the rate the old volume was worked out at."""
    if not queries_per_day:
        return None
    match = _PEOPLE_CORRECTED.search(text)
    if match and not _NOT_PEOPLE.match(match.group("who")):
        new = parse_number(match.group("new"), match.group("newmult"))
        old = parse_number(match.group("old"), match.group("oldmult"))
        return queries_per_day * new / old if old > 0 and new > 0 else None
    if not (correcting and earlier):
        return None
    earlier = _in_digits(earlier)
    for count in _PEOPLE_COUNTED.finditer(text):
        who = count.group("who").lower()
        if _NOT_PEOPLE.match(who):
            continue
        before = [m for m in _PEOPLE_COUNTED.finditer(earlier) if m.group("who").lower() == who]
        if not before and re.sub(r"e?s$", "", who) in _UNIT_NOUNS:
            # "it's 45 clinics now" after "35 sites": places counted by another name
            before = list(_UNITS_COUNTED.finditer(earlier))
        if before:
            new = parse_number(count.group("n"), count.group("mult"))
            old = parse_number(before[-1].group("n"), before[-1].group("mult"))
            return queries_per_day * new / old if old > 0 and new > 0 and new != old else None
    # "sorry, more like 30 each" after "each clinic maybe 20 questions a day": the rate each keeps, corrected
    rate, said = _RATE_EACH.search(text), list(_EACH_RATE_SAID.finditer(earlier))
    if rate and said:
        new, old = parse_number(rate.group("n"), None), parse_number(said[-1].group("n") or said[-1].group("n2"), None)
        return queries_per_day * new / old if old > 0 and new > 0 and new != old else None
    return None


_RATE_EACH = re.compile(rf"(?<![\w$€£.,/])(?:~\s*)?(?P<n>{DIGITS})\s+(?:[a-z]+\s+)?(?:each|apiece)\b", re.IGNORECASE)
_EACH_RATE_SAID = re.compile(
    rf"\b(?:each|every)\b[^.;]{{0,40}}?(?<![\w$€£.,/])(?P<n>{DIGITS})\s+(?:[a-z]+\s+){{0,2}}?(?:a|an|per)\s+(?:working\s+)?(?:day|week|month)\b"
    # ("maybe 10 questions each per month")
    rf"|(?<![\w$€£.,/])(?P<n2>{DIGITS})\s+(?:[a-z]+\s+)?(?:each|apiece)\s+(?:a|an|per)\s+(?:working\s+)?(?:day|week|month)\b",
    re.IGNORECASE,
)


# People counted: "1.5k students", "about 400 adjusters" (what a correction may give anew).
_PEOPLE_COUNTED = re.compile(rf"(?<![\w$€£.,/-])(?P<n>{DIGITS})\s*(?P<mult>k|thousand)?\s+(?:(?!(?:a|an|per|each|every)\b)[a-z]+\s+(?=staff\b|people\b|personnel\b))?(?P<who>[a-z]{{3,}}s|staff|people|personnel|crew)\b(?!\s*(?:a|per|an|each|every)\s)", re.IGNORECASE)


# The use said as a count of times, by whoever uses it: "It would be used perhaps twenty times a
# week", "we'd hit it maybe 50 times a day".
_TIMES_USED = re.compile(
    r"\b(?:used|use it|run|called|asked|queried|hit it|consulted|needed)\s+(?:about |around |perhaps |maybe |roughly |possibly |some |~\s*)?(?P<num>" + DIGITS + r")\s*(?P<mult>k|thousand)?\s+times\s+"
    r"(?:a|per|each|every)\s+(?:working\s+)?(?P<period>day|week|month)\b",
    re.IGNORECASE,
)


def times_used(sentence: str) -> float | None:
    """Requests a day when the sentence counts the times the tool is used (not per person)."""
    match = None if re.search(r"\b(?:each|every|apiece)\b", sentence, re.IGNORECASE) else _TIMES_USED.search(sentence)
    return parse_number(match.group("num"), match.group("mult")) * PER_DAY[match.group("period").lower()] if match else None

