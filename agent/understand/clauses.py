"""Clauses: a message cut where its meaning can turn ("but", "however", ";", "not"), and the words of
each clause marked where a negation governs them.

The slot classifier reads one clause at a time, so "the answers are fine but the bill is killing
us" is two readings, and "prices change monthly, not weekly" keeps "monthly" and drops the negated
alternative. Negation scope runs from a cue ("not", "no", "never", "-n't", "without", ...) to the
end of its clause: "hosted is not an option" and "hosted is an option" then differ in their words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from agent.understand.figures import in_common_digits
from agent.understand.number_words import UNITS, numbers_in_digits

# Where a sentence turns: a contrast, a concession, a semicolon or a dash aside.
_TURN = re.compile(
    r"\s*(?:;|\s[-–—]\s|,\s*(?=and\s+(?:i|we|they|it|the|our|my|you)\b)|\b(?:but|however|although|though|whereas|(?<!\ba )while|except that|yet|otherwise)\b[,:]?)\s*",
    re.IGNORECASE,
)
# ", not weekly" / "rather than weekly" / "instead of hosted": the alternative the user rules out.
_RULED_OUT = re.compile(r",?\s*\b(?:not|rather than|instead of|as opposed to)\s+(?=\S)", re.IGNORECASE)
_RATES = r"daily|weekly|monthly|quarterly|yearly|annually|hourly|nightly|fortnightly"
_RATE_NOT_RATE = re.compile(rf"\b(?:{_RATES})\s+(?P<not>not)\s+(?:{_RATES})\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[$%,:]", re.IGNORECASE)
# A negation's scope ends at a comma, a colon, or where a new statement joins on.
_SCOPE_ENDS = frozenset({",", ":", "and", "so", "because", "since", "which", "then"})
_RELATIVE = frozenset({"that", "who", "whose"})
_MODALS = frozenset({"can", "may", "could", "must", "will", "should", "might", "shall"})
_INTERJECTIONS = frozenset({"nope", "nah", "na"})
_NEGATION_CUES = frozenset(
    "not no never nothing none nobody neither nor without cannot cant can't won't wont don't dont doesn't doesnt "
    "isn't isnt aren't arent wasn't weren't shouldn't mustn't couldn't wouldn't haven't hasn't hadn't didn't "
    "nope nah zero".split()
)


@dataclass(frozen=True)
class Clause:
    """A clause's text and its words, each marked whether a negation governs it. `ruled_out` is true
    for the alternative of an "X, not Y" ("not weekly"): the user names it only to exclude it."""

    text: str
    words: tuple[str, ...]
    negated: tuple[bool, ...]
    ruled_out: bool = False

    @property
    def has_negation(self) -> bool:
        """Whether a negation governs any word ("not needed"); `negates` also counts a trailing cue
        ("citations: no")."""
        return any(self.negated)

    @property
    def negates(self) -> bool:
        return any(is_negation_cue(w) for w in self.words)

    def negated_at(self, position: int, text: str | None = None) -> bool:
        """Whether the word at `position` of the clause's text (or of `text`, the same words with
        spans blanked) lies in a negation's scope."""
        index = len([w for w in words_of((self.text if text is None else text)[:position]) if w not in (",", ":")])
        return index < len(self.negated) and self.negated[index]


