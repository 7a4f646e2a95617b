"""The subjects a classifier's reading must touch before it is taken: below the classifier's surest
readings, words that never name a slot's subject say nothing about it ("forgot the night shift" is no
change rate, "sorry, was pulled into a call" no absence of documents)."""

from __future__ import annotations

import re

# The subject a slot's reading must touch (the other slots have their own guards in
# `clause_reading._plausible`).
TOPIC: dict[str, re.Pattern] = {
    slot: re.compile(pattern, re.IGNORECASE)
    for slot, pattern in {
        "needs_citations": r"\b(?:cit\w*|sourc\w*|references?(?! (?:docs?|documents?|documentation|material|manuals?|guides?|library|data|files)\b)|referenc(?:es|ed|ing)|links?|linking|footnotes?|provenance|trac\w*|quot\w*|point\w* (?:to|back)|"
        r"where (?:it|the answer|they|this) (?:came|comes) from|show\w* (?:the|which|where)|evidence|verif\w*|audit\w*|attribut\w*|page|section|clause|paragraph|article)",
        "multi_tenant": r"\b(?:tenan\w*|customers?|clients?|each|every|their own|its own|separat\w*|isolat\w*|silo\w*|per[- ]|firms?|retailers?|brands?|org\w*|"
        r"compan\w*|accounts?|shared|single|one|everyone|all|leak\w*|walled|own data|internal)",
        "latency_sensitive": r"\b(?:latency|fast|slow\w*|speed\w*|quick\w*(?! (?:summary|question|note|update|recap|overview|background|context|look|one|thing|intro))|instant\w*|real[- ]?time|(?<!goes )(?<!go )(?<!went )(?<!going )(?<!go-)live(?![- ]date)|seconds?|ms|millisecond\w*|wait\w*|time\w*|"
        r"secs?|voice|phone(?! line)|calls?(?![- ](?:takers?|handlers?|notes?|logs?|transcripts?|recordings?|summar\w*|reasons?|types?|volumes?))|callers?|inline|interactive|batch\w*|overnight|cron|async\w*|offline|queue\w*|responsive\w*|lag\w*|delay\w*|hang|snappy|sla|p9\d|ttft|first token|rush|hurry|"
        r"minutes?|hours?|turnaround|later|come back|check back|throughput)",
        # "forgot the night shift" speaks of no knowledge changing, whatever "night" suggests
        "knowledge_changes": r"\b(?:chang\w*|updat\w*|refresh\w*|new\w*|add\w*|edit\w*|revis\w*|publish\w*|releas\w*|rewrit\w*|amend\w*|modif\w*|"
        r"replac\w*|rotat\w*|mov\w*|churn\w*|flux|evolv\w*|grow\w*|stay\w*|stale|outdated|out of date|up to date|current\w*|fresh\w*|latest|version\w*|"
        r"static|fixed|frozen|stable|same|settled|final|finished|complete|closed|sealed|locked|permanent|immutable|unchang\w*|archiv\w*|"
        r"historical|read-only|discontinued|stone|timeless|evergreen|constant\w*|non-stop|never(?!\s+(?:\w+\s+)?(?:happen|again|leave|see|share|show|go|reach))|rarely|seldom|often|occasional\w*|always|"
        r"live|real[- ]?time|intraday|streams?|(?:every|each|per|a|once a|twice a) (?:day|week|month|quarter|year|night|morning|evening|hour|few|couple|other|second|sprint|season|release|cycle|term|semester)|daily|weekly|monthly|quarterly|yearly|annual\w*|hourly|nightly|fortnightly|"
        r"bi-?weekly|days?|weeks?|months?|years?|quarters?|seasons?|seasonal\w*|hours?|minutes?|today|tomorrow|yesterday|morning|evening|"
        r"mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|sprints?|cycles?|(?<!happen )(?<!happens )(?<!that )again|still|since|ages|"
        r"decades?|forever|anymore|drops?|launch\w*|arriv\w*|pour\w*|flood\w*|trickl\w*|sync\w*|feeds?|pull\w*|import\w*|load\w*|ingest\w*|"
        r"touch\w*|tweak\w*|adjust\w*|expir\w*|laps\w*|renew\w*|dynamic|volatil\w*|fluid|old|older|\d{4})",
        # "no exclamation marks, no 'Great question!'" speaks of no examples to judge by
        "has_eval_set": r"\b(?:evals?|evaluat\w*|tests?|testing|tested|examples?|label\w*|golden|gold|benchmark\w*|grad\w*|scor\w*|measur\w*|"
        r"judg\w*|review\w*|check\w*|approv\w*|marked|rated|ratings?|annotat\w*|ground[- ]truth|sets?|samples?|sampled|accura\w*|precision|recall|"
        r"baseline|metrics?|numbers|data|dataset|pass\w*|fail\w*|compar\w*|validat\w*|correct\w*|sign\w*[- ]off|vetted|curated|transcripts?|"
        r"history|past|archive|logs?|tickets|answers|replies|know|tell|sure|idea|quality|good|bad|works?|nothing|none|yet|\d)",
        "top_model_too_costly": r"\b(?:cost\w*|bill\w*|spend\w*|pric\w*|budget\w*|money|afford\w*|pay\w*|invoice\w*|expensive|cheap\w*|margin\w*|cfo|finance|"
        r"dollars?|\$|eur|fund\w*|econom\w*|roi|too much|fortune|burn\w*|slow\w*|latency|quality|accura\w*|great|excellent|fine|"
        r"gpus?|h100s?|h200s?|a100s?|l40s|cluster|infra|infrastructure|hardware|compute)",
    }.items()
}
# What a classifier's "the bill is fine" must say: an ease, not a bill alone.
COST_EASE = re.compile(
    r"\b(?:cheap\w*|affordable|fine(?![- ]?tun)|ok|okay|no problem|not (?:a |an |the )?(?:concern|issue|problem|worry|priority)|manageable|reasonable|"
    r"worth it|happy|low|small|peanuts|nothing|negligible|can afford|isn'?t|aren'?t|doesn'?t|don'?t|not|no)\b",
    re.IGNORECASE,
)
# What a classifier's "nothing to retrieve" must touch: "sorry, was pulled into a call" says nothing
# of documents, whatever the classifier makes of "call".
DOCUMENT_TOPIC = re.compile(
    r"\b(?:docs?|documents?|knowledge|articles?|manuals?|pages?|wiki|kb|database|records|files|corpus|library|archive|sharepoint|"
    r"confluence|notion|faqs?|polic\w*|guidelines|catalog\w*|handbooks?|protocols?|input\w*|classif\w*|label\w*|categor\w*|tag\w*|extract\w*|"
    r"rout\w*|triage|retriev\w*|look\w* up|search\w*|ground\w*|generat\w*|writ\w*|draft\w*|translat\w*|summar\w*|creative|fiction|dialogue|"
    r"from scratch|context|data|source\w*|content|text|emails?|tickets?|messages?|transcripts?|forms?|invoices?|contracts?|nothing to|"
    r"prompts?|past\w*|stuff\w*|lists?|tables?|sheets?|pric\w*|spec\w*|rules?|lore|bible|products?)",
    re.IGNORECASE,
)
# What "the top model is too costly (or too slow)" must name: its cost or its speed. Quality words
# alone ("the answers are great") are half of that story and say nothing of the bill.
COST_OR_SPEED = re.compile(
    r"\b(?:cost\w*|bill\w*|spend|spends|spent|spending (?:on|is|was|has|went|per)|pric\w*|budgets?|money|afford\w*|pay\w*|invoice\w*|expensive|cheap\w*|margin\w*|cfo|finance|"
    r"dollars?|eur|euros?|fund\w*|econom\w*|roi|too much|fortune|burn\w*|overkill|fraction|premium|frontier|line item|"
    r"slow\w*|latency|fast\w*|speed|"
    # Hardware a self-hosted model eats is its cost: "it's eating 16 H100s", "hogs the whole cluster".
    r"gpus?|h100s?|h200s?|a100s?|l40s|cluster|infra|infrastructure|hardware|compute)\b|[$€£]",
    re.IGNORECASE,
)


