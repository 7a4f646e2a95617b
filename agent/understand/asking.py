"""Asking for the recommendation: the usual asks (`WANTS_RECOMMENDATION`), a call word in a short
message, and a small grammar for the unusual ones ("what's the best route here?", "I would value your
view on the most sensible first step"), told apart from free questions about how an option works or
what it costs, which the sources answer."""

from __future__ import annotations

import re

_OPTION_NAMES = r"(?:rag|retrieval|fine[- ]?tun\w*|finetun\w*|ft|hybrid|distil\w*|prompt\w*|train\w* (?:our|an?|a custom|my)(?: own)? (?:model|llm|ai)|train\w* (?:our|my) own\b)"
# An option asked about for this team ("should we fine tune?"); prompt caching is a technique, asked
# about as one ("is prompt caching worth it before fine-tuning?").
_ASKED_OPTION = (r"(?!prompt caching\b)(?:" + _OPTION_NAMES + r"|(?:a |an )?(?:small(?:er)?|tiny|light(?:er)?|compact|distilled|student) (?:[\w-]+ )?model\b"
                 r"|shrink\w*(?: (?:the|our|it|to)\b)?|downsiz\w*)")


WANTS_RECOMMENDATION = re.compile(
    # "idk just tell me", "just say it", "tell me what to do already"
    r"^\W*(?:(?:idk|i don'?t know|don'?t know|dunno|ok|okay|so|look|come on|pls|please)\W+)*(?:just )?(?:tell me|say it|decide|pick one|answer)"
    r"(?:\s+(?:already|pls|please|plz|now|what to do|which one|which|what you think|for me))*\W*$|"
    r"\bwhat (?:do|would|should) you (?:recommend|suggest|advise|propose|do|pick|choose|go with)\b|\bwhat'?s (?:your|the) (?:recommendation|call|verdict|advice|take|suggestion|pick|plan)\b"
    r"|\bwhat do you think (?:we|i) should\b|\bwhere do (?:we|you) land\b|\bwhich (?:would|do|should) (?:you|we|i) (?:pick|choose|go with|use)\b"
    r"|\bwhat'?s (?:the )?(?:best|right) (?:[\w-]+ )?(?:option|approach|choice|fit|architecture|call|move|path|route|bet|way forward)(?: (?:for|here) (?:us|me|this|them|the client))?\W*\?|^\W*(?:\w+\W+){0,2}?(?:your )?recommend(?:ation)?s?\W*\?\W*$"
    r"|^\W*(?:(?:so|ok|okay|well|and|hmm|right)\W+){0,2}(?:which|what) (?:one|option|approach|architecture|path|route|way)\W*\?*\W*$"
    # Bare asks, the way people end a conversation: "what do you think", "what now", "your call",
    # "does that change things?", "what you recommend", "what is best for us?"
    r"|^\W*(?:(?:so|ok|okay|well|and|hmm|right|alright)\W+){0,2}(?:what (?:do |would )?(?:you|u|ya) think|what now|now what|what next|what then|and now|your call|over to you|options|any options)\W*$"
    # "so?", "ok so", "and so..." (a bare "So." may open a message that goes on)
    r"|^\W*(?:(?:ok|okay|and|well|right)\W+)?so\s*(?:\?+|\.{2,}|…)\W*$|^\W*(?:ok|okay|and|well|right)\W+so\W*$"
    r"|^\W*(?:(?:so|ok|okay|well|and|hmm)\W+){0,2}(?:does|did|would|will) (?:that|this|it) change (?:things|anything|the (?:answer|recommendation|call|picture|plan))\b"
    r"|\b(?:what|which(?: one| option)?) (?:you|u) (?:recommend|suggest|advise)\b|\b(?:what|which)(?:'s| is| would be| will be) (?:the )?best (?:for (?:us|me)|here|for this|option|choice|approach|one)\b"
    r"|\b(?:which|what) (?:one|option|approach|architecture|path|way) (?:makes (?:the most )?sense|fits (?:us|best)|works (?:best|for us)|is (?:best|right))\b"
    rf"|^\W*(?:so|ok|okay|well|and)?,?\s*(?:should|shall|do|would|could) (?:we|i)\b[^?]*\b{_OPTION_NAMES}\b[^?]*\bor\b[^?]*\?"
    rf"|^\W*(?:so|ok|okay|well|and)?,?\s*{_OPTION_NAMES}\b[^?]{{0,30}}\bor\b[^?]{{0,30}}\?\W*$"
    r"|\bwhat should (?:we|i) (?:do|pick|choose|use|go with|build)\b|\b(?:just )?(?:give|tell) me (?:your|the|a) (?:call|answer|recommendation|verdict|bottom line|pick)\b"
    r"|\brecommend(?:ation)?,? (?:now|already|please)\b|\b(?:which|what) (?:one|option|approach|architecture) (?:should|would|do you)\b"
    r"|\bmake (?:a|the|your) (?:call|recommendation|decision)\b|\bbottom line\b|\bcut to the chase\b|\bjust recommend\b"
    r"|\brecommend (?:something|one|an? (?:option|approach|architecture))\b|^\W*(?:please\s+|ok,?\s+|so,?\s+)?recommend\b|\bwhich (?:would|do) you recommend\b|\bskip the questions\b|\bwhat'?s the verdict\b|\brag or fine[- ]?tun\w*\s*\?|\bso what'?s it gonna be\b|\byour recommendation\b"
    # Whether they should take one option is asking for the call: "ok so should we fine tune?",
    # "would fine-tuning be worth it for us?", "does RAG make sense here?", "is that worth it?".
    rf"|\bshould (?:we|i) (?:just |really |even |still |actually )?(?:use |go with |do |try |bother with |consider |invest in )?{_ASKED_OPTION}"
    # "so is it time to go smaller?", "is it time to fine-tune?"
    rf"|\bis it time (?:to|for) (?:(?:go|move|switch|step|drop)\w* (?:down|smaller|to (?:a |something )?(?:smaller|cheaper)\b)|(?:a )?(?:smaller|cheaper) model|{_ASKED_OPTION})"
    rf"|\b(?:is|would|will) (?:it |a |the )?{_ASKED_OPTION}\b[^?.]{{0,30}}\b(?:be )?(?:worth it|worth the|overkill|a good (?:idea|fit)|the right (?:call|choice|move|fit)|the way to go|right for us)"
    rf"|\b(?:does|would|do) {_ASKED_OPTION}\b[^?.]{{0,20}}\bmake sense\b|^\W*(?:(?:so|ok|okay|but|and|hm+),?\s+){{0,2}}(?:is|would) (?:that|it|this) (?:really |even )?(?:be )?worth it\W*$"
    # The ways people ask for the call without the word "recommend".
    r"|\bwhat would you have (?:us|me|them|my client|the client|our client) (?:do|build|use|pick|go with)\b|"
    # asked indirectly: "lmk what you'd pick", "curious which one you'd go with", "let me know which way"
    r"\b(?:what|which(?: one| option| way)?) (?:you'?d|you would) (?:pick|choose|do|go with|build|use|recommend|suggest|start with)\b"
    r"(?=\s*(?:[?.!]|$|here\b|in my (?:shoes|place)\b|if\b|for (?:us|this|them|me)\b|tbh\b|honestly\b))|"
    r"\blet me know (?:which (?:one|option|way|approach)|what (?:to do|you think))\b|\bwhat (?:do|would) you reckon\b|\bwhat would you (?:build|do|go with|use|pick|choose|suggest)\b|\bwhat(?:'?s| is) (?:the|your) (?:plan|move|answer|take|play|call)\b"
    # "ok gimme the answer", "just tell me what to do", "so, should we?" (the option said before it)
    r"|\b(?:gimme|give us|tell us) (?:the|your|a) (?:answer|call|verdict|recommendation|pick|take|bottom line)\b|\b(?:just )?tell (?:me|us) what to do\b"
    r"|^\W*(?:(?:so|ok|okay|well|and|but)\W+){0,2}(?:should|shall|do|can) (?:we|i)\W*\?\W*$"
    # whether what was just set out is needed: "Do I have to?", "do we really need both?", "is all that necessary?"
    r"|^\W*(?:(?:so|ok|okay|well|and|but|hm+|honestly)\W+){0,2}(?:do|must|would|will) (?:i|we) (?:really |actually |even |still )?(?:have to|need to|need (?:both|all (?:of )?(?:that|this|them)|two(?: \w+)?|it|that|them))(?: (?:do|build) (?:both|that|it|all that))?\W*\?\W*$"
    r"|^\W*(?:(?:so|ok|okay|well|and|but|hm+|honestly)\W+){0,2}(?:is|are) (?:all )?(?:that|this|both|they|these) (?:really |even |actually )?(?:necessary|needed|required)\W*\?\W*$"
    # a choice between options, with or without the question mark: "ok so rag, ft, or both?", "rag or ft or what"
    rf"|^\W*(?:(?:so|ok|okay|well|and|hmm|right)\W+){{0,2}}{_OPTION_NAMES}(?:\s*,\s*{_OPTION_NAMES})*,?\s+(?:or|vs\.?|versus)\s+(?:{_OPTION_NAMES}|both|what|neither|something else)\b"
    rf"(?:,?\s+(?:or|vs\.?)\s+(?:{_OPTION_NAMES}|both|what|neither|something else)\b)*\W*\??\W*$"
    # ... or listed with commas alone and a question mark: "so: rag, fine-tuning, something else?"
    rf"|^\W*(?:(?:so|ok|okay|well|and|hmm|right)\W+){{0,2}}{_OPTION_NAMES}(?:\s*,\s*(?:{_OPTION_NAMES}|both|neither|something else|other|what|or what))+\s*\?+\W*$"
    # one option put as the question: "so, fine tune?", "ok, rag then?", "so, distill like the vendor said?"
    rf"|^\W*(?:(?:so|ok|okay|well|and|then|right)\W+){{1,2}}{_OPTION_NAMES}(?:\s+(?:then|instead|after all|like [^?]{{1,30}}|as [^?]{{1,30}}|for [^?]{{1,30}}))?\s*\?+\W*$"
    # ... or with what it is for, or a "then": "fine-tune for the voice?", "rag for this?", "distill then?"
    rf"|^\W*{_OPTION_NAMES}\s+(?:then|for (?:this|it|us|that|the [^?]{{1,25}}|[a-z]+))\s*\?+\W*$"
    r"|\bwhat'?s the (?:fix|solution|way out|remedy|cure)\b|\bwhat'?s the first thing (?:you'?d|you would|we should|to) do\b"
    # "so fine tune or not", "rag or not?": whether to take the one option they name
    rf"|^\W*(?:(?:so|ok|okay|well|and)\W+){{0,2}}{_OPTION_NAMES}\b[^?.]{{0,20}}\bor not\W*$"
    r"|\b(?:pls|plz|please|kindly)\s+(?:advi[cs]e|recommend|suggest)\b(?!\s+(?:me|us)\s+(?:on|about)\s+(?:the )?(?:cost|price|gpu|vector))"
    r"|\brecommendation (?:pls|plz|please)\b|\bwhat should (?:we|i) (?:do|go for)\b|\bwhat(?:'s| is) cheapest that works\b|\bso what(?:'s| is) (?:it|the answer)\b"
    r"|^\W*(?:so|ok|okay|right|well)?,?\s*(?:thoughts|verdict|and|so|well)\W*\?\W*$|\b(?:yes or no|which way)\W*\?\W*$|\bgo ahead\b"
    # "is distilling a thing here or am I overthinking it", "is fine-tuning even worth doing"
    rf"|\b{_ASKED_OPTION}\b[^?.]{{0,20}}\b(?:a thing|worth (?:it|doing)|overkill)\b[^?.]{{0,30}}\b(?:overthinking|or not|or what)\b"
    # one option put up and the rest left open: "rag? or something else", "fine-tuning?? or not"
    rf"|^\W*(?:(?:so|ok|okay|well|and|hmm)\W+){{0,2}}{_OPTION_NAMES}(?:\s+then)?\s*\?+\s*(?:or|and)\s+(?:something else|what|not|both|neither|another way|other options?)\b"
    # options listed as questions, then the user's doubt: "rag? ft? idk what people use"
    rf"|^\W*(?:(?:so|ok|okay|well|and|hmm)\W+){{0,2}}{_OPTION_NAMES}\s*\?+\s*(?:{_OPTION_NAMES}|both|hybrid)\s*\?+"
    # "whats the best approach", "what's the right call here": the best of the options, asked without a mark
    r"|^\W*(?:(?:so|ok|okay|well|and|hmm|then)\W+){0,2}(?:what'?s|what is|whats) (?:the |our )?(?:best|right|smart|smartest|sensible|recommended|safe|safest) (?:approach|option|choice|move|path|way|call|bet|first step|next step|place to start|starting point)(?: (?:here|for us|for this|then))?\W*$"
    # "Does that mean fine-tuning?", "so does this point to RAG?"
    rf"|^\W*(?:(?:so|ok|okay|and|then)\W+)?(?:does|would) (?:that|this|it|all that) (?:mean|point to|call for|argue for|suggest) {_ASKED_OPTION}\b"
    # "so, smaller model?"
    r"|^\W*(?:(?:so|ok|okay|well|and|then)\W+){1,2}(?:a |the )?(?:smaller|cheaper|distilled|tiny) (?:model|one)\s*\?+\W*$"
    # "smaller model then?", "a distilled model, then?"
    r"|^\W*(?:a |the )?(?:smaller|cheaper|distilled|tiny) (?:model|one),?\s+(?:then|now|after all)\s*\?+\W*$"
    # moving to a smaller or cheaper model is the distillation question: "should we switch to something smaller?"
    r"|\b(?:(?:should|shall|could|can|do) (?:we|i)|(?:we|i) should) (?:just )?(?:switch|move|go|downgrade|drop down|step down|change) (?:over )?to (?:a |an |some )?(?:something|one|model|llm)?\s*"
    r"(?:smaller|cheaper|lighter|tinier|small|cheap|light)\b"
    # "should we train something smaller?", "could we build a cheaper one?"
    r"|\b(?:should|shall|could|can|do) (?:we|i) (?:just )?(?:train|build|make|use|get|fine[- ]?tune) (?:something|a model|one|an? \w+ model) (?:smaller|cheaper|lighter)\b",
    re.IGNORECASE,
)


