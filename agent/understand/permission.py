"""Whether a clause grants what a prohibition slot forbids: data may leave the team's infrastructure,
or answers need not cite. A ban is never read as permission; permission must be in the words.

A clause grants it when, with no ban standing in it:
- a word of permission is not negated ("hosted is fine", "legal signed off", "any provider works");
- a requirement or ban is negated ("residency isn't a requirement", "no rule against third-party
  APIs", "nothing stops us", "the data doesn't have to stay in-house"); or
- it says the team already sends data to a hosted provider ("we call Bedrock today").
A ban stands when a ban word is not negated ("the new policy forbids it", "legal vetoed OpenAI",
"hosted is not an option"). Negation scope comes from `agent.understand.clauses`.
"""

from __future__ import annotations

import re

from agent.understand.clauses import Clause, mark, words_of

_PERMIT = re.compile(
    r"\b(?:fine(?![- ]?tun)|ok|okay|allowed|allow|allows|acceptable|permitted|permits|approved|approve|signed off|cleared|happy to|"
    r"works|work for us|enough|covers|covered|within policy|no problem|no prob|(?:no|not a) big deal|tolerat\w*|put up with|passed(?! (?:to|in|into|along|through|over)\b)|mind|care|agreed|green ?light\w*|"
    r"can (?:leave|go|be sent|be processed|use|call|send)|may (?:leave|go|be sent|use)|relaxed|objects?|objections?|checked|"
    r"(?:under|with|covered by|via) (?:an?|our|the) (?:dpa|baa|contract|agreement|enterprise agreement)|"
    # "we have a BAA with Azure", "we signed a DPA with OpenAI": the agreement that lets data go there
    r"(?:have|has|got|signed|sign|in place)\s+(?:a|an|our|the)\s+(?:baa|dpa|data processing agreement|business associate agreement|zero[- ]retention agreement|enterprise (?:agreement|contract|license|licence))|"
    # "Azure OpenAI is on that list": a provider on the list a ban allows
    r"on (?:the|that|our|this) (?:approved |allowed |vendor |sub-?processor )?(?:list|allow-?list|whitelist)|allow-?listed|whitelisted)\b",
    re.IGNORECASE,
)
# Words that state a requirement or a ban: negated, they state its absence.
_REQUIREMENT = re.compile(
    r"\b(?:required|requirements?|need|needs|needed|necessary|mandatory|must|have to|has to|restrict\w*|constraints?|rules?|"
    r"ban|bans|banned|concerns?|issues?|problems?|objections?|prevent\w*|stop\w*|forbid\w*|block\w*|bound|obligation|"
    r"residency|sovereignty|allowed to leave|stay|remain|kept|polic(?:y|ies)|against|prohibitions?|laws?|regulations?|restrictions?|objects?|matters?)\b",
    re.IGNORECASE,
)
# Words that forbid, counted where no negation governs them.
_BAN = re.compile(
    r"\b(?:forbid\w*|ban|bans|banned|block\w*|veto\w*|prohibit\w*|no-go|non-starter|killed|rejected|refus\w*|no-[a-z-]+|"
    r"illegal|unlawful|breach\w*|violat\w*|off[- ]limits|out of the question|too (?:sensitive|risky|confidential|private) to|"
    # "it is excluded that anything goes to an American cloud", "unthinkable for us"
    r"excluded|unthinkable|inconceivable|"
    # "sending anything to ChatGPT is a fireable offense here"
    r"fireable|sackable|firing offen[cs]e|sacking offen[cs]e|(?:gets?|be|are) (?:you |us |people |someone )?fired|disciplinary|"
    # a consequence said as hyperbole: "our DPO would kill me if transcripts went to a cloud API"
    r"(?:would|will|'d|gonna) (?:(?:kill|murder|crucify|fire|sack|strangle) (?:me|us|them|him|her)|have (?:my|our) heads?)|"
    r"(?:would|will|'d|gonna) (?:freak|flip) out|(?:lose|losing) (?:my|our|their) (?:jobs?|licen[cs]es?)|(?:get|be|getting) sued|lawsuits?|"
    r"can'?t|cannot|may not|must not|mustn'?t|shouldn'?t|won'?t (?:let|allow)|not (?:allowed|permitted|ok|okay|acceptable|an option|possible))\b",
    re.IGNORECASE,
)
# A modal ban ("can't", "must not") is about data leaving only near where the data would go: "we
# can't send it to OpenAI", "hosted APIs cannot be used"; not "hosted is fine, the model can't
# write our DSL".
_MODAL_BAN = re.compile(r"^(?:can'?t|cannot|may not|must not|mustn'?t|shouldn'?t)$", re.IGNORECASE)
_NEAR_AFTER, _NEAR_BEFORE = 50, 25
# Permission words whose negation is a ban: "nothing sensitive can go to a hosted api", "the cloud
# isn't ok" ("no one objects" is the other kind: its negation grants).
_PERMIT_NEGATED_BANS = re.compile(
    r"\b(?:fine(?![- ]?tun)|ok|okay|allowed|allow|acceptable|permitted|permit|approved|approve|an option|sign(?:ed|s)? off|green ?light\w*|clear(?:ed)?|"
    r"happy (?:with|to|about)|comfortable|agree\w*|can (?:leave|go|be sent|be processed|be uploaded)|may (?:leave|go|be sent))\b",
    re.IGNORECASE,
)
# Sending data to a hosted provider today: "we call Bedrock", "we pipe everything to OpenAI".
_PROVIDER_USE = re.compile(
    r"(?:\b(?:we|we're|we are|we've|currently|already|today|just)\b[^.;]{0,30}?|^\W*)\b(?P<verb>use|uses|using|used(?! to)|call|calls|calling|send|sending|sent|"
    r"run|running|pipe|piping|route|routing|on|stay with|staying with|stick with|sticking with|go with|keep using|happy with|fine with|ok with|okay with)\b[^.;]{0,30}?\b(?:openai|anthropic|claude|gpt[\w.-]*|gemini|bedrock|azure|vertex|openrouter|copilot|microsoft (?:tenant|cloud|365)|m365|"
    # (not a model the team hosts itself: "a self-hosted Llama 3.1 70B in our own data center", "our private cloud")
    r"mistral api|cohere|(?<![\w-])(?<!self )hosted|(?<!own )(?<!private )(?<!sovereign )cloud|managed)\b",
    re.IGNORECASE,
)
# A use only planned or past is none today: "originally we planned to just call Azure OpenAI".
_PLANNED = re.compile(r"\b(?:planned|planning|plan|intended|meant|were going|was going|thought|considered|considering|originally|used to|wanted|hoped)\b", re.IGNORECASE)
# Where the permission must point for data residency: where the data would go or must stay, or the
# rule itself. "Fine" alone ("Fine. Let's go on") grants nothing, and neither do "data", "prompts" or
# "servers" alone: "the data quality is ok" and "no data separation needed" say nothing of residency.
DATA_LEAVING = re.compile(
    r"\b(?:hosted|cloud|api|apis|endpoints?|provider|providers|vendor|vendors|third[- ]party|external|outside|openai|anthropic|bedrock|"
    r"azure|vertex|gemini|claude|gpt\S*|chatgpt|egress|saas|subprocessors?|residency|sovereignty|(?:leave|leaves|leaving)(?!\s+(?:(?:a|an|the|their|our|his|her|some)\s+)?(?:[\w-]+\s+){0,2}?(?:notes?|comments?|messages?|feedback|reviews?|voicemails?|ratings?|tips?)\b)|left (?:the|our|its)|"
    r"(?:send|sends|sending|sent|upload\w*|ship\w*|shar(?:e|es|ing)|pass\w*)\s+(?:[\w-]+\s+){0,3}?(?:to|out|outside|off|over)|"
    r"on[- ]?prem\w*|in[- ]house|self[- ]?host\w*|host\w* (?:it |them |the models? )?ourselves|(?:our|own) (?:servers?|hardware)|where (?:it|the model) runs|"
    # "no restriction on where the data goes"
    r"where (?:the |our |it |that )?(?:data |prompts |stuff )?(?:goes|go|lives|sits|gets sent|is (?:sent|stored|processed|hosted)))\b",
    re.IGNORECASE,
)
_DATA = re.compile(r"\b(?:data|records|documents|files|prompts?|audio|recordings|transcripts|pii|phi|it|anything|nothing)\b", re.IGNORECASE)
_CITING = re.compile(r"\b(?:cit\w*|sources?|sourcing|references?|links?|footnotes?|attribution|provenance)\b", re.IGNORECASE)
_WAIVED = re.compile(
    r"\b(?:optional|unnecessary|irrelevant|nice[- ]to[- ]have|good to have|(?:would|will|it.d) be (?:nice|a (?:plus|bonus))|no need|not (?:needed|required|necessary|important|essential|mandatory|critical|a must|expected|a priority)|"
    r"out of scope|(?:is|are|'s|'re) ?(?:not|n't) (?:part of|in) (?:the )?(?:spec|requirements?|scope|brief)|low[- ]priority|less so|secondary|skip)\b",
    re.IGNORECASE,
)
# Citations missing from a share of the output, in a list of its failures.
_MISSING_AT_A_RATE = re.compile(
    r"\bno\s+(?:[\w-]+\s+){0,2}?(?:citations?|references?|sources?|links?|footnotes?)\b[^.;,]{0,15}?"
    r"\b(?:about |around |in |roughly |nearly |almost )?(?:a third|half|a quarter|a fifth|\d{1,2}\s*%|one in \w+|\d+ (?:in|out of) \d+|sometimes|often)\b",
    re.IGNORECASE,
)
# People add them, not the model: "Citations of jurisprudence we add manually later", "we put the
# references in ourselves".
_CITED_BY_PEOPLE = re.compile(
    r"\b(?:we|our [\w-]+|they|the (?:lawyers|editors|reviewers|team|staff|associates|analysts)) (?:\w+ )?(?:add|insert|put|do|handle|write|attach)s? "
    r"(?:them |those |these |it |the \w+ )?(?:in |on )?(?:manually|ourselves|themselves|by hand|later|afterwards|after review)\b",
    re.IGNORECASE,
)


