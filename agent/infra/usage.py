"""Usage accounting: the advisor's own LLM tokens and dollars, for `/usage`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.callbacks import BaseCallbackHandler
    from langchain_core.messages import AIMessage


@dataclass(frozen=True)
class ModelUsage:
    """Tokens one model used and what they cost; `cost_usd` is None when its prices are unknown.

    `input_tokens` excludes cached tokens: those are `cache_read_tokens` (read from the cache) and
    `cache_write_tokens` (written to it), each priced at its own rate.
    """

    model: str
    calls: int
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    cost_usd: float | None


@dataclass(frozen=True)
class UsageReport:
    """Usage per model and in total; `cost_usd` is None if any model's prices are unknown."""

    models: tuple[ModelUsage, ...]
    cost_usd: float | None
    # Calls that raised (an outage, a refused request, a cut-off structured answer): no tokens known.
    failed_calls: int = 0

    @property
    def calls(self) -> int:
        return sum(m.calls for m in self.models)

    @property
    def unpriced_models(self) -> tuple[str, ...]:
        return tuple(m.model for m in self.models if m.cost_usd is None)

    @property
    def priced_cost_usd(self) -> float:
        """The dollars that are known, for showing next to the models whose prices are not."""
        return sum(m.cost_usd for m in self.models if m.cost_usd is not None)


def default_price_lookup(model: str) -> Any:
    """Per-million-token prices from `tools.prices` (imported on first use)."""
    from tools.prices import model_prices

    return model_prices(model)


class UsageTracker:
    """Sums the tokens of every LLM call per model and prices them on demand.

    Feed it either through `callback()` (a LangChain callback handler, which also sees calls made
    inside structured output and tool loops) or by passing AIMessages to `record()`. Thread-safe.
    `price_lookup(model)` returns an object with per-million `input`, `output`, `cached_input` and
    `cache_write` prices and raises LookupError for unknown models.
    """

    def __init__(self, price_lookup: Callable[[str], Any] | None = None, *, default_model: str | None = None):
        self._price_lookup = price_lookup or default_price_lookup
        self._default_model = default_model
        self._lock = threading.Lock()
        # model -> [calls, input (uncached), output, cache read, cache write]
        self._counts: dict[str, list[int]] = {}
        self._failed = 0

    def record_failure(self) -> None:
        """Count one model call that raised instead of answering."""
        with self._lock:
            self._failed += 1

    def record(self, message: Any, model: str | None = None) -> None:
        """Add one response's `usage_metadata`; the model comes from its metadata unless given."""
        usage = getattr(message, "usage_metadata", None)
        if not usage:
            return
        metadata = getattr(message, "response_metadata", None) or {}
        name = (
            model or metadata.get("model_name") or metadata.get("model") or self._default_model or "unknown"
        )
        details = usage.get("input_token_details") or {}
        cache_read = details.get("cache_read") or 0
        # Anthropic reports cache writes either in total or split by cache lifetime, never both.
        cache_write = (
            (details.get("cache_creation") or 0)
            + (details.get("ephemeral_5m_input_tokens") or 0)
            + (details.get("ephemeral_1h_input_tokens") or 0)
        )
        # LangChain's input_tokens includes cached tokens for both providers.
        uncached = max(0, (usage.get("input_tokens") or 0) - cache_read - cache_write)
        output = usage.get("output_tokens") or 0
        with self._lock:
            counts = self._counts.setdefault(name, [0, 0, 0, 0, 0])
            for index, value in enumerate((1, uncached, output, cache_read, cache_write)):
                counts[index] += value

    def callback(self) -> BaseCallbackHandler:
        """A LangChain callback handler feeding this tracker: pass it in `config["callbacks"]`."""
        return _usage_callback_class()(self)

    def report(self) -> UsageReport:
        """Usage so far, priced; models with unknown prices count tokens but no dollars."""
        with self._lock:
            snapshot = {name: tuple(counts) for name, counts in self._counts.items()}
            failed = self._failed
        models = tuple(self._priced(name, *counts) for name, counts in sorted(snapshot.items()))
        unknown = any(m.cost_usd is None for m in models)
        return UsageReport(
            models=models, cost_usd=None if unknown else sum(m.cost_usd or 0.0 for m in models), failed_calls=failed
        )

    def _priced(self, name: str, calls: int, uncached: int, output: int, read: int, write: int) -> ModelUsage:
        try:
            prices = self._price_lookup(name)
        except LookupError:
            cost = None
        else:
            cost = _cost_usd(prices, uncached, output, read, write)
        return ModelUsage(name, calls, uncached, output, read, write, cost)


def _cost_usd(prices: Any, uncached: int, output: int, read: int, write: int) -> float | None:
    input_price, output_price = getattr(prices, "input", None), getattr(prices, "output", None)
    if input_price is None or output_price is None:
        return None
    # A model without separate cache prices bills cached tokens as ordinary input.
    read_price = getattr(prices, "cached_input", None)
    write_price = getattr(prices, "cache_write", None)
    # float(): price tables may hold Decimals (genai-prices does); dollars here are for display.
    rates = [
        float(p if p is not None else input_price)
        for p in (input_price, output_price, read_price, write_price)
    ]
    return (
        sum(tokens * rate for tokens, rate in zip((uncached, output, read, write), rates, strict=True))
        / 1_000_000
    )


@cache
def _usage_callback_class() -> type:
    """The callback handler class, built on first use so importing this module stays cheap."""
    from langchain_core.callbacks import BaseCallbackHandler

    class UsageCallback(BaseCallbackHandler):
        """Feeds every finished chat-model generation into a UsageTracker."""

        def __init__(self, tracker: UsageTracker):
            self.tracker = tracker

        def on_llm_end(self, response: Any, **kwargs: Any) -> None:
            for generations in response.generations:
                for generation in generations:
                    message: AIMessage | None = getattr(generation, "message", None)
                    if message is not None:
                        self.tracker.record(message)

        def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
            self.tracker.record_failure()

    return UsageCallback