# Asking for the call in words no list above holds, the way people end a conversation: a question
# put to the advisor about what the team should do, or whether one option is theirs. A question about
# how an option works, what it costs, or a part of it (a vector store, a GPU) is a free question.
_A_QUESTION = re.compile(r"\?\s*$|^\W*(?:(?:so|ok|okay|well|and|but|hmm+|right|alright|then|tl;?dr|honestly|basically|bottom line|in short|quick question)\W+){0,2}(?:what|where|which|how|should|shall|do|does|is|are|would|could|can|will|any)\b", re.IGNORECASE)
_FREE_QUESTION = re.compile(
    r"\b(?:how much|how many|how long|how does|how do (?:(?:you|they|i|we) )?(?:\w+ )?(?:work|works|handle|compare|train|set up|build|deploy)|cost\w*|pric\w*|expensive|cheap\w*|"
    r"what (?:is|are|does|'s) (?:a |an |the )?(?:rag|fine[- ]?tun\w*|distill\w*|lora|prompt\w*|hybrid|retrieval|embedding\w*)\b|mean|difference|explain|"
    # (a vendor who pitched an option is no question about vendors: "our vendor keeps pushing distillation")
    r"vector|database|\bdb\b|embedding|chunk\w*|gpus?|provider|vendor(?!'s\b)(?!s? (?:keeps?|is|are|pitched|says|said|suggests?|suggested|wants?|pushing|pushes|recommends?|recommended|proposed|proposes))|framework|library|librar\w+|tool(?:s|ing)?|stack|model size|which model|what model|cach\w+|"
    # a claim read somewhere, put to the advisor to check ("I read fine-tuning breaks even at 50k, right?")
    r"(?:i|we) (?:read|heard|saw)|according to|article|blog|paper)\b",
    re.IGNORECASE,
)
_WHAT_WE_DO = re.compile(
    # "ok so what do we do?", "where should we start?", "where does that leave us?", "what would you advise us to do"
    r"\b(?:what|where|which way|how)\b(?:\s+[\w']+){0,3}?\s+(?:should|shall|do|would|could|must|can|ought to|need to|have to)\s+(?:we|i|us)\b(?:\s+[\w']+){0,2}?\s+"
    r"(?:do|start|begin|go|head|proceed|pursue|focus on|go from here|choose|pick|try first|do first|do next)\b(?:\W+\w+){0,3}\W*$"
    # "ok so what do we build" (and nothing after it: "what do we build the index with?" asks how)
    r"|\b(?:what|which)\s+(?:should|do|would|shall|can)\s+(?:we|i)\s+(?:build|make|ship|go with)(?:\s+(?:then|now|here|first|instead))?\W*$"
    r"|\bwhere (?:does|do) (?:that|this|it|all this) (?:leave|put) (?:us|me)\b|\bwhat (?:are|r) (?:we|u|you) (?:doing|going with|going to do)\b(?:\W+\w+){0,2}\W*$|\bwhere do (?:we|i) go from here\b|\b(?:what'?s|what is) (?:the |our )?(?:next step|way forward|path forward|first step)\b"
    # "what you think is necessary?", "what is needed for us?"
    r"|\bwhat (?:do )?(?:you|u) think (?:is|would be) (?:necessary|needed|best|right|the way|smart|wise)\b|\bwhat(?:'s| is) (?:necessary|needed|required) (?:here|for us|for this)\b"
    # "What do you advice us to do?", "What you are recommending for us?", "any advice?", "your thoughts?"
    r"|\b(?:advi[cs]e|recommend\w*|suggest\w*|propos\w*|opinion|thoughts|counsel)\b(?:\W+\w+){0,4}\W*$"
    # "Where ought we to begin?"
    r"|\b(?:where|what|how) ought (?:we|i) to (?:begin|start|go|do|proceed)\b",
    re.IGNORECASE,
)
# The way forward asked for in other words: "what's the best route here?", "which path makes most sense
# for us?", "what would you start with?", "how would you tackle this?", "where would you put your money?"
_WHICH_WAY = re.compile(
    r"\b(?:best|right|smart|smartest|wise|wisest|sensible|ideal|correct|recommended|preferred|most sensible|better|winning|obvious|safest|safe)\s+(?:[\w-]+\s+)?"
    r"(?:route|approach|path|option|move|play|strategy|plan|bet|choice|direction|way|solution|lever|course)\b"
    # (the best way to do a part of it is a free question: "the right way to evaluate this?")
    r"(?!\s+(?:to|for|of) (?!(?:us|me|this|it|our|my|the team|here|go|take|proceed|start|begin|move|tackle|solve)\b))"
    r"|^\W*(?:(?:so|ok|okay|well|and|then)\W+)?(?:which|what) (?:route|approach|path|option|direction|strategy|way)\b|\bwhich (?:route|approach|path|option|direction|strategy) (?:is|would|should|do|makes?)\b"
    r"|\bwhat (?:would|should|do|could) (?:you|u|we|i) (?:start|begin|lead|open) with\b|\bwhat (?:should|would|must|ought to) (?:come|go|happen) first\b|\bwhat comes first\b"
    r"|\bhow (?:would|should|could) (?:you|u|we|i) (?:tackle|approach|attack|solve|play|go about|handle) (?:this|it|that|all this|the problem)\b"
    r"|\bwhere (?:would|should|do|shall) (?:you|u|we|i) (?:put|bet|spend|invest)\b|\byour gut\b|\bif (?:you|u) were (?:me|us|in my shoes|in our shoes)\b"
    # "where would you start?", "tell me where to begin", "and if you had to choose?"
    r"|\b(?:where|what|how) (?:would|should|do|could) (?:you|u) (?:start|begin|go|head|kick off)(?: with (?:this|it|that)| here| first| from here)?\W*$"
    # "Everyone online says fine-tune. Is that where you'd start?"
    r"|\bwhere (?:you'?d|you would|u'?d|we'?d|we would|we should) (?:start|begin)\b"
    r"|\bif (?:you|u) (?:had|have|were) to (?:choose|pick|decide|bet|go with one)\b|\bif it (?:were|was) (?:you|up to you)\b"
    # "Should we do what my partner says?": someone else's advice put to the advisor
    r"|\b(?:should|shall|do) (?:we|i) (?:do|go with|follow|listen to|take|trust) (?:what|the advice|his|her|their|my|our)\b(?:\W+\w+){0,4}?\W+(?:says?|said|suggests?|suggested|wants?|advice|recommends?|proposes?|pitch(?:ed)?)\b",
    re.IGNORECASE,
)
_TELL_ME_WHERE = re.compile(
    r"\b(?:tell (?:me|us)|(?:need|want|like|have) to know|wondering|help (?:me|us) (?:decide|figure out|work out)) (?:where|how|what) to (?:begin|start|go|do|pick|choose)\b",
    re.IGNORECASE,
)
# The call asked for formally, as people outside tech write: "I would value your view on the most
# sensible first step", "how best to proceed", "were you in my position", "in your judgement, which
# approach is warranted?", "is the consultancy's proposal the right place to start?", "does that
# change what we should build?", "how would you reduce the cost without losing the accuracy?".
_FORMAL_ASK = re.compile(
    r"\b(?:value|welcome|appreciate|like|want|need|seek\w*|grateful for)\s+your\s+(?:honest\s+|independent\s+|candid\s+)?(?:view|opinion|judg(?:e)?ment|take|thoughts|advice|counsel|recommendation|perspective|assessment|steer)\b"
    r"|\bhow (?:best )?to proceed\b|\bhow (?:would|should|do|could|might) (?:you|we|i) (?:best )?proceed\b|\b(?:were|if) you (?:were )?in (?:my|our) (?:position|place|shoes)\b"
    r"|\b(?:right|best|sensible|logical|correct|wise|good|obvious) place (?:for (?:me|us|a team like ours) )?to (?:start|begin)\b|\b(?:most )?(?:sensible|right|best|logical|correct|wise|prudent) (?:first |next )?step\b"
    # "rag or ft, just pick", "ok, choose one for us"
    r"|(?:^|[,;:]\s*)(?:(?:so|ok|okay|then|and)\W+)?(?:just |please |pls |you )?(?:pick|choose|decide)(?: one| for (?:me|us))?\W*$"
    # "Does it make sense to do both?", "should we combine the two?"
    r"|\b(?:does it|would it|is it worth(?: it)?|should we|do we|can we) (?:make sense (?:to )?)?(?:to )?(?:do|go with|use|combine|build|try)\s+(?:both|the two|them both|a hybrid)\b"
    # "Which of these should we go for?", "just tell me what you'd do first"
    r"|\bwhich (?:of (?:these|those|them|the (?:options|approaches|two|three|four|five))|one|option|approach|route|way)\s+(?:should|would|do|could|shall) (?:we|i|you) (?:go for|go with|pick|choose|use|take|do|start with|recommend)\b(?!\s+(?:for|as|to|in|with|on)\s+(?!us\b|me\b|this\b|it\b|here\b))"
    r"|\b(?:tell|show) (?:me|us) what (?:you'?d|you would|you) (?:do|pick|choose|start with|go with|recommend)\b"
    # "What should be our first step?", "what would be my first move?"
    r"|\bwhat (?:should|would|must|could|will) (?:be )?(?:our|my|the) (?:very )?(?:first|next) (?:step|move|thing)\b"
    r"|\bdoes (?:that|this|it|any of (?:that|this)) change (?:what|your|the|our|anything)\b|\bwhat (?:we|i) should (?:build|do|use|go with|pick|choose)\b"
    r"|\b(?:approach|option|route|path|course)\s+(?:you|u)\s+(?:consider|think|deem|believe|would (?:take|choose|pick|consider))\b|\bkindly (?:indicate|advise|recommend|suggest)\b"
    r"|\bor is there (?:something|anything) (?:i|we)(?:'ve| have)? (?:overlooked|missed|not considered|forgotten)\b|\bwould (?:you|u) take a different view\b"
    r"|\bin your (?:view|opinion|judg(?:e)?ment|experience)\b[^.]*\?",
    re.IGNORECASE,
)
# ... and for the cheaper way, which the cost words of a free question would otherwise hide.
_COST_ASK = re.compile(
    r"\bhow (?:would|should|could|do|can|might) (?:you|we|i) (?:reduce|cut|lower|bring down|trim) (?:the |our |this |that )?(?:cost|costs|bill|spend)\b"
    r"|\b(?:cheap(?:er|est)|best|right|smart(?:er|est)?) way to (?:keep|maintain|preserve|hold on to|get)\b(?! (?:the )?(?:embeddings?|vectors?|index))",
    re.IGNORECASE,
)
# An option named and put as a yes or no: "smaller model? or what", "so fine tune, yes?"
_OPTION_YES_OR_NO = re.compile(
    rf"\b{_ASKED_OPTION}[^.!]{{0,20}}?(?:\?\s*or (?:what|something else|not|no|nah)|,?\s*(?:yes|right|no|yeah|yea|correct)\s*\?|\bor (?:what|not|nah|nope)\s*\??)\s*$"
    # one option or another: "given all that, fine-tune or keep prompting?"
    rf"|\b{_ASKED_OPTION}[^.?!]{{0,25}}\bor\b[^.?!]{{0,25}}(?:\b{_ASKED_OPTION}|\bkeep (?:prompting|going|it|what we have)|\bstay(?:ing)? (?:put|on|with)|\bsomething else|\bneither)\b[^.?!]*\?\s*$"
    # an option put as the question with someone's advice: "distill like the vendor said?"
    rf"|^\W*(?:(?:so|ok|okay|then|and)\W+)*{_ASKED_OPTION}[^.?!]{{0,10}}\b(?:like|as)\s+(?:the |our |my |they |he |she |\w+ )?(?:\w+\s+)?(?:said|says|suggested|suggests|pitched|recommended|proposed)\s*\?+\s*$",
    re.IGNORECASE,
)
# Taking an option named before in the sentence: "our vendor keeps pushing distillation - do we go for it?"
_GO_FOR_IT = re.compile(r"\b(?:do|should|shall|can) (?:we|i) (?:just )?(?:go for it|do it|pull the trigger|bite|take it|try it|go ahead)\b", re.IGNORECASE)
# Whether to take an option: "do we fine tune?", "worth fine-tuning?", "would RAG work here?",
# "is it necessary to do fine-tuning for this?", "can prompting alone fix this?".
_OPTION_DECISION = re.compile(
    r"\b(?:should|shall|worth|necessary|needed|need (?:to|a)|required|right|work|works|help|fix|solve|make sense|makes sense|good idea|better|"
    r"enough|simpler|easier|cheaper|smarter|the answer|the way|go (?:for|with)|start(?:ing)? (?:with|point)|overkill|suitable|appropriate|fit|the move|do we|do i|are we|"
    r"justified|justifiable|warranted|worth (?:it|doing|the effort)|serve|suffice|cut it|do the job|do the trick|be enough)\b",
    re.IGNORECASE,
)
# "Should we keep paying for Opus or do something else?": a choice put to the advisor.
_SHOULD_WE_OR = re.compile(r"^\W*(?:(?:so|ok|okay|well|and|but)\W+){0,2}(?:should|shall|do|would) (?:we|i)\b[^?]*\bor\b[^?]*\?", re.IGNORECASE)


