"""Reading slot values from a clause: how often knowledge changes, the yes/no facts (citations,
tenancy, format, persona, latency, residency, cost, eval set, documents) and model names."""

from __future__ import annotations

import re

from agent.understand.bill import COST_IS_THE_PROBLEM, cost_verdict
from agent.understand.conditions import demanded, negates_the_judging
from agent.understand.shapes import CLAUSE_BREAK, NEGATION, UNSURE
from agent.understand.output_format import format_verdict
from agent.understand.relaxed import relaxed
from agent.understand.topics import ABOUT_THE_ADVICE
from tools.profile import DECISION_FLAGS



_NOT_NEEDED = (
    r"(?:really |that |very |too |particularly |super |especially |all that )?"
    r"(?:needed|required|necessary|important|critical|crucial|essential|relevant|a (?:concern|requirement|priority|problem|must|big deal|factor|constraint|need)|"
    r"an (?:issue|requirement|concern|problem)|"
    # what nobody will see or ask for: "citations aren't shown to customers", "sources are never looked at"
    r"shown|displayed|surfaced|expected|wanted|asked for|looked at|read by anyone)"
)


# "latency isn't critical", "citations are not needed", "tone doesn't matter", "latency is fine".
_NEGATED_AFTER = re.compile(
    r"^[^.,;!?]{0,12}?\b(?:(?:(?:is|are|'s|'re|was|were)\s+)?(?:not|never) " + _NOT_NEEDED + r"|(?:isn'?t|aren'?t|wasn'?t) " + _NOT_NEEDED + r"|"
    r"unnecessary|optional|irrelevant|(?:doesn'?t|don'?t|does not|do not) (?:really )?(?:matter|apply)|"
    r"no problem|(?:is|are) (?:fine|ok|okay|acceptable)|nice to have|(?:barely|hardly|scarcely|doesn'?t really|don'?t really|not really) (?:matters?|counts?|an issue))\b|^\s*[,:]?\s*(?:no|nope|nah|none)\b"
    # (not "label, no documents involved": a "no" before another noun states something else)
    r"(?!\s+(?!yet\b|really\b|at all\b|thanks\b|not\b|sadly\b|unfortunately\b|so far\b)[a-z]{3,})",
    re.IGNORECASE,
)


# A negation of what the model can do states a gap, not its absence: "it doesn't know our taxonomy's
# terminology", "no base model has seen this DSL", "the model can't hold our schema".
_LACKS = re.compile(
    r"\b(?:doesn'?t|does not|don'?t|do not|can'?t|cannot|can not|never|won'?t|fails? to|unable to|struggles? (?:to|with))\s+(?:\w+\s+)?"
    r"(?:know|understand|speak|hold|follow|produce|handle|get|learn|master|recogni[sz]e|seen|see|output|write|generate|respect|stick to|keep)s?\b"
    r"|\b(?:no|none of the|not one)\s+(?:\w+[\s-]+){0,2}?models?\s+(?:has|have|had|can|could|knows?|understands?)\b",
    re.IGNORECASE,
)


# What an answer is called when the team asks where it came from.
_OUTPUT_SUBJECT = (
    r"(?:it|they|that|this|(?:the |an? |each |every )?(?:answers?|suggestions?|solutions?|recommendations?|repl(?:y|ies)|responses?|"
    r"information|info|facts?|claims?|statements?|advice|guidance|figures?|numbers?|fix(?:es)?|steps?|resolutions?|results?|instructions?|doses?))"
)
# "each customer call", "every client email": one of many interactions, no data that is each one's own.
_NOT_AN_INSTANCE = (
    r"(?![- ](?:contacts?|calls?|emails?|chats?|tickets?|messages?|interactions?|requests?|orders?|complaints?|conversations?|"
    r"sessions?|visits?|inquir(?:y|ies)|enquir(?:y|ies)|reviews?|questions?|queries|replies|cases?|claims?|transactions?|meetings?|appointments?|notes|files?|records?|letters?|reports?|summar(?:y|ies)|onboarding|intake)\b)"
)
# Shown to another party: "District A's material can't show up for district B", "never appears to another school",
# "merchant A's data showing up on merchant B's store", "client A's rates must never reach client B".
_SHOWN_TO_ANOTHER = r"(?:\breach(?:es|ed|ing)?\s+\w+ (?-i:[A-Z0-9])\b|\b(?:show(?:s|ing)? up|appears?|surfaces?|turns? up|ends? up|be (?:seen|visible|shown))\s+(?:for|to|in|at|on)\s+(?:another|other|a different|the other|\w+ (?-i:[A-Z0-9])\b|(?-i:[A-Z])\w+ (?-i:[A-Z])\w+))"
# Where the answers are said to come from, which is the corpus whatever it is called: "answers come
# from fare rules + baggage policy", "answers must come from our curriculum" (not from the user's own
# input: "the answer comes from the transcript").
# Words that hand the model its input with each request: "(the product sheet) we paste in", "(the
# notes) the agent types".
PASTED_IN = (r"(?:that |which )?(?:we|they|you|i|people|staff|(?:the |our )?(?:users?|clients?|customers?|agents?|reps?|callers?|requesters?))\s+"
             r"(?:paste|type|send|attach|feed|supply|fill|enter|copy|hand)\w*\b")
