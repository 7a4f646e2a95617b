"""Whether the task has a body of documents to answer from: named as the feature's knowledge ("over
our articles", "answers come from fare rules + baggage policy"), or denied outright ("nothing to look
up", "the form is the whole input", "the product sheet we paste in", a classifier), and the source
text a task works from, which is no citation. Read clause by clause in `clause_reading`."""

from __future__ import annotations

import re

from agent.understand.slots import ANSWERS_FROM, EXPLICIT_NO, KEYWORDS, PASTED_IN

# What a corpus-free task says: "nothing to look up", "the form is the whole input", "it only sees
# the query", "a classifier".
# Said outright, the task has nothing to retrieve ("it works purely off the user's message").
_SAID_OUTRIGHT = (
    # ("we tried gpt-4o-mini with no retrieval" says how an attempt was built, not that nothing is there)
    r"nothing (?:is |there |(?:is )?there )?(?:to|it) (?:look|search|retriev|pull|ground)\w*|"
    # "all info is in the document itself only": the input carries it
    r"(?:all|every)(?: the)? (?:info\w*|facts?|data|details)(?: needed)? (?:is|are|comes?|sits?) (?:already )?(?:in|from|on) (?:the|each) [\w-]+(?: [\w-]+)? itself|no (?:docs|documents|corpus|knowledge ?base|kb|document store|store|database|library|archive|records)|(?<!with )no (?:retrieval|rag|doc search|search|lookups?)|"
    # "the contract is the input", "the statement has all it needs"
    r"(?:is|are) the input|(?:has|have|contains?) (?:all|everything) (?:it|they|we|the model) needs?|"
    # "the facts come from the staff member typing the draft": the person writing supplies them
    r"(?:come|comes|coming) from (?:the |what the |whatever the |what |whatever )?(?:[\w-]+ ){0,3}?(?:typing|writing|entering|dictating|types|writes|enters|dictates|typed|wrote|entered)\b|"
    # "no reference material involved", "nothing from our own docs really"
    r"no (?:reference|source|background|supporting|internal) (?:material|materials|docs|documents|data|content)|nothing (?:from|in|out of) (?:our|the|any) (?:own )?(?:docs|documents|files|kb|knowledge ?base|wiki|manuals)|"
    r"(?:don'?t|do not|doesn'?t|does not) have (?:any )?(?:[\w-]+ ){0,2}?(?:documents?|docs|documentation|knowledge ?base|corpus)|"
    # "it doesn't need to look anything else up", "it doesn't need any outside information"
    r"(?:don'?t|do not|doesn'?t|does not|won'?t|will not|never) (?:(?:need|have) to )?look (?:anything|stuff|things)(?: else)? up|"
    r"(?:don'?t|do not|doesn'?t|does not|won'?t) need (?:any )?(?:outside|external|extra|other|additional) (?:info\w*|knowledge|data|sources?|context|facts)|"
    # "the facts come from the product sheet we paste in each time": handed over with the request
    r"(?:come|comes|coming|taken|pulled|are|is) (?:from|in) (?:the |a |an |our |their )?(?:[\w-]+ ){0,3}?" + PASTED_IN + r"|"
    r"is the (?:whole|entire|only) input|(?:input|text|query|form|listing|transcript|email|ticket|message|review)s? (?:alone|is all|is enough|carries|stands alone)|"
    r"(?:purely|only|just|entirely) (?:off|from|on) (?:the |its )?(?:user'?s |customer'?s )?(?:message|input|text|query|prompt|request)|"
    # "each description is based on what I type in": the input is written by the user each time
    r"(?:based|built|written|made|generated|works?|going) (?:only |purely |entirely |just )?(?:on|from|off) (?:what|whatever|the (?:notes|details|bullets?|text|info)) "
    r"(?:(?:the|our|a|each|their|my) )?[\w-]+ (?:type|types|typed|write|writes|wrote|enter|enters|entered|provide|provides|give|gives|paste|pastes|put|puts|jot|jots)|"
    # What it knows already sits in the prompt: "menu + hours are in the system prompt", "the brief is in the prompt".
    # (not personal data kept out of it: "no personal data goes in the prompt" is about privacy; not a
    # voice's guide: "we put the brand guide in the prompt" instructs, it is no knowledge)
    r"(?<!data )(?<!pii )(?<!information )(?<!details )(?:is|are|'s|'re|lives?|sits?|goes|go|fits?|fit|paste|pastes|pasted|pasting|include|included|put|puts|stuff|stuffed|baked)\s+(?:all\s+|right\s+|it\s+|them\s+|(?:the|our|a|its)\s+(?!(?:[\w-]+\s+){0,2}?(?:brand|style|tone|voice|writing|persona|character|instructions|guidelines|examples)\b)(?:(?:whole|entire|full)\s+)?(?:[\w-]+\s+){0,3}?)?(?:in|into|inside)\s+(?:the|our|its|a)\s+(?:system\s+)?prompt"
)
_NOTHING_TO_LOOK_UP = re.compile(rf"\b(?:{_SAID_OUTRIGHT})\b", re.IGNORECASE)
# A story of an earlier version: "last quarter our v0 bot had a 2022 lease pasted into its prompt and
# told a resident the old pet policy" says how it went wrong, not that there is nothing to look up.
_EARLIER_VERSION = re.compile(
    r"\b(?:last (?:quarter|month|year|week|spring|summer|autumn|fall|winter)|v0|v1|our (?:old|first|previous|earlier|original) (?:bot|version|prototype|attempt|setup|pilot)|back then|at the time|used to|"
    r"that (?:morning|day|night|week)|yesterday|(?:had|was) (?:been )?(?:loaded|pasted|stuffed|put) into)\b",
    re.IGNORECASE,
)


