"""How often the knowledge changes, read from a clause: a period ("every Monday", "twice a month",
"every 6 weeks"), a word ("quarterly", "seasonally"), real time said of the knowledge, or "constantly"
(often, but not how often), and never a job's schedule ("nightly batch") or a volume ("20k a month")."""

from __future__ import annotations

import re

from agent.understand.shapes import CORRECTION

# Change said to be frequent without a period.
VAGUE_OFTEN = re.compile(
    r"\b(?:constantly|continuously|continually|all the time|non-?stop|nonstop|like crazy|around the clock)\b"
    # "the manuals change a lot", "it gets updated really often" (the denial is "rarely", read first)
    r"|\b(?:chang|updat|revis|refresh|mov)\w*\s+(?:(?:really|very|pretty|quite|so|super)\s+)?(?:a lot|a ton|often|frequently)\b",
    re.IGNORECASE,
)
# Real time said of the knowledge ("prices update in real time", "real-time inventory"), not of the
# answer ("too slow for real-time", "real-time chat moderation": latency).
FRESH_REAL_TIME = re.compile(
    r"\b(?:(?:updat|chang|sync|refresh|stream|arriv|mov|feed|flow|publish|pull|push)\w*(?: in| at| near)?|comes? in) real[- ]?time\b"
    r"|\breal[- ]?time (?:data|prices|pricing|inventory|stock|feeds?|updates?|info\w*|availability|rates|positions|status|news|scores|odds|telemetry|sensor|market)\b",
    re.IGNORECASE,
)


