"""Reading the decision slots from a sentence: each clause is read by the slot classifier and by the
keyword rules, and the two readings are settled per slot.

- The classifier (`slot_model`) generalises to phrasings nobody wrote rules for; the rules are
  precise where they fire. A confident classifier reading wins; otherwise the rules' reading stands;
  a less confident classifier reading the rules do not contradict is taken and marked tentative, so
  the reply says how it was read ("I took 'X' to mean Y: say if not").
- A prohibition is never read as its permission: data may leave, or answers need not cite, only
  when the words say so explicitly (`_PERMISSION`), whatever the classifier thinks.
- The alternative in "monthly, not weekly" is ruled out, and when clauses disagree the last one
  stands ("weekly, sorry, monthly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agent.understand.bill import bill_beyond, cost_verdict, quality_but_dear, speed_is_the_trouble
from agent.understand.clauses import Clause, clauses, mark, words_of
from agent.understand.corpus import BY_HAND, CITED_SOURCE, CORPUS, NOTHING_TO_RETRIEVE, inputs_worked_through, nothing_to_look_up, source_text_only
from agent.understand.permission import (
    A_BILL_REFUSED,
    DATA_LEAVING,
    DESTINATION,
    KEPT_INSIDE,
    bans,
    citations_not_the_models,
    lifts_a_requirement,
    names_an_allowed_provider,
    permits,
    regional,
    unnegated_ban,
    without_examples,
)
from agent.understand.frequency import CHANGE_CONTEXT as _CHANGE_CONTEXT
from agent.understand.frequency import MONEY_PERIOD, NEWS_OF_CHANGE, PROJECT_HISTORY, SETTLED_ON, STATE_CHANGED, VOLUME_RATE, no_period_in, out_of_scope_rate, read_frequency, vaguely_often
from agent.understand.shapes import CLAUSE_BREAK, CORRECTION, TOPIC_ANSWERED
from agent.understand.shortfalls import gaps_of_shortfall, meets_the_bar, shortfall
from agent.understand.conditions import negates_the_judging
from agent.understand.output_format import FORMAT_STABLE, OWN_LANGUAGE, OWNERSHIP, format_verdict, shortfall_unnamed
from agent.understand.slots import EXPLICIT_NO, KEYWORDS, decisive, near_the_format, read_flag
from agent.understand.topics import (
    ABOUT_THE_ADVICE,
    COST_EASE,
    COST_OR_SPEED,
    COST_TROUBLE,
    DOCUMENT_TOPIC,
    EVAL_EVIDENCE,
    OWN_SHAPE,
    RESIDENCY_CONTEXT,
    TENANCY,
    TOPIC,
)
from tools.profile import DECISION_FLAGS

# The classifier's reading is taken on its own from this probability; between the two it is taken
# only if the rules do not contradict it, and said back to the user as a tentative reading.
CONFIDENT = 0.65
TENTATIVE = 0.45
# From this probability a reading needs no subject words of its own ("it powers a live translation
# earpiece" is latency-critical without saying "latency"); a short clause still speaks only to the
# question asked, and a ban is still never read as permission. Chosen on the validation split.
SURE = 0.9
# A clause this short ("fine", "no wait") says something only about the question just asked.
SHORT_CLAUSE_WORDS = 2
# Hedged clauses state nothing: "not sure about latency", "maybe weekly, I'd have to check".
# "no wait, 2M per month": a correction beginning, not a "no" to the question asked.
_CORRECTING = re.compile(r"^\W*(?:no,? wait|wait|sorry|actually|i mean|i meant|oops|correction|scratch that)\b", re.IGNORECASE)
UNSURE_ANSWER = _UNSURE = re.compile(r"\b(?:not sure|unsure|no idea|don'?t know|dunno|not certain|have to check|need to check|depends|tbd|to be decided|no clue)\b", re.IGNORECASE)
# A hedge that a lean follows: "depends, mostly static", "not sure - probably weekly".
_HEDGE_LEAD = re.compile(
    r"^\W*(?:it |that )?(?:depends|not sure|unsure|dunno|don'?t know|hard to say|no idea)\b[^,;:.–—-]{0,30}(?:[,;:.]|\s[-–—])\s*(?=\w)",
    re.IGNORECASE,
)
# Slots whose permissive value (False) is only ever taken from explicit words.
PROHIBITION_SLOTS = ("data_residency", "needs_citations")
# Words too light to state a fact on their own ("give or take", "no wait").
_FILLER = frozenset("a an the or and or so it its it's is are be to of in on at for give take wait well ok okay yes no yep nope".split())
_DENIED_TOPIC = re.compile(r"^\W*[\w -]{2,25}[:?]+\s*(?:no|nope|nah|none|not needed|not really)\b", re.IGNORECASE)
_DECIDED_NEEDED = re.compile(
    r"\b(?:let'?s say|call it|make it|put it down as|count it as|mark it as|on second thought|actually(?:,? yes)?|no wait(?:,? yes)?)[,\s]+(?:it'?s\s+|as\s+)?(?:needed|required|a must|mandatory|a requirement|must[- ]have)\b",
    re.IGNORECASE,
)
_VOICE_IN_PROMPT = re.compile(
    r"\b(?:personality|persona|voice|tone|character|style(?: guide)?|instructions|rules|examples|few[- ]shots?)\b[^.;]{0,20}\b(?:in|into|inside)\s+(?:the|our|its|a)\s+(?:system\s+)?prompt",
    re.IGNORECASE,
)
# What changes on a schedule without being the knowledge: money, traffic, people, jobs.
_NOT_KNOWLEDGE = re.compile(
    r"\b(?:bill\w*|invoices?|spend\w*|spent|costs?|pay|pays|paying|paid|charg\w*|fees?|traffic|requests?|queries|questions|users?|visitors|people|staff|hir\w*|meetings?|"
    r"msgs|messages|chats|calls|tickets|sessions|conversations|volume|load|weekends|weekdays|evenings|holidays|busiest|quiet\w*|"
    r"standups?|batch\w*|jobs?|cron|runs?|prompts?|experiments?|releases of the model|model versions?|peaks?|spikes?|grow\w*|growth|scal\w*|rps|qps|seasons?|seasonal|storms?|"
    # how long people work: "each working 8 hours a day"
    r"shifts?|agents|employees|workers|working|hours (?:a|per|each) (?:day|week))\b",
    re.IGNORECASE,
)
# A format or vocabulary is a gap only when the model fails it or it must be exact: "one in ten won't
# parse", "it keeps inventing category names", "strict JSON", "even with examples in the prompt".
_FORMAT_TROUBLE = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|doesn'?t|don'?t|won'?t|isn'?t|aren'?t|wasn'?t|weren'?t|never|not|no|seen|unseen|fail\w*|break\w*|broke|broken|wrong|invalid|malformed|"
    r"mess\w* up|hallucinat\w*|invent(?!or)\w*|makes? up|making up|made up|mislabel\w*|mix\w* up|confus\w*|keeps?|kept|struggl\w*|"
    r"fumbl\w*|botch\w*|butcher\w*|trip\w* (?:up|over)|misus\w*|misspell\w*|mangl\w*|unfamiliar|poorly|badly|sloppy|garbag\w*|"
    r"unreliabl\w*|inconsisten\w*|drift\w*|off|instead of|problem|issue|pain|error\w*|bad|garbled|mangl\w*|all over the place|a mess|messy|"
    r"\d+\s*(?:in|out of)\s*\d+|one in|\d+(?:\.\d+)?\s*%|percent|strict\w*|exact\w*|must|has to|have to|required|reliabl\w*|"
    r"even with|despite|gap|only|approved|subset|ours|our (?:own|internal|proprietary)|proprietary|custom|internal|house)\b",
    re.IGNORECASE,
)
# A voice or tone is a requirement only when the bot must hold it: "must sound like Max", "keeps
# drifting out of character", "has to stay on-brand", "a persona".
_PERSONA_NEED = re.compile(
    r"\b(?:must|has to|have to|needs? to|should|shall|got to|gotta|required?|supposed to|meant to|keep\w*|stay\w*|hold\w*|maintain\w*|"
    # A voice wanted is one to hold: "we'd like it to write in our brand voice", "we want the bot to sound like Max".
    r"(?:want|wants|wanted|'d like|would like|like|wish|wishes) (?:it|the model|a model|the bot|the assistant|them|the \w+|our \w+) to|"
    r"drift\w*|slid\w* (?:back|into)|slip(?:s|ping)? (?:back|into)|falls? (?:back )?into|falling (?:back )?into|revert\w*|at all times|los(?:e|es|ing) (?:its|the|his|her)|break\w* character|(?:sound|talk|speak|writ)\w* (?:consistently |always |exactly |more |just )?(?:like|the same|alike|identical|samey|interchangeable|generic|bland)|comes? across like|stay (?:socratic|in role|on script|in persona|patient|encouraging|deadpan|sarcastic|sassy|grumpy|formal|playful|neutral|empathetic)|(?:caves?|caved|caving|gives? in) (?:as soon as|when|whenever|the moment|to|under|immediately)|speak\w* as|act\w* (?:like|as)|"
    r"persona|in[- ]character|on[- ]brand|stay in role|throughout|every (?:message|turn|reply|time)|long (?:conversations?|sessions?|chats?)|(?:needs?|wants?|requires?) (?:one|a) (?:consistent|steady|single|stable)|(?:voice|tone) (?:to be |to stay |kept )?consistent|"
    # A voice of its own to keep, and people who will notice: "each character has a very distinct voice".
    r"distinct(?:ive)? (?:voices?|personalit\w*|ways? of (?:talking|speaking))|(?:their|his|her) own (?:voice|way of (?:talking|speaking))|picky|fussy|particular about|"
    # a voice said to be exacting: "their brand voice is super specific", "strict tone rules", "quite particular"
    r"(?:is|are|'s) (?:\w+ )?(?:specific|particular|strict|exacting|distinctive|unique|peculiar|precise|idiosyncratic)|strict (?:tone|voice|style|brand)|"
    r"matters?|important|crucial|critical|essential|hard(?:est)? part|problem|issue|tricky|challeng\w*|difficult|hard to (?:get|keep|hold|nail)|stops? being|after \w+ (?:turns|messages|replies)|all over the place|inconsistent\w*|off[- ]brand|varies|chang\w* (?:a lot|so much|too much|between|from)|"
    # what comes out instead of the voice wanted: "our brand voice is playful and it comes out stiff"
    r"(?:comes? out|ends? up|reads?|sounds?|turns? out)\s+(?:\w+\s+)?(?:stiff|robotic|bland|flat|corporate|generic|wooden|cold|dry|off|wrong|clinical|preachy|cheesy))\b",
    re.IGNORECASE,
)
# A ban on one kind of destination only, which leaves a provider allowed by name standing: "but not
# public APIs", "no consumer endpoints", "nothing else".
_NARROW_BAN = re.compile(r"\b(?:not|no|never)\b[^.;]{0,15}\b(?:public|consumer|other|third[- ]party|free|open|anything else|nothing else|else)\b", re.IGNORECASE)


@dataclass
class SlotReading:
    """The settled values of one sentence, and which of them were read tentatively (slot -> the
    words behind the reading)."""

    values: dict[str, Any] = field(default_factory=dict)
    tentative: dict[str, str] = field(default_factory=dict)
    # Slots read by the classifier alone, with no keyword rule behind them.
    unruled: set[str] = field(default_factory=set)


_NOTHING_TRIED = re.compile(r"\b(?:haven'?t|have not|not yet|never|not even)\b[^.;]{0,25}\b(?:tried|tested|used|started|built)\b|\b(?:tried|tested|used)\s+(?:anything|nothing)\b", re.IGNORECASE)
_OPENING_FIX = re.compile(r"^\W*(?:(?:oh|hmm+|um+|uh|ah)\W+)?(?:no wait|wait,? no|wait|sorry|oops|my bad)\b[\s,.!:-]*", re.IGNORECASE)

def read_slots(text: str, asked: str | None = None, model: Any = None, *, rules_only: bool = False) -> SlotReading:
    """The decision-slot values a sentence states. `asked`: the slot just asked about (it gives "separate"
    or "weekly-ish" its meaning); `model`: a `SlotModel` (default: the shipped one); `rules_only`: the
    keyword rules alone (a what-if names a change precisely: "what if the docs changed daily?")."""
    # Hedged clauses ("not sure about latency") and the alternative an "X, not Y" rules out say nothing.
    parts = [c for c in clauses(text) if not c.ruled_out and not _UNSURE.search(c.text)]
    sure = list(parts)
    for clause in [c for c in clauses(text) if not c.ruled_out and _UNSURE.search(c.text) and not _HEDGE_LEAD.match(c.text)]:
        # "we don't know how good it is, we have no evaluation": the hedge is one comma's worth; the
        # statements beside it stand (a negation's scope ends at a comma, so each piece reads alone).
        pieces = [piece.strip() for piece in clause.text.split(",")]
        if len(pieces) > 1:
            parts += [mark(piece) for piece in pieces if piece and not _UNSURE.search(piece)]
    reading = SlotReading()
    if not parts:
        return _leaning(text, asked, model, rules_only)
    # The keyword rules read clause by clause; a later clause overrides an earlier one.
    ruled: dict[str, Any] = {}
    residency: list[tuple[Clause, bool]] = []  # each clause's own reading of data leaving
    # whether the clause before spoke of change without saying how often; whether one settled the rate ("ok let's say weekly")
    talk_of_change = decided = False
    rate_said = ""  # the clause the change rate was read from (a "stable" in it yields to a firmer "static")
    for clause in parts:
        values = _rule_values(clause, asked)
        if ("knowledge_changes" in ruled or talk_of_change) and "knowledge_changes" not in values and len(clause.words) <= 8:
            # "changes policies constantly — at least weekly during term", "a new bulletin — which is every week in season —"
            follow = read_frequency(clause.text, "knowledge_changes")
            if follow:
                values["knowledge_changes"] = follow
        if "knowledge_changes" in ruled and "knowledge_changes" in values and (vaguely_often(clause.text) or decided or (
                not CORRECTION.search(clause.text) and not vaguely_often(rate_said) and _PACE.get(values["knowledge_changes"], 0) < _PACE.get(ruled["knowledge_changes"], 0))):
            # the period stands ("every week, honestly all the time", "let's say weekly"); of two rates said, the faster needs retrieval
            del values["knowledge_changes"]
        if (ruled.get("knowledge_changes") not in (None, "static") and values.get("knowledge_changes") == "static" and not STATE_CHANGED.search(text)
                and not (ruled["knowledge_changes"] == "rarely" and no_period_in(rate_said))):
            # "updated twice a year, otherwise the rules don't change": what does change sets the rate; only a
            # correction or a change of state ("it used to change monthly, now it's frozen") makes the "static" stand.
            del values["knowledge_changes"]
        rate_said = clause.text if "knowledge_changes" in values else rate_said
        ruled.update(values)
        decided = decided or ("knowledge_changes" in values and bool(SETTLED_ON.search(clause.text)))
        talk_of_change = "knowledge_changes" not in values and bool(NEWS_OF_CHANGE.search(clause.text))
        if "data_residency" in values:
            residency.append((clause, values["data_residency"]))
    # "latency is low priority", "the quality isn't the problem, the cost is": words that settle a
    # slot, whatever the classifier makes of the subject they name.
    settled = {slot for slot, value in ruled.items() if any(decisive(c.text, slot) is value for c in parts)}
    settled |= {slot for slot in ruled if any(TOPIC_ANSWERED.match(c.text) and _touches(slot, c.text) for c in parts)}  # "citations: no"
    for c in parts:
        # "labelled data? nope, nothing": the topic named, then denied; the topic's keyword is no yes
        denied = TOPIC_ANSWERED.match(c.text)
        if denied and _DENIED_TOPIC.match(c.text):
            topic = c.text[: c.text.find(":") if ":" in c.text else c.text.find("?")]
            for slot in [s for s, value in ruled.items() if value is True and s in DECISION_FLAGS and KEYWORDS[s].search(topic)]:
                ruled[slot] = False
    if ruled.get("persona_consistency") is True and any(_voice_required(c) for c in parts):
        settled.add("persona_consistency")  # "the tone is the tricky part: warm, never pushy": the need stands
    allowed = next((i for i, (c, value) in enumerate(residency) if value is False and names_an_allowed_provider(c, asked)), None)
    if allowed is not None and all(value is False or _NARROW_BAN.search(c.text) for c, value in residency[allowed:]):
        # "we can use Azure OpenAI in our own subscription (but not public APIs)": a provider allowed
        # by name, and no ban after it but one of other destinations, is said outright.
        ruled["data_residency"] = False
        settled.add("data_residency")
    if bill_beyond(text) or quality_but_dear(text) or speed_is_the_trouble(text):  # too slow is too dear, unless "the bill is fine"
        ruled["top_model_too_costly"] = not (speed_is_the_trouble(text) and (cost_verdict(text) is False or EXPLICIT_NO["top_model_too_costly"].search(text)))
        settled.add("top_model_too_costly")
    if _DECIDED_NEEDED.search(text):
        # "citations would be nice so HR can check - yes let's say needed": the decision after the hedge stands
        for slot in ("needs_citations", "multi_tenant", "persona_consistency", "latency_sensitive"):
            if KEYWORDS[slot].search(text):
                ruled[slot] = True
                settled.add(slot)
                break
    if speed_is_the_trouble(text) and ruled.get("latency_sensitive") is not False:
        ruled["latency_sensitive"] = True  # "cost is ok honestly, it's the speed": the speed is what matters
        settled.add("latency_sensitive")
    if quality_but_dear(text) and "output_format_gap" not in ruled:
        ruled["output_format_gap"] = False  # the quality praised is the output's
    if meets_the_bar(text) and "output_format_gap" not in ruled:
        ruled["output_format_gap"] = False  # "gpt-4o is 97% accurate on our eval set"
        settled.add("output_format_gap")
    if not rules_only and shortfall(text) and not shortfall_unnamed(text):
        # A measured shortfall across the sentence's clauses ("gets ~90% schema-valid; we need 99+"):
        # of the voice it is a persona to hold, else a format or vocabulary gap.
        for slot in gaps_of_shortfall(text):
            ruled[slot] = True
            settled.add(slot)
    # A ban anywhere in the sentence ("we used to call OpenAI but the new policy forbids it") leaves
    # no clause of it to be read as permission.
    banned = (any(unnegated_ban(c, text) for c in parts) and bool(DESTINATION.search(text)) and not A_BILL_REFUSED.search(text)) or any(bans(c) for c in parts)
    if rules_only:
        reading.values.update(ruled)
    else:
        from agent.understand.slot_model import shipped_model

        # The classifier reads what it was trained on: the sentence, less what it rules out.
        # (less a correction's opening: "oh wait, it's 45 staff" says nothing of waiting)
        sentence = mark(_OPENING_FIX.sub("", ", ".join(c.text for c in parts)))
        for r in (model or shipped_model()).read([sentence], asked=asked)[0]:
            if r.slot not in ruled and not _plausible(r.slot, r.value, sentence, asked, r.probability):
                continue
            guess = None if r.slot in settled else r.value
            if guess is not None and r.slot in ruled and guess != ruled[r.slot] and not _plausible(r.slot, guess, sentence, asked, r.probability):
                guess = None  # "the cost is way over budget": a guess against the rules needs words of its own
            value, tentative = _settle(r.slot, guess, r.probability, ruled.get(r.slot), sentence, asked)
            if value is not None:
                reading.values[r.slot] = value
                if ruled.get(r.slot) != value:
                    reading.unruled.add(r.slot)
                if tentative:
                    reading.tentative[r.slot] = _quoted(sentence.text)
    if (reading.values.get("output_format_gap") is True and "output_format_gap" in reading.unruled
            and reading.values.get("persona_consistency") is True and not _FORM_WORDS.search(text)):
        # "after twenty messages Max stops sounding like himself": a voice that drifts, no format named
        del reading.values["output_format_gap"]
        reading.tentative.pop("output_format_gap", None)
    # a classifier's guess from words that say something else ("not even chatgpt officially": nothing tried; "the contract
    # forbids any data leaving": a ban, not tenants), and any rate of what the feature won't touch ("... but the bot won't touch it")
    for slot, other in (("data_residency", reading.values.get("data_residency") is True and _NOTHING_TRIED.search(text)),
                        ("multi_tenant", banned and "multi_tenant" not in ruled),
                        ("knowledge_changes", out_of_scope_rate(text) and not read_frequency(text, asked))):
        if other and (slot in reading.unruled or slot == "knowledge_changes"):
            reading.values.pop(slot, None), reading.tentative.pop(slot, None), reading.unruled.discard(slot)
    if banned:
        reading.values["data_residency"] = True
        reading.tentative.pop("data_residency", None)
        last_ban = max((i for i, c in enumerate(parts) if bans(c) or unnegated_ban(c, text)), default=-1)
        # An allowed provider named after the ban is its exception; named before a narrower ban
        # ("we can use Azure OpenAI in our own subscription but not public APIs") it stands too.
        if any(names_an_allowed_provider(c, asked) for c in parts[last_ban + 1 :]) or any(
                names_an_allowed_provider(c, asked) for c in parts[:last_ban] if _NARROW_BAN.search(parts[last_ban].text)):
            # The ban's own exception names a provider after it: hosted is allowed, there.
            reading.values["data_residency"] = False
        elif regional(text):
            # The permission must stand in a piece of its own that bans nothing: "no commercial API
            # that sends data abroad is allowed" is the ban again.
            pieces = [c for piece in re.split(r"[,;]|\bbut\b", text) if piece.strip() for c in clauses(piece)]
            if any(permits("data_residency", c, asked) and not bans(c) for c in pieces):
                reading.values["data_residency"] = False  # "has to stay in the EU, but an API in an EU region is acceptable"
            else:
                reading.tentative["data_residency"] = _quoted(text)  # said back: an API in that region may do
    elif reading.values.get("data_residency") is True and regional(text):
        reading.tentative["data_residency"] = _quoted(text)  # the classifier's ban of a region or cloud account, said back
    for slot in PROHIBITION_SLOTS:
        if reading.values.get(slot) is False and len(parts) > len(sure) and not any(permits(slot, c, asked) for c in sure):
            # "I don't know, hosted is fine I guess": a permission said beside a hedge is none.
            del reading.values[slot]
            reading.tentative.pop(slot, None)
    return reading


def _leaning(text: str, asked: str | None, model: Any, rules_only: bool) -> SlotReading:
    """A hedge with a lean after it ("depends, mostly static", "not sure, maybe a few seconds is
    ok"): the lean is read, said back as tentative, and never grants what a prohibition forbids."""
    lean = _HEDGE_LEAD.match(text)
    if not lean:
        return SlotReading()
    reading = read_slots(text[lean.end():], asked, model, rules_only=rules_only)
    for slot in [s for s in PROHIBITION_SLOTS if reading.values.get(s) is False]:
        del reading.values[slot]
    reading.tentative = {slot: _quoted(text) for slot in reading.values}
    return reading


def _quoted(text: str, most: int = 12) -> str:
    """The user's words behind a reading, short enough to say back."""
    words = text.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


def _plausible(slot: str, value: Any, clause: Clause, asked: str | None, probability: float = 0.0) -> bool:
    """Whether a classifier reading the rules did not make has the words it needs: a short clause
    speaks only to the question asked (and not when it begins a correction); a ban on data leaving
    names where the data would go or must stay; below SURE, the words touch the slot's subject."""
    if slot == asked:
        if slot == "knowledge_changes" and (MONEY_PERIOD.search(clause.text) or PROJECT_HISTORY.search(clause.text)) and not _CHANGE_CONTEXT.search(clause.text):
            # "we're billed monthly if that's what you mean", "we started playing with it last week":
            # a period paid, or when the project began, is no change rate
            return False
        return not _CORRECTING.search(clause.text)
    if slot == "top_model_too_costly" and (ABOUT_THE_ADVICE.search(clause.text) or (value is False and not COST_EASE.search(clause.text))):
        return False  # "that cost seems high" doubts the advice; "the bill is $15k/mo" states a bill, not that it is fine
    content = [w for w in clause.words if w not in _FILLER]
    if len(content) <= SHORT_CLAUSE_WORDS:
        # "slow is fine", "the format holds": a short clause that names the slot's subject speaks to
        # it when the classifier is confident; "fine" or "no wait" alone speaks only to the question.
        return probability >= CONFIDENT and not _CORRECTING.search(clause.text) and _touches(slot, clause.text)
    if slot == "top_model_too_costly" and slot != asked and not COST_OR_SPEED.search(clause.text):
        return False  # "the model is good enough quality-wise" or "we classify transactions" says nothing of the bill
    named = KEYWORDS["has_documents"].search(clause.text) if slot == "has_documents" and value is True else None
    if named and clause.negated_at(named.start()) and slot != asked:
        return False  # "no reference documents needed beyond the case itself", however sure the classifier
    if (slot == "data_residency" and value is True and slot != asked and _SELF_HOSTING.search(clause.text)
            and not (clause.has_negation or _A_RULE.search(clause.text) or RESIDENCY_CONTEXT.search(clause.text))):
        return False  # "thinking llama on our own gpus": a plan to self-host, not a rule that data stays
    if value is False and slot in ("persona_consistency", "needs_citations", "output_format_gap") and slot != asked and negates_the_judging(clause.text):
        return False  # "Nobody has scored any drafts for tone" denies the scoring, not the tone
    if slot == "needs_citations" and value is True and slot != asked and source_text_only(clause.text):
        return False
    if probability >= SURE:
        return True
    if slot in TOPIC and not TOPIC[slot].search(clause.text):
        return False  # a reading about a slot whose subject the words never touch
    if slot == "data_residency" and value is True and slot != asked:
        text = without_examples(clause.text)
        if KEPT_INSIDE.search(text) or RESIDENCY_CONTEXT.search(text):
            return True
        # "we host it in the cloud" names a destination and no rule: a ban says no, must or only
        return bool(DESTINATION.search(text)) and (clause.has_negation or bool(_A_RULE.search(text)))
    if slot == "knowledge_changes" and slot != asked and not _HOW_OFTEN.search(clause.text):
        return False  # "every new listing gets cleaned up and rewritten before it goes live": no rate said
    if slot == "knowledge_changes" and slot != asked and not _CHANGE_CONTEXT.search(clause.text) and (
            _NOT_KNOWLEDGE.search(clause.text) or VOLUME_RATE.search(clause.text) or MONEY_PERIOD.search(clause.text)):
        return False  # "the monthly bill is about 9k", "traffic peaks every Monday": not a change rate
    if slot == "output_format_gap" and value is True and slot != asked and _PRAISED.search(clause.text) and not _FORM_WORDS.search(clause.text):
        return False  # "does it really well ... matches them 94% of the time": quality praised, no format named
    if slot == "output_format_gap" and value is True and slot != asked and probability < CONFIDENT:
        return bool(_FORMAT_TROUBLE.search(clause.text))
    if slot == "top_model_too_costly" and value is True and slot != asked and probability < CONFIDENT:
        return bool(COST_TROUBLE.search(clause.text))  # an unsure "the cost model looks neat" is no complaint
    if slot == "multi_tenant" and value is True and slot != asked:
        # "Law firm again (different one lol)" names no tenants; "each funder has its own form" a shape, no data
        return bool(TENANCY.search(clause.text)) and not OWN_SHAPE.search(clause.text)
    if slot == "persona_consistency" and value is True and slot != asked:
        return bool(_PERSONA_NEED.search(clause.text))  # "the KB is written in one house style" is no persona
    if slot == "has_eval_set" and value is True and slot != asked:
        return bool(EVAL_EVIDENCE.search(clause.text))
    if slot == "has_documents" and value is True and slot != asked:
        return (_names_documents(clause) or bool(CORPUS.search(clause.text))) and not inputs_worked_through(clause.text)
    if slot == "has_documents" and value is False and slot != asked:
        # "nobody's edited the handbook" negates editing, not having a handbook: a negated mention
        # of documents is no absence of them unless the words say there is nothing to look up.
        # "we wrote Fern's personality into the prompt" puts a voice in the prompt, not the knowledge
        return bool(DOCUMENT_TOPIC.search(clause.text)) and not _VOICE_IN_PROMPT.search(clause.text) and (
            bool(NOTHING_TO_RETRIEVE.search(clause.text)) or not _names_documents(clause))
    return True


_HOW_OFTEN = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually|hours?|days?|nights?|weeks?|months?|quarters?|years?|yrs?|wks?|mos?|decades?|often|constant\w*|always|all the time|"
    r"rarely|seldom|never|hardly|static|stable|frozen|fixed|unchanged|unchanging|evergreen|timeless|permanent|the same|chang\w*|updat\w*|refresh\w*|revis\w*|amend\w*|stale|churn\w*|evolv\w*|"
    r"regular\w*|frequent\w*|occasional\w*|sometimes|overnight|real[- ]?time|since|once|twice|times|moves?|fast|slow\w*|lot)\b",
    re.IGNORECASE,
)
_PRAISED = re.compile(r"\b(?:really well|very well|so well|great|excellent|brilliant|superb|love[sd]?|nails?|nailed|spot on|does (?:it|a) (?:great|good|fine) job|same as|as good as|on par with|matches)\b", re.IGNORECASE)
_FORM_WORDS = re.compile(r"\b(?:format\w*|json|schema|template|structure|layout|fields?|xml|csv|headings?|sections?|syntax|dsl|terminology|vocabulary|jargon)\b", re.IGNORECASE)
_SELF_HOSTING = re.compile(r"\bown (?:gpus?|hardware|servers?|cluster|machines?|boxes|infra\w*)\b|\bself[- ]?host\w*|\bin[- ]house\b", re.IGNORECASE)
_A_RULE = re.compile(r"\b(?:must|only|never|stay\w*|remain\w*|kept|allowed|approved|permitted|polic\w*|rules?|ban\w*|forbid\w*|prohibit\w*|vetoed)\b", re.IGNORECASE)


