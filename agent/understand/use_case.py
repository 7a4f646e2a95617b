"""What is being built, as a short phrase: "support bot", "invoice extraction"."""

from __future__ import annotations

import re
from typing import Callable

from agent.understand.shapes import NO, YES
from agent.understand.wanted import asked_of_a_model, wanted_made

# Tasks named as nouns ("phone ordering", "medical coding"); followed by a noun they are its modifier
# ("onboarding emails", "routing rules").
_TASK_HEADS = r"triage|ordering|booking|dispatch|routing|tagging|labell?ing|matching|forecasting|onboarding|coding|scoring|ranking"
_USE_CASE_HEADS = (
    r"bot|chatbot|assistant|copilot|co-pilot|agent|search|search engine|extraction|extractor|classifier|classification|"
    r"summari[sz]er|summari[sz]ation|q&a|qa|helpdesk|help desk|tutor|research|analysis|analy[sz]er|router|"
    r"moderation|generator|generation|writer|drafting|translation|translator|transcription|interviewer|advisor|recommender|"
    r"autocomplete|completion|review|reviewer|tagger|parser|matcher|"
    # Tasks named by their noun: "transaction categorisation", "PII redaction", "fraud detection".
    r"categori[sz]ation|normali[sz]ation|anonymi[sz]ation|redaction|enrichment|deduplication|detection|prediction|recognition|"
    # The agent nouns products are named by: "SQL explainer", "reply suggester", "onboarding concierge".
    r"ivr|voicebot|voice bot|explainer|suggester|drafter|responder|answerer|helper|concierge|companion|coach|checker|scorer|labell?er|rewriter|"
    r"formatter|converter|detector|planner|scheduler|finder|coder|grader|screener|navigator|(?<!we )(?<!i )(?<!they )(?<!to )(?<!can )(?<!will )assist|"
    rf"{_TASK_HEADS}"
)
# What the team or company is, not what it builds: "a B2B helpdesk SaaS", "Radiology group".
_ORGANISATION = frozenset(
    "saas company co co. startup firm agency group team shop brand studio hospital clinic bank insurer carrier plant lab "
    "practice network retailer marketplace vendor provider business org organisation organization department dept".split()
)
# ... as a pattern, longest first: "an insurer writing decline letters", "game studio, moderating chat"
_ORGANISATION_WORDS = "|".join(re.escape(word) for word in sorted(_ORGANISATION, key=len, reverse=True))


# Generic heads name a use case only with a word before them: "voice ordering line", "research tool".
_GENERIC_HEADS = r"line|hotline|helpline|tool|app|service|platform|pipeline|system|workflow|feature|engine|portal|widget"
# "system prompt", "tool calls": the words, not a product.
# ("service bulletins", "platform fees": a head before a plural noun is its modifier)
_GENERIC = re.compile(rf"(?<![\w-])(?:{_GENERIC_HEADS})\b(?!-)(?!\s+(?:prompts?|calls?|messages?|[a-z]{{3,}}(?<!s)s)\b)", re.IGNORECASE)
# After a bare head, what it is for: "an assistant that drafts discharge letters".
_WHAT_FOR = re.compile(r"^\s+(?:that|which|to|for|on|over|who)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,4}", re.IGNORECASE)
_PHRASE_END = frozenset("and but so because while when if with using via from since as".split())

# Singular heads, and plurals only of words that never name people: "our support agents" and "the
# reviewers" are people, "shopping assistants" for many retailers are the product. A head inside a
# hyphenated word is not one ("contract-review assistant" is headed by "assistant").
_USE_CASE = re.compile(
    rf"(?<![\w-])(?:(?:{_USE_CASE_HEADS})|(?:assistant|bot|chatbot|copilot|tutor|classifier|extractor|summari[sz]er|generator)s)\b(?!-)"
    # "QA found 25% off-brand lines", "our review team": the people, not the product
    r"(?!\s+(?:found|finds|team|teams|flagged|noticed|reported|sampled|says|said|people|folks|engineers|staff|wants?|needs?|asked|insists?|made|makes|built|wrote|created|labell?ed|checked)\b)"
    # "QA has a golden set", "QA runs the regression suite": the QA team
    r"(?!(?<=qa)\s+(?:has|have|had|uses?|keeps?|checks?|runs?|does|did|maintains?|owns?|is|are|was|were|likes?|says?|said|happy|approves?|signed|won'?t|will|would|must|can'?t|needs?|built|wants?)\b)",
    re.IGNORECASE,
)


