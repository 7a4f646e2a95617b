"""Figures beyond the volume: what a fine-tune would save in the prompt, the answer's length when it
follows the prompt's ("1,800 tokens in and 600 out"), the latency budget, how many documents there
are, the GPUs the team already owns, and a fine-tune it already has.

Each reader takes a sentence and the `Found` accumulator of `agent.understand.rules`, with the
spans already read (money, model names, volumes) so a figure is read once.
"""

from __future__ import annotations

import re
from typing import Callable

from agent.understand.contract import Found
from agent.understand.figures import COST_THEN_AMOUNT, parse_number
from agent.understand.options_named import GPU
from tools.scenario import DAYS_PER_MONTH

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k)?"
_HEDGE = r"(?:about|around|roughly|approximately|approx\.?|~|maybe|perhaps|probably|only|just|like)?\s*"

# "a tuned model would need maybe 250", "fine-tuning would let us drop it to 500", "cut it to 300".
_TUNED_NEEDS = re.compile(
    r"\b(?:(?:a |the )?(?:tuned|fine[- ]?tuned|trained)(?: model| version)?\s+(?:would|could|might|will)\s+(?:only\s+)?(?:need|use|take)"
    r"|(?:drop|cut|shrink|reduce|bring|trim)\s+(?:it|that|this|the prompt|them)\s+(?:down\s+)?to)\s+" + _HEDGE + _NUMBER,
    re.IGNORECASE,
)
# "fine-tuning would save ~1,500 tokens per call".
_SAVES = re.compile(
    r"\b(?:save|saves|saving|spare|remove|drop)\s+" + _HEDGE + _NUMBER + r"\s*tokens?\b",
    re.IGNORECASE,
)
# "1,800 tokens in and 600 out", "2k in / 400 out".
_IN_OUT = re.compile(
    r"(?P<in>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<inmult>k)?\s*(?:tokens?\s*)?(?:each\s+|per (?:call|request|query)\s+)?(?:in|input)\b\s*(?:,|and|/|\+|with)?\s*"
    + _HEDGE + r"(?P<out>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<outmult>k)?\s*(?:tokens?\s*)?(?:out|output|back)\b",
    re.IGNORECASE,
)
# The answer's length said alone: "summary ~500 out", "about 300 tokens out" (not "9 out of 10").
_OUT_ONLY = re.compile(
    r"(?<![\w.,])" + _HEDGE + r"(?P<out>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<outmult>k)?\s*(?:tokens?\s*)?(?:out|output)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# The answer's length named before its figure, where tokens are being counted: "prompts are ~3k
# tokens, answers maybe 300", "input is 1.5k tokens, output 200ish".
_OUT_BEFORE = re.compile(
    r"\b(?:answers?|outputs?|responses?|replies|completions?)\s+(?:are\s+|is\s+|run\s+|average\s+)?" + _HEDGE
    + r"(?P<out>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<outmult>k)?(?:\s*tokens?|ish)?\b(?!\s*(?:%|ms|s\b|seconds?|words|a day|per|/))",
    re.IGNORECASE,
)
# A time the model must answer within: "under 800 ms", "callers hang up after half a second".
_TIME = re.compile(
    r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>ms|milliseconds?|msec|s|secs?|seconds?)\b"  # not the "100s" of "H100s"
    r"|(?P<words>half a second|a half second|a quarter of a second|quarter of a second|a second|one second|two seconds|a couple of seconds)",
    re.IGNORECASE,
)
_WORD_SECONDS = {
    "half a second": 0.5, "a half second": 0.5, "a quarter of a second": 0.25, "quarter of a second": 0.25,
    "a second": 1.0, "one second": 1.0, "two seconds": 2.0, "a couple of seconds": 2.0,
}  # fmt: skip
_LIMIT_BEFORE = re.compile(r"(?:\b(?:sub-?|under|within|below|less than|at most|no more than|max(?:imum)?|target|sla|needs? to be|must be|has to be|have to be|should be)|\bbudget\b[^.;,]{0,20}|<|≤)\W*(?:~|about|around|roughly|like)?\s*$", re.IGNORECASE)
_LIMIT_AFTER = re.compile(r"^\W*(?:tops|max|at most|at the most|or less|or under|or faster|(?:per \w+ )?(?:is|are) (?:ok|okay|fine|acceptable))\b", re.IGNORECASE)
_MEASURED_BEFORE = re.compile(
    r"\b(?:is|are|'s|at|averages?|currently|right now|today|now|takes?|taking|took|see|seeing|get|getting|runs?|sits? at|hovers? (?:at|around)|"
    # a percentile or a latency named with its figure: "too slow - p95 around 1.9s", "ttft ~1.2s"
    r"p9\d|p50|median|ttft|(?:response|reply|answer) times?)\W*(?:~|about|around|roughly|like|of)?\s*$",
    re.IGNORECASE,
)
_BUDGET_CUE = re.compile(
    r"<|\b(?:sub|useless|unusable|under|within|below|less than|more than|at most|max(?:imum)?|budget|respond|answer|reply|first token|ttft|p9\d|p50|tops|or less|no more than|ok|okay|fine|acceptable|come back|"
    r"hang up|drop off|give up|time ?out|sla|today|right now|currently|takes|taking|laggy|slow|gets?|gives?|given|leaves?|has|have|allow\w*|must|needs? to|has to|otherwise|or (?:the|they|people))\b",
    re.IGNORECASE,
)
_CORPUS = re.compile(
    _HEDGE + r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|thousand|million)?\s+(?:\w+\s+){0,2}?"
    r"(?:documents|docs|pages|articles|pdfs|contracts|manuals|files|policies|wordings|filings|reports|guides|notes|records|precedents|sops|skus|listings|product pages)\b",
    re.IGNORECASE,
)
# Documents people wrote as the work itself ("~4000 finding reports written by senior auditors"): examples, no corpus.
_WRITTEN_BY = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:written|drafted|authored|produced|composed|redlined) (?:by|in-house|by hand)\b"
    # "1,800 documents that my team keyed in by hand ... so we can test with those"
    r"|\s+(?:[\w-]+\s+){0,5}?(?:keyed|typed|entered|transcribed|corrected|labell?ed|tagged|checked)\b(?:\s+(?:in|up))?\s+(?:by hand|manually)\b"
    # "900 listings she signed off on"
    r"|\s+(?:[\w-]+\s+){0,3}?(?:signed off on|signed off|approved|graded|scored|rated)\b",
    re.IGNORECASE,
)
_PER_PERIOD = re.compile(r"\s*(?:a|an|per|each|every|/)\s*(?:day|week|month|year|hour|quarter)\b", re.IGNORECASE)
_EVAL_WORDS = re.compile(r"\b(?:labell?ed|labels?|annotated|graded|rated|tagged|scored|hand[- ]checked|golden|gold|validated|reference|test|eval\w*|examples?|reviewed|verified|checked|approved|marked|corrected|coded|categori[sz]ed|classified|correct|right|expected|ground[- ]truth|passed|held[- ]out|hold(?:ing)? out|holdout)\b", re.IGNORECASE)
_OWNED = re.compile(
    r"\b(?:we (?:have|own|bought|run|got)|we've got|we already (?:have|own|run)|already (?:have|own|paid for)|our own|sitting on|in-house|"
    # GPUs the model in use occupies today: "it's eating 16 H100s", "runs on 8 A100s", "ties up four L40S".
    r"(?:it's|it is|it|that's|which is)\s+(?:eating|eats|using|uses|taking up|takes up|tying up|ties up|hogging|hogs|occupying|occupies|running on|runs on)|"
    r"(?:running|runs|served|hosted|deployed) (?:it )?on|"
    # the model in use named before the GPUs it runs on: "we run llama 3.1 70b on rented H100s"
    r"\b(?:we|they|i)\s+(?:run|serve|host|deploy)\s+(?:it|the model|[\w.-]+(?:\s+[\w.-]+){0,3}?)\s+on)\s+"
    r"(?:(?P<num>\d+|a couple of|couple of|a pair of|a few|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen)(?:\s*[x×])?\s+)?"
    r"(?:\w+\s+){0,2}?(?P<gpu>h100|h200|a100|a10g?|l40s|l4|a6000|rtx ?4090|rtx ?6000|b200|t4|mi300x?|v100)s?"
    r"(?:\s+(?P<unit>gpus?|cards?|boxes|box|servers?|machines?|nodes?))?",
    re.IGNORECASE,
)
_FINE_TUNE_ASSET = re.compile(
    r"\b(?:we|i|the team)\s+(?:already\s+)?(?:trained|fine[- ]?tuned|built|have|made|did)\s+(?:a|an|our own|some)\s+"
    r"(?:\w+\s+)?(?:lora|qlora|adapter|fine[- ]?tune|fine[- ]?tuned model|custom model)\b|\bwe (?:already |previously |once |have |'ve )?fine[- ]?tuned\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12, "sixteen": 16, "a couple of": 2, "couple of": 2, "a pair of": 2, "a few": 3}  # fmt: skip


# What the team pays today for the model in use: "$18k/mo", "costs us 30k a month", "our openai bill
# runs ~12k/month", "we spend $200k a year on it". Not another option's cost, a budget, or a "would".
_SPEND = re.compile(
    r"(?P<cur>US\$|[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|mm|grand|thousand|million)?\b\s*"
    r"(?P<unit>usd|us dollars|dollars|bucks|eur|euros?|gbp)?\s*(?:(?:/\s*|a |an |per |each |every )(?P<per>month|mo|quarter|qtr|year|yr|annum|week|wk)|(?P<adverb>monthly|quarterly|yearly|annually|weekly)|last (?P<last>month|year|quarter))\b",
    re.IGNORECASE,
)
_SPEND_WORDS = re.compile(
    # ("gpt-4o is costing 22k a month", "it's costing roughly 9k monthly")
    r"\b(?:bills?|billed|spend\w*|spent|pay\w*|paid|costs? us|costing(?: us)?|runs? us|sets? us back|invoices?|charged|"
    # "the cost is about 30k a month", "it costs around 12k a month"
    r"the costs? (?:is|are|runs?|comes? to)|it costs)\b"
    # "cost is the issue, it's about 40k a month": the amount said right after the cost is named
    r"|" + COST_THEN_AMOUNT,
    re.IGNORECASE,
)
_NOT_TODAYS_BILL = re.compile(
    r"\b(?:would|could|might|will|if|budget\w*\b(?!\s+(?:review|meeting|cycle|planning|season|call|discussion))(?!'s the|\s+is the|\s+is our)|fine[- ]?tun\w*|train\w*|salar\w*|hir\w*|engineers?|hosting|self[- ]?host\w*|"
    r"rag|distill\w*|vector\w*|saves?|saving|cheaper|instead|estimate\w*|"
    # what could be spent, not what is: "we can spend £4k a month, tops"
    r"can (?:\w+ )?(?:spend|pay|afford)|willing to|able to|prepared to|happy to)\b",
    re.IGNORECASE,
)


_BEYOND_A_BUDGET = re.compile(r"\b(?:more|higher|bigger|larger|over) than (?:our |the |my )?(?:whole |entire |total |annual |yearly |monthly )?[\w' -]{0,25}?\bbudget\b", re.IGNORECASE)


# An amount a period spent on a provider is a bill: "its 30k a month on openai", "20k/mo to Anthropic".
_ON_PROVIDER = re.compile(
    r"\s*(?:on|to|for|with|at)\s+(?:the\s+)?(?:openai|anthropic|azure(?: openai)?|bedrock|vertex|gemini|claude|gpt[\w.-]*|mistral|cohere|"
    r"(?:the\s+)?(?:llm|model|api|ai)\s*(?:bill|costs?|calls?|usage|tokens)?|tokens|inference)\b",
    re.IGNORECASE,
)


# The period said before the bill: "the monthly bill is around $40k", "our annual spend is ~$300k".
_PERIOD_FIRST_SPEND = re.compile(
    r"\b(?P<per>monthly|annual|yearly|quarterly|weekly)\s+(?:\w+\s+)?(?:bill|spend|invoice|cost|api bill|openai bill)s?\b[^.;\d$€£]{0,25}"
    r"(?:(?P<cur>US\$|[$€£])\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|mm|grand|thousand|million)?\b"
    # "the monthly invoice is around 40 thousand dollars"
    r"|(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult2>k|m|grand|thousand|million)?\s*(?:dollars|usd|bucks|euros?|eur|pounds|gbp)\b)"
    r"(?!\s*(?:a|an|per|/)\s*(?:month|year|week|quarter))",
    re.IGNORECASE,
)
_PER_MONTHS = {"monthly": 1, "annual": 12, "yearly": 12, "quarterly": 3, "weekly": 7 / DAYS_PER_MONTH}


# A month's bill told in a story: "The bill for that month came to $48,000", "the January invoice arrived: $27,000".
_MONTH_NAMES = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTHS_BILL = re.compile(
    r"\b(?:(?:" + _MONTH_NAMES + r"|last month'?s?|this month'?s?|that month'?s?)\s+(?:[\w-]+\s+)?(?:bill|invoice)"
    r"|(?:bill|invoice)\s+(?:for\s+|in\s+|from\s+)?(?:(?:that|last|this|the(?:\s+[\w-]+)?|each|one)\s+month|" + _MONTH_NAMES + r")"
    # "In March the bill was $9,400", "last month the OpenAI invoice came to 18k"
    r"|(?:in|for|last)\s+(?:" + _MONTH_NAMES + r"|month),?\s+(?:the|our|their|my)\s+(?:[\w-]+\s+)?(?:bill|invoice)"
    # "The invoice from OpenAI last month was $22,000", "the bill is not small, last month it was $14,000"
    r"|(?:bill|invoice)\s+(?:from|of|for)\s+(?:[\w-]+\s+){1,2}?(?:(?:that|last|this)\s+month|in\s+" + _MONTH_NAMES + r")"
    r"|(?:bill|invoice|spend)\b[^.;$€£\d]{0,40}?\b(?:(?:that|last|this)\s+month|in\s+" + _MONTH_NAMES + r"),?\s+(?:it|that|the total))"
    # ("the January invoice from OpenAI arrived: ...", "the March invoice arrived and it was ...")
    r"(?:\s+from\s+[\w.-]+(?:\s+[\w.-]+)?(?=\s+(?:came|was|arrived|hit|landed|is)\b))?"
    r"\s+(?:came to|was|arrived(?:\s*(?:,|and)\s*(?:it|that)\s+(?:was|came to|said))?|hit|landed|totall?ed|came in at|is)\s*[:,-]?\s*(?:at\s+|about\s+|around\s+|roughly\s+|almost\s+|nearly\s+|over\s+|approximately\s+|approx\.?\s*|~\s*|close to\s+|just (?:over|under)\s+)?"
    r"(?:(?P<cur>US\$|[$€£])\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|grand)?\b"
    # "the January invoice arrived: thirty one thousand dollars" (the words made digits first), "came to 18k"
    r"|(?P<num2>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:(?P<mult2>k|m|grand|thousand|million)?\s*(?:dollars|usd|bucks|euros?|eur|pounds|gbp)\b|(?P<mult3>k|grand)\b))",
    re.IGNORECASE,
)


def _read_spend(sentence, found, spans, free) -> None:
    month = _MONTHS_BILL.search(sentence)
    if month:
        found.offer("monthly_spend_usd", parse_number(month.group("num") or month.group("num2"), month.group("mult") or month.group("mult2") or month.group("mult3")))
        spans.append(month.span())
        return
    first = _PERIOD_FIRST_SPEND.search(sentence)
    if first and not _NOT_TODAYS_BILL.search(sentence[: first.start("cur") if first.group("cur") else first.start("num2")]):
        found.offer("monthly_spend_usd", parse_number(first.group("num") or first.group("num2"), first.group("mult") or first.group("mult2")) / _PER_MONTHS[first.group("per").lower()])
        return
    for match in _SPEND.finditer(sentence):
        # (a budget the bill is put beyond is no budget said: "more than our whole tooling budget, ~12k a month")
        before = _BEYOND_A_BUDGET.sub(" ", re.split(r"[.;!?]", sentence[: match.start()])[-1][-70:])[-50:]
        # (No `free` check: the amount is money, which the spans already hold.)
        on_provider = _ON_PROVIDER.match(sentence[match.end() :])
        if not (match.group("cur") or match.group("unit") or _SPEND_WORDS.search(before) or on_provider) or _NOT_TODAYS_BILL.search(before):
            continue
        amount = parse_number(match.group("num"), match.group("mult"))
        per = (match.group("per") or match.group("adverb") or match.group("last")).lower()
        monthly = amount / 12 if per in ("year", "yr", "annum", "yearly", "annually") else amount / 3 if per in ("quarter", "qtr", "quarterly") else (
            amount * DAYS_PER_MONTH / 7 if per in ("week", "wk", "weekly") else amount)
        found.offer("monthly_spend_usd", monthly)  # its words stay for the bill's verdict ("... but costs us 30k")
        return


# An amount a period: "28k a month", "$18k/week".
_AMOUNT_A_PERIOD = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|grand|thousand|million)?\s*(?:a|an|per|/)\s*(?P<per>week|month|year)\b"
# A bill's period corrected: "sorry, 28k a month, not a week" after "the bill is about 28k a week".
_PERIOD_CORRECTED = re.compile(
    r"(?P<cur>[$€£])?\s?" + _AMOUNT_A_PERIOD + r"[^.;]{0,10}?\bnot (?:a |an |per |every )?(?P<old>week|month|year)\b",
    re.IGNORECASE,
)
_MONTHS_IN = {"week": 7 / DAYS_PER_MONTH, "month": 1.0, "year": 12.0}


