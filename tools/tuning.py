"""Which hosted models can be fine-tuned and at what price, the tunable model nearest a user's model, and
the cheaper sibling to distil into.

A fine-tune is only priced where one can be bought: `TUNABLE` lists the model lines that sell fine-tuning,
each with where that comes from (a corpus passage, or the price database's own `ft:` prices). A model
that cannot be tuned (Claude Sonnet and Opus: "Opus and Sonnet are not tunable") is fine-tuned as the
nearest tunable model instead (`tuned_base`). Where the price database lists a fine-tuned price
(`ft:gpt-4o-mini`) that price is used; otherwise the list price plus the sourced premium, labelled an
assumption. `student_for` picks a distillation student from the teacher's own provider or family,
always cheaper than the teacher.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from tools.prices import FIRST_PARTY, ModelPrices, catalogue, model_prices, provider_of


@dataclass(frozen=True)
class TunableLine:
    """A line of models that sells fine-tuning: an id pattern, and the passage (or note) that says so."""

    pattern: str
    provider: str | None  # None: open-weight models, tunable wherever they run
    source_id: str | None
    quote: str | None
    note: str


TUNABLE: tuple[TunableLine, ...] = (
    TunableLine(
        r"^gpt-4o(-mini)?$", "openai", "aieconomyhub-2026", "GPT-4o and GPT-4o mini support full fine-tune and LoRA",
        "OpenAI fine-tunes GPT-4o and GPT-4o mini; the price database lists their fine-tuned prices.",
    ),
    TunableLine(
        r"^gpt-5$", "openai", "aieconomyhub-2026", "GPT-5 supports a preference-optimization mode",
        "GPT-5 is tuned by preference optimisation.",
    ),
    TunableLine(
        r"^gpt-4\.1(-mini|-nano)?$", "openai", None, None,
        "OpenAI's fine-tuning guide (2025) lists GPT-4.1, GPT-4.1 mini and GPT-4.1 nano; no source in the corpus.",
    ),
    TunableLine(
        r"^gpt-3\.5-turbo$", "openai", None, None, "The price database lists a fine-tuned GPT-3.5 Turbo price.",
    ),
    TunableLine(
        r"haiku", "anthropic", "aieconomyhub-2026",
        "Haiku 4 fine-tuning is available on Bedrock (AWS) as of 2025, with limited availability via the direct Anthropic API.",
        "Claude's tunable line is Haiku (on Bedrock); Sonnet and Opus are not tunable.",
    ),
    TunableLine(
        r"\d+(\.\d+)?b\b", None, "aiinfox-2026", "A LoRA fine-tune of Llama 3 8B on 5,000 examples runs $100-500 in compute.",
        "Open-weight models (a parameter size in the name) take LoRA fine-tunes wherever they run.",
    ),
)

NOT_TUNABLE_QUOTE = ("aieconomyhub-2026", "Opus and Sonnet are not tunable.")

# Names of a provider's small, fast tier: what a distillation student (and a "hosted small" latency) is.
_SMALL_WORDS = frozenset({"mini", "nano", "haiku", "flash", "lite", "small", "tiny", "micro", "ministral"})
# Open-weight models at or below this size count as small: aiinfox-2026's distilled model is an 8B.
SMALL_MODEL_MAX_B = 13


def tunable_line(model: str) -> TunableLine | None:
    """The tunable line `model` (a canonical id) belongs to, or None when it cannot be fine-tuned."""
    lowered = model.lower()
    provider = _provider(model)
    for line in TUNABLE:
        if re.search(line.pattern, lowered.rsplit("/", 1)[-1]) and (line.provider is None or line.provider == provider):
            return line
    return None


def model_size_b(model: str | None) -> float | None:
    """Parameters in billions, read from an open-weight model's name ("llama-3-70b" -> 70), else None."""
    if not model:
        return None
    found = re.findall(r"(?<![\d.x])(\d+(?:\.\d+)?)b\b", model.lower().replace("_", "-"))
    return float(found[-1]) if found else None


def is_small(model: str) -> bool:
    """A provider's small tier (Haiku, mini, nano, Flash...) or an open-weight model of at most 13B."""
    size = model_size_b(model)
    if size is not None:
        return size <= SMALL_MODEL_MAX_B
    words = set(re.split(r"[\s\-_.:/]+", model.lower()))
    return bool(words & _SMALL_WORDS)


@dataclass(frozen=True)
class TunedPrices:
    """What a hosted fine-tune of `base` costs per million tokens, and where each part comes from.

    `fine_tuned` is the price database's own fine-tuned id when it lists one (then `prices` are its
    prices and no premium applies); otherwise `prices` are `base`'s list prices and the sourced premium
    applies on top. `reason` says why `base` was chosen (the user's model, or the nearest tunable one).
    """

    base: str
    prices: ModelPrices
    fine_tuned: str | None
    line: TunableLine
    reason: str

    @property
    def premium_applies(self) -> bool:
        return self.fine_tuned is None


def tuned_base(model: str) -> TunedPrices:
    """The hosted fine-tune nearest `model` (a canonical id): `model` itself when its line sells
    fine-tuning, else the tunable model closest in price, preferring its own provider within a factor of
    two. Raises LookupError when the price database holds no tunable model at all."""
    line = tunable_line(model)
    if line is not None:
        return _tuned(model, line, f"{model} can be fine-tuned")
    own = _blended(model_prices(model))
    pool = _tunable_pool()
    if not pool:
        raise LookupError("the price database lists no tunable model")
    provider = _provider(model)
    # Nearness is judged on what the fine-tune would cost per token, not on the base's list price.
    same = [m for m in pool if _provider(m) == provider and _ratio(_tuned_blended(m), own) <= 2]
    chosen = min(same or pool, key=lambda m: (_ratio(_tuned_blended(m), own), m))
    return _tuned(chosen, tunable_line(chosen), f"{model} cannot be fine-tuned; {chosen} is the tunable model nearest its price")