_FREQUENCIES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (value, re.compile(pattern, re.IGNORECASE))
    for value, pattern in (
        ("rarely", r"\b(?:(?:doesn'?t|does not|don'?t|do not|won'?t) (?:really )?change (?:much|often|that often|a lot|frequently)|"
                   r"(?:is|are|stays?|remains?) (?:the )?same (?:all|the whole|every|each|throughout the) (?:year|season)|(?:pretty |fairly |mostly |very )?evergreen|not (?:very |that )?often|mostly static|fairly static|fairly stable|pretty stable|rarely if ever|(?:fixed|set|stable) for the (?:whole |entire )?(?:school |academic |fiscal |calendar )?year)\b"),
        ("static", r"\b(?:(?<!not )(?<!n't )(?<!never )(?<!no longer )static(?![- ](?:analy\w+|site|sites|typing|types?|ips?|pages?|assets?|files?|html|code|checks?|linters?|website))|(?:hasn'?t|has not|haven'?t|have not)\s+(?:\w+\s+){0,3}?(?:changed|been (?:changed|updated|touched)|moved)(?:\s+\w+){0,3}?\s+(?:in|for)\s+(?:(?:over\s+)?(?:a|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|many|\d+)\s+)?(?:years?|decades?|ages)|never (?:changes?|changed(?! (?:the|our|a|an|it|anything|that|this|much)\b)|updated?|gets updated|been (?:changed|updated))|(?:doesn'?t|does not|don'?t|do not|won'?t|will not) (?:ever |really )?change(?! (?:much|often|that often|a lot|frequently))|set in stone|frozen|(?:hasn'?t|has not|haven'?t|have not|never)\s+(?:\w+\s+){0,2}?(?:changed|been (?:changed|updated|touched))\s+since\s+(?:we|it|they|the \w+)\s+(?:went live|launched|started|began|opened|shipped|rolled out)|(?:is|are|gets?|get) locked|locked (?:down|once|after|when|at|since)|unchanging|fixed (?:corpus|set|content|knowledge)|(?:nobody|no one|not|never|hasn'?t|hasnt|haven'?t|didn'?t|didnt|did not)\b[^.;]{0,40}?\b(?:edit\w*|chang\w*|updat\w*|touch\w*|revis\w*)\b[^.;]{0,30}?\bsince (?:19|20)\d\d|unchanged (?:since|for)\b|(?:has|have|'ve|'s) (?:been|stayed|remained) (?:exactly |basically |essentially |pretty much )?(?:the same|unchanged|fixed|identical|stable) (?:since (?:19|20)\d\d|for (?:years|decades|ages|(?:over )?(?:a|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|many|\d+) (?:years?|decades?)))"
                   # "fixed taxonomy, nothing external that changes"
                   r"|\bnothing (?:external |outside |else )?(?:that )?(?:changes|moves|gets updated)\b"
         # "the lore is fixed", "our rules are basically final": the knowledge itself said to be settled
         r"|(?:lore|canon|story(?:line)?|content|docs|documents|documentation|rules|policies|knowledge|facts|info|information|material|corpus|"
         r"catalog(?:ue)?|faqs?|handbooks?|manuals?|scripts?|guidelines|curriculum|syllabus|regulations|specs?|"
         # what a classifier sorts into: "policy categories are fixed", "the intent list is final"
         r"categor(?:y|ies)|labels|classes|intents|taxonomy|codes|(?:category|label|intent|class|code) (?:list|set))\s+(?:is|are|stays?|remains?|'s)\s+"
         r"(?:\w+ )?(?:fixed|final|frozen|settled|done)\b)\b"),
        ("daily", r"\b(?:daily|most days|every (?:working|business|week) ?day|each (?:working|business) day|every weekday|day (?:to|by|after) day|on a daily basis|nightly|every ?day|every night|each day|per day|a day|(?:comes?|coming|stream\w*|feeds?|updated|pulled|synced|flows?) live|live (?:from|feed|data|stock|prices|inventory|updates?)|every (?:other|second) day|every (?:few|couple of|2|3|two|three) days|every (?:morning|evening)|(?:several|multiple|many|a few|couple of) times (?:a|per) day|hourly|every hour|by the hour|hour by hour|every (?:few )?minutes?|by the minute)\b|" + FRESH_REAL_TIME.pattern),
        ("weekly", r"\b(?:weekly|most weeks|week (?:to|by|after) week|on a weekly basis|every week|each week|once a week|per week|a week|every (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|sprint)s?|each (?:monday|tuesday|wednesday|thursday|friday|sprint)|(?:several|a few|couple of) times a week|every (?:other|couple of|couple|two|2) weeks|every (?:other|second|alternate) (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|bi-?weekly|fortnightly)\b"),
        ("monthly", r"\b(?:monthly|most months|month (?:to|by|after) month|on a monthly basis|every month|each month|once a month|a month|per month|every (?:few|3|three) weeks)\b"),
        ("rarely", r"\b(?:rarely|seldom|infrequent(?:ly)?|(?:a few|a couple of|several) times a year|(?:once|twice) (?:a|per) year|annual(?:ly)?|yearly|every (?:year|few months|couple of months|six months|\d+ months|quarter)|quarterly|hardly ever|stable|barely (?:ever )?chang\w*)\b"),
        # Said without a period, "often" is daily; a period stated beside it says how often it is
        # ("we ship weekly and APIs get deprecated constantly": weekly). Last, so any period wins.
        ("daily", VAGUE_OFTEN.pattern),
    )
)


