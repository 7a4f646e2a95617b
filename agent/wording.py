"""Every word and number format the advisor uses: option and label names, how slot values read,
the questions that ask for slots, money and counts, and the tables front-ends share.

Numbers are formatted here, never computed: every figure comes from the cost model, the profile or
a quoted passage.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from tools.assumptions import provider_model
from tools.cost_report import usd
from tools.profile import SLOT

# The first reply to a message that says nothing about the project ("hi", "hello there").
INTRODUCTION = (
    "Hi, I'm Crossroads. I help you decide how to ship an LLM feature: RAG, fine-tuning, both, a "
    "distilled smaller model, or better prompting first, with costs worked on your numbers and a "
    "source for every figure."
)

LABEL_NAMES = {
    "rag": "RAG (retrieval-augmented generation)",
    "fine_tune": "fine-tuning",
    "hybrid": "a hybrid: fine-tune for behaviour, RAG for facts",
    "distill": "distilling a smaller model",
    "prompt_first": "better prompting (and caching) first",
}

OPTION_NAMES = {
    "prompting": "Prompting only",
    "rag": "RAG",
    "fine_tune": "Fine-tune",
    "hybrid": "Hybrid (fine-tune + RAG)",
    "distill": "Distilled model",
}

# Which cost-model option stands for each recommendation label.
LABEL_OPTIONS = {"rag": "rag", "fine_tune": "fine_tune", "hybrid": "hybrid", "distill": "distill", "prompt_first": "prompting"}

FREQUENCY_WORDS = {
    "static": "is essentially static",
    "rarely": "changes rarely",
    "monthly": "changes monthly",
    "weekly": "changes weekly",
    "daily": "changes daily",
}

# What a figure the advisor refused is called in the reply.
REJECTED_LABELS = {
    "queries_per_day": "volume",
    "input_tokens": "prompt size",
    "output_tokens": "answer size",
    "context_tokens": "context size",
    "horizon_months": "horizon",
    "what_if": "what-if",
    "gpu": "GPU",
}

# The cost-model defaults a recommendation states and cites (scenario field -> words); the rest
# (zero-valued or unused ones) stay in /why and the memo.
ASSUMPTION_NAMES = {
    "model": "model",
    "horizon_months": "horizon (months)",
    "workload.input_tokens": "prompt tokens per query",
    "workload.output_tokens": "answer tokens per query",
    "rag.context_tokens": "retrieved context tokens",
    "rag.setup_usd": "RAG setup",
    "rag.monthly_usd": "vector store per month",
    "fine_tune.training_run_usd": "per training run",
    "fine_tune.runs": "training runs",
    "fine_tune.setup_usd": "fine-tuning labour (data, evals, pipeline)",
    "fine_tune.retrain_every_months": "retrain every (months)",
    "fine_tune.retrain_usd": "per retrain",
    "fine_tune.inference_premium": "fine-tuned token price premium",
    "fine_tune.gpu": "GPU",
    "fine_tune.gpu_hourly_usd": "GPU per hour",
    "fine_tune.hybrid_retrain_every_months": "the hybrid's tune retrained every (months)",
    "fine_tune.ops_monthly_usd": "self-hosting operations per month",
    "rag.engineering_weeks": "RAG engineering (weeks)",
}

# The inputs a cost call can turn on, as a reply names them (see `flip_text`).
FLIP_FIELDS = {
    "workload.queries_per_day": "the volume (queries a day)",
    "workload.queries_per_month": "the volume (queries a month)",
    "workload.input_tokens": "prompt tokens per query",
    "workload.output_tokens": "answer tokens per query",
    "workload.monthly_growth": "monthly growth",
    "fine_tune.tokens_saved": "the prompt tokens a fine-tune saves",
    "rag.context_tokens": "retrieved context tokens",
    "caching.hit_rate": "the share of calls that read the prompt cache",
    "caching.cached_tokens": "the cached prompt prefix (tokens)",
    "fine_tune.setup_usd": "fine-tuning labour",
    "fine_tune.training_run_usd": "a training run",
    "fine_tune.inference_premium": "the fine-tuned token price premium",
    "fine_tune.teacher_examples": "the examples the teacher answers",
}


def count(value: float) -> str:
    """Large counts stay readable; smaller ones are exact."""
    if abs(value) >= 1_000_000_000:
        return f"{value / 1_000_000:,.0f}M"
    if abs(value) >= 10_000_000:
        return f"{value / 1_000_000:,.1f}M"
    return f"{value:,.0f}"


def slot_text(slot: str, value: Any) -> str:
    """A profile value in words, as an acknowledgement ("about 20,000 queries a day")."""
    entry = SLOT[slot]
    if entry.kind == "flag":
        return entry.said[0] if value else entry.said[1]
    if entry.kind == "frequency":
        shown = FREQUENCY_WORDS.get(value, value)
    elif entry.kind == "volume" and 0 < value < 10 and value != round(value):
        shown = f"{value:.1f}"  # "10 drafts a week" is about 1.4 a day, not "about 1 queries a day"
    elif entry.kind in ("volume", "tokens", "count", "usd"):
        shown = count(value)
    else:
        shown = value
    if slot == "model":
        provider = provider_model(str(value))
        if provider:
            shown = f"{value} (priced on {provider.value})"  # "we're an OpenAI shop" names no model
    return entry.said.format(shown)


def question_for(slot: str, turn: int) -> str:
    """The question that asks for `slot`; the phrasing varies with the turn, deterministically."""
    options = SLOT[slot].question
    return options[turn % len(options)]


def sources_markdown(citations: Sequence[Mapping[str, Any]], *, titles: bool = True, said: str = "") -> str:
    """The numbered Sources list that ends every reply that cites something; `titles=False` names
    each source by its id only and quotes a few words (a reply's short list, around the figures the
    reply `said`; /sources shows the titles and whole quotes)."""
    if not citations:
        return ""
    lines = ["**Sources**", ""]
    for c in citations:
        if titles:
            lines.append(f"- [{c['n']}] {c['title']} ({c['source_id']}): \"{c['quote']}\"")
        else:
            lines.append(f"- [{c['n']}] {c['source_id']}: \"{short_quote(c['quote'], said)}\"")
    return "\n".join(lines)


# A reply's short Sources list quotes this many words of a passage; /sources quotes it whole.
SHORT_QUOTE_WORDS = 10


def short_quote(quote: str, said: str = "") -> str:
    """SHORT_QUOTE_WORDS words of a quote, with an ellipsis where cut: its opening, or the words around
    the first figure the reply `said` states when that lies further in, so the short list shows the
    number it backs ("… tasks, at $60,000-180,000 of engagement cost" for "$200 to $180,000")."""
    words = quote.split()
    if len(words) <= SHORT_QUOTE_WORDS:
        return quote
    stated = {figure.replace(",", "") for figure in _FIGURE.findall(said)}
    backed = next((i for i, word in enumerate(words) if stated & {f.replace(",", "") for f in _FIGURE.findall(word)}), 0)
    start = 0 if backed < SHORT_QUOTE_WORDS else min(backed - 3, len(words) - SHORT_QUOTE_WORDS)
    end = start + SHORT_QUOTE_WORDS
    return ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "")


# A figure worth matching between a reply and a quote: three digits or more ("180,000", "1.5"), not
# a citation marker or a lone digit that any text holds.
_FIGURE = re.compile(r"\d[\d,]*\d(?:\.\d+)?|\d\.\d+")


def cost_table(costs: Mapping[str, Any]) -> str:
    horizon = costs["horizon_months"]
    rows = [
        f"| Option | One-time | First month | {horizon}-month total | Per 1k queries |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, option in costs["options"].items():
        rows.append(
            f"| {OPTION_NAMES.get(name, name)} | {usd(option['one_time_usd'])} | {usd(option['monthly_usd'])} "
            f"| {usd(option['total_usd'])} | {usd(option['cost_per_1k_queries_usd'])} |"
        )
    return "\n".join(rows)


def breakeven_text(costs: Mapping[str, Any]) -> str:
    be = costs["breakeven"]["fine_tune_vs_rag"]
    if be.get("payback_months") is not None:
        text = (
            f"Break-even: at the first month's volume, fine-tuning pays back its extra up-front cost "
            f"against RAG after {be['payback_months']:.1f} months ({count(be['payback_calls'])} calls)."
        )
    else:
        text = f"Break-even: fine-tuning does not pay back against RAG here: {be.get('reason') or 'it saves nothing'}."
    if be.get("breakeven_queries_per_month") is not None:
        text += (
            f" Over the horizon the two cost the same at {count(be['breakeven_queries_per_month'])} queries a month."
        )
    return text


def assumption_value(assumption: Mapping[str, Any]) -> str:
    value = assumption["value"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if assumption["field"].endswith("_usd"):
            return usd(value)
        return count(value) if value >= 1 else f"{value:g}"
    return str(value)


def change_text(key: str, value: Any) -> str:
    if key == "queries_per_day":
        return f"{count(value)} queries a day"
    if key == "model":
        return f"the model {value}"
    if key == "hosting":
        return "self-hosting" if value == "self_hosted" else "a hosted API"
    if key == "gpu":
        return f"{value} GPUs"
    if key == "horizon_months":
        return f"a {value}-month horizon"
    if key in SLOT:
        return slot_text(key, value)
    return f"{key.replace('_', ' ')} = {value}"


def label_name(label: str) -> str:
    return LABEL_NAMES.get(label, label)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_words(pieces: Sequence[str], conjunction: str = "and") -> str:
    if len(pieces) <= 1:
        return "".join(pieces)
    return ", ".join(pieces[:-1]) + f" {conjunction} " + pieces[-1]


def price_dated(prices: Mapping[str, Any]) -> str:
    """A model's price date as a reply states it: "price of 2026-03-13", "list price as of 2026-12-01"."""
    if prices.get("price_date"):
        return f"price of {prices['price_date']}"
    if prices.get("as_of"):
        return f"list price as of {prices['as_of']}"
    return str(prices.get("source") or "scenario prices")