# A bill's amount corrected as it is said: "$31k a month. wait no, $13k", "sorry, closer to $16k".
_AMOUNT_CORRECTED = re.compile(
    r"^\W*(?:(?:hmm+|oh|uh|um|ah|honestly)\W+)?(?:no,? wait|wait,? no|wait|sorry|actually|correction|i mean|i meant|make (?:that|it)|oops|scratch that|my bad|(?=more like|closer to))\W*"
    # "sorry I checked again, it was 24k"
    r"(?:(?:i |we )?(?:just )?(?:checked|looked|looked it up|double[- ]checked|asked finance)(?: again| the invoice| the bill)?\W+)?"
    r"(?:(?:it'?s|that'?s|it was|that was|it is|more like|closer to|really|about|around|roughly|nearer|nearly|~)\s*)*(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<mult>k|m|grand|thousand|million)?\b(?:\s*(?:a|an|per|/)\s*(?P<per>week|month|year)\b)?(?P<bill>\s*(?:on|in|from|per|according to) (?:the |our |my )?"
    r"(?:last |latest |most recent |current |actual |this month'?s |last month'?s )?(?:invoice|bill|statement)\b)?(?!\s*(?:%|ms|tokens|requests|queries|calls|users|tickets|a day|per day|/day))",
    re.IGNORECASE,
)