_NOT_A_CORPUS = (
    r"(?!(?:the |their |its |each |every |a |an |our )?(?:model|llm|users?|customers?|callers?|"
    r"questions?|inputs?|prompts?|transcripts?|emails?|tickets?|brief|message|conversation|chat|form|document itself|experience|own knowledge|memory)\b)"
    # what the user hands over with each request is its input: "from the product sheet we paste in"
    r"(?!(?:[\w-]+ ){0,4}?" + PASTED_IN + r")"
)
ANSWERS_FROM = (
    r"\b(?:answers?|responses?|replies|info(?:rmation)?|facts) (?:\w+ ){0,2}?(?:come|comes|coming|be (?:drawn|taken|pulled|grounded|based)|"
    r"(?:is|are) (?:drawn|taken|pulled|grounded|based)) (?:from|on|in) " + _NOT_A_CORPUS
    # "an assistant that answers those questions from our disclosure log", "drawing on our listings database"
    + r"|\b(?:answers?|answering|responds?|responding|repl(?:y|ies|ying))\s+(?:[\w-]+\s+){0,3}?(?:from|using|out of) (?:our|the|their|its) " + _NOT_A_CORPUS
    + r"|\bdraw(?:s|ing)? (?:only )?(?:on|from) (?:our|the|their|its) " + _NOT_A_CORPUS
    # "Answers are in the zoning bylaw, the building code bulletins and our fee schedule"
    + r"|\b(?:answers?|info(?:rmation)?|facts|(?:the|that) info) (?:are|is|live|lives|sit|sits) (?:all )?in (?:the|our|their) " + _NOT_A_CORPUS
    # a pasted line naming the data: "Data = our MLS feed + internal listing notes"
    + r"|\b(?:data|knowledge|sources?|content)\s*(?:=|:)\s*(?:our|the|their)\s+" + _NOT_A_CORPUS
)
KEYWORDS: dict[str, re.Pattern] = {
    slot: re.compile(pattern, re.IGNORECASE)
    for slot, pattern in {
        "needs_citations": r"\bcit(?:e|es|ing|ation|ations)\b|(?<!open )(?<!open-)(?<!data )(?<!based on )(?<!by )(?<!lead )(?<!traffic )(?<!referral )(?<!power )(?<!heat )(?<!energy )(?<!income )(?<!funding )(?<!light )\bsources?\b(?! (?:code|material|materials|data|text|content|system|systems|of truth|files?|language))|\bsource attribution\b|\breferences\b(?! (?:programs?|implementations?|answers?|outputs?|solutions?|examples?|data|designs?))|\breferenc(?:e|es|ing) (?:the|its|their|a|an)\b|\b(?:be|are|is|gets?|being) (?:clearly |always |properly )?(?:referenced|cited|footnoted|sourced)\b|\blinks?\s+(?:back\s+)?(?:to\s+)?(?:the|their|its|each|every|them|it)\b|\blinking\b|\btraceab\w*|\bprovenance\b|\bverifiab\w*|\bfootnotes?\b"
        # "get the clause quoted", "quote the section of code it relies on": the source's words in the answer
        r"|\bquot(?:e|es|ing)\s+(?:the|its|their|a|an|each|every)\s+(?:\w+\s+)?(?:section|clause|paragraph|passage|article|page|rule|line|source|policy wording)s?\b"
        r"|\b(?:clause|section|passage|paragraph|article|rule|wording)s?\s+(?:it )?(?:quoted|cited)\b"
        # "every claim needs a reference to the label or study", "each answer must carry the advisory ID"
        r"|\b(?:needs?|must (?:have|carry|include|give)|has to (?:have|carry|include|give)|requires?) (?:a |an |the )?(?:reference|pointer|link|citation|source)\b(?!\s+(?:implementation|architecture|design|customer|check|data|model|example|solution|build|point|call|letter)s?\b)"
        r"|\b(?:need|needs|must (?:have|carry|include|show)|has to (?:carry|include|show)) the (?:\w+ )?(?:id|number|reference|section|clause|article|paragraph|page) (?:or [\w ]{1,20} )?(?:in|with|on) (?:the|each|every) (?:answer|reply|response|output)s?\b"
        r"|\b(?:which|what) [\w-]+ (?:the|an?|each|every) [\w-]+ (?:came|comes|come|was taken|is taken) from\b"
        # "people need the bylaw number so they can check it themselves"
        r"|\b(?:need|needs|want|wants|must (?:see|have|get)|has to (?:show|give))\s+(?:to see\s+)?the\s+(?:[\w-]+\s+)?(?:number|reference|ref|id|section|clause|article|paragraph)s?\b[^.;]{0,40}\b(?:check|verify|look (?:it|them) up|confirm)\w*"
        # "answers with a reference to the note", "quote the bit of guidance it relied on", "see which library clause it started from"
        r"|\b(?:with|plus|including)\s+(?:a |an |the )?(?:reference|pointer|link)s?\s+(?:back\s+)?to (?:the|its|their|each|a|an)\b"
        r"|\b(?:it|they|the (?:model|bot|answer|draft)s?)\s+(?:relied|relies|rely|drew|draws|was based|is based)\s+on\b"
        r"|\bwhich\s+(?:[\w-]+\s+){0,2}?(?:clause|section|document|source|template|article|paragraph|note|page|policy|rule|precedent)\s+(?:it|they|the (?:draft|answer))\s+(?:started|came|was built|worked|drew)\s+(?:from|on)\b"
        # "the rule along with the notice number it comes from", "see which tariff ruling each code came from", "the bulletin number shown"
        r"|\b(?:numbers?|references?|ids?|sources?|documents?|sections?|pages?|bulletins?|notices?|rulings?|rules?|contracts?|regulations?)\s+(?:it|they|each [\w-]+|the [\w-]+|an? [\w-]+)\s+(?:comes?|came|is coming)\s+from\b"
        r"|\b(?:[\w-]+ )?(?:number|reference|ref)s? shown\b"
        # "every answer needs to say which formulary entry it used"
        r"|\b(?:say|says|show|shows|state|states|tell|name|names)\s+(?:us\s+|them\s+)?which\s+[\w-]+(?:\s+[\w-]+)?\s+(?:it|they)\s+(?:used|relied on|relies on|came from|drew on|is based on)\b"
        # "open the datasheet the answer came from"
        # (a noun before it, not a statement of the input: "All the facts come from the repair order")
        r"|\b(?!(?:all|and|but|so|because|since|as|then|when|while|if|that|where|both|most|some)\b)[\w-]+ (?:the|an?|each|every) (?:answers?|repl(?:y|ies)|responses?|figures?|numbers?|claims?|doses?|facts?|recommendations?|rates?|prices?) (?:came|comes|come|is coming|was taken|is taken) from\b"
        r"|\b(?:where|which [\w-]+|what [\w-]+|(?:paragraph|page|section|document|doc|source|passage|clause|article|line|spot|file|wording|text|regulation|rule|notice|guideline|policy|revision|version|entry|number)s?)\s+(?:it|they|an? answers?|the answers?|each answer|every answer|answers|a claim|each claim|every claim|(?:an?|the|each|every) (?:dose|figure|number|fact|step|instruction|recommendation|value|rate|price))\s+(?:came|comes|come|is coming|was taken|is taken)\s+from\b"
        # "say which bulletin it got the answer from", "which page it took that from"
        r"|\b(?:which|what|where)\s+(?:[\w-]+\s+)?(?:it|they|the model|the bot)\s+(?:got|gets|took|takes|found|finds|pulled|pulls)\s+(?:the |its |an? |that |this )?(?:answer|info\w*|figure|number|fact|dose|rate|rule)?s?\s*from\b"
        # Provenance asked for in other words: "see which protocol line the suggestion came from", "show
        # from which document they are coming", "the waiver reference it's relying on", "what policy it's based on"
        rf"|\b(?:where|which|what)(?:,?\s+[\w'-]+){{0,6}}?,?\s+{_OUTPUT_SUBJECT}\s+(?:is |are |was |were |'s )?(?:came|comes|come|coming|originat\w+)\s+from\b"
        rf"|\b(?:which|what)(?:\s+[\w'-]+){{1,4}}?\s+{_OUTPUT_SUBJECT}\s+(?:is|are|was|were|'s)\s+(?:from|based on|taken from)\b"
        rf"|\bfrom (?:which|what)(?:\s+[\w'-]+){{1,4}}?\s+{_OUTPUT_SUBJECT}\s+(?:is |are |was |were )?(?:coming|come|came|comes)\b"
        r"|\b(?:which|what|the)(?:\s+[\w'-]+){1,4}?\s+(?:it'?s|it is|they'?re|they are|the answer is|each answer is|the suggestion is)\s+(?:based on|relying on|drawn from|taken from|pulled from|grounded in)\b"
        # a reference wanted in the answer, or said by what it is for: "the bulletin reference should be in
        # the reply", "so the auditor can check the source"
        r"|\b(?:reference|ref|citation|source|link)s?\s+(?:number\s+)?(?:should|must|needs? to|has to|have to|ought to)\s+(?:be\s+)?(?:in|on|at|shown|included|given|attached|appear|printed)\b"
        r"|\bso (?:that )?(?:\w+ ){0,2}(?:can|could) (?:check|verify|find|go (?:back )?to|look up) the (?:source|original|document|passage)\b"
        # "it shows the leaflet name", "each answer gives the SOP number"
        r"|\b(?:shows?|gives?|names?|includes?|quotes?|carr(?:y|ies))\s+(?:the\s+)?(?:leaflet|document|doc|source|policy|page|article|sop|guideline|manual|bulletin|circular|regulation|standard)\s+(?:name|title|number|id|reference|version)\b"
        # "need links", "no need to link sections"
        r"|\b(?:need|needs|want|wants|with|require[sd]?|must (?:have|include))\s+(?:source |clickable )?links\b|\blink(?:s|ing)? (?:to )?(?:the )?(?:sections?|pages?|sources?|docs?|articles?|clauses?)\b"
        # "point the student to the regulation number it relies on", "must give the catalogue reference"
        r"|\bpoint(?:s|ing)? (?:\w+ ){1,3}?to (?:the |a )?(?:[\w-]+ )?(?:regulation|rule|section|clause|article|paragraph|page|source|document|reference|policy|statute)s?\b"
        r"|\b(?:give|gives|show|shows|include|includes|state|states|name|names)\s+(?:the |its |a )?(?:[\w-]+ ){0,2}?(?:reference|ref|citation|section number|clause number|regulation number|rule number|entry number|page number)s?\b"
        # "the answer plus the manual page or SOP number"
        r"|\b(?:answers?|repl(?:y|ies)) plus (?:the |its )?(?:[\w-]+ )?(?:pages?|numbers?|sections?|references?|sources?|links?)\b"
        r"|\bpoints? (?:back )?to (?:the )?(?:exact |specific |original |relevant |underlying |actual |current |right |correct )?(?:[\w-]+ )?(?:section|page|article|doc|document|source|notice|passage|paragraph|clause|judgment|ruling|policy|guideline|protocol|sheet)s?\b",
        "multi_tenant": r"\bmulti[- ]?tenan(?:t|cy|ted)\b|"
        # another party's material given out, or each party with its own: "answered a member with another credit
        # union's fee schedule", "14 of them are live, each with their own fee schedules, rate sheets and policies"
        r"\b(?:another|a different|the wrong|someone else'?s|other)\s+(?:[\w-]+\s+)?[\w-]+'s\s+(?:[\w-]+\s+)?(?:data|docs|documents|fees|fee schedules?|catalog(?:ue)?s?|files|records|prices|price lists?|policies|contracts|rates|rate sheets?|info\w*|content)\b|"
        r"\beach (?:with|having|has|keeps?) (?:its|their) own (?:[\w-]+\s+)?(?:data|docs|documents|fees|fee schedules?|catalog(?:ue)?s?|files|records|prices|price lists?|policies|contracts|rates|rate sheets?|knowledge ?base|kb)\b|"
        # one party seeing another's, said as the harm: "a CU seeing another CU's fees would end our business"
        r"\b(?:a|one|any)\s+[\w-]+\s+(?:seeing|getting|reading|accessing|viewing|finding)\s+(?:another|a different|the other|other)\s+[\w-]+(?:'s|s')|"
        # "the client's own ledger", "each firm's own documents": data that belongs to one customer
        rf"\b(?:the |each |every |a )?(?:customer|client|tenant|retailer|brand|account|merchant)(?:'s|s') own (?:data|docs|documents|records|ledgers?|files|policies|handbooks?|catalog(?:ue)?s?|contracts|accounts|history|knowledge|content)\b|\bper[- ](?:customer|tenant|client|org|organi[sz]ation|account)\b(?![- ](?:segments?|types?|groups?|tiers?|cohorts?|personas?|journeys?))|\beach (?:customer|tenant|client|org|organi[sz]ation)\b{_NOT_AN_INSTANCE}|\bevery (?:customer|tenant|client)\b{_NOT_AN_INSTANCE}|\btenants\b(?![^.;]*\b(?:evict\w*|landlords?|rent(?:al|ed|ing|s)?|leases?|housing|apartments?|flats?|propert(?:y|ies)|buildings?|deposits?)\b)(?!'?[- ](?:facing|ask|call|report|submit|send|raise|file|request|complain|maintenance|repair|rent|lease|complaint|question|inquir|enquir|message|email|ticket|issue)\w*)"
        # "ethical walls", "matter A must never see matter B", "each matter's docs are walled off"
        r"|\b(?:ethical|chinese|information) walls?\b|\bwalled off\b|\b(?:must|can|should|may|shall) (?:never|not) (?:ever )?(?:see|access|read)\b(?=[^.;]{0,40}\b(?:of|from|belonging to|for)\b)|\b(?:must|can|should|may) never (?:ever )?see\b|\bnever see each other'?s\b"
        r"|\b(?:mustn'?t|can'?t|shouldn'?t|cannot|must not|may not) (?:ever )?(?:see|access|read)\b(?=[^.;]{0,40}\banother\b)"
        # "the bot of hotel A never show information of hotel B": one customer's data kept from another
        r"|\b(?P<party>[a-z]+)\s+(?-i:A)\b[^.;]{0,60}\b(?:never|not|n'?t|mustn'?t|cannot|no)\b\s+(?:\w+\s+){0,3}?"
        r"(?:show|see|access|leak|get|mix|appear|read|use|quote|mention|expose|return|answer)\w*\b[^.;]{0,50}\b(?P=party)\s+(?-i:B)\b"
        # "districts must not see each other's exemplars", "they can't access one another's files"
        r"|(?:\bnot|\bnever|n't|\bcannot) (?:be able to |ever )?(?:see|access|read|view|get at) (?:each other|one another)'?s\b"
        r"|\b(?:each|every) (?:matter|case|deal|account|project|department|brand|franchise|store|school|hospital|site)'?s (?:own )?(?:docs|documents|data|files|records|content)\b"
        # "each one has its own rate sheets", "each school keeps its own policies": knowledge per organisation
        # "a user at one agency got an answer quoting another agency's commission schedule"
        r"|\b(?:quot\w*|show\w*|saw|seen|see|got|gave|leak\w*|mix\w*|return\w*|reveal\w*|told)\b[^.;]{0,30}\banother (?:customer|client|agency|firm|company|tenant|school|hotel|merchant|store|shop|brand|practice|clinic|hospital|branch|office|district|council|landlord|account|institute|employer|org\w*)'?s\b"
        r"|\b(?:each|every) (?:one|[a-z]+) (?:has|keeps|maintains|sets|writes|uses|uploads|manages|owns|brings|sends) (?:its|their) own (?:[\w-]+ ){0,2}?(?:rate sheets?|fee schedules?|price lists?|prices|rates|terms|rules|menus|listings|procedures|policies|documents|docs|data|catalog\w*|wordings?|schedules|files|content|materials?|handbooks?|manuals?|contracts?)\b"
        # "30 credit unions; each one's fee schedules", "each council's own rules": knowledge per organisation
        r"|\beach (?:one|firm|bank|credit union|union|agency|company|council|authority|university|practice|insurer|carrier|dealer|distributor|partner|operator|district|municipality|tenant|client|customer)'s (?:own )?"
        r"(?:[\w-]+ ){0,2}?(?:fee schedules?|price lists?|prices|rates|terms|rules|policies|products|catalog(?:ue)?s?|menus|documents|docs|data|files|records|contracts|listings|content|knowledge ?base|handbooks?|procedures|timetables)\b"
        # "our Azure tenant", "the M365 tenant": the team's own cloud account, not its customers
        r"|(?<!our )(?<!own )(?<!azure )(?<!openai )(?<!aws )(?<!gcp )(?<!cloud )(?<!entra )(?<!m365 )(?<!365 )(?<!microsoft )(?<!office )(?<!google )(?<!workspace )(?<!eu )(?<!us )(?<!uk )(?<!eea )(?<!emea )(?<!regional )(?<!prod )(?<!production )(?<!corporate )(?<!company )\btenant\b"
        # a renter's request is no tenancy: "tenant maintenance requests", "tenant screening"
        r"(?![- ](?:maintenance|repairs?|rent|leases?|screening|applications?|portal|complaints?|requests?|questions?|inquir\w*|communications?|messages?|emails?|notices?|tickets?|issues?)\b)"
        # (not a place: "any data leaving their own data center")
        r"|\b(?:their|its) own (?:private |separate |proprietary |confidential )?(?:[\w-]+ )?(?:data|docs|documents|knowledge ?base|files|contracts|catalog(?:ue)?s?|content|records|wiki|corpus|articles|policies|products|inventory)\b(?![- ]?(?:cent(?:er|re)s?|rooms?|halls?|facilit\w+|premises|servers?|cloud)\b)"
        r"|\b(?:is|are) (?:their|its) own\b|\bonly (?:ever )?(?:see|sees|access|accesses|get|gets|query|queries|search|searches) (?:their|its) own\b|\bleak\w* (?:in)?to (?:another|other|a different)\b|\banother (?:customer|tenant|client|firm|retailer|company|org\w*|brand|account)'s\b"
        # "it answers from THEIR employer's handbook": each customer's own documents
        r"|\b(?:their|each|every)\s+(?:own\s+)?(?:employer|company|customer|client|firm|school|hospital|store|org\w*|tenant|account)'s\s+(?:own\s+)?(?:handbooks?|docs|documents|polic(?:y|ies)|data|files|content|kb|knowledge ?base|wiki|records|contracts|catalog(?:ue)?)\b"
        # "nothing can ever cross between firms", "client data must never mix": kept apart from each other
        r"|\b(?:cross\w*|leak\w*|mix\w*|bleed\w*|flow\w*|mov\w*)\s+(?:over\s+)?(?:between|across)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:firms|clients|customers|tenants|matters|companies|accounts|brands|retailers|schools|hospitals|orgs|organi[sz]ations)\b"
        # "every matter is a different client", "ethical walls between clients"
        r"|\b(?:each|every) \w+ (?:is|belongs to|has) (?:a )?(?:different|separate|its own) (?:client|customer|tenant)\b|\b(?:ethical |chinese )?walls? between (?:them|clients|customers|matters|tenants)\b"
        # "a member of one credit union ... got another credit union's fee schedule", "have to stay in their own lane"
        r"|\b(?:got|saw|was shown|were shown|received|was given|were given)\s+(?:another|a different|the other)\s+[\w-]+(?:\s+[\w-]+)?(?:'s|s')\s"
        r"|\bstay in (?:their|its) own lane\b"
        rf"|{_SHOWN_TO_ANOTHER}",
        "output_format_gap": r"\b(?:strict |valid |exact |specific )?json\b|\bschemas?\b|\bstructured output\w*|\b(?:strict|specific|exact|rigid|fixed) (?:format|template|structure)\w*|\bformat(?:ting)?\b|\bdsl\b|\bterminology\b|\bvocabulary\b|\bjargon\b|\bxml\b|\bdomain(?:-specific)? language\b|\bsyntax\b"
        # A model that invents the vocabulary or breaks the format, in plain words.
        r"|\b(?:mak\w* up|invent\w*|hallucinat\w*|made[- ]up)\b[^.;]{0,40}\b(?:names?|categor\w*|labels?|codes?|functions?|fields?|ids?|terms?|keywords?|tags?|classes|values?|apis?|methods?|calls?)\b"
        r"|\b(?:categor\w*|labels?|codes?|tags?|classes|taxonomy|values?)\b[^.;]{0,40}\b(?:that|which) (?:aren'?t|are not|don'?t|do not|isn'?t|is not) (?:in|on|part of|exist|valid)\b|\b(?:won'?t|don'?t|doesn'?t|do not|does not|never|fails? to|failing to) (?:parse|compile|validate|load|render)\b|\bfail\w* (?:validation|to parse|schema)\b|\binvalid (?:json|xml|yaml|output|sql)\b"
        r"|\b(?:follow\w*|stick\w* to|respect\w*|fill\w*|keep\w* to) (?:our|the) (?:[\w-]+ )?(?:template|layout|style guide)s?\b|\bverbatim\b|\bword[- ]for[- ]word\b",
        "persona_consistency": r"\b(?:stops?|starts?|begins?) (?:\w+ing \w+ (?:words )?and )?(?:sounding|talking|speaking|acting|behaving) like\b|\bno longer (?:sounds|talks|speaks|acts) like\b"
        # a voice that must not break: "characters must never break voice", "each NPC has a strict voice"
        r"|\b(?:must|should|can'?t|cannot|may not|never|mustn'?t|not)\s+(?:ever\s+)?break\w*\s+(?:voice|character|persona|tone|role)\b"
        r"|\b(?:has|have|with|needs?|wants?)\s+(?:a |its |their |his |her )?(?:very |really |super )?(?:strict|distinct(?:ive)?|fixed|signature) (?:voice|persona|tone|way of (?:talking|speaking))\b"
        # a role forgotten: "after 15 messages the bot forgets it's supposed to be a pirate"
        r"|\b(?:forgets?|forgot|forgetting|loses?|lost|losing|drops?|dropped)\s+(?:that\s+)?(?:it'?s|it is|it was|its|who it is|what it is|the|their|her|his)\s*(?:supposed to be|meant to be|role|persona|character|voice|personality|tone|identity)\b"
        # the voice wanted, and what comes out instead: "our brand voice is playful and it comes out stiff"
        # ("we've tried putting my brand guide into the prompts and it still comes out generic and corporate")
        r"|\b(?:voice|tone|persona|style|brand(?: guide| book| voice)?)\b[^.;]{0,60}\b(?:comes? out|ends? up|reads?|sounds?|turns? out)\s+(?:\w+\s+)?(?:stiff|robotic|bland|flat|corporate|generic|formal|wooden|cold|dry|off|wrong|clinical|preachy|cheesy)\b"
        # "ChatGPT keeps sounding like a fitness influencer", "every third reply sounds like a bank"
        r"|\bkeeps? sounding like (?:a|an|every|some)\b|\bsound(?:s|ing)? like (?:a|an) (?:bank|corporation|call cent(?:re|er)|brochure|press release|salesperson|sales rep|advert|ad|influencer|chatbot)\b"
        # "has to stay Max even 50 messages in": a character held over a long conversation
        r"|\b(?:stay|keep|remain|hold)\w*\b[^.;]{0,30}\b(?:even )?(?:\d+|many|dozens of|hundreds of) (?:messages|turns|replies|exchanges) (?:in|into)\b"
        # "they need to sound like each rep", "has to sound like us"
        r"|\b(?:needs?|has|have|must|should|got)\s+to\s+(?:sound|talk|speak|write|act)\s+like\b|\b(?:should|must|ought to)\s+(?:sound|talk|speak|act)\s+like\b|\bmascot\b|"
        # "the problem is voice", "the hard part is the tone"
        r"\b(?:problem|issue|trouble|pain|hard part|catch)\s+(?:is|was)\s+(?:the\s+)?(?:voice|tone|persona|character|personality)\b|\binstead of (?:our|the brand'?s?|their) (?:own )?(?:voice|tone|style)\b|"
        # "keeps sliding back into generic customer service speak"
        r"\b(?:slid\w*|slips?|slipping|revert\w*|falls?|falling|drifts?|drifting)(?: back)? (?:into|to) (?:generic|corporate|bland|robotic|default|standard|formal|(?:[\w-]+[- ]){0,2}speak\b|['\"‘“])|\bto sound (?:\w+ )?like (?:us|our \w+|the brand|themselves)\b|\b(?:sound|talk|speak|write)(?:s|ing)? like (?:us|our \w+|each \w+|the (?:rep|agent|author|sender|brand))\b"
        r"|\bsound(?:s|ing)? like a (?:textbook|robot|manual|lawyer|machine|different (?:person|bot))\b|\bout of character\b|\bdrifts? (?:out of|away from) (?:the |its |his |her )?(?:persona|character|voice|tone|role)\b"
        r"|\b(?:loses|lost|losing) (?:its|his|her|the) (?:voice|tone|personality|character)\b|\bpersona\b|\bpersonality\b|\btone\b|\bin[- ]character\b|\bcharacter\b(?![- ](?:limits?|counts?|caps?|lengths?|max\w*|encoding|sets?|recognition)\b)|\bbrand voice\b|\bon[- ]brand\b|\b(?:consistent|our|same|distinct|specific|its) voice\b(?![- ](?:bots?|agents?|assistants?|channels?|interfaces?|apps?|calls?|lines?|ivr|ordering|ai)\b)|\b(?:one|a) (?:consistent|steady|stable|single),? (?:[\w-]+ )?(?:voice|tone)\b|\bour (?:[\w-]+[ -]){1,2}voice\b(?![- ](?:bots?|agents?|assistants?|channels?|interfaces?|apps?|calls?|lines?|ivr|ordering|ai|notes?|memos?|mail)\b)|\b(?:voice|tone)\s+(?:to be\s+|to stay\s+|kept\s+)?consistent\b|\bour (?:established|own|house|usual|trademark|signature) voice\b|\bhouse style\b|\bstay in role\b"
        # a manner that gives way: "it has to stay socratic", "the model caves as soon as a kid says 'just tell me'"
        r"|\b(?:stay|remain|keep it|be)\s+(?:socratic|in role|on script|in persona|patient|encouraging|deadpan|sarcastic|sassy|grumpy|formal|playful|neutral|empathetic)\b"
        r"|\b(?:caves?|caved|caving|gives? in)\s+(?:as soon as|when|whenever|the moment|to|under|immediately)\b|\bbreaks? (?:role|character|the act)\b"
        # voices that do not differ, or the wrong voice: "the characters all sound the same", "the
        # grumpy dwarf talks like a customer service agent"
        r"|\b(?:characters?|npcs?|personas?|mascots?|bots?|agents?|voices?|repl(?:y|ies)|answers?|responses?|outputs?|they|it|assistants?|tutors?|models?|messages?|heroes|villains|cast|avatars?|companions?|hosts?)\s+(?:\w+\s+)?(?:all |both )?(?:sound|talk|speak)(?:s|ing)? (?:the same|alike|identical|samey|interchangeable|generic|bland)\b"
        r"|\b(?:talks?|sounds?|speaks?|writes?|comes? across) like (?:a |an )?(?:customer service|support|call[- ]cent(?:er|re)|corporate|generic|chatbot|bot|robot|press release|[\w-]+ (?:agent|assistant|rep))\b"
        r"|\b(?:stops?|stopped|stopping) being (?:playful|friendly|funny|cheerful|formal|casual|warm|polite|chatty|empathetic|witty|upbeat|kind|calm)\b",
        "latency_sensitive": r"\blatency\b|\btoo slow\b|\b(?:a bit|a little|kinda|kind of|somewhat|rather|quite|pretty|really|very|way|painfully|annoyingly) slow\b|\b(?:is|are|it'?s|that'?s|feels?|seems?|gets?|got|runs?) (?:(?!not\b|never\b|n't\b)\w+ ){0,2}slow(?:er)?\b(?![- ](?:changing|moving|to|down|burn\w*|roll\w*|release\w*|paced))|\breal[- ]?time\b|\bsub[- ]?second\b|\b(?:under|within|below) (?:a|one|1) second\b|\b(?:under|within|below) \d+ ?(?:ms|milliseconds)\b|\bvoice (?:agent|assistant|bot|app|interface|calls?|channel|product)s?\b|\b(?:live|during (?:the |a )?|on (?:the |a )?|real[- ]time )phone calls?\b|\bsnappy\b|\binstant(?:ly|aneous)?\b|\blow[- ]latency\b|\bttft\b|\btime to first token\b|\bfast (?:responses|answers|replies)\b|\bresponse times?\b"
        # speed wanted or an SLA missed: "we need it cheaper and faster", "which drags on our intake SLA"
        r"|\bneeds? (?:it|them|this|that|answers|responses|replies)? ?(?:(?:a lot|much|way) )?(?:\w+ and )?faster\b|\b(?:drags? on|hurts?|breach\w*|miss(?:es|ing)?|blows?) (?:our |the )?(?:\w+ )?slas?\b"
        # Where a wait is felt without the word latency: typing, a checkout, an abandoned page.
        r"|\bkeep up with (?:typing|the (?:user|caller|speaker|conversation))\b|\bas (?:they|the user|you|people) types?\b|\bautocomplete\b|\btype[- ]?ahead\b|\bcheckout (?:flow|page)\b|\b(?:critical|hot) path\b"
        r"|\b(?:abandon\w*|bounce\w*|drop(?:s|ped)? off|give up|hang up)\b[^.;]{0,40}\b(?:takes?|wait\w*|longer than|more than)\b",
        "data_residency": r"\bcan'?t leave\b|\bcannot leave\b|\bnothing (?:can |may )?leaves?\b|\bcan not leave\b|\bnever leaves?\b|\b(?:data|it|everything|records|information|pii)\s+(?:must|has to|needs to|have to|should) (?:stay|remain) (?:on|in|within|inside) (?:the |our |its |their )?(?:own )?(?:prem\w*|house|data ?cent(?:er|re)s?|network|vpc|country|eu|region|infra\w*|servers?|hardware|environment|tenancy|building|firewall|walls)\b|\bon[- ]?prem(?:ise|ises)?\b|\bair[- ]?gapped\b|\bhipaa\b|\bgdpr\b|\b(?:zero|no) (?:customer )?(?:data )?egress\b|\bdata residency\b|\bdata sovereignty\b|\bsovereign\b|\bself[- ]?host(?:ed|ing)? only\b|\bmust (?:be )?self[- ]?host\w*|\b(?:can'?t|cannot|not allowed to|forbidden to|may not) (?:send|use|call|share) [^.,;]{0,30}(?:external|hosted|third[- ]party|cloud|openai|anthropic|apis?|vendors?)\b|\bno (?:external|third[- ]party|hosted|cloud|commercial|public) (?:apis?|llms?|providers?|vendors?|endpoints?|clouds?|models?|services)\b|\bitar\b|\bfedramp\b|\bclassified\s+(?:data|documents?|info\w*|material|records|files|networks?|systems?|environments?|work|programs?|projects?|contracts?|cases?|sites?|facilit\w+)\b|\b(?:is|are|all|it'?s) (?:highly |strictly )?classified\b(?!\s+(?:into|as|by|in|under|according|using|with|per|automatically|correctly|wrongly|right|wrong|properly))|\b(?:inside|within) our (?:vpc|network|firewall|data ?cent(?:er|re))\b|\b(?:infrastructure|servers?|hardware|systems?|machines) (?:that )?we (?:don'?t|do not) (?:run|own|control|operate|host|manage)\b",
        "top_model_too_costly": r"\btoo (?:expensive|costly|pricey)\b|\bcan'?t afford\b|\bcosts? (?:too much|a fortune)\b|\b(?:paying|spending) (?:way )?too much\b|\btoo much money\b|\b(?:bill|bills|costs?|spend(?:ing)?|invoice)\s+(?:is|are|'s|has been|have been|keeps?)\s+(?:too high|huge|killing|exploding|skyrocketing|out of control|through the roof|painful|getting out of hand)\b|\bunit economics (?:don'?t|do not) work\b|\bburning (?:money|cash)\b|\bover budget\b|\bbreaking the bank\b|\b(?:expensive|pricey|pricy|costly|spendy)\b|\b(?:finance|cfo|leadership|management)\b[^.;]{0,25}\bnot happy\b"
        # "Then our CEO saw the invoice."
        r"|\b(?:ceo|cfo|finance|the board|leadership|my boss|management)\s+(?:saw|noticed|got|looked at|opened|choked on)\s+(?:the |our |that )?(?:\w+ )?(?:invoice|bill)\b"
        # "Our CFO flagged it in the last review", "finance keeps asking why it's that high"
        r"|\b(?:finance|cfo|ceo|leadership|management|the board|procurement|accounting)\s+(?:has |have |keeps? |already )?(?:flagged|questioned|queried|challenged|pushed back on|asking why|asking about)\b"
        # "Procurement says find a cheaper way", "finance has said that can't become the new normal", "stuck paying for the big one"
        r"|\b(?:find|need|want|look for|get) (?:a )?cheaper (?:way|option|model|alternative|route)\b|\bcan'?t become the new normal\b|\bstuck paying\b"
        # "The catch is cost", "the problem is the price"
        r"|\b(?:the )?(?:catch|problem|issue|trouble|downside|hitch|pain point|blocker|snag) (?:is|here is|being) (?:the )?(?:cost|costs|price|pricing|spend|bill|money)\b"
        # "management wants it down a lot", "the CFO wants the bill cut"
        r"|\b(?:finance|cfo|leadership|management|the board|execs?|my boss)\b[^.;]{0,20}\bwants? (?:it|that|this|the (?:bill|cost|costs|spend|invoice)) (?:down|cut|lower|reduced|halved|slashed)\b"
        r"|\b(?:eat\w*|kill\w*|destroy\w*|crush\w*|wip\w* out|squeez\w*)\s+(?:up\s+)?(?:all\s+of\s+)?(?:our|the|my)\s+(?:whole |entire )?(?:\w+\s+)?(?:margins?|profits?|budget)\b"
        # "what we pay OpenAI every month for this is frankly painful", "the bill went to $60k/month"
        r"|\bwhat (?:we|i|the company) (?:pay|spend|are paying|are spending)\b[^.;]{0,50}?\b(?:is|'s|are)\s+(?:\w+\s+)?(?:painful|brutal|insane|crazy|ridiculous|killing us|huge|too (?:much|high)|unsustainable|a problem|hard to justify)\b"
        r"|\b(?:bill|bills|spend|costs?|invoice)\s+(?:has\s+|have\s+)?(?:went|gone|jumped|shot|climbed|grew|grown|rose|risen|ballooned|exploded|doubled|tripled|spiked)\b"
        r"|\b(?:finance|cfo|the budget|leadership)\b[^.;]{0,30}\b(?:won'?t|will not|refuses? to|can'?t) (?:fund|pay|approve|sign off)\b"
        r"|\b(?:spend|cost|costs|bill|invoice|api costs)\b[^.;,]{0,20}\b(?:needs?|has|have) to (?:come|go) down\b|\bbudget cap\b|\b(?:hit|blew|blown|blowing|exceed\w*) (?:through )?(?:our |the )?(?:\w+ )?budget\b"
        # Hardware that cannot hold the model that does the job: "we only have a handful of L4s,
        # can't run a 70B at that volume", "it has to fit the one L4 in the box".
        r"|\b(?:can'?t|cannot|could not|couldn'?t|unable to) (?:run|host|serve|fit|deploy|afford to run)\b[^.;]{0,30}?\b(?:at (?:that|this|our|such|the) (?:volume|scale|traffic|throughput)|on (?:our|the|that|those|these|one|a single|a few|a couple of) (?:[\w-]+ )?(?:box(?:es)?|hardware|gpus?|cards?|machines?|servers?|devices?|budget)|\d+\s?b\b|(?:big|large|huge|frontier)\b)"
        r"|\b(?:only|just) (?:have |got |has |get )?(?:a handful of|a few|one|a single|a couple(?: of)?|two|[1-4]) (?:[\w-]+ )?(?:gpus?|l4s?|t4s?|a10g?s?|cards)\b|\b(?:has|have|with|on) (?:one|a single) (?:l4|t4|a10g?|consumer|small|modest|cheap|old)\b[^.;]{0,8}\b(?:gpus?|cards?)?"
        # Hardware the model in use eats, wanted elsewhere: "it's eating 16 H100s around the clock",
        # "it hogs the whole cluster", "infra is screaming", "other teams want those GPUs back".
        r"|\b(?:eat\w*|hog\w*|ties? up|tying up|max\w* out|monopoli\w*|swallow\w*)\s+(?:up\s+)?(?:all\s+of\s+)?(?:\w+\s+){0,2}(?:gpus?|h100s?|h200s?|a100s?|l40s|cluster|nodes|compute|capacity)\b"
        r"|\b(?:infra|infrastructure|ops|platform|sre)(?: team)?\s+(?:is|are|has been|have been|'s|keeps?)\s+(?:screaming|complaining|pushing back|on fire|furious)\b"
        r"|\b(?:want|wants|need|needs|asking for)\s+(?:those|these|the|our|them)\s+(?:gpus?|h100s?|a100s?|cards|nodes|machines|boxes)?\s*back\b"
        r"|\b(?:new|other) (?:features?|teams?|projects?|workloads?)\s+(?:want|wants|need|needs)\s+(?:those|these|the|our)\s+(?:gpus?|h100s?|a100s?|cards|nodes)\b"
        r"|" + COST_IS_THE_PROBLEM,
        "has_eval_set": r"\b(?:pass(?:es|ed)?|passing) (?:the |our |all )?(?:unit )?tests?\b|"
        # "our test of 1,500 recorded calls shows it matches ... 98% of the time"
        r"\b(?:our|a|the) (?:test|benchmark|evaluation|eval|audit|trial|review) (?:of|on|over|across) (?:about |around |some |~\s*)?\d[\d,.]*k?\s+(?:[\w-]+\s+){0,2}?(?:calls|items|examples|samples|tickets|emails|documents|docs|cases|records|conversations|chats|utterances|messages|claims|invoices|listings|queries|questions|answers|summaries|transcripts|files|orders)\b|"
        # examples marked: "examples marked up", "posts we'd grade it against"; a check run on a count: "we checked it against 1,000 statements"
        # ("nursing QA has 350 reviewed discharge sheets", "Our brand team marked up 400 sample replies against the guide")
        r"\b\d[\d,.]*k?\s+(?:reviewed|graded|labell?ed|approved|annotated|scored|rated|hand-checked|vetted|signed-off)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:sheets|replies|answers|outputs|drafts|letters|examples|samples|responses|summaries|emails|conversations|chats|cases|memos|notes|transcripts|calls|reports|tickets)\b|"
        r"\b(?:marked|labell?ed|graded|scored|rated|annotated|reviewed|judged)(?: up)?\s+(?:about |around |some |over |roughly )?\d[\d,.]*k?\s+(?:[\w-]+\s+){0,2}?"
        r"(?:replies|answers|outputs|drafts|letters|examples|samples|responses|summaries|emails|conversations|chats|cases|memos|notes|transcripts|calls)\b|"
        r"\bexamples?\s+(?:[\w-]+\s+){0,2}?(?:marked|labell?ed|graded|scored|rated)(?: up)?\b|\b(?:grade|score|judge|test)\s+(?:it|them)\s+against\b|"
        r"\b(?:checked|tested|compared|benchmarked|evaluated|validated|scored|measured)\s+(?:it|them|the model|this|that|(?:the |its |their )?[\w-]+)?\s*(?:against|on|over)\s+(?:a (?:set|sample|batch|corpus) of\s+)?(?:about |around |some |over |roughly )?\d[\d,.]*k?\b|"
        # examples the drafts are judged by: "we compare drafts to those", "we check every output against them"
        r"\b(?:compare|compared|comparing|check|checked|checking|test|tested|testing|score|scored|scoring|grade|graded|benchmark\w*|measure\w*|validate\w*)\s+(?:[\w-]+\s+){0,3}?(?:to|against|with)\s+(?:those|them|these|that set|this set)\b|"
        # "150 sections our medical writers finalised": examples people signed off
        # "300 emails she marked as good or bad", "1,500 lines we've checked": a person as the judge too
        r"\b\d[\d,.]*k?\s+(?:[\w-]+\s+){0,2}?(?:(?:that |which )?(?:our|the|their)\s+(?:[\w-]+\s+){0,2}?|(?:that |which )?(?:she|he|they|we|i|someone)(?:'ve|'d|\s+ha(?:ve|s|d))?\s+(?:already\s+)?)"
        r"(?:finali[sz]ed|approved|signed off|wrote|marked|graded|reviewed|corrected|checked|scored|rated|labell?ed|annotated|judged)\b|"
        # "emails marked as good or bad", "answers rated correct or wrong": a verdict per example
        r"\b(?:marked|rated|graded|labell?ed|tagged|flagged|scored)\s+(?:each\s+|them\s+|it\s+)?(?:as\s+)?(?:good|bad|correct|incorrect|right|wrong|pass|fail|acceptable|ok)\s+(?:or|/)\s+(?:good|bad|correct|incorrect|right|wrong|pass|fail|not|unacceptable)\b|"
        # "a 2,500-case gold set", "our golden dataset"
        r"\bgold(?:en)?[- ](?:set|standard|data(?:set)?)\b|\b(?:eval(?:uation)?|test|regression) (?:set|suite)\b|"
        # examples kept to test with: "no test examples", "200 good summaries set aside", "examples put aside"
        r"\b(?:test|eval|evaluation|graded|scored|reference|gold(?:en)?|held-out|holdout) (?:examples|cases|samples|pairs)\b|"
        r"\b(?:examples?|samples?)\b[^.;]{0,40}?\b(?:put|set|kept|held|laid) aside\b|"
        # "~4000 finding reports written by senior auditors", "5k chats written by our social media team": examples
        r"\b\d[\d,.]*\s*k?\s+(?:[\w-]+\s+){0,2}(?:written|drafted|authored|produced|composed|hand[- ]written|redlined|annotated) (?:by hand|by (?:our |the |senior |human |in-house |experienced )?(?:[\w-]+\s+){0,2}?(?:team|staff|experts?|editors?|writers?|agents?|auditors?|lawyers?|analysts?|people|humans|reviewers?|copywriters?|doctors|nurses|clinicians|engineers|underwriters|adjusters))\b|"
        # "we've logged ~20M (log, explanation, thumbs) triples": what the model in use said, kept with its inputs
        r"\blogged\s+(?:~\s*|about\s+|over\s+|some\s+)?(?:[\d.,]+\s*[kmb]?\s+)?(?:\([^)]{0,60}\)\s+)?(?:triples|pairs|tuples|records|examples|interactions|samples|input/output pairs)\b|\b\w+s wrote (?:themselves|by hand|manually)\b|\bthat (?:compile|are correct|were checked|we know are right)\b|\b(?:approved|verified|validated|reviewed|checked|signed off) by (?:our |the )?(?!(?:legal|security|compliance|infosec|it|procurement|management|the board|leadership|counsel|our lawyers|gdpr|dpa)\b)\w+"
        # "coded by certified coders", "tagged by our agents": by people, not "tagged by topic"
        r"|\b(?:coded|tagged|labell?ed|annotated|marked|categori[sz]ed|classified) by (?:our |the |certified |expert |human |professional |senior |trained )*"
        r"(?:\w+(?:ers|ors|ists|ians|ants|ents)|people|staff|team|hand|humans?|experts?|ops|support|legal|qa)\b|\bwith (?:the |their |its )?(?:correct|right|expected|known|verified|approved|gold|final|ideal|reference) [\w-]+\b|"
        # "a 2,500-claim audit sample we keep for testing", "our writers' 400-line rubric set scores it 4.6 out of 5"
        r"\b(?:keep|kept|use|used|set aside|hold) (?:it |them )?(?:for|as) (?:testing|evaluation|regression|a test set|an eval set|a benchmark)\b|\brubric set\b|\bscores? (?:it|them) \d(?:\.\d)? out of \d+\b|"
        # examples put to work as a test: "a set of 1,200 memos ..., we use it to check every prompt change"
        r"\b(?:use|used|using) (?:\d[\d,]* of )?(?:it|them|that|those|these|this set) (?:to|for) (?:check|test|evaluat|scor|grad|compar|validat|benchmark|regression)\w*|"
        # a count of examples with the answers someone approved: "20k queries with the filters our merchandisers approved"
        r"\b\d[\d,.]*\s*k?\s+(?:[\w-]+\s+){0,2}?with (?:the |their |its )?(?:[\w-]+\s+){1,2}?(?:(?:our|the|their) )?(?:[\w-]+\s+)?(?:approved|labell?ed|checked|verified|annotated|graded|signed off|confirmed|corrected)\b|"
        r"\b(?:made|written|created|labell?ed|curated|rated) by (?:our |the )?[\w-]+ (?:team|staff|experts?|reviewers)\b|\beval(?:uation)?s?\b(?! harness)|\beval(?:uation)? harness\b|\bgolden (?:set|dataset|examples|questions)\b|\btest (?:set|suite|cases)\b|\b(?:review|validation|holdout|held-out|regression|acceptance|gold) (?:set|sample)\b|\bgold(?:en)? standard\b|\bbenchmark (?:set|suite)\b|\b\d[\d,]*[- ](?:task|question|item|case|example|prompt|problem|query|ticket|document)s?\s+(?:benchmark|test|eval\w*|suite|set)\b|\b(?:our|a|the) (?:own |internal |in-house )?benchmark\b|\bground[- ]truth\b|\bheld[- ]out\b"
        r"|\bevaluat(?:e|es|ed|ing)\b(?! (?:the |a few |some )?(?:vendors?|options?|providers?|tools?|platforms?|whether|if|which|rag|fine[- ]?tun\w*|approaches))|\b(?:measure|score|grade) (?:the )?(?:quality|accuracy|against|them|it|outputs?)\b|\bcheck (?:the )?(?:quality|accuracy|against|outputs?)\b"
        r"|(?<!highly )(?<!top-)(?<!top )(?<!white-)(?<!white )(?<!private-)(?<!private )\b(?:hand[- ])?(?:labell?ed|annotated|graded|rated|scored)\b|\bhand[- ](?:tagged|checked|coded|reviewed|corrected|verified|keyed|sorted)\b"
        # a sample someone judged: "our supervisors compared 1,500 calls", "we spot-checked 400 summaries"
        r"|\b(?:compared|checked|graded|scored|reviewed|audited|spot[- ]checked|double[- ]checked)\s+(?:about |around |roughly |~)?\d[\d,.]*\s*k?\s+(?:of (?:the |its |their )?)?(?:[\w-]+\s+)?(?:calls|tickets|emails|answers|outputs|summaries|replies|notes|reviews|messages|conversations|chats|documents|cases|claims|letters|drafts|transcripts|samples|examples|predictions|labels)\b"
        # Inputs kept with the outputs they should get are examples to test against (and a teacher's
        # logs what a student must match): "6 months of gpt-4o input/output logs", "configs paired
        # with PR descriptions", "40k lines of writer-authored dialogue".
        r"|\b(?:input|prompt|request|question|query|source)\s*[/-]\s*(?:output|completion|response|answer|target|translation)s?\s+(?:pairs|logs|examples|data(?:set)?|records)\b"
        r"|\b(?:training|example|labell?ed|gold|reference) pairs\b|\blogs? of\s+(?:[\w-]+\s+){0,6}?(?:outputs|completions|responses|answers|replies|generations|predictions|labels|decisions)\b"
        r"|\b(?:logged|saved|stored|recorded|kept|archived)\s+(?:[\w'~-]+\s+){0,3}?(?:outputs|completions|responses|generations|predictions|verdicts|extractions|decisions|classifications|labels|tags|answers|replies|summaries|scores|translations|transcripts|conversations)\b"
        # "we keep every gpt-4o decision in our warehouse": what the model in use said, kept
        r"|\b(?:keep|log|store|save|record|archive)s?\s+(?:every|each|all(?: of)?(?: the| our)?)\s+(?:[\w.-]+\s+)?(?:output|completion|response|answer|reply|generation|prediction|decision|verdict|classification|label|transcript|summary|translation|suggestion|rewrite|draft|tag|result)s?\b"
        # a sample someone checked: "our team verified 2000 of them", "T&S hand-reviewed 5k", "1k QA'd convos"
        r"|\b(?:verified|validated|reviewed|checked|spot[- ]?checked|hand-?reviewed|human-?reviewed|graded|vetted|double-?checked|qa'?d|qa-?ed)\s+(?:about |around |roughly |~|over |some )?"
        r"(?:\d[\d,.]*\s*k?\s+(?:of (?:them|those|these|the|its|their)\b|(?!(?:days?|weeks?|months?|years?|hours?|minutes?|times)\b)[a-z]+s\b)"
        # "our controllers spot-checked a few hundred and agree with it"
        r"|(?:a few|several|a couple(?: of)?|many) hundreds?\b|hundreds\b|thousands\b)"
        r"|\b(?:qa'?d|qa-?ed|(?:human|hand|expert|manually|doctor|lawyer|editor)[- ](?:checked|reviewed|verified|vetted|graded|corrected))\b"
        r"|\b(?:transcripts|conversations|convos|examples|samples|replies|emails|letters|answers|responses|summaries|outputs|lines|logs)\b[^.;]{0,60}?"
        r"\b(?:which|that)\s+(?:the |our )?[\w&'-]+(?:\s+(?:team|leads?|folks|people))?\s+(?:has |have |had )?(?:signed off|approved|vetted|verified|checked|reviewed|graded)\b"
        # "about a million pairs", "2,000 configs that passed review", "5,000 pieces of feedback that follow
        # the structure exactly", "4,000 conversations our human agents wrote", "1,500 memos the partners signed off"
        r"|\b(?:a (?:million|thousand|few thousand|few hundred)|\d[\d,.]*\s*(?:k|m|million|thousand)?)\s+(?:[\w'-]+\s+){0,2}?pairs\b(?!\s+of\b)"
        r"|\bpassed (?:review|code review|qa|validation|our checks|the checks|inspection|the linter|our linter|sign-?off)\b"
        r"|\b\d[\d,.]*\s*k?\s+(?:[\w'-]+\s+){0,3}?(?:that|which)\s+(?:all\s+)?(?:follow|match|meet|pass|passed|compl(?:y|ies)|conform)\w*\s+(?:the|our)\b"
        r"|\b\d[\d,.]*\s*k?\s+(?:[\w'-]+\s+){0,2}?(?:conversations|convos|chats|transcripts|replies|emails|letters|memos|summaries|notes|answers|responses|lines|examples|drafts|reports|articles)\s+(?:that\s+)?"
        r"(?:our|the)\s+(?:[\w'-]+\s+)?(?:\w+(?:ers|ors|ists|ians|ants|ents)|partners|team|staff|agents|people|humans|experts|editors|writers|lawyers|doctors|nurses|leads)\s+"
        r"(?:have |had )?(?:wrote|written|made|labell?ed|approved|signed off|reviewed|curated|edited|rewrote|rewritten|checked|graded|vetted)\b"
        # a count of outputs with a mark of care: "8k hand written lines tagged by character", "15k transcripts
        # marketing picked as on-brand", "a few years of clean WOs in SAP, tens of thousands"
        r"|\b(?:\d[\d,.]*\s*k?|tens of thousands|thousands|hundreds|a few thousand|millions)\s+(?:of\s+)?(?:[\w'-]+\s+){0,3}?"
        r"(?:lines|transcripts|records|examples|samples|wos|work orders|tickets|emails|letters|replies|answers|summaries|notes|reports|memos|conversations|chats|dialogues|responses)\b"
        r"[^.;]{0,60}?\b(?:hand[- ]?written|hand[- ]?tagged|tagged|clean|curated|picked|selected|on-brand|gold|best|corrected|resolved|closed)\b"
        r"|\b(?:clean|curated|hand[- ]?written|gold|resolved|closed)\s+(?:[\w'-]+\s+){0,2}?(?:lines|transcripts|records|examples|wos|work orders|tickets|replies|answers|summaries|memos|conversations)\b[^.;]{0,40}?\b(?:\d[\d,.]*\s*k?|tens of thousands|thousands|hundreds)\b"
        # "writers gave us ~4k lines in the fox's voice", "marketing sent 300 example replies"
        r"|\b(?:\w+(?:ers|ors|ists|ians)|team|staff|agents|marketing|brand|legal|support|partners)\s+(?:gave|sent|wrote|produced|made|handed|shared|provided|delivered)\s+(?:us\s+|over\s+)?"
        r"(?:~\s*|about\s+|around\s+|like\s+|roughly\s+)?\d[\d,.]*\s*k?\s+(?:[\w'-]+\s+){0,2}?(?:lines|examples|samples|replies|conversations|dialogues|responses|answers|scripts|transcripts|emails|letters|summaries|drafts)\b"
        # examples people made: "10k chat transcripts from our human agents", "4k lines from writers"
        r"|\b\d[\d,.]*\s*k?\s+(?:[\w'-]+\s+){0,2}?(?:transcripts|conversations|convos|chats|lines|examples|samples|replies|emails|letters|dialogues|answers|responses|summaries|notes|logs)\s+"
        r"(?:from|by|written by|made by|of)\s+(?:our |the |real |actual )*(?:human |in-house |expert |senior |staff )?(?:agents|writers|editors|team|staff|experts|reviewers|moderators|annotators|nurses|doctors|lawyers|support|people|humans|copywriters)\b"
        r"(?![^.;]{0,25}\b(?:a|per|each|every) (?:day|week|month|hour)\b)"
        r"|\b(?:logged|saved|stored|recorded|kept)\s+(?:every|each|all)\s+(?:[\w-]+\s+)?(?:output|completion|response|answer|reply|generation|prediction)s?\b|\b(?:paired|aligned) with (?:their|its|the|a|an|our|his|her)\b"
        # "partner-approved memos", "teacher-written feedback": output someone vouched for
        r"|\b(?!(?:well|badly|poorly|nicely|clearly|densely|hand|machine|auto|pre|ai|llm|gpt|model|bot|custom|home|self|white|private|top|highly|co)[- ])[a-z]+-(?:authored|written|made|curated|labell?ed|approved|reviewed|corrected|vetted)\b(?!\s+(?:[\w-]+\s+)?(?:templates?|formats?|wording|scripts?|polic(?:y|ies)|schemas?|structures?|layouts?|vendors?|tools?|models?|providers?|disclaimers?)\b)"
        # "memos to learn from", "lines we can use as examples", "a few perfect example conversations"
        # examples to learn from (not a plan to fine-tune on something: "my cofounder wants to fine-tune on X")
        r"|\b(?!(?:want|wants|wanted|need|needs|needed|plan|plans|planned|going|like|have|has|had|trying|tried)\b)[a-z]{3,} to (?:learn|train|fine-?tune) (?:it |the model )?(?:from|on)\b|\b(?:use|used|serve|act) as (?:examples|training (?:data|examples)|references?|(?:a )?gold(?:en)? (?:set|standard))\b"
        r"|\b(?:perfect|ideal|gold(?:en)?|model|reference) (?:example )?(?:conversations|dialogues|answers|outputs|replies|examples|letters|memos|summaries)\b|\bexample (?:conversations|dialogues|outputs|answers|replies)\b",
        "has_documents": r"\b(?:docs|documents|documentation|knowledge ?base|kb|articles?|zendesk|macros|past tickets|ticket history|notion|google drive|manuals?(?! (?:process|review|testing|work|labou?r|steps?|effort|checks?|tagging|entry|mode|way))|wiki|confluence|sharepoint|pdfs?|faqs?|help ?cent(?:er|re)|guides|handbooks?|policies|contracts|case law|guidelines|corpus|catalog(?:ue)?|runbooks?|playbooks?|protocols|procedures|sops|memos|formular(?:y|ies)|rulebooks?|textbooks|bulletins?|rate cards|document productions?|discovery documents|"
        r"(?:case law|research|policy|product|clinical|legal) summaries|(?:policy|document|content|knowledge|research|legal|case) (?:library|archive|repository)|"
        # "the rules doc gets updated every other week", "the price list changes monthly"
        r"(?:rules?|policy|process|spec|reference|pricing|product|design|requirements|onboarding|benefits) docs?|price lists?|rate sheets?|spec sheets?|tariffs?|"
        r"(?:examples?|content|knowledge|resources?|lessons?|questions?|items?|templates?|clauses?|precedents?) (?:library|bank|archive|repository)|"
        r"rulings|circulars|statutes|judg(?:e)?ments|regulations|datasheets|(?:published|clinical) studies|(?:product|drug|package) (?:labels|inserts|leaflets)|"
        r"(?:policy )?wording(?:s|\s+versions)|guidance notes|"
        # "each one uploads its own menus, spa schedules ...": what is uploaded is there to answer from
        r"upload(?:s|ed|ing)?\s+(?!(?:fails?|failed|breaks?|broke|errors?|goes|went|works?|is|was|times?)\b)(?:its|their|our|the|new)?\s*(?:own\s+)?(?:[\w-]+\s+){0,2}?[\w-]+s)\b|" + ANSWERS_FROM,
    }.items()
}