def gpu_counts(costs: Mapping[str, Any]) -> str:
    """How many GPUs each self-hosted option needs, in one sentence ("" when nothing is self-hosted)."""
    sized = [(name, option["capacity"]) for name, option in costs["options"].items() if option.get("capacity")]
    if not sized:
        return ""
    gpu = sized[0][1]["gpu"]
    peak = (costs.get("inputs") or {}).get("workload.peak_factor")
    sizes = join_words(sorted({f"{capacity['model_size_b']:g}B" for _, capacity in sized}))
    how = f" (a {sizes} open-weight model, sized for the peak hour at {peak:g}× the average, an estimate)" if peak else ""
    if len({capacity["gpus"] for _, capacity in sized}) == 1:
        n = sized[0][1]["gpus"]
        counts = f"{n} GPU{'s' if n != 1 else ''} for each option"
    else:
        counts = join_words([f"{OPTION_NAMES.get(name, name)} {capacity['gpus']}" for name, capacity in sized])
    text = f"On {gpu} GPUs{how}: {counts} in the first month"
    grown = [(name, capacity) for name, capacity in sized if capacity["max_gpus"] > capacity["gpus"]]
    if grown:
        text += f", up to {max(capacity['max_gpus'] for _, capacity in grown)} by month {costs['horizon_months']} as traffic grows"
    return text + "."