# What the product does, when no head noun names it: "we summarise legal documents", "a tool that
# drafts product announcement emails", "we need to route incoming support tickets".
_VERBS = (
    r"assign(?:s|ing)?|suggest(?:s|ing)?|explain(?:s|ing)?|summari[sz](?:e|es|ing)|classif(?:y|ies|ying)|categori[sz](?:e|es|ing)|extract(?:s|ing)?|route[sd]?|routing|generat(?:e|es|ing)|"
    r"drafts?|drafting|translat(?:e|es|ing)|transcrib(?:e|es|ing)|answer(?:s|ing)?|tag(?:s|ging)?|triag(?:e|es|ing)|moderat(?:e|es|ing)|"
    r"review(?:s|ing)?|detect(?:s|ing)?|writ(?:e|es|ing)|convert(?:s|ing)?|pars(?:e|es|ing)|match(?:es|ing)?|recommend(?:s|ing)?|label(?:s|ling|ing)?|predict(?:s|ing)?|"
    r"rewrit(?:e|es|ing)|clean(?:s|ing)?|normali[sz](?:e|es|ing)|scor(?:e|es|ing)|rank(?:s|ing)?|check(?:s|ing)?|validat(?:e|es|ing)|"
    r"flag(?:s|ging)?|enrich(?:es|ing)?|fill(?:s|ing)?|produc(?:e|es|ing)|handl(?:e|es|ing)|answer(?:s|ing)?|"
    r"grad(?:e|es|ing)|mark(?:s|ing)?|assess(?:es|ing)?|screen(?:s|ing)?|pull(?:s|ing)? out|"
    r"turn(?:s|ing)?|transform(?:s|ing)?|map(?:s|ping)?|sort(?:s|ing)?|book(?:s|ing)?|reply|replies|replying|find(?:s|ing)?|search(?:es|ing)?"
)
_USE_CASE_VERB = re.compile(
    # "we summarise ...", "a tool that drafts ...", "Model must write ...", "on-prem for extracting ...",
    # a message that opens with its task: "classifying support tickets into 40 categories", and who
    # they are doing it: "We are an insurer writing decline letters"
    r"(?:\b(?P<rel>that|which|who)\s+|\b(?:we|i|they|to|want to|wants to|need to|needs to|for|must|should|will|can|has to|have to|so it|so that it)\s+|:\s*|^\W*(?=\w+ing\b)"
    r"|(?P<who>\b(?:we(?:'re| are)|i(?:'m| am))\s+an?\s+(?:[\w-]+\s+){1,3}?(?=\w+ing\b)"
    # the people whose work it does: "our ops folks answer carrier questions about load status"
    r"|(?:\b(?:our|the)\s+|^\W*)(?:[\w-]+\s+)?(?:folks|people|team|staff|ops|[a-z]{3,}s)\s+(?=(?:answer|draft|review|write|triage|summari[sz]e|classify|tag|route|translate|check|extract|label|moderate)\b)"
    rf"|\b(?:an?)\s+(?:[\w-]+\s+)?(?:{_ORGANISATION_WORDS})\s+(?=\w+ing\b)"
    # the model made to do it: "we have gpt-4o check the declared values", "we get Claude to draft replies"
    r"|\b(?:have|has|get|gets|let|lets|make|makes)\s+(?:the model|the llm|it|ai|an? (?:llm|model)|(?:gpt|claude|llama|mistral|gemini|sonnet|haiku|opus)[\w.-]*(?:\s+[\w.-]+)?)\s+(?:to\s+)?(?=(?:" + _VERBS + r")\b)"
    # the team's own system doing the work: "Our ATS parses resumes into a short structured profile"
    r"|\b(?:our|the)\s+(?:[\w-]+\s+)?(?:tool|system|app|platform|pipeline|product|ats|crm|erp|bot|service|engine)\s+(?=\w+s\b)))(?:\w+ly\s+)?(?:auto-?)?"
    # (a verb followed by "get" or "are" was a noun: "labels get updated")
    rf"(?P<verb>{_VERBS})\s+(?!(?:get|gets|got|are|is|were|was|have|has|change|changes)\b)"
    r"(?P<det>(?:a|an|the|our|their|my|its|each|every|all)\s+)?(?:~\s*)?(?P<object>[a-z0-9][\w'-]*(?:\s+[a-z0-9][\w'-]*){0,5})",
    re.IGNORECASE,
)