_INSTEAD_OF_THE_BILL = re.compile(
    r"[$€£]?\s?" + _AMOUNT_A_PERIOD + r"[^.;]{0,10}?\bnot (?:the )?[$€£]?\s?(?P<old>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<oldmult>k|m|grand|thousand|million)?\b",
    re.IGNORECASE,
)


# An amount a period with nothing counted between ("it's 35k a month"), and words that correct or recheck it.
_BARE_AMOUNT = re.compile(
    r"(?<![\w.,])[$€£]?\s?" + _AMOUNT_A_PERIOD,
    re.IGNORECASE,
)
_RECHECKED = re.compile(
    r"\b(?:just checked|checked again|double[- ]checked|looked it up|turns out|actually|sorry|correction|i mean|i meant|wait|my bad|oops|more like|closer to|not quite)\b",
    re.IGNORECASE,
)


# The bill named and its amount said again, with no period: the month's bill known, put right.
_BILL_RESTATED = re.compile(
    r"\b(?:bill|invoice|spend|costs?)\s+(?:is|'s|was|are|comes to|came to)\s+(?:actually\s+|really\s+)?(?:closer to|more like|nearer|about|around|roughly|~)?\s*"
    r"[$€£]?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>k|m|grand|thousand)?\b(?!\s*(?:a|an|per|/)\s*(?:day|week|month|year|quarter)|\s*%)",
    re.IGNORECASE,
)


