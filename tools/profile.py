"""The slot registry: every fact about the user's situation the advisor tracks, defined once.

A slot has a name, a kind (which fixes its Python type and how it is validated), the values it may
take, the sanity bounds a stated figure must fall within, its description for the LLM extraction
schema, the question that asks for it, how a value reads in a reply, and (for the slots the decision
tree reads) the value assumed while it is unknown and why. `Profile` is built from this registry,
so the decision tree, both understanders, the templates and the LLM schema all read the same list.

Adding a slot: add a `Slot` here (and, if it decides something, a rule in `tools/decision_tree.py`);
see ARCHITECTURE.md "Adding a slot".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, make_dataclass
from numbers import Real
from typing import Any, Literal, Mapping

Kind = Literal["text", "volume", "frequency", "flag", "tokens", "months", "count", "milliseconds", "usd"]

FREQUENCIES: tuple[str, ...] = ("static", "rarely", "monthly", "weekly", "daily")
# Knowledge that changes at least monthly outruns a fine-tune's refresh cycle (every 3-6 months in
# aiinfox-2026); "rarely" (a few times a year) fits inside it.
CHANGING: frozenset[str] = frozenset({"monthly", "weekly", "daily"})

# Beyond these a stated figure is a typo or a joke, not a plan. They are sanity bounds, not sourced
# figures, so the messages that reject a value never quote them (a reply may only show figures from
# the cost model, a cited passage, or the user's own words).
MAX_QUERIES_PER_DAY = 1e10
MAX_TOKENS = 2_000_000
MAX_HORIZON_MONTHS = 120
MAX_COUNT = 1e9
MAX_MILLISECONDS = 600_000
MAX_MONTHLY_USD = 1e8

_PYTHON_TYPES = {
    "text": str, "volume": float, "frequency": str, "flag": bool, "tokens": int, "months": int, "count": int, "milliseconds": int,
    "usd": float,
}  # fmt: skip
NUMBER_KINDS = ("volume", "tokens", "months", "count", "milliseconds", "usd")


@dataclass(frozen=True)
class Slot:
    """One slot of the profile.

    `said` is how a value reads in a reply: for a flag the pair (when true, when false); otherwise a
    format string with `{}` for the value as words. `question` holds the phrasings that ask for the
    slot (empty: never asked, only volunteered). `default` and `assumed_because` are the value a
    decision slot takes while unknown and the sentence that says so; `conditions` says, for what-would-
    change sentences, how each value reads as a condition ("answers had to cite their sources").
    """

    name: str
    kind: Kind
    description: str
    said: tuple[str, str] | str
    question: tuple[str, ...] = ()
    default: Any = None
    assumed_because: str = ""
    conditions: tuple[str, str] = ("", "")
    # Likely answers a front-end offers as quick choices (numbered in the terminal, buttons in Slack);
    # each is sent as the user's own words. Flags default to their two `said` readings and "Not sure".
    answers: tuple[str, ...] = ()

    @property
    def choices(self) -> tuple[str, ...]:
        """The quick answers to this slot's question (empty for a slot that is never asked)."""
        if not self.question:
            return ()
        if self.answers:
            return self.answers
        if self.kind == "flag":
            return (*(said[:1].upper() + said[1:] for said in self.said), "Not sure")
        return ()

    @property
    def python_type(self) -> type:
        return _PYTHON_TYPES[self.kind]

    @property
    def values(self) -> tuple[Any, ...] | None:
        """The allowed values of a closed slot (None for open ones: text and numbers)."""
        if self.kind == "flag":
            return (True, False)
        if self.kind == "frequency":
            return FREQUENCIES
        return None

    @property
    def decides(self) -> bool:
        """Whether the decision tree reads this slot (it has an assumed value while unknown)."""
        return bool(self.assumed_because)

    def out_of_bounds(self, value: float) -> str | None:
        """Why a stated figure cannot be right, in words for the user; None when it is plausible.
        Both understanders reject with these messages, whoever read the figure."""
        if self.kind == "volume":
            if value <= 0:
                return "a query volume must be a positive number of queries per day"
            if value > MAX_QUERIES_PER_DAY:
                return "that is far more traffic than any production system handles"
        elif self.kind == "tokens":
            if value <= 0:
                return "a token count must be positive"
            if value > MAX_TOKENS:
                return "that is more than any model's context window holds"
        elif self.kind == "months":
            if value < 1 or value > MAX_HORIZON_MONTHS:
                return "a planning horizon should be between one month and ten years"
        elif self.kind == "count":
            if value < 0 or value > MAX_COUNT:
                return "that count cannot be right"
        elif self.kind == "milliseconds":
            if value <= 0 or value > MAX_MILLISECONDS:
                return "a latency budget must be a positive time of at most a few minutes"
        elif self.kind == "usd":
            if value <= 0 or value > MAX_MONTHLY_USD:
                return "a monthly bill must be a positive amount of at most $100 million"
        return None


