"""The bill, read by its grammar: whether what the user says of the cost of the model in use says it
costs too much (a burden stated, an ease denied, the bill put beyond what the business carries,
quality praised and its cost or speed put against it), or that it does not.
"""

from __future__ import annotations

import re

from agent.understand.clauses import mark, valence
from agent.understand.options_named import GPU_NAMES, SELF_HOSTED
from agent.understand.topics import ABOUT_THE_ADVICE

# "the quality isn't the problem, the cost is", "quality fine, cost not": the problem put on the cost.
COST_IS_THE_PROBLEM = (
    r"\b(?:quality|accuracy|answers?|output)\b[^.;]{0,20}\b(?:fine|great|good|there|(?:is|are|'s)? ?(?:not|n'?t) the (?:issue|problem))\b"
    r"[^.;]{0,10}[,;]\s*(?:but |it'?s |its )?(?:purely |only |just |all |really )?(?:about )?(?:the )?(?:cost|costs|spend|price|bill|money)\b(?! (?:is|are|'s) (?:fine|ok|okay|great|good|low|small))"
    # "it's purely cost", "the problem is just the price": the problem put on the bill
    r"|\b(?:it'?s|its|it is|problem is|issue is|pain is)\s+(?:purely|only|just|all|really|mostly)\s+(?:about\s+)?(?:the\s+)?(?:cost|costs|price|bill|money|spend)\b"
    # "Speed is fine, the issue is cost: the bill is about $14k a month"
    r"|\b(?:the )?(?:problem|issue|pain|catch|trouble)(?: is|:)\s+(?:the\s+)?(?:cost|costs|price|bill|money|spend)\b(?! (?:is|are) (?:fine|ok|okay|low|small))"
)
_COST_CONTRAST = re.compile(COST_IS_THE_PROBLEM, re.IGNORECASE)
# Said of a bill just stated: "cant keep that up", "that's not sustainable", "we can't justify it".
UNSUSTAINABLE = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t be able to)\s+(?:keep (?:that|this|it) up|keep (?:paying|spending)|sustain (?:that|this|it)|justify (?:that|this|it)|afford (?:that|this|it))\b"
    r"|\b(?:not|isn'?t|un)\s?sustainable\b|\b(?:far|way|much|simply|just|a lot) too much\b|\b(?:not|won'?t|doesn'?t|does not|can'?t|cannot) (?:continue|go on|last|stay|carry on) at (?:that|this) (?:price|cost|rate|level)\b|\bmore than (?:we|i) (?:budgeted|planned|expected)\b|\b(?:says?|said) no to (?:that|this|it|paying)\b|\bwon'?t last\b|\b(?:that'?s|that is|it'?s|this is) not happening (?:again|another (?:month|year))\b|\bnot happening again\b"
    # "gpt-4o is costing ~$22k a month which is too much for us"
    r"|\b(?:which|that|it)(?:'s| is| was)\s+(?:just |simply |honestly |frankly )?too much\b(?! (?:work|effort|hassle|trouble|latency|lag|delay))"
    # the shock it gave: "my cofounder nearly fell off his chair", "the CFO's jaw dropped"
    r"|\b(?:fell|falls|nearly fell|almost fell|fall) off (?:his|her|their|my|our) chairs?\b|\bjaws? (?:dropped|hit the floor)\b|\bsticker shock\b|\bhit the roof\b|\bfreak(?:ed|ing) out\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|hardly|isn'?t|aren'?t|wasn'?t)\W*$", re.IGNORECASE)
_CHEAP_ENOUGH = re.compile(r"\b(?:cheap|affordable|inexpensive) enough\b|\b(?:it'?s|its|that'?s|is) (?:pretty |quite |really )?(?:cheap|affordable|inexpensive)\b(?! (?:to|for) (?:train|fine|host|run it))", re.IGNORECASE)