# Words that in a short message can only be asking for the call: "ok so final answer?", "which way to
# go", "answer pls: what now", "what next step", "so fine tune yes or no".
_CALL_CUE = re.compile(
    r"\b(?:final (?:answer|call|verdict|word)|final|verdict|recommend\w*|suggest\w*|advi[cs]e|decide|decision|what now|now what|"
    r"next steps?|which way|way to go|what (?:we|i) (?:should|must|need to|ought to) do|yes or no|your (?:call|take|pick)|bottom line|"
    r"conclusion|the answer|answer (?:pls|please|plz|me)|what (?:to|do we) do|thoughts|your take)\b",
    re.IGNORECASE,
)
_SHORT_ASK_WORDS = 8
# A short statement that happens to hold a call word: "we suggest products", "the final format is json".
# So is someone else's advice reported: "Someone suggested fine-tuning a model per show".
_STATEMENT = re.compile(
    r"^\W*(?:we|i|our|the|it|they|this|that|my|their|its|someone|somebody|everyone|everybody|people|a consultant|a colleague)\b"
    r"|\b(?:is|are|was|were|has|have|had|suggested|recommended|advised|proposed|decided|told|says|said|suggests|recommends)\b",
    re.IGNORECASE,
)


# An opinion sought on an option the message names, which is asking for the call: "fine tuning is what
# i'm leaning towards, but what do you think? am I wrong?", "would you fine tune?", "we were thinking
# of fine-tuning on our past replies. good idea or not?", "a small model? or is that the wrong lever".
OPINION_SOUGHT = re.compile(
    r"\bwhat do (?:you|u|ya) (?:think|reckon|say)\b|\bam i (?:wrong|crazy|off|right|missing something|on the right track)\b|"
    r"\b(?:good|bad|smart|dumb|sensible|terrible) idea\b|\bor not\s*\?|\bwould (?:you|u) (?:\w+ )?(?:go|do|pick|choose|use|try|recommend|fine[- ]?tune|distil\w*|rag)\b|"
    r"\b(?:wrong|right) (?:lever|call|move|approach|direction|tool|path)\b|\bmakes? sense\s*\?|\bsanity[- ]check\b|\b(?:do you |would you )?agree\s*\?|"
    # "so is this a fine tune thing or am I overthinking it"
    r"\bam i overthinking\b|\bor am i\b|\bis (?:this|it) an? [\w -]{2,20} thing\b|"
    # "so is the vendor right?", "A colleague is keen on fine-tuning. Is that premature?"
    r"\b(?:is|are) (?:the vendor|the consultant|(?:the|my|our) [\w-]+|they|he|she) (?:right|wrong)\b|"
    r"\bis (?:that|this|it) (?:premature|overkill|too early|too much|a mistake|wise|sensible|smart|the way to go)\b",
    re.IGNORECASE,
)