def _flag(name: str, description: str, said: tuple[str, str], question: tuple[str, ...], default: bool,
          assumed_because: str, conditions: tuple[str, str], answers: tuple[str, ...] = ()) -> Slot:
    return Slot(name, "flag", description, said, question, default, assumed_because, conditions, answers)


# Order matters: it is the profile's field order, and the order acknowledgements list values in.
REGISTRY: tuple[Slot, ...] = (
    Slot(
        "use_case", "text", "short phrase: what they are building", "the use case: {}",
        ("What are you building, and who will use it?",
         "Tell me about the feature: what should the model do, and for whom?"),
    ),
    Slot(
        "queries_per_day", "volume", "expected requests per day", "about {} queries a day",
        ("Roughly how much traffic do you expect, per day or per month?",
         "What volume are we talking about: how many requests a day or a month, roughly?"),
        answers=("About 1,000 a day", "About 10,000 a day", "About 100,000 a day", "About 1 million a day"),
    ),
    Slot(
        "knowledge_changes", "frequency", "how often the knowledge it answers from changes", "the knowledge {}",
        ("How often does the knowledge it answers from change: daily, weekly, monthly, rarely, or basically never?",
         "Does the underlying information move? Daily, weekly, monthly, a few times a year, or static?"),
        "rarely", "you have not said your knowledge changes, so I assumed a few times a year at most",
        answers=("Daily", "Weekly", "Monthly", "A few times a year", "Basically never"),
    ),
    _flag(
        "needs_citations", "answers must cite or link the source they came from",
        ("answers must cite their sources", "no citations needed"),
        ("Do answers need to cite or link the source they came from?",
         "Must users be able to see where an answer came from (citations, links to the document)?"),
        False, "you have not said answers must cite their sources",
        ("answers had to cite their sources", "answers did not need to cite sources"),
    ),
    _flag(
        "multi_tenant", "per-customer data kept apart",
        ("per-tenant data", "a single shared corpus"),
        ("Is the data per customer, with each tenant seeing only their own documents, or one shared corpus?",
         "Do different customers have their own private data the model must keep apart?"),
        False, "you have not mentioned per-customer (tenant) data",
        ("each customer had their own data (multi-tenant)", "the data were not split per customer"),
    ),
    _flag(
        "has_documents", "there are documents or records to retrieve from",
        ("there are documents to draw on", "no documents to retrieve from"),
        ("Is there a body of documents or records to draw answers from, or does each input carry everything the model needs (like a classifier)?",
         "Will the model answer from documents you have (articles, manuals, records), or is it a task where the input alone is enough?"),
        True, "I assumed there are documents or records the model could draw on",
        ("there were documents to retrieve", "there were no documents to retrieve"),
    ),
    _flag(
        "output_format_gap", "base model cannot hold a required format/vocabulary",
        ("a format or vocabulary gap the base model can't close", "no format gap"),
        ("Does the base model fail to hold your required output format or domain vocabulary even with a good prompt (strict JSON, a proprietary DSL, house terminology)?",
         "Is there a format or vocabulary the model keeps getting wrong despite careful prompting?"),
        False, "you have not mentioned an output format or vocabulary the base model gets wrong",
        ("the base model could not hold your output format or vocabulary", "the base model held your output format"),
    ),
    _flag(
        "persona_consistency", "a persona or tone must hold over long conversations",
        ("a persona that must hold", "no persona requirement"),
        ("Does it need to hold one persona or tone consistently over long conversations?",
         "Is a consistent voice or character part of the product, held across long sessions?"),
        False, "you have not mentioned a persona or tone that must hold over long conversations",
        ("a persona or tone had to hold over long conversations", "no persona had to hold"),
    ),
    _flag(
        "latency_sensitive", "a tight latency budget (voice, sub-second)",
        ("tight latency", "latency is not critical"),
        ("How tight is latency? Is this something like a voice agent that must answer in well under a second?",
         "Is response time critical, as in real-time or voice use?"),
        False, "you have not mentioned a tight latency budget",
        ("you had a tight latency budget (voice, sub-second)", "latency were not critical"),
    ),
    _flag(
        "data_residency", "data must not leave their infrastructure",
        ("data must stay in-house", "hosted APIs are fine"),
        ("Must your data stay inside your own infrastructure (zero data egress), or may prompts go to a hosted model API?",
         "Any data-residency constraint that rules out sending prompts to an external provider?"),
        False, "you have not said data must stay in-house",
        ("data could not leave your infrastructure", "hosted APIs were allowed"),
    ),
    _flag(
        "top_model_too_costly", "top-tier quality is needed at a cost the top model cannot meet",
        ("the top model is too costly or slow", "the top model's cost is acceptable"),
        ("Do you need top-tier model quality at a cost or latency the top model can't deliver at your volume?",
         "Is the best model good enough but too expensive or too slow for your traffic?"),
        False, "you have not said the top-tier model is too expensive at your volume",
        ("the top-tier model were too costly at your volume", "the top-tier model's cost were acceptable"),
    ),
    _flag(
        "has_eval_set", "labelled examples exist that show where the base model falls short",
        ("you have an eval set", "no eval set yet"),
        ("Do you have an eval set: labelled examples that show where the base model falls short today?",
         "Is there an eval set of real examples with expected outputs, the evidence that would prove a fine-tune is worth it?"),
        False, "you have not mentioned an eval set, and fine-tuning needs one to prove the gap",
        ("you had an eval set that proves the gap", "you had no eval set"),
        ("We have an eval set", "No eval set yet", "Not sure"),
    ),
    Slot("model", "text", "the LLM they use now, as named", "the model: {}"),
    # The token slots are asked only when the call is down to cost (tools.decision_tree.turns_on_cost).
    Slot("input_tokens", "tokens", "prompt tokens per query", "{} prompt tokens per query",
         ("When it comes down to cost, the prompt's length matters: roughly how many tokens does each request "
          "send the model (instructions, examples and the input itself)?",
          "How long is each request's prompt, roughly, in tokens?"),
         answers=("About 500 tokens", "About 2,000 tokens", "About 8,000 tokens")),
    Slot("output_tokens", "tokens", "answer tokens per query", "{} answer tokens per query",
         ("And how long is a typical answer, in tokens (a label is a few tokens, a paragraph a few hundred)?",
          "Roughly how many tokens does the model write per answer?"),
         answers=("About 10 tokens (a label)", "About 200 tokens", "About 800 tokens")),
    Slot("context_tokens", "tokens", "retrieved context tokens per query", "{} retrieved context tokens per query"),
    Slot("horizon_months", "months", "months to plan over", "a {}-month horizon"),
    Slot(
        "tokens_saved", "tokens",
        "prompt tokens per query a fine-tune would make unnecessary (few-shot examples, long instructions)",
        "{} prompt tokens per query a fine-tune would save",
        # Asked only when the call is down to cost (tools.decision_tree.turns_on_cost).
        ("This one comes down to cost, and the prompt decides it: how many tokens of each request are few-shot "
         "examples or long instructions that a fine-tuned model would no longer need?",
         "On cost alone, what matters is how much of your prompt a fine-tune would make unnecessary: roughly "
         "how many tokens of examples and instructions does each request carry?"),
        answers=("About 200 tokens", "About 500 tokens", "About 2,000 tokens"),
    ),
    Slot("latency_budget_ms", "milliseconds", "the response-time budget for the model, in milliseconds", "a latency budget of {} ms"),
    Slot("corpus_documents", "count", "how many documents or pages the knowledge base holds", "{} documents to search"),
    Slot("gpu", "text", "the GPU model they run or own, e.g. H100, A100, L40S", "GPU: {}"),
    Slot("owned_gpus", "count", "how many GPUs they already own (paid for)", "{} GPUs you already own"),
    Slot("has_fine_tune", "flag", "they already have a fine-tuned model or LoRA adapter",
         ("you already have a fine-tuned model", "no fine-tuned model yet")),
    # What they pay for that model today: with the volume it sizes the prompt (costing.scenario_for).
    Slot("monthly_spend_usd", "usd", "what they pay today for the model in use, in US dollars a month", "a current bill of ${} a month"),
)