# What a classifier's positive reading of a slot needs beside the subject (see clause_reading._plausible).
# What an eval set is made of: "2,000 labelled tickets", "a golden set", "answers our reps rated".
EVAL_EVIDENCE = re.compile(
    r"\b(?:evals?|evaluat\w*|tests?|testing|suite|golden|benchmark\w*|ground[- ]truth|labell?(?:ed|ing|ers?)|labels|annotat\w*|grad\w*|rated|ratings?|scor\w*|"
    r"tagged|hand[- ]\w+|verified|approved|correct|right answers?|expected|reference|examples?|samples?|gold|regression|measur\w*|metrics?|"
    r"accuracy|baseline|held[- ]out|spreadsheet|history|historical|past)\b",
    re.IGNORECASE,
)

# An unsure reading of cost as a problem needs words of trouble: "too much", "cut the bill", "not
# sustainable", "a fortune", "finance is asking questions".
# A reaction to a figure the advisor gave ("that cost seems high", "sounds expensive", "the fine-tune
# price you quoted"): doubt about the advice, not a complaint about the user's own bill.
ABOUT_THE_ADVICE = re.compile(
    r"^(?!.*\b(?:we|our|us|i|my)\b).*(?:\b(?:that|this|those|these|your|the quoted|the estimated) (?:costs?|prices?|numbers?|figures?|estimates?|quotes?|amounts?|totals?)\b"
    r"|\b(?:sounds|seems|looks) (?:\w+ )?(?:expensive|pricey|high|steep|a lot|costly)\b|\byou (?:quoted|estimated|said|mentioned|gave)\b)",
    re.IGNORECASE,
)
COST_TROUBLE = re.compile(
    r"\b(?:too|high\w*|huge|big|massive|steep|insane|crazy|painful|hurt\w*|kill\w*|eat\w*|burn\w*|blow\w*|doubl\w*|tripl\w*|explod\w*|"
    r"skyrocket\w*|climb\w*|grow\w*|rising|rose|spiral\w*|unsustainabl\w*|sustainabl\w*|afford\w*|fortune|arm and a leg|"
    r"hog\w*|scream\w*|maxed|tying up|ties up|starv\w*|free (?:up|them)|want (?:those|them|the)|need (?:those|them) back|"
    r"cut\w*|reduc\w*|lower\w*|down|sav\w*|cheaper|margin\w*|underwater|loss\w*|losing|red|over|cap|limit|veto\w*|approv\w*|"
    r"finance|cfo|controller|worr\w*|concern\w*|problem|issue|pain|unit economics|roi|expensive|pricey|costly|"
    r"can'?t|cannot|won'?t|not|no)\b",
    re.IGNORECASE,
)