# Citations unwanted for what they would do to the reader: "our customers said footnotes would confuse people".
_CITATIONS_UNWANTED = re.compile(
    r"\b(?:cit\w*|sources?|references?|links?|footnotes?)\b[^.;]{0,25}\b(?:would|will|might|could|just|only)\s+(?:only\s+|just\s+)?"
    r"(?:confuse|clutter|annoy|distract|overwhelm|irritate|get in the way|put (?:people|users|them|customers) off)\b",
    re.IGNORECASE,
)


def citations_not_the_models(text: str) -> bool:
    """Whether the citations a text names are added by people, not the model, or are unwanted
    ("footnotes would confuse people"): either way, no need of the model's."""
    if _CITATIONS_UNWANTED.search(text):
        return True
    rest = _NEED_DENIED.sub(" ", _CITED_BY_PEOPLE.sub(" ", text))  # ("the model doesn't need to do it" requires nothing)
    return bool(_CITED_BY_PEOPLE.search(text)) and not _CITATION_REQUIRED.search(rest)


_NEED_DENIED = re.compile(r"\b(?:doesn'?t|does not|don'?t|do not|won'?t|will not|never)\s+(?:\w+\s+)?(?:need|have|has)\s+to\b", re.IGNORECASE)
# "we have to cite, no exceptions", "without sources they won't trust it": citations required.
_CITATION_REQUIRED = re.compile(
    r"\b(?:must|have to|has to|need to|needs to|required|mandatory|always|no exceptions|won'?t trust|can'?t trust|don'?t trust|unless|won'?t (?:just )?use|wouldn'?t use|stop using|"
    # An uncited answer with a bad consequence is a requirement: "they reject any answer that doesn't cite".
    r"reject\w*|ignor\w*|useless|worthless|no good|not accepted|won'?t accept|don'?t accept|refus\w*|bounce\w*|throw\w* (?:it )?out|fail\w*|liab\w*|"
    # nothing said that cannot be sourced: "we can't brief a Member on something we can't source"
    r"(?:can'?t|cannot|won'?t) \w+[^.;]{0,40}\b(?:can'?t|cannot|couldn'?t) (?:source|cite|verify|check|back (?:it )?up)|must be attributed)\b",
    re.IGNORECASE,
)


