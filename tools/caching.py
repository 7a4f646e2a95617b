"""Prompt caching: the shortest prefix a provider caches, and the hit rate at which caching pays.

A cache write costs more than a plain input token on some providers (Anthropic: 1.25x), a cache read far
less (0.1x): caching a prefix pays only above the break-even hit rate
`(write - input) / (write - read)`. And a prefix shorter than the provider's minimum is not cached at
all, whatever the request asks for. No article in the corpus gives the minimums; `MIN_CACHEABLE` is a
dated table from the providers' documentation, stated as such wherever it is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Provider documentation as of 2026-06: Anthropic's prompt-caching guide (minimum cacheable prompt
# length per model) and OpenAI's (prompts of 1,024 tokens or more). (model id pattern, tokens), first
# match wins; newer models of a family take the family's newest documented minimum.
MIN_CACHEABLE: tuple[tuple[str, int], ...] = (
    (r"claude-(opus-4-[5-9]|opus-[5-9])", 4096),
    (r"claude-(sonnet-4-[6-9]|sonnet-[5-9])", 2048),
    (r"claude-(haiku-4-5|haiku-[5-9])", 4096),
    (r"claude-3(-5)?-haiku", 2048),
    (r"claude", 1024),
    (r"gpt|^o\d|^ft:", 1024),
)
# Every other provider: the most common documented minimum.
DEFAULT_MIN_CACHEABLE = 1024
MIN_CACHEABLE_PROVENANCE = (
    "provider documentation as of 2026-06 (Anthropic: 1,024 tokens for Sonnet 4.5, Opus 4.1 and older "
    "Sonnets, 2,048 for Sonnet 4.6 and Haiku 3.x, 4,096 for Haiku 4.5 and Opus 4.5+; OpenAI: 1,024); "
    "not from the corpus"
)


def min_cacheable_tokens(model: str | None) -> int:
    """The shortest prompt prefix `model`'s provider caches; 0 for custom prices with no model named."""
    if not model or model == "custom":
        return 0
    lowered = model.lower()
    for pattern, tokens in MIN_CACHEABLE:
        if re.search(pattern, lowered):
            return tokens
    return DEFAULT_MIN_CACHEABLE


@dataclass(frozen=True)
class CachingVerdict:
    """Whether the prompt cache the scenario asks for works and pays, on one model's prices."""

    model: str
    cached_tokens: float  # the prefix the scenario marks for caching
    min_cacheable_tokens: int
    cached: bool  # the prefix is long enough to be cached at all
    break_even_hit_rate: float | None  # None: caching never pays (a read costs no less than input)
    hit_rate: float
    pays: bool
    note: str

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "cached_tokens": self.cached_tokens,
            "min_cacheable_tokens": self.min_cacheable_tokens,
            "cached": self.cached,
            "break_even_hit_rate": self.break_even_hit_rate,
            "hit_rate": self.hit_rate,
            "pays": self.pays,
            "note": self.note,
            "provenance": MIN_CACHEABLE_PROVENANCE,
        }


def break_even_hit_rate(input_price: float, cached_input: float, cache_write: float) -> float | None:
    """The share of calls that must read the cache for caching to cost less than not caching:
    hit * read + (1 - hit) * write = input. 0 when a write costs no more than input; None when a read
    costs no less than input (caching never pays)."""
    if cached_input >= input_price:
        return None
    if cache_write <= input_price:
        return 0.0
    return (cache_write - input_price) / (cache_write - cached_input)


def caching_verdict(model: str, cached_tokens: float, hit_rate: float, input_price: float,
                    cached_input: float, cache_write: float) -> CachingVerdict:
    """What the scenario's cache does on `model`'s prices (per million tokens), in one sentence."""
    minimum = min_cacheable_tokens(model)
    cached = cached_tokens > 0 and cached_tokens >= minimum
    breakeven = break_even_hit_rate(input_price, cached_input, cache_write)
    pays = cached and breakeven is not None and hit_rate > breakeven
    if cached_tokens <= 0:
        note = "no prompt prefix is cached"
    elif not cached:
        note = (f"a {cached_tokens:,.0f}-token prefix is below the {minimum:,}-token minimum {model} caches, "
                "so it is billed as plain input")
    elif breakeven is None:
        note = f"a cache read costs no less than plain input on {model}, so caching saves nothing"
    elif pays:
        note = f"caching pays: {hit_rate:.0%} of calls read the cache, above the {breakeven:.0%} break-even"
    else:
        note = f"caching costs more than it saves: {hit_rate:.0%} of calls read the cache, below the {breakeven:.0%} break-even"
    return CachingVerdict(model, cached_tokens, minimum, cached, breakeven, hit_rate, pays, note)
