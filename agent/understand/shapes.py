"""Message shapes: resets, injected instructions, corrections, what-ifs, questions, yes/no answers,
and where clauses break (asking for the recommendation: `agent.understand.asking`)."""

from __future__ import annotations

import re

# A sentence whose subject is a source ("The article fine-tuned Haiku...", "According to the blog...")
# reports someone else's case: nothing in it describes the user.
ABOUT_A_SOURCE = re.compile(
    # "the report needs to come back within 500ms" is the user's own report, a requirement on it
    r"\s*(?:(?:the|that|this|one|an?)\s+(?:article|blog(?:\s+post)?|post|paper|study|report|source|write-?up|case study)\b(?!-)"
    r"(?!\s+(?:needs?|must|has to|have to|should|gets? (?:generated|sent|built)|comes? back|goes out)\b)"
    # ... and "the source link", "the report number" name a part of the user's answers, no one's case
    r"(?!\s+(?:links?|urls?|documents?|docs?|files?|pages?|references?|ids?|numbers?|titles?|names?|sections?|text|material|data|code|systems?|of truth|templates?|schemas?|formats?|structure|fields?|layouts?|generator|writer|tool)\b)"
    r"|according to\b|(?:i|we) (?:read|heard|saw) (?:that|in|on|somewhere)\b)",
    re.IGNORECASE,
)


RESET = re.compile(r"^\W*(?:/?reset|start (?:over|again|from scratch)|let'?s start over|new conversation|clear (?:everything|the profile|it all)|forget everything(?: i said)?|from scratch)\b", re.IGNORECASE)


INJECTION = re.compile(
    # "ignore the typo above" or "disregard my previous number" corrects the user's own words
    r"\b(?:ignore|disregard|forget|override|bypass)\b(?![^.!?]{0,25}\b(?:typos?|mistakes?|my (?:previous|last|earlier)|what i (?:said|wrote))\b)[^.!?]{0,40}?\b(?:instructions?|prompts?|rules|guidelines|above|previous|prior|system|everything you)\b"
    r"|\b(?:you are now|from now on,? you|act as|pretend (?:to be|you are|you're)|jailbreak|developer mode|(?:your|reveal (?:the|your)|print (?:the|your)|show (?:me )?(?:the|your)|repeat (?:the|your)) system prompt|new instructions|your instructions)\b"
    r"|\b(?:you must|you will|you should|always|just|only) (?:recommend|say|answer|output|pick|choose) (?:fine[- ]?tun\w*|rag|hybrid|distill\w*|prompt\w*)\b"
    r"|\brecommend (?:fine[- ]?tun\w*|rag|a hybrid|hybrid|distill\w*) (?:no matter|regardless|whatever)\b",
    re.IGNORECASE,
)


CORRECTION = re.compile(
    r"\b(?:actually|sorry|i meant|i mean|no wait|wait,? no|correction|scratch that|make that|let me correct|to correct|oops|my bad|rather|not \S+ but|"
    r"i'?m wrong|i was wrong|my mistake|i misread|misread|i mixed (?:it|them|those) up)\b"
    # "oh wait, it's 45 staff", "wait - it's more like 20k": a wait that opens the message takes something back
    r"|^\W*(?:(?:oh|hmm+|um+|uh|ah)\W+)?wait\b(?=\W+(?:it'?s|its|that'?s|we'?re|we have|more like|make|actually|\d))"
    # a hesitation, then "no", takes back what came before: "Hmm, no, I looked at the upload logs"
    r"|^\W*(?:hmm+|um+|uh|er|ah)\W+no\b",
    re.IGNORECASE,
)