_FITS = {"yes": "fits", "maybe": "may not fit", "no": "cannot fit"}


def latency_fit(costs: Mapping[str, Any], sensitive: bool = False) -> str:
    """Each option's first-token latency against the user's budget; without a budget, the ranges alone
    when latency matters (`sensitive`), else ""."""
    budget = (costs.get("requirements") or {}).get("latency_budget_ms")
    if not budget and not sensitive:
        return ""
    parts = []
    for name, option in costs["options"].items():
        low, high = option["latency_ms"]
        fits = f" ({_FITS[option['fits_latency_budget']]})" if budget else ""
        parts.append(f"{OPTION_NAMES.get(name, name)} {count(low)}–{count(high)} ms{fits}")
    lead = f"Against your {count(budget)} ms first-token budget: " if budget else "First-token latency from the sources: "
    return lead + "; ".join(parts) + "."


def caching_text(costs: Mapping[str, Any], *, detailed: bool = False) -> str | None:
    """Whether prompt caching would pay on the priced model, in a sentence: from which share of calls
    reading the cache, or that the prompts are too short for the provider to cache at all. None when
    caching never pays (a cached read costs no less than plain input)."""
    caching = costs.get("caching") or {}
    rate = caching.get("break_even_hit_rate")
    if rate is None:
        return None
    model, least = caching["model"], caching["min_cacheable_tokens"]
    prompt = (costs.get("inputs") or {}).get("workload.input_tokens")
    if not caching.get("cached_tokens") and prompt and prompt < least:
        # OpenAI and Anthropic cache only a prefix of at least 1,024 tokens: a shorter prompt is never cached.
        return (f"Prompt caching would not apply on {model}: it caches a prompt prefix of at least {count(least)} tokens, "
                f"and the prompts priced here are about {count(prompt)}.")
    if rate <= 0:
        text = f"Prompt caching on {model} pays from the first call that reads the cache (a write costs no more than plain input)"
    else:
        text = f"Prompt caching on {model} pays once more than {rate:.0%} of calls read the cache"
        text += " (a write costs more than plain input)" if detailed else ""
    if detailed:
        text += f", for a cached prefix of at least {count(least)} tokens"
        text += f". Yours: {caching['note']}" if caching.get("cached_tokens") else ""
    return text + "."


def flip_text(costs: Mapping[str, Any]) -> str:
    """The nearest input that would change which option costs least, in a sentence ("" when none does
    within a tenth to ten times its value)."""
    for flip in costs.get("flips") or ():
        words = FLIP_FIELDS.get(flip["field"])
        if not words:
            continue
        value, at = _flip_value(flip["field"], flip["value"]), _flip_value(flip["field"], flip["flips_at"])
        if value == at:
            continue
        return (
            f"On cost alone, {OPTION_NAMES.get(flip['to'], flip['to'])} would cost least instead of "
            f"{OPTION_NAMES.get(flip['from'], flip['from'])} if {words} went from {value} to {at}."
        )
    return ""


def _flip_value(field: str, value: float) -> str:
    if field.endswith("_usd"):
        return usd(value)
    if field in ("caching.hit_rate", "workload.monthly_growth", "fine_tune.inference_premium"):
        return f"{value:.0%}"
    return count(value)
