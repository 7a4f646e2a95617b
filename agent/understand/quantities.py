"""The number grammar: volumes with their units and structure ("25k a day", "1.5M a month",
"500 agents, each asking 20 questions a day"), token counts and planning horizons.

Regular expressions are right for numbers. Every figure goes through the slot registry's bounds.
"""

from __future__ import annotations

import re

from agent.understand.counted import CONTAINERS, per_unit_factor, per_unit_said_before, per_unit_said_later
from agent.understand.figures import COST_THEN_AMOUNT, DIGITS, PER_DAY, parse_number
from agent.understand.people import people_in_all
from agent.understand.peaks import AVERAGE_BARE, PEAK, average_share, sums_up
from agent.understand.shapes import CLAUSE_BREAK
from agent.understand.slots import KEYWORDS


_DOZENS = r"(?:a couple(?: of)?|a few|several|(?<![\w-] )few) dozen|dozens of|a dozen(?: or so)?"
_SCALED_WORDS = r"half a|a hundred|a couple of|a couple|couple of|couple|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|several"


NUMBER = rf"(?P<num>{DIGITS}|(?:{_SCALED_WORDS})(?=\s+(?:hundred|thousand|million|billion|trillion)\b)|{_DOZENS})"


_MULT = r"(?:\s*(?P<mult>k|m|mm|mn|mio|mln|b|bn)\b|\s+(?P<multword>hundred thousand|hundred|thousand|million|mil|billion|trillion)\b)"


SIGN = r"(?P<sign>-(?=\d)|−\s?|minus\s+|negative\s+)?"  # (a dash between words is no minus: "the wrong column - 900 a day")


NOT_MONEY = r"(?<![\w$€£.,/])"


_UNIT_ALIASES = {
    "s": "second", "sec": "second", "second": "second", "min": "minute", "minute": "minute",
    "h": "hour", "hr": "hour", "hour": "hour", "d": "day", "day": "day", "wk": "week",
    "week": "week", "mo": "month", "month": "month", "qtr": "quarter", "quarter": "quarter", "yr": "year", "year": "year",
    "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year", "annually": "year",
    "hourly": "hour", "qps": "second", "rps": "second", "rpm": "minute", "qpm": "minute",
}  # fmt: skip


# What the model writes, one a request: "we write 200 descriptions a day" is traffic, not new documents.
_OUTPUTS = r"descriptions?|summar(?:y|ies)|letters?|replies|responses?|answers?|drafts?|translations?|captions?|essays?|blurbs?|titles?|taglines?|posts?|comments?|reports?|memos?|notes|narratives?|scorecards?|briefs?|emails?|messages?|quotes?|proposals?|scripts?"
_OUTPUT_NOUN = re.compile(rf"^(?:{_OUTPUTS})$", re.IGNORECASE)
_OUTPUT_FOR = re.compile(rf"\b(?:{_OUTPUTS})\s+for\s+(?:about|around|roughly|some|maybe|~)?\s*$", re.IGNORECASE)


REQUEST_NOUNS = (
    r"requests?|reqs?|queries|query|questions?|calls?|api calls?|messages?|msgs?|conversations?|"
    r"convos?|chats?|tickets?|searches|lookups?|prompts?|interactions?|sessions?|inferences?|"
    r"completions?|hits?|emails?|invoices?|forms?|transactions?|runs?|"
    # what is produced or read per request: "a couple hundred descriptions a day"
    rf"{_OUTPUTS}|utterances?|classifications?|predictions?|extractions?|claims?|orders?|statements?|reviews?|listings?"
)


_NOUN_ADJECTIVES = r"(?:user|customer|support|api|search|llm|inbound|incoming|chat|model|ai|total|llm)\s+"


# ("hr" is an hour only in lower case: "a 4 person startup doing an HR policy assistant" is no rate)
_PERIODS = r"seconds?|secs?|s|minutes?|mins?|hours?|(?-i:hrs?)|h|days?|d|weeks?|wks?|months?|mos?|quarters?|qtrs?|years?|yrs?"
# "600k on an average day", "2M on peak days"
_DAY_KINDS = r"(?:average|typical|normal|regular|ordinary|usual|busy|busier|busiest|peak|quiet|slow|good|bad|big|match|game|sale|event|race|launch|release)"
# A rate per hour kept to business hours ("1.2k/hr during business hours") runs about 8 hours a day.
_BUSINESS_HOURS = re.compile(r"\b(?:business|working|office|opening|school) hours\b|\b9[- ]?(?:to|-)[- ]?5\b|\bnine to five\b", re.IGNORECASE)
BUSINESS_HOURS_PER_DAY = 8