# Chat shorthand, spelled out before anything reads the message: "couple secs ok", "w/ links",
# "~5 mins". Units are spelled out only after a count, so "SEC filings" stays a regulator.
_SHORTHAND = tuple(
    (re.compile(pattern, re.IGNORECASE), spelled)
    for pattern, spelled in (
        (r"\bw/o\b", "without"),
        (r"\bw/\s*", "with "),
        (r"\bb/c\b|\bbc\b(?=\s+(?:we|it|they|the|our|of|i)\b)", "because"),
        (r"\btho\b", "though"),
        # "each would ask it a dozen things a day", "half a dozen"
        (r"\bhalf a dozen\b", "6"),
        (r"\b(?:a|one) dozen\b(?!\s+(?:or so|thousand|hundred|million)\b)", "12"),
        # "there's 7 of us, each asking maybe 25 questions a day": the people counted
        (r"\b(\d+) of us\b", r"\1 people"),
        # a retention term is no negation: "our zero-retention enterprise agreement" is a ZDR agreement
        (r"\bzero[- ](?:data[- ])?retention\b", "ZDR"),
        # "every single week" is every week; "returns+reviews" are returns and reviews
        (r"\bevery single (day|week|month|year|night|morning|monday|tuesday|wednesday|thursday|friday)\b", r"every \1"),
        (r"(?<=[a-z])\s*\+\s*(?=[a-z])", " and "),
        # Lower case only: "Appendix U" and "R" the language stay.
        (r"(?<![.\w])(?-i:u)(?![.\w'-])", "you"),
        (r"(?<![.\w])(?-i:ur)(?![.\w'-])", "your"),
        (r"(?<![.\w])(?-i:r)(?= (?:you|u|we|they|these|those)\b)", "are"),
        (r"\b(?:pls|plz)\b", "please"),
        (r"\brecs?\b(?=\s*\?|\s*$|\s+(?:please|pls|now)\b)", "recommendation"),
        (r"\bidk\b", "I don't know"),
        (r"\blmk\b", "let me know"),
        # the word people misspell most when they ask for the call: "what do u reccomend", "recomendation"
        (r"\brec+om+end", "recommend"),
        (r"\bdunno\b", "don't know"),
        # a negation typed without its apostrophe: "the code list hasnt changed in yrs"
        (r"\b(has|had|was|were|did|does|do|is|are|could|would|should|have|must|need)nt\b", r"\1n't"),
        (r"\bcant\b", "can't"),
        (r"\bwont\b(?= (?:be|work|change|need|help|let|allow|accept|use|go|leave|fit|scale)\b)", "won't"),
        (r"\babt\b", "about"),
        (r"(?<!\w)w/(?=\s)", "with"),
        (r"(?<!\w)w/o(?=\s)", "without"),
        (r"\batm\b", "at the moment"),
        (r"\bprob\b(?= (?:not|never|weekly|daily|monthly|yearly|fine|ok|okay|more|less|around|about|under|over|like|just|\d))", "probably"),
        (r"\brn\b", "right now"),
        (r"\bppl\b", "people"),
        (r"\bmsgs\b", "messages"),
        (r"\bq'?s\b", "questions"),
        (r"\bcouple (?=(?:secs?|seconds|mins?|minutes|hrs?|hours)\b)", "couple of "),
        (r"\b(\d+|of|few|two|ten)\s*secs?\b", r"\1 seconds"),
        (r"\b(\d+|of|few|two|ten)\s*mins?\b", r"\1 minutes"),
        (r"\b(\d+|of|few|two|ten)\s*hrs?\b", r"\1 hours"),
        # A count per person with the period as an adverb reads like one with "a day": "maybe 20
        # searches each daily", "15 queries daily" (not "10k daily users": the adverb comes after).
        (r"\b(each|apiece)\s+(?:daily|every day)\b", r"a day \1"),
        (r"\b(each|apiece)\s+weekly\b", r"a week \1"),
        # "maybe 20 searches each on a working day" is 20 a working day each
        (r"\b(each|apiece)\s+on\s+an?\s+(working|business|school|normal|typical)\s+day\b", r"a \2 day \1"),
        (r"\b(\d[\d,.]*\s*k?\s+(?:queries|questions|searches|lookups|requests|messages|chats|calls|prompts|tickets|emails|drafts|letters|reports|summaries))\s+daily\b", r"\1 a day"),
        # a range of a count is its middle: "somewhere between 10 and 20 questions a day" is 15
        # (not "between 1 and 1.4 million", nor a multiplier after: the traffic reader reads both ends)
        (r"\b(?:somewhere )?between (\d+) and (\d+)\b(?![.,]\d)(?!\s*(?:k|m|mil|million|thousand|hundred|bn|billion)\b)", lambda m: f"{(int(m.group(1)) + int(m.group(2))) / 2:g}"),
        # ... and so is a small range with a dash: "each handles maybe 60-80 messages a shift" is 70
        # (a range with a multiplier, "10-15k", is the traffic reader's: it reads both ends)
        (r"(?<![\d.,$€£-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?=\s+[a-z])(?!\s+(?:k|m|mil|million|thousand|hundred|bn|billion|years?|yrs?|yo|months?|weeks?|days?|hours?|minutes?|seconds?|ms|percent)\b)",
         lambda m: f"{(int(m.group(1)) + int(m.group(2))) / 2:g}" if int(m.group(1)) < int(m.group(2)) else m.group(0)),
        # ... and a range in thousands: "8-10k reports a day" is 9k, "between 12 and 16k a month" about 14k
        (r"(?<![\d.,-])(\d{1,3})\s?[-–]\s?(\d{1,3})\s?k\b", lambda m: f"{(int(m.group(1)) + int(m.group(2))) / 2:g}k" if int(m.group(1)) < int(m.group(2)) else m.group(0)),
        (r"\bbetween (\d{1,3}) and (\d{1,3})\s?k\b", lambda m: f"about {(int(m.group(1)) + int(m.group(2))) / 2:g}k" if int(m.group(1)) < int(m.group(2)) else m.group(0)),
        # a period heading a count, as in a bullet: "- monthly ~9k change requests" is 9k a month
        (r"(?:(?<=^)|(?<=\n)|(?<=[-*•:]\s))\s*(daily|weekly|monthly|quarterly|yearly|annually)\s*[:=]?\s*(~?\s*\d[\d,.]*\s*(?:k|m|mm|million|thousand)?\s+[a-z]+(?:\s+[a-z]+){0,2}?)\s*(?=$|\n|[,;.(])",
         lambda m: f"{m.group(2)} a {_PERIOD_OF[m.group(1).lower()]}"),
        # what is counted a night is counted a day: "around 15k stories a night"
        (r"(\d[\d,.]*\s*(?:k|m|thousand|million)?\s+(?:[a-z-]+\s+){0,2}?)(a|per|each|every)\s+night\b", r"\1\2 day"),
        # what a person does in a shift is what they do in their working day
        (r"\b(a|an|per|each|every)\s+shift\b", r"\1 working day"),
    )
)