EXPLICIT_NO: dict[str, re.Pattern] = {
    slot: re.compile(pattern, re.IGNORECASE)
    for slot, pattern in {
        "multi_tenant": r"\bsingle[- ]tenant\b|\binternal(?:ly)? only\b|\binternal (?:use|tool|users?|teams?|staff|employees|people|colleagues)\b|\bfor (?:our|the) (?:own )?(?:staff|employees|colleagues|workforce)\b|\bjust (?:us|our (?:team|company))\b|(?<!of )(?<!at )(?<!in )(?<!from )(?<!for )\bone (?:company|org|organi[sz]ation|customer)\b(?![^.;]{0,40}\banother\b)|\b(?:one |a )?(?:shared|single|common) (?:help ?cent(?:er|re)|knowledge ?base|corpus|docs|wiki|set of docs)\b|\bsame (?:docs|content|answers|knowledge ?base) for (?:everyone|all)\b"
        r"|\bone (?:shared |single |common )?[\w-]+(?: [\w-]+)? for (?:everyone|everybody|all\b|every (?:\w+))|\bshared (?:by|across|with) (?:everyone|all)\b"
        r"|\b(?:used by|for|by) (?:only )?(?:our own|just our|only our) (?:team|staff|employees|people|company|org\w*|engineers)\b|\b(?:team|staff|employees|company)[- ]only\b|\bour own (?:team|staff|employees) only\b",
        "output_format_gap": r"\b(?:format|formatting|json|output|schema)\b[^.,;]{0,25}\b(?:is|are|works?|looks?) (?:fine|ok|okay|good|great|spot on|perfect\w*|flawless\w*|solid|clean|correct)\b|\b(?:doesn'?t|does not|don'?t|never|hasn'?t (?:once |ever )?|has never|rarely|hardly ever) (?:\w+ )?(?:break|breaks|broken|fail|fails|failed|violat\w*|mangle\w*|miss(?:es|ed)?)\b[^.;]{0,20}\b(?:schema|format|json|structure|template|contract|spec)\b|\b(?:parse|parsing|format|schema|validation) (?:errors?|failures?) (?:went|dropped|fell|are|is|are at|is at) (?:to |down to )?(?:zero|none|nil|0)\b|\b(?:schema|format|contract|spec|template|structure)\b[^.;,]{0,15}\b(?:is|are)? ?(?:always )?(?:met|respected|followed)\b|\bgreat at (?:producing|following|writing|filling) (?:our|the)\b|\b(?:does|do|is|are|works?|performs?|gets? by) (?:fine|ok|okay|well|great|good) (?:on|with|at) (?:the )?(?:format|formatting|json|output|schema|structure)\b|\bgets? the (?:format|json|schema|output) right\b|\b(?:format|formatting|json|output|schema)\w*(?:'s|\s+is|\s+are)?\s+(?:fine|ok|okay|no problem)\b|\bhandles? (?:it|the \w+) (?:fine|well)\b|\bfree[- ]form (?:text|answers|prose)\b",
        "persona_consistency": r"\bno (?:particular|special|specific) (?:tone|persona|voice)\b"
        # "we don't need the model to sound any particular way"
        r"|\b(?:don'?t|doesn'?t|do not|does not|no need (?:for|to))\b[^.;]{0,30}\b(?:sound|speak|talk|write)\s+(?:in\s+)?(?:any|a)\s+(?:particular|special|specific)\s+(?:way|voice|tone|style)\b|\b(?:neutral|generic|default|plain)\b[^.;]{0,12}\b(?:tone|voice|answers?|style|replies)\b[^.;]{0,10}\b(?:is|are) (?:fine|ok|okay|enough)\b",
        "latency_sensitive": r"\b(?:generous|relaxed|loose|lenient) (?:latency |time )?(?:budget|sla|requirements?|limits?)\b|\bplenty of time\b|\b(?:minutes|hours) (?:are|is) (?:fine|ok|okay)\b|\bnot (?:interactive|real[- ]?time)\b|\b(?:runs?|done) overnight\b|\bwe batch (?:the |our |all )?(?:requests|calls|queries|jobs|prompts|it|them|everything)\b|\b(?:nightly|overnight|daily|weekly) batch(?:es)?\b|\b(?:next[- ]day|same[- ]day|(?:a|one|\d+)[- ]?(?:hour|day)s?'?|hours?|days?) turnaround\b|\bturnaround (?:of|in|within) (?:a |one |\d+ )?(?:day|days|hours?|weeks?)\b|\bnot (?:user|customer)[- ]facing\b|\b(?:emails?|e-mails?|notif\w*|pings?|messages?|sends?|alerts?)\b[^.;]{0,40}\bwhen (?:it'?s |it is |they'?re |the \w+ is )?(?:done|ready|finished|complete)\b|\b(?:nobody|no one|no-one)(?: is|'s)? (?:sitting|watching|staring|waiting)\b|\b(?:answers?|responses?|results?|replies|output|reports?)\b[^.;]{0,15}\bwithin (?:the|an|a few|\d+) (?:hours?|days?)\b|\b(?:people|users|they|analysts|staff|customers|reviewers) (?:are|'re) (?:patient|happy to wait|fine waiting|ok waiting|okay waiting)\b|\b(?:runs?|running|works?|happens?) in the background\b|\b(?:batch|offline|overnight|nightly|asynchronous|async|background)\b(?: \w+)? (?:jobs?|processing|pipeline|workloads?|process|reports?|runs?|etl|exports?|digests?|tasks?|workers?)\b|\bbatch etl\b|\bin bulk\b|\bbulk (?:jobs?|processing|runs?|loads?|imports?)\b|\bback[- ]office\b|\bone[- ]off (?:migration|job|run|backfill|import|conversion|clean[- ]?up)\b|\b(?:a few|several|couple of|a couple of) (?:secs?|seconds|minutes|mins)(?: (?:is|are))? (?:fine|ok|okay|acceptable)\b|\b(?:a few|several|couple of|a couple of) seconds (?:is|are) (?:fine|ok|okay|acceptable)\b|\bcan (?:take|wait) (?:a few|several|a couple of|a) (?:seconds|minutes|minute)\b|\bno (?:rush|hurry)\b|\bnot time[- ]sensitive\b",
        "data_residency": r"\b(?:hosted|cloud|external|third[- ]party|managed)(?: (?:apis?|llms?|providers?|models?|services?|inference|endpoints?|vendors?))?(?:\s+(?:are|is|would be)|'s) (?:fine|ok|okay|allowed|acceptable|permitted|no problem)\b"
        # Sending data to a hosted provider today is explicit permission: "we use the OpenAI API".
        r"|\b(?:we|we're|we are|currently|already)\s+(?:already\s+)?(?:use|using|call|calling|on|run on|running on|send (?:it|everything|data) to)\s+(?:the\s+)?(?:azure\s+)?(?:openai|anthropic|bedrock|vertex|gemini|claude|gpt[\w.-]*)(?:'s)?(?:\s+(?:api|apis|service))?\b"
        r"|\bcan (?:go|be sent) to (?:a |the |any )?(?:hosted|cloud|external|third[- ]party|openai|anthropic|vendor)|\bcan use (?:a |the )?(?:hosted|cloud|external|openai|anthropic|any)\b|\bno (?:residency|compliance|regulatory|data) (?:requirements?|constraints?|restrictions?|rules|concerns?)\b|\bdata can leave\b|\bnot regulated\b|\bnothing (?:sensitive|confidential|regulated|private)\b",
        "top_model_too_costly": r"\b(?:cost|costs|budget|money|price|spend)(?:'s| is| are)? (?:not|isn'?t|aren'?t) (?:an? )?(?:issue|concern|problem|constraint)\b|\b(?:bill|invoice|spend|api costs|model costs)\b[^.;,]{0,25}\b(?:is|are|'s|stays?) (?:\w+ )?(?:small|tiny|modest|low|negligible|reasonable|stable|under control|something we can live with)\b|\bcan (?:pay for|live with|absorb|justify|stomach)\b|\bfits? (?:in(?:to)? |within )?(?:our|the) budget\b|\bwithin (?:our |the )?budget\b|\bmoney(?:'s| is) (?:fine|ok|okay|not an issue)\b|\b(?:budget|cost|costs|price|pricing|bill|spend) (?:is|are|'s) (?:fine|acceptable|ok|okay|manageable)\b|\bcan afford\b|\bcosts? (?:doesn'?t|don'?t|does not|do not) matter\b|\bmoney(?:'s| is) no (?:object|issue)\b|\baffordable\b"
        # "bill is like $200 a month, nobody cares about that"
        r"|\b(?:bill|invoice|spend|costs?|price)\b[^.;]{0,40}\b(?:nobody|no one|no-one|we don'?t|finance doesn'?t|nobody here) (?:really )?(?:cares?|minds?|worr(?:y|ies))\b",
        "has_eval_set": r"\bno way to (?:measure|evaluate|test)\b|"
        # "I haven't saved any examples or tested it properly"
        r"\b(?:haven'?t|have not|never|didn'?t|did not)\s+(?:really\s+|actually\s+)?(?:saved|kept|collected|gathered|logged|recorded|tracked|stored)\s+(?:any\s+)?(?:of (?:the|them|those)\s+)?(?:examples|samples|test cases|outputs|data|records|results|good ones)\b|"
        r"\b(?:haven'?t|have not|never)\s+tested\s+(?:it|them|anything)\s+(?:properly|really|formally|systematically|rigorously)\b|\b(?:don'?t|do not|haven'?t|have not)\s+(?:have|got)\s+(?:any\s+)?(?:good\s+|graded\s+|reviewed\s+|labell?ed\s+)?examples\b|\bnothing (?:that )?(?:anyone|anybody|someone|we) (?:has|have) (?:reviewed|graded|checked|labell?ed|scored)\b|\b(?:haven'?t|have not|not yet) (?:really )?(?:tried|started|built|done|tested) (?:anything|much|any of it|prompting|prompt engineering)\b|\b(?:ad[- ]hoc|nothing systematic|not systematic\w*|by feel|gut feel(?:ing)?)\b|"
        r"\b(?:evals?|eval set|evaluation (?:set|data)|test set|golden set|benchmark|labels?)\b\W*(?:\?\s*)?(?:(?:no|nope|nah|none)\b(?!\s+(?!yet\b|really\b|at all\b|so far\b)[a-z]{3,})|not yet|(?:we )?(?:don'?t|do not|haven'?t|have not) (?:have|got))\b|"
        r"\b(?:we'?d|we would|we will|we'?ll|we need to|we still need to|(?:we )?(?:would|will) have to|have to) (?:have to |need to )?(?:build|create|make|write|start|collect|put together)\b[^.;]{0,25}\b(?:evals?|eval set|test set|golden set|benchmark|labell?ed (?:set|data|examples))\b|\bjust eyeball\w*\b|\bvibes?\b",
        "has_documents": r"\b(?:nothing|no (?:[\w-]+ ){0,2}?(?:documents?|docs|knowledge ?base|corpus|content|library|database|archive|records|data)|(?:isn'?t|aren'?t) any(?:thing)?) (?:for it )?to (?:retrieve|search|pull|look (?:anything )?up|ground|draw on|cite from)\b"
        r"|\b(?:don'?t|do not|doesn'?t|does not) have (?:any )?(?:[\w-]+ ){0,2}?(?:documents?|docs|documentation|knowledge ?base|corpus|library|archive)\b"
        # "no doc library needed", "we dont need retrieval", "nothing to search"
        r"|\bno (?:[\w-]+ ){0,2}?(?:docs?|documents?|documentation|knowledge ?base|kb|library|corpus|retrieval|look-?ups?)\s+(?:needed|required|necessary|involved)\b"
        r"|\b(?:don'?t|do not|doesn'?t|does not|won'?t|will not) (?:really )?need (?:any )?(?:retrieval|rag|search|a (?:knowledge ?base|kb|corpus|vector (?:db|store|database)|doc(?:ument)? library)|to (?:look (?:anything )?up|retrieve|search)(?: anything)?)\b",
    }.items()
}


