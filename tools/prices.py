"""Model prices from the bundled genai-prices snapshot (offline) and a small, sourced GPU price table.

Token prices are USD per million tokens. Nothing here touches the network: genai-prices is read from
the snapshot inside its wheel and its `UpdatePrices` is never used.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from importlib.metadata import version

# Providers whose own model ids are the names people use; resellers (bedrock, openrouter, ...) list
# the same models under longer ids and are searched after these.
FIRST_PARTY = ("anthropic", "openai", "google", "mistral", "deepseek", "x-ai", "meta", "cohere", "moonshotai")


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


def catalogue() -> tuple[tuple[str, str], ...]:
    """Every (provider id, model id) pair the snapshot knows, first-party providers first."""
    return _catalogue()


@cache
def provider_of(model_id: str) -> str | None:
    """The provider that sells `model_id` under that id, its first party when several do."""
    owners = [p for p, m in _catalogue() if m == model_id]
    first = [p for p in owners if p in FIRST_PARTY]
    return (first or owners or [None])[0]


@cache
def _catalogue() -> tuple[tuple[str, str], ...]:
    providers = sorted(
        _snapshot().providers,
        key=lambda p: FIRST_PARTY.index(p.id) if p.id in FIRST_PARTY else len(FIRST_PARTY),
    )
    return tuple((p.id, m.id) for p in providers for m in p.models)


# Cached: every turn and comparison looks its models up again, and a miss scans the whole catalogue.
@lru_cache(maxsize=1024)
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


# --------------------------------------------------------------------------------------------------
# Informal names -> the canonical model


class AmbiguousModelError(LookupError):
    """A family name several canonical models answer to ("haiku", "sonnet"): `.candidates` holds their
    ids, newest first, and the message lists them so the user can pick one."""

    def __init__(self, text: str, candidates: list[str]):
        self.text = text
        self.candidates = list(candidates)
        shown = ", ".join(self.candidates[:_SHOWN_CANDIDATES])
        more = f" and {len(self.candidates) - _SHOWN_CANDIDATES} more" if len(self.candidates) > _SHOWN_CANDIDATES else ""
        super().__init__(f"{text!r} could mean several models: {shown}{more}; name one of them")


_SHOWN_CANDIDATES = 6
# Words an id may carry beyond a model's own name without being another model: packaging, not weights.
_GENERIC = frozenset({"instruct", "chat", "it", "hf", "latest"})
# Hosts, regions and publishers that prefix ids ("meta-llama/", "global.anthropic.", "@cf/qwen/"): not
# part of a model's name.
_HOSTS = frozenset({
    "meta", "anthropic", "openai", "google", "mistralai", "ai", "global", "regional", "us", "eu", "apac", "cf",
    "accounts", "models", "fireworks", "together", "bedrock", "vertex", "x",
})  # fmt: skip
# Brand words an informal name may leave out ("sonnet 4.5" is claude-sonnet-4-5).
_BRANDS = frozenset({"claude", "gpt", "gemini", "gemma", "llama", "qwen", "mistral", "mixtral", "deepseek", "grok", "phi", "command"})
# Words of models that answer no chat ("mistral-ocr", "gemini-flash-tts"): never offered for a brand named alone.
_NOT_CHAT = frozenset({"ocr", "tts", "embed", "embedding", "moderation", "audio", "live", "transcribe", "realtime", "image", "guard"})
# Resold variants that are never what a model's name means unless the name says so.
_VARIANT_MARKS = (":free", ":batch", ":extended", "~", "ft:", ".ft-")


def _tokens(text: str) -> list[str]:
    """The words of a model name: dates (snapshots, not versions) and "-v1:0" revisions dropped, letters
    split from the digits that follow them ("qwen2.5" is qwen 2 5, "llama3" is llama 3; "70b" and
    "4o" stay whole)."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}|(?<!\d)\d{8}(?!\d)", " ", text.lower())
    text = re.sub(r"-v\d+:\d+$", "", text.strip())
    text = re.sub(r"(?<=[a-z])(?=\d)", " ", text)
    return [t for t in re.split(r"[\s\-_.:/@~]+", text) if t]