# A need questioned is a need denied: "Why would we need documents? There's nothing to look up" says
# there are none. Only for the facts of the case (documents, looking things up, citations, links,
# tenants kept apart); "why would we need RAG?" asks the advisor to explain an option, and stays a question.
_RHETORICAL_NEED = re.compile(
    r"(?P<lead>^|(?<=[.!?])\s+|\n)(?:(?:but|and|so|honestly|seriously|ok|okay)\W+)?why (?:would|should|do|does) (?:we|i|it|they|anyone|the (?:bot|model|assistant|tool)) "
    r"(?:even |ever |possibly |really |actually )?(?:need|want|require) "
    r"(?P<what>(?:any |some |a |the |to )?(?:[\w-]+ ){0,2}?(?:documents?|docs|knowledge ?base|corpus|look (?:anything|stuff|things) up|retriev\w+ (?:anything|documents|docs)|"
    r"citations?|sources?|links?|references|footnotes|separate (?:indexes|indices|data|stores?)|tenant \w+))\s*\?+",
    re.IGNORECASE,
)


_TWICE = re.compile(r"\b(?P<times>once|twice|thrice)\s+(?P<per>(?:a|per|each)\s+(?:day|week|shift|working day))\b", re.IGNORECASE)
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_SHIFTS = re.compile(r"\b(?P<n>[2-4]|two|three|four)\s+shifts\b", re.IGNORECASE)
# A count a shift for the whole site (not each person's: "each doing maybe 10 lookups a shift").
_PER_SHIFT = re.compile(r"(?<![\d,.])(?P<num>\d{1,3}(?:,\d{3})*|\d+)\s+(?P<what>(?:[a-z-]+\s+){0,2}?)(?:per|a|each|every|in (?:a|one))\s+shift\b(?!s)", re.IGNORECASE)
_HOURLY = r"(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+(?P<noun>(?:[a-z-]+\s+){0,2}?)(?:an|per|a|/)\s*(?:hour|hr|h)\b"
_HOURS_A_DAY = (r"(?:(?:about |around |roughly |maybe |approx\.? |~\s*)?(?P<h>\d{1,2})\s*(?:hours?|hrs?)\s+(?:a|per|each|every)\s+day"
                r"|an?\s+(?P<h2>\d{1,2})[- ]?(?:hours?|hrs?|h)\s+(?:working\s+|work\s+|business\s+|opening\s+)?day)\b")
