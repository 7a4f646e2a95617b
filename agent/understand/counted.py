"""What a traffic figure counts ("300 daily flights" counts flights, not requests), and a figure
corrected as it is said ("hmm no, 3k, 4k was end of quarter")."""

from __future__ import annotations

import re

from agent.understand.shapes import LEADING_CORRECTION


def leading_traffic_fix(sentence: str) -> bool:
    """A sentence that opens by correcting and gives a bare figure ("hmm no, 3k, 4k was end of quarter")."""
    fix = LEADING_CORRECTION.match(sentence)
    return bool(fix) and not counts_other_things(fix.group(0) + sentence[fix.end():fix.end() + 25].split(",")[0])


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
    r"a|an|per|each|every|or|to|of|in|at|on|across|through|total|daily|weekly|monthly|hourly|times|tops|max|or so|ish|peak|avg|average)",
    re.IGNORECASE,
)
# The word a traffic figure counts: "~300 daily flights" counts flights.
_COUNTED = re.compile(r"\d[\d,.]*\s*(?:k|m|mn|million|thousand|hundred)?\+?\s+(?:(?:daily|weekly|monthly|new|more|odd|extra|inbound|incoming|unique)\s+)?(?P<noun>[a-z]+)(?:[\s-]+(?P<next>[a-z]+))?", re.IGNORECASE)