def _voice_required(clause: Clause) -> bool:
    """Whether a word of need governs the voice the clause names, unnegated: the voice's own
    description ("never pushy") carries negations a bag of words mistakes for "no requirement"."""
    text = clause.text
    if not KEYWORDS["persona_consistency"].search(text):
        return False
    for m in _PERSONA_NEED.finditer(text):
        index = len([w for w in words_of(text[: m.start()]) if w not in (",", ":")])
        if index < len(clause.negated) and not clause.negated[index]:
            return True
    return False


def _touches(slot: str, text: str) -> bool:
    """Whether the words name the slot's subject (its topic words, or its keywords)."""
    subject = TOPIC.get(slot) or KEYWORDS.get(slot)
    return bool(subject and subject.search(text))


def _names_documents(clause: Clause) -> bool:
    return bool(KEYWORDS["has_documents"].search(clause.text))


def _rule_values(clause: Clause, asked: str | None) -> dict[str, Any]:
    text = clause.text
    values: dict[str, Any] = {}
    # Data residency from the words of a ban or a permission (see agent.understand.permission).
    if bans(clause):
        values["data_residency"] = True
    elif permits("data_residency", clause, asked) and (asked == "data_residency" or DATA_LEAVING.search(text)):
        values["data_residency"] = False
    frequency = read_frequency(text, asked)
    if frequency:
        values["knowledge_changes"] = frequency
    for slot in DECISION_FLAGS:
        if slot == "data_residency" and slot in values:
            continue
        flag = read_flag(without_examples(text) if slot == "data_residency" else text, slot)
        if flag is False and slot == "has_documents" and not (NOTHING_TO_RETRIEVE.search(text) or EXPLICIT_NO[slot].search(text)):
            continue  # "nobody's edited the handbook" negates editing, not having a handbook
        if flag is True and slot == "needs_citations":  # (people add them; the task only reads a source)
            flag = False if citations_not_the_models(text) else None if source_text_only(text) else True
        if flag is True and slot == "persona_consistency" and not _PERSONA_NEED.search(text):
            continue  # "the KB is written in the same house style" describes the documents, not the bot
        if flag is not None:
            values[slot] = flag
    if nothing_to_look_up(text):
        values["has_documents"] = False  # "we paste the whole price list into the prompt": named, and nothing to look up
    # (a bracketed list names the fields: "(policy number, date, injuries yes/no)" holds no trouble)
    if values.get("output_format_gap") is True and not (
        _FORMAT_TROUBLE.search(OWNERSHIP.sub(" ", re.sub(r"\([^()]*\)", " ", near_the_format(text)))) or (OWNERSHIP.search(text) and OWN_LANGUAGE.search(text))
    ):
        # "we output JSON" names a format, "internal schemas on our account" the team's databases:
        # a gap only if the model fails it, or the language is the team's own.
        del values["output_format_gap"]
    if values.get("output_format_gap") is True and FORMAT_STABLE.search(text):
        del values["output_format_gap"]  # "the format of contracts is not changing": a stable input, no failing output
    verdict = format_verdict(text)
    if verdict is not None:
        values["output_format_gap"] = verdict  # "it never gets the format right": the grammar, not the keyword
    if decisive(text, "persona_consistency") is True:
        values["persona_consistency"] = True  # "the tone is a bit off sometimes": a voice that does not hold
    verdict = cost_verdict(text)
    if verdict is not None:
        values["top_model_too_costly"] = verdict  # "the budget is tight", "the invoice is not small": the grammar
    if values.get("needs_citations") is True and "has_documents" not in values and CITED_SOURCE.search(text):
        values["has_documents"] = True  # "every reply must cite the scheme rule or the trustees' policy": what is cited is there to retrieve
    if values.get("has_documents") is True and values.get("has_eval_set") is True and BY_HAND.search(text):
        del values["has_documents"]  # "1,800 documents my team keyed in by hand, so we can test with those": examples
    if values.get("has_documents") is True and not (CORPUS.search(text) or {"knowledge_changes", "needs_citations", "multi_tenant"} & set(values)):
        # Documents named as the feature's knowledge ("the docs change weekly", "a bot over our
        # articles") say there is a corpus; documents merely named ("the SDK docs are bad") do not.
        del values["has_documents"]
    return values