# ("about 350 invoices an hour across the whole team, over an 8-hour day")
_HOURLY_OVER_HOURS = re.compile(_HOURLY + r"(?P<gap>[^.;\d]{0,30}?)[,;]?\s*(?:(?:and\s+)?(?:for|over|across|in|during)\s+)" + _HOURS_A_DAY, re.IGNORECASE)
_HOURS_THEN_HOURLY = re.compile(
    r"(?P<lead>\b(?:open|run|running|staffed|live|on)\s+(?:for\s+)?)" + _HOURS_A_DAY + r"(?P<mid>[^.;\d]{0,40}?)\b" + _HOURLY,
    re.IGNORECASE,
)
_ON_THE_SHIFT = re.compile(r"(?:on|in)\s+$")  # "40 nurses on each shift" is 120 nurses a day
_PERIOD_OF = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year", "annually": "year"}


def spell_out(text: str) -> str:
    """The message with chat shorthand spelled out (see `_SHORTHAND`), numbers written in words put
    in digits (see `agent.understand.number_words`) and slips of the keyboard in the words the readers key on put right
    (see `_typos`)."""
    shifts = _SHIFTS.search(text)
    # "We run three shifts and expect roughly 700 lookups per shift": the day is every shift's count;
    # what each person does a shift is what they do a day (they work one of them): "each maybe asks 5
    # questions in a shift"
    n = (UNITS.get(shifts.group("n").lower()) or int(shifts.group("n"))) if shifts else None
    text = _PER_SHIFT.sub(lambda m: f"{m.group('num')} {m.group('what')}a day" if re.search(r"\b(?:each|every|apiece)\b", m.string[max(0, m.start() - 50) : m.start()], re.IGNORECASE)
                          else f"{float(m.group('num').replace(',', '')) * n:g} {_ON_THE_SHIFT.sub('', m.group('what'))}a day" if n else m.group(0), text)
    # an hourly rate over the hours the service runs: "150 questions an hour, for roughly 10 hours a day" is 1,500 a day
    text = _HOURLY_OVER_HOURS.sub(lambda m: f"{float(m.group('n').replace(',', '')) * float(m.group('h') or m.group('h2')):g} {m.group('noun')}a day{m.group('gap')}", text)
    text = _HOURS_THEN_HOURLY.sub(lambda m: f"{m.group('lead')}all day{m.group('mid')}{float(m.group('n').replace(',', '')) * float(m.group('h') or m.group('h2')):g} {m.group('noun')}a day", text)
    # what each person does, as a count: "100 supervisors, each maybe twice a day" is 2 times a day each
    text = _TWICE.sub(lambda m: f"{_TIMES[m.group('times').lower()]} times {m.group('per')}"
                      if re.search(r"\beach\b|\bevery (?:one|person|user)\b", m.string[max(0, m.start() - 30) : m.start()], re.IGNORECASE) else m.group(0), text)
    for pattern, spelled in _SHORTHAND:
        text = pattern.sub(spelled, text)
    text = in_common_digits(text)
    text = re.sub(r"\b(match|game|race|sale)(days?)\b", r"\1 \2", text, flags=re.IGNORECASE)  # "matchdays" are match days
    # an age is no span of time: "too wordy for 8 yr olds", "kids aged 6 to 9 years"
    text = _AGE.sub(lambda m: f"aged {m.group('age') or m.group('age2')}{'-' + m.group('to') if m.group('to') else ''}", text)
    # a second thought after a trailing-off is one sentence with what it revises: "would be nice... actually yes, required"
    text = re.sub(r"(?<=\w)\s*(?:\.{2,}|…)\s*(?=(?:actually|on second thought|hmm)\b)", ", ", text, flags=re.IGNORECASE)
    text = _GLOSS_BEFORE_RATE.sub("", text)
    text = _PERIOD_FIRST.sub(lambda m: f"{m.group('rest')[:1].upper()}{m.group('rest')[1:]} a {_PERIOD_OF[m.group('per').lower()]}", text)
    text = _PRODUCT.sub(_product_in_words, text)
    text = _RATE_TAKEN_BACK.sub(lambda m: f"not {m.group('rate')}", text)
    text = _FIX_KEEPS_PERIOD.sub(lambda m: f"{m.group('first')}{m.group('fix')}{m.group('second')} a {m.group('per').lower()}", text)
    text = numbers_in_digits(text)
    text = re.sub(r"(?<![\d,.$€£])\b(\d{1,3}) or (\d{1,3})\b(?=\s+(?:more\s+)?[a-z]{3,})",
                  lambda m: f"{(int(m.group(1)) + int(m.group(2))) / 2:g}" if int(m.group(1)) < int(m.group(2)) <= 3 * int(m.group(1)) else m.group(0), text)
    if _WRITES_PER_ITEM.search(text):  # "write product descriptions ... we add about 300 new products a week": one each
        text = _NEW_ITEMS.sub(lambda m: f"{m.group('n')} new product descriptions {m.group('per')}", text)
    text = _PERIOD_BEFORE_EACH.sub(lambda m: f"{m.group('lead')} a {m.group('per').lower()}", text)
    text = _RHETORICAL_NEED.sub(lambda m: f"{m.group('lead') or ''}We don't need {m.group('what')}.", text)
    typos = _typos()
    return _LETTERS.sub(lambda m: _matching_case(m.group(0), typos.get(m.group(0).lower())), text)