def seeks_an_opinion(text: str, earlier: str = "") -> bool:
    """Whether the message asks what the advisor thinks of an option it names, or one named in the
    user's `earlier` messages ("a vendor pitched us a fine-tuned model" ... "so is the vendor right?")."""
    # (an opinion on a figure, "what do you think a fine-tune costs per token?", is a question for the sources)
    sought = any((m := OPINION_SOUGHT.search(s)) and (not _FREE_QUESTION.search(s) or m.group(0).lower().endswith("right"))
                 for s in re.split(r"(?<=[.?!])\s+", text))
    return sought and bool(re.search(rf"\b{_ASKED_OPTION}|\bsmall(?:er)? model\b", f"{earlier} {text}", re.IGNORECASE))


# The advisor asked to argue its case: "Convince me.", "change my mind", "talk me out of it".
_ARGUE_IT = re.compile(r"\b(?:convince|persuade) (?:me|us)\b|\bchange (?:my|our) minds?\b|\btalk (?:me|us) (?:out of|into) it\b|\bmake (?:the|your) case\b|\bsell (?:me|us) on (?:it|that|this)\b", re.IGNORECASE)


# A consultant asks for the client: "ok so what should they do", "should the client fine-tune?" is
# the ask "what should we do" (the asks below are written in the first person).
_FOR_THE_CLIENT = re.compile(r"\b(?:they|the (?:client|customer|team|company)|my client|our client|an? (?:[\w-]+ )?(?:nonprofit|charity|company|business|startup|team|shop|firm|school|clinic|practice|agency|council|org\w*)(?: like (?:us|ours|mine))?)\b(?=\s+(?:do|should|shall|build|pick|choose|go|use|start|need|have to|must|fine[- ]?tune|distil\w*)\b)", re.IGNORECASE)