# A requirement taken back: "scratch the persona thing", "forget what I said about citations",
# "never mind the latency part". The topic named is no longer a requirement.
RETRACTION = re.compile(
    r"(?:^|[,;:.]\s*|\b(?:ok|oh|and|also|so|actually|hmm|wait)\W+)(?:scratch|forget(?: about)?|drop|ignore|disregard|never ?mind|strike|take back|skip)\s+"
    r"(?:what i said about |the (?:bit|part|stuff) about |my )?(?:the |that |this )?(?P<topic>[^,.;!?]{2,40})",
    re.IGNORECASE,
)
RETRACTED_TOPICS: dict[str, re.Pattern] = {
    slot: re.compile(pattern, re.IGNORECASE)
    for slot, pattern in {
        "persona_consistency": r"^(?:[\w-]+ )?(?:persona|tone|voice|character|mascot|brand voice|style)\b",
        "needs_citations": r"^(?:[\w-]+ )?(?:citations?|citing|sources?|references|links)\b",
        "latency_sensitive": r"^(?:[\w-]+ )?(?:latency|speed|response time|real[- ]?time|sub[- ]second)\b",
        "output_format_gap": r"^(?:[\w-]+ )?(?:format(?:ting)?|json|schema|xml|dsl|vocabulary|terminology)\b",
        "multi_tenant": r"^(?:[\w-]+ )?(?:tenan\w*|multi[- ]?tenan\w*|per[- ](?:customer|client|tenant)|isolation)\b",
        "has_eval_set": r"^(?:[\w-]+ )?(?:evals?|eval set|test set|golden set|labell?ed (?:set|examples))\b",
        "top_model_too_costly": r"^(?:[\w-]+ )?(?:cost|budget|bill|price)\b",
        "data_residency": r"^(?:[\w-]+ )?(?:residency|on[- ]?prem\w*|egress|air[- ]?gap\w*|data (?:staying|stays|locality))\b",
    }.items()
}


# Something mentioned before, left out now: "leave the contracts out of it, that's another project".
_LEFT_OUT = re.compile(r"\bleave (?:the |that |this |our |all the )?(?P<topic>[\w -]{2,30}?) out\b", re.IGNORECASE)


def withdrawn_things(sentence: str) -> list[str]:
    """The things a sentence takes back that name no requirement ("leave the contracts out of it",
    "forget the ERP lookup bit"): their words, to find where they were mentioned."""
    topics = [m.group("topic") for m in (*RETRACTION.finditer(sentence), *_LEFT_OUT.finditer(sentence))]
    return [word for topic in topics
            if not any(pattern.search(topic) for pattern in RETRACTED_TOPICS.values()) and not re.match(r"(?:that|it|this)\b", topic, re.IGNORECASE)
            for word in re.findall(r"[a-z][\w-]{3,}", topic.lower()) if word not in _NOT_A_THING]


_NOT_A_THING = frozenset("about that this thing things stuff part bit bits piece side idea whole with from what said".split())


def retracted(sentence: str) -> list[str]:
    """The requirements a sentence takes back ("scratch the persona thing" -> persona_consistency)."""
    return [slot for m in RETRACTION.finditer(sentence) for slot, topic in RETRACTED_TOPICS.items()
            if topic.search(m.group("topic")) and not re.match(r"(?:that|it|this)\b", m.group("topic"), re.IGNORECASE)]