# A word glossed in brackets between a count and its rate: "2 thousand complaints (reklamacje) per
# day" counts complaints a day.
_GLOSS_BEFORE_RATE = re.compile(r"\s*\([^()\d]{1,30}\)(?=\s*(?:a|an|per|each|every)\s+(?:day|week|month|hour)\b)", re.IGNORECASE)
_AGE = re.compile(
    r"\b(?P<age>\d{1,2})(?:\s*|-)(?:yrs?|years?)(?:\s*|-)(?:olds?\b|of age\b)"
    r"|\baged\s+(?P<age2>\d{1,2})(?:\s*(?:to|-|–)\s*(?P<to>\d{1,2}))?(?:\s*(?:yrs?|years?)(?: old)?\b)?",
    re.IGNORECASE,
)
_WRITES_PER_ITEM = re.compile(r"\b(?:write|writes|writing|generate|generating|draft|drafting|create|creating)\s+(?:[\w-]+\s+){0,3}?(?:descriptions?|listings?|product copy|blurbs?)\b", re.IGNORECASE)
_NEW_ITEMS = re.compile(r"\b(?P<n>\d[\d,.]*\s*k?)\s+new\s+(?:products|items|skus|listings|styles|arrivals)\s+(?P<per>(?:a|per|each|every)\s+(?:day|week|month))\b", re.IGNORECASE)
# The period said before what each person does: "600 nurses on duty over a day, and each would ask it
# 8 or so questions" is 8 questions a day each.
_PERIOD_BEFORE_EACH = re.compile(
    r"(?P<lead>\b(?:over|in|across|during|on|for) (?:a|an|one|the|any) (?:typical |normal |working |whole )?(?P<per>day|shift|week)\b"
    r"[^.;?!]*?\beach\b(?!\s+(?:session|call|chat|conversation|ticket|order|email|visit|request|message)s?\b)[^.;?!\d]*?\d+(?: or so)?\s+(?:[a-z-]+\s+)?[a-z]+s\b)(?![^.;?!]*\b(?:a|an|per|each|every|/)\s*(?:day|week|month|shift)\b)",
    re.IGNORECASE,
)
# The period put first, as many write it: "Daily we are processing approx 100,000 documents" is
# 100,000 documents a day.
_PERIOD_FIRST = re.compile(
    r"(?:^|(?<=[.;!?]\s))(?P<per>daily|weekly|monthly),?\s+(?=(?:we|our|the|there|i)\b)"
    r"(?P<rest>[^.;!?]*?\d[\d,.]*\s*(?:k|thousand|million)?\s+(?:[a-z-]+\s+)?[a-z-]+s\b)(?![^.;!?]*\b(?:a|an|per|each|every)\s+(?:day|week|month)\b)",
    re.IGNORECASE,
)


# A change rate taken back by name is ruled out: "scratch that about daily", "ignore the weekly bit",
# "forget what I said about monthly".
_RATE_TAKEN_BACK = re.compile(
    r"\b(?:scratch that|forget|ignore|disregard|strike)\s+(?:what i (?:said|wrote|told you)\s+)?(?:about|on|re|regarding)?\s*(?:the\s+)?"
    r"(?P<rate>daily|weekly|monthly|yearly|quarterly|hourly)(?:\s+(?:bit|part|thing|one|comment))?\b",
    re.IGNORECASE,
)