# A count per period is traffic whatever is counted ("2 million reviews a day", "20k documents a
# day"), up to three words of noun phrase between the number and the period.
_VOLUME = re.compile(
    NOT_MONEY + SIGN + NUMBER + _MULT + r"?\+?\s*"
    # ("2,500 of these questions a day": what is counted, after the "of these")
    r"(?:(?:of (?:these|those|the|our|such) (?=[a-z]))?(?P<noun>(?:[a-z][a-z'-]*\s+){0,3}?[a-z][a-z'-]*|of (?:those|these|them|that kind))\s*)??"
    rf"(?:(?:(?:on\s+)?(?:a|an|per|each|every|in a|in one|in 1|a single|for|by)\s+|on\s+(?={_DAY_KINDS}\s))(?:(?:working|business|school|{_DAY_KINDS})\s+|week)?(?P<period>{_PERIODS})\b"
    rf"|/\s*(?P<slash>{_PERIODS})\b"
    r"|(?P<adverb>daily|weekly|monthly|quarterly|yearly|annually|hourly)\b"
    r"|(?P<rate>qps|rps|rpm|qpm)\b)",
    re.IGNORECASE,
)


# "time" naming what is counted, not how often: "250k time entries a day", "3k time sheets".
_TIME_AS_A_NOUN = r"(?:entr(?:y|ies)|sheets?|cards?|logs?|records?|slots?|stamps?|series|off)\b"
# Words that make "N <noun> a <period>" something other than traffic: how often things happen or
# change ("3 times a day", "200 new articles a week"), or a span of time ("8 hours a day").
_NOT_TRAFFIC = re.compile(
    r"\b(?:times?(?![\s-]+" + _TIME_AS_A_NOUN + r")|once|twice|shifts?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|new|updated|added|changed|edited|"
    r"published|fresh|releases?|deploys?|deployments?|updates?|changes?(?!\s+(?:requests?|tickets?|orders?|notices?|proposals?)\b)|edits?|revisions?|amendments?|versions?|tokens?|words|characters|chars|grand|bucks|dollars|euros|quid|usd|eur|of|the|and|or|to|in|for|with|at|on|is|are|we|our|it|that)\b",
    re.IGNORECASE,
)


# Answering "how much traffic?", only a span of time makes a count per period something else.
# New work coming in is traffic, not knowledge changing: "~15k new claims per day", "2k new tickets a day"
# (where "20 new articles a week" is how fast the knowledge grows).
_NEW_WORK = re.compile(
    r"^(?:\w+\s+)?new\s+(?:\w+\s+)?(?:claims?|tickets?|orders?|requests?|emails?|alerts?|cases?|messages?|calls?|applications?|transactions?|"
    r"submissions?|queries|questions?|chats?|conversations?|leads?|invoices?|incidents?|signups?|sessions?|patients?|customers?|users?)\b",
    re.IGNORECASE,
)
_SPAN_OF_TIME = re.compile(r"\b(?:times?(?![\s-]+" + _TIME_AS_A_NOUN + r")|once|twice|shifts?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|tokens?|words|characters)\b", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"\s+(?:active\s+|unique\s+)?(?:users|visitors|customers|members|people|employees|subscribers|learners|students)\b", re.IGNORECASE)


# The model put to use, just before a count of times: "we'd use it maybe 20 times a week".
_USED_BEFORE = re.compile(
    r"\b(?:use|uses|using|run|runs|running|call|calls|calling|ask|asks|asking|query|queries|querying|hit|hits|ping|pings|trigger|triggers|invoke|invokes)\s+"
    r"(?:it|this|that|them|the (?:model|tool|bot|assistant|api|llm|thing|feature))\s+(?:about |around |roughly |maybe |probably |like |~\s*|some |only |just )?$",
    re.IGNORECASE,
)


# A figure someone else stated is a claim to check, not the user's own number.
_REPORTED = re.compile(
    r"\b(?:i|we|you) (?:read|heard|saw|was told|were told)\b|\baccording to\b|\b(?:article|blog|post|paper|source|study|report|vendor|they|people|someone|it)s? (?:says?|said|claims?|claimed|suggests?)\b",
    re.IGNORECASE,
)


# A count with no noun after words of money is an amount: "the bill runs ~12k/month".
# "borked like 1 in 15": a share, not a count; "zero-shot gets 80%, we need 95+": a target rate.
_A_RATE_NOT_A_COUNT = re.compile(r"\b\d+\s+(?:in|out of)\s*$", re.IGNORECASE)
# A bare figure after who is counted counts people: "DAU is ~200k", "members: about 40k".
_PEOPLE_COUNTED_BEFORE = re.compile(r"\b(?:dau|mau|wau|daily active users|monthly active users|users|players|members|customers|subscribers|employees|staff|headcount)\s*(?:is|are|of|at|:|=|around|about)?\s*(?:about|around|roughly|~)?\s*$", re.IGNORECASE)
_REVISIONS = re.compile(r"\b(?:revisions?|amendments?|edits|updates|changes)$", re.IGNORECASE)
_A_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE = re.compile(r"\b(?:since|in|from|until|till|by|back in|circa|as of|before|after|around|of)\s*$", re.IGNORECASE)
_A_TARGET = re.compile(r"\b(?:need|needs|target|at least|bar is|aim for|want)\s*~?\s*$", re.IGNORECASE)
_CURRENCY = re.compile(r"dollars?|usd|euros?|eur|gbp|pounds?|bucks|quid|reais|reals?|rupees?|yen|francs?|chf|cad|aud", re.IGNORECASE)
# A bill named a clause before its bare figure, no other figure between: "the bill, we're at about 40k a month".
_MONEY_JUST_BEFORE = re.compile(r"\b(?:bills?|spend|spending|invoices?|costs?)\b[^.;!?\d]{0,60}$", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"\b(?:bills?|spend\w*|spent|pay|pays|paying|paid|costs?|costing|invoices?|budget\w*|charg\w*|fees?|runs? us|sets? us back|sign(?:s|ed|ing)? off on|approv\w*|afford\w*)\b[^.;,]{0,25}$|" + COST_THEN_AMOUNT, re.IGNORECASE)