# What a clause about the bill says of it, by the same grammar: a burden stated ("the budget is tight",
# "our gpt-4o bills are already painful") or an ease denied ("it isn't cheap") says the model costs
# too much; an ease stated ("the spend is modest") or a burden denied ("cost isn't an issue") says
# it does not. Only the bill for the model in use: the cost of another option, of people or of
# time ("fine-tuning costs are high", "the latency budget is tight") says nothing of it.
_COST_SUBJECT = re.compile(
    r"\b(?:budgets?|bills?|costs?|spend(?:ing)?|pric(?:e|es|ing)|invoices?|money|unit economics|margins?|cost-wise|price-wise|cfo|finance)\b"
    r"|\$\s*/\s*(?:1k|1,000|\d+|call|request|query|req|token|m)\b",  # "the $/1k calls is brutal"
    re.IGNORECASE,
)
# The bill put beyond what the business can carry, whatever else the clause names: "more than our whole
# support tooling budget", "more than the team's salaries", "way too $$$", "gpt-4o nails it but costs
# us 30k a month".
_COST_BEYOND = re.compile(
    r"\b(?:more|higher|bigger|larger|pricier) than (?:our |the |my |a )?(?:whole |entire |total |annual |yearly |monthly )?[\w' -]{0,25}?\b(?:budget|salar\w*|revenue|margins?|payroll|headcount)\b"
    r"|\b(?:way |far |much )?too (?:\$\$+|expensive|pricey|costly|much money)|\$\$\$|\b(?:way |far |much |a lot )?more than it should (?:be|cost)\b|\bmore than it'?s worth\b|\boverpaying\b"
    # "way more than the product can carry", "more than we can justify"
    r"|\b(?:more|higher|bigger) than (?:the |our |a |this )?(?:product|business|feature|company|team|margins?|p&l|budget|we|i)s? (?:can|could|will|would) (?:ever )?(?:carry|bear|support|sustain|absorb|handle|justify|stand|stomach|afford)\b"
    # "$22k/month for classification is hard to justify", "the biggest line on our cloud bill"
    r"|\bmargins?\b[^.;]{0,40}\b(?:thin|slim|shrinking|squeezed|gone|negative|eaten|disappearing)\b|\b(?:hard|difficult|tough|impossible) to justify|\bcan'?t justify|\b(?:biggest|largest|single biggest) (?:line(?: item)?|item|cost|expense) (?:on|in) (?:our|the)\b"
    # "the bill is too big", "we pay about $45k/mo today and it keeps growing"
    r"|\b(?:bill|invoice|spend|cost|costs|price)\b[^.;]{0,12}\btoo (?:big|high|large|much)\b"
    r"|\b(?:pay|paying|spend|spending|bill)\b[^.;]{0,50}\b(?:keeps?|is|are) (?:growing|climbing|rising|going up|exploding|ballooning)\b"
    # the bill set against what the product earns: "for a game that makes about that in a month"
    r"|\bthat (?:only )?(?:makes|earns|brings in|generates|nets|grosses) (?:us )?(?:about |roughly |around |maybe |only |barely |just )?(?:that|the same|as much|less|that much)\b"
    r"|\b(?:as much as|about what|nearly what|almost what|roughly what) (?:we|it|the (?:game|app|product|feature|business|service)) (?:makes|earns|brings in)\b"
    r"|\bbut (?:it |that )?(?:costs?|runs?) (?:us )?(?:~|about|around|roughly|like|over)?\s*[$€£]?\d[\d,.]*\s*(?:k|m|grand)?\b",
    re.IGNORECASE,
)
_OTHER_COST = re.compile(
    r"\b(?:fine[- ]?tun\w*|train\w*|gpus?|self[- ]?host\w*|hosting|vector\w*|embedding\w*|label\w*|annotat\w*|engineer\w*|hir\w*|"
    r"salar\w*|headcount|people|infra\w*|servers?|hardware|storage|latency|time|seconds?|ms|context|distill\w*|rag|retrieval)\b|\d\s*(?:ms|s|secs?)\b"
    # prices the answers are about, not the bill: "it quoted last month's prices", "outdated rates"
    r"|\b(?:quot\w*|gave|gives|showed|shows|listed|lists|cited|states?|stated|returns?|returned|invent\w*|made up|hallucinat\w*)\s+(?:\w+\s+){0,2}?(?:prices|pricing|rates|fees|tariffs)\b"
    r"|\b(?:last (?:month|week|year)'s|yesterday's|old|outdated|stale|wrong|current|new|latest|product|plan|our customers'|tariff) (?:prices|pricing|rates|fees|tariffs)\b"
    r"|\b(?:prices|pricing|rates|fees|tariffs) (?:must|need to|needs to|have to|has to|should) be (?:right|correct|accurate|exact|up to date|current)\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|in case|once|should)\b", re.IGNORECASE)
_COST_BURDEN = frozenset(
    "tight painful high steep huge insane crazy brutal killing hurting hurts unsustainable problem problems issue issues concern "
    "worry worrying scary ridiculous expensive pricey costly prohibitive constrained ballooning exploding skyrocketing climbing rising "
    "growing absurd screaming cry cried crying wince winced balking balked panicking matters matter important critical crucial sensitive stuck".split()
)
_COST_EASE = frozenset("fine ok okay low small tiny modest manageable acceptable reasonable negligible cheap affordable unlimited viable".split())
_SMALL_WHO = re.compile(r"\b(?:small|tiny|modest)\s+(?:[\w-]+\s+)?(?:studio|team|company|charity|startup|shop|business|firm|agency|nonprofit|non-profit|org\w*|outfit|practice|school)\b", re.IGNORECASE)
_COST_REQUIREMENT = frozenset("need needs must keep want wants should aim target".split())