CHANGE_CONTEXT = re.compile(
    r"\b(?:updat\w*|chang\w*|refresh\w*|edit\w*|revis\w*|amend\w*|overhaul\w*|rewrit\w*|new (?:docs|documents|content|articles|products|policies|pages|releases)|publish\w*|releas\w*|"
    # "the pest warnings from the ministry come out every week"
    r"(?:come|comes|coming|came) out|(?:get|gets|are|is) (?:issued|announced|posted|circulated)|issued|(?:put|puts|putting) out|goes out|"
    # "the state issues new policy memos every week", "HQ sends out fresh guidance monthly"
    r"(?:issu|send|circulat|distribut)\w*\s+(?:out\s+)?(?:new|fresh|updated|revised|more)\s+[\w-]+|"
    # done again: "the bulletins are reissued weekly", "the rate card gets re-published monthly"
    r"re-?(?:issu|publish|releas|print|writ|generat|circulat|distribut|post|announc|draft|calculat|pric)\w*|"
    # "the source material is new every day", "tax rules and rulings move monthly", "today's stories"
    r"(?:is|are) new every|fresh every|\b(?:move|moves|moving|shifting)\b|(?<!one )(?<!two )(?<!three )(?<!a )(?<!per )(?<!each )(?<!every )\bshifts?\b(?!\s+(?:a|per|each)\s+(?:day|week))|today'?s (?:stories|news|prices|rates|data|figures|headlines)|"
    # "teachers upload their own assignments every week": new material the answers draw on
    # "they upload new advisories and scouting reports weekly", "we add fresh FAQs every month"
    r"(?:upload|add|publish|post|push|drop|gets?|getting|receiv)\w*\s+(?:in\s+)?(?:new|fresh|updated|more)\s+[\w-]+|"
    r"upload\w*\s+(?:new\s+|their\s+(?:own\s+)?|our\s+)?(?:[\w-]+\s+){0,2}?(?:assignments?|worksheets?|materials?|content|documents?|docs|files|lessons?|notes|guides?|bulletins?|policies|articles|examples)|"
    r"(?:bank|library|corpus|archive|database|collection|catalog\w*|kb|knowledge|docs|documents|content|wiki)\b[^.;]{0,30}\bgrow\w*|"
    r"evolv\w*|churn\w*|stale|static|stable|frozen|unchanged|content|docs|documents|knowledge|catalog\w*|prices|policies|added|add|"
    r"fixed|final(?!s\b)\w*|finished|locked|immutable|archiv\w*|historical|read-only|closed|complete[d]?|the same|that way|decades?|years old|"
    r"fresh|live|stock levels|inventory|touch\w*|batch\w*|arriv\w*|land\w*|comes? in|incoming|drop\w*|ship\w*|roll\w* out|versions?|sync\w*|ingest\w*|pile\w* up|flow\w* in|revis\w*|edit\w*)\b",
    re.IGNORECASE,
)


# A rate that says when a job runs, not when the knowledge changes: "nightly batch", "a daily report".
_RUN_CADENCE = re.compile(
    r"\b(?:daily|nightly|weekly|monthly|hourly|overnight)\s+(?:batch\w*|jobs?|runs?|cron|reports?|digests?|exports?|standups?|meetings?|"
    r"summar(?:y|ies)|emails?|backups?|pipelines?|etl|loads?)\b",
    re.IGNORECASE,
)


# A volume or an amount is no change rate: "I meant 20k a month not a day", "we pay 2 grand a month"
# (thousands of anything per period).
VOLUME_RATE = re.compile(
    r"(?:[$€£]\s?|\b)\d[\d,.]*\s*(?:k|m|mm|thousand|million|grand)\b\s*(?:[a-z]+\s+){0,2}?(?:a|an|per|/|each|every)\s*(?:day|week|month|year|hour)s?\b"
    r"(?:,?\s*(?:not|rather than|instead of)\s+(?:a|an|per)\s+(?:day|week|month|year|hour)\b)?"
    # requests counted in thousands: "about 100,000 claims emails a month come in"
    r"|\b\d{1,3}(?:,\d{3})+\s+(?:[a-z]+\s+){0,2}?(?:emails|tickets|claims|calls|messages|chats|questions|queries|requests|applications|orders|forms|submissions|cases)\s+"
    r"(?:a|an|per|/|each|every)\s*(?:day|week|month|year|hour)s?\b"
    # the period ruled out is no rate either: "(20k a month) not a day", "not daily, more like weekly"
    r"|\b(?:not|rather than|instead of)\s+(?:(?:a|an|per|every|each)\s+(?:day|week|month|year|hour)|daily|weekly|monthly|hourly)\b",
    re.IGNORECASE,
)