_PROCESSED = re.compile(r"\b(?:tag\w*|classif\w*|categori[sz]\w*|extract\w*|moderat\w*|rout\w*|triag\w*|label\w*|screen\w*|summari[sz]\w*|translat\w*|process\w*|check\w*|scor\w*)\b[^;]{0,80}$", re.IGNORECASE)
_CHANGE_VERBS = re.compile(r"\b(?:publish\w*|add\w*|releas\w*|updat\w*|edit\w*|chang\w*|revis\w*|creat\w*|writ\w*|upload\w*)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# What one person does a number of: requests, or "30 times a day", "10 things a day".
_PERSON_NOUNS = REQUEST_NOUNS + r"|times|things|lookups|qs|q|asks"
# Anything else each person does a number of, but time and money: "each doing maybe 6 diagnoses a day".
_ANY_WORK = r"(?!(?:hours?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|shifts?|dollars?|euros?|pounds?|tokens?|words?|pages?|each|per|every)\b)[a-z]{3,}s?"
_PER_USER = re.compile(
    NOT_MONEY + r"(?P<users>" + DIGITS + r")\s*(?P<umult>k|m|thousand|million)?\b\s*(?:[a-z-]+\s+){0,2}?(?:active\s+)?"
    r"(?:users|customers|employees|people|agents|seats|members|reps|analysts|lawyers|fee earners|doctors|nurses|clinicians|"
    r"advisers|advisors|engineers|developers|staff|students|teachers|drivers|technicians|adjusters|underwriters|brokers|"
    r"recruiters|operators|sellers|merchants|stores|branches|clinics|schools|teams|maus?|daus?|waus?|"
    # any other plural a per-person "each" counts for: "600 couriers, 4 questions a day each"
    r"(?!(?:tokens|words|documents|docs|pages|articles|days|weeks|months|years|hours|minutes|seconds|times|dollars|euros|requests|queries|questions|calls|messages|tickets|sessions|conversations|chats)\b)[a-z]{2,}s|[a-z]{2,}men|children)\b(?:[^.;\d]|\d(?=[\d,.]*\s+shifts?\b)){0,70}?"
    # (no other count between: "100,000 emails a month come in and our 40 handlers each answer 60 a day" is the handlers')
    # The per-person count must say it is per person ("each", "apiece", "per head"), before or after
    # the period: "120 fee earners, about 25 questions a day each"; "150 brokers, together 2,000 a day"
    # is a total.
    r"(?:(?P<num>" + DIGITS + r")\s*(?:(?:[a-z-]+\s+)?(?:" + _PERSON_NOUNS + r"|" + _ANY_WORK + r"))?\s*(?P<each>each|apiece|per (?:user|person|head|customer|seat|analyst|agent|employee))\s*"
    r"(?:a|an|per|each|every|/)\s*(?:working\s+|business\s+|school\s+|shift\s+)?(?P<period>day|week|month)\b"
    # "call it 60 brokers at ~25 a day": the rate each works at
    # (the people named just before "at": not "9 plants and I think we're at about 80k entries a day")
    r"|(?<=[a-z]s at )\s*(?:~\s*|about\s+|around\s+|roughly\s+|maybe\s+)?(?P<num4>" + DIGITS + r")(?!\s*(?:k|m)\b)\s*(?:(?:[a-z-]+\s+)?(?:" + _PERSON_NOUNS + r"|" + _ANY_WORK + r"))?\s*(?:a|an|per|/)\s*(?P<period4>day|week|month)\b"
    r"|(?P<num2>" + DIGITS + r")\s*(?:(?:[a-z-]+\s+)?(?:" + _PERSON_NOUNS + r"|" + _ANY_WORK + r"))?\s*(?:a|an|per|every|/)\s*(?:working\s+|business\s+|school\s+)?(?P<period2>day|week|month)\s+(?:each|apiece|per (?:person|head|user))\b"
    # "each sending ~150 queries a day", "each of them asks maybe 10 things a day", "each handles
    # about 70 carrier messages a day" (what is counted may have a modifier)
    r"|each\s+(?:\w+\s+){0,5}?(?:~\s*)?(?P<num3>" + DIGITS + r")(?:\s*(?:-|–|to)\s*(?P<high3>" + DIGITS + r"))?(?:\s+or so|\s*-?ish|\s+odd)?\s*(?:(?:[a-z-]+\s+(?:and\s+|or\s+)?){0,3}?(?:" + _PERSON_NOUNS + r"|" + _ANY_WORK + r"))?\s*"
    # "each running ~40 passages through it a day": what the work passes through
    r"(?:(?:through|into|past|by|with|on|via|to|at)\s+(?:it|them|the (?:model|tool|bot|system|assistant))\s+)?"
    # ("each would put perhaps 15 questions to it on a working day")
    r"(?:(?:on\s+)?(?:a|an|per|every|/)\s*(?:working\s+|business\s+|school\s+)?(?P<period3>day|week|month)|(?P<adverb3>daily|weekly|monthly))\b)",
    re.IGNORECASE,
)


_BARE_COUNT_TAIL = re.compile(
    r"(?:or so|ish|at (?:peak|most|least)|give or take|maybe|roughly|tops|max|on average|or more|right now|today|currently|now|for now|and growing|but growing|"
    # the reason for the figure after it: "more like 18k since we added the EU market"
    r"since|because|now that|after (?:we|the)|due to|thanks to)\b",
    re.IGNORECASE,
)


BARE_VOLUME = re.compile(NOT_MONEY + SIGN + NUMBER + _MULT + rf"?\+?(?:\s*(?:{_NOUN_ADJECTIVES})?(?:{REQUEST_NOUNS})\b)?", re.IGNORECASE)


MONEY = re.compile(r"(?:US\$|\$|€|£)\s?(?:" + DIGITS + r")(?:\s*(?:k|m|bn|b|thousand|million|billion)\b)?", re.IGNORECASE)


def clause_before(sentence: str, position: int) -> str:
    before = sentence[:position]
    return before[max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0) :]