CLASSIFIER = re.compile(r"\bclassif(?:y|ier|iers|ication|ying)\b|\bintents?\b|\bintent (?:detection|routing)\b|\b(?:ticket|email|inbox|support|bug|alert|request|issue|message)s? triage\b|\btriag\w* (?:of )?(?:the |our |incoming |inbound )?(?:tickets|emails|messages|requests|issues|bugs|alerts)\b|\bcategori[sz](?:e|ation|ing)\b|\btagging\b|\bsentiment\b|\bspam (?:filter|detection)\b"
    # extraction: the input carries what the answer needs ("turn call notes into CRM fields")
    r"|\b(?:turn|convert|transform|map)\w*\s+(?:[\w'-]+\s+){0,5}?into\s+(?:[\w'-]+\s+){0,3}?(?:fields|json|structured|records|rows|forms?)\b|\bextract\w*\s+(?:\w+\s+){0,2}?(?:fields|entities|values)\b", re.IGNORECASE)




def decisive(text: str, slot: str) -> bool | None:
    """A reading the words settle whatever the classifier makes of them: a requirement said to matter
    little (False), or what a clause about the output's format (`format_verdict`) or about the bill
    (`cost_verdict`) says of it."""
    if relaxed(text, slot):
        return False
    if slot in KEYWORDS and demanded(text, KEYWORDS[slot].search(text)):
        return True
    if slot == "output_format_gap":
        return format_verdict(text)
    if slot == "top_model_too_costly":
        return cost_verdict(text)
    if slot == "latency_sensitive" and _SLOW_COMPLAINT.search(text) and not NEGATION.search(text) and not _SLOW_IS_FINE.search(text):
        return True  # "also a bit slow": a complaint about speed, whatever the classifier makes of "also"
    adrift = _VOICE_ADRIFT.search(text)
    if slot == "persona_consistency" and adrift and not NEGATION.search(text[max(0, adrift.start() - 30) : adrift.end()]):
        # "the tone is all over the place": a voice that does not hold is one to hold ("no matter how
        # much of the guide we put in the prompt", later in the sentence, negates nothing of it)
        return True
    return None