def corrected_bill(sentence: str, monthly_spend: float | None, queries_per_day: float | None = None, traffic_said: float | None = None) -> float | None:
    """The monthly bill when `sentence` corrects the bill already known: its period (the same amount
    over the period ruled out is that bill), or its amount said as money right after a correction
    word; else None: the figure is then another one, such as traffic. `traffic_said`: the volume the
    same message gave before it, which a bare figure near it puts right instead."""
    fixed = _AMOUNT_CORRECTED.match(sentence)
    if fixed and monthly_spend:
        amount = parse_number(fixed.group("num"), fixed.group("mult")) / _MONTHS_IN[(fixed.group("per") or "month").lower()]
        # (money it says, or an invoice it names; a bare figure is the bill only when it is near it:
        # "27k a month, sorry, closer to 31k")
        # (a bare figure as near the traffic a day is the traffic put right: "30k tickets a day, wait no, more like 18k")
        near_traffic = not fixed.group("per") and bool(traffic_said) and 0.5 <= amount / traffic_said <= 2
        if fixed.group("cur") or fixed.group("bill") or (0.5 <= amount / monthly_spend <= 2 and not near_traffic):
            return round(amount)
    instead = _INSTEAD_OF_THE_BILL.search(sentence)
    if instead and monthly_spend and abs(parse_number(instead.group("old"), instead.group("oldmult")) - monthly_spend) <= 0.01 * monthly_spend:
        # "it's 25k a month, not 18k" after a bill of 18k: the bill corrected, not a traffic figure
        return round(parse_number(instead.group("num"), instead.group("mult")) / _MONTHS_IN[instead.group("per").lower()])
    rechecked = _BARE_AMOUNT.search(sentence) if monthly_spend and _RECHECKED.search(sentence) else None
    if rechecked:
        # "hmm, just checked, it's 35k a month" after a bill of 40k: a bare amount corrected is the
        # figure it is near, the bill, unless it is as near the traffic a month
        monthly = parse_number(rechecked.group("num"), rechecked.group("mult")) / _MONTHS_IN[rechecked.group("per").lower()]
        traffic = (queries_per_day or 0) * DAYS_PER_MONTH
        if 0.5 <= monthly / monthly_spend <= 2 and not (traffic and 0.5 <= monthly / traffic <= 2):
            return round(monthly)
    restated = _BILL_RESTATED.search(sentence) if monthly_spend else None
    if restated:
        return round(parse_number(restated.group("num"), restated.group("mult")))  # "sorry, just checked, the bill is closer to 70k"
    match = _PERIOD_CORRECTED.search(sentence)
    if not match or not monthly_spend:
        return None
    amount = parse_number(match.group("num"), match.group("mult"))
    if abs(amount / _MONTHS_IN[match.group("old").lower()] - monthly_spend) > 0.01 * monthly_spend:
        return None
    return round(amount / _MONTHS_IN[match.group("per").lower()])


