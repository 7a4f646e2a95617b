"""Model prices from the bundled genai-prices snapshot (offline) and a small, sourced GPU price table.

Token prices are USD per million tokens. Nothing here touches the network: genai-prices is read from
the snapshot inside its wheel and its `UpdatePrices` is never used.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib.metadata import version

# Providers whose own model ids are the names people use; resellers (bedrock, openrouter, ...) list
# the same models under longer ids and are searched after these.
_FIRST_PARTY = ("anthropic", "openai", "google", "mistral", "deepseek", "x-ai", "meta", "cohere", "moonshotai")


@dataclass(frozen=True)
class ModelPrices:
    """Per-million-token prices of one model, with when they took effect and where they came from."""

    model: str
    provider: str
    name: str | None
    input: float
    output: float
    cached_input: float | None
    cache_write: float | None
    price_date: date | None  # the date this price took effect, where the snapshot records one
    as_of: date  # the day the price was looked up for
    source: str

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "provider": self.provider,
            "name": self.name,
            "input": self.input,
            "output": self.output,
            "cached_input": self.cached_input,
            "cache_write": self.cache_write,
            "price_date": self.price_date.isoformat() if self.price_date else None,
            "as_of": self.as_of.isoformat(),
            "source": self.source,
        }


@dataclass(frozen=True)
class GpuPrice:
    """Hourly price of one GPU, with the source id and quote (or public list price) it comes from."""

    name: str
    hourly_usd: float
    source_id: str | None
    quote: str | None
    note: str

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "hourly_usd": self.hourly_usd,
            "source_id": self.source_id,
            "quote": self.quote,
            "note": self.note,
        }


GPU_PRICES: dict[str, GpuPrice] = {
    gpu.name: gpu
    for gpu in (
        GpuPrice(
            "H100",
            3.00,
            "ferreira-2026",
            "| GPU compute (H100, ~4 hours) | ~$12 |",
            "~$12 for ~4 hours of one H100 is $3.00 per hour.",
        ),
        GpuPrice(
            "L40S",
            0.65,
            "aieconomyhub-2026",
            "Ran self-hosted on an L40S at $0.65/hr reserved.",
            "A reserved price; on-demand L40S capacity costs more.",
        ),
        GpuPrice(
            "A100",
            1.99,
            None,
            None,
            "Public list price: midpoint of the typical on-demand range for one A100 80GB SXM, "
            "$1.49-$2.49/hour (Lambda, CoreWeave, RunPod; pricegpu.pages.dev, early 2026).",
        ),
        GpuPrice(
            "A10G",
            1.006,
            None,
            None,
            "Public list price: AWS g5.xlarge (one A10G) on-demand, Linux, us-east-1, $1.006/hour (June 2026).",
        ),
        GpuPrice(
            "L4",
            0.8048,
            None,
            None,
            "Public list price: AWS g6.xlarge (one L4) on-demand, Linux, us-east-1, $0.8048/hour (2025).",
        ),
    )
}


def gpu_hourly_usd(name: str) -> GpuPrice:
    """The hourly price of one GPU by name ("H100", "a100", "L40S"...); LookupError lists the known ones."""
    # "NVIDIA H100 80GB SXM" and "h100" are the same price line.
    words = [w for w in re.split(r"[\s_]+", name.strip().upper()) if w]
    key = "".join(w for w in words if w != "NVIDIA" and not re.fullmatch(r"\d+GB|SXM\d?|PCIE", w))
    for gpu in GPU_PRICES.values():
        if gpu.name.upper() == key:
            return gpu
    raise LookupError(
        f"unknown GPU {name!r}: known GPUs are {', '.join(GPU_PRICES)}; give gpu_hourly_usd to price another one"
    )


@cache
def _snapshot():
    from genai_prices import data_snapshot

    return data_snapshot.get_snapshot()


@cache  # reading package metadata takes ~10 ms; the version cannot change while we run
def _source() -> str:
    return f"genai-prices {version('genai-prices')} bundled snapshot"


@cache
def _catalogue() -> tuple[tuple[str, str], ...]:
    """Every (provider id, model id) pair the snapshot knows, first-party providers first."""
    providers = sorted(
        _snapshot().providers,
        key=lambda p: _FIRST_PARTY.index(p.id) if p.id in _FIRST_PARTY else len(_FIRST_PARTY),
    )
    return tuple((p.id, m.id) for p in providers for m in p.models)


def _find(name: str):
    snapshot = _snapshot()
    try:
        return snapshot.find_provider_model(name, None, None, None)
    except LookupError:
        pass
    # genai-prices finds a provider from the model name first; ids that no provider pattern claims
    # (e.g. open-weight models served by several hosts) are found by exact id instead.
    lowered = name.lower()
    for provider in snapshot.providers:
        for model in provider.models:
            if model.id.lower() == lowered:
                return provider, model
    return None


def model_prices(name: str, on: date | None = None) -> ModelPrices:
    """Per-million-token prices of `name` (a model id the price database knows) in effect on `on` (today).

    Raises LookupError with close matches for an unknown model: an unknown model is never priced at $0.
    """
    name = (name or "").strip()
    if not name:
        raise ValueError("model: give a model name, e.g. claude-sonnet-4-5")
    found = _find(name)
    if found is None:
        raise LookupError(_unknown_model_message(name))
    provider, model = found
    day = on or datetime.now(UTC).date()
    timestamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    price = model.get_prices(timestamp)
    input_price, output_price = _per_million(price.input_mtok), _per_million(price.output_mtok)
    if input_price is None or output_price is None:
        raise LookupError(f"model {name!r} ({model.id}) has no per-token input and output price in {_source()}")
    return ModelPrices(
        model=model.id,
        provider=provider.id,
        name=model.name,
        input=input_price,
        output=output_price,
        cached_input=_per_million(price.cache_read_mtok),
        cache_write=_per_million(price.cache_write_mtok),
        price_date=_effective_date(model, timestamp),
        as_of=day,
        source=f"{_source()} ({provider.id})",
    )


def _per_million(value) -> float | None:
    if value is None:
        return None
    # Tiered prices (long-context surcharges) start with the base tier, which is what a normal call pays.
    return float(getattr(value, "base", value))


def _effective_date(model, timestamp: datetime) -> date | None:
    if not isinstance(model.prices, list):
        return None
    for conditional in reversed(model.prices):
        constraint = conditional.constraint
        if constraint is None or constraint.active(timestamp):
            return getattr(constraint, "start_date", None)
    return None


def _unknown_model_message(name: str) -> str:
    ids = sorted({model_id for _, model_id in _catalogue()})
    close = difflib.get_close_matches(name.lower(), ids, n=4, cutoff=0.6)
    try:
        guess = resolve_model(name)
    except LookupError:
        guess = None
    if guess and guess not in close:
        close.insert(0, guess)
    hint = f"close matches: {', '.join(close)}" if close else "no close matches"
    return f"unknown model {name!r} in the {_source()} ({hint}); or give prices: {{input, output}} in USD per million tokens"


def _tokens(text: str) -> list[str]:
    # Dates in ids (claude-3-haiku-20240307, gpt-4o-2024-05-13) are snapshots, not versions.
    text = re.sub(r"\d{4}-\d{2}-\d{2}|\d{8}", " ", text.lower())
    return [t for t in re.split(r"[\s\-_.:/]+", text) if t]


def _version(tokens: list[str]) -> tuple[int, ...]:
    return tuple(int(t.rstrip("abcdefghijklmnopqrstuvwxyz")) for t in tokens if re.fullmatch(r"\d{1,3}[a-z]?", t))


def resolve_model(text: str) -> str:
    """The canonical price-database id for an informal model name, e.g. "sonnet 4.5" -> "claude-sonnet-4-5".

    Exact ids and names the database matches itself are returned as they are; otherwise every model whose
    id contains all the words of `text` in order is a candidate, and the newest (highest version, then the
    fewest extra words, first-party providers first) wins. Raises LookupError when nothing matches.
    """
    text = (text or "").strip()
    if not text:
        raise LookupError("give a model name, e.g. claude-sonnet-4-5")
    for candidate in (text, re.sub(r"\s+", "-", text)):
        found = _find(candidate)
        if found is not None:
            return found[1].id
    wanted = _tokens(text)
    catalogue = _catalogue()
    first_party = [(p, m) for p, m in catalogue if p in _FIRST_PARTY and _in_order(wanted, _tokens(m))]
    best: tuple | None = None
    for rank, (_, model_id) in enumerate(first_party or catalogue):
        tokens = _tokens(model_id)
        # Fine-tuned snapshots (ft:gpt-4o, ...-ft-) are priced separately and are never what "gpt-4o" means.
        if not _in_order(wanted, tokens) or "ft" in tokens:
            continue
        key = (_version(tokens), -(len(tokens) - len(wanted)), -rank)
        if best is None or key > best[0]:
            best = (key, model_id)
    if best is None:
        ids = sorted({model_id for _, model_id in _catalogue()})
        close = difflib.get_close_matches(text.lower(), ids, n=4, cutoff=0.6)
        hint = f"close matches: {', '.join(close)}" if close else "no close matches"
        raise LookupError(f"no model matching {text!r} in the {_source()} ({hint})")
    return best[1]


def _in_order(wanted: list[str], tokens: list[str]) -> bool:
    position = 0
    for word in wanted:
        try:
            position = tokens.index(word, position) + 1
        except ValueError:
            return False
    return True