# Speed complained of: "also a bit slow", "it's painfully slow".
_SLOW_COMPLAINT = re.compile(r"\b(?:a bit|a little|kinda|kind of|somewhat|rather|quite|pretty|really|very|way|painfully|annoyingly|too) slow\b", re.IGNORECASE)


_SLOW_IS_FINE = re.compile(r"\b(?:fine|ok|okay|acceptable|no problem|no big deal|doesn'?t matter|don'?t care|batch\w*|overnight|background)\b", re.IGNORECASE)


# A voice said not to hold: "the tone is all over the place", "the persona is inconsistent".
_VOICE_ADRIFT = re.compile(
    r"\b(?:tone|voice|persona|personality|character|style)\b[^.;]{0,20}\b(?:all over the place|inconsistent\w*|varies|vary|random|"
    r"off[- ]brand|(?:a (?:bit|little) |slightly |sometimes |often |always |way |kinda )off\b|drifts?|drifting|wobbl\w*|changes? (?:from|every|between)|different every time)\b"
    # "the voice is off: too clickbaity", "it drifts from our style guide"
    r"|\b(?:tone|voice|persona|style)\s+(?:is|feels|sounds|seems|'s)\s+off\b(?!\s+(?:by default|for|in|on|until|when|during))"
    r"|\bdrift\w*\s+(?:from|away from|off)\s+(?:our |the |its )?(?:house |brand )?(?:style|voice|tone|brand|persona)\b",
    re.IGNORECASE,
)