# A figure put right in the same breath keeps the period of the one it replaces: "roughly 2 million
# items a month, wait no, 1.5 million" is 1.5 million a month.
_FIX_KEEPS_PERIOD = re.compile(
    r"(?P<first>\d[\d,.]*\s*(?:k|m|thousand|million)?\s+(?:[a-z-]+\s+){0,3}?(?:a|an|per|each|every|/)\s*(?P<per>week|month|year))\b"
    r"(?P<fix>\s*[,;.]?\s*(?:(?:wait|no|sorry|actually|oops|hmm+|i mean|i meant|scratch that|make (?:it|that))[\s,.:-]*){1,3}(?:more like |closer to |about |around |roughly |it'?s |~\s*)*)"
    # (the new figure bare: "make that 12 questions each" puts right what each does, not the total)
    r"(?P<second>\d[\d,.]*(?:\s*(?:k|m)\b|\s+(?:thousand|million)\b)?)(?!,\d|\.\d)(?=\s*(?:$|[,.;:!?)\-–—]|(?:or so|ish|give or take|tops|max|i think|probably|now|today)\b))",
    re.IGNORECASE,
)


# A product written as one: "250 associates x ~12 queries/day", "12k sessions a day × 6 messages" is
# said the way the traffic readers know ("250 associates, about 12 queries a day each").
_PERIOD_AFTER = r"(?:\s*(?:a|an|per|/)\s*(?P<{0}>day|week|month|shift))"
_PRODUCT = re.compile(
    r"(?<![\w.,])(?P<a>\d[\d,.]*\s*k?)\s+(?P<anoun>[a-z-]+(?:\s+[a-z-]+)?)" + _PERIOD_AFTER.format("aper") + r"?"
    r"\s*[x×*]\s*(?:~\s*|about\s+|approx\.?\s*)?(?P<b>\d+(?:\.\d+)?)\s+(?P<bnoun>[a-z-]+(?:\s+(?!(?:a|an|per|each|every)\b)[a-z-]+)?)" + _PERIOD_AFTER.format("bper") + r"?(?![\w/])",
    re.IGNORECASE,
)


def _product_in_words(match: re.Match) -> str:
    a, anoun, b, bnoun = match.group("a", "anoun", "b", "bnoun")
    if match.group("aper"):
        return f"{a} {anoun} a {match.group('aper')}, about {b} {bnoun} each"
    if match.group("bper"):
        return f"{a} {anoun}, about {b} {bnoun} a {match.group('bper')} each"
    return match.group(0)


def in_their_words(quote: str, said: str) -> str:
    """A quote of the spelled-out message (`spell_out`), put back in the words the user typed where
    it shows a figure they wrote in words ("after fifteen, twenty messages", not "..., 20 messages"):
    what is said back is theirs."""
    body = quote.rstrip("…").strip()
    if not re.search(r"\d", body) or body in said:
        return quote
    words, wanted = said.split(), body.split()
    for start in (i for i, w in enumerate(words) if w == wanted[0]):
        for end in range(start + 1, min(len(words), start + len(wanted) + 12) + 1):
            if spell_out(" ".join(words[start:end])).rstrip(" .,;") == body.rstrip(" .,;"):
                return " ".join(words[start:end]) + ("…" if quote.endswith("…") else "")
    return quote


# The words the rules key on, which a slip of the keyboard hides from them: "chnage evry couple
# weeks", "latncy", "citatons", "recomended". A slip is one letter dropped, doubled or two swapped. A variant that is itself
# a word is left alone: a word of the source articles, a word the clause bank uses often (the bank
# holds a few typos on purpose, each rare), or one of the everyday words one slip from a key word.
_REAL_WORDS = frozenset("ever very person vice early provide form sure hose cots vents chance tenet".split())
_KEY_WORDS = (
    "change changes changed changing every update updates updated updating refresh refreshed daily weekly monthly "
    "quarterly yearly never always static frozen often rarely latency seconds minutes realtime citations citation "
    "sources source cite tenant tenants customer customers client clients separate separately documents document "
    "articles format schema template persona consistent character residency hosted premises provider external "
    "expensive budget cost costs labelled labeled examples questions requests tickets conversations messages "
    "thousand million hundred answers answer voice callers tokens prompt prompts output assistant chatbot "
    "recommend recommended recommendation recommendations suggest suggested approach"
).split()
_LETTERS = re.compile(r"[A-Za-z]{4,}")