def signed(match: re.Match, value: float) -> float:
    return -value if match.group("sign") else value


FACTOR = re.compile(
    r"\b(?P<num>\d+(?:\.\d+)?|two|three|four|five|ten|twenty|fifty|a hundred|hundred)\s*(?:x|×|times)(?=\W|$)"
    r"|\b(?P<word>double[sd]?|doubling|twice|triple[sd]?|tripling|quadruple[sd]?|half|halve[sd]?|halving)\b",
    re.IGNORECASE,
)


FACTOR_WORDS = {"double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2, "triple": 3, "tripled": 3, "triples": 3, "tripling": 3,
                 "quadruple": 4, "quadrupled": 4, "quadruples": 4, "half": 0.5, "halve": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5}  # fmt: skip


# People counted per period, then what each does: "5k daily players, maybe 40 lines each".
_DAILY_PEOPLE = re.compile(
    NOT_MONEY + r"(?P<users>" + DIGITS + r")\s*(?P<umult>k|m|thousand|million)?\s+(?:(?P<adverb>daily|weekly|monthly)\s+(?:active\s+)?(?:[a-z-]+\s+)?(?:players|users|visitors|customers|learners|students|pupils|kids|children|members|people|shoppers|readers|viewers|patients|callers|guests|fans|employees|staff|agents|drivers|riders|tenants|residents|citizens|travell?ers|passengers|clients)\b"
    # "8k players per day, around 25 NPC lines each"
    r"|(?:active\s+)?(?:[a-z-]+\s+)?(?:players|users|visitors|customers|learners|students|pupils|kids|children|members|people|shoppers|readers|viewers|patients|callers|guests|fans|employees|staff|agents|drivers|riders|tenants|residents|citizens|travell?ers|passengers|clients)\s+"
    # "... about 20k players ask him something each day, ~2 questions each"
    r"(?:[a-z']+\s+){0,4}?(?:a|an|per|each|every)\s+(?P<period>day|week|month)\b)"
    r"[^.;]{0,30}?(?:(?P<num>" + DIGITS + r")\s*(?:[a-z]+\s+){0,2}?(?:each|apiece|per (?:person|head|user|player|visitor|customer))\b"
    # "around 8k kids use it per day, each maybe 15 messages"
    # ("About 300 residents a day use the permit pages and each would ask 2 or 3 questions")
    # (what each does with a period of its own is read with that period: "each generates maybe 2 plans a week")
    r"|\beach\s+(?:[a-z]+\s+){0,3}?(?:~\s*)?(?P<num_after>\d+(?:\.\d+)?)\s+(?:[a-z-]+\s+)?[a-z]+s\b(?!,?\s*(?:a|an|per|each|every|/)\s*(?:day|week|month|year)\b))",
    re.IGNORECASE,
)
# "300 reps each asking 2 or so": what each does with the period said elsewhere in the sentence.
_EACH_WITHOUT_PERIOD = re.compile(
    NOT_MONEY + r"(?P<users>" + DIGITS + r")\s*(?P<umult>k)?\s+(?:[a-z-]+\s+)?[a-z]{3,}s\s+each\s+(?:asking|sending|making|doing|filing|writing|submitting|with|having)\s+(?:~\s*|about\s+|maybe\s+)?(?P<num>\d+)\b(?!\s*(?:%|tokens|words|[a-z]+\s+(?:a|an|per|each|every)\s+(?:day|week|month)))",
    re.IGNORECASE,
)
_PERIOD_ANYWHERE = re.compile(r"\b(?:a|per|an|each|every|/)\s*(?P<period>day|week|month)\b|\b(?P<adverb>daily|weekly|monthly)\b", re.IGNORECASE)