# A correction that is only a figure: "make that 15k", "sorry, I meant 2,000", "actually closer to 8k".
# With traffic already known and no unit named, it corrects the traffic.
# A topic named and answered in one breath: "citations: no", "evals? yes, a few hundred".
TOPIC_ANSWERED = re.compile(r"^\W*[\w -]{2,25}[:?]+\s*(?:no|nope|nah|none|yes|yep|yeah|not needed|not really)\b", re.IGNORECASE)
# A sentence that opens by correcting and then gives a figure: "hmm no, 3k, 4k was end of quarter",
# "oh wait, that includes transfers, real is more like 22k".
LEADING_CORRECTION = re.compile(
    # (a bare "no" opens the answer to a question just asked, not a correction: "No, we're at 50k a day")
    r"^\W*(?:(?:hmm+|oh|uh|um|ah)\W+no\b|(?:(?:hmm+|oh|uh|um|ah)\W+)?(?:no wait|wait,? no|no,? sorry|wait|actually|sorry|correction|scratch that|my bad|i meant|i mean)\b)"
    r"[^.;]*?(?:(?:more like|closer to|really|real is|actual(?:ly)? is|it'?s)\s+)?~?\s*\d[\d,.]*\s*(?:k|m|thousand|million)?\b(?!\s*(?:%|ms|s\b|seconds?|tokens|words|months|weeks|years|days))",
    re.IGNORECASE,
)
BARE_FIGURE_CORRECTION = re.compile(
    # "actually checked, more like 12k", "no wait, closer to 3k": a word or two may come before the figure
    r"^\W*(?:make (?:that|it)|(?:no,? |sorry,? |oops,? )?i meant|(?:no,? |sorry,? )?actually|correction:?|sorry,?|oops,?|no wait|wait,? no|hm+,? no)\W*"
    r"(?:(?:i |we )?(?:checked|looked|looked it up|double[- ]checked|asked|counted|just checked)\W+)?"
    r"(?:it'?s |that'?s |more like |closer to |about |around |roughly |~\s*)*\d[\d,.]*\s*(?:k|m|thousand|million)?\W*(?:$|(?<=[-–—,;(]\s)[^\d]*$|(?<=[-–—,;(])[^\d]*$)"
    # "more like 800k to 1M", "honestly closer to 40k": the comparison alone puts the figure right
    r"|^\W*(?:(?:hmm+|uh|um|well|so|ok|okay|honestly|realistically|tbh|nah|no)\W+)*(?:it'?s |that'?s )?(?:really )?(?:more like|closer to|nearer(?: to)?)\s*~?\s*"
    r"\d[\d,.]*\s*(?:k|m|thousand|million)?(?:\s*(?:-|–|to|or)\s*\d[\d,.]*\s*(?:k|m|thousand|million)?)?\W*$",
    re.IGNORECASE,
)


WHAT_IF = re.compile(
    r"\bwhat if\b|\bwhat about\b|\bhow about\b|\bwhat happens (?:at|with|if|when)\b|^\W*(?:(?:and|but|ok|okay|so)\W+)?if\b(?=[^.]*\?)|\bsuppose\b|\bimagine\b|\bhypothetically\b|\bsay we\b|\binstead\b(?! of\b)(?=[^.]*\?)"
    r"|\bif we (?:had|were|went|used|moved|switched|doubled|tripled|halved|grew|self[- ]?host\w*|fine[- ]?tun\w*|ran)\b|\bwhat would happen\b|\bcould we\b"
    r"|\b(?:what|how much) would (?:it|that|this|the bill|we pay)(?: cost| come to| be| look like)? (?:on|with|using|at)\b",
    re.IGNORECASE,
)


QUESTION_START = re.compile(
    r"^\W*(?:what|how|why|when|where|which|who|does|do|is|are|can|could|should|would|will|did|isn't|aren't|any|tell me|explain|compare)\b",
    re.IGNORECASE,
)


# Lead-ins before a question: "Quick question: what does ...?", "btw, how much ...?".
_QUESTION_PREFIX = re.compile(
    r"^(?:\W*(?:(?:(?:a |one )?(?:quick|small|side|random|different|separate|general|more|other|last|another|one more) )?(?:questions?|q|one)(?: first| for you| though| before we (?:go on|continue))?"
    r"|(?:unrelated|side note|random|off[- ]topic|tangent|aside|quick aside|totally unrelated)(?: but| question)?"
    r"|also|btw|by the way|oh|and|so|one more thing|first|ok|okay|hmm|sorry|actually|wait|tl;?dr|honestly|basically|seriously|in short|long story short)\b\W*)+",
    re.IGNORECASE,
)


