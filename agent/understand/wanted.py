"""The use case when it is said as what the team wants made or done: the product wanted ("we need
short summaries of each call"), the work in the passive ("notes need to be turned into our claim
JSON"), or a model asked to do it ("I want AI to summarise them for the donors")."""

from __future__ import annotations

import re


# What they want made, said in the passive: "We want show notes and episode titles generated from
# transcripts" is generating show notes and episode titles.
_WANTED_MADE = re.compile(
    r"\b(?:(?:want|wants|need|needs|would like|'d like)\s+(?P<object>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,5}?)"
    # "Every inbound email gets classified into one of 25 categories"
    r"|(?:every|each|all(?: the)?|our)\s+(?P<each>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)\s+(?:gets?|is|are))\s+"
    r"(?P<verb>generated|written|drafted|summari[sz]ed|translated|extracted|classified|tagged|labell?ed|rewritten|produced|triaged|routed|checked|reviewed)\b",
    re.IGNORECASE,
)
_ACTIVE = {"generated": "generate", "written": "write", "drafted": "draft", "summarised": "summarise", "summarized": "summarize",
           "translated": "translate", "extracted": "extract", "classified": "classify", "tagged": "tag", "labelled": "label",
           "labeled": "label", "rewritten": "rewrite", "produced": "produce", "triaged": "triage", "routed": "route",
           "checked": "check", "reviewed": "review", "turned": "turn", "converted": "convert", "mapped": "map",
           "transformed": "transform", "coded": "code"}  # fmt: skip


def _gerund(verb: str) -> str:
    """"turned" -> "turning", "coded" -> "coding", "mapped" -> "mapping" (via `_ACTIVE`)."""
    base = _ACTIVE[verb.lower()]
    if base.endswith("e") and not base.endswith("ee"):
        return base[:-1] + "ing"
    return base + (base[-1] if base in ("tag", "map") else "") + "ing"


# What they want made, said as the product: "We want first drafts of commercial contract clauses",
# "we need short summaries of each call".
_PRODUCT_WANTED = re.compile(
    r"\b(?:want|wants|need|needs|would like|'d like)\s+(?P<product>(?:(?:first|rough|quick|short|automatic|automated|draft|plain[- ]language|ai|ai-generated|llm)\s+)?"
    r"(?:drafts?|summaries|translations|answers|replies|reports|notes|letters|descriptions|captions|transcripts|explanations|rewrites)\s+"
    r"(?:of|for|to)\s+(?:(?:our|the|each|every|all|their|incoming|new)\s+)?[a-z][\w'-]*(?:\s+(?!(?:in|with|from|by|and|but|so|that|which|for|on|at|into|using|via)\b)[a-z][\w'-]*){0,3})",
    re.IGNORECASE,
)


# The work said in the passive: "Adjusters' free-text notes need to be turned into our internal claim
# JSON" is turning free-text notes into claim JSON.
_TO_BE_DONE = re.compile(
    r"^\W*(?:(?:our|the|all|every|each|incoming)\s+)?(?:[\w-]+'s?\s+)?(?P<what>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:need|needs|has|have|must|should)\s+(?:to\s+)?be\s+"
    r"(?P<verb>turned|converted|mapped|transformed|rewritten|translated|summari[sz]ed|classified|tagged|extracted|routed|coded)\s+(?:into|to|as|by|from)?\s*"
    r"(?:(?:our|the|a|an)\s+)?(?:(?:internal|own|house|in-house)\s+)?(?P<into>[\w-]+(?:\s+(?!(?:with|from|for|by|and|in|on|using|so|that|which)\b)[\w-]+){0,2})",
    re.IGNORECASE,
)


# A model asked to do the work: "I want AI to summarise them for the donors", "our teachers want to use
# AI to help with ideas for lessons and worksheets".
_MODEL_ASKED = re.compile(
    # (or in use for it: "we use GPT-4o to read each request and route it")
    r"\b(?:want|wants|would like|'d like|need|needs|hoping|hope|looking|(?:we|they) (?:use|are using|'re using|currently use))\s+(?:to use\s+)?"
    r"(?:ai|an? (?:llm|model|ai|assistant|bot|tool)|the (?:model|llm|bot|assistant|ai)|gpt[\w.-]*|chatgpt|claude(?: [\w.-]+)?|it)\s+"
    r"to\s+(?P<verb>[a-z]+)\s+(?P<object>[a-z][\w'&+-]*(?:\s+(?!(?:and|but|so|because|since|which|that|while|or)\b)[a-z][\w'&+-]*){0,5})",
    re.IGNORECASE,
)
# What the people who will use it want from it: "our caseworkers need quick answers from the
# eligibility policy manual", "licensed engineers would like to query the aircraft maintenance manual".
_PEOPLE_WANT = re.compile(
    r"\b(?:need|needs|want|wants|would like|'d like)\s+(?:to be able\s+)?(?P<verb>(?:quick |fast |instant |reliable |accurate )?answers (?:from|about|on)|"
    r"to (?:query|search|ask questions of|look things up in|look up|consult))\s+(?P<object>[a-z][\w'&+-]*(?:\s+(?!(?:and|but|so|because|since|which|that|while|or|for|when)\b)[a-z][\w'&+/-]*){0,5})",
    re.IGNORECASE,
)
# A model named doing the task, or there to do it: "gpt-4o assigns one of twenty-five exception codes",
# "'train our own AI' to help draft grant applications".
_TASK_VERBS = (r"draft|write|summari[sz]e|answer|extract|classify|tag|translate|rewrite|review|check|generate|produce|triage|route|"
               r"code|categori[sz]e|assign|detect|identify|label|score|grade|convert|parse|match|flag|suggest|recommend")