def read_volume(sentence, asked, found, spans, free) -> None:
    for match in _EACH_WITHOUT_PERIOD.finditer(sentence):
        period = _PERIOD_ANYWHERE.search(sentence)
        if free(match) and period:
            unit = (period.group("period") or {"daily": "day", "weekly": "week", "monthly": "month"}[period.group("adverb").lower()]).lower()
            users = parse_number(match.group("users"), match.group("umult"))
            found.offer("queries_per_day", users * parse_number(match.group("num"), None) * PER_DAY[unit])
            spans.append(match.span())
            return
    for match in _DAILY_PEOPLE.finditer(sentence):
        if free(match):
            users = parse_number(match.group("users"), match.group("umult"))
            period = _UNIT_ALIASES[match.group("adverb").lower()] if match.group("adverb") else match.group("period").lower()
            found.offer("queries_per_day", users * parse_number(match.group("num") or match.group("num_after"), None) * PER_DAY[period])
            spans.append(match.span())
            return
    for match in _PER_USER.finditer(sentence):
        if free(match):
            # "40 agencies with 20-40 agents each, call it 1,200 agents total, each asks ~10 a day": the people in all
            users = people_in_all(sentence) or parse_number(match.group("users"), match.group("umult"))
            each = parse_number(match.group("num") or match.group("num2") or match.group("num3") or match.group("num4"), None)
            if match.group("high3"):
                each = (each + parse_number(match.group("high3"), None)) / 2  # "3-4 queries a week" each
            period = match.group("period") or match.group("period2") or match.group("period3") or match.group("period4") or _UNIT_ALIASES[match.group("adverb3").lower()]
            found.offer("queries_per_day", users * each * PER_DAY[period.lower()])
            spans.append(match.span())
            return
    # Of several rates, the first that is not a peak: "2M on peak days, 600k on an average day".
    rates = [r for match in _VOLUME.finditer(sentence) if free(match) and _is_traffic(sentence, match, answering=asked == "queries_per_day")
             for r in [_rate(sentence, match)]]
    if rates:
        summed = [r for r in rates if sums_up(sentence, r[1])] or _came_to(sentence, rates)
        # (a day named as the usual one is the volume, whatever the other is called: "during harvest we see
        # 30k chats a day, 8k on an ordinary day")
        usual = [r for r in rates if _USUAL_DAY.search(sentence, r[1][0], r[1][1])] if len(rates) > 1 else []
        value, span, peak, hours, scale = summed[-1] if summed else usual[0] if usual else next((r for r in rates if not r[2]), rates[0])
        share = average_share(sentence) if peak else None
        # an average said right after names the rate a peak: "about 1.5k questions a day in harvest, avg maybe 600"
        peak = peak or bool(_AVERAGE_AFTER.match(sentence[span[1]:]))
        # the normal day after the peak, or before it: "normal days are ~30k, finals week goes up to 110k a day"
        after_peak = AVERAGE_BARE.search(sentence[span[1]:]) if peak and not share else None
        bare = after_peak or (AVERAGE_BARE.search(sentence[: span[0]]) if peak and not share else None)
        if share:
            value, peak = value * share, False  # "peak is ~40 rps, avg maybe a third of that"
        elif bare:
            # the average is in the peak's unit: "200/sec at peak, maybe 60 avg" is 60 a second
            value, peak = (parse_number(bare.group("day"), bare.group("daymult")) if bare.group("day") else
                           scale * parse_number(bare.group("num") or bare.group("num2"), bare.group("mult") or bare.group("mult2"))), False
            # what each holds said after the normal count: "12k sessions a day in peak weeks, 4k normally, each ~3 questions"
            each = per_unit_factor(sentence[span[1] + bare.end():]) if after_peak and not bare.group("day") else None
            value *= each[0] if each else 1
        if found.offer("queries_per_day", value):
            if peak or hours:
                found.tentative["queries_per_day"] = sentence  # said back: a peak is costed as if every day were one
        spans.append(span)
        return
    day = _ON_A_NORMAL_DAY.search(sentence)
    # ("on a normal day it's about 120k", after the storm days in the sentence before: a count in thousands needs no peak beside it)
    # (or a count of requests: "On a normal day it's about 4,000 messages; on a bad weather day ...")
    counted = day and re.match(rf"\s*(?:[a-z-]+\s+)?(?:{REQUEST_NOUNS})\b", sentence[day.end():], re.IGNORECASE)
    if day and (asked != "queries_per_day" or counted) and (PEAK.search(sentence) or day.group("mult") or counted) and free(day):
        # "normal days ~8k messages, bad weather days up to 40k": the day named before the count
        found.offer("queries_per_day", parse_number(day.group("num"), day.group("mult")))
        found.tentative["queries_per_day"] = sentence
        spans.append(day.span())
        return
    if asked == "queries_per_day" and not KEYWORDS["has_eval_set"].search(sentence):
        # An eval-set sentence counts examples ("an eval set of 2,000 graded answers"), not traffic.
        for match in BARE_VOLUME.finditer(sentence):
            # "7B" is a model size, not seven billion queries; "a set of 500" is a size, not a rate.
            if (
                free(match)
                and (match.group("mult") or "").lower() != "b"
                and not re.search(r"\bof\s*$", sentence[: match.start()], re.IGNORECASE)
                and not _A_RATE_NOT_A_COUNT.search(sentence[: match.start()])
                and not _PEOPLE_COUNTED_BEFORE.search(sentence[: match.start()])
                and not re.search(r"\b(?:scores?|scales?|ratings?|rated|grades?|stars?|levels?|fields?)\s*(?:of|from)?\s*(?:\d+\s*[-–]\s*)?$", sentence[: match.start()], re.IGNORECASE)  # "scores 1-5"
                and not (_A_YEAR.fullmatch(match.group(0).strip()) and _YEAR_BEFORE.search(sentence[: match.start()]))  # "frozen since 2019"
                and not (_A_TARGET.search(sentence[: match.start()]) and "%" in sentence)
                and not _RANGE_JOINT.match(sentence[match.end() :])  # "10-15k": the low end of a range
                and _ends_bare_count(sentence[match.end() :])
            ):
                value = _range_middle(sentence, match, signed(match, parse_number(match.group("num"), match.group("mult") or match.group("multword"))))
                normal = AVERAGE_BARE.search(sentence) if PEAK.search(sentence[: match.end() + 12]) else None
                if normal:
                    # "launch days we see around 50k chats, normal days ~20k": the normal day is costed
                    value = parse_number(normal.group("num") or normal.group("num2") or normal.group("day"),
                                         normal.group("mult") or normal.group("mult2") or normal.group("daymult"))
                found.offer("queries_per_day", value)
                spans.append(match.span())
                return