def nothing_to_look_up(text: str) -> bool:
    """Whether the text says outright that the task has nothing to retrieve (see `_SAID_OUTRIGHT`)."""
    return bool(_NOTHING_TO_LOOK_UP.search(text)) and not _EARLIER_VERSION.search(text)


def nothing_to_retrieve_said(text: str) -> bool:
    """Whether the words themselves say there is nothing to look up, beyond naming a task that only
    sorts its input ("we classify the notes into 40 categories")."""
    return nothing_to_look_up(text) or bool(EXPLICIT_NO["has_documents"].search(text))
# ...and what makes a classifier's reading of no corpus plausible: "it only sees the query".
_INPUT_ONLY = (
    rf"{_SAID_OUTRIGHT}|(?:whole|only|entire|all the) (?:input|context)|only (?:sees|reads|gets|looks at|needs)|all it (?:sees|needs|gets)|"
    r"just (?:the|a|one) (?:input|text|query|form|listing|transcript|email|ticket|message|review)"
)
NOTHING_TO_RETRIEVE = re.compile(
    rf"\b(?:{_INPUT_ONLY}|classif\w+|categori[sz]\w+|tag(?:s|ging)?|rout(?:e|es|ing)|triag\w+|label(?:s|ling|ing)?)\b",
    re.IGNORECASE,
)