@functools.lru_cache(maxsize=1)
def _typos() -> dict[str, str]:
    from pathlib import Path

    from knowledge.articles import CORPUS_DIR

    known = {w.lower() for path in sorted(CORPUS_DIR.glob("*.md")) for w in _LETTERS.findall(path.read_text(encoding="utf-8"))}
    bank = Path(__file__).resolve().parent / "bank.yaml"
    in_bank = Counter(w.lower() for w in _LETTERS.findall(bank.read_text(encoding="utf-8")))
    known |= {w for w, n in in_bank.items() if n >= 3} | _REAL_WORDS
    typos: dict[str, str] = {}
    for word in _KEY_WORDS:
        for i in range(len(word)):
            typos.setdefault(word[:i] + word[i + 1 :], word)
            if i + 1 < len(word) and word[i] != word[i + 1]:
                typos.setdefault(word[:i] + word[i + 1] + word[i] + word[i + 2 :], word)
            typos.setdefault(word[:i] + word[i] + word[i:], word)  # a letter doubled: "reccommend"
    return {slip: word for slip, word in typos.items() if len(slip) >= 4 and slip not in known and slip not in _KEY_WORDS}


def _matching_case(original: str, corrected: str | None) -> str:
    if corrected is None:
        return original
    return corrected.capitalize() if original[:1].isupper() else corrected


def is_negation_cue(word: str) -> bool:
    return word in _NEGATION_CUES or word.endswith("n't")