# The rules on the data said to be none: "no data restrictions", "no compliance constraints on the data".
_NO_DATA_RULES = re.compile(
    r"\bno (?:data|residency|compliance|regulatory|privacy|data[- ]protection|gdpr|hipaa|sovereignty|infosec)\s+"
    r"(?:restrictions?|constraints?|requirements?|rules|concerns?|limits?|limitations?|issues)\b|\bno restrictions? on (?:the |our )?data\b",
    re.IGNORECASE,
)

# A kind of data kept back while the rest goes: "no customer identifiers are sent", "no PII goes in".
_WITHHELD = re.compile(
    r"\bno (?:\w+ )?(?:identifiers|ids|pii|personal data|personal information|names|phi|account numbers|card numbers|patient names)\b",
    re.IGNORECASE,
)
# One kind of sensitive data: "employees' personal data", "student records", "patient names".
_SENSITIVE_KIND = re.compile(
    r"\b(?:personal (?:data|information|details)|pii|phi|identifiers|(?:student|patient|employee|member|customer) (?:records|names|ids|identifiers|details)|health data|card numbers|account numbers|social security numbers|ssns?)\b",
    re.IGNORECASE,
)
_EXTERNAL_KNOWLEDGE = re.compile(r"\b(?:external|outside) (?:knowledge|info\w*|facts|context|docs|documents|data sources?|lookups?|sources?|tools?)\b", re.IGNORECASE)
# "no data restrictions except it must stay in the EU": what follows still binds.
_EXCEPT = re.compile(r"\b(?:except|other than|apart from|aside from|besides|beyond|but|as long as|so long as|provided|unless|only)\b", re.IGNORECASE)


# The output judged ok, which permits nothing: "we tried it once in ChatGPT and it looked 'okay-ish'".
_OUTPUT_JUDGED_OK = re.compile(
    r"\b(?:it|they|that|this|the (?:output|outputs|results?|answers?|summar\w+|quality|drafts?|replies))\s+(?:\w+\s+)?(?:looked|looks|seemed|seems|sounded|sounds|came out|was|were|worked|works|read|reads)\s+['\"]?(?:okay|ok|fine|good|great|decent|alright)",
    re.IGNORECASE,
)


