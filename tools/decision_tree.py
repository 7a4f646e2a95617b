"""The decision tree: which of RAG, fine-tuning, a hybrid, distillation or better prompting fits a
profile, why (each rule with the source passages it rests on), and which question to ask next.

Pure Python, no I/O. The agent owns the conversation and where each profile value came from; this
module only decides. Every rule quotes the cleaned source copies in `knowledge/corpus/` verbatim
(a test checks this), so the agent can cite them as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any, Literal, Mapping

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
    payback_months`, `horizon_months`, and `options.fine_tune.total_usd` and `options.prompting.total_usd`.
    It only refines the call: a cost-only fine-tune must beat the real alternative (RAG where there
    are documents to retrieve, prompting alone where there are none). Unknown slots get stated
    assumptions.
    """
    values, assumptions = _with_defaults(profile)
    payback = _payback_months(costs)
    totals = _option_totals(costs)
    horizon = profile.horizon_months
    if (payback is not None or totals is not None) and horizon is None:
        # The cost report states the horizon it compared over; judge the payback against the same one.
        reported = costs.get("horizon_months") if costs else None
        horizon = int(reported) if isinstance(reported, int) and reported > 0 else DEFAULT_HORIZON_MONTHS
        assumptions.append(
            Assumption("horizon_months", horizon, "the horizon of the cost comparison (the sources compare totals over a year)")
        )
    economics = _Economics(payback, horizon, totals) if horizon is not None and (payback is not None or totals is not None) else None
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
    if "has_documents" in unknown and _known_rag_signal(profile):
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


def _known_rag_signal(profile: Profile) -> bool:
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
        if value is None:
            value = SLOT[slot].default
            assumptions.append(Assumption(slot, value, SLOT[slot].assumed_because))
        values[slot] = value
    return values, assumptions


def _payback_months(costs: Mapping[str, Any] | None) -> float | None:
    """The fine-tune's payback in months from the cost report; math.inf when it never pays back."""
    if not costs:
        return None
    breakeven = (costs.get("breakeven") or {}).get("fine_tune_vs_rag")
    if not breakeven:
        return None
    months = breakeven.get("payback_months")
    if months is None or (isinstance(months, Real) and not math.isfinite(months)):
        return math.inf
    if isinstance(months, bool) or not isinstance(months, Real) or months < 0:
        raise ValueError(f"costs.breakeven.fine_tune_vs_rag.payback_months must be a number of months, got {months!r}")
    return float(months)


def _option_totals(costs: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(fine-tune total, prompting-alone total) over the cost report's horizon, when it has both."""
    options = (costs or {}).get("options") or {}
    totals = []
    for option in ("fine_tune", "prompting"):
        total = (options.get(option) or {}).get("total_usd")
        if total is None:
            return None
        if isinstance(total, bool) or not isinstance(total, Real) or not math.isfinite(total) or total < 0:
            raise ValueError(f"costs.options.{option}.total_usd must be a non-negative number of dollars, got {total!r}")
        totals.append(float(total))
    return totals[0], totals[1]


@dataclass(frozen=True)
class _Economics:
    """What the cost report says about a fine-tune: its payback against RAG (months, inf for never),
    the horizon it is judged over, and (fine-tune total, prompting-alone total) over that horizon."""

    payback: float | None
    horizon: int
    totals: tuple[float, float] | None

    def fine_tune_saves(self, retrievable: bool) -> bool | None:
        """Whether a fine-tune beats the real alternative on cost (None when the report cannot say):
        RAG when there are documents to retrieve, prompting alone when there are none."""
        if retrievable:
            return None if self.payback is None else self.payback <= self.horizon
        return None if self.totals is None else self.totals[0] < self.totals[1]

    def why(self, has_eval: bool, retrievable: bool) -> str:
        """The cost-only case for a fine-tune, in a clause."""
        horizon = self.horizon
        if not retrievable:
            if self.totals is None:
                return "no cost comparison to judge a fine-tune against prompting alone"
            if not self.fine_tune_saves(retrievable):
                return f"with nothing to retrieve the alternative to a fine-tune is prompting alone, and on your numbers prompting alone costs less over the {horizon}-month horizon"
            if not has_eval:
                return f"on your numbers a fine-tune costs less than prompting alone over the {horizon}-month horizon, but there is no eval set to hold its quality"
            return f"with nothing to retrieve the alternative is prompting alone, and on your numbers a fine-tune costs less over the {horizon}-month horizon, and your eval set can hold its quality"
        payback = self.payback
        if payback is None:
            return "no cost comparison to judge a fine-tune's payback"
        if math.isinf(payback):
            return "on your numbers a fine-tune never pays back against RAG"
        if payback > horizon:
            return f"on your numbers a fine-tune pays back in {_months(payback)} months, beyond your {horizon}-month horizon"
        if not has_eval:
            return f"a fine-tune would pay back in {_months(payback)} months, but there is no eval set to hold its quality"
        return f"a fine-tune would pay back in {_months(payback)} months, but with no capability gap prompt caching comes first"


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


def _decide(values: Mapping[str, Any], economics: _Economics | None) -> _Decision:
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
    latency = check("latency", values["latency_sensitive"], f"latency-sensitive: {_yes_no(values['latency_sensitive'])}")
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
            if fired:
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
        elif smaller_model:
            label = "distill"
        else:
            label = "fine_tune"
        if label in ("fine_tune", "distill") and economics and economics.fine_tune_saves(retrievable) is False:
            alternative = "does not pay back" if retrievable else "costs more than prompting alone"
            reasons.append(
                Reason(
                    f"On cost alone the fine-tune {alternative} within your {economics.horizon}-month horizon; the case rests on capability, not savings.",
                    RULES["cost_breakeven"].evidence,
                )
            )
    else:
        if not retrievable:
            because("no_retrievable_context")
        saves = bool(economics and economics.fine_tune_saves(retrievable))
        why = economics.why(has_eval, retrievable) if economics else "no cost comparison to judge a fine-tune's payback"
        # The stricter sources tie fine-tuning to a capability gap, not cost: a cost-only fine-tune
        # is recommended only where retrieval is not the alternative (a classifier, say), and only
        # when it beats that real alternative, prompting alone, on the cost model's own totals.
        if check("cost_breakeven", saves and has_eval and not retrievable, why):
            label = "fine_tune"
            because("cost_breakeven", why[0].upper() + why[1:] + ".")
        else:
            label = "prompt_first"
            because("prompt_first")
            if economics:
                because("cost_breakeven", why[0].upper() + why[1:] + ".")
    check("prompt_first", label == "prompt_first", "nothing structural calls for retrieval or fine-tuning" if label == "prompt_first" else "a structural reason applies")
    return _Decision(label, hosting, tuple(reasons), tuple(trace), rag_need, behaviour or smaller_model)


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



def _what_would_change(values: Mapping[str, Any], decision: _Decision, economics: _Economics | None) -> tuple[str, ...]:
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
        and not values["has_documents"]
        and economics
        and economics.totals is not None
    ):
        # A cost-only fine-tune for a classifier needs both: lower totals than prompting alone, and
        # an eval set. Name whichever is missing.
        if economics.fine_tune_saves(False):
            sentences.append("If you had an eval set, fine-tuning for cost would be worth it: on your numbers it costs less than prompting alone.")
        else:
            eval_too = "" if values["has_eval_set"] else " and you had an eval set"
            sentences.append(f"If a fine-tune cost less than prompting alone over your horizon{eval_too}, fine-tuning for cost would be worth it.")
    return tuple(sentences)
