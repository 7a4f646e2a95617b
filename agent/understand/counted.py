"""What a traffic figure counts ("300 daily flights" counts flights, not requests), how many requests
each counted thing makes ("12k sessions a day, about 6 messages each"), and a figure corrected as it
is said ("hmm no, 3k, 4k was end of quarter")."""

from __future__ import annotations

import re

from agent.understand.figures import parse_number
from agent.understand.shapes import LEADING_CORRECTION


def leading_traffic_fix(sentence: str) -> bool:
    """A sentence that opens by correcting and gives a bare figure ("hmm no, 3k, 4k was end of quarter")."""
    fix = LEADING_CORRECTION.match(sentence)
    if not fix:
        return False
    # "no wait, that's per region, we have 4 regions, so 600": the first figure a multiplier, the sum at the end
    return not counts_other_things(fix.group(0) + sentence[fix.end():fix.end() + 25].split(",")[0]) or bool(_SUM_AT_THE_END.search(sentence))


_SUM_AT_THE_END = re.compile(
    r"\b(?:so|that'?s|which (?:is|makes)|making|total(?:ling)?|call it)\s*(?:about |around |roughly |like |~\s*)?\d[\d,.]*\s*(?:k|m)?\s*(?:a day|per day|/\s*day|total|in total|all up)?\W*$",
    re.IGNORECASE,
)


def counts_other_things(sentence: str) -> bool:
    """Whether the traffic figure in `sentence` counts things the model is not asked about."""
    # the word counted, or the one after a modifier: "3M support emails"
    counted = [n for m in _COUNTED.finditer(sentence) for n in (m.group("noun"), m.group("next")) if n and (n == m.group("noun") or len(n) > 4)]
    return bool(counted) and not any(_MODEL_WORK.fullmatch(n) for n in counted)


# What a count of traffic counts: what the model is asked, or works on. A count of anything else
# ("300 daily flights", "5k parcels a day") is read, and said back as a reading to correct.
_MODEL_WORK = re.compile(
    r"(?:quer(?:y|ies)|questions?|q's|requests?|reqs?|calls?|chats?|messages?|msgs|tickets?|conversations?|convos?|sessions?|emails?|"
    r"lookups?|searches|prompts?|interactions?|inquir(?:y|ies)|enquir(?:y|ies)|turns?|users?|visitors?|customers?|rps|qps|completions?|"
    r"documents?|docs|invoices?|claims?|contracts?|files?|forms?|reports?|transcripts?|summar(?:y|ies)|letters?|notes|records?|listings?|"
    r"reviews?|posts?|comments?|articles?|pages?|images?|photos?|items?|products?|descriptions?|translations?|extractions?|predictions?|"
    r"classifications?|labels?|answers?|replies|responses?|drafts?|generations?|outputs?|inputs?|texts?|lines?|leads?|applications?|cases?|"
    r"orders?|receipts?|statements?|filings?|transactions?|payments?|bookings?|resumes?|cvs?|jobs?|tasks?|runs?|events?|alerts?|logs?|samples?|entries|rows?|"
    # not a noun: "40k a day", "2.5M per month", "1M/mo", "~5 rps at peak"
    r"a|an|per|each|every|or|to|of|in|at|on|across|through|total|thousand|hundred|million|billion|daily|weekly|monthly|hourly|times|tops|max|or so|ish|peak|avg|average|"
    # a reason or a time after the figure: "more like 18k since we added the EU market"
    r"since|because|as|now|after|when|due|with|from|by|for|and|but|so|then|these|nowadays|lately|today|already)",
    re.IGNORECASE,
)
# The word a traffic figure counts: "~300 daily flights" counts flights.
_COUNTED = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:k|m|mn|million|thousand|hundred)?\+?\s+(?:(?:daily|weekly|monthly|new|more|odd|extra|inbound|incoming|unique)\s+)?(?P<noun>[a-z]+)(?:[\s-]+(?P<next>[a-z]+))?", re.IGNORECASE)


# What one counted thing holds: "12k sessions a day, about 6 messages each", "40,000 calls a day,
# each call 8 turns", "each conversation averages 5 LLM calls". Each message or turn is a request.
_INNER = (r"(?:(?:[a-z-]+\s+)?(?:messages?|msgs?|turns?|lines?|utterances?|replies|questions?|requests?|queries|calls?|llm calls?|api calls?|model calls?|(?:llm|model|api) requests?|inference calls?|prompts?|exchanges?|round[- ]?trips?|completions?|"
          # what a step of the work is called, with the word for its kind: "around 3 intent lookups per call"
          r"lookups?|searches|classifications?|predictions?|extractions?|generations?|rewrites?|checks?|"
          # what the model hands back each time: "~2.4M calls a year, ~4 suggestions per call"
          r"suggestions?|recommendations?|drafts?|summar(?:y|ies)|answers?|responses?|tags?|translations?))")