SLOT: dict[str, Slot] = {slot.name: slot for slot in REGISTRY}
SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY)
BOOLEAN_SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY if slot.kind == "flag")
# The slots the decision tree reads: each has an assumed value while unknown.
DECISION_SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY if slot.decides)
DECISION_FLAGS: tuple[str, ...] = tuple(name for name in DECISION_SLOTS if SLOT[name].kind == "flag")
NUMBER_SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY if slot.kind in NUMBER_KINDS)
TOKEN_SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY if slot.kind == "tokens")
# Slots that only feed the cost model: they have stated defaults there and are never asked about.
COST_ONLY_SLOTS: tuple[str, ...] = tuple(slot.name for slot in REGISTRY if slot.name != "use_case" and not slot.question)


def validated(slot: str, value: Any) -> Any:
    """`value` as the slot's type (None stays None). ValueError naming the slot for a value of the
    wrong type or outside what the slot can hold at all; plausibility is `Slot.out_of_bounds`."""
    if value is None:
        return None
    entry = SLOT.get(slot)
    if entry is None:
        raise ValueError(f"profile: unknown slot {slot!r}; known slots are {', '.join(SLOTS)}")
    if entry.kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"profile.{slot} must be a non-empty string, got {value!r}")
        return value.strip()
    if entry.kind == "flag":
        if not isinstance(value, bool):
            raise ValueError(f"profile.{slot} must be true or false, got {value!r}")
        return value
    if entry.kind == "frequency":
        if value not in FREQUENCIES:
            raise ValueError(f"profile.{slot} must be one of {', '.join(FREQUENCIES)}, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ValueError(f"profile.{slot} must be a finite number, got {value!r}")
    if entry.kind == "volume":
        if value <= 0:
            raise ValueError(f"profile.{slot} must be positive, got {value!r}")
        return float(value)
    if value != int(value):
        raise ValueError(f"profile.{slot} must be a whole number, got {value!r}")
    minimum = 1 if entry.kind == "months" else 0
    if value < minimum:
        raise ValueError(f"profile.{slot} must be at least {minimum}, got {value!r}")
    return int(value)


def _from_mapping(cls, values: Mapping[str, Any]):
    """Build a profile from slot -> value, validating every value (None means unknown)."""
    unknown = sorted(set(values) - set(SLOTS))
    if unknown:
        raise ValueError(f"profile: unknown slot {unknown[0]!r}; known slots are {', '.join(SLOTS)}")
    return cls(**{slot: validated(slot, value) for slot, value in values.items()})


def _known(self) -> dict[str, Any]:
    """The slots that have a value."""
    return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


# What is known about the user's situation, one field per registered slot; None means not known yet.
Profile = make_dataclass(
    "Profile",
    [(slot.name, slot.python_type | None, None) for slot in REGISTRY],
    frozen=True,
    namespace={"from_mapping": classmethod(_from_mapping), "known": _known, "__module__": __name__},
)