# Quality praised, then speed or cost put against it: "a frontier model gives great completions but
# it's way too slow for inline", "GPT-4o nails it but it's pricey". The top model is right, and too dear.
_QUALITY_BUT_DEAR = re.compile(
    r"\b(?:great|excellent|perfect|perfectly|good|solid|accurate|nails? it|spot on|flawless\w*|rated? (?:\w+ )?highly|passe[sd] (?:our|the|all) (?:\w+ )?evals?|meets? (?:the|our) bar|works? (?:great|well|fine)|handles? (?:it|them|the \w+) (?:really |very |pretty |super )?(?:great|well|fine|perfectly)|quality[- ]wise"
    # "GPT-4o does it really well", "routes them correctly basically every time"
    r"|does (?:it|this|them|that) (?:really |very |pretty |super )?well|correctly"
    # "sonnet gets em right nearly always", "it's rarely wrong", "does the job"
    r"|gets? (?:it|them|em|'em|these|those|most|all|everything|the \w+) right|(?:almost|nearly|basically) (?:always|never wrong|perfect)|rarely (?:wrong|misses)|does (?:the job|a (?:great|good|solid) job))\b"
    r"[^.;]{0,100}?\bbut\b[^.;]{0,30}?\b(?:(?:way |far |much )?too (?:slow|expensive|pricey|costly|laggy|big|high)|slow|expensive|pricey|costly|laggy|can'?t afford"
    # "... gets them right almost always but takes 6 seconds" (the figure may be read already)
    r"|takes\b|(?:we'?re |we are |we |it'?s |it is )?(?:paying|spending|costing|burning)\b"
    # "... but at our volume the bill is around $40k a month": the bill itself put against it
    r"|(?:the |our |its |that )?(?:bill|invoice|spend|run[- ]rate)\b(?![^.;]{0,25}\b(?:fine|ok|okay|low|small|modest|manageable|acceptable|reasonable|not (?:an? |the )?(?:issue|problem))\b)"
    # "... handles the calls perfectly but response time kills it"
    r"|(?:response|reply|answer|wait|load|turnaround) times?\b[^.;]{0,15}\b(?:kills?|ruins?|hurts?|too long|too high)"
    # "... quality is great, but p95 is ~1.8s": a measured latency put against it
    r"|p9\d|p50|ttft|latency is|first token|~?\d+(?:\.\d+)?\s*(?:ms|s|secs?|seconds)\b)",
    re.IGNORECASE,
)


def quality_but_dear(sentence: str) -> bool:
    """Whether a sentence praises the top model's quality and puts its speed or cost against it."""
    return bool(_QUALITY_BUT_DEAR.search(sentence))


def speed_is_the_trouble(sentence: str) -> bool:
    """Whether a sentence names the top model's speed as what does not work ("cost is secondary,
    the latency is what kills it"): too slow counts as too dear."""
    return bool(_SPEED_IS_THE_TROUBLE.search(sentence))


_SPEED_IS_THE_TROUBLE = re.compile(
    r"\b(?:latency|speed|response times?|slowness|the wait)\b[^.;]{0,15}\b(?:is what kills|kills|is the (?:real |main |big |actual )?(?:problem|issue|killer|blocker|dealbreaker)|is killing)\b"
    # "cost is ok honestly, it's the speed", "it's really the latency"
    r"|\b(?:it'?s|it is)\s+(?:really |mostly |just |all |more )?(?:about )?the (?:speed|latency|response times?|slowness|wait)\b"
    # "Problem is speed: p95 is about 2s", "the issue is latency"
    r"|\b(?:the )?(?:(?:real|main|big|only|actual) )?(?:problem|issue|catch|blocker|trouble|snag|pain)\s*(?:is|:|-|–|—)\s*(?:the |its |our )?(?:speed|latency|response times?|slowness)\b",
    re.IGNORECASE,
)


def bill_beyond(sentence: str) -> bool:
    """Whether a sentence puts the bill beyond what the business carries ("... but costs us 30k a
    month", "more than our whole tooling budget"), or has those who hold the money refuse a bill it
    names ("the pilot bill extrapolates to $18k a month and finance says that's not happening"), read
    over the whole sentence: its "but" is a clause break."""
    match = _COST_BEYOND.search(sentence)
    if match and not _OTHER_COST.search(match.group(0)):
        return True
    return bool(MONEY_HOLDERS_REFUSE.search(sentence) and _BILL_NAMED.search(sentence) and not _OTHER_COST.search(sentence))


