"""Whether a clause about the output's format says the model keeps to it: the grammar of the
predicate and its negation, not a bag of words ("it never gets our config format right" is a gap, "it
doesn't break the schema" is none)."""

from __future__ import annotations

import re

from agent.understand.clauses import mark, valence
from agent.understand.shortfalls import COUNTED_RATE, SHORTFALL_OF_VOICE, measured_shortfall, prompting_fell_short, shortfall


# What a clause about the output's format says of it, by the valence of its predicate and whether a
# negation governs it: a success denied ("it never gets our config format right", "one in twenty
# won't parse") or a failure stated ("the YAML breaks on long lists") is a gap; a failure denied ("it
# doesn't break the schema") or a success stated ("the JSON comes back clean") is none. A bag of
# words cannot tell these apart (the same words, the other way round), so the clause's grammar does.
_FORMAT_SUBJECT = re.compile(
    r"\b(?:format\w*|json|yaml|xml|csv|html|markdown|schemas?|templates?|structure|layout|syntax|dsl|(?<!in the )(?<!out in the )fields?(?! (?:staff|teams?|workers?|engineers?|techs?|technicians?|sales|ops|service|visits?|trips?|agents?|crews?|reps?))|keys|payloads?|"
    r"pars\w*|validat\w*|enums?|markup|spec|contract tests?|segments?|nesting|indentation|escaping|conventions|terminology|vocabulary|jargon|nomenclature|defined terms?)\b",
    re.IGNORECASE,
)
_FORMAT_SUCCESS = frozenset(
    "right correct correctly valid clean cleanly properly reliable reliably consistent consistently flawless flawlessly perfect "
    "perfectly fine ok okay well follows follow followed respects respect respected holds hold kept parses parse validates validate conforms conform".split()
)
_FORMAT_FAILURE = frozenset(
    "wrong invalid malformed broken break breaks broke breaking fail fails failing failed failure failures inconsistent "
    "inconsistently drift drifts drifting drifted error errors problem problems issue issues mangles mangled garbled ignores "
    "ignored invents invented hallucinates sloppy missing omitted omits unusable jumbled scrambled".split()
)
# "rarely breaks", "hardly ever fails": as good as denied.
_SELDOM = frozenset("rarely hardly seldom barely".split())
_REQUIREMENT = frozenset("need needs needed must require requires required should has have want wants expect expects".split())
# "our source PDFs have an inconsistent layout" speaks of the documents, not of the output.
_DOCUMENTS_NOT_OUTPUT = re.compile(r"\b(?:docs|documents|pdfs?|files|manuals|articles|records|scans|forms|contracts|invoices)\b", re.IGNORECASE)
_OF_THE_OUTPUT = re.compile(r"\b(?:it|its|outputs?|model|responses?|answers?|generat\w*|writes?|produces?|emits?|returns?|comes back|came out|comes out|tried|prompt(?:s|ed|ing)?|chatbots?)\b", re.IGNORECASE)


def shortfall_unnamed(text: str) -> bool:
    """Prompting tried and "meh", with no figure and no subject named ("we tried prompting w/ examples,
    meh"): what fell short is in the message's other sentences (rules.understand reads it across them)."""
    return prompting_fell_short(text) and not measured_shortfall(text) and not (SHORTFALL_OF_VOICE.search(text) or _FORMAT_SUBJECT.search(text))


# A list after a colon: what the fields or labels are called, not how the model does.
_NAMED_LIST = re.compile(r":\s*[^.;:,]+(?:,[^.;:,]+)+$")
# A source unseen, and the answer unused: a requirement said as its consequence.
_LABELLED_WITH = re.compile(
    r"\bwith (?:the |their |its )?(?:correct|right|expected|known|verified|approved|gold|reference|ideal) "
    # "1,500 past reports that passed their validator": examples kept, not the model's output
    r"|\b\d[\d,.]*k?\s+(?:[\w-]+\s+){0,2}?(?:that|which) (?:all )?(?:passed|pass|cleared|were (?:checked|approved|validated|accepted|signed off))\b",
    re.IGNORECASE,
)


_KIND_OF_DOCUMENT = re.compile(
    r"^\W*(?:each|every|all|all our|our|the)\s+(?:[\w-]+\s+)?(?:letters?|reports?|documents?|notes?|forms?|records?|files?|filings?|statements?|memos?|contracts?|briefs?)\s+"
    r"(?:follows?|uses?|has|have|must|needs? to|should|is written|are written)\b",
    re.IGNORECASE,
)