def read_assets(sentence: str, found: Found, spans: list[tuple[int, int]], free: Callable[[re.Match], bool]) -> None:
    """Read the figures above from `sentence` into `found`; read spans are added to `spans`."""
    _read_spend(sentence, found, spans, free)
    _read_prompt_savings(sentence, found, spans, free)
    _read_in_out(sentence, found, spans, free)
    _read_latency_budget(sentence, found, spans, free)
    _read_corpus_size(sentence, found, spans, free)
    _read_owned_gpus(sentence, found, spans)
    if _FINE_TUNE_ASSET.search(sentence):
        found.updates["has_fine_tune"] = True


def prompt_savings(text: str, prompt_tokens: int | None) -> int | None:
    """The prompt tokens a fine-tune saves when the text says what a tuned model would need instead
    ("a tuned model would need maybe 250", "drop it to 500"), given the prompt's length."""
    match = _TUNED_NEEDS.search(text)
    if not (match and prompt_tokens):
        return None
    needed = parse_number(match.group("num"), match.group("mult"))
    return int(round(prompt_tokens - needed)) if 0 < needed < prompt_tokens else None


def _read_prompt_savings(sentence, found, spans, free) -> None:
    saved = prompt_savings(sentence, found.updates.get("input_tokens"))
    if saved:
        found.offer("tokens_saved", saved)
        return
    saves = _SAVES.search(sentence)
    if saves and free(saves):
        found.offer("tokens_saved", int(round(parse_number(saves.group("num"), saves.group("mult")))))
        spans.append(saves.span())