_FROM = re.compile(r"\bfrom\s+(?:(?:about|around|roughly|like|maybe|just|only|~)\s*)?$", re.IGNORECASE)


def _came_to(sentence: str, rates: list[tuple]) -> list[tuple]:
    """The rate a change came to, when the sentence tells one ("went from a few thousand a day to
    somewhere between 30 and 40 thousand CVs a day"): the figure now, not the one it grew from."""
    return [later for earlier, later in zip(rates, rates[1:])
            if _FROM.search(sentence[: earlier[1][0]]) and re.search(r"\bto\b", sentence[earlier[1][1] : later[1][0]], re.IGNORECASE)]


# A count said of the normal day, the day named first: "normal days ~8k messages", "on a typical day about 2k".
_ON_A_NORMAL_DAY = re.compile(
    r"\b(?:normal|typical|average|avg\.?|regular|ordinary|usual|quiet)\s+days?\b[^.;\d]{0,32}?(?P<num>" + DIGITS + r")\s*(?P<mult>k|m|thousand|million)?\b(?!\s*(?:%|ms|s\b|tokens))",
    re.IGNORECASE,
)


# What a rate said with an adverb counts, after it: "4k daily players".
# (the noun itself, or the one after a modifier: "5k daily players in beta", "4k daily active npc players")
_NOUN_AFTER = re.compile(r"\s+(?:active\s+)?(?P<first>[a-z-]+)\b(?:\s+(?P<noun>[a-z]+)\b)?", re.IGNORECASE)
# (a short aside may come first: "couple thousand questions a day in season, say 2,500")
_SAY = re.compile(r"(?:\s+(?:in|on|during|at|for)\s[^,;.\d]{1,20})?,?\s*(?:say|call it|let'?s say)\s+~?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>k|m)?\b(?!\s*%)", re.IGNORECASE)


_NAMED_BEFORE = re.compile(rf"(?P<noun>{CONTAINERS.pattern})\s+(?:are|is|run|come to|number)\s+(?:about|around|roughly|maybe|like|~)?\s*$", re.IGNORECASE)


_AVERAGE_AFTER = re.compile(r"^[^.;\d]{0,30}?[,;(]\s*(?:but\s+|and\s+)?(?:avg|average|on average|normally|usually|typically)\b[^.;\d]{0,15}\d[\d,.]*\s*(?:k|m)?\s*(?:$|[,.;)!?]|(?:a|per)\s+day\b)", re.IGNORECASE)
_USUAL_DAY = re.compile(r"\b(?:average|typical|normal|regular|ordinary|usual)\s+(?:working\s+|business\s+)?(?:day|week|month)\b", re.IGNORECASE)
_COUNTED_BEFORE = re.compile(rf"\d\s*(?:k|m)?\s+(?P<noun>{CONTAINERS.pattern})\s*(?:a|per|each|every|/)\s*(?:day|week|month|hour)\b", re.IGNORECASE)