DOMAIN = re.compile(
    r"\b(?:rag|retriev\w*|fine[- ]?tun\w*|finetun\w*|lora|qlora|distill\w*|prompt\w*|cach\w*|tokens?|embedding\w*|vectors?|latency|"
    r"costs?|price\w*|pricing|gpus?|h100|a100|l40s|models?|llms?|inference|training|hallucinat\w*|citations?|evals?|"
    r"break[- ]?even|payback|pinecone|pgvector|chroma|hybrid|context|chunk\w*|rerank\w*|self[- ]host\w*|open[- ]weight|"
    r"llama|claude|gpt\S*|haiku|sonnet|opus|qwen|mistral|accuracy|quality|dataset|vllm|ollama|bot|assistant|agent|queries|requests|api|apis|bills?|budget|spend\w*|volume|traffic|"
    # what an option costs besides money: "what's the catch?", "any downsides?"
    r"catch|downsides?|drawbacks?|risks?|trade-?offs?|pitfalls?|gotchas?|cons|vector ?db|vector stores?|database|documents?|docs|corpus|knowledge ?base)\b",
    re.IGNORECASE,
)


# A correction begun mid-sentence starts a sentence of its own: "about 30k/day, wait no, more like
# 18k" corrects what came before it, as "about 30k a day. Wait, more like 18k" does.
SENTENCE_SPLIT = re.compile(
    r"(?<=[.!?;])\s+|\n+"
    r"|\s*(?:,|\s[-–—])\s*(?=(?:(?:oh|hmm+|um|uh|ah)\W+)?(?:no,? wait|wait,? no|no,? sorry|wait|sorry|i mean|i meant|make (?:that|it)|scratch that|correction|or rather|oops|actually,? no)\b)",
    re.IGNORECASE,
)


NEGATION = re.compile(r"\b(?:no|not|never|without|nor|neither|none|nothing|nobody|no one|zero|cannot|lack\w*|skip|dont|doesnt|isnt|arent|wont|cant|havent)\b|\wn['’]t\b", re.IGNORECASE)


UNSURE = re.compile(r"\b(?:not sure|unsure|don'?t know|no idea|unclear|maybe|might)\b", re.IGNORECASE)


CLAUSE_BREAK = re.compile(r"[,;:()]|\bbut\b|\bthough\b|\bhowever\b|\band\b|\bwhile\b|\bwhereas\b|\bunless\b|\bbecause\b|\bif\b|\buntil\b", re.IGNORECASE)