def permits(slot: str, clause: Clause, asked: str | None = None) -> bool:
    """Whether the clause explicitly grants what `slot` (data_residency, needs_citations) forbids.
    `asked`: the slot the advisor just asked about (a short answer to it needs no topic words)."""
    text = clause.text
    if slot == "needs_citations":
        if _MISSING_AT_A_RATE.search(text):
            return False  # "no clause references about a third of the time": citations that fail, not waived
        if any(not clause.negated_at(m.start(), text) and _near_citing(text, m) for m in _CITATION_REQUIRED.finditer(text)):
            return False
        return bool(_WAIVED.search(text)) or citations_not_the_models(text) or any(clause.negated_at(m.start(), text) for m in _CITING.finditer(text)) or (
            clause.negates and (asked == slot or bool(_CITING.search(text)))
        )
    if (_standing_ban(clause, text) and not _one_kind_kept_out(clause, text)) or _HEDGED.search(text):
        return False  # a ban; or a permission hedged ("hosted may be fine", "cloud is ok I guess") is none
    if any(not clause.negated_at(m.start("verb"), text) and not _PLANNED.search(text[: m.start("verb")]) for m in _PROVIDER_USE.finditer(text)):
        return True  # "we call Bedrock today"; not "we don't use Anthropic", which says nothing of the rest
    lifted = _NO_DATA_RULES.search(text)
    if lifted and not clause.negated_at(lifted.start(), text) and not _EXCEPT.search(text, lifted.end()):
        return True  # "no data restrictions, it's public listing text": the rules on the data are lifted in words
    # "no external knowledge needed", "No external docs needed" name knowledge, not a place data goes
    knowledge_free = _EXTERNAL_KNOWLEDGE.sub(" ", text)
    if asked != slot and not DATA_LEAVING.search(knowledge_free):
        return False
    if _OTHER_SUBJECT.search(text) and not (DATA_LEAVING.search(knowledge_free) or KEPT_INSIDE.search(text)):
        return False  # "we don't need citations", even right after the residency question, lifts another requirement
    if _unnegated(clause, text, _PERMIT) and not _OUTPUT_JUDGED_OK.search(text) and (
        # "we have an approved on-prem server": what is approved is a place inside, not data leaving
        DATA_LEAVING.search(KEPT_INSIDE.sub(" ", text)) or (
            len(words_of(text)) <= _SHORT_ANSWER_WORDS and not _DISCOURSE_OK.match(text) and "?" not in text
            and set(words_of(text)) <= _ABOUT_NOTHING_ELSE)
    ):
        # "legal signed off on it" answers the question; "we keep a held-out set QA checked" does not,
        # nor does an "ok" that opens something else ("ok gimme the answer", "ok", "seems fine-ish?")
        return True
    if _HARMLESS.search(text) and (asked == slot or DESTINATION.search(text)):
        return True  # "nah, nothing sensitive", "the data is public anyway", answering the question or naming a destination
    if _OTHER_SUBJECT.search(text) and not _DATA_SUBJECT.search(text):
        return False  # "the API spend isn't a concern": the requirement lifted is on the bill, not on the data
    return any(clause.negated_at(m.start(), text) or _after_no(text, m.start()) for m in _REQUIREMENT.finditer(text))


def about_something_else(text: str) -> bool:
    """Whether the words are about another requirement and name nothing of where data goes ("a
    couple of seconds is fine"): no permission for data can be read from them."""
    return bool(_OTHER_SUBJECT.search(text)) and not DATA_LEAVING.search(text) and not KEPT_INSIDE.search(text) and not _PROVIDER_USE.search(text)