# After a bare head, what it does, as people write who drop the "that": "Bot answer client about their shipment".
_DOES_NEXT = re.compile(rf"^\s+(?:{_VERBS})\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){{0,4}}", re.IGNORECASE)
# A message that opens with the product's name as a bare noun phrase: "NPC dialogue for our RPG, ...".
_NOT_A_NAME = frozenset(
    "is are was were be can can't cannot must need needs have has had will would should do does don't doesn't did get gets got "
    "want wants change changes changed stay stays leave leaves go goes come comes came not no never nothing none every each per about "
    # an ordinal or an intensifier opens a point, not a name: "First, our rates ...", "absolutely separate"
    "first second third firstly secondly anything everything something absolutely totally definitely "
    "hi hello hey thanks there here yes yeah nope question questions quick help roughly about around approximately maybe "
    "probably mostly basically honestly hmm hmmm um umm uh er oh ah actually "
    # what introduces a paste: "Forwarding from our CEO: ...", "Notes from our review"
    "forwarding pasting copying quoting attaching notes note background context summary excerpt fyi biggest largest general generally "
    # a subject and its verb make a statement: "we tried prompting with character sheets"
    "we i you they he she tried tested used started built nobody everybody everyone somebody someone anybody anyone "
    # a quantity is no name: "a couple hundred a day"
    "couple few several dozen hundred hundreds thousand thousands million millions lot lots "
    # an estimate announced: "Rough estimate: each adjuster ...", "Usage guess: ..."
    "rough estimate estimates guess ballpark usage "
    # the trouble announced: "problem: 1.5M comments a day ..."
    "problem issue catch hitch downside trouble "
    # money is no product: "we have budget like 5k/month for it"
    "budget budgets bill bills invoice invoices cost costs spend spending price prices money tell say volume volumes traffic usage load "
    # what leads into a question for the advisor: "Then where is a good place to start?", "Based on this, ..."
    "then based given considering overall finally lastly even still also "
    # a phrase that opens on where or when sets a scene: "Between the phone line, the counter and email we ..."
    "between across during after before since until within without among throughout".split()
)


# Any task said as a gerund after "for" or at the start: "on our own boxes for redacting names from
# court filings". Gerunds of talk about the project are no task.
_GERUND_TASK = re.compile(
    # "game studio, moderating in-game chat": who they are, then the task
    r"(?:\bfor\s+|^\W*|^\W*(?:[\w-]+\s+){0,3}?(?:" + _ORGANISATION_WORDS + r")\s*[,:–—-]\s*)(?!(?:thinking|planning|looking|building|working|using|trying|wondering|running|getting|having|being|doing|going|"
    r"something|nothing|anything|everything|pricing|during|starting|considering|evaluating|exploring|asking|hoping|morning|evening|"
    r"sending|sharing|uploading|putting|passing|pasting|calling|paying|spending|prompting|forwarding|quoting|copying|attaching|"
    # nouns that end like gerunds: "Marketing agency", "Banking customers ask ..."
    r"marketing|engineering|banking|accounting|consulting|manufacturing|publishing|gaming|hosting|computing|training|funding|"
    r"clothing|housing|shipping|nursing|catering|recruiting|lending|trading|advertising|printing|ticketing|billing|learning|wording|"
    r"networking|messaging|streaming|tooling|logging|monitoring|testing|staffing|licensing|underwriting|ecommerce|king|spring|thing)\b)"
    r"(?P<rel>)(?P<verb>[a-z]{3,}ing)\s+(?P<det>(?:a|an|the|our|their|my|its|each|every|all)\s+)?(?P<object>[a-z0-9][\w'-]*(?:\s+[a-z0-9][\w'-]*){0,5})",
    re.IGNORECASE,
)


_OBJECT_STOP = frozenset(
    "with by into to in on at over for using via so that which who and or but as about across per when while because if whether how what why "
    "against up out off down back through between after before under within "
    "a an the our their my your its this these those it them".split()
)


