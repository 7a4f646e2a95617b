"""The rule understander: one user message -> `Understanding`, with regular expressions only.

Sentences are read in turn: injected instructions are cut, what-ifs and questions are set aside,
sentences about a source's case are skipped, and the rest are read for facts (numbers by the grammar
in `quantities`, slot values by `slots`, the use case by `use_case`).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from agent.understand.assets import corrected_bill, prompt_savings, read_assets, slower_today
from agent.understand.bill import MONEY_HOLDERS_REFUSE, UNSUSTAINABLE, bill_beyond, cost_verdict, own_hardware_bill, quality_but_dear
from agent.understand.counted import counts_other_things, leading_traffic_fix, per_unit_factor
from agent.understand.clause_reading import PROHIBITION_SLOTS, UNSURE_ANSWER, read_slots
from agent.understand.clauses import blank, clauses, in_their_words, spell_out, unblanked
from agent.understand.contract import Found, Understanding
from agent.understand.corpus import nothing_to_retrieve_said
from agent.understand.headcount import active_users_total, people_total, per_person_total, times_used
from agent.understand.horizon import read_horizon
from agent.understand.layout import as_prose
from agent.understand.model_named import MODEL, MODEL_CHOICE, PROVIDER, chooses_model, provider_model, refuses, smaller_model_short, tried_model
from agent.understand.peaks import AVERAGE_BARE, PEAK, SUMS_UP, average_share
from agent.understand.yes_no import answers_then_moves_on, waives, yes_no_answer
from agent.understand.permission import about_something_else
from agent.understand.quantities import (
    MONEY,
    read_volume,
)
from agent.understand.token_lengths import read_tokens
from agent.understand.asking import asks_for_the_call, put_to_the_advisor, seeks_an_opinion
from agent.understand.cues import AN_EARLIER_SETUP, BUT_THE_BILL, BUT_TOO_SLOW, CHEAPER_KEEPING_QUALITY, MISCOUNT, SETTLES, SMALLER_ASKED, TRIED_WITHOUT_RETRIEVAL, WAIT_IS_FINE
from agent.understand.shapes import (
    ABOUT_A_SOURCE,
    BARE_FIGURE_CORRECTION,
    CORRECTION,
    DOMAIN,
    HEDGED_ANSWER,
    INJECTION,
    REQUEST,
    RESET,
    SENTENCE_SPLIT,
    retracted,
    WHAT_IF,
    is_question,
    is_short_reply,
    withdrawn_things,
    view_asked,
)
from agent.understand.figures import OTHER_CURRENCY, period_after, period_corrected
from agent.understand.frequency import BARE_PERIOD, CHANGE_CONTEXT, RATE_DENIED, COUNT_A_PERIOD, FRESH_REAL_TIME, explains_the_volume, no_period_in, read_frequency, vaguely_often
from agent.understand.options_named import GPU, OPTION
from agent.understand.slots import CLASSIFIER
from agent.understand.shortfalls import measured_rate, settle_gaps, shortfall
from agent.understand.use_case import read_use_case
from agent.understand.volume_corrections import corrected_volume
from agent.understand.what_if import bare_alternative, what_if_extras
from tools.profile import DECISION_FLAGS, TOKEN_SLOTS





def understand(text: str, asked: str | None = None, profile: Mapping[str, Any] | None = None, earlier: str = "") -> Understanding:
    """Read one user message. `asked` is the slot the advisor just asked about (so "yes" or "about
    20k" can be understood); `profile` holds the current slot values (what-ifs scale from them);
    `earlier` the user's earlier messages (where "each does 30 a day" finds how many people)."""
    current = {k: (v.get("value") if isinstance(v, Mapping) else v) for k, v in (profile or {}).items()}
    said = as_prose(text.replace("’", "'").strip())
    text, earlier = period_corrected(spell_out(said)), earlier.replace("’", "'")
    if RESET.search(text):
        return Understanding(command="reset")

    updates: dict[str, Any] = {}
    rejected: dict[str, str] = {}
    what_if: dict[str, Any] = {}
    corrections: list[str] = []
    question: str | None = None
    # whether the user's words so far ask for a call, were cut at an injection, or took back what came before with nothing in its place
    wants = ignored = taken_back = False
    view = view_option = None
    tentative: dict[str, str] = {}
    kept: list[str] = []
    statements: list[str] = []  # sentences read for facts (not questions or what-ifs)
    inferred: set[str] = set()  # slots of `updates` read tentatively or by the classifier alone
    for sentence in _sentences(text):
        injection = INJECTION.search(sentence)
        if injection:
            ignored = True
            sentence = sentence[: injection.start()].strip(" ,;:-")
        if not sentence:
            continue
        kept.append(sentence)
        kind = view_asked(sentence)
        if kind:
            # "why?", "why not fine-tune?", "what did you assume?": a view of what is settled.
            view = view or kind
            view_option = view_option or _option_named(sentence)
            continue
        asking = asks_for_the_call(sentence)
        wants = wants or asking
        if asking and len(sentence.split()) <= 4 and not re.search(r"\d", sentence):
            continue  # "answer pls: what now", "ok final": an ask and nothing else, no use case in it
        if WHAT_IF.search(sentence) or bare_alternative(sentence):
            hypothetical = _facts(sentence, None, for_what_if=True)
            if not hypothetical.updates and not re.search(r"\d", sentence):
                # "what if it was daily": a bare period in a what-if is how often the knowledge changes
                hypothetical = _facts(sentence, "knowledge_changes", for_what_if=True)
            hypothetical.updates.update(what_if_extras(sentence, current, earlier))
            if hypothetical.updates:
                what_if.update(hypothetical.updates)
                rejected.update(hypothetical.rejected)
                continue
        if is_question(sentence):
            if question is None and DOMAIN.search(sentence) and not asks_for_the_call(sentence):
                question = sentence
            continue
        if ABOUT_A_SOURCE.match(sentence):
            continue  # "The article fine-tuned Haiku for $2,200": their case, not the user's facts
        statements.append(sentence)
        # The question just asked frames the message until it has been answered.
        # (an ask for the call answers nothing: "Right. Given all that, where do we begin?")
        context = asked if asked and asked not in updates and asked not in rejected and not asking else None
        if context and len(kept) > 1 and any(slot in DECISION_FLAGS for slot in updates):
            # "QA has a 400-example golden set. so yes": once the message has stated another fact, a
            # later bare "yes" affirms that, not the question asked.
            context = None
        fixes_traffic = (current.get("queries_per_day") or "queries_per_day" in updates) and context not in TOKEN_SLOTS and (
            BARE_FIGURE_CORRECTION.match(sentence) or leading_traffic_fix(sentence)
            # "~3k a day in high season, 1k in winter. average maybe 2k": the figure that sums them up
            # (not "peak is 400, average is maybe half that": a share of the peak, worked out below)
            or (SUMS_UP.search(sentence) and re.search(r"\d", sentence) and not MONEY.search(sentence)
                and not average_share(sentence) and not PEAK.search(sentence))) and not _puts_right_another_figure(statements)
        if fixes_traffic:
            context = "queries_per_day"  # "make that 15k", "hmm no, 3k, 4k was end of quarter": the figure corrects the traffic
        if BARE_PERIOD.match(sentence) or (RATE_DENIED.search(text) and (current.get("knowledge_changes") or "knowledge_changes" in updates)):
            context = "knowledge_changes"  # "monthly-ish", whatever was asked: only a change rate is a bare period; "not daily, it's weekly"
        side = _TOKEN_SIDE.match(sentence) if re.search(r"\btokens?\b", text, re.IGNORECASE) else None
        if side:
            context = _TOKEN_SIDES[side.group(1).lower()]  # "output is like 8 tokens. input ~400": tokens too
        found = _facts(sentence, context, for_what_if=False)
        if "queries_per_day" in (context, *found.updates) and "knowledge_changes" in found.updates and not CHANGE_CONTEXT.search(sentence) and not (
                _NEW_THINGS.search(sentence) and not re.search(r"\d", sentence)) and not ("knowledge_changes" in updates and CORRECTION.search(sentence)):
            # ("comes out monthly-ish, sorry, the notes are weekly actually": a change rate put right stays one)
            # "a lot, honestly. loads every day", "finals week goes up to 110k a day": how much, not what
            # changes ("new study reports every week", with no count, is what changes)
            del found.updates["knowledge_changes"]
            found.tentative.pop("knowledge_changes", None)
        if "knowledge_changes" in found.tentative and COUNT_A_PERIOD.search(sentence) and not CHANGE_CONTEXT.search(sentence):
            del found.updates["knowledge_changes"], found.tentative["knowledge_changes"]  # "4k app reviews ... a week": the count's period
        if fixes_traffic or ("queries_per_day" in found.updates and CORRECTION.search(sentence)):
            explained = MISCOUNT.search(sentence)  # ("No, I'm wrong, I was reading the wrong column - 900 a day")
            for slot in [s for s in found.updates if s != "queries_per_day" and (s in found.unruled or explained)]:
                # "Actually 35k a day, I was counting weekend batch reruns": the reason for the figure,
                # not a fact about latency, whatever the classifier makes of "batch"
                found.updates.pop(slot, None)
                found.tentative.pop(slot, None)
        if found.updates.get("data_residency") is False and about_something_else(sentence):
            del found.updates["data_residency"]  # the figure it is about was blanked out: "a couple of seconds is fine"
            found.tentative.pop("data_residency", None)
        # The classifier's guess at the slot asked gives way to the words of an answer ("nobody
        # would use it if it sounded like a robot" is a yes, whatever "nobody" suggests).
        if context and len(kept) == 1 and (context not in found.updates or context in found.unruled):
            answer = None if UNSURE_ANSWER.search(sentence) else yes_no_answer(sentence, context, {**found.rejected, **found.updates})  # (a figure rejected was stated too: "we do like -40 a day")
            moves_on = False
            if answer is False and context in PROHIBITION_SLOTS and not waives(context, sentence):
                # "no, hosted is not allowed": the words after the "no" forbid, not permit; "not really,
                # answers just need the rule section" answers, then states another fact: said back
                moves_on = answers_then_moves_on(context, sentence, found.updates)
                answer = False if moves_on else None
            if answer is not None:
                found.updates[context] = answer
                found.unruled.discard(context)
                found.tentative.pop(context, None)
                if moves_on:
                    found.tentative[context] = sentence
                if HEDGED_ANSWER.match(sentence):
                    found.tentative[context] = sentence  # "kinda": read, and said back
                for slot in [s for s in found.updates if s != context and s in found.unruled and not moves_on]:
                    # The sentence answers the question asked: the classifier's guesses at other
                    # slots from its words ("legal would kill us if it didn't": residency?) are noise
                    # (unless the answer went on to state them).
                    del found.updates[slot]
                    found.tentative.pop(slot, None)
        if context in found.unruled and any(s in found.updates and s not in found.unruled for s in DECISION_FLAGS if s != context):
            # "yes legal requires sources": the words answer with a fact of their own; the classifier's
            # guess that they also answer the question asked ("legal": residency?) is dropped.
            del found.updates[context]
            found.tentative.pop(context, None)
        bill = corrected_bill(sentence, updates.get("monthly_spend_usd") or current.get("monthly_spend_usd"),
                              updates.get("queries_per_day") or current.get("queries_per_day"), updates.get("queries_per_day"))
        if bill:
            # "sorry, 28k a month, not a week": the bill's period put right, not a traffic figure
            found.updates.pop("queries_per_day", None)
            found.updates["monthly_spend_usd"] = bill
        if "monthly_spend_usd" in found.updates and OTHER_CURRENCY.search(sentence):
            found.tentative["monthly_spend_usd"] = sentence  # "€18,000 a month": costed as dollars, and said back so
        if (UNSUSTAINABLE.search(sentence) or MONEY_HOLDERS_REFUSE.search(sentence)) and (found.updates.get("monthly_spend_usd") or updates.get("monthly_spend_usd") or current.get("monthly_spend_usd")) and (
                "top_model_too_costly" not in found.updates or "top_model_too_costly" in found.tentative or "top_model_too_costly" in found.unruled):
            found.updates["top_model_too_costly"] = True  # "[the bill hit $19k last month.] cant keep that up", over a guess
            found.tentative.pop("top_model_too_costly", None)
        if "top_model_too_costly" not in found.updates and own_hardware_bill(sentence, f"{earlier} {text}"):
            found.updates["top_model_too_costly"] = True  # "[a self-hosted Llama 70B.] the GPU bill is brutal, 8 H100s just for this"
        if BUT_THE_BILL.match(sentence) and "monthly_spend_usd" in found.updates and "top_model_too_costly" not in found.updates:
            found.updates["top_model_too_costly"] = True  # "[it works great.] But we pay about $25k/mo for it."
        praised = False in (updates.get("output_format_gap"), current.get("output_format_gap"))
        if praised and BUT_TOO_SLOW.match(sentence) and "top_model_too_costly" not in found.updates:
            found.updates["top_model_too_costly"] = True  # "[Sonnet gets them right every time.] But it's too slow"
        rejected.update(found.rejected)
        if found.updates.get("has_documents") is False and TRIED_WITHOUT_RETRIEVAL.search(sentence):
            del found.updates["has_documents"]  # "we tried gpt-4o-mini with no retrieval and it hallucinated": how it was tried
        if AN_EARLIER_SETUP.match(sentence):
            # "Last year we first stuffed the whole FAQ into the prompt, which got expensive and slow":
            # how an earlier attempt went, not what the feature needs now
            for slot in [s for s in ("has_documents", "latency_sensitive", "top_model_too_costly") if s in found.updates]:
                found.updates.pop(slot)
                found.tentative.pop(slot, None)
        total = per_person_total(sentence, text, earlier) or (None if "queries_per_day" in found.updates else times_used(sentence))
        if total:
            # "about 1,200 field adjusters ... Each adjuster asks maybe 15 a day"; what each writes is
            # the work too ("Each dispatcher writes maybe 40 emails per day"), not knowledge growing
            found.updates["queries_per_day"] = total
            if found.updates.get("knowledge_changes") and not CHANGE_CONTEXT.search(sentence):
                del found.updates["knowledge_changes"]
        inner = per_unit_factor(sentence) if "queries_per_day" in updates and "queries_per_day" not in found.updates else None
        if inner:
            # "We get 40,000 calls a day. Each call is about 8 turns.": each turn is a request.
            updates["queries_per_day"] *= inner[0]
        # ("... change daily - wait, that's wrong, the banner changes daily but the bot won't touch it. The articles change weekly.")
        correcting, taken_back = bool(CORRECTION.search(sentence) or fixes_traffic or bill or taken_back), bool(CORRECTION.search(sentence)) and not found.updates
        if SETTLES.match(sentence) and set(found.updates) <= {"knowledge_changes", "has_documents"}:
            correcting = True  # "a few times a month... lets say every week new documents come in": the rate settled on
        for slot in _withdrawn_with(sentence, earlier, current):
            # "leave the contracts out of it": what the sentence that named them required is withdrawn
            found.updates[slot], correcting = False, True
        for slot in retracted(sentence):
            # "scratch the persona thing": whatever its words read, that requirement is withdrawn.
            found.updates[slot], correcting = False, True
            found.tentative.pop(slot, None)
            found.unruled.discard(slot)
        for slot, value in found.updates.items():
            # (praise said in an earlier sentence counts: "gpt-4o agrees with our best agents 96% ... We tried gpt-4o-mini, 85%")
            so_far = text[: text.find(sentence) + len(sentence)] if sentence in text else sentence
            if slot == "output_format_gap" and value is True and smaller_model_short(so_far, {**current, **updates}):
                continue  # "we tried gpt-4o-mini with the same prompt, only 85%": the case for distilling, not a gap
            if slot == "model" and PROVIDER.fullmatch(str(value)) and not current.get("model"):
                value = provider_model(str(value), f"{earlier} {text}") or value
            if slot == "model" and current.get("model") and PROVIDER.fullmatch(str(value)):
                continue  # "we're already an OpenAI customer" keeps the GPT-4o named before
            if (slot == "model" and current.get("model") not in (None, value) and not MODEL_CHOICE.search(sentence)
                    and asked != "model" and not correcting and len(MODEL.sub("", sentence).split()) > 2):
                continue  # "haiku is probably enough": once a model is in use, another is changed to only in words of a choice
            if (slot in found.tentative or slot in found.unruled) and current.get(slot) not in (None, value) and not correcting:
                continue  # a reading without rule or certainty fills a gap; it never overwrites what the user said
            # The first statement of a slot stands, unless a later sentence corrects it ("We update
            # weekly. Sorry, I mean monthly.").
            # A ban stated anywhere in the message stands over a permission read elsewhere in it
            # ("no. Nothing may leave our network.").
            banned = slot in PROHIBITION_SLOTS and value is True
            # "constantly" says often but not how often: a period said later in the message replaces it.
            weak = slot in found.tentative or slot in found.unruled or (slot == "knowledge_changes" and (
                vaguely_often(sentence) or (value == "rarely" and no_period_in(sentence))))  # "constantly", "stable": no period said
            if weak and slot == "knowledge_changes" and slot in updates and read_frequency(sentence, slot) == value and not vaguely_often(sentence):
                weak = False  # "The manuals change a lot. ... So weekly, I'd say": after talk of change, a period is its rate
            # A reading the rules stated outright replaces one merely inferred earlier in the message
            # ("a triage classifier ... It answers from our guidelines").
            outright = slot in inferred and not weak
            # A figure that sums up the traffic ("On average across the year it's about 3k a day", "A normal
            # day is more like 12k", after a peak's) replaces one before it.
            summing = slot == "queries_per_day" and bool(SUMS_UP.search(sentence) or AVERAGE_BARE.search(sentence))
            # a gap measured ("gets the template right 90% of the time, we need 99") over a verdict said before it
            summing = summing or (slot in ("output_format_gap", "persona_consistency") and value is True and shortfall(sentence))
            if slot not in updates or ((correcting or banned or outright or summing) and updates[slot] != value):
                updates[slot] = value
                (inferred.add if weak else inferred.discard)(slot)
                if slot in found.tentative:
                    tentative[slot] = found.tentative[slot]
                elif slot == "queries_per_day" and asked != slot and counts_other_things(sentence):
                    tentative[slot] = sentence  # "~300 daily flights": the figure stands, said back to be corrected
                else:
                    tentative.pop(slot, None)
            # A correction changes something already known; a first answer is not one.
            if correcting and current.get(slot) is not None and slot not in corrections:
                corrections.append(slot)

    if not wants and not ignored and view is None and len(text.split()) <= 8:
        # A short ask split by its own question marks ("rag? or something else") is read whole.
        wants = asks_for_the_call(text.strip())
    if not wants and not ignored and view is None and not what_if and seeks_an_opinion(text, earlier):
        # "fine tuning is what i'm leaning towards, but what do you think?": the call, not a question for the sources
        wants, question = True, None
    if wants and question and SMALLER_ASKED.search(question) and not re.search(r"\b(?:cost|price|how much|how many)\b", question, re.IGNORECASE):
        question = None  # "would a smaller model do it? what do you recommend?": one ask, answered by the call
    # A correction re-reads the use case only when it put right nothing else ("sorry, 28k a month, not a
    # week. still too much for this budget line" corrects the bill, not what is built).
    if statements and "use_case" not in updates and (asked == "use_case" or not current.get("use_case") or (
            any(CORRECTION.search(s) for s in statements) and not updates)):
        # A message that states facts ("Roughly 20,000 invoices a day.") answers with those facts,
        # even right after "what are you building?"; only a bare phrase is taken as the use case.
        answering = asked == "use_case" and not (updates or rejected or wants or what_if or question or ignored)
        # The opening message answers the greeting's "what should the model do?" as much as a reply to
        # that question would ("NPC dialogue for our fantasy RPG. Each character has ...").
        use_case = read_use_case(statements, answering, asked=asked == "use_case" or not current, states_fact=_states_a_fact)
        if use_case:
            updates["use_case"] = use_case
            if current.get("use_case") and any(CORRECTION.search(s) for s in statements):
                corrections.append("use_case")

    measured = bool(statements) and shortfall(" ".join(statements)) and not smaller_model_short(" ".join(statements), current)
    if measured:
        settle_gaps(statements, updates, inferred, current)
    if statements and measured_rate(" ".join(statements)) and "has_eval_set" not in updates and current.get("has_eval_set") is None:
        # A rate measured ("brand review failed 40% of sampled convos", "gpt-4o is 97% accurate") was
        # measured on examples someone judged: an eval set, said back so the user can say if not.
        updates["has_eval_set"] = True
        tentative["has_eval_set"] = next((s for s in statements if measured_rate(s)), statements[0])
    if "model" not in updates and not current.get("model") and (tried := tried_model(" ".join(statements))):  # "We tested gpt-4o with our template": said back
        updates["model"], tentative["model"] = tried, next((s for s in statements if tried in s.lower()), statements[0])
    volume = corrected_volume(text, updates.get("queries_per_day"), current.get("queries_per_day"), earlier, bool(CORRECTION.search(text)))
    if volume:
        updates["queries_per_day"] = volume
        if current.get("queries_per_day") and "queries_per_day" not in corrections:
            corrections.append("queries_per_day")
    # (asked in its sentence, or the opinion sought on it: "thinking a smaller model. or is that the wrong call")
    opinion = seeks_an_opinion(text, earlier)
    asked_smaller = next((s for s in SENTENCE_SPLIT.split(text) if SMALLER_ASKED.search(s) and (opinion or asks_for_the_call(s))), None)
    if wants and asked_smaller and "top_model_too_costly" not in updates and current.get("top_model_too_costly") is None:
        # "ok so should we distil or not?": nobody asks to distil but for the bill or the speed; said back
        # (not "one guy keeps sending me articles about distillation")
        updates["top_model_too_costly"] = True
        tentative["top_model_too_costly"] = " ".join(asked_smaller.split()[:12])
    cheaper = next((s for s in SENTENCE_SPLIT.split(text) if CHEAPER_KEEPING_QUALITY.search(s)), None)
    if cheaper and "top_model_too_costly" not in updates and current.get("top_model_too_costly") is None:
        updates["top_model_too_costly"] = True  # "what's the cheapest way to keep this quality?": said back
        tentative["top_model_too_costly"] = " ".join(cheaper.split()[:12])
    budget = updates.get("latency_budget_ms")
    if budget and "latency_budget_ms" not in tentative and "top_model_too_costly" not in updates and slower_today(text, budget):
        updates["top_model_too_costly"] = True  # "... under 150ms or it feels laggy; today it's ~700ms"
    if "tokens_saved" not in updates:
        # "The few-shot block is about 2,000 tokens; a tuned model would need maybe 250."
        saved = prompt_savings(text, updates.get("input_tokens") or current.get("input_tokens"))
        if saved:
            updates["tokens_saved"] = saved
    if updates.get("has_documents") is False and True in (updates.get("needs_citations"), current.get("needs_citations")) and not nothing_to_retrieve_said(text):
        del updates["has_documents"]  # "entry writers classify goods ... answers must show the notice they came from": what is cited is there
    if updates.get("has_documents") is True and current.get("has_documents") is False and "has_documents" not in corrections:
        # Naming the catalogue later ("the filters move with the catalogue") does not undo "it only
        # sees the query": only a correction does ("actually we do have docs"), or a corpus counted
        # with how it changes ("policy wordings get updated monthly, ~9k docs").
        if updates.get("corpus_documents") and "knowledge_changes" in updates:
            corrections.append("has_documents")
        else:
            del updates["has_documents"]
    if not (updates or what_if or question or wants or view or ignored or rejected) and current and put_to_the_advisor(text):
        wants = True  # "Go on then, pick one for me.", "what's the smart money say?": the call, in a conversation about it
    relevant = updates or what_if or question or wants or rejected or view
    # Off-topic means a request about something else (or only orders to the advisor), not a
    # statement we could not read.
    off_topic = not relevant and (
        (ignored and not kept)
        or (bool(kept) and all(REQUEST.search(s) and not DOMAIN.search(s) and not is_short_reply(s) for s in kept))
    )
    return Understanding(
        updates=updates,
        corrections=tuple(corrections),
        wants_recommendation=wants,
        what_if=what_if or None,
        question=question,
        rejected=rejected,
        command=None,
        off_topic=off_topic,
        ignored_instructions=ignored,
        view=view,
        view_option=view_option,
        tentative={slot: in_their_words(words, said) for slot, words in tentative.items() if slot in updates},
    )


def _puts_right_another_figure(statements: list[str]) -> bool:
    """Whether the statement before this one gave a figure that is not traffic ("200 approved letters, sorry, 400")."""
    return len(statements) > 1 and bool(re.search(r"\d", statements[-2])) and "queries_per_day" not in _facts(statements[-2], None, for_what_if=False).updates


def _sentences(text: str) -> list[str]:
    """The message's sentences, a bare topic question joined to the answer that follows it: "evals?
    we don't have those yet", "the bill? fine" read as one statement."""
    out: list[str] = []
    for sentence in (s.strip() for s in SENTENCE_SPLIT.split(text)):
        topic = out[-1] if out else ""
        # ("citations?" alone asks for the sources; "citations? no, but ..." answers about them)
        if topic and _TOPIC_QUESTION.fullmatch(topic) and not (
                MODEL.search(topic) or GPU.search(topic) or (view_asked(topic) and not _ANSWER_START.match(sentence)) or asks_for_the_call(topic)):
            out[-1] = f"{out[-1][:-1].rstrip()}: {sentence}"
        elif topic and topic.endswith("...") and len(topic.split()) <= 4 and _ANSWER_START.match(sentence):
            out[-1] = f"{topic.rstrip('.').rstrip()}: {sentence}"  # "eval set... no.": the topic, then its answer
        elif sentence:
            out.append(sentence)
    return out


_ANSWER_START = re.compile(r"^\W*(?:no|nope|nah|not|none|never|yes|yep|yeah|sure|definitely|absolutely|only)\b", re.IGNORECASE)
# "evals?", "the bill?", "citations?": a topic raised in order to answer it.
_TOPIC_QUESTION = re.compile(r"(?:(?:the|our|any|and|so|re|oh)\s+)?[\w-]+(?:\s+[\w-]+)?\s*\?", re.IGNORECASE)


def _option_named(sentence: str) -> str | None:
    for label, pattern in OPTION:
        if pattern.search(sentence):
            return label
    return None


_NEW_THINGS = re.compile(r"\bnew\s+(?:[\w-]+\s+){0,2}[a-z]+s\b", re.IGNORECASE)
# Speed set against quality praised before: "But it's too slow", "only it's laggy for the app".
_TOKEN_SIDE = re.compile(r"^\W*(input|prompt|output|answer|response|context)s?\b[^.;\d]{0,15}~?\s*\d", re.IGNORECASE)
_TOKEN_SIDES = {"input": "input_tokens", "prompt": "input_tokens", "output": "output_tokens", "answer": "output_tokens",
                "response": "output_tokens", "context": "context_tokens"}


def _states_a_fact(words: str) -> bool:
    """Whether the rules read a slot value in `words` ("docs churn weekly", "legal vetoed anthropic")."""
    found = _facts(words, None, for_what_if=False)
    return bool(set(found.updates) - found.unruled - {"use_case"})


def _facts(sentence: str, asked: str | None, *, for_what_if: bool) -> Found:
    """Slot values stated in one sentence (already cleared of injected instructions)."""
    found = Found({}, {})
    # Money is not traffic, and a model's version is not a figure ("Claude Opus 4.1", "Llama 3 70B").
    spans: list[tuple[int, int]] = [m.span() for m in MONEY.finditer(sentence)]
    spans += [m.span() for m in MODEL.finditer(sentence)]

    def free(match: re.Match) -> bool:
        start, end = match.span()
        return all(end <= s or start >= e for s, e in spans)

    read_tokens(sentence, asked, found, spans, free)
    read_volume(sentence, asked, found, spans, free)
    users = active_users_total(sentence) or people_total(sentence)
    if users:
        found.updates["queries_per_day"] = users  # "~20k DAU doing ~3 queries each": the users' total, not one figure
    # the word counted, or the one after a modifier: "3M support emails"
    read_horizon(sentence, asked, found, spans, free)
    if not for_what_if:
        read_assets(sentence, found, spans, free)
    rest = blank(sentence, spans)
    slots = read_slots(rest, asked, rules_only=for_what_if)
    found.updates.update(slots.values)
    found.tentative.update({slot: unblanked(quote, rest, sentence) for slot, quote in slots.tentative.items()})
    found.unruled |= slots.unruled
    if "monthly_spend_usd" in found.updates and (bill_beyond(sentence) or quality_but_dear(sentence) or cost_verdict(sentence)):
        # "~$30k/mo, finance said no way", "the bill is not small, last month it was $14,000": the bill
        # refused, put against praise or judged, over the words with its amount (blanked for the slots)
        found.updates["top_model_too_costly"] = True
        found.tentative.pop("top_model_too_costly", None)
        found.unruled.discard("top_model_too_costly")
    paid = [(m.start(), m.end() + period_after(sentence[m.end() :])) for m in MONEY.finditer(sentence)]
    if "knowledge_changes" in found.updates and (explains_the_volume(sentence) or any(end > start for start, end in paid) and not any(
            read_frequency(c.text, "knowledge_changes") for c in clauses(blank(rest, paid)))):
        del found.updates["knowledge_changes"]  # "$31k a month": an amount's period is no change rate, nor a volume's reason
        found.tentative.pop("knowledge_changes", None)
    if "latency_budget_ms" in found.updates:
        found.tentative.pop("latency_sensitive", None)  # a stated budget says it plainly
        if found.updates["latency_budget_ms"] >= 1500 and WAIT_IS_FINE.search(sentence):
            found.updates["latency_sensitive"] = False  # "latency - a couple secs is ok for chat": a loose budget
    if found.updates.get("has_documents") is None and found.updates.get("corpus_documents"):
        found.updates["has_documents"] = True  # "it answers from our 3,000 support articles"
    if found.updates.get("has_documents") is None and CLASSIFIER.search(rest) and not for_what_if:
        found.updates["has_documents"] = False
        found.unruled.add("has_documents")  # inferred from the task: what the words say outright wins
    if "latency_sensitive" in found.updates and found.updates.get("knowledge_changes") == "daily" and FRESH_REAL_TIME.search(rest):
        # "updated in real time" is about freshness, not response time.
        del found.updates["latency_sensitive"]
    # Of several models named, the one chosen: "GPT-4o-mini was bad at it, GPT-4o is spot on" runs GPT-4o.
    model = next((m for m in MODEL.finditer(sentence) if chooses_model(sentence, m) and not refuses(sentence, m, found.updates)), None) or (
        MODEL.search(sentence) or PROVIDER.search(sentence))
    if model and chooses_model(sentence, model) and not refuses(sentence, model, found.updates):
        found.updates["model"] = re.sub(r"\s+", " ", model.group(0).strip().lower())
    return found


def _withdrawn_with(sentence: str, earlier: str, current: Mapping[str, Any]) -> list[str]:
    """The requirements an earlier sentence set that named what `sentence` takes back: "we also want
    it to check facts against our author contracts database" set documents to draw on; "leave the
    contracts out of it" withdraws them."""
    slots = []
    for thing in withdrawn_things(sentence):
        for said in SENTENCE_SPLIT.split(earlier):
            if re.search(rf"\b{re.escape(thing)}\b", said, re.IGNORECASE):
                set_then = _facts(said, None, for_what_if=False).updates
                slots += [s for s in _WITHDRAWABLE if set_then.get(s) is True and current.get(s) is True and s not in slots]
    return slots


_WITHDRAWABLE = ("has_documents", "needs_citations", "multi_tenant")