def _read_in_out(sentence, found, spans, free) -> None:
    match = _IN_OUT.search(sentence)
    if not match:
        alone = _OUT_ONLY.search(sentence) or (re.search(r"\btokens?\b", sentence, re.IGNORECASE) and _OUT_BEFORE.search(sentence))
        if alone and free(alone):
            out = parse_number(alone.group("out"), alone.group("outmult"))
            if found.offer("output_tokens", out):
                found.updates["output_tokens"] = int(round(out))
            spans.append(alone.span())
        return
    found.updates["input_tokens"] = int(round(parse_number(match.group("in"), match.group("inmult"))))
    out = parse_number(match.group("out"), match.group("outmult"))
    if found.offer("output_tokens", out):
        found.updates["output_tokens"] = int(round(out))
    spans.append(match.span())


def _milliseconds(match: re.Match) -> int:
    if match.group("words"):
        seconds = _WORD_SECONDS[match.group("words").lower()]
    else:
        value = float(match.group("num"))
        seconds = value / 1000 if match.group("unit").lower().startswith("m") else value
    return int(round(seconds * 1000))


def slower_today(text: str, budget_ms: int) -> bool:
    """Whether `text` measures today's time above the budget ("it has to come back in under 150ms;
    today it's ~700ms"): the model in use is too slow, which counts as too dear."""
    for match in _TIME.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if _MEASURED_BEFORE.search(before) and not _LIMIT_BEFORE.search(before) and _milliseconds(match) > budget_ms:
            return True
    return False