def vaguely_often(text: str) -> bool:
    """Whether the words say knowledge changes often without saying how often ("constantly")."""
    return bool(VAGUE_OFTEN.search(text)) and not any(pattern.search(text) for _, pattern in _FREQUENCIES[:-1])


# A correction or a change of state, after which a "static" replaces a rate said before it ("it used
# to change monthly, now it's frozen"); without one, what does change sets the rate.
STATE_CHANGED = re.compile(rf"{CORRECTION.pattern}|\b(?:used to|no longer|any ?more|now|these days|since then|stopped)\b", re.IGNORECASE)


# What is paid per period is no change rate, even right after the change question: "what we pay
# OpenAI every month for this is painful", "we're billed monthly".
MONEY_PERIOD = re.compile(
    r"\b(?:pay|pays|paying|paid|spend|spends|spending|spent|bill\w*|invoic\w*|charg\w*|costs? us|costing(?: us)?)\b"
    r"(?:(?!\b(?:and|but|while|whereas|chang\w*|updat\w*|refresh\w*)\b)[^.;,]){0,40}?"
    r"(?:\b(?:every|a|an|per|each)\s+(?:month|week|year|day|quarter)\b|\b(?:monthly|weekly|yearly|annually|daily)\b)",
    re.IGNORECASE,
)