_USE_CASE_STOP = frozenset(
    "a an the one each every all both any get gets got receive receives our my their his her we we're were i i'm it it's its is are was be been building build built make making "
    "developing develop creating create working work on to for of with and or in that this some new simple basic kind sort "
    "like just want need needs have has doing do thinking about planning plan launching ship shipping prototyping "
    "host hosts hosting run runs running sell sells selling offer offers offering provide provides providing operate operates operating "
    "maintain maintains own owns use uses using so um uh well hi hello hey yes no ok okay fine sure right alright basically really actually sorry meant mean something thing generic".split()
)


# Who the answers are for, when the team runs a function rather than names a product: "we run
# support for a payroll SaaS", "our agents want answers with links to the article".
_SERVICE_RUN = re.compile(
    r"\b(?:we|i)\s+(?:run|do|handle|provide|manage|own|staff)\s+(?:the\s+)?(?P<what>(?:customer |tech(?:nical)? |it |product |internal )?support|help ?desk|customer service|customer care)\b",
    re.IGNORECASE,
)
# Feedback given on someone's work: "we give high-school students feedback on essays".
_FEEDBACK_GIVEN = re.compile(
    r"\b(?:give|gives|giving|provide|provides|providing|write|writes|writing|draft|drafts|drafting)\s+(?:[\w-]+\s+){0,3}?feedback\s+on\s+(?:their\s+|the\s+|our\s+|each\s+|every\s+)?(?P<on>[a-z][\w-]*(?:\s+(?!(?:in|with|from|by|and|but|so|that|which|for|at|using)\b)[a-z][\w-]*)?)",
    re.IGNORECASE,
)
_ANSWERS_FOR = re.compile(
    r"\b(?P<who>agents|reps|staff|employees|customers|users|clinicians|nurses|doctors|lawyers|engineers|analysts|advisers|advisors|students|members)\s+"
    r"(?:want|need|ask for|expect|get)\s+answers\b"
    # "we want claims adjusters to ask questions about policy wording": whoever asks is who it answers
    r"|\b(?:wants?|like|let|help|allow|enable)\s+(?:our\s+)?(?P<asker>(?:[a-z]+\s+)?[a-z]{3,}s)\s+(?:to\s+)?(?:be able to\s+)?(?:ask|query|search|look up|get answers)\b"
    # "Engineers on the floor need to ask questions against our specs", "staff want to query the HR policies"
    r"|\b(?P<needer>agents|reps|staff|employees|customers|users|clinicians|nurses|doctors|lawyers|engineers|analysts|advisers|advisors|students|members|"
    r"staff|people|[a-z]{3,}(?:ers|ors|ists|ians|ants|ents|ees))\b"
    r"(?:\s+(?:on|in|at|from)\s+(?:the\s+)?[a-z]+)?\s+(?:(?:want|wants|need|needs|have|has)\s+to\s+(?:be able to\s+)?(?:ask|query|search|look up|get answers)\b"
    # "Feature idea: employees ask questions about leave and it answers from ..."
    r"|ask\s+(?:it\s+|the bot\s+|us\s+)?(?:questions|things)\s+(?:about|on|like)\b"
    # "Front desk staff get the same patient questions all day"
    r"|(?:get|field|handle)\s+(?:the same\s+|a lot of\s+|lots of\s+|many\s+|endless\s+)?(?:[\w-]+\s+)?questions\b)",
    re.IGNORECASE,
)


# What is being built, named by the verb of building when no head noun names it: "we're building an
# in-game companion character", "I'm making a companion NPC for our RPG".
_BUILT = re.compile(
    r"\b(?:we(?:'re| are|'ve been| have been)?|i(?:'m| am|'ve been)?|(?:looking|trying|planning|want(?:ing)?|need(?:ing)?) to)\s+"
    r"(?:\w+ly\s+)?(?:build(?:ing)?|mak(?:e|ing)|develop(?:ing)?|creat(?:e|ing)|launch(?:ing)?|ship(?:ping)?|prototyp(?:e|ing)|"
    r"working on|putting together|add(?:ing)?|roll(?:ing)? out)\s+(?P<np>(?:an?|the|our|my|some)\s+[^,.;:!?()]{3,80})",
    re.IGNORECASE,
)
# ... or by the work a consultant or agency does with a client: "Working with an indie studio on NPC
# dialogue for their fantasy RPG", "we're consulting for a bank on a complaints summariser".
_WORKING_ON = re.compile(
    r"^\W*(?:(?:i'?m|we'?re|i am|we are|currently)\s+)?(?:working|consulting|partnering) (?:with|for) (?:an?\s+|the\s+|our\s+)?(?:[\w&'-]+\s+){0,4}?"
    r"on\s+(?P<np>[^,.;:!?()]{3,80})",
    re.IGNORECASE,
)
# Where the noun phrase ends: its own clause ("that...", "for our RPG", "so players...").
_NP_END = _PHRASE_END | frozenset("that which who where for to it they there".split())