def _read_latency_budget(sentence, found, spans, free) -> None:
    """The latency budget: a time said as a limit ("needs to be under 400ms", "2s tops") over one
    said as what happens today ("p95 is ~1.8s", "right now it takes 3s"). Two measurements and no
    limit give no budget."""
    candidates = []
    for match in _TIME.finditer(sentence):
        if not free(match):
            continue
        before = sentence[max(0, match.start() - 60) : match.start()]
        after = sentence[match.end() : match.end() + 30]
        if not _BUDGET_CUE.search(before + " " + after):
            continue
        limit = bool(_LIMIT_BEFORE.search(before[-30:]) or _LIMIT_AFTER.match(after))
        candidates.append((not limit and bool(_MEASURED_BEFORE.search(before[-30:])), not limit, match))
    if not candidates:
        return
    measured, _, match = min(candidates, key=lambda c: c[:2])  # a limit first, else the first time given
    if measured and len(candidates) > 1:
        return
    milliseconds = _milliseconds(match)
    spans.extend(m.span() for _, _, m in candidates)
    if measured:
        # "first token is ~1.1s and drivers hang up": today's figure, taken as the budget only until a
        # limit is given ("we need it under 300ms" in the next sentence replaces it).
        found.tentative["latency_budget_ms"] = match.group(0)
    if found.offer("latency_budget_ms", milliseconds):
        # Sub-second is a tight budget (voice, inline); several seconds is not.
        # (Today's time measured says neither: "p95 is ~4s, which drags on our intake SLA".)
        if milliseconds <= 1000:
            found.updates.setdefault("latency_sensitive", True)
        elif milliseconds >= 3000 and not measured:
            found.updates.setdefault("latency_sensitive", False)


