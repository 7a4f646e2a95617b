"""The decision tree: which of RAG, fine-tuning, a hybrid, distillation or better prompting fits a
profile, why (each rule with the source passages it rests on), and which question to ask next.

Pure Python, no I/O. The agent owns the conversation and where each profile value came from; this
module only decides. Every rule quotes the cleaned source copies in `knowledge/corpus/` verbatim
(a test checks this), so the agent can cite them as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from numbers import Real
from typing import Any, Literal, Mapping

Label = Literal["rag", "fine_tune", "hybrid", "distill", "prompt_first"]
Frequency = Literal["static", "rarely", "monthly", "weekly", "daily"]

LABELS: tuple[str, ...] = ("rag", "fine_tune", "hybrid", "distill", "prompt_first")
FREQUENCIES: tuple[str, ...] = ("static", "rarely", "monthly", "weekly", "daily")
# Knowledge that changes at least monthly outruns a fine-tune's refresh cycle (every 3-6 months in
# aiinfox-2026); "rarely" (a few times a year) fits inside it.
CHANGING: frozenset[str] = frozenset({"monthly", "weekly", "daily"})

SLOTS: tuple[str, ...] = (
    "use_case",
    "queries_per_day",
    "knowledge_changes",
    "needs_citations",
    "multi_tenant",
    "has_documents",
    "output_format_gap",
    "persona_consistency",
    "latency_sensitive",
    "data_residency",
    "top_model_too_costly",
    "has_eval_set",
    "model",
    "input_tokens",
    "output_tokens",
    "context_tokens",
    "horizon_months",
)
BOOLEAN_SLOTS: tuple[str, ...] = (
    "needs_citations",
    "multi_tenant",
    "has_documents",
    "output_format_gap",
    "persona_consistency",
    "latency_sensitive",
    "data_residency",
    "top_model_too_costly",
    "has_eval_set",
)
STR_SLOTS: tuple[str, ...] = ("use_case", "model")
# Slots that only feed the cost model: they have stated defaults there and are never asked here.
COST_ONLY_SLOTS: tuple[str, ...] = ("model", "input_tokens", "output_tokens", "context_tokens", "horizon_months")

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
# ferreira-2026's threshold for "high query volume"; above it the sources disagree (see _disagreements).
HIGH_VOLUME_PER_DAY = 100_000


@dataclass(frozen=True)
class Profile:
    """What is known about the user's situation; None means not known yet."""

    use_case: str | None = None
    queries_per_day: float | None = None
    knowledge_changes: Frequency | None = None
    needs_citations: bool | None = None
    multi_tenant: bool | None = None
    has_documents: bool | None = None
    output_format_gap: bool | None = None
    persona_consistency: bool | None = None
    latency_sensitive: bool | None = None
    data_residency: bool | None = None
    top_model_too_costly: bool | None = None
    has_eval_set: bool | None = None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    context_tokens: int | None = None
    horizon_months: int | None = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Profile":
        """Build a profile from slot -> value, validating every value (None means unknown)."""
        unknown = sorted(set(values) - set(SLOTS))
        if unknown:
            raise ValueError(f"profile: unknown slot {unknown[0]!r}; known slots are {', '.join(SLOTS)}")
        return cls(**{slot: _validated(slot, value) for slot, value in values.items()})

    def known(self) -> dict[str, Any]:
        """The slots that have a value."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def _validated(slot: str, value: Any) -> Any:
    if value is None:
        return None
    if slot in STR_SLOTS:
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"profile.{slot} must be a non-empty string, got {value!r}")
        return value.strip()
    if slot in BOOLEAN_SLOTS:
        if not isinstance(value, bool):
            raise ValueError(f"profile.{slot} must be true or false, got {value!r}")
        return value
    if slot == "knowledge_changes":
        if value not in FREQUENCIES:
            raise ValueError(f"profile.knowledge_changes must be one of {', '.join(FREQUENCIES)}, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"profile.{slot} must be a finite number, got {value!r}")
    if slot == "queries_per_day":
        if value <= 0:
            raise ValueError(f"profile.queries_per_day must be positive, got {value!r}")
        return float(value)
    if value != int(value):
        raise ValueError(f"profile.{slot} must be a whole number, got {value!r}")
    minimum = 1 if slot == "horizon_months" else 0
    if value < minimum:
        raise ValueError(f"profile.{slot} must be at least {minimum}, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class Evidence:
    """A verbatim passage from one source article."""

    source_id: str
    quote: str


@dataclass(frozen=True)
class Rule:
    """One rule of the tree: what it points to, in a sentence, and the passages it rests on."""

    id: str
    points_to: str
    summary: str
    evidence: tuple[Evidence, ...]


def _rule(id: str, points_to: str, summary: str, *evidence: tuple[str, str]) -> Rule:
    return Rule(id, points_to, summary, tuple(Evidence(s, q) for s, q in evidence))


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(
            "knowledge_changes",
            "rag",
            "Knowledge that changes belongs in retrieval: RAG stays current without retraining.",
            ("aiinfox-2026", "RAG is the right call when the system needs to ground its outputs in a body of knowledge that changes"),
            ("ferreira-2026", "If your knowledge base updates daily (news, product catalogue, support tickets), RAG lets you stay current without retraining."),
        ),
        _rule(
            "multi_tenant",
            "rag",
            "Per-tenant data in a multi-tenant deployment points to RAG: retrieval scopes each answer to the tenant's data.",
            ("aiinfox-2026", "Does the system need to know per-tenant data in a multi-tenant deployment? → RAG."),
        ),
        _rule(
            "citations",
            "rag",
            "Required citations point to RAG: a fine-tuned model cannot say where its knowledge came from.",
            ("ferreira-2026", "Need source citations — RAG required."),
            ("ferreira-2026", "Fine-tuned models cannot tell you where their knowledge came from."),
        ),
        _rule(
            "no_retrievable_context",
            "not_rag",
            "With no documents to retrieve (a classifier, say), RAG is not the right shape.",
            ("aieconomyhub-2026", 'RAG was not the right shape — there is no "retrieved context" for an intent classifier.'),
        ),
        _rule(
            "format_gap",
            "fine_tune",
            "A structured-output, format or vocabulary gap the base model cannot close points to fine-tuning.",
            ("aiinfox-2026", "Does the system need a specific structured output the base model cannot reliably produce? → Fine-tune."),
            ("aieconomyhub-2026", "domain-specific vocabulary or terminology the base model hallucinates around"),
        ),
        _rule(
            "persona",
            "fine_tune",
            "A persona that must hold over long conversations points to fine-tuning; prompting alone drifts.",
            ("aiinfox-2026", "prompting alone produces drift across long conversations"),
            ("aiinfox-2026", "Does the system need a consistent persona across long conversations? → Fine-tune."),
        ),
        _rule(
            "data_residency",
            "fine_tune",
            "Zero data egress means self-hosting an open-weight model, usually fine-tuned to close the quality gap.",
            ("aiinfox-2026", "Does the system require self-hosted with zero data egress? → Open-weight + fine-tune (usually)."),
            ("aiinfox-2026", "The available open-weight base models without fine-tuning lag the hosted top-tier on specialised tasks, so fine-tuning is often necessary to close the quality gap."),
        ),
        _rule(
            "top_model_too_costly",
            "distill",
            "Top-tier quality at a cost that does not work points to distilling a smaller model.",
            ("aiinfox-2026", "When the top-tier model produces excellent answers but at unit economics that do not work, fine-tuning a smaller open-weight model on outputs from the larger model — distillation — can give 90-95% of the quality at 1/20th the cost and 1/5th the latency."),
        ),
        _rule(
            "latency",
            "distill",
            "A latency budget a large hosted model cannot meet points to a smaller fine-tuned (distilled) model.",
            ("aiinfox-2026", "For latency-critical use cases — voice agents, sub-second interactive applications — fine-tuning a smaller model on outputs from a larger model is one of the most reliable latency wins."),
        ),
        _rule(
            "hybrid",
            "hybrid",
            "Facts that change plus a behaviour to hold (tone, format, or a self-hosted model's quality gap) point to a hybrid: fine-tune for how to answer, RAG for what to answer about.",
            ("aiinfox-2026", "Does the system need both grounded facts and a maintained tone? → Hybrid: fine-tune for tone, RAG for facts."),
            ("aieconomyhub-2026", "fine-tuned base model for format and vocabulary consistency, RAG on top for up-to-date facts"),
        ),
        _rule(
            "rag_cost_levers",
            "rag",
            "Cost or latency pressure on a RAG system is met first with tighter retrieval, prompt caching and a right-sized model.",
            ("aiinfox-2026", "The LLM tokens are the dominant cost and the most controllable lever."),
            ("aiinfox-2026", "a right-sized model that clears the eval bar without going to the top-tier model"),
        ),
        _rule(
            "eval_gate",
            "prompt_first",
            "Without an eval set that proves the cheaper levers cannot close the gap, fine-tuning is premature.",
            ("aiinfox-2026", "Fine-tuning earns its cost only when the gap is structural (Scenario A-D above) and the eval set proves the cheaper levers cannot close it."),
        ),
        _rule(
            "cost_breakeven",
            "fine_tune",
            "For cost alone, fine-tune only where retrieval is not the alternative and it pays back within the horizon; otherwise check prompt caching first.",
            ("aieconomyhub-2026", "Before you fine-tune in 2026, verify that prompt caching is not already solving your cost problem."),
            ("aieconomyhub-2026", "At very high volume, the fixed training cost amortizes and the fine-tune wins — but this break-even is higher than most teams assume."),
            ("aieconomyhub-2026", "the signal that actually predicts fine-tuning value is not volume or cost — it is a specific capability gap"),
        ),
        _rule(
            "prompt_first",
            "prompt_first",
            "With no structural reason to fine-tune or retrieve, improve prompting, caching and retrieval first.",
            ("aiinfox-2026", "If none of the above, but the base model is not good enough? → Improve prompting, retrieval, and tool use first."),
            ("aieconomyhub-2026", "If none of those apply, you are paying for training runs to solve problems a better retrieval system or an evals-driven prompt would solve for free."),
        ),
    )
}


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
class Disagreement:
    """Sources that disagree on something the recommendation rests on, and which side was followed."""

    topic: str
    sides: tuple[Evidence, ...]
    followed: str

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source_id for e in self.sides))


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


# Values used for unknown decision slots: "no special requirement" wherever the user has not said
# otherwise, so an unknown never pushes towards a costlier architecture.
_DEFAULTS: dict[str, tuple[Any, str]] = {
    "knowledge_changes": ("rarely", "you have not said your knowledge changes, so I assumed a few times a year at most"),
    "needs_citations": (False, "you have not said answers must cite their sources"),
    "multi_tenant": (False, "you have not mentioned per-customer (tenant) data"),
    "has_documents": (True, "I assumed there are documents or records the model could draw on"),
    "output_format_gap": (False, "you have not mentioned an output format or vocabulary the base model gets wrong"),
    "persona_consistency": (False, "you have not mentioned a persona or tone that must hold over long conversations"),
    "latency_sensitive": (False, "you have not mentioned a tight latency budget"),
    "data_residency": (False, "you have not said data must stay in-house"),
    "top_model_too_costly": (False, "you have not said the top-tier model is too expensive at your volume"),
    "has_eval_set": (False, "you have not mentioned an eval set, and fine-tuning needs one to prove the gap"),
}


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
        disagreements=_disagreements(profile, values, decision),
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
    for slot, (default, why) in _DEFAULTS.items():
        value = getattr(profile, slot)
        if value is None:
            value = default
            assumptions.append(Assumption(slot, default, why))
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

_CONDITIONS: dict[tuple[str, Any], str] = {
    ("needs_citations", True): "answers had to cite their sources",
    ("needs_citations", False): "answers did not need to cite sources",
    ("multi_tenant", True): "each customer had their own data (multi-tenant)",
    ("multi_tenant", False): "the data were not split per customer",
    ("has_documents", True): "there were documents to retrieve",
    ("has_documents", False): "there were no documents to retrieve (a classifier, say)",
    ("output_format_gap", True): "the base model could not hold your output format or vocabulary",
    ("output_format_gap", False): "the base model held your output format",
    ("persona_consistency", True): "a persona or tone had to hold over long conversations",
    ("persona_consistency", False): "no persona had to hold",
    ("latency_sensitive", True): "you had a tight latency budget (voice, sub-second)",
    ("latency_sensitive", False): "latency were not critical",
    ("data_residency", True): "data could not leave your infrastructure",
    ("data_residency", False): "hosted APIs were allowed",
    ("top_model_too_costly", True): "the top-tier model were too costly at your volume",
    ("top_model_too_costly", False): "the top-tier model's cost were acceptable",
    ("has_eval_set", True): "you had an eval set that proves the gap",
    ("has_eval_set", False): "you had no eval set",
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
                condition = _CONDITIONS[(slot, alternative)]
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


def _disagreements(profile: Profile, values: Mapping[str, Any], decision: _Decision) -> tuple[Disagreement, ...]:
    found: list[Disagreement] = []
    volume = profile.queries_per_day
    if volume is not None and volume >= HIGH_VOLUME_PER_DAY and decision.label in ("rag", "hybrid", "prompt_first"):
        found.append(
            Disagreement(
                "whether high volume alone justifies fine-tuning",
                (
                    Evidence("ferreira-2026", "High query volume (>100K/day) — lean toward fine-tuning."),
                    Evidence("aieconomyhub-2026", "Break-even on the $5,000 is 3.3M calls, or about 100,000 calls/month to pay back in 33 months — probably too long."),
                ),
                "I followed the stricter evidence (aieconomyhub-2026's worked break-even and the cost model on your numbers): volume alone does not justify a fine-tune before prompt caching.",
            )
        )
    if values["latency_sensitive"] and decision.rag_need:
        found.append(
            Disagreement(
                "how much latency retrieval adds",
                (
                    Evidence("aiinfox-2026", "End-to-end, RAG typically adds 50-150ms to first-token latency compared to a non-RAG call."),
                    Evidence("tradeoffs-2026", "RAG latency performance introduces a retrieval step that adds 100 to 500 milliseconds per query"),
                ),
                "I followed the stricter figure (tradeoffs-2026): budget for up to 500 ms of retrieval overhead.",
            )
        )
    if decision.label == "hybrid" or (decision.rag_need and decision.fine_tune_need):
        found.append(
            Disagreement(
                "how often a hybrid is the right architecture",
                (
                    Evidence("ferreira-2026", "A hybrid approach is often the optimal long-term architecture."),
                    Evidence("aiinfox-2026", "The hybrid pattern is real but narrow."),
                ),
                "I followed the stricter evidence (aiinfox-2026): a hybrid only when both a retrieval need and a proven behaviour gap are present.",
            )
        )
    if decision.label in ("fine_tune", "distill", "hybrid"):
        found.append(
            Disagreement(
                "what a fine-tuned model costs per token",
                (
                    Evidence("ferreira-2026", "After fine-tuning, your inference cost is similar to (or sometimes lower than) the base model."),
                    Evidence("aieconomyhub-2026", "Claude/GPT fine-tunes: +20–50% per-token"),
                ),
                "I followed the stricter evidence (aieconomyhub-2026): expect a per-token premium on hosted fine-tuned models.",
            )
        )
    return tuple(found)