# A permission said with a hedge is no permission: "hosted may be fine", "probably ok", "I guess".
_HEDGED = re.compile(
    r"\b(?:may|might|could|should) (?:well |probably )?be (?:fine|ok|okay|acceptable|allowed|alright)\b|\b(?:probably|possibly|maybe|perhaps|presumably)\b"
    r"|\bi (?:guess|think|believe|suppose|assume)\b|\bin theory\b|\bnot sure\b",
    re.IGNORECASE,
)
# "ok" or "sure" on its own, or opening a message: a turn taken, not a permission given.
_DISCOURSE_OK = re.compile(r"^\W*(?:ok(?:ay)?|k|sure|alright|right|cool|great|got it)\b(?!\s+(?:by|with|for)\b)", re.IGNORECASE)
# Without a word of where data goes, a permission answers the question asked only in a short reply.
_SHORT_ANSWER_WORDS = 8
# ... and only in words that are about nothing else: "fine", "that's ok with legal", "no worries";
# not "the quality is ok", "weekly is fine" or "a couple secs is fine", which answer something else.
_ABOUT_NOTHING_ELSE = frozenset(
    "yes yeah yep yup sure ok okay no nope nah that that's thats it it's its this is are 's was totally completely "
    "perfectly absolutely really pretty quite all good fine by with for to us me we our we're they they're them legal "
    "compliance security infosec ciso dpo lawyers management either way whatever works work problem prob problems "
    "worries big deal allowed acceptable approved cleared permitted signed off on go ahead care don't dont mind "
    "nobody one the a an so happy also too then of course".split()
)
# What a lifted requirement must be about to lift residency: the data, or where it may go.
_DATA_SUBJECT = re.compile(
    r"\b(?:data|pii|phi|records|prompts|transcripts|residency|sovereignty|egress|(?:leave|leaves|leaving)(?!\s+(?:(?:a|an|the|their|our|his|her|some)\s+)?(?:[\w-]+\s+){0,2}?(?:notes?|comments?|messages?|feedback|reviews?|voicemails?|ratings?|tips?)\b)|send\w*|sent|upload\w*|"
    r"hosted|cloud|third[- ]party|external|outside|vendors?|providers?|openai|anthropic|bedrock|azure|vertex|gemini)\b",
    re.IGNORECASE,
)
# Data said to be harmless to send: "nothing sensitive", "it's all public data", "no PII in it".
_HARMLESS = re.compile(
    r"\b(?:nothing (?:sensitive|confidential|private|secret|regulated)|not (?:sensitive|confidential|regulated)|no (?:pii|phi|personal data|sensitive data|customer data)|"
    r"(?:data|it|content|everything|all of it|info\w*)(?: is| are|'s)? (?:all |basically |entirely |already )?public)\b",
    re.IGNORECASE,
)
# The subjects of the other requirements: a requirement on one of them lifted is no permission for data.
_OTHER_SUBJECT = re.compile(
    r"\b(?:cit\w*|sources?|references?|links?|footnotes?|latency|speed|fast|slow|secs?|seconds?|ms|milliseconds?|minutes?|mins?|wait\w*|format\w*|schema|json|tone|persona|voice|style|sound\w*|talk\w*|speak\w*|personality|character|brand|"
    r"evals?|labels?|labelled|examples|held[- ]out|holdout|test set|golden|graded|annotat\w*|tenan\w*|separat\w*|isolat\w*|budgets?|costs?|bills?|pric\w*|spend\w*|money|invoices?|docs|documents|retriev\w*)\b",
    re.IGNORECASE,
)
# Where data would go: a ban or a permission is about data residency only if it names one.
DESTINATION = re.compile(
    r"\b(?:hosted|cloud|api|apis|endpoints?|providers?|vendors?|third[- ]party|external|(?-i:US|U\.S\.)|the (?:eu|uk|usa|states)|abroad|"
    # "outside the EU", "outside our network"; not "outside protocol" or "outside business hours"
    r"outside(?! (?:of )?(?:the )?(?:protocol|scope|guidelines|policy|hours|business|working|office|the box|norm|context|that|this|these|those|its|their|his|her|what))|openai|anthropic|bedrock|azure|vertex|gemini|"
    r"claude|gpt\S*|chatgpt|copilot|mistral api|saas|internet|egress|off[- ]?prem\w*|off[- ]?site|off the (?:premises|site|network)|subprocessors?|processors?|(?:leave|leaves|leaving)(?!\s+(?:(?:a|an|the|their|our|his|her|some)\s+)?(?:[\w-]+\s+){0,2}?(?:notes?|comments?|messages?|feedback|reviews?|voicemails?|ratings?|tips?)\b)|go out|goes out|"
    r"sent out|send (?:it |them |anything |data )?out|left (?:our|the) (?:network|building|premises|vpc|country|company|firewall)|outside (?:world|company)|elsewhere|anywhere|phones? home|phoning home|outbound|call(?:s|ing)? out)\b",
    re.IGNORECASE,
)
# Where data must stay: "on-prem", "our own hardware", "in-house", "inside our VPC".
_OURS = r"(?:our|its|their|\w+'s)(?: own)?"
_INSIDE_PLACES = (
    r"servers?|hardware|racks?|infra\w*|network|gpus?|machines|boxes|kit|environment|controlled environment|tenancy|"
    r"data ?cent(?:er|re)s?|premises|estate|systems|private cloud|vpc|firewall|perimeter|(?:four )?walls"
)
KEPT_INSIDE = re.compile(
    rf"\b(?:on[- ]?prem\w*|premises|data ?cent(?:er|re)s?|air[- ]?gapped|in[- ]house|locally|(?:our|its|their|\w+'s) own cloud|"
    rf"{_OURS} (?:{_INSIDE_PLACES})|(?:inside|within|in|on) (?:our|the) (?:{_INSIDE_PLACES}|country|eu|region|jurisdiction|borders|building)|"
    r"hosted by us|host(?:ed)? (?:it |them |the models? )?ourselves|self[- ]?host\w*|"
    # "on university infrastructure", "within hospital servers": an owner's own, not a cloud's
    rf"(?:on|in|within) (?:the )?(?!(?:aws|azure|gcp|google|amazon|microsoft|cloud|vendor|provider|third|external|public|hosted|shared|their)\b)[\w-]+ (?:infrastructure|servers|hardware|data ?cent(?:er|re)s?))\b",
    re.IGNORECASE,
)
# A place that is a region, not the team's own infrastructure: "in the EU", "EU data centres", "can't
# leave Germany", "no US-hosted APIs". A hosted API in that region meets a ban that names only it.
_REGION = re.compile(
    r"\b(?:(?:the )?(?:eu|e\.u\.|eea|europe|european union|uk|united kingdom|united states|usa|germany|france|canada|australia|"
    r"switzerland|india|japan|singapore|brazil|ksa|uae)|(?-i:US|U\.S\.)|abroad|overseas|offshore|out of (?:the )?country|(?:our|the|this|that|their) (?:country|region|jurisdiction|borders)|"
    # GDPR names the EU's rules, which an API hosted in the EU under a DPA meets
    r"gdpr|in[- ]region|(?:eu|us|uk|german|swiss|canadian|australian|european|american)[- ](?:region|soil|based|hosted|only|data ?cent(?:er|re)s?|territory|residency|endpoints?|clouds?|servers?|providers?|apis?)|"
    # a cloud account is a place a hosted model in that cloud can be too: "our azure tenant", "our GCP project"
    r"(?:our|the|their|its) (?:own )?(?:azure|aws|gcp|google cloud|amazon) (?:tenant|tenancy|account|subscription|project|org\w*|environment))\b",
    re.IGNORECASE,
)
# The team's own infrastructure, or every outside destination: a ban on these is zero egress.
_OWN_OR_EVERY = re.compile(
    rf"\b(?:on[- ]?prem\w*|premises|air[- ]?gapped|in[- ]house|locally|self[- ]?host\w*|hosted by us|host\w* (?:it |them |the models? )?ourselves|"
    rf"{_OURS} (?:{_INSIDE_PLACES})|third[- ]part(?:y|ies)|external|internet|anywhere|elsewhere|outside (?:world|company)|"
    r"(?:government|gov|sovereign|national|private) cloud|"
    r"(?:any|no|every|nothing to (?:an?|any)) (?:hosted |cloud |outside |external |third[- ]party |commercial |public |foreign |saas )?(?:apis?|providers?|vendors?|cloud|llm|model|services?) ?(?:at all|whatsoever|of any kind)?)\b",
    re.IGNORECASE,
)