def _version(tokens: list[str]) -> tuple[int, ...]:
    return tuple(int(t.rstrip("abcdefghijklmnopqrstuvwxyz")) for t in tokens if re.fullmatch(r"\d{1,3}[a-z]?", t))


@dataclass(frozen=True)
class _Entry:
    provider: str
    model_id: str
    tokens: tuple[str, ...]
    words: frozenset[str]  # the model's own name words, without hosts and packaging
    versions: tuple[str, ...]  # its version and size tokens in order ("3", "70b"; "4", "5")

    @property
    def key(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """What makes two ids the same model: claude-sonnet-4-0 and claude-4-sonnet share a key."""
        versions = list(self.versions)
        while len(versions) > 1 and versions[-1] == "0":
            versions.pop()
        return self.words, tuple(versions)


@cache
def _entries() -> tuple[_Entry, ...]:
    return tuple(_make_entry(provider, model_id) for provider, model_id in _catalogue())


def _make_entry(provider: str, model_id: str) -> _Entry:
    tokens = _tokens(model_id)
    named = [t for t in tokens if t not in _HOSTS and t not in _GENERIC]
    words = frozenset(t for t in named if not t[0].isdigit())
    versions = tuple(t for t in named if t[0].isdigit())
    return _Entry(provider, model_id, tuple(tokens), words, versions)


def _is_variant(model_id: str, asked: str) -> bool:
    lowered = model_id.lower()
    return any(mark in lowered and mark not in asked for mark in _VARIANT_MARKS) or "ft" in _tokens(model_id)


def resolve_model(text: str) -> str:
    """The canonical price-database id for an informal model name (`_resolve_model`), cached: every
    turn and cost comparison names its models again. Errors are not cached (they are raised anew)."""
    return _resolve_model(text)


@lru_cache(maxsize=512)
def _resolve_model(text: str) -> str:
    """The canonical price-database id for an informal model name, e.g. "sonnet 4.5" -> "claude-sonnet-4-5",
    "llama 3 70b" -> Meta's Llama 3 70B Instruct.

    Ids the database matches itself are returned as they are (first-party ids first). Otherwise the
    candidates are the models whose ids hold every word of `text` in order and no word of their own
    beyond brand names ("claude") and versions: never a fine-tune, a role-play or other derived variant
    ("lumimaid", "nemotron"), or a `:free`/`:batch` reseller id unless `text` asks for one. One model
    (ids that differ only by host, date or packaging are one model) is the answer: its first-party id,
    else the id at the median of its hosts' prices. Several models whose versions `text` does not pin
    down raise AmbiguousModelError listing them newest first; nothing raises LookupError.
    """
    text = (text or "").strip()
    if not text:
        raise LookupError("give a model name, e.g. claude-sonnet-4-5")
    asked = text.lower()
    wanted = _tokens(text)
    for candidate in (text, re.sub(r"\s+", "-", text)):
        found = _find(candidate)
        # The database's own patterns are trusted for ids ("claude-sonnet-4-5-20250929"), not for a
        # bare family word they happen to match ("claude" is not claude-v1).
        if found is not None and not _is_variant(found[1].id, asked):
            entry = _entry(found[0].id, found[1].id)
            if found[1].id.lower() == asked or entry.key == _key_of(wanted):
                return _canonical_id(entry)
    groups: dict[tuple, list[_Entry]] = {}
    loose: dict[tuple, list[_Entry]] = {}
    for entry in _entries():
        if not _in_order(wanted, list(entry.tokens)) or _is_variant(entry.model_id, asked):
            continue
        # A word of its own makes another product ("gpt-4o-mini" for "gpt 4o") or a derived model.
        own_words = entry.words - set(wanted) - _BRANDS
        (loose if own_words else groups).setdefault(entry.key, []).append(entry)
    if (not groups or set(wanted) <= _BRANDS) and loose:
        # Only a brand was named ("claude", "gpt"): every chat model of it is a candidate.
        groups = {**{k: g for k, g in loose.items() if not (k[0] & _NOT_CHAT)}, **groups}
    if not groups:
        ids = sorted({model_id for _, model_id in _catalogue()})
        close = difflib.get_close_matches(text.lower(), ids, n=4, cutoff=0.6)
        hint = f"close matches: {', '.join(close)}" if close else "no close matches"
        raise LookupError(f"no model matching {text!r} in the {_source()} ({hint})")
    # Versions the name pins down exactly win: "llama 3 70b" is Llama 3 70B, not 3.1 or 3.3.
    exact = {key: group for key, group in groups.items() if list(key[1]) == [t for t in wanted if t[0].isdigit()]}
    if len(exact) == 1 and not set(wanted) <= _BRANDS:
        groups = exact
    if len(groups) == 1:
        return _best_id(next(iter(groups.values())))
    # Newest first; models the brand itself serves, then a brand's own models, ahead of resold and
    # derived ones ("mistral" lists Mistral's own, not a Bedrock id or a community fine-tune first).
    ordered = sorted(
        groups.values(),
        key=lambda g: (any(e.provider in FIRST_PARTY for e in g), g[0].key not in loose,
                       _version(list(g[0].versions)), -len(g[0].words)),
        reverse=True,
    )
    raise AmbiguousModelError(text, [_best_id(group) for group in ordered])


def _key_of(tokens: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    named = [t for t in tokens if t not in _HOSTS and t not in _GENERIC]
    return _Entry("", "", tuple(tokens), frozenset(t for t in named if not t[0].isdigit()),
                  tuple(t for t in named if t[0].isdigit())).key


def _entry(provider: str, model_id: str) -> _Entry:
    # Built alone rather than looked up in `_entries()`: tokenising the whole catalogue takes a tenth
    # of a second, and an exact first-party id (the usual case) needs no other entry.
    return _make_entry(provider, model_id)


def _canonical_id(entry: _Entry) -> str:
    """A reseller's id for a model a first-party provider also sells is the first-party id."""
    if entry.provider in FIRST_PARTY:
        return entry.model_id
    same = [e for e in _entries() if e.key == entry.key and e.provider in FIRST_PARTY]
    return _best_id(same) if same else entry.model_id


def _best_id(group: list[_Entry]) -> str:
    """The id that stands for one model: the first-party one, else the host at the median price."""
    first_party = [e for e in group if e.provider in FIRST_PARTY]
    if first_party:
        return min(first_party, key=lambda e: (FIRST_PARTY.index(e.provider), len(e.tokens), e.model_id)).model_id
    # Ties go to the id with the fewest host words: "qwen/qwen-2.5-coder-32b-instruct" over "@cf/qwen/...".
    priced = sorted(
        (_blended_price(e), sum(t in _HOSTS for t in e.tokens), e.model_id) for e in group if _blended_price(e) is not None
    )
    if not priced:
        return min(group, key=lambda e: (len(e.tokens), e.model_id)).model_id
    return priced[(len(priced) - 1) // 2][2]


@cache
def _price_today(provider: str, model_id: str) -> tuple[float, float] | None:
    for p in _snapshot().providers:
        if p.id != provider:
            continue
        for model in p.models:
            if model.id == model_id:
                price = model.get_prices(datetime.now(UTC))
                low, high = _per_million(price.input_mtok), _per_million(price.output_mtok)
                return None if low is None or high is None else (low, high)
    return None


def _blended_price(entry: _Entry) -> float | None:
    price = _price_today(entry.provider, entry.model_id)
    # Three input tokens to one output token: the usual shape of a prompt and its answer.
    return None if price is None else (3 * price[0] + price[1]) / 4


def _in_order(wanted: list[str], tokens: list[str]) -> bool:
    position = 0
    for word in wanted:
        try:
            position = tokens.index(word, position) + 1
        except ValueError:
            return False
    return True