# Interjections answer the question asked whatever follows them; verb phrases such as "we don't"
# may instead begin a statement about another slot ("we don't need citations").
YES = re.compile(
    r"^\W*(?:(?P<interjection>yes|yep|yeah|yup|ya|sure|absolutely|definitely|of course|correct|indeed|certainly|totally|for sure|affirmative|exactly|100 ?%|that's right"
    # Emphatic: the thing asked about is a requirement ("non-negotiable", "a hard requirement from compliance").
    r"|non[- ]?negotiable|a must|must[- ]have|mandatory|(?:a )?hard requirement|required|crucial|critical|essential|vital|big time|very much so|that'?s the (?:whole )?point"
    # Hedged: a yes said back as tentative (HEDGED_ANSWER).
    r"|kinda|kind of|sort of|sorta|somewhat|partly|partially|a bit|a little|in a way)"
    r"|we do|it does|they do|we are|it is|i think so|probably|mostly|very much)(?:\b|(?<=%))(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# A yes that hedges: read, and said back so the user can correct it.
HEDGED_ANSWER = re.compile(r"^\W*(?:kinda|kind of|sort of|sorta|somewhat|partly|partially|a bit|a little|in a way|probably|mostly|i think so)\b", re.IGNORECASE)
# What would happen without it, as an answer: "legal would kill us if it didn't", "useless without
# it", "nobody would use it if it sounded like a robot", "we'd get fined if anything left the EU".
# The harm makes whatever is asked about a requirement.
HARM_IF = re.compile(
    r"\b(?:(?:kill|sue|fine|fire|crucify|murder|ban|drop|dump|leave|reject)s? (?:us|me|them|it)|(?:get|be|are|were) (?:sued|fined|fired|killed|banned|audited|in (?:big |real )?trouble)|"
    r"(?:lose|lost|losing) (?:the |our |a |all )?(?:deal|customers?|clients?|contract|trust|users?|licen[cs]e|accreditation|money|business)|"
    r"(?:nobody|no one|noone|no-one)(?:'d| would| will)? \w+|(?:customers|users|people|clients|they)(?:'d| would| will)? (?:\w+ )?(?:stop using|trust|buy|tolerate|notice|complain|churn|hang up|leave|quit|walk)|"
    r"useless|worthless|pointless|unusable|dead on arrival|a (?:deal[- ]?breaker|non[- ]?starter)|deal[- ]?breaker|non[- ]?starter|no good|illegal|fail (?:the |an |our )?audit|break (?:the )?law)\b"
    r"[^.;]{0,40}?\b(?:if|without|unless)\b"
    r"|\b(?:if|without|unless)\b[^.;]{0,50}?\b(?:kill|sue|fine|fire)s? (?:us|me)\b",
    re.IGNORECASE,
)


NO = re.compile(
    r"^\W*(?!no,? wait|no,? sorry|no,? i meant|no[- ]?one\b|no (?:doubt|question)\b)(?:(?P<interjection>no|nope|nah|not really|not at all|negative|not yet|not so far|no way|not particularly|not necessarily)"
    r"|not at the moment|not currently|not right now|none yet|nothing yet|i don'?t think so|don'?t think so|i doubt it|nice to have|(?:it )?would be nice|optional|not strictly|not a must|not mandatory|not essential|not critical|not a priority|low priority|nice[- ]to[- ]have"
    r"|we don'?t|we do not|we haven'?t|haven'?t|have not|not tried|nothing tried|it doesn'?t|it does not|they don'?t|never|none|not required|not needed|not much|hardly|we aren'?t|it isn'?t)\b(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)


# "No, but ..." and "yes and ..." answer the question, then add a fact about something else.
CONNECTOR = re.compile(r"^\s*[,.!;:—–-]?\s*(?:and|but|though|although|however|also|plus)\b", re.IGNORECASE)


TRAILING_YES_NO = re.compile(r"\b(?:so|then|i guess|i think|basically|and)\b,?\s*(yes|no)\W*$", re.IGNORECASE)


REQUEST = re.compile(r"^\W*(?:tell me|write|sing|give me|show me|can you|could you|please|let'?s talk|who|what|how|why|when|where|which|is|are|do|does)\b", re.IGNORECASE)


# Asking for a view of what the advisor already worked out, in words rather than a /command.
# Kinds: why (the rule trace), assumptions, costs, sources, changes (what would change it), profile.
_OPTION_WORDS = r"(?:rag|retrieval|fine[- ]?tun\w*|finetun\w*|a hybrid|hybrid|distill\w*|prompt\w*|that|this|it|so)"
_LEAD = r"(?:ok|okay|hm+|hmm+|huh|um+|uh|ah|oh|so|but|and|sorry|wait|right|really|interesting)"
VIEWS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("why", rf"^\W*(?:{_LEAD},?\s+)*(?:why|how come|how so)(?:\s+not)?(?:\s+{_OPTION_WORDS})?(?:\s+(?:then|exactly|though|instead))?\W*$"
                # "why not just prompt it better?", "hm why don't we fine-tune instead?"
                rf"|^\W*(?:{_LEAD},?\s+)*why (?:not|don'?t we|can'?t we|wouldn'?t we|shouldn'?t we) (?:just |simply )?(?:use |go with |do )?{_OPTION_WORDS}\b[^?.]{{0,30}}\?*\W*$"
                # "so fine tuning is out?", "rag's off the table then?": an option ruled out, questioned
                rf"|^\W*(?:{_LEAD},?\s+)*(?:is |so )?{_OPTION_WORDS}(?:'s| is)? (?:out|off the table|ruled out|not an option|a no[- ]go|dead)(?: then)?\s*\?+\W*$"
                # "how sure are you?": what the call stands on
                r"|^\W*(?:how (?:sure|confident|certain) are you|are you sure|how solid is (?:that|this))\b"
                r"|\b(?:explain|walk me through|show me|what'?s|what is) (?:the |your )?(?:reasoning|logic|rule trace|rationale|thinking)\b|\bhow did you (?:get|arrive|land) (?:there|at that|at this)\b"),
        ("assumptions", r"\bwhat (?:did |do |have )?(?:you|u) (?:assume|assumed|assuming|take for granted)\b|\bwhat (?:are|were) (?:you|your) assum\w*\b|\b(?:show|list|tell) me (?:the |your )?assumptions\b|^\W*assumptions\W*$"),
        ("costs", r"\b(?:show|give|send) me (?:the )?(?:costs?|numbers|cost breakdown|breakdown|cost table|figures)\b|^\W*(?:the )?(?:costs?|numbers|cost breakdown|breakdown)\W*$|\bwhat (?:does|do|would) (?:each|every|all the) (?:option|approach)s? cost\b"
                  # "how did you get that number?", "where do those numbers come from?"
                  r"|\bhow did you (?:get|calculate|compute|come up with|arrive at|work out|figure) (?:that|this|these|those|the|your) (?:numbers?|figures?|costs?|totals?|estimates?|maths?|math)\b"
                  r"|\bwhere (?:do|does|did) (?:th(?:at|is|ese|ose)|the|your) (?:numbers?|figures?|costs?|totals?|estimates?) come from\b"
                  # "which is cheaper for us?", "what's cheapest?"
                  r"|^\W*(?:(?:so|ok|okay|and)\W+){0,2}(?:which|what)(?:'s| is| one is| option is| would be)? (?:the )?cheap(?:er|est)\b(?: (?:for (?:us|me)|here|option|one|overall))?\W*$"),
        ("sources", r"^\W*(?:sources?|citations?|references?)\W*$|\b(?:show|give) me (?:the |your )?(?:sources?|citations?|references?|passages?)\b|\bwhere (?:does|did) (?:that|this|it) come from\b|\bwhat(?:'s| are) your sources?\b"
                    r"|\b(?:which|what) (?:source|article|paper|passage|study|report)s? (?:says?|said|is (?:that|this|it) from|claims?|backs?)\b|\bwhere(?:'s| is) (?:that|this) from\b|^\W*(?:source|citation)\s*\?+\W*$"),
        ("changes", r"\bwhat would (?:change (?:it|this|that|your mind|the (?:recommendation|answer|call))|make you change|flip (?:it|this|the (?:recommendation|answer)))\b|\bwhen would (?:fine[- ]?tun\w*|rag|a hybrid|distill\w*) (?:win|be better|make sense)\b|^\W*changes\W*$"),
        ("profile", r"\bwhat do you know (?:so far|about (?:us|me|our (?:case|situation)))\b|\bwhat have i told you\b|^\W*(?:recap|summary|summari[sz]e|profile)\W*$"),
    )
)