# A body of documents the feature answers from: "over our articles", "from the wiki", "a corpus of"
# (not a rate: "breaks on 1 in 10 docs").
CORPUS = re.compile(
    r"\b(?:over|from|across|on top of|grounded in|based on|using|search(?:es|ing)?|query(?:ing)?|index(?:es|ing)?|draws? on|about|"
    r"look(?:s|ing)? (?:things )?up in|(?:we|they) (?:do |already )?have|(?:we|they)(?:'ve| have)? got|there (?:are|is)|a (?:corpus|collection|library|archive|set) of|thousands of|(?<!\bin )(?<!\bof )(?<!\bper )\d[\d,.]*k?(?!\s+(?:in|out of)\s+\d))\s+"
    r"(?:\S+\s+){0,3}?(?:docs|documents|documentation|knowledge ?base|kb|articles?|manuals?|wiki|confluence|sharepoint|pdfs?|faqs?|"
    r"help ?cent(?:er|re)|guides|handbooks?|policies|contracts|case law|guidelines|corpus|catalog(?:ue)?|runbooks?|playbooks?|records|notes|files|library|archive|repository|space|"
    r"protocols|procedures|sops|memos|formular(?:y|ies)|rulebooks?|textbooks|summaries|rulings|circulars|statutes|judg(?:e)?ments|regulations|datasheets|studies|labels|leaflets|wordings|versions|menus|schedules|calendars)\b|"
    r"\bupload(?:s|ed|ing)?\s+(?:its|their|our|the|new)?\s*(?:own\s+)?(?:[\w-]+\s+){0,2}?[\w-]+s\b|" + ANSWERS_FROM,
    re.IGNORECASE,
)


# What answers must cite is there to retrieve: "cite the scheme rule or the trustees' policy".
CITED_SOURCE = re.compile(
    r"\b(?:cit|quot|referenc|nam|point|link|giv|show|see)\w*\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:the |our |its |their |a |an )?(?:[\w'-]+ ){0,3}?"
    r"(?:rules?|polic(?:y|ies)|sections?|clauses?|labels?|legislation|statutes?|regulations?|notes|wordings?|manuals?|articles?|pages?|guidelines?|"
    r"handbooks?|monographs?|standards?|documents?|docs?|schedules?|logs?|entr(?:y|ies)|records?|rulings?|judg(?:e)?ments?|bulletins?)\b",
    re.IGNORECASE,
)

# Documents counted as examples made or checked by hand, put to work as a test, or named as the test
# set itself ("a 1,000-article review set"): no corpus.
BY_HAND = re.compile(
    r"\b(?:by hand|manually|hand[- ](?:keyed|typed|labell?ed|tagged|checked|coded|written)|signed off on|"
    r"(?:articles?|documents?|docs?|pages?|reports?|cases?|letters?|memos?|notes?)\s+(?:review|test|eval|validation|gold|golden|holdout|reference) set|"
    r"(?:use|used|using) (?:\d[\d,]* of )?(?:it|them|that|those|these) (?:to|for) (?:check|test|evaluat|scor|grad|compar|validat|measur|benchmark)\w*|(?:test|evaluate|check) (?:with|against|on) (?:those|them|these))\b",
    re.IGNORECASE,
)


# "the source" a task reads or translates from, beside the text it produces (not "the source document").
_SOURCE_TEXT = re.compile(r"\b(?:and|against|from|with) the (?:original )?sources?\b(?!\s+(?:documents?|docs?|pages?|manuals?|material|records?|files?))", re.IGNORECASE)


def source_text_only(text: str) -> bool:
    """Whether the only word of citing is the source text the task works from: "it checks each
    subtitle against the source" asks for no citation."""
    return bool(_SOURCE_TEXT.search(text)) and not KEYWORDS["needs_citations"].search(_SOURCE_TEXT.sub(" ", text))


# Documents that are the input the model works through, one by one, not a corpus it answers from:
# "we tag every incoming news article with topics", "it summarises each inbound contract".
_INPUTS_WORKED_THROUGH = re.compile(
    r"\b(?:tag|classif|categori[sz]|rout|triag|label|summari[sz]|extract|moderat|screen|translat|redact|pars|score|check)\w*\s+"
    r"(?:every|each|all(?: the)?|our|the)\s+(?:(?:incoming|inbound|new|uploaded|received|submitted)\s+)?(?:[\w-]+\s+)?"
    r"(?:articles?|documents?|docs|emails?|files|pdfs?|reports?|transcripts?|contracts?|listings?|tickets?|invoices?|forms?|notes)\b",
    re.IGNORECASE,
)


def inputs_worked_through(text: str) -> bool:
    """Whether the documents the text names are inputs the model works through, one at a time."""
    return bool(_INPUTS_WORKED_THROUGH.search(text))