_KEPT_APART = re.compile(
    r"\b(?:never|nothing|no \w+|must not|mustn'?t|can'?t|cannot|may not|shouldn'?t|won'?t)\b[^.;]{0,30}?\b(?:cross\w*|leak\w*|mix\w*|bleed\w*|flow\w*)\s+"
    r"(?:over\s+)?(?:between|across)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:firms|clients|customers|tenants|matters|companies|accounts|brands|retailers|schools|hospitals|orgs|organi[sz]ations)\b"
    rf"|\b(?:never|must not|mustn'?t|can'?t|cannot|may not|shouldn'?t|won'?t)\b[^.;]{{0,30}}?{_SHOWN_TO_ANOTHER}"
    # "employees of one company can't ever see another company's pay info"
    r"|\b(?:never|must not|mustn'?t|can'?t|cannot|may not|shouldn'?t|won'?t)\s+(?:ever\s+)?(?:be able to\s+)?(?:see|access|view|read|get)\s+(?:another|other|a different|the other)\s+[\w-]+(?:'s|s')",
    re.IGNORECASE,
)


def read_flag(text: str, slot: str) -> bool | None:
    if (EXPLICIT_NO[slot].search(text) if slot in EXPLICIT_NO else False) or relaxed(text, slot):
        return False
    match = KEYWORDS[slot].search(text)
    if not match or (slot == "top_model_too_costly" and ABOUT_THE_ADVICE.search(text)):
        return None  # "sounds expensive" after a figure the advisor gave doubts the advice, not the bill
    before = text[: match.start()]
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0)
    window = before[max(clause_start, len(before) - 40) :]
    if UNSURE.search(window) or UNSURE.search(text[match.end() : match.end() + 20]):
        return None
    if slot == "multi_tenant" and _KEPT_APART.search(text):
        return True  # "nothing can ever cross between firms": the denial is the isolation
    if slot == "output_format_gap" and _LACKS.search(window + text[match.start() : match.end()]):
        return True  # "it never follows our template": the lack names the verb the keyword begins with
    if demanded(text, match):
        return True
    if negates_the_judging(window):
        return None  # "Nobody has scored any drafts for tone": the negation is of the judging, not the need
    negation = NEGATION.search(window)
    if negation or _NEGATED_AFTER.search(text[match.end() :]):
        return False
    return True


def near_the_format(text: str) -> str:
    """The words around the format named, where trouble with it would be said: in "no docs, the label
    text is the whole input, output is a small json" the "no" is about the documents."""
    named = KEYWORDS["output_format_gap"].search(text)
    if not named:
        return text
    start = max([named.start() - _TROUBLE_REACH] + [m.end() for m in CLAUSE_BREAK.finditer(text, 0, named.start())])
    return text[max(0, start) : named.end() + _TROUBLE_REACH]


_TROUBLE_REACH = 40