def _built_thing(sentences: list[str]) -> str | None:
    for sentence in sentences:
        match = _BUILT.search(sentence) or _WORKING_ON.search(sentence)
        if not match:
            continue
        words = []
        for word in match.group("np").split():
            cleaned = word.strip("\"'").lower()
            if cleaned in _NP_END:
                break
            words.append(cleaned)
        while words and words[0] in _USE_CASE_STOP:
            words.pop(0)
        if 0 < len(words) <= 6 and not (len(words) == 1 and _GENERIC.fullmatch(words[0])):
            return " ".join(words)  # "a tool" alone says less than the generic head's modifiers
    return None


def read_use_case(sentences: list[str], answering: bool, asked: bool = False, states_fact: Callable[[str], bool] | None = None) -> str | None:
    """The use case (see `_read_use_case`), without the words a phrase cut short ends on ("an
    assistant for the ~900 caseworkers" is an "assistant", not an "assistant for the")."""
    phrase = _read_use_case(sentences, answering, asked, states_fact)
    words = phrase.split() if phrase else []
    while len(words) > 1 and (re.fullmatch(r"~?[\d.,]+[km]?", words[-1], re.IGNORECASE) or words[-1].lower() in _HEDGES):
        words.pop()  # a phrase cut at a figure: "classify about 40,000 listings" is no "classify 40"
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    if words and (words[-1].lower() in _AUXILIARY or " ".join(words).lower().strip(".!?") in _PLEASANTRIES):
        return None  # "Processing has to stay on our own infrastructure" is a rule; "makes sense" a nod
    if words and any(re.search(rf"\b(?:don'?t|doesn'?t|do not|does not|never|no need)\b[^.;]{{0,20}}\b{re.escape(words[0])}\b", s, re.IGNORECASE) for s in sentences):
        return None  # "we don't need it to sound any particular way" names what is not wanted
    return " ".join(words) or None


# Words a phrase never ends on.
_DANGLING = frozenset("the a an our their my its your for of to with and or in on at by from about".split())
# A phrase ending on one is the start of a statement, not a product's name.
_AUXILIARY = frozenset("has have had is are was were must can could will would should shall does do did may might needs".split())
# What people say to be polite, to follow along or to answer another question, which names nothing built.
_PLEASANTRIES = frozenset({
    "daily", "weekly", "monthly", "yearly", "quarterly", "rarely", "never", "static", "hourly", "constantly",
    "makes sense", "ok makes sense", "that makes sense", "sounds good", "got it", "good afternoon", "good morning",
    "good evening", "hello", "hi", "hey", "hi there", "hello there", "thanks", "thank you", "cool", "great", "perfect",
    "morning", "afternoon", "evening", "hiya", "greetings", "howdy",
    "hallo", "hola", "bonjour", "ciao", "salut", "hej", "moin", "servus", "namaste", "gruezi", "buenos dias", "buongiorno",
    "understood", "noted", "fair enough", "sure", "right", "i see", "interesting", "nice",
})


def _read_use_case(sentences: list[str], answering: bool, asked: bool, states_fact: Callable[[str], bool] | None) -> str | None:
    sentences = [_ASIDE.sub(" ", s) for s in sentences]  # "(booking, customs hold, ...)": examples, not the product
    return _named_use_case(sentences, answering, asked, states_fact)


# A parenthesised aside: a list of examples or a gloss.
_ASIDE = re.compile(r"\([^()]*\)")