_MODEL_DOES = re.compile(
    r"\b(?:gpt[\w.-]*|claude(?: [\w.-]+)?|sonnet|haiku|opus|llama[\w.-]*|mistral|gemini|the model|a model|our model|the llm|an llm|ai)'?\s+"
    rf"(?:to\s+(?:help\s+(?:us\s+|them\s+)?)?(?P<verb>{_TASK_VERBS})|(?P<does>(?:{_TASK_VERBS})(?:s|es)))\s+"
    r"(?P<object>[a-z][\w'&+-]*(?:\s+(?!(?:and|but|so|because|since|which|that|while|or|for|when|to|in|on|with)\b)[a-z][\w'&+/-]*){0,4})",
    re.IGNORECASE,
)
# A pasted line naming the feature: 'Feature: "ask your contracts"', "Use case: invoice extraction".
_NAMED_LINE = re.compile(r"(?:^|[.\n]\s*|-\s*)(?:feature|use[- ]?case|product|project)\s*[:=]\s*[\"'“]?(?P<name>[a-z][^\"'”.;,\n]{2,50})", re.IGNORECASE)
_PRONOUNS = frozenset("them it these those this that".split())
_NOT_A_THING = frozenset("this was is has does its yes us always sometimes plus thus less unless various".split())


def _base_form(verb: str) -> str:
    """ "assigns" -> "assign", "classifies" -> "classify", "matches" -> "match", "summarises" -> "summarise"."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else verb


def asked_of_a_model(sentences: list[str]) -> str | None:
    """What a model is asked to do, when a sentence asks it ("I want AI to summarise them": the
    pronoun taken as the last thing counted before it, "summarise reports")."""
    return next((asked for asked in map(_asked_of_a_model, sentences) if asked), None)


def _asked_of_a_model(sentence: str) -> str | None:
    named = _NAMED_LINE.search(sentence)
    if named:
        return " ".join(named.group("name").lower().split()[:6])
    match = _MODEL_ASKED.search(re.sub(r"\([^()]*\)", " ", sentence))
    if not match:
        wanted = _PEOPLE_WANT.search(re.sub(r"\([^()]*\)", " ", sentence))
        does = _MODEL_DOES.search(re.sub(r"\([^()]*\)", " ", sentence))
        if does and not wanted:
            verb = (does.group("verb") or _base_form(does.group("does"))).lower()
            words = [w for w in does.group("object").lower().split() if w not in ("the", "a", "an", "our", "one", "of", "each", "every")]
            return " ".join([verb, *words]) if words and words[0] not in _PRONOUNS else None
        if not wanted:
            return None
        verb = re.sub(r"^to\s+", "", re.sub(r"^(?:quick|fast|instant|reliable|accurate)\s+", "", wanted.group("verb").lower()))
        return f"{verb} {wanted.group('object').lower()}"
    words = [w for w in match.group("object").lower().split() if w not in ("the", "a", "an", "our")]
    if not words:
        return None
    if words[0] in _PRONOUNS:
        # what the pronoun stands for: the last thing counted before it ("officers send weekly reports ... summarise them")
        things = [w for w in re.findall(r"\b[a-z]{4,}s\b", match.string[: match.start()].lower()) if w not in _NOT_A_THING]
        if not things:
            return None
        words[0] = things[-1]
    return " ".join([match.group("verb").lower(), *words])


def wanted_made(sentences: list[str], stop: frozenset[str]) -> str | None:
    """What the team wants made or done, when a sentence says so (`stop`: words a use case never starts with)."""
    for sentence in sentences:
        product = _PRODUCT_WANTED.search(sentence)
        if product:
            return product.group("product").lower()
        done = _TO_BE_DONE.search(sentence)
        if done and done.group("verb").lower() in ("turned", "converted", "mapped", "transformed"):
            return f"{_gerund(done.group('verb'))} {done.group('what').lower()} into {done.group('into').lower()}"
        if done:
            return f"{_gerund(done.group('verb'))} {done.group('what').lower()}"
        match = _WANTED_MADE.search(sentence)
        if match:
            words = (match.group("object") or match.group("each")).lower().split()
            while words and words[0] in stop:
                words.pop(0)
            if words and words[0] not in ("it", "them", "this", "that", "everything", "something", "things"):
                return " ".join([_ACTIVE[match.group("verb").lower()], *words])
    return None