_TASK_LINE = re.compile(r"^\W*(?:use[- ]?case|task|goal|what we do|project|feature|job)\s*[:=–—-]", re.IGNORECASE)


_IN_DISARRAY = re.compile(r"\b(?:all over the place|a (?:total |complete )?mess|messy|a shambles|hit and miss|hit or miss)\b", re.IGNORECASE)


# Content put in the wrong part of the output is a structure it does not keep, whatever the words
# name: "the model keeps mixing findings into impression", "puts dates in the wrong field".
_MISPLACED = re.compile(
    r"\b(?:in|into|under) the wrong (?:section|heading|field|column|slot|box|part|place|order|tab|bucket|line)s?\b"
    r"|\b(?:keeps?|kept|often|always|constantly|sometimes) (?:mixing|merging|moving|putting|stuffing|dumping|blending|folding|lumping|jumbling|swapping) (?:[\w-]+\s+){1,4}?(?:into|in|under|with)\b"
    r"|\b(?:mix\w*|jumbl\w*|merg\w*|swap\w*|scrambl\w*|reorder\w*|shuffl\w*) (?:up )?(?:the |our )?(?:sections|headings|fields|columns|parts|paragraphs|order(?: of)?|sequence)\b"
    # a required part left out: "a couple of drafts skipped the mandatory exemption paragraph"
    r"|\b(?:skip\w*|left out|leaves? out|leaving out|omit\w*|miss(?:es|ed|ing)|forgets?|forgot|forgotten|drop(?:s|ped|ping)?)\s+(?:the |a |our |its )?"
    r"(?:mandatory|required|compulsory|obligatory|fixed|standard|legal|regulatory)\s+(?:[\w-]+\s+)?(?:section|paragraph|heading|field|disclaimer|clause|block|part|notice|line|statement)s?\b"
    # one part folded into another: "merges Care into the hook"
    r"|\b(?:merges|mixes|jumbles|folds|lumps|stuffs|dumps)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?(?:into|in with)\s+(?:the|a|our|its)\s+[\w-]+"
    # parts made up or renamed: "it invents new sections", "sometimes adds extra fields or renames the labels"
    r"|\b(?:invent|add)(?:s|ed|ing)?\s+(?:new|its own|their own|extra|random|additional)\s+(?:[\w-]+\s+)?(?:sections|headings|fields|keys|columns|categories|labels)\b"
    r"|\brenam(?:e|es|ed|ing)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+)?(?:labels|fields|keys|columns|headings|sections)\b"
    # a limit of the form broken: "ignores the 60-word limit", "blows through the 42-character line limit"
    r"|\b(?:ignor\w*|break\w*|broke|exceed\w*|blow\w* (?:through|past)|go(?:es)? over|went over|overshoot\w*)\s+(?:the\s+|our\s+|its\s+)?(?:\d+[- ])?(?:word|character|char|line|length|size|page)(?:[- ]count)?\s+(?:limit|cap|maximum|max)\b"
    # "it kept writing free paragraphs instead of the alert structure"
    r"|\binstead of (?:the |our |a |an |its )?(?:[\w-]+ )?(?:structure|format|template|schema|layout|table|json|xml|fields|sections|form|headings)\b",
    re.IGNORECASE,
)


# A part of a named format left out: "answers need to be in our 3 part format ... and it skips the ref part a lot".
_PART_LEFT_OUT = re.compile(
    r"\b(?:skip\w*|left out|leaves? out|leaving out|omit\w*|miss(?:es|ed|ing)|forgets?|forgot|drop(?:s|ped|ping)?)\s+(?:the |a |our |its )?(?:[\w-]+\s+){0,3}?(?:section|paragraph|heading|field|block|part|step|line|statement|notice|disclaimer|disclosure|signature|summary|bullet|greeting|sign-?off|caveat|warning|header|footer)s?\b",
    re.IGNORECASE,
)


_MODEL_LEAVES_OUT = re.compile(r"\b(?:it|the (?:model|bot|assistant|llm|ai)|gpt[\w.-]*|claude|llama)\s+(?:\w+\s+)?(?:skip|leav|left|omit|miss|forget|forgot|drop)", re.IGNORECASE)