def _named_use_case(sentences: list[str], answering: bool, asked: bool, states_fact: Callable[[str], bool] | None) -> str | None:
    """A short phrase naming what is being built: "support bot", "invoice extraction". A head noun
    anywhere in the message wins ("Fine. We're building a support bot" is about a support bot); then,
    when the message only answers "what are you building?", its own words; then what it says the
    product does ("we summarise legal documents"); last, when the question asked was what they are
    building (`asked`), the noun phrase the message opens with ("NPC dialogue for our RPG, ..."),
    unless `states_fact` finds a fact in it ("docs churn weekly" is a statement, not a name)."""
    generic = None
    for sentence in sentences:
        model_asked = asked_of_a_model([sentence])
        if model_asked:
            return model_asked  # "we would like a model to draft their routine letters": the model's part, said first
        phrase = _specific_head(sentence)
        if phrase:
            # "we generate router configs": a head inside what a verb makes is a modifier of it.
            # "tagging contract clauses with ...": a head that is the verb itself is one too.
            verb = _USE_CASE_VERB.search(sentence)
            # "assistant that drafts replies to customer complaints" already holds what the verb makes.
            inside = verb and verb.group("verb").lower() not in phrase.split()[1:-1] and (
                phrase.split()[-1] in verb.group("object").lower().split()[:-1] or phrase.split()[-1] == verb.group("verb").lower())
            return (_what_it_does([sentence]) if inside else None) or phrase
        generic = generic or _generic_head(sentence)
    if generic:
        # "an internal tool that classifies incoming claims": what the tool does says more than "internal tool".
        # "Recipe suggestions for a meal-kit app": the name the message opens with says what, not where.
        return _what_it_does(sentences) or _built_thing(sentences) or (_leading_name(sentences[0], states_fact) if asked else None) or generic
    if answering and len(sentences) == 1 and not sentences[0].lstrip().startswith("/"):  # "/foo" is a command, not a product
        opening = _what_it_does(sentences, opening=True)
        if opening:
            return opening  # "labelling product photos by defect type, 12 types": the task, without its details
        who = _USE_CASE_VERB.search(sentences[0])
        if who and who.group("who"):
            return _what_it_does(sentences)  # "we're a county council answering planning enquiries": the task, not who
        made = wanted_made(sentences, _USE_CASE_STOP)
        if made:
            return made  # "We need supplier invoices classified by cost centre"
        words = [w.strip(",.;:!?\"'").lower() for w in sentences[0].split()]
        while words and words[0] in _USE_CASE_STOP:
            words.pop(0)
        lead = re.split(r"[,;:]", sentences[0])[0]
        head = lead.split()
        # ("support replies for our shop" is for the organisation, not the organisation itself)
        if head and head[-1].strip(".!?").lower() in _ORGANISATION and not re.search(r"\b(?:for|at|in|of)\s+(?:our|the|my|a|an)\s+\S+$", lead, re.IGNORECASE):
            # "Cardiology group, 40 doctors": who they are; "game studio, moderating in-game chat": and the task
            return _what_it_does(sentences)
        if 0 < len(words) <= 8 and words[0] not in _NOT_A_NAME and not YES.search(sentences[0]) and not NO.search(sentences[0]):
            return " ".join(words)
    for sentence in sentences:
        service = _SERVICE_RUN.search(sentence)
        if service:
            return f"{service.group('what').lower()} answers"
        feedback = _FEEDBACK_GIVEN.search(sentence)
        if feedback:
            return f"feedback on {feedback.group('on').lower()}"
        answers = _ANSWERS_FOR.search(sentence)
        if answers:
            return f"answers for {(answers.group('who') or answers.group('asker') or answers.group('needer')).lower()}"
    return (_what_it_does(sentences) or _built_thing(sentences) or wanted_made(sentences, _USE_CASE_STOP)
            or (_leading_name(sentences[0], states_fact) if asked and sentences else None))


# Words of the decision itself, which a product's name never is.
_ABOUT_THE_DECISION = frozenset(
    "rag fine-tuning fine-tune finetuning finetune fine tuning distillation distilling distill prompting vs versus or llm llms "
    "ai model models cost costs advice decision options approach".split()
)