def asks_for_the_call(sentence: str) -> bool:
    """Whether the sentence asks for the recommendation: a table of the usual asks
    (`WANTS_RECOMMENDATION`), a call word in a short message, or the grammar below for the unusual ones."""
    first_person = _FOR_THE_CLIENT.sub("we", sentence)
    return _asks(sentence) or (first_person != sentence and _asks(first_person))


def _asks(sentence: str) -> bool:
    if WANTS_RECOMMENDATION.search(sentence) or _TELL_ME_WHERE.search(sentence) or _COST_ASK.search(sentence) or _ARGUE_IT.search(sentence):
        return True
    if _FORMAL_ASK.search(sentence) and not _FREE_QUESTION.search(sentence):
        return True
    if _OPTION_YES_OR_NO.search(sentence) and not _FREE_QUESTION.search(sentence):
        return True
    if _GO_FOR_IT.search(sentence) and re.search(rf"\b{_ASKED_OPTION}", sentence, re.IGNORECASE):
        return True
    cue = _CALL_CUE.search(sentence)
    if (len(sentence.split()) <= _SHORT_ASK_WORDS and cue and not _FREE_QUESTION.search(sentence)
            and not re.search(r"\d[\w.,]*\s+$", sentence[: cue.start()])  # "~4 suggestions per call" counts them
            and (sentence.rstrip().endswith("?") or not _STATEMENT.search(sentence))):
        return True
    if not _A_QUESTION.search(sentence) or _FREE_QUESTION.search(sentence):
        return False
    if _WHAT_WE_DO.search(sentence) or _SHOULD_WE_OR.search(sentence) or _WHICH_WAY.search(sentence):
        return True
    return bool(re.search(rf"\b{_ASKED_OPTION}", sentence, re.IGNORECASE) and _OPTION_DECISION.search(sentence))