def format_verdict(text: str) -> bool | None:
    """True when a clause about the output's format says the model fails it, False when it says the
    model gets it right, None when it says neither or both (see `_FORMAT_SUBJECT`)."""
    if shortfall(text):
        # A voice that falls short is a persona; prompting that fell short names no subject of its own.
        return None if SHORTFALL_OF_VOICE.search(text) or shortfall_unnamed(text) else True
    # (a part left out by a team is no failure of the model's: the form named, or the model as who leaves it out)
    unlisted = _NAMED_LIST.sub("", text)  # (the fields named after a colon: "missing signature, wrong date" are their names)
    left_out = _PART_LEFT_OUT.search(unlisted) if _FORMAT_SUBJECT.search(text) or _MODEL_LEAVES_OUT.search(text) or COUNTED_RATE.search(text) else None  # ("... in roughly 1 in 5 letters")
    misplaced = _MISPLACED.search(text) or (left_out and re.search(re.escape(left_out.group(0)), text))
    if misplaced:
        # ("it never puts anything in the wrong field" keeps it; a bracket before it holds its own negations)
        lead = re.split(r"[()\[\],;]", text[: misplaced.start()])[-1]
        return not mark(lead + misplaced.group(0)).negated_at(len(lead))
    text = _NAMED_LIST.sub("", text)  # "we extract fields from them: access problem, hazard, fault code": their names
    if not _FORMAT_SUBJECT.search(text) or _TASK_LINE.match(text):
        return None  # ("- Use case: parse shipper emails into EDI": the task named, not how the model does it)
    if _DOCUMENTS_NOT_OUTPUT.search(text) and not _OF_THE_OUTPUT.search(text):
        return None
    # "follow-up appointments", "hold music": words of the domain, not the model keeping to a format
    clause = mark(re.sub(r"\bfollow[- ]ups?\b|\bhold (?:music|times?|queue)\b", "", text, flags=re.IGNORECASE))
    if clause.words and clause.words[0] in ("we", "i", "you") and not _OF_THE_OUTPUT.search(text):
        return None  # "we follow the template for release notes": the team's habit, not the model's output
    if _KIND_OF_DOCUMENT.match(text):
        return None  # "each letter follows a regulated template": what the documents are, not how the model does
    if _LABELLED_WITH.search(text):
        return None  # "350 notes with the correct protocol json": what an eval set holds, not how the model does
    if _IN_DISARRAY.search(text):
        return True  # "we tried a template prompt and the structure was all over the place"
    # "we need valid JSON" states a requirement, "92% valid" a shortfall: neither says the model does well.
    requirement = any(w in _REQUIREMENT or w == "%" or w == "percent" for w in clause.words)
    # (a "rarely" of another subject in the clause softens nothing: "gets the structure wrong a lot, the rules rarely change")
    segments = [part for part in re.split(r",\s+", clause.text) if _FORMAT_SUBJECT.search(part)] or [clause.text]
    seldom = any(w in _SELDOM for part in segments for w in mark(part).words)
    return valence(clause, _FORMAT_FAILURE, _FORMAT_SUCCESS, ease_counts=not requirement, softened=seldom)


# A format said not to change: what the input looks like, not a format the model fails.
FORMAT_STABLE = re.compile(
    r"\b(?:format|layout|structure|template|schema)s?\b[^.;]{0,30}?\b(?:(?:is|are|'s)\s+(?:not|n't)|isn'?t|aren'?t|doesn'?t|don'?t|does not|do not|won'?t|never|hardly|rarely)\s+(?:\w+\s+)?(?:chang\w*|vary|varies|move)\b"
    r"|\b(?:format|layout|structure|template|schema)s?\b[^.;]{0,20}?\b(?:is|are|stays?|remains?)\s+(?:the same|stable|fixed|constant|unchanged)\b",
    re.IGNORECASE,
)
# Words that make a format the team's own; they make a gap only for a language the base model has
# not seen (a DSL, a taxonomy, house terminology), not for a JSON schema or database schemas.
OWNERSHIP = re.compile(r"\b(?:only|approved|subset|ours|our (?:own|internal|proprietary)|proprietary|custom|internal|house)\b", re.IGNORECASE)
OWN_LANGUAGE = re.compile(
    r"\b(?:dsl|syntax|domain(?:-specific)? language|language|terminology|vocabulary|jargon|taxonomy|codes?|categor\w*|labels?|nomenclature)\b",
    re.IGNORECASE,
)