def _leading_name(sentence: str, states_fact: Callable[[str], bool] | None = None) -> str | None:
    """The bare noun phrase a message opens with, up to its first clause word: "NPC dialogue"."""
    if re.match(r"^\W*(?:in|during|at|for|on)\s+(?:the|our|a|an|that|this|last|my)\s+(?:[\w-]+\s+)?[\w-]+\s*,", sentence, re.IGNORECASE):
        return None  # "In the pilot, gpt-4o left out ...", "In our test with prompting only, ...": a scene set
    words: list[str] = []
    split = sentence.split()
    for at, word in enumerate(split):
        cleaned = word.strip("\"'").lower()
        bare = cleaned.strip(",.;:!?()")
        if bare in _NP_END:
            break
        if words and bare.endswith("ed") and at + 1 < len(split) and split[at + 1].lower() in _OBJECT_PRONOUNS:
            return None  # "CFO flagged it in the budget review": a subject and its verb, a statement
        if not words and at + 1 < len(split) and split[at + 1].strip(",.;:!?").lower() in ("it", "them", "us", "me"):
            return None  # "call it 1,200 agents total", "make it 40k": a verb first, not a name
        if bare in _NOT_A_NAME or bare.endswith("-wise") or not re.fullmatch(r"[a-z][a-z&/-]*", bare):
            return None  # a clause that goes on with a figure or a verb is a statement, not a name
        if cleaned.endswith(":"):
            return None  # "Customers: 40 agencies ...": a label of what follows, not a product's name
        words.append(bare)
        if bare != cleaned:
            break
    while words and words[0] in _USE_CASE_STOP:
        words.pop(0)
    if words and (words[-1] in _ORGANISATION or words[-1] in _INDUSTRY):
        # "Radiology group, ~60 rads": who they are, not what they build; the product may follow
        # ("airline, customer service chat", "indie studio, NPC dialogue for our online rpg")
        rest = sentence.split(",", 1)[1] if "," in sentence and len(words) == len(sentence.split(",", 1)[0].split()) else ""
        return _leading_name(rest, states_fact) if rest.strip() else None
    if _ABOUT_THE_DECISION.intersection(words):
        return None  # "RAG vs fine tuning, which one": the question put to the advisor, not the product
    name = " ".join(words) if 1 <= len(words) <= 4 and any(len(w) >= 3 for w in words) else None
    return None if name and states_fact and states_fact(name) else name


_INDUSTRY = frozenset(
    "airline airlines pharma biotech edtech fintech proptech legaltech healthtech insurtech martech adtech ecommerce e-commerce "
    "retail telecom telco logistics hospitality gaming publishing manufacturing utility utilities insurance banking healthcare".split()
)
_OBJECT_PRONOUNS = frozenset("it them this that us me the our their".split())
_HEDGES = frozenset("maybe about around roughly like approximately probably perhaps some".split())


def _what_it_does(sentences: list[str], opening: bool = False) -> str | None:
    """What the product does, from its verb: "summarise legal documents". `opening`: only a task the
    sentence opens with ("redacting names from court filings, ...")."""
    for sentence in sentences:
        match = _USE_CASE_VERB.search(sentence) or (None if opening else _GERUND_TASK.search(sentence))
        if match and opening and match.start("verb") > len(sentence) - len(sentence.lstrip(" \t\"'-*")):
            return None
        if not match or (match.group("rel") and match.group("det")):
            continue  # "strict JSON that matches our schema" says what the output must do, not the product
        words: list[str] = []
        for word in match.group("object").split():
            cleaned = word.strip(",.;:!?()\"").lower()
            if not words and cleaned in _HEDGES:
                continue  # "we write maybe a couple hundred descriptions": a count follows, not an object
            if cleaned in ("and", "or") and words and len(words) < 3 and cleaned == word.lower():
                words.append(cleaned)  # "generate post-purchase and win-back emails"
                continue
            if cleaned in _OBJECT_STOP:
                break
            words.append(cleaned)
            if cleaned != word.lower():
                break  # punctuation ends the phrase
        # "extract fields from supplier invoices" keeps where they come from; "drafts emails from a
        # short brief" stops at the article, leaving a dangling "from" to drop.
        while words and words[-1] in ("from", "and", "or"):
            words.pop()
        if words:
            return " ".join([match.group("verb").lower(), *words])
        into = re.match(r"(?:that|this|it|them|those|these)\s+into\s+(?:an?\s+|the\s+)?((?:[\w-]+\s*){1,4})", match.group("object"), re.IGNORECASE)
        if into:
            return f"{match.group('verb').lower()} into {into.group(1).strip().lower()}"  # "turn that into a short shift handover summary"
    return None