def student_for(teacher: str) -> str | None:
    """A distillation student for `teacher`: a tunable model of the same provider (or, for open weights,
    the same family), cheaper than the teacher, from its small tier where it has one; the nearest in price
    below the teacher. None when nothing cheaper can be tuned (the teacher is already the smallest)."""
    own = _blended(model_prices(teacher))
    provider, family = _provider(teacher), _family(teacher)
    if provider not in FIRST_PARTY and model_size_b(teacher) is not None:
        return _open_weight_student(teacher, family)
    same = [
        m for m in _tunable_pool()
        if (_provider(m) == provider if provider in FIRST_PARTY else _family(m) == family)
        and _blended(model_prices(m)) < own
    ]
    small = [m for m in same if is_small(m)]
    candidates = small or same
    return max(candidates, key=lambda m: (_blended(model_prices(m)), m)) if candidates else None


def _open_weight_student(teacher: str, family: str) -> str | None:
    """A smaller open-weight model of the teacher's family to distil into and self-host: the small-tier
    one (at most 13B) whose name is nearest the teacher's with the sizes left out ("llama-3.1-405b" ->
    a Llama 3.1 8B), the larger of equals. Its weights, not a host's price list, are what it costs."""
    size = model_size_b(teacher)
    stem = _without_size(teacher)
    found: dict[str, tuple[float, float]] = {}
    for _provider_id, model_id in catalogue():
        student_size = model_size_b(model_id)
        if student_size is None or not student_size < size or student_size > SMALL_MODEL_MAX_B:
            continue
        if _family(model_id) != family or _is_derived(model_id) or _NOT_A_CHAT_MODEL.search(model_id):
            continue
        try:
            model_prices(model_id)
        except (LookupError, ValueError):
            continue  # listed without a per-token price, or a name several models share
        found[model_id] = (SequenceMatcher(None, stem, _without_size(model_id)).ratio(), student_size)
    return max(found, key=lambda m: (found[m], m)) if found else None


def _without_size(model: str) -> str:
    name = model.lower().rsplit("/", 1)[-1]
    return re.sub(r"(?<![\d.x])\d+(?:\.\d+)?b\b", "", re.sub(r"^meta-", "", name))


# Safety classifiers, vision and speculative-decoding variants share a family's name but are no student.
_NOT_A_CHAT_MODEL = re.compile(r"guard|vision|specdec|tool-use|awq|fp8|fp16|distill|embed|reason", re.IGNORECASE)


# The premium assumed for a tunable model the price database gives no fine-tuned price for, when
# choosing the nearest one (aieconomyhub-2026's worked "25% inference premium"; the scenario may set another).
SELECTION_PREMIUM = 0.25


def _tuned_blended(model: str) -> float:
    fine_tuned = _fine_tuned_id(model)
    if fine_tuned:
        return _blended(model_prices(fine_tuned))
    return _blended(model_prices(model)) * (1 + SELECTION_PREMIUM)


def _tuned(base: str, line: TunableLine, reason: str) -> TunedPrices:
    fine_tuned = _fine_tuned_id(base)
    prices = model_prices(fine_tuned or base)
    return TunedPrices(base, prices, fine_tuned, line, reason)


def _fine_tuned_id(base: str) -> str | None:
    """The price database's fine-tuned id for `base` ("ft:gpt-4o-mini"), if it lists one."""
    for model_id in _ids("openai"):
        if model_id.startswith("ft:") and model_id[3:].rstrip("-") == base:
            return model_id
    return None


@cache
def _tunable_pool() -> tuple[str, ...]:
    """Every canonical first-party model of a tunable line that the price database prices."""
    found: dict[str, None] = {}
    for provider, model_id in catalogue():
        if provider not in FIRST_PARTY or _is_derived(model_id):
            continue
        line = tunable_line(model_id)
        if line is None or line.provider is None:
            continue  # open weights have no first-party host to price them
        try:
            model_prices(model_id)
        except LookupError:
            continue  # listed without a per-token price
        found[model_id] = None
    return tuple(found)


def _is_derived(model_id: str) -> bool:
    lowered = model_id.lower()
    return lowered.startswith("ft:") or ".ft-" in lowered or any(w in lowered for w in ("audio", "realtime", "search", "tts", "transcribe"))


@cache
def _ids(provider: str) -> tuple[str, ...]:
    return tuple(model_id for p, model_id in catalogue() if p == provider)


def _provider(model: str) -> str | None:
    return provider_of(model)


def _family(model: str) -> str:
    """An open-weight model's family word ("llama", "qwen"): what a student of the same family shares."""
    words = [w for w in re.split(r"[\s\-_.:/\d]+", model.lower().rsplit("/", 1)[-1]) if w]
    return words[0] if words else model.lower()


def _blended(prices: ModelPrices) -> float:
    # Three input tokens to one output token: the usual shape of a prompt and its answer.
    return (3 * prices.input + prices.output) / 4


def _ratio(a: float, b: float) -> float:
    if a <= 0 or b <= 0:
        return math.inf
    return max(a / b, b / a)