def regional(text: str) -> bool:
    """Whether the words keep data in a region ("everything has to stay in the EU", "can't go to a US
    cloud") or a cloud account ("must stay in our GCP project") rather than inside the team's own
    infrastructure: a ban that a hosted API in that region or cloud meets, so it is read tentatively
    and gives way to a permission said with it."""
    return bool(_REGION.search(text)) and not _OWN_OR_EVERY.search(text) and not _HOSTED_REFUSED.search(text)


# A hosted destination refused outright, in the region or not: "Azure's German region isn't approved
# either", "hosted APIs are not ok with legal".
_HOSTED_REFUSED = re.compile(
    r"\b(?:hosted|cloud|apis?|providers?|regions?|endpoints?|azure|openai|anthropic|bedrock|vertex)\b[^.;]{0,30}?"
    r"\b(?:isn'?t|is not|are not|aren'?t|not|never)\s+(?:\w+\s+)?(?:ok|okay|acceptable|approved|allowed|an option|fine|permitted)\b",
    re.IGNORECASE,
)


# Where data stays, said as a fact: "all of it stays on our hardware", "the audio lives on our infra".
# "keep using the OpenAI API" goes on doing something: no place the data is kept.
_STAYS = re.compile(r"\b(?:stays?|staying|remains?|remaining|kept|keeps?(?! (?:on )?\w+ing\b)|lives?|sits?|resides?|processed)\b", re.IGNORECASE)
# Data leaving, negated, is a ban: "nothing leaves the building", "it never goes out".
_LEAVING = re.compile(
    r"\b(?:(?:leave|leaves|leaving)(?!\s+(?:(?:a|an|the|their|our|his|her|some)\s+)?(?:[\w-]+\s+){0,2}?(?:notes?|comments?|messages?|feedback|reviews?|voicemails?|ratings?|tips?)\b)|left|go out|goes out|sent out|sent|send|exit\w*|cross\w*"
    # "nothing goes off-site", "no data gets out of the building"
    r"|(?:goes|go|going|gets|get|travels?|moves?)(?= (?:off[- ]?site|off[- ]?prem\w*|off the (?:premises|site|network)|outside|abroad|elsewhere|out of)\b))\b",
    re.IGNORECASE,
)
_MUST = re.compile(r"\b(?:must|has to|have to|needs? to|only|required|mandatory|non-negotiable|always)\b", re.IGNORECASE)


def unnegated_ban(clause: Clause, sentence: str | None = None) -> bool:
    """Whether a ban word stands in the clause, whatever it is about ("the new policy forbids it");
    a modal one ("we can't") only with somewhere the data would go near it in `sentence`; not one
    kind of data kept out beside a permission ("member data shouldn't be in the queries, and hosted
    models are permitted")."""
    if _one_kind_kept_out(clause, clause.text) or (sentence and _ONE_KIND_KEPT_OUT.search(clause.text) and _one_kind_kept_out(mark(sentence), sentence)):
        return False  # (the permission in a clause of its own: "... can't go in the prompts, but hosted APIs are allowed otherwise")
    return _standing_ban(clause, clause.text, sentence)