_SELDOM_CHANGE = frozenset({"static", "rarely"})
_PACE = {"rarely": 1, "monthly": 2, "weekly": 3, "daily": 4}  # ("static" is left to the rule on what does change)


def _settle(slot: str, guess: Any, probability: float, ruled: Any, clause: Clause, asked: str | None) -> tuple[Any, bool]:
    """(value, tentative) for one slot of one clause, from the classifier's guess and the rules'."""
    # A change rate the grammar reads clause by clause ("pubs update yearly but our docs change every
    # couple weeks": the last clause stands) is precise; the classifier reads the whole sentence and
    # overrides it only when sure.
    confident = SURE if slot == "knowledge_changes" and ruled is not None else CONFIDENT
    if slot == "knowledge_changes" and ruled is not None and (ruled in _SELDOM_CHANGE) != (guess in _SELDOM_CHANGE):
        guess = None  # "the handbook changes a lot": the grammar's often or seldom is never turned over
    if slot in PROHIBITION_SLOTS and ruled is True and guess is False:
        guess = None  # "tenants don't need citations, but my staff would like to see which document it came from": the rules' last clause stands
    if slot == "data_residency" and ruled is False and guess is True and not bans(clause):
        guess = None  # "legal signed off on it": permission in words, with no ban in them, is not a ban guessed from "legal"
    if guess is not None and probability >= confident:
        value, tentative = guess, False
    elif ruled is not None:
        value, tentative = ruled, False
    elif guess is not None and probability >= TENTATIVE:
        value, tentative = guess, True
    else:
        return None, False
    if slot in PROHIBITION_SLOTS and value is False and not permits(slot, clause, asked):
        return None, False  # never read a ban as permission without explicit words
    if slot == "data_residency" and value is True and lifts_a_requirement(clause):
        return False, False  # "the data doesn't have to stay in-house" says it may leave
    return value, tentative