# What makes a classifier's reading of per-customer data plausible: words of tenancy, not a kind of
# customer alone.
TENANCY = re.compile(
    # "a customer assistant for a retail bank" serves customers; it names no data of theirs
    # (the team's own cloud tenant is a place for its data, not its customers: "has to stay in our own tenant")
    r"\b(?:(?<!own )(?<!our )(?<!azure )(?<!openai )(?<!m365 )(?<!cloud )(?<!aws )tenan\w*(?![- ](?:maintenance|repairs?|rent|leases?|screening|applications?|portal|complaints?|requests?|questions?|inquir\w*|communications?|messages?|emails?|notices?))|(?:customers?|clients?)(?![- ](?:assistant|bot|chatbot|support|service|care|chat|agent|facing|experience|questions|emails|queries|success|memos?|notes|files|records|details|names))|(?:each|every|per[- ])(?:\s+(?:single|one|other))?\s*(?:[\w-]+\s+)?(?:customer|client|tenant|firm|brand|company|compan(?:y|ies)|business|account|partner|org|organi[sz]ation|merchant|retailer|seller|agency|dealer|dealership|publisher|insurer|carrier|school|district|council|bank|lender|fund|studio|franchisee|operator|landlord|shop|developer|agencies)s?\b|(?:each|every) (?:[\w-]+ )?[\w-]+'s|(?:another|other) (?:[\w-]+ )?[\w-]+'s|their own|its own|own data(?![- ]?cent(?:er|re)s?)|separat\w*|isolat\w*|silo\w*|leak\w*|walled|"
    r"another|partition\w*|segregat\w*|access control|permissions?|only (?:see|sees|access))\b"
    # parties named by letter: "merchant A's data showing up on merchant B's store"
    r"|\b[a-z]+ (?-i:[A-Z])'s\b",
    re.IGNORECASE,
)

OWN_SHAPE = re.compile(
    r"\b(?:its|their|his|her) own (?:\w+ )?(?:forms?|formats?|templates?|layouts?|styles?|style guides?|structure|tone|voice|wording|rules|"
    r"requirements|criteria|process(?:es)?|deadlines?|fields|sections)\b",
    re.IGNORECASE,
)

# Where data must stay: "on-prem", "our own data centre", "air-gapped", "inside the VPC", "HIPAA".
# Words of the regimes and people behind a ban, which make a classifier's residency reading plausible.
RESIDENCY_CONTEXT = re.compile(
    r"\b(?:vpc|firewall|network|intranet|hipaa|gdpr|itar|fedramp|sovereign\w*|classified|pii|phi|patient|regulator\w*|compliance|"
    r"security|legal|infosec|ciso|residency|egress)\b",
    re.IGNORECASE,
)