def words_of(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def mark(text: str, ruled_out: bool = False) -> Clause:
    """The clause's words with their negation scope."""
    words, negated, inside = [], [], False
    # An answer's "no," opens no scope over what follows it ("nah, cloud's ok", "no, hosted is fine").
    leading = words_of(text)
    # "nah cloud's ok", "no, hosted is fine" ("no data can go out" is a determiner, not an answer).
    interjection = len(leading) > 1 and (leading[0] in _INTERJECTIONS or (leading[0] == "no" and leading[1] == ","))
    relative = in_relative = False
    for position, word in enumerate(leading):
        if position == 0 and interjection:
            words.append(word)
            negated.append(False)
            continue
        if word in _SCOPE_ENDS:
            inside = False
            if word in (",", ":"):
                continue
        if inside and in_relative and word in _MODALS:
            # "data that isn't customer PII can go to hosted tools": the relative clause's "isn't"
            # ends where the main verb begins.
            inside = in_relative = False
        if word in _RELATIVE:
            relative = True
        if is_negation_cue(word) and not (word == "zero" and leading[position + 1 : position + 2] == ["shot"]):
            # ("zero-shot it gets 71%" negates nothing)
            inside, in_relative = True, relative
            negated.append(False)  # the cue itself is a word of its own
        else:
            negated.append(inside)
        words.append(word)
    return Clause(text.strip(), tuple(words), tuple(negated), ruled_out)


def clauses(text: str) -> list[Clause]:
    """The clauses of a sentence or message, in order."""
    out: list[Clause] = []
    for sentence in _SENTENCE.split(text):
        for part in _TURN.split(sentence):
            part = part.strip(" ,.")
            if not part:
                continue
            out.extend(_split_ruled_out(part))
    return out


# A figure or a rate said to have been wrong: "weekly was an overestimate", "the 18k was a typo".
_SAID_WRONG = re.compile(r"\bwas\s+(?:an?\s+)?(?:overestimate|underestimate|over-?estimate|under-?estimate|a typo|a mistake|too (?:high|low))\b", re.IGNORECASE)


_OUTPUT_INSTEAD_OF_FORM = re.compile(
    r"\b(?:writ|produc|return|giv|output|generat|spit|send|us|put)\w*\b[^,;]{0,40}\b(?:instead of|rather than)\s+(?:the |our |a |an |its )?(?:[\w-]+ )?"
    r"(?:structure|format|template|schema|layout|table|json|xml|fields|sections|form|headings)\b",
    re.IGNORECASE,
)


_ONLY_A_RATE_DENIED = re.compile(
    r"^\W*(?:(?:no|nah|nope|actually|sorry|well|so|ok|okay|hmm+)\W+)*not\s+(?:really\s+|quite\s+)?"
    r"(?:daily|weekly|monthly|quarterly|yearly|hourly|nightly|every (?:day|week|month|quarter|year))(?:[- ]?ish)?\W*$",
    re.IGNORECASE,
)


def _split_ruled_out(part: str) -> list[Clause]:
    """ "monthly, not weekly" -> [monthly], [not weekly (ruled out)]. A "not" that begins the clause
    or follows a verb ("we do not need citations") is ordinary negation, not an alternative; a clause
    that says what it names was wrong ("weekly was an overestimate") is ruled out whole."""
    if _ONLY_A_RATE_DENIED.match(part):
        return [mark(part, ruled_out=True)]  # "not daily.": a rate named only to rule it out says no other
    wrong = _SAID_WRONG.search(part)
    if wrong:
        cut = max(part.rfind(",", 0, wrong.start()), part.rfind(";", 0, wrong.start()))
        head, tail = (part[:cut].strip(" ,;"), part[cut + 1 :].strip(" ,;")) if cut > 0 else ("", part)
        return [c for c in (mark(head) if head else None, mark(tail, ruled_out=True)) if c]
    rate = _RATE_NOT_RATE.search(part)
    if rate:
        # "monthly not weekly": a rate then "not" is the alternative ruled out, comma or none
        head, tail = part[: rate.start("not")].strip(" ,"), part[rate.start("not"):].strip(" ,")
        return [mark(head), mark(tail, ruled_out=True)]
    match = _RULED_OUT.search(part)
    if match and match.start() > 0 and match.group(0).lstrip().startswith(","):
        head, tail = part[: match.start()].strip(" ,"), part[match.start():].strip(" ,")
        # the alternative ends at a colon: "that's question traffic, not edits: the formulary gets updated every Tuesday"
        tail, _, rest = tail.partition(":") if re.search(r":\s+\w", tail) else (tail, "", "")
        if not rest and _ONLY_A_RATE_DENIED.match(tail.partition(",")[0]):
            tail, _, rest = tail.partition(",")  # "no, not daily, weekly": the rate said after the one ruled out
        return [c for c in (mark(head), mark(tail, ruled_out=True), mark(rest.strip()) if rest.strip() else None) if c]
    if match and _OUTPUT_INSTEAD_OF_FORM.search(part):
        return [mark(part)]  # "it kept writing free paragraphs instead of the alert structure": a failure, whole
    if match and match.group(0).strip().lower() in ("rather than", "instead of", "as opposed to"):
        head, tail = part[: match.start()].strip(" ,"), part[match.start():].strip(" ,")
        return [c for c in (mark(head) if head else None, mark(tail, ruled_out=True)) if c]
    return [mark(part)]


def valence(clause: Clause, trouble: frozenset[str], ease: frozenset[str], *, ease_counts: bool, softened: bool = False) -> bool | None:
    """True when a word of trouble stands or a word of ease is denied, False the other way round,
    None when the clause says neither or both. `softened` ("rarely", "hardly ever") counts as a denial;
    words of ease count only when `ease_counts` (not beside a requirement: "we need valid JSON")."""
    verdicts = set()
    for word, negated in zip(clause.words, clause.negated):
        denied = negated or softened
        if word in trouble:
            verdicts.add(not denied)
        elif word in ease and ease_counts:
            verdicts.add(denied)
    return verdicts.pop() if len(verdicts) == 1 else None


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the `spans` already read turned to spaces (positions kept), so no reader reads them twice."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def unblanked(quote: str, blanked: str, sentence: str) -> str:
    """The user's own words behind a quote of the blanked sentence (blanking keeps positions): "it
    takes a second or more", not "it takes or more"."""
    words = re.findall(r"[\w'-]+", quote)
    # (the quote is of clauses, whose joints may drop a word: "well but it takes" is "well, it takes")
    found = re.search(r"\W+(?:\w+\W+)?".join(map(re.escape, words)), blanked) if words else None
    if not found:
        return quote
    return re.sub(r"\s+", " ", sentence[found.start() : found.end()]).strip() + ("…" if quote.endswith("…") else "")