# Those who hold the money refusing: "finance says that's not happening", "the CFO won't sign off on
# that", "procurement balked".
MONEY_HOLDERS_REFUSE = re.compile(
    r"\b(?:finance|the cfo|our cfo|cfo|the ceo|our ceo|the board|management|leadership|procurement|accounting|the budget holders?|budget owners?|(?:the |my |our )?(?:partners|boss|owners?|founders?|investors))\b[^.;]{0,20}?"
    r"\b(?:(?:says?|said|saying|is like|went|told us)\W+(?:that'?s |that is |it'?s |it is |this is )?(?:not happening|no way|never|a no|a hard no|too much|not ok|not okay)"
    # "CFO flagged it in the budget review", "finance wants it halved"
    r"|flagged|questioned|complain\w*|wants? (?:it|that|this|the bill|the spend) (?:halved|cut|down|lower|reduced|gone)|asked (?:us )?to (?:cut|reduce|halve)"
    # their displeasure at it: "partners were not amused" (not at the quality: "... not happy with the answers")
    r"|(?:(?:were|was|are|is)\s+not|weren'?t|wasn'?t|aren'?t|isn'?t)\s+(?:amused|happy|pleased|thrilled)\b(?![^.;]{0,30}\b(?:quality|answers?|accuracy|tone|format|outputs?|results?)\b)"
    r"|says? no|said no|won'?t (?:sign|approve|pay|fund|accept|wear|go for)|will not (?:sign|approve|pay|fund|accept)|refus\w*|reject\w*|balk\w*|push\w* back|vetoed|nixed|shot (?:it|that) down)",
    re.IGNORECASE,
)
_BILL_NAMED = re.compile(r"\b(?:bill|invoice|spend|costs?|pric\w+|budget\w*|run[- ]rate)\b|[$€£]\s?\d|\d\s*(?:k|grand)\b(?:\s*(?:a|per|/)\s*(?:month|mo|year|yr))", re.IGNORECASE)


def cost_verdict(text: str) -> bool | None:
    """True when a clause says the bill for the model in use is a burden, False when it says it is
    not, None when it says neither or both (see `_COST_SUBJECT`)."""
    if re.search(r"\b(?:isn'?t|isnt|is not|aren'?t|are not|not) (?:exactly |really |that )?(?:cheap|affordable|inexpensive)\b", text, re.IGNORECASE):
        return True  # "honestly it isn't cheap"
    cheap = _CHEAP_ENOUGH.search(text)
    if cheap:
        # "we use gpt-4o mini now and it's cheap enough"; "it isn't cheap enough" says the opposite
        return bool(_NEGATED_BEFORE.search(text[max(0, cheap.start() - 15) : cheap.start()]))
    if _COST_CONTRAST.search(text) or _COST_BEYOND.search(text):
        return True  # "the quality isn't the problem, the price is": the problem put on the cost
    if not _COST_SUBJECT.search(text) or _OTHER_COST.search(text) or _CONDITIONAL.search(text) or ABOUT_THE_ADVICE.search(text):
        return None
    if re.search(r"\bmatters? less\b|\bless important\b|\bsecondary\b", text, re.IGNORECASE):
        return False  # "cost matters less than quality"
    # (who is small is no verdict on the bill: "the bill is over $9k a month and we're a small studio")
    text = _SMALL_WHO.sub(" ", text)
    clause = mark(text)
    # "we need to keep costs low" asks for a cheap answer; it says nothing of today's bill.
    requirement = any(w in _COST_REQUIREMENT for w in clause.words)
    return valence(clause, _COST_BURDEN, _COST_EASE, ease_counts=not requirement)


# The hardware a self-hosted model runs on, whose bill is then the bill of the model in use.
_OWN_HARDWARE = re.compile(rf"\b(?:gpus?|hardware|servers?|hosting|infra\w*|cluster|nodes?)\b|(?:{GPU_NAMES})s?\b", re.IGNORECASE)


def own_hardware_bill(sentence: str, said: str) -> bool:
    """Whether `sentence` says the hardware bill is a burden when the model in use runs on the team's
    own hardware (`said`, the user's words so far): "the GPU bill is brutal, 8 H100s just for this"
    after "a self-hosted Llama 3.1 70B in our own data center"."""
    return bool(SELF_HOSTED.search(said) and _OWN_HARDWARE.search(sentence) and cost_verdict(_OWN_HARDWARE.sub(" ", sentence)))