def _rate(sentence: str, match: re.Match) -> tuple[float, tuple[int, int], bool, bool, float]:
    """(queries a day, span read, whether it is a peak, whether business hours scaled it, queries a day
    per unit of the figure as written) of one rate."""
    written = (match.group("period") or match.group("slash") or match.group("adverb") or match.group("rate")).lower()
    written = written if written in ("s", "qps", "rps") else written.rstrip("s")  # "days" is "day"; "s" and "rps" are seconds
    unit = _UNIT_ALIASES.get(written, written)
    value = _range_middle(sentence, match, signed(match, parse_number(match.group("num"), match.group("mult") or match.group("multword"))))
    end = match.end()
    noun = match.group("noun") or ""
    named = None if noun else _NAMED_BEFORE.search(sentence[: match.start()])
    if named:
        noun = named.group("noun")  # "calls are about 30k a day, ... 3 times per call"
    after = _NOUN_AFTER.match(sentence[end:]) if match.group("adverb") else None
    if after and CONTAINERS.fullmatch(after.group("first")):
        noun, end = after.group("first"), end + after.end("first")  # "~4k daily players, each triggers ~50 lines"
    elif after and after.group("noun") and CONTAINERS.fullmatch(after.group("noun")):
        noun, end = after.group("noun"), end + after.end()
    # what each counted thing makes, for the usual containers or the very thing counted: "25k SMS a day,
    # ~2 intent calls per SMS"
    if not noun:
        # a count whose noun was said with the count before it: "12k sessions a day in peak weeks, 4k
        # on a normal day, and each session averages about three questions"
        noun = next((m.group("noun") for m in reversed(list(_COUNTED_BEFORE.finditer(sentence, 0, match.start())))), "")
    counted = noun.split()[-1].lower().rstrip("s") if noun else ""
    same = bool(counted) and re.search(rf"\b(?:per|each|every)\s+{re.escape(counted)}s?\b", sentence[end:], re.IGNORECASE)
    inner = per_unit_factor(sentence[end:]) if CONTAINERS.search(noun) or same else None
    if not inner and noun and CONTAINERS.search(noun):
        later = per_unit_said_later(sentence[end:], noun.split()[-1])
        inner = (later, 0) if later else None
    if not inner and noun:
        # (by the thing's own name, whatever it is: "guests send maybe 2 requests per stay, we have about 600 stays a day")
        before = per_unit_said_before(sentence[: match.start()], noun.split()[-1])
        inner = (before, 0) if before else None
    if inner:
        value, end = value * inner[0], end + inner[1]
    said = _SAY.match(sentence[end:])
    if said:
        # "a few dozen a day, say 50": the figure they settle on
        value, end = parse_number(said.group("num"), said.group("mult")), end + said.end()
    per_day = PER_DAY[unit]
    hours = unit in ("second", "minute", "hour") and bool(_BUSINESS_HOURS.search(sentence))
    if hours:
        per_day *= BUSINESS_HOURS_PER_DAY / 24
    around = clause_before(sentence, match.start())[-30:] + sentence[match.start():end] + re.split(r"[,;.]", sentence[end:], maxsplit=1)[0][:35]
    scale = per_day * (inner[0] if inner and not said else 1)
    return value * per_day, (match.start(), end), bool(PEAK.search(around)), hours, scale


# The low end of a range that ends at the count read: "10-15k a day", "2 to 3k", "between 5k and 8k".
_RANGE_LOW = re.compile(rf"(?:(?P<between>between)\s+)?(?P<low>{DIGITS})\s*(?P<lowmult>k|m)?\s*(?P<joint>-|–|—|to|and|or)\s*$", re.IGNORECASE)


_RANGE_JOINT = re.compile(r"\s*(?:-|–|—|to)\s*\d")


def _range_middle(sentence: str, match: re.Match, high: float) -> float:
    """The middle of a range whose high end `match` read ("10-15k questions a day" is 12,500), else `high`."""
    low = _RANGE_LOW.search(sentence[: match.start()])
    if not low or (low.group("joint").lower() == "and" and not low.group("between")):
        return high  # "3 teams and 8k requests" is no range
    value = parse_number(low.group("low"), low.group("lowmult") or match.group("mult") or match.group("multword"))
    return (value + high) / 2 if high / 20 <= value < high else high