_HEDGE = r"(?:about|around|roughly|approximately|approx\.?|~|maybe|probably|perhaps|likely|say|typically|usually|normally|generally|on average|avg\.?|some|like)\s*"
_PER_UNIT = re.compile(
    # "50k conversations a day at launch, ~10 lines each": a short aside may come between.
    r"^(?:\s+(?:at|on|in|from|during|by|across|over|between|for|today|currently|now|right now|total|overall|altogether|combined|all up)\b[^,;.\d]{0,25})?"
    r"(?:\s*(?:[,;:(]|\band\b|\bwith\b|-))*\s*(?:"
    rf"(?:{_HEDGE})?(?P<n>\d+(?:\.\d+)?)\s*{_INNER}\s*(?:each|apiece|a piece|per (?!(?:day|week|month|year|hour|minute|second|shift)s?\b)[a-z]+)\b"
    # "each call 8 turns", "each triggers ~50 npc lines": any verb may say what each makes
    rf"|each(?:\s+(?:one|session|conversation|convo|chat|call|ticket|visit|interaction|thread|user|player|visitor|customer|order|claim|shipment|application|case|document|email))?\s+(?:[a-z]+\s+)?\s*(?:{_HEDGE})?(?P<n2>\d+(?:\.\d+)?)\s*{_INNER}\b"
    # "every call would hit the model ~6 times", "each ticket calls the LLM about 3 times"
    rf"|(?:each|every)\s+(?:one|session|conversation|convo|chat|call|ticket|visit|interaction|thread|user|case|document|doc)\s+(?:\w+\s+){{1,4}}?(?:{_HEDGE})?(?P<n3>\d+(?:\.\d+)?)\s*(?:times|{_INNER})\b"
    r")",
    re.IGNORECASE,
)
CONTAINERS = re.compile(
    r"\b(?:sessions?|conversations?|convos?|chats?|calls?|tickets?|visits?|visitors?|users?|threads?|cases?|interactions?|customers?|documents?|docs|"
    # people a day, each making several requests: "~4k daily players, each triggers ~50 npc lines"
    r"players?|gamers?|learners?|students?|shoppers?|patients?|callers?|guests?|members?|readers?|viewers?|orders?|claims?|applications?|shipments?)\b",
    re.IGNORECASE,
)


def per_unit_said_later(text: str, counted: str) -> float | None:
    """Requests per counted thing said further on in the sentence, by the thing's own name: "about 12k
    support calls a day, the model suggests the next thing to say, around 5 suggestions per call"."""
    thing = re.escape(counted.lower().rstrip("s"))
    # (or how many times the model is asked: "we do the intent check around 3 times per call")
    later = re.search(rf"(?:{_HEDGE})?(?P<n>\d+(?:\.\d+)?)\s*(?:{_INNER}|times)\s*(?:per|each|every|a)\s+{thing}s?\b", text, re.IGNORECASE)
    return float(later.group("n")) if later and float(later.group("n")) > 0 else None


def per_unit_said_before(text: str, counted: str) -> float | None:
    """Requests per counted thing said before the count of them: "kids ask maybe 5 things a session,
    we see about 20k sessions a day", "each chat is about 4 messages and we get 3k chats daily"."""
    thing = re.escape(counted.lower().rstrip("s"))
    before = re.search(rf"(?:{_HEDGE})?(?P<n>\d+(?:\.\d+)?)\s*(?:{_INNER}|times|things)\s*(?:per|each|every|a|an)\s+{thing}s?\b"
                       rf"|\beach\s+{thing}\s+(?:is|has|averages|runs|means|makes|holds)\s+(?:{_HEDGE})?(?P<n2>\d+(?:\.\d+)?)\s*{_INNER}\b", text, re.IGNORECASE)
    value = float(before.group("n") or before.group("n2")) if before else 0
    return value if value > 0 else None


def per_unit_factor(text: str) -> tuple[float, int] | None:
    """(requests per counted thing, characters read) when `text` starts by saying how many requests
    each counted thing makes ("about 6 messages each"); None otherwise."""
    match = _PER_UNIT.match(text)
    if not match:
        return None
    factor = float(match.group("n") or match.group("n2") or match.group("n3"))
    return (factor, match.end()) if factor > 0 else None


# A count of the counted things put right against the old one: "sorry, I meant 15k chats a day, not
# 20k". What each makes ("about 4 messages each", said before) still holds.
_CONTAINER_CORRECTED = re.compile(
    r"(?<![\w.,])(?P<new>\d[\d,]*(?:\.\d+)?)\s*(?P<newk>k)?\s+(?P<what>[a-z]+)\s+(?:a|per)\s+(?:day|week|month),?\s+(?:not|instead of|rather than)\s+(?P<old>\d[\d,]*(?:\.\d+)?)\s*(?P<oldk>k)?\b",
    re.IGNORECASE,
)


def corrected_container(text: str, current: float | None) -> float | None:
    """The volume after a corrected count of containers, when the volume known was that count times
    what each makes ("20k chats a day, each about 4 messages", then "15k chats a day, not 20k")."""
    match = _CONTAINER_CORRECTED.search(text)
    if not (match and current and CONTAINERS.fullmatch(match.group("what"))):
        return None
    new = parse_number(match.group("new"), match.group("newk"))
    old = parse_number(match.group("old"), match.group("oldk") or match.group("newk"))  # "15k ..., not 20": the same scale
    factor = current / old if old else 0
    return current * new / old if factor > 1.01 and new > 0 else None