# When the project happened is no change rate: "we started playing with it last week", "piloted a
# month ago".
PROJECT_HISTORY = re.compile(
    r"\b(?:started|began|kicked off|launched|tried|tested|piloted|playing|played|experimenting|experimented|set (?:it |this )?up|built|signed|hired|joined|bought)\b"
    r"[^.;]{0,30}?\b(?:last|this|a|one|two|three|few|couple of|\d+)\s+(?:weeks?|months?|years?)(?:\s+ago)?\b"
    r"|\b(?:a|one|two|three|few|couple of|\d+)\s+(?:weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)


# A rate settled in words of a decision, after a hedge: "ok let's say weekly", "so call it monthly".
SETTLED_ON = re.compile(r"\b(?:let'?s say|lets say|call it|put (?:it |us )?down (?:as|for)|go with|we'?ll say|settle on)\b", re.IGNORECASE)
_RATE_SETTLED_ON = re.compile(SETTLED_ON.pattern + r"\s+(?:it\s+)?(?:daily|weekly|monthly|yearly|quarterly|every|once|twice|static|rarely)\b", re.IGNORECASE)


# A rate that was: "it used to change weekly during our rebrand" says how it changed, not how it does.
# How people work is no change rate: "each asking maybe 5 questions a shift, one shift a day".
_WORK_PATTERN = re.compile(r"\b(?:one|two|three|a|\d+)\s+shifts?\s+(?:a|per)\s+(?:day|week)\b", re.IGNORECASE)
_PAST_RATE = re.compile(r"\bused to (?:\w+ ){0,2}?(?:chang|updat|mov|refresh|revis|shift)\w*\b[^.;,]*", re.IGNORECASE)
# A rate of what the feature will not touch: "the outage banner changes daily but the bot won't touch outages".
_OUT_OF_SCOPE_RATE = re.compile(
    r"[^.;,]*\b(?:chang|updat|refresh|mov)\w*\s+(?:daily|weekly|monthly|hourly|every \w+|all the time)\s+but\s+(?:the\s+(?:bot|model|assistant|tool)|it|we)\s+"
    r"(?:won'?t|doesn'?t|don'?t|will not|does not|never|wouldn'?t)\s+(?:\w+\s+)?(?:touch|cover|handle|answer|use|need|deal with|include)\b[^.;]*",
    re.IGNORECASE,
)
# How often the model fails, or how long something took to make, is no change rate: "it drops the
# Specs bullets ... all the time", "a system prompt we wrote in a day".
_NOT_A_CHANGE_RATE = re.compile(
    r"\b(?:drops?|merges?|skips?|mix(?:es)?|breaks?|forgets?|misses|mangles?|invents?|ignores?|hallucinates?|fails?|gets? (?:it|them|the \w+) wrong)\b[^.;]{0,60}?"
    r"\b(?:all the time|constantly|a lot|often|every time|half the time|every day|daily)\b"
    r"|\b(?:wrote|written|built|made|set up|finished|put together|hacked together|done)\s+(?:it\s+|that\s+)?in (?:a|one|half a) (?:day|week|afternoon|weekend|month)\b",
    re.IGNORECASE,
)
# The model's voice or form changing is no knowledge changing: "the tone change a lot between answers".
_VOICE_CHANGING = re.compile(
    r"\b(?:tone|voice|persona|personality|mood|register)s?\s+(?:\w+\s+){0,2}?(?:chang|shift|vari|drift|swing|jump)\w*\b[^.;]*", re.IGNORECASE)


# In a correction, the rate said before explained away as something else: "the weekly ones are just
# the internal newsletter", "weekly was the bulletin".
_RATE_EXPLAINED_AWAY = re.compile(
    r"\b(?:the\s+)?(?:daily|weekly|monthly|quarterly|yearly|nightly|hourly)(?:\s+(?:ones?|thing|stuff|bit|updates?|changes?|part|figure))?\s+"
    r"(?:is|are|was|were|'s)\s+(?:just\s+|only\s+|merely\s+|really\s+|actually\s+)?(?:the|an?|our|their|for|about|from)\b",
    re.IGNORECASE,
)


def read_frequency(text: str, asked: str | None) -> str | None:
    text = PROJECT_HISTORY.sub(" ", MONEY_PERIOD.sub(" ", VOLUME_RATE.sub(" ", _RUN_CADENCE.sub(" ", _PAST_RATE.sub(" ", _WORK_PATTERN.sub(" ", _VOICE_CHANGING.sub(" ", _OUT_OF_SCOPE_RATE.sub(" ", _NOT_A_CHANGE_RATE.sub(" ", text)))))))))
    if asked != "knowledge_changes" and not CHANGE_CONTEXT.search(text) and not CORRECTION.search(text) and not _RATE_SETTLED_ON.search(text):
        return None
    # "weekly, sorry no, i mean like once a year": a period after the last correction replaces the one before.
    # ("a few times a month... lets say every week": the period settled on is the one said last)
    cues = list(CORRECTION.finditer(text)) + list(SETTLED_ON.finditer(text))
    cues.sort(key=lambda m: m.end())
    if cues:
        text = _RATE_EXPLAINED_AWAY.sub(" ", text)  # "updates are monthly, the weekly ones are just the newsletter"
    # (the period said right after the cue: "let's say weekly, some countries update every few days")
    after = (_period(text[cues[-1].end() : cues[-1].end() + 25]) or _period(text[cues[-1].end() :])) if cues else None
    if cues and not after and _RETRACTION.search(text, cues[0].start()):
        return None  # "form layouts change every week... actually scratch that, i was thinking of our UI releases"
    return after or _period(text)


# A rate taken back with nothing in its place.
_RETRACTION = re.compile(r"\b(?:scratch that|forget that|ignore that|never ?mind|disregard that|strike that|i was thinking (?:of|about)|i mixed (?:it|them|those) up)\b", re.IGNORECASE)


def _period(text: str) -> str | None:
    counted = _EVERY_N.search(text)
    if counted:
        return _cadence(counted)
    for value, pattern in _FREQUENCIES:
        if pattern.search(text):
            return value
    return None


# "every 6 weeks or so", "every 10 days", "every 2-3 months": the period counted, put in its bucket.
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12}
_EVERY_N = re.compile(
    r"\bevery\s+(?:(?P<low>\d+)\s*(?:-|–|to|or)\s*)?(?P<n>\d+|two|three|four|five|six|eight|ten|twelve)\s+(?P<unit>days|weeks|months)\b",
    re.IGNORECASE,
)