def view_asked(text: str) -> str | None:
    """The view a message asks for ("why?", "what did you assume?", "show me the costs"), if any."""
    for kind, pattern in VIEWS:
        if pattern.search(text.strip()):
            return kind
    return None


# Without a question mark only a wh-word makes a question: "can't use hosted LLMs" and "any model has
# to run on our hardware" are statements.
# ("what we pay OpenAI is painful", "what i need is citations": a free relative opens a statement.)
_WH_START = re.compile(r"^\W*(?:(?:what|how|why|when|where|which|who|tell me|explain|compare)\b(?!['’])(?!\s+(?:we|i|they|the team|our \w+)\s+(?:pay|spend|need|want|have|get|see|saw|found|use|run|care about|are paying|are spending)\b[^?]*\b(?:is|are|'s)\b)|(?:what|how|where)['’]?s (?:the|a|an|your|that|this)\b)", re.IGNORECASE)


_ECHO = re.compile(r"\byou(?:'ve| have)? (?:have|got|said|put|wrote|assumed|used|mean|took|read)\b", re.IGNORECASE)


def is_question(sentence: str) -> bool:
    sentence = _QUESTION_PREFIX.sub("", sentence)
    if sentence.endswith("?"):
        if _ECHO.search(sentence):
            return True  # "wait you have 5 a day?": the advisor's figure questioned, not a new fact
        return bool(QUESTION_START.search(sentence)) and not re.match(r"^\W*\w+['’]t\b", sentence)
    if _WHEN_CLAUSE.match(sentence) or _WHAT_IS_WANTED.match(sentence) or _LABEL_LEAD.match(sentence):
        # "When it refuses something it has to point to the policy clause": a condition, then a fact;
        # "What we'd like is an assistant that ...": what is wanted, said as a statement
        return False
    return (bool(_WH_START.search(sentence)) and len(sentence.split()) >= 3) or bool(_AUX_START.search(sentence))


