"""The decision tree: which of RAG, fine-tuning, a hybrid, distillation or better prompting fits a
profile, why (each rule with the source passages it rests on), and which question to ask next.

Pure Python, no I/O. The agent owns the conversation and where each profile value came from; this
module only decides. Every rule quotes the cleaned source copies in `knowledge/corpus/` verbatim
(a test checks this), so the agent can cite them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

from tools.cost_report import number, usd
from tools.economics import (
    PLAUSIBLE_PROMPT_TOKENS,
    Economics,
    all_totals,
    assumed_input_tokens,
    distill_pays_from_input_tokens,
    latency_fits,
    option_totals,
    payback_months,
    volume,
)
from tools.profile import CHANGING, DECISION_SLOTS, SLOT, Profile
from tools.rules import RULES, Disagreement, Evidence, disagreements

Label = Literal["rag", "fine_tune", "hybrid", "distill", "prompt_first"]

LABELS: tuple[str, ...] = ("rag", "fine_tune", "hybrid", "distill", "prompt_first")

# The order in which unknown decision slots are asked when several could change the answer:
# the broad shape of the knowledge first, then hard constraints, then the eval-set gate that every
# fine-tuning path goes through, then the capability gaps that only matter once it is open.
QUESTION_ORDER: tuple[str, ...] = (
    "knowledge_changes",
    "has_documents",
    "needs_citations",
    "multi_tenant",
    "data_residency",
    "has_eval_set",
    "output_format_gap",
    "persona_consistency",
    "top_model_too_costly",
    "latency_sensitive",
)

# Once this many decision slots are known (asked or volunteered), recommend: the rest keep their
# stated assumptions and appear in "what would change". One exception, because being right comes
# before being brief: the eval set is still asked when its answer alone would flip the label. Its
# assumed "no" is the one default that holds a recommendation back (the eval gate) rather than
# stating the absence of a requirement, and users rarely volunteer it. With use_case and volume
# that caps a conversation at eight questions.
DECISION_QUESTION_BUDGET = 5

# The horizon used to judge a payback period when the profile does not give one: the span of the
# 12-month total-cost-of-ownership tables in ferreira-2026 and tradeoffs-2026.
DEFAULT_HORIZON_MONTHS = 12

@dataclass(frozen=True)
class Reason:
    """Why the recommendation is what it is, with the passages behind it."""

    text: str
    evidence: tuple[Evidence, ...]

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source_id for e in self.evidence))

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(e.quote for e in self.evidence)


@dataclass(frozen=True)
class TraceStep:
    """One rule as evaluated on this profile."""

    rule_id: str
    fired: bool
    why: str


@dataclass(frozen=True)
class Assumption:
    """The value used for a slot the profile left unknown, and why that value."""

    slot: str
    value: Any
    why: str


@dataclass(frozen=True)
class Recommendation:
    """The tree's answer: a label, its reasons and rule trace, the assumptions it used, what would
    change it, where the sources disagree, and a hosting hint ("self_hosted" or None)."""

    label: Label
    reasons: tuple[Reason, ...]
    trace: tuple[TraceStep, ...]
    assumptions: tuple[Assumption, ...]
    what_would_change: tuple[str, ...]
    disagreements: tuple[Disagreement, ...]
    hosting: str | None


def recommend(profile: Profile, costs: Mapping[str, Any] | None = None) -> Recommendation:
    """Recommend rag, fine_tune, hybrid, distill or prompt_first for `profile`.

    `costs` is the cost model's JSON report or None. Read from it: `breakeven.fine_tune_vs_rag.
    payback_months`, `horizon_months`, `queries_per_month`, every option's `total_usd`, `model` and
    `fits_latency_budget`. It refines the call: a cost-only fine-tune must beat the real alternative
    (prompting alone, or RAG where there are documents) by a clear margin at the sources' volumes; a
    distilled model that costs more than staying put is recommended only for latency; an option that
    cannot fit a stated latency budget is said to. Unknown slots get stated assumptions.
    """
    values, assumptions = _with_defaults(profile)
    payback = payback_months(costs)
    totals = option_totals(costs)
    horizon = profile.horizon_months
    if (payback is not None or totals is not None) and horizon is None:
        # The cost report states the horizon it compared over; judge the payback against the same one.
        reported = costs.get("horizon_months") if costs else None
        horizon = int(reported) if isinstance(reported, int) and reported > 0 else DEFAULT_HORIZON_MONTHS
        assumptions.append(
            Assumption("horizon_months", horizon, "the horizon of the cost comparison (the sources compare totals over a year)")
        )
    economics = (
        Economics(payback, horizon, totals, all_totals(costs), volume(costs), latency_fits(costs), profile.latency_budget_ms,
                  assumed_input_tokens(costs), distill_pays_from_input_tokens(costs))
        if horizon is not None and (payback is not None or totals is not None)
        else None
    )
    decision = _decide(values, economics)
    return Recommendation(
        label=decision.label,
        reasons=decision.reasons,
        trace=decision.trace,
        assumptions=tuple(assumptions),
        what_would_change=_what_would_change(values, decision, economics),
        disagreements=disagreements(
            profile.queries_per_day, values["latency_sensitive"], decision.label, decision.rag_need, decision.fine_tune_need
        ),
        hosting=decision.hosting,
    )


def next_question(profile: Profile) -> str | None:
    """The unknown slot whose answer could most change the recommendation, or None to recommend now.

    `use_case` comes first and `queries_per_day` second (the cost model needs volume); then, in
    QUESTION_ORDER, the first unknown slot for which some answer would change the label or hosting,
    until DECISION_QUESTION_BUDGET decision slots are known; past that, only `has_eval_set`, when
    its answer would change the label. Cost-only slots are never asked.
    """
    for slot in ("use_case", "queries_per_day"):
        if getattr(profile, slot) is None:
            return slot
    unknown = [s for s in QUESTION_ORDER if getattr(profile, s) is None]
    budget_spent = len(QUESTION_ORDER) - len(unknown) >= DECISION_QUESTION_BUDGET
    values, _ = _with_defaults(profile)
    base = _outcome(values)
    if "has_documents" in unknown and documents_implied(profile):
        # Knowledge that changes or must be cited lives in documents: asking would only annoy.
        unknown.remove("has_documents")
    eval_open = "has_eval_set" in unknown

    def changes(slot: str, with_eval: bool, *, label_only: bool = False) -> bool:
        for alternative in _alternatives(slot, values[slot]):
            trial = {**values, slot: alternative}
            if with_eval:
                trial["has_eval_set"] = True
            outcome = _outcome(trial)
            if (outcome[0] != base[0]) if label_only else (outcome != base):
                return True
        return False

    if budget_spent:
        return "has_eval_set" if eval_open and changes("has_eval_set", False, label_only=True) else None
    for slot in unknown:
        if slot == "has_eval_set":
            gated = [s for s in unknown if s != slot and not changes(s, False) and changes(s, True)]
            if gated or changes(slot, False):
                return slot
        elif changes(slot, False) or (eval_open and changes(slot, True)):
            return slot
    return None


def documents_implied(profile: Profile) -> bool:
    """Whether the profile says there are documents without saying so: knowledge that changes, must
    be cited, or is kept per customer lives somewhere to retrieve from."""
    return profile.knowledge_changes in CHANGING or profile.needs_citations is True or profile.multi_tenant is True


def _alternatives(slot: str, current: Any) -> list[Any]:
    if slot == "knowledge_changes":
        # "weekly" first so that "what would change" names the most typical changing cadence.
        return [f for f in ("weekly", "daily", "monthly", "static", "rarely") if f != current]
    return [not current]


def _with_defaults(profile: Profile) -> tuple[dict[str, Any], list[Assumption]]:
    values: dict[str, Any] = {}
    assumptions: list[Assumption] = []
    # Unknown decision slots take the registry's stated default: "no special requirement" wherever
    # the user has not said otherwise, so an unknown never pushes towards a costlier architecture.
    for slot in DECISION_SLOTS:
        value = getattr(profile, slot)
        if value is None and slot == "has_eval_set" and _teacher_outputs(profile):
            assumptions.append(Assumption(slot, True, _TEACHER_OUTPUTS_BECAUSE))
            value = True
        elif value is None:
            value = SLOT[slot].default
            assumptions.append(Assumption(slot, value, SLOT[slot].assumed_because))
        values[slot] = value
    return values, assumptions


_TEACHER_OUTPUTS_BECAUSE = (
    "the model in use already gives the answers you want, so its outputs, logged, are the examples a "
    "smaller model is trained on and checked against"
)


def _teacher_outputs(profile: Profile) -> bool:
    """Whether the examples a distillation needs come with the case: the model in use meets the bar
    and only its cost (or speed) does not work, with no gap of its own that labelled examples must
    prove ("When the top-tier model produces excellent answers ... fine-tuning a smaller open-weight
    model on outputs from the larger model"). A format or voice gap still needs an eval set."""
    return profile.top_model_too_costly is True and not profile.output_format_gap and not profile.persona_consistency


@dataclass(frozen=True)
class _Decision:
    label: Label
    hosting: str | None
    reasons: tuple[Reason, ...]
    trace: tuple[TraceStep, ...]
    rag_need: bool
    fine_tune_need: bool


def _outcome(values: Mapping[str, Any]) -> tuple[str, str | None]:
    decision = _decide(values, None)
    return decision.label, decision.hosting


def _decide(values: Mapping[str, Any], economics: Economics | None) -> _Decision:
    trace: list[TraceStep] = []

    def check(rule_id: str, fired: bool, why: str) -> bool:
        trace.append(TraceStep(rule_id, fired, why))
        return fired

    changing = values["knowledge_changes"] in CHANGING
    retrievable = values["has_documents"]
    check("knowledge_changes", changing, f"knowledge changes: {values['knowledge_changes']}")
    check("multi_tenant", values["multi_tenant"], f"multi-tenant: {_yes_no(values['multi_tenant'])}")
    check("citations", values["needs_citations"], f"citations required: {_yes_no(values['needs_citations'])}")
    rag_signal = changing or values["multi_tenant"] or values["needs_citations"]
    check(
        "no_retrievable_context",
        not retrievable,
        "no documents to retrieve: not a RAG shape" if not retrievable else "there are documents to retrieve",
    )
    rag_need = rag_signal and retrievable
    format_gap = check("format_gap", values["output_format_gap"], f"format or vocabulary gap: {_yes_no(values['output_format_gap'])}")
    persona = check("persona", values["persona_consistency"], f"persona to hold: {_yes_no(values['persona_consistency'])}")
    residency = check("data_residency", values["data_residency"], f"zero data egress: {_yes_no(values['data_residency'])}")
    costly = check("top_model_too_costly", values["top_model_too_costly"], f"top model too costly: {_yes_no(values['top_model_too_costly'])}")
    # A stated budget the current model cannot meet even at its fastest is latency pressure too.
    over_budget = bool(economics and economics.budget_ms and economics.cannot_fit("prompting"))
    latency_need = values["latency_sensitive"] or over_budget
    latency = check("latency", latency_need, f"latency-sensitive: {_yes_no(values['latency_sensitive'])}"
                    + (f"; the current model cannot answer within {economics.budget_ms} ms" if over_budget else ""))
    behaviour = format_gap or persona or residency
    smaller_model = costly or latency
    has_eval = values["has_eval_set"]
    hosting = "self_hosted" if residency else None

    reasons: list[Reason] = []

    def because(rule_id: str, text: str | None = None) -> None:
        rule = RULES[rule_id]
        reasons.append(Reason(text or rule.summary, rule.evidence))

    def signal_reasons() -> None:
        if changing:
            because("knowledge_changes")
        if values["multi_tenant"]:
            because("multi_tenant")
        if values["needs_citations"]:
            because("citations")

    def behaviour_reasons() -> None:
        for fired, rule_id in ((format_gap, "format_gap"), (persona, "persona"), (residency, "data_residency")):
            if fired and rule_id == "data_residency" and smaller_model and not (format_gap or persona or rag_need):
                # the model in use is the one to make cheaper or faster, not a gap to close by tuning
                because(rule_id, "Zero data egress keeps every option self-hosted, on open-weight models and your own GPUs.")
            elif fired:
                because(rule_id)

    label: Label
    if rag_need and behaviour:
        signal_reasons()
        behaviour_reasons()
        if check("eval_gate", not has_eval, "no eval set: the fine-tune half waits" if not has_eval else "an eval set can prove the gap"):
            label = "rag"
            because("eval_gate", "Start with RAG; add the fine-tune half of a hybrid once an eval set shows prompting cannot close the gap.")
        else:
            label = "hybrid"
            because("hybrid")
    elif rag_need:
        label = "rag"
        signal_reasons()
        if smaller_model:
            because("rag_cost_levers")
        if economics and economics.cannot_fit("rag"):
            reasons.append(_budget_reason("rag", economics, "a right-sized model, top-3 retrieval and caching are the levers to close it"))
    elif behaviour or smaller_model:
        if not retrievable:
            because("no_retrievable_context")
        behaviour_reasons()
        for fired, rule_id in ((costly, "top_model_too_costly"), (latency, "latency")):
            if fired:
                because(rule_id)
        if check("eval_gate", not has_eval, "no eval set to prove the gap" if not has_eval else "an eval set can prove the gap"):
            label = "prompt_first"
            because("eval_gate", "Build an eval set and improve prompting first; fine-tune once it proves the gap is structural.")
        elif smaller_model and not (format_gap or persona):
            label = "distill"
        else:
            # A gap the current model itself has (a format it cannot hold, a voice it loses) is not
            # copied away by distilling that model: the labelled examples train it out.
            label = "fine_tune"
        if label == "distill" and economics:
            label = _distill_or_not(economics, latency, reasons)
        if label in ("fine_tune",) and economics and economics.fine_tune_saves(retrievable) is False:
            # Name what it is set against: the break-even line beside it is always against RAG.
            alternative = (
                "does not pay back against RAG" if economics.alternative(retrievable) == "rag" else "costs more than prompting alone"
            )
            reasons.append(
                Reason(
                    f"On cost alone the fine-tune {alternative} within your {economics.horizon}-month horizon; the case rests on capability, not savings.",
                    RULES["cost_breakeven"].evidence,
                )
            )
        if label in ("fine_tune", "distill") and economics and economics.cannot_fit(label):
            reasons.append(_budget_reason(label, economics, "it needs a smaller model or a self-hosted one"))
    else:
        if not retrievable:
            because("no_retrievable_context")
        wins = bool(economics and economics.cost_win(retrievable))
        why = economics.why(has_eval, retrievable) if economics else "no cost comparison to judge a fine-tune's payback"
        # The stricter sources tie fine-tuning to a capability gap, not cost: a cost-only fine-tune is
        # recommended only when it beats the real alternative (prompting alone, or RAG) by a clear
        # margin on the cost model's own totals, at the sources' volumes, with an eval set to hold it.
        if check("cost_breakeven", wins and has_eval, why):
            label = "fine_tune"
            because("cost_breakeven", why[0].upper() + why[1:] + ".")
        else:
            label = "prompt_first"
            because("prompt_first")
            if economics:
                because("cost_breakeven", why[0].upper() + why[1:] + ".")
    check("prompt_first", label == "prompt_first", "nothing structural calls for retrieval or fine-tuning" if label == "prompt_first" else "a structural reason applies")
    return _Decision(label, hosting, tuple(reasons), tuple(trace), rag_need, behaviour or smaller_model)


def _distill_or_not(economics: Economics, latency: bool, reasons: list[Reason]) -> Label:
    """Distil only when the distilled model costs less than staying on the current one, or when latency
    is the reason (and then say the cost is not)."""
    distilled, staying = economics.options.get("distill"), economics.options.get("prompting")
    horizon = economics.horizon
    model = (economics.latency.get("prompting") or {}).get("model") or "the current model"
    if distilled is None or staying is None:
        if latency:
            return "distill"
        reasons.append(Reason(
            f"No tunable model cheaper than {model} could be found to distil into, so distilling saves nothing here; "
            "a right-sized model and caching come first.", RULES["rag_cost_levers"].evidence))
        return "prompt_first"
    if distilled <= staying:
        return "distill"
    figures = f"{usd(distilled)} over {horizon} months against {usd(staying)} for staying on {model}"
    if latency:
        reasons.append(Reason(
            f"The distilled model costs more than staying put ({figures}): the case for it is latency, not cost.",
            RULES["latency"].evidence))
        return "distill"
    pays_from = economics.distill_pays_from_input_tokens
    if economics.assumed_input_tokens is not None and pays_from is not None and pays_from <= PLAUSIBLE_PROMPT_TOKENS:
        # The user says the bill is the problem; a comparison priced at a prompt length they never gave
        # cannot overrule that when an ordinary prompt would flip it: say where, and ask for the figure.
        reasons.append(Reason(
            f"Priced at an assumed {number(economics.assumed_input_tokens)}-token prompt, the distilled model would cost more "
            f"than staying put ({figures}), but it costs less from about {number(pays_from)}-token prompts, and a bill "
            "that hurts says yours are longer. Give your monthly bill or prompt size to check.", RULES["top_model_too_costly"].evidence))
        return "distill"
    reasons.append(Reason(
        f"On your numbers the distilled model costs more than staying put ({figures}), so distilling does not "
        "pay; a right-sized model and prompt caching come first.", RULES["rag_cost_levers"].evidence))
    return "prompt_first"


def _budget_reason(option: str, economics: Economics, lever: str) -> Reason:
    info = economics.latency.get(option) or {}
    low, high = (info.get("latency_ms") or [None, None])[:2]
    model = info.get("model") or "the current model"
    words = {"rag": "RAG", "fine_tune": "The fine-tune", "distill": "The distilled model", "hybrid": "The hybrid"}[option]
    span = f" ({number(low)}-{number(high)} ms to the first token)" if low is not None else ""
    return Reason(
        f"{words} on {model} cannot fit your {economics.budget_ms} ms budget{span}; {lever}.",
        (Evidence("aiinfox-2026", "first-token latency in the 100-200ms range versus 300-500ms for a hosted top-tier model"),
         Evidence("aiinfox-2026", "End-to-end, RAG typically adds 50-150ms to first-token latency compared to a non-RAG call."),
         Evidence("tradeoffs-2026", "RAG latency performance introduces a retrieval step that adds 100 to 500 milliseconds per query")),
    )


def _months(value: float) -> str:
    """A payback period as a reader wants it: whole months, or one decimal under ten."""
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


_LABEL_PHRASES: dict[str, str] = {
    "rag": "RAG",
    "fine_tune": "fine-tuning",
    "hybrid": "a hybrid (fine-tune for tone and format, RAG for facts)",
    "distill": "distilling a smaller model",
    "prompt_first": "improving prompting, caching and retrieval first",
}



def _what_would_change(values: Mapping[str, Any], decision: _Decision, economics: Economics | None) -> tuple[str, ...]:
    base = (decision.label, decision.hosting)
    sentences: list[str] = []
    for slot in QUESTION_ORDER:
        seen: set[tuple[str, str | None]] = set()
        for alternative in _alternatives(slot, values[slot]):
            outcome = _outcome({**values, slot: alternative})
            if outcome == base or outcome in seen:
                continue
            seen.add(outcome)
            label, hosting = outcome
            if slot == "knowledge_changes":
                condition = f"your knowledge were {alternative}" if alternative == "static" else (
                    "your knowledge changed only a few times a year" if alternative == "rarely" else f"your knowledge changed {alternative}"
                )
            else:
                condition = SLOT[slot].conditions[0 if alternative else 1]
            target = _LABEL_PHRASES[label] + (", self-hosted," if hosting == "self_hosted" else "")
            if label == decision.label:
                sentences.append(
                    f"If {condition}, the same approach would hold, self-hosted on an open-weight model."
                    if hosting
                    else f"If {condition}, the same approach could run on hosted APIs."
                )
            else:
                sentences.append(f"If {condition}, {target} would be the better fit.")
    if (
        decision.label == "prompt_first"
        and not decision.rag_need
        and not decision.fine_tune_need
        and economics
        and economics.totals is not None
    ):
        # A cost-only fine-tune needs both: a clear margin over the real alternative, and an eval set.
        # Name whichever is missing.
        retrievable = values["has_documents"]
        alternative = "prompting alone" if economics.alternative(retrievable) == "prompting" else "RAG"
        if economics.cost_win(retrievable):
            sentences.append(f"If you had an eval set, fine-tuning for cost would be worth it: on your numbers it costs clearly less than {alternative}.")
        else:
            eval_too = "" if values["has_eval_set"] else " and you had an eval set"
            sentences.append(f"If a fine-tune cost clearly less than {alternative} over your horizon{eval_too}, fine-tuning for cost would be worth it.")
    return tuple(sentences)


def turns_on_cost(profile: Profile) -> bool:
    """Whether the call between fine-tuning and improving prompting is down to cost alone: nothing
    structural calls for retrieval or a tuned model, and an eval set exists, so the user's token
    profile (the prompt tokens a fine-tune would save) decides it."""
    values, _ = _with_defaults(profile)
    decision = _decide(values, None)
    return decision.label == "prompt_first" and not decision.rag_need and not decision.fine_tune_need and bool(values["has_eval_set"])
