"""The brief: everything the advisor will say this turn, decided in Python before anyone phrases it.

`decide_turn` applies what the user said to the profile, then settles what this turn holds: an answer
to a free question (quoted passages), a what-if (the cost model re-run with the change), a
recommendation (decision tree + cost model + the passages behind both), and the next question. The
offline templates and the LLM both phrase this brief; neither may add a number that is not in it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Mapping, Sequence

from agent.conversation.answers import answer_from_sources
from agent.conversation.disputed import dispute_for, figure_for_you
from agent.conversation.costing import (
    ASSUMED_QUERIES_PER_DAY,
    bill_set_beside,
    compare_costs,
    change_of_facts,
    costs_of,
    fine_tune_base,
    retraining,
    student_model_for,
    volume_decides,
    what_if_costs,
)
from agent.understand.shapes import presses
from agent.wording import ASSUMPTION_NAMES, LABEL_NAMES
from tools import audit, decision_tree, prices
from tools.assumptions import DEFAULT_MODEL, provider_model
from tools.disputes import disputed_quantities_in
from tools.profile import SLOT, Profile


@dataclass(frozen=True)
class Citation:
    """A numbered source passage: `[n]` in the reply points here."""

    n: int
    source_id: str
    title: str
    quote: str


@dataclass(frozen=True)
class Brief:
    """What this turn says, as data. Empty parts are left out of the reply."""

    turn: int
    acknowledged: dict[str, Any] = field(default_factory=dict)  # slot -> value the user just gave
    # Known values this turn changed: slot -> [before, after] (a new model, a corrected volume).
    changed: dict[str, list[Any]] = field(default_factory=dict)
    # Values read with less certainty: slot -> the user's words; the reply says how it took them.
    tentative: dict[str, str] = field(default_factory=dict)
    corrections: tuple[str, ...] = ()
    rejected: dict[str, str] = field(default_factory=dict)  # slot -> why the value was not taken
    unknown_model: str | None = None  # a model name the price database does not know
    # A family name several models answer to: {"asked", "candidates" (newest first), "costing" (the model
    # still costed)}; the reply asks which one.
    model_choices: dict[str, Any] | None = None
    off_topic: bool = False
    # A lone slash word that is no view ("/foo" sent from Slack or `ask`): named back with the views.
    unknown_command: str | None = None
    ignored_instructions: bool = False  # the user tried to dictate the decision; say we don't obey
    dropped_question: bool = False  # stopped asking an unanswered question; its default stands
    unread_answer: bool = False  # ... and the message looked like an answer the advisor could not read
    reset: bool = False
    answer: dict[str, Any] | None = None  # {"question", "citations": [n, ...]}
    # A view asked for in words: {"kind" (see agent.conversation.views.VIEWS or "sources"), "option", "snapshot"}.
    view: dict[str, Any] | None = None
    what_if: dict[str, Any] | None = None  # {"changes", "baseline", "costs", "label", "baseline_label"}
    recommendation: dict[str, Any] | None = None
    costs: dict[str, Any] | None = None
    assumed_volume: bool = False
    # The call was asked for with no volume, and the volume decides it: {"low", "high", "low_label",
    # "high_label"}; the reply says so and asks for it.
    volume_decides: dict[str, Any] | None = None
    # The call was asked for with nothing known: the reply asks what is being built first.
    nothing_known: bool = False
    # The prompt sized from the bill the user pays today: {"tokens", "monthly_usd"}.
    bill_prompt: dict[str, Any] | None = None
    # The bill the user pays today, far from what their own token figures price staying put at:
    # {"monthly_usd", "priced_usd", "scaled_tokens"}; the reply says which the table uses (also kept
    # in the costs as "bill_check", so the figures it states are in the reply's data).
    bill_unmatched: dict[str, Any] | None = None
    # Nothing to retrieve (a classifier): RAG is no alternative, so fine-tuning is set against prompting.
    nothing_to_retrieve: bool = False
    # The retraining cadence taken from how often the knowledge changes: {"months", "hybrid_months",
    # "changes", "citation", "each_usd"}.
    retraining: dict[str, Any] | None = None
    # The fine-tune rows are bought on another model than the user's: {"model", "priced_as", "citation"}.
    fine_tune_base: dict[str, Any] | None = None
    # The recommendation rests on cost alone (a fine-tune that wins by a clear margin).
    cost_decision: bool = False
    # The same label as the last recommendation, reached again without being asked: say so briefly.
    unchanged: bool = False
    # Facts changed after a recommendation: {"changed": {slot: [before, after]}, "before": {option:
    # total}, "after": {option: total}, "horizon_months", "before_label", "label"}; the reply is the change.
    change: dict[str, Any] | None = None
    next_slot: str | None = None
    # Where the sources disagree on a quantity this turn uses: {"label", "range", "citations": [n]}.
    disputes: tuple[dict[str, Any], ...] = ()
    # The source audit's findings on inconsistent figures cited or quoted this turn: each with its
    # one-sentence "note", and the "figures" and "passages" that ground the note.
    audit_findings: tuple[dict[str, Any], ...] = ()
    citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        # Shallow on purpose: the cost reports inside are already plain JSON dicts, and a deep
        # `asdict` copy of them cost more than the rest of the turn.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["citations"] = [asdict(c) for c in self.citations]
        return data


class _Citations:
    """Numbers passages in order of first use; the same passage keeps its number."""

    def __init__(self, titles: Mapping[str, str]):
        self._titles = titles
        self._items: dict[tuple[str, str], Citation] = {}

    def cite(self, source_id: str, quote: str, title: str | None = None) -> int:
        key = (source_id, quote)
        if key not in self._items:
            n = len(self._items) + 1
            self._items[key] = Citation(n, source_id, title or self._titles.get(source_id, source_id), quote)
        return self._items[key].n

    def all(self) -> tuple[Citation, ...]:
        return tuple(self._items.values())


def changed_values(profile: Mapping[str, dict], understanding: Mapping[str, Any]) -> dict[str, list[Any]]:
    """slot -> [before, after] for every known value this turn's updates change. A decision slot not
    stated before was costed on its assumed value: stating otherwise changes that assumption
    ("wait, legal says nothing can leave our servers" after a recommendation that assumed hosted)."""
    changed = {}
    for slot, value in (understanding.get("updates") or {}).items():
        before = (profile.get(slot) or {}).get("value")
        if before is None and slot in SLOT and SLOT[slot].decides:
            before = SLOT[slot].default
        if before is not None and before != value:
            changed[slot] = [before, value]
    return changed


def apply_understanding(profile: Mapping[str, dict], understanding: Mapping[str, Any]) -> dict[str, dict]:
    """The stored profile after this turn's updates (a reset empties it first), with the documents
    that what the user said implies (worked out afresh each turn, so a correction takes them back)."""
    kept = {} if understanding.get("command") == "reset" else profile
    updated = {slot: entry for slot, entry in kept.items() if entry["source"] != "implied"}
    for slot, value in (understanding.get("updates") or {}).items():
        updated[slot] = {"value": value, "source": "user"}
    said = Profile.from_mapping({slot: updated[slot]["value"] for slot in ("knowledge_changes", "needs_citations", "multi_tenant") if slot in updated})
    if "has_documents" not in updated and decision_tree.documents_implied(said):
        updated["has_documents"] = {"value": True, "source": "implied"}
    return updated


def decide_turn(
    *,
    turn: int,
    profile: Mapping[str, dict],
    understanding: Mapping[str, Any],
    kb: Any,
    titles: Mapping[str, str],
    previous_label: str | None = None,
    user_text: str = "",
    asked: Sequence[str] = (),
    settled: Mapping[str, Any] | None = None,
    open_question: str | None = None,
) -> Brief:
    """Settle this turn's content. `kb` is a `knowledge.store.KnowledgeBase` (or None: no free answers).
    `settled`: what earlier turns worked out (the thread's snapshot: recommendation, costs, last
    reply), which a view ("why?", "show me the costs") shows as it stands. `open_question`: the slot
    the last reply asked about, if it asked one."""
    # (the tree works out implied documents itself, and asks as if they were not yet known)
    values = {slot: entry["value"] for slot, entry in profile.items() if entry["source"] != "implied"}
    rejected = dict(understanding.get("rejected") or {})
    unknown_model = None
    model_choices = None
    # A family name ("Haiku") keeps the costs on the model costed so far, and asks which one is meant.
    costed = ((settled or {}).get("costs") or {}).get("prices", {}).get("base", {}).get("model")
    if values.get("model"):
        try:
            # A provider named without a model ("we're an OpenAI shop") is priced on its model in
            # the reference model's tier.
            provider = provider_model(str(values["model"]))
            values["model"] = provider.value if provider else prices.resolve_model(str(values["model"]))
        except prices.AmbiguousModelError as exc:
            values.pop("model")
            # Until the user says which, a family name ("Opus") is costed on the model costed so far,
            # or the reference model, when the family includes it; else on the family's newest
            # model: an Opus user's bill priced at Sonnet rates would understate it several times.
            kept = costed if costed and costed != "custom" else DEFAULT_MODEL
            values["model"] = kept if kept in exc.candidates else exc.candidates[0]
            if "model" in (understanding.get("updates") or {}) and "model" not in (understanding.get("restated") or ()):
                model_choices = _model_choices(exc, values["model"])
        except LookupError:
            unknown_model = str(values.pop("model"))
    decision_profile = Profile.from_mapping(values)
    citations = _Citations(titles)
    parts: dict[str, Any] = {}

    question = understanding.get("question")
    asked_disputes = [dispute_for(q, citations, quoted=True) for q in disputed_quantities_in(user_text)]
    if any(asked_disputes) and values.get("queries_per_day"):
        # "What would a vector store cost at our size?": beside the sources' range, the figure the
        # cost model uses on this user's numbers.
        for d in filter(None, asked_disputes):
            d["yours"] = figure_for_you(d["quantity"], values, citations)
    if question and kb is not None and not any(asked_disputes):
        # A question about a quantity the sources disagree on is answered by the range across them.
        parts["answer"] = answer_from_sources(question, kb, citations.cite)

    next_slot = _next_question(decision_profile, asked)
    # When cost alone makes the call, the token profile decides it (the prompt, what a fine-tune would
    # save of it, the answer): ask for it alongside the recommendation rather than before it.
    cost_slot = None
    if next_slot is None and decision_tree.turns_on_cost(decision_profile):
        cost_slot = next(
            (s for s in COST_QUESTIONS if values.get(s) is None and list(asked).count(s) < MAX_ASKS_PER_SLOT), None
        )
    # The question just asked twice went unanswered again: let it go, and say so.
    # Only the question the last reply asked can be let go: one dropped before stays dropped, unsaid.
    dropped = bool(open_question) and open_question not in values and list(asked).count(open_question) >= MAX_ASKS_PER_SLOT
    wants = bool(understanding.get("wants_recommendation"))
    what_if = understanding.get("what_if")
    # Asked for the call before any volume, when the volume is what decides it ("it's getting too
    # expensive. Should we distil?"): ask for it once, saying why, rather than answer on an assumed one.
    volume_first = None
    # (Asked before and answered without a figure, "a lot, honestly", it is asked once more, now saying
    # why it decides; pressed, "just tell me", not.)
    if (wants and not what_if and values.get("queries_per_day") is None and list(asked).count("queries_per_day") <= MAX_ASKS_PER_SLOT
            and not presses(user_text or "")):
        volume_first = volume_decides(values, decision_profile)
    if volume_first:
        parts["volume_decides"] = volume_first
        next_slot = "queries_per_day"
    # Asked for the call with nothing known at all ("rag or fine tuning, which is better??"): what is
    # being built comes first; pressed ("idk just tell me"), the call is made on what was assumed.
    # (Nothing known that decides between the options: where the team hosts, alone, is no use case.)
    blank = (wants and not what_if and not values.get("use_case") and not any(values.get(s) is not None for s in _DECIDING)
             and list(asked).count("use_case") < MAX_ASKS_PER_SLOT and not presses(user_text or ""))
    if blank:
        parts["nothing_known"] = True
        next_slot = "use_case"
    if what_if:
        try:
            parts["what_if"] = what_if_costs(values, what_if)
        except prices.AmbiguousModelError as exc:
            model_choices = _model_choices(exc, values.get("model") or DEFAULT_MODEL)
        except (LookupError, ValueError) as exc:
            # An unknown model or an impossible value: say why instead of failing the turn.
            rejected["what_if"] = str(exc)
    elif (understanding.get("view") == "why" and understanding.get("view_option") and not (settled or {}).get("recommendation")
          and kb is not None and user_text and not wants):
        # "why not just fine-tune right away?" before any call: no rule trace yet, so the sources answer
        parts["answer"] = answer_from_sources(user_text, kb, citations.cite)
    elif understanding.get("view") and not wants:
        snapshot = {**(settled or {}), "profile": values}
        if not snapshot.get("recommendation") and understanding["view"] in ("assumptions", "profile"):
            # "what did you assume?" before any call: what the rules and the cost model assume so far
            snapshot["assumed_so_far"] = [{"slot": a.slot, "value": a.value, "why": a.why}
                                          for a in decision_tree.recommend(decision_profile).assumptions]
        parts["view"] = {"kind": understanding["view"], "option": understanding.get("view_option"), "snapshot": snapshot}
    elif (wants and not volume_first and not blank) or (next_slot is None and not question and not understanding.get("off_topic")) or (
        # A fact changed after a recommendation: it is answered as a change, open questions or not.
        previous_label and (settled or {}).get("costs") and set(understanding.get("changed") or ()) - {"use_case"}
    ):
        costs, values = costs_of(values, rejected)
        rec = decision_tree.recommend(decision_profile, costs)
        if rec.label == "distill" and "distill" not in costs["options"]:
            # Distilling for latency (not cost) still needs the student costed next to the rest.
            student = student_model_for(values.get("model") or DEFAULT_MODEL)
            if student:
                costs = compare_costs(values, {"student_model": student})
                rec = decision_tree.recommend(decision_profile, costs)
        parts["recommendation"] = _recommendation_dict(rec, citations)
        parts["costs"] = costs
        parts["assumed_volume"] = values.get("queries_per_day") is None
        parts["bill_prompt"], parts["bill_unmatched"] = bill_set_beside(values, costs, assumed_volume=parts["assumed_volume"])
        if parts["bill_unmatched"]:
            parts["costs"] = {**costs, "bill_check": parts["bill_unmatched"]}  # the figures it states are the reply's data
        parts["nothing_to_retrieve"] = values.get("has_documents") is False
        parts["retraining"] = retraining(values.get("knowledge_changes"), citations, costs)
        parts["fine_tune_base"] = fine_tune_base(costs, citations)
        parts["cost_decision"] = rec.label == "fine_tune" and any(
            step.rule_id == "cost_breakeven" and step.fired for step in rec.trace
        )
        parts["unchanged"] = not wants and rec.label == previous_label
        # What the views show later (/costs, /why), with passages by source rather than by number:
        # a view's reply numbers no passages.
        passages = {c.n: {"source_id": c.source_id, "quote": c.quote} for c in citations.all()}
        for reason in parts["recommendation"]["reasons"]:
            reason["passages"] = [passages[n] for n in reason["citations"]]
        parts["recommendation"]["details"] = {
            "retraining": {**parts["retraining"], **passages.get((parts["retraining"] or {}).get("citation"), {})}
            if parts["retraining"] else None,
            "fine_tune_base": parts["fine_tune_base"],
            "nothing_to_retrieve": parts["nothing_to_retrieve"],
            "cost_decision": parts["cost_decision"],
        }
        for assumption in costs["assumptions"]:
            if assumption["field"] == "fine_tune.retrain_usd" and parts["retraining"]:
                continue  # the retraining sentence states it
            if assumption.get("source_id") and assumption.get("quote") and assumption["field"] in ASSUMPTION_NAMES:
                assumption["citation"] = citations.cite(assumption["source_id"], assumption["quote"])

    previous_costs = (settled or {}).get("costs")
    changed = {slot: pair for slot, pair in (understanding.get("changed") or {}).items() if slot != "use_case"}
    if "recommendation" in parts and previous_costs and previous_label and changed:
        parts["change"] = change_of_facts(changed, previous_costs, previous_label, parts["costs"], parts["recommendation"]["label"])
        parts["unchanged"] = False
    disputes = [d for d in asked_disputes if d]
    if "recommendation" in parts and not question:
        # A quantity merely mentioned ("latency isn't critical") next to a recommendation is no
        # question about it: it gets at most the caution below, like any figure the reply rests on.
        disputes = []
    # Cautions are said once per conversation, and only about a figure this reply rests on.
    cautioned = set((settled or {}).get("cautioned") or ())
    if "recommendation" in parts and not parts.get("unchanged") and not parts.get("change"):
        # One caution per reply: where the sources disagree on the verdict itself first, else on a
        # figure it rests on.
        fresh = [d for d in parts["recommendation"]["disagreements"] if f"disagreement:{d['topic']}" not in cautioned]
        if fresh:
            fresh[0]["shown"] = True
        quantity = None if fresh else _rests_on(parts["recommendation"], values, parts.get("cost_decision", False))
        known = {d["quantity"] for d in disputes}
        if quantity and quantity not in known and f"dispute:{quantity}" not in cautioned:
            dispute = dispute_for(quantity, citations)
            if dispute:
                disputes.append({**dispute, "shown": True})
    findings = audit.findings_quoted_in(user_text) if user_text else []
    by_n = {c.n: c for c in citations.all()}
    for n in _shown_citations(parts, disputes):
        citation = by_n[n]
        finding = audit.finding_for_citation(citation.source_id, citation.quote)
        if finding and finding not in findings and f"finding:{finding.id}" not in cautioned:
            findings.append(finding)

    acknowledged = dict(understanding.get("updates") or {})
    return Brief(
        turn=turn,
        acknowledged=acknowledged,
        changed=dict(understanding.get("changed") or {}),
        tentative={slot: words for slot, words in (understanding.get("tentative") or {}).items() if slot in acknowledged},
        corrections=tuple(understanding.get("corrections") or ()),
        rejected=rejected,
        unknown_model=unknown_model,
        model_choices=model_choices,
        off_topic=bool(understanding.get("off_topic")) and not acknowledged and not question and not understanding.get("view"),
        ignored_instructions=bool(understanding.get("ignored_instructions")),
        unknown_command=_unknown_command(user_text, understanding),
        # Only when the message was no answer at all: a what-if or a question is not a refusal.
        dropped_question=dropped and not (understanding.get("updates") or what_if or question or understanding.get("view") or wants),
        # ("peak ~90k chats on holiday days..." read as nothing is no "skip": say it was not understood)
        unread_answer=bool(re.search(r"\d", user_text)) or len(user_text.split()) > 6,
        reset=understanding.get("command") == "reset",
        next_slot=next_slot or cost_slot,
        disputes=tuple(disputes),
        audit_findings=tuple(_finding_dict(f) for f in findings),
        citations=citations.all(),
        **parts,
    )


def _rests_on(rec: Mapping[str, Any], values: Mapping[str, Any], cost_decision: bool) -> str | None:
    """The disputed quantity a recommendation rests on, if any: RAG's added latency when latency
    matters, the break-even volume when cost made the call, fine-tuning's up-front cost when the
    advice is to fine-tune."""
    if values.get("latency_sensitive") and rec["label"] in ("rag", "hybrid"):
        return "rag_added_latency_ms"
    if cost_decision:
        return "breakeven_queries_per_month"
    if rec["label"] in ("fine_tune", "hybrid", "distill"):
        return "fine_tune_upfront_usd"
    return None


def deciding_reasons(reasons: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The reasons a recommendation reply shows: the first signal and the last two (what settled it
    and the conclusion); all of them when there are few. /why lists every one."""
    if len(reasons) <= MAX_REASONS_SHOWN:
        return list(reasons)
    return [reasons[0], *reasons[-(MAX_REASONS_SHOWN - 1):]]