def _standing_ban(clause: Clause, text: str, sentence: str | None = None) -> bool:
    """A ban word no negation governs; a modal ban only near a destination (in `sentence`, else in
    the clause)."""
    around = sentence or text
    for m in _BAN.finditer(text):
        if clause.negated_at(m.start(), text):
            continue
        if not _MODAL_BAN.match(m.group(0)):
            return True
        at = around.find(m.group(0)) if sentence else m.start()
        end = at + len(m.group(0))
        if DESTINATION.search(around, end, end + _NEAR_AFTER) or DESTINATION.search(around, max(0, at - _NEAR_BEFORE), at):
            return True
    return False


# A destination refused in a noun phrase ("no cloud", "no US providers", "nope, no hosted stuff"), or
# a region said to be the only place ("EU only", "only in the UK").
# Processing kept to what the team runs, said as the rest being barred: "no client material gets
# processed on infrastructure we don't run ourselves".
_NOT_OURS = re.compile(
    # (the owner named: "no client data gets processed on infrastructure the state doesn't run", "... the firm does not run")
    r"\b(?:no|nothing|never)\b[^.;]{0,50}\b(?:on|to|through|by|in)\s+(?:any\s+)?(?:infrastructure|servers?|hardware|systems?|machines|clouds?)\s+(?:that\s+)?"
    r"(?:we|the (?:state|firm|bank|hospital|client|customer|council|agency|government|company|department|university|school|trust)|our (?:client|customer)s?|they)\s+"
    r"(?:don'?t|do not|doesn'?t|does not)\s+(?:run|own|control|operate|host|manage)\b",
    re.IGNORECASE,
)
_NO_DESTINATION = re.compile(
    r"\bno (?:(?:[\w.]+[- ])?(?:hosted|based) |(?-i:US) |(?:eu|uk|foreign|american|chinese|outside|external|public|commercial) )?"
    r"(?:hosted|cloud|clouds|apis?|providers?|vendors?|saas|third[- ]part(?:y|ies)|external)\b"
    r"(?! (?:keys?|costs?|bills?|budget|spend\w*|changes|limits?|docs|documentation|experience|integration|calls? (?:yet|so far)|"
    r"knowledge|info\w*|facts|context|documents?|lookups?|retrieval|sources?|data sources?|tools?|dependencies))",
    re.IGNORECASE,
)
_REGION_ONLY = re.compile(r"\b(?:eu|eea|uk|(?-i:US)|europe|germany|canada|australia|in[- ]country|domestic)[- ]only\b|\bonly (?:in |within )?(?:the )?(?:eu|eea|uk|(?-i:US)|europe|germany|canada|australia|country)\b", re.IGNORECASE)


# A bracketed list of examples names categories, not rules: "25 reasons (not home, wrong address, refused, ...)".
_EXAMPLES = re.compile(r"\([^()]*,[^()]*,[^()]*\)")


def without_examples(text: str) -> str:
    """The text with its bracketed lists of examples blanked: "40 categories (tamper suspected,
    access blocked, dog on premises)" names categories, not a place the data stays."""
    return _EXAMPLES.sub(lambda m: " " * len(m.group(0)), text)
_BETWEEN_PARTIES = re.compile(
    r"\b(?:between|across)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:firms|clients|customers|tenants|matters|companies|accounts|brands|retailers|schools|hospitals|orgs|organi[sz]ations|users)\b",
    re.IGNORECASE,
)


# A bill refused, with the provider named as who sends it: "the invoice from OpenAI was $22,000 and
# management says this is not acceptable" refuses the cost, not data going to OpenAI.
A_BILL_REFUSED = re.compile(
    r"^(?=.*\b(?:invoices?|bills?|costs?|spend\w*|pric\w*|budget|usd|dollars)\b)"
    r"(?!.*\b(?:data|records|documents|files|prompts?|pii|phi|anything|everything|send\w*|sent|goes|go to|leav\w*|upload\w*|shar\w*|process\w*)\b)",
    re.IGNORECASE | re.DOTALL,
)


# One kind of data kept out of the requests, beside a permission of where the rest may go.
_ONE_KIND_KEPT_OUT = re.compile(
    # (any kind named by its owner or nature, not the data as a whole: "policyholder details", "card numbers")
    r"(?:\b(?!(?:our|the|any|all|no|company|internal|corporate|business|this|that|these|their|your|its|such)\b)[a-z]+(?:'s)?\s+(?:data|details|records|information|info|names|numbers|identifiers|ids)|\b(?:pii|phi|names|identifiers))\s+"
    r"(?:shouldn'?t|won'?t|will not|should not|must not|mustn'?t|can'?t|cannot|isn'?t|aren'?t|is not|are not|never)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:in|go|sent|included|reach|leave)\b",
    re.IGNORECASE,
)


def _one_kind_kept_out(clause: Clause, text: str) -> bool:
    """One kind of data kept out of the requests beside a permission of where the rest may go; not
    one kept inside a place ("patient records can't leave our network, hosted is fine for the rest")."""
    kept = _ONE_KIND_KEPT_OUT.search(text)
    return bool(kept and not KEPT_INSIDE.search(text, kept.start(), kept.end() + 40) and _unnegated(clause, text, _PERMIT) and DESTINATION.search(text))


_NO_PROBLEM = re.compile(r"\bno (?:problem|issue|objection|concern|worries)s?\b", re.IGNORECASE)