# A count that follows a verb of judging is a sample checked.
_CHECKED_BEFORE = re.compile(
    r"\b(?:verified|validated|reviewed|checked|spot[- ]?checked|tested|graded|scored|audited|evaluated|compared|labell?ed|annotated|rated)\s+"
    # "We tested on 500 reports with the best prompt", "ran it on 300 notes"
    r"(?:(?:it |this |the model |them )?(?:on|against|over|with)\s+)?(?:about |around |roughly |~|over |some |nearly |almost )?$"
    r"|\b(?:ran|run|tried|benchmarked|piloted)\s+(?:it |this |the model |them )?(?:on|against|over)\s+(?:about |around |roughly |~|some )?$",
    re.IGNORECASE,
)


_ONE_DOCUMENT_BEFORE = re.compile(
    r"\b(?:the|a|an|our|this|that|one|its|their)\s+(?:[\w-]+\s+){0,2}?(?:guide|guidelines|manual|handbook|document|doc|contract|brief|"
    r"report|policy|template|sheet|deck|spec|pdf|file|bible|playbook)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def _read_corpus_size(sentence, found, spans, free) -> None:
    for match in _CORPUS.finditer(sentence):
        if not free(match) or _EVAL_WORDS.search(sentence[match.end() : match.end() + 40] + match.group(0)) or _WRITTEN_BY.match(sentence[match.end():]):
            continue
        if _PER_PERIOD.match(sentence[match.end() :]):
            continue  # "50 new articles a month" is a rate, not the size of the corpus
        if _CHECKED_BEFORE.search(sentence[: match.start("num")]):
            continue  # "we checked 1,500 notes: 94% vs their 95%" is a sample judged, not a corpus
        if (match.group(0).lower().endswith("pages") and parse_number(match.group("num"), None) < 20
                and re.search(r"\b(?:writ|draft|produc|generat|summar|output|answer|repl|respon)\w*\b[^.;]{0,40}$", sentence[: match.start("num")])):
            continue  # "write policy summaries in our template, 2 pages": the output's length, not a corpus
        if match.group(0).lower().endswith("pages") and _ONE_DOCUMENT_BEFORE.search(sentence[: match.start("num")]):
            continue  # "we put the brand guide in the prompt, 6 pages": one document's length
        if re.search(r"\b\d+\s+(?:in|out of)\s*$", sentence[: match.start("num")]) or re.match(r"\s*(?:in|out of)\s+\d", sentence[match.end("num") :]):
            continue  # "on roughly 1 in 8 reports" is a rate, not a count
        count = parse_number(match.group("num"), match.group("mult"))
        if count >= 1 and found.offer("corpus_documents", int(round(count))):
            found.updates["corpus_documents"] = int(round(count))
            spans.append(match.span())
        return


def _read_owned_gpus(sentence, found, spans) -> None:
    match = _OWNED.search(sentence)
    if not match:
        return
    number = (match.group("num") or "1").lower()
    count = _COUNT_WORDS.get(number) or int(number)
    found.updates["gpu"] = GPU.search(match.group("gpu")).group(1).upper().replace(" ", "")
    if re.search(r"\b(?:rent\w*|leased?|on-demand|reserved|spot)\b", match.group(0), re.IGNORECASE):
        # Rented GPUs are paid by the hour: the type is known, the count owned is none.
        spans.append(match.span())
        return
    found.updates["owned_gpus"] = count
    if (match.group("unit") or "").lower() in ("boxes", "box", "servers", "server", "machines", "machine", "nodes", "node"):
        # A box holds several GPUs: say how it was read so the user can give the real count.
        found.tentative["owned_gpus"] = match.group(0).strip()
    spans.append(match.span())