# An approach named as the thing ("a hosted fine-tuning service", "a RAG platform") is a way to build, not the task.
_APPROACH = re.compile(r"^(?:fine-?tun\w*|finetun\w*|rag|retrieval|distil\w*|vector|embeddings?)$")


_CHANNEL_BEFORE = re.compile(r"\b(?:through|via|over|by|on|from)\s+(?:the|our|their|a)\s+[\w-]+(?:,\s*(?:the\s+)?[\w-]+)*(?:,?\s+(?:and|or)\s+)?(?:the\s+|our\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _generic_head(sentence: str) -> str | None:
    for match in _GENERIC.finditer(sentence):
        modifiers = _modifiers(sentence[: match.start()])
        if _CHANNEL_BEFORE.search(sentence[: match.start()]):
            continue  # "through the app, the website and the phone line": the way requests come in
        if modifiers and not any(_APPROACH.match(word) for word in modifiers):
            return " ".join([*modifiers, match.group(0).lower()])
    return None


def _modifiers(before: str) -> list[str]:
    """Up to three words before a head that describe it ("legal research" assistant)."""
    phrase: list[str] = []
    for word in reversed(before.split()[-3:]):
        if re.search(r"[,.;:!?)]$", word):
            break  # "100k questions a day, support bot", "Use case: contract analysis": not a modifier
        cleaned = word.strip(",.;:!?()\"'").lower()
        if not cleaned or cleaned in _USE_CASE_STOP or not re.fullmatch(r"[a-z&/-]*[a-z][a-z&/-]*", cleaned):
            break  # (a bullet's dash is no modifier)
        phrase.insert(0, cleaned)
    return phrase


_MEETING_BEFORE = re.compile(
    r"\b(?:budget|performance|annual|quarterly|year[- ]end|board|pipeline|sprint|post[- ]?mortem|audit)\s+$"
    # "Notes from our pedagogy review", "From our FinOps review": where the paste comes from
    r"|\b(?:from|in|at|during|after)\s+(?:our|the|a|an|last|this|[\w]+'s)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _specific_head(sentence: str) -> str | None:
    for match in _USE_CASE.finditer(sentence):
        if re.search(r"\b(?:no|not|don'?t|doesn'?t|never|without)\s+(?:\w+\s+)?$|\b(?:each|every|per)\s+$", sentence[: match.start()], re.IGNORECASE):
            continue  # "we don't search documents", "no doc search": what it does not do; "each agent", "per agent": people
        if _MEETING_BEFORE.search(sentence[: match.start()]) and match.group(0).lower() in ("review", "analysis", "planning", "research"):
            continue  # "CFO flagged it in the budget review": a meeting, not the product
        if re.match(r"'s\b", sentence[match.end() :]):
            continue  # "Lead writer's note": a person's, not the product
        following = sentence[match.end() :].split()[:1]
        after = following[0].strip(",.;:!?()\"'").lower() if following else ""
        if after in _ORGANISATION:
            continue
        if (re.fullmatch(_TASK_HEADS, match.group(0), re.IGNORECASE) and following and following[0].isalpha()
                and after not in _NP_END and after not in _OBJECT_STOP):
            continue
        phrase = _modifiers(sentence[: match.start()])
        phrase.append(match.group(0).lower())
        # "legal research assistant": a head noun may be followed by another one.
        for word in sentence[match.end() :].split()[:2]:
            cleaned = word.strip(",.;:!?()\"'").lower()
            if not (_USE_CASE.fullmatch(cleaned) or _GENERIC.fullmatch(cleaned)):
                break
            phrase.append(cleaned)
            if cleaned != word.lower():
                break
        if len(phrase) == 1:
            # A bare "assistant" says little: keep what it is for ("assistant that drafts discharge letters").
            purpose = _WHAT_FOR.match(sentence[match.end() :]) or _DOES_NEXT.match(sentence[match.end() :])
            if purpose:
                for word in purpose.group(0).split():
                    cleaned = word.strip(",.;:!?()\"'").lower()
                    if cleaned in _PHRASE_END:
                        break
                    phrase.append(cleaned)
                    if cleaned != word.lower():
                        break
        return " ".join(phrase)
    return None