def bans(clause: Clause) -> bool:
    """Whether the clause forbids data leaving: a ban word no negation governs, about where data
    would go ("legal vetoed OpenAI", "hosted is not an option", "a strict no-third-party policy"),
    or a requirement to keep it inside ("any model has to run on our own hardware")."""
    text = without_examples(clause.text)
    if _NO_DESTINATION.search(text) or _REGION_ONLY.search(text) or _NOT_OURS.search(text):
        return True
    if _BETWEEN_PARTIES.search(text) and not DESTINATION.search(text) and not KEPT_INSIDE.search(text):
        return False  # "nothing can ever cross between firms": tenants kept apart, not data kept in
    if _one_kind_kept_out(clause, text):
        return False  # "Member data shouldn't be in the queries at all, and hosted models are permitted"
    if _standing_ban(clause, text) and DESTINATION.search(text) and not A_BILL_REFUSED.search(text):
        return True
    # ("We have no problem with a hosted model under our existing Azure agreement": the "no" is the idiom's)
    if DESTINATION.search(text) and not A_BILL_REFUSED.search(text) and any(
            clause.negated_at(m.start(), text) and not _NO_PROBLEM.search(text[: m.start()]) for m in _PERMIT_NEGATED_BANS.finditer(text)):
        return True
    if _SENSITIVE_KIND.search(text) and not (DESTINATION.search(text) or KEPT_INSIDE.search(text)):
        return False  # "employees' personal data won't be sent": one kind of data withheld, nothing said of the rest
    if any(clause.negated_at(m.start(), text) for m in _LEAVING.finditer(text)) and (KEPT_INSIDE.search(text) or DESTINATION.search(text) or _DATA.search(text)):
        if not (_WITHHELD.search(text) and _unnegated(clause, text, _PERMIT)):
            return True
        # "it's covered by our DPA and no customer identifiers are sent anyway": one kind of data is
        # withheld from a destination the same words allow; nothing says the rest must stay.
    if KEPT_INSIDE.search(text) and _unnegated(clause, text, _STAYS) and not lifts_a_requirement(clause):
        return True
    return _unnegated(clause, text, _MUST) and bool(KEPT_INSIDE.search(text))


def lifts_a_requirement(clause: Clause) -> bool:
    """Whether the clause negates a data requirement outright ("the data doesn't have to stay
    in-house", "residency isn't a constraint"): permission even where a reader saw a ban."""
    text = clause.text
    if _standing_ban(clause, text) or not DATA_LEAVING.search(text):
        return False
    return any(clause.negated_at(m.start(), text) or _after_no(text, m.start()) for m in _REQUIREMENT.finditer(text))


# The parts of a clause a comma or a "but"/"and"/"so" separates.
_SEGMENTS = re.compile(r"(?:[^,;]+?)(?=\s*(?:[,;]|\bbut\b|\band\b|\bso\b)|$)|[,;]", re.IGNORECASE)


def _near_citing(text: str, requirement: re.Match) -> bool:
    """Whether a requirement word is about citing: a citation word near it, or none in the clause at
    all (a short answer to the question). "no need for citations, it just needs to produce a config
    that parses": the second "needs" requires the config, not the sources."""
    citing = list(_CITING.finditer(text))
    if not citing:
        return True
    segment = next((m for m in _SEGMENTS.finditer(text) if m.start() <= requirement.start() < m.end()), None)
    return segment is None or any(segment.start() <= m.start() < segment.end() for m in citing)


def _unnegated(clause: Clause, text: str, pattern: re.Pattern) -> bool:
    return any(not clause.negated_at(m.start(), text) and not (pattern is _PERMIT and _JUDGES_OUTPUT.search(text[: m.start()]))
               for m in pattern.finditer(text))


# "ok" said of what a model wrote judges its quality, not where data may go: "I tried once with
# ChatGPT and it was ok-ish", "the results were fine".
_JUDGES_OUTPUT = re.compile(
    r"\b(?:it|results?|outputs?|quality|answers?|drafts?|that|they|which)\s+(?:was|were|is|are|'s|looked|seemed|seems|looks|came out)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _after_no(text: str, position: int) -> bool:
    """ "no residency rule", "there's no ban on": a requirement word a "no" stands right before."""
    return bool(re.search(r"\b(?:no|without|zero)\s+(?:\w+\s+){0,2}$", text[:position], re.IGNORECASE))


# A provider by name: the exception a ban may make ("... Azure OpenAI is on that list though").
_NAMED_PROVIDER = re.compile(r"\b(?:openai|anthropic|claude|gpt\S*|gemini|bedrock|azure|vertex|mistral|cohere)\b", re.IGNORECASE)


def names_an_allowed_provider(clause: Clause, asked: str | None = None) -> bool:
    """Whether the clause allows a provider by name, with no ban standing in it: the exception that
    follows a ban ("forbid sub-processors outside our approved list - Azure OpenAI is on that list")."""
    return bool(_NAMED_PROVIDER.search(clause.text)) and not bans(clause) and permits("data_residency", clause, asked)