def _cadence(match: re.Match) -> str:
    written = match.group("n").lower()
    n = float(_COUNTS.get(written) or written)
    if match.group("low"):
        n = (float(match.group("low")) + n) / 2
    days = n * {"days": 1, "weeks": 7, "months": 30}[match.group("unit").lower()]
    # A change every few days is daily work for an index; every week or two, weekly; up to two
    # months, monthly; less often, rarely.
    return "daily" if days <= 4 else "weekly" if days <= 17 else "monthly" if days <= 62 else "rarely"


_PERIOD_WORD = re.compile(r"\b(?:year|quarter|month|week|day|annual|yearly|quarterly|monthly|weekly|daily|times|once|twice)", re.IGNORECASE)


def no_period_in(text: str) -> bool:
    """Whether a change rate was said without a period ("the content is stable"): a later "hasn't
    changed in years" is the same fact put more firmly, so its "static" stands."""
    return not _PERIOD_WORD.search(text)


# A change, an issue or a release spoken of: what a period in the next clause is the rate of.
NEWS_OF_CHANGE = re.compile(
    r"\b(?:updat\w*|chang\w*|refresh\w*|revis\w*|amend\w*|publish\w*|releas\w*|issu\w*|(?:put|puts|putting|come|comes|came|goes|went) out|new\s+(?:[\w-]+\s+)?(?:edition|version|bulletin|issue|notice|circular|price list|catalog\w*|schedule|rules?)s?)\b",
    re.IGNORECASE,
)


# A volume, then why it is that high: "two million product sheets per month, because suppliers
# resend the full catalogues all the time" says how the traffic arises, not how often knowledge changes
# (unless the reason is a change: "5,000 questions a day because the policies change every week").
_VOLUME_EXPLAINED = re.compile(
    r"\d[\d,.]*\s*(?:k|m|thousand|million)?\s+(?:[\w-]+\s+){0,3}?(?:a|an|per|each|every|/)\s*(?:day|week|month|hour)\b[^.;]{0,15}?,?\s+"
    r"(?:because|since|as|due to|thanks to|given that)\b(?![^.;]*" + NEWS_OF_CHANGE.pattern + ")",
    re.IGNORECASE,
)


def explains_the_volume(sentence: str) -> bool:
    """Whether the sentence gives a volume and then the reason it is that high."""
    return bool(_VOLUME_EXPLAINED.search(sentence))


def out_of_scope_rate(text: str) -> bool:
    """Whether the text gives the change rate of something the feature will not touch."""
    return bool(_OUT_OF_SCOPE_RATE.search(text))


# A count with its period ("4k app reviews ... a week"): the period is the count's, not a change rate.
COUNT_A_PERIOD = re.compile(r"\d[\d,.]*\s*(?:k|m|thousand|million)?\s+(?:[a-z-]+\s+){1,5}?(?:a|per|each|every)\s+(?:day|week|month)\b", re.IGNORECASE)
# A change rate ruled out by name ("not daily, it's weekly"): the message is about how often things change.
RATE_DENIED = re.compile(r"\bnot\s+(?:really\s+)?(?:daily|weekly|monthly|quarterly|yearly|hourly|nightly)\b", re.IGNORECASE)
# A period said alone ("monthly-ish", "prob weekly tbh"): whatever was asked, only a change rate is one.
BARE_PERIOD = re.compile(
    r"^\W*(?:(?:more like|like|maybe|probably|prob|roughly|about|around|~|honestly|tbh|hmm|um|oh|ah|and|so)\W+)*"
    r"(?:daily|weekly|monthly|quarterly|yearly|annually|nightly|hourly|bi-?weekly|fortnightly|every (?:day|week|month|quarter|year|night|other week))"
    r"(?:[- ]?ish)?(?:\W+(?:or so|tbh|i think|i guess|probably|maybe|at most|at least))*\W*$",
    re.IGNORECASE,
)