_TWO_KINDS = re.compile(rf"(?:[a-z-]+\s+)?(?:{REQUEST_NOUNS})\s+(?:and|or|&)\s+(?:[a-z-]+\s+)?(?:{REQUEST_NOUNS})", re.IGNORECASE)
_WORKERS = re.compile(r"\b(?:techs?|technicians?|staff|employees?|workers?|nurses?|doctors?|drivers?|engineers?|operators?|associates?|reps?|clerks?|agents?|officers?|pharmacists?)$", re.IGNORECASE)
_VOLUME_NAMED = re.compile(r"\b(?:volume|traffic|throughput|load)\b\s*(?:is|of|:|-|–|=|at|around|about|roughly|like)?\s*(?:about|around|roughly|like|approx\.?|approximately|maybe|probably|~)?\s*$", re.IGNORECASE)


# New things a period, then each one put through the model.
_EACH_PUT_THROUGH = re.compile(
    r"^[^.;]{0,60}?\b(?:use|uses|run|runs|have|call|calls|send|pass|feed|ask)\s+(?:[\w.-]+\s+){0,3}?to\s+\w+\s+(?:each|every)\s+(?:one|of them|item|listing|product|post|article)\b"
    r"|^[^.;]{0,40}?\b(?:and\s+)?(?:each|every)(?: one| of them)? (?:is|gets|goes|has to be) (?:tagged|classified|categori[sz]ed|labell?ed|routed|checked|summari[sz]ed|scored|processed|translated|moderated|screened|run through)\b",
    re.IGNORECASE,
)


def _is_traffic(sentence: str, match: re.Match, answering: bool = False) -> bool:
    """False for counts per period that are not this user's requests: "3 times a day", "we publish 200
    articles a week", "I read fine-tuning breaks even at 50-80k queries a month". `answering`: the
    message answers the volume question, so "400k new listings a day" is the traffic."""
    clause = clause_before(sentence, match.start())
    if _REPORTED.search(clause):
        return False
    if match.group("adverb") and _PEOPLE_AFTER.match(sentence[match.end() :]):
        return False  # "10k daily active users" counts people, not requests
    noun = match.group("noun")
    if noun and _CURRENCY.fullmatch(noun):
        return False  # "we are paying 25 thousand dollars per month": money, however it is asked
    if re.search(r"\b(?:the same|same)\s*$", sentence[: match.start()], re.IGNORECASE):
        return False  # "the intents don't change, it's the same 40 every year": a fixed set, not traffic
    if not noun and (_MONEY_BEFORE.search(clause) or _MONEY_JUST_BEFORE.search(sentence[: match.start()])):
        return False  # "our bill is about 4k a month", "the problem is the bill, we're at 40k a month": money
    if noun and _TWO_KINDS.fullmatch(noun):
        return True  # "fifteen hundred emails and chat messages a day": requests of two kinds
    if noun and re.fullmatch(r"of (?:those|these|them|that kind)", noun, re.IGNORECASE):
        return True  # "we get 3-4k of those a day": the questions just named
    if noun and _WORKERS.search(noun):
        return False  # "~180 maintenance techs a day": the people on shift, whose lookups are the traffic
    if _VOLUME_NAMED.search(sentence[: match.start()]) and not (noun and _SPAN_OF_TIME.search(noun)):
        return True  # "problem is volume: 300k new listings a day": named as the volume, it is
    if _OUTPUT_FOR.search(sentence[: match.start()]):
        return True  # "we write product descriptions for about 6,000 new items a week": one output each
    if noun and noun.lower() == "times" and _USED_BEFORE.search(sentence[: match.start()]):
        return True  # "we'd use it maybe 20 times a week": how often the model is called is the traffic
    if noun and _OUTPUT_NOUN.match(noun.split()[-1]) and re.match(r"(?:\w+\s+)?new\s", noun, re.IGNORECASE):
        return True  # "about 2,000 new descriptions a day": what the model writes, one a request
    if noun and re.match(r"(?:\w+\s+)?new\s", noun, re.IGNORECASE) and _PROCESSED.search(sentence[: match.start()]):
        return True  # "tagging product attributes on ~120k new listings a day": what the task works through
    if noun and re.match(r"(?:\w+\s+)?new\s", noun, re.IGNORECASE) and _EACH_PUT_THROUGH.match(sentence[match.end():]):
        return True  # "sellers list about 400k new items a day and we use gpt-4o to assign each one to our category tree"
    if noun and (_SPAN_OF_TIME if answering or _NEW_WORK.match(noun) else _NOT_TRAFFIC).search(noun):
        return False
    if noun and answering and _REVISIONS.search(noun):
        return False  # "something like 40 revisions a month", even as the answer: the knowledge changing
    # ("we add a few hundred every day": what is added, with or without its noun, is new content)
    return not (_CHANGE_VERBS.search(sentence[: match.start()]) and not (noun and _OUTPUT_NOUN.match(noun)))


def _ends_bare_count(after: str) -> bool:
    """True when a bare number stands alone ("about 20k, maybe more"), not "3 engineers" or "30-turn"."""
    after = after.lstrip()
    if after[:1] == "-" and after[1:2].isalpha():
        return False
    return not after or after[0] in ",.;:!?)-–—~+" or bool(_BARE_COUNT_TAIL.match(after))