# A heading written as a question, then what it heads: "Why I'm nervous: in the pilot, ...".
_LABEL_LEAD = re.compile(r"^\W*(?:why|what|how|where|who)\b[^?:]{0,30}:\s*\S", re.IGNORECASE)
_WHAT_IS_WANTED = re.compile(
    r"^\W*what (?:(?:we|i|they|the (?:team|business|board)|our \w+)(?:'d| would| really)? (?:like|want|need|are after|have in mind|envision|imagine)\w*"
    # "What bugs us is the voice: ...", "what worries me most is the cost"
    r"|(?:bugs|worries|concerns|bothers|annoys|frustrates|scares|matters to|kills|hurts) (?:us|me|them|the team)(?: (?:most|the most|more))?) (?:is|are)\b",
    re.IGNORECASE,
)


# "when" or "where" with no question mark and no verb asking straight after starts a condition, not
# a question ("where a dose is quoted, the monograph must be named"); "when does it retrain" asks.
_WHEN_CLAUSE = re.compile(
    r"^\W*(?:when|whenever|where|wherever)\s+(?!(?:do|does|did|is|are|was|were|will|would|can|could|should|shall|has|have|had|might|may)\b)\w", re.IGNORECASE)


# Chat drops the question mark of a yes/no question too: "is a vector db expensive", "does fine tuning
# need a GPU", "should we self host". A verb first, then who or what it asks about, makes one.
_AUX_START = re.compile(
    r"^\W*(?:(?:or|and|but|so)\s+)?(?:is|are|does|do|can|could|should|would|will|did|was|were|isn't|aren't|doesn't|wouldn't|shouldn't)\s+"
    r"(?:we|i|you|it|that|this|there|a|an|the|my|our|they|rag|retrieval|fine[- ]?tun\w*|finetun\w*|distill\w*|prompt\w*|caching|"
    r"self[- ]?host\w*|hybrid|lora|vectors?|gpus?|[\w-]+ing)\b(?=(?:\s+\S+){2})",
    re.IGNORECASE,
)


def is_short_reply(text: str) -> bool:
    return bool(YES.search(text) or NO.search(text)) and len(text.split()) <= 6


# Pressing for the call whatever is known: "idk just tell me", "whatever, your call anyway".
PRESSING = re.compile(r"\b(?:just|already|anyway|anyways|whatever|idk|i don'?t know|don'?t know|dunno|no idea|come on|regardless)\b", re.IGNORECASE)
PRESSED_WORDS = 15


def presses(text: str) -> bool:
    """Whether a short message presses for the call ("idk just tell me"); a long one that happens to
    hold "just" ("just a decent data engineering team") does not."""
    return len(text.split()) <= PRESSED_WORDS and bool(PRESSING.search(text))