def change_reason(reasons: Sequence[Mapping[str, Any]], change: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The reason a change-of-facts reply gives: the conclusion when the label changed, else the first."""
    if not reasons:
        return None
    return reasons[-1] if change["label"] != change["before_label"] else reasons[0]


def _shown_citations(parts: Mapping[str, Any], disputes: Sequence[Mapping[str, Any]]) -> list[int]:
    """The passages the reply will cite: an answer's, each deciding reason's first, the fine-tune
    base's and the disputes'. Audit cautions are about these only."""
    marks = list((parts.get("answer") or {}).get("citations") or ())
    rec = parts.get("recommendation")
    if rec and parts.get("change"):
        reason = change_reason(rec["reasons"], parts["change"])
        marks += reason["citations"][:1] if reason else []
    elif rec and not parts.get("unchanged"):
        marks += [r["citations"][0] for r in deciding_reasons(rec["reasons"]) if r["citations"]]
        base = parts.get("fine_tune_base") or {}
        if base.get("citation"):
            marks.append(base["citation"])
        marks += [side["citation"] for d in rec["disagreements"] if d.get("shown") for side in d["sides"]]
    for d in disputes:
        if d.get("quoted") or d.get("shown"):
            marks += d["citations"]
    return list(dict.fromkeys(marks))


def cautions_said(brief: Mapping[str, Any]) -> list[str]:
    """The keys of the cautions a brief says (remembered so that none is said twice)."""
    keys = [f"dispute:{d['quantity']}" for d in brief.get("disputes") or () if d.get("shown") or d.get("quoted")]
    keys += [f"finding:{f['id']}" for f in brief.get("audit_findings") or ()]
    rec = brief.get("recommendation") or {}
    keys += [f"disagreement:{d['topic']}" for d in rec.get("disagreements") or () if d.get("shown")]
    return keys


# Reasons a recommendation reply shows; /why lists them all.
MAX_REASONS_SHOWN = 3
# A question asked this often without an answer is dropped: its default stands, stated as an assumption.
MAX_ASKS_PER_SLOT = 2
# What decides between the options; with none of it and no use case known, the call waits for what is built.
_DECIDING = ("queries_per_day", "knowledge_changes", "needs_citations", "multi_tenant", "output_format_gap", "persona_consistency",
             "top_model_too_costly", "latency_sensitive", "has_eval_set", "has_documents")
# The token slots asked, in this order, when the decision turns on cost.
COST_QUESTIONS = ("input_tokens", "tokens_saved", "output_tokens")


def _next_question(profile: Profile, asked: Sequence[str]) -> str | None:
    """The tree's next question, skipping slots the user has twice not answered."""
    exhausted = {slot for slot in set(asked) if list(asked).count(slot) >= MAX_ASKS_PER_SLOT}
    if exhausted and decision_tree.next_question(profile) in exhausted:
        assumed = {a.slot: a.value for a in decision_tree.recommend(profile).assumptions}
        assumed.update(use_case="your feature", queries_per_day=ASSUMED_QUERIES_PER_DAY)
        filled = {s: assumed[s] for s in exhausted if s in assumed and getattr(profile, s) is None}
        profile = replace(profile, **filled)
    slot = decision_tree.next_question(profile)
    return None if slot in exhausted else slot


def _model_choices(exc: prices.AmbiguousModelError, costing: str) -> dict[str, Any]:
    return {"asked": exc.text, "candidates": list(exc.candidates), "costing": costing}


_SLASH_WORD = re.compile(r"/[A-Za-z][\w-]*")


def _unknown_command(text: str, understanding: Mapping[str, Any]) -> str | None:
    word = (text or "").strip()
    read = understanding.get("view") or understanding.get("updates") or understanding.get("command")
    return word if _SLASH_WORD.fullmatch(word) and not read else None


def _finding_dict(finding: audit.Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "source_id": finding.source_id,
        "note": finding.note(),
        "figures": list(finding.figures),
        "passages": list(finding.passages()),
    }


def _recommendation_dict(rec: decision_tree.Recommendation, citations: _Citations) -> dict:
    reasons = []
    for reason in rec.reasons:
        marks = [citations.cite(e.source_id, e.quote) for e in reason.evidence]
        reasons.append({"text": reason.text, "citations": marks})
    disagreements = []
    for d in rec.disagreements:
        sides = [{"source_id": e.source_id, "citation": citations.cite(e.source_id, e.quote)} for e in d.sides]
        disagreements.append({"topic": d.topic, "followed": d.followed, "sides": sides})
    return {
        "label": rec.label,
        "name": LABEL_NAMES[rec.label],
        "reasons": reasons,
        "trace": [asdict(step) for step in rec.trace],
        "assumptions": [{"slot": a.slot, "value": a.value, "why": a.why} for a in rec.assumptions],
        "what_would_change": list(rec.what_would_change),
        "disagreements": disagreements,
        "hosting": rec.hosting,
    }