# Put to the advisor, late in a conversation about the decision, with nothing else in it: "Go on then,
# pick one for me.", "what's the smart money say?", "If it were your plant, what would you build?",
# "So what would you tell my boss?". With no fact, no what-if and no question for the sources read in
# it, such a message can only be asking for the call.
_PUT_TO_THE_ADVISOR = re.compile(
    r"\b(?:you|your|yours|u|ur)\b|^\W*(?:(?:ok|okay|alright|right|so|well|go on|come on|then)\W+){0,3}(?:pick|choose|decide|give it to me|lay it on me|hit me|spill|be my)\b"
    r"|\bwhat (?:do|should|would|can|shall) (?:i|we) (?:tell|say to|put|present|show|pitch|bring)\b|\b(?:tie-?breaker|vote|verdict|smart money|gut)\b",
    re.IGNORECASE,
)
_MOST_WORDS_PUT = 20


def put_to_the_advisor(text: str) -> bool:
    """Whether a short message with nothing else read in it is a question or an order to the advisor
    (see `_PUT_TO_THE_ADVISOR`), not a question about how an option works or what it costs."""
    text = text.strip()
    if len(text.split()) > _MOST_WORDS_PUT or _FREE_QUESTION.search(text) or re.match(r"^\W*(?:(?:so|and|but|ok)\W+)?how\b", text, re.IGNORECASE):
        return False  # ("how would you start the indexing job?" asks how a part is done)
    asking = text.endswith("?") or bool(re.match(r"^\W*(?:(?:ok|okay|alright|right|so|well|go on|come on|then)\W+){0,3}(?:pick|choose|decide|give|lay|hit|spill|be)\b", text, re.IGNORECASE))
    return asking and bool(_PUT_TO_THE_ADVISOR.search(text))

