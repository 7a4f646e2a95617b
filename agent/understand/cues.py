"""What one sentence of a longer message does to the readings around it: an earlier setup told as a
story ("Last year we first stuffed the whole FAQ into the prompt"), a rate settled on ("lets say every
week"), a bill or slowness put after praise ("But we pay about $25k/mo for it"), a figure explained
away ("I was counting weekend batch reruns"), a loose wait ("a couple secs is ok"), a smaller model
asked for."""

from __future__ import annotations

import re


# How an earlier attempt went, told as a story: what the feature needed then, not now.
AN_EARLIER_SETUP = re.compile(
    r"^\W*(?:(?:so|and|but|well)\W+)?(?:last year|last month|a year ago|years ago|at first|originally|initially|back then|back in \w+|before that|previously|in the beginning|"
    r"our first (?:try|attempt|version)|the first version|v1|first,? we|we first|"
    # "One of our staff hacked together a chatbot with the bulletins pasted into the prompt"
    r"(?:one of our [\w-]+|someone|a colleague|our intern|we) (?:hacked|threw|cobbled|slapped) together)\b",
    re.IGNORECASE,
)

# An attempt described by what it lacked: "we tried gpt-4o-mini with no retrieval and it hallucinated
# part numbers" says how it was tried, not that there is nothing to retrieve.
TRIED_WITHOUT_RETRIEVAL = re.compile(
    r"\b(?:tried|tested|ran|run|piloted|prototyped|used|using|started)\b[^.;]{0,40}\b(?:with no|without)\s+(?:any\s+)?(?:retrieval|rag|search|lookups?|grounding|context)\b",
    re.IGNORECASE,
)

# The same quality asked for less: "what's the cheapest way to keep this quality?", "can we keep the
# same accuracy for less?" (nobody asks so but for the bill).
CHEAPER_KEEPING_QUALITY = re.compile(
    r"\b(?:cheap(?:er|est)|less expensive|lower[- ]cost|more affordable)\b[^.;?]{0,30}\b(?:keep|keeping|same|without losing|hold|holding|maintain\w*|retain\w*)\b[^.;?]{0,20}\b(?:quality|accuracy|performance|results)\b"
    r"|\b(?:keep|maintain|hold)\w* (?:this|the same|that|our|the) (?:quality|accuracy|performance|results) (?:for less|cheaper|at (?:a )?lower (?:cost|price))\b",
    re.IGNORECASE,
)

# A wait of seconds said to be fine: a loose budget, whatever the word "latency" before it.
WAIT_IS_FINE = re.compile(r"\b(?:seconds?|secs?)\s+(?:is|are|would be)?\s*(?:totally |perfectly )?(?:fine|ok|okay|acceptable|no problem)\b", re.IGNORECASE)

# A sentence that settles on a figure said before it: "... a few times a month... lets say every week".
SETTLES = re.compile(r"^\W*(?:so\W+|ok\W+|okay\W+)?(?:let'?s say|lets say|call it|i'?d say|say)\b", re.IGNORECASE)

# Slowness set against praise said before it: "[Sonnet gets them right every time.] But it's too slow".
BUT_TOO_SLOW = re.compile(r"^\W*(?:but|however|except|only|sadly|problem is)\b[^.;]{0,25}?\b(?:too slow|slow|laggy|sluggish|takes (?:too long|ages|forever))\b", re.IGNORECASE)

# A bill set against what came before: "But we pay about $25k/mo for it", "but it costs us 40k a month".
BUT_THE_BILL = re.compile(
    r"^\W*(?:but|however|except|only)\b[,]?\s+(?:we|it|that|this|they)\b"
    # a bill named as the trouble: "problem: 1.5M comments a day and its 30k a month on openai"
    r"|^\W*(?:the\s+)?(?:problem|issue|catch|hitch|downside|pain point|trouble|thing)(?:\s+is)?\s*[:,–—-]",
    re.IGNORECASE,
)

# Why a figure was wrong: "I was counting weekend batch reruns", "I'd double counted the retries".
MISCOUNT = re.compile(
    r"\b(?:i|we)(?:'d|'ve| had| have| was| were)?\s+(?:double[- ]?count\w*|counted|counting|includ\w*|forgot|forgotten|mixed up|added|left out|missed|miscounted|"
    # "I was reading the wrong column", "I looked at the wrong report"
    r"(?:reading|looking at|read|looked at|using|checking|checked) (?:the |a )?wrong)\b",
    re.IGNORECASE,
)

# A smaller or cheaper model asked about: "should we distil?", "would a smaller model do it?".
SMALLER_ASKED = re.compile(r"\bdistil\w*|\b(?:smaller|cheaper|tiny|small|mini) (?:\w+ )?model\b|\b(?:something|one) (?:smaller|cheaper|lighter)\b", re.IGNORECASE)
