"""LLM providers: which one answers, the chat model that talks to it, and what it costs.

The only module that names a provider. Everything else receives a LangChain chat model and a
`ProviderChoice`. With no provider configured the offline engine answers, and nothing here runs.
Provider libraries take seconds to import, so they are imported inside the functions that need them.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from langchain_core.callbacks import BaseCallbackHandler
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage, SystemMessage
    from langchain_core.runnables import Runnable

    from agent.settings import Settings

Provider = Literal["anthropic", "openai"]

# Used when a key is present but CROSSROADS_MODEL is not: fast, inexpensive models that follow tool
# and JSON schemas well, which is what the advisor asks of them.
DEFAULT_MODELS: dict[str, str] = {"anthropic": "claude-haiku-4-5", "openai": "gpt-4.1-mini"}

# Local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) ignore the key, but the SDK refuses to
# start without one.
LOCAL_SERVER_KEY = "not-needed"

# Anthropic caches the request prefix up to a block marked like this (five-minute lifetime).
EPHEMERAL_CACHE = {"type": "ephemeral"}


@dataclass(frozen=True)
class ProviderChoice:
    """Which provider answers (None: the offline engine), with which model, and why."""

    provider: Provider | None
    model: str | None
    reason: str

    @property
    def label(self) -> str:
        """`anthropic:<model>`, `openai:<model>` or `offline`, for status lines and logs."""
        return f"{self.provider}:{self.model}" if self.provider else "offline"


def choose_provider(settings: Settings) -> ProviderChoice:
    """Pick the provider from CROSSROADS_MODEL, else from whichever key is present, else offline.

    Raises ValueError, naming the variable to set, when the configuration cannot work.
    """
    spec = (settings.model or "").strip()
    if spec.lower() == "offline":
        return ProviderChoice(None, None, "CROSSROADS_MODEL=offline")
    if spec:
        return _explicit_choice(spec, settings)
    if _secret(settings.anthropic_api_key):
        return ProviderChoice(
            "anthropic", DEFAULT_MODELS["anthropic"], "ANTHROPIC_API_KEY is set and CROSSROADS_MODEL is not"
        )
    if settings.openai_base_url:
        # A custom endpoint serves its own models; guessing an OpenAI model name would fail there.
        raise ValueError(
            f"OPENAI_BASE_URL is set ({settings.openai_base_url}) but CROSSROADS_MODEL is not: "
            "set CROSSROADS_MODEL=openai:<the model that server serves>"
        )
    if _secret(settings.openai_api_key):
        return ProviderChoice(
            "openai", DEFAULT_MODELS["openai"], "OPENAI_API_KEY is set and CROSSROADS_MODEL is not"
        )
    return ProviderChoice(
        None, None, "no LLM configured (set ANTHROPIC_API_KEY, OPENAI_API_KEY or CROSSROADS_MODEL)"
    )


def _explicit_choice(spec: str, settings: Settings) -> ProviderChoice:
    prefix, colon, model = spec.partition(":")
    prefix, model = prefix.strip().lower(), model.strip()
    if not colon or prefix not in ("anthropic", "openai") or not model:
        raise ValueError(
            f"CROSSROADS_MODEL={spec!r} is not understood: use 'anthropic:<model>' or "
            f"'openai:<model>' (for example 'anthropic:{DEFAULT_MODELS['anthropic']}'), or 'offline'"
        )
    reason = f"CROSSROADS_MODEL={spec}"
    if prefix == "anthropic":
        if not _secret(settings.anthropic_api_key):
            raise ValueError(
                f"CROSSROADS_MODEL={spec} needs ANTHROPIC_API_KEY: set it, or choose another model"
            )
        return ProviderChoice("anthropic", model, reason)
    if _secret(settings.openai_api_key):
        return ProviderChoice("openai", model, reason)
    if settings.openai_base_url:
        return ProviderChoice(
            "openai", model, f"{reason} on the OpenAI-compatible server at {settings.openai_base_url}"
        )
    raise ValueError(
        f"CROSSROADS_MODEL={spec} needs OPENAI_API_KEY, or OPENAI_BASE_URL pointing at a local "
        "OpenAI-compatible server (vLLM, Ollama, llama.cpp)"
    )


def _secret(value: Any) -> str | None:
    """The secret's text, or None when it is unset or blank."""
    text = value.get_secret_value().strip() if value is not None else ""
    return text or None


def build_chat_model(choice: ProviderChoice, settings: Settings, *, streaming: bool = False) -> BaseChatModel:
    """The LangChain chat model for `choice`, with the settings' timeout and retry budget.

    `.stream()` and LangGraph token streaming work either way; `streaming=True` also makes
    `.invoke()` use the streaming API, so token callbacks fire during plain calls.

    Retries are the official SDKs' own: timeouts, connection errors, 408, 409, 429 and 5xx are
    retried up to `settings.llm_max_retries` times with exponential backoff (0.5 s doubling to 8 s,
    with jitter) unless the server sends Retry-After / Retry-After-Ms, which is honoured up to 120 s.
    """
    if choice.provider is None or not choice.model:
        raise ValueError(f"no LLM provider to build ({choice.reason}): the offline engine answers instead")
    common: dict[str, Any] = {
        "model": choice.model,
        "timeout": settings.llm_timeout_s,
        "max_retries": settings.llm_max_retries,
    }
    if streaming:
        # Only ever set to True: an explicit `streaming=False` makes LangChain refuse to stream
        # even for `.stream()` and LangGraph's token streaming.
        common["streaming"] = True
    if choice.provider == "anthropic":
        key = _secret(settings.anthropic_api_key)
        if not key:
            raise ValueError("the Anthropic model needs ANTHROPIC_API_KEY: set it, or choose another model")
        from langchain_anthropic import ChatAnthropic

        return ChatAnthropic(api_key=key, base_url=settings.anthropic_base_url, **common)
    key = _secret(settings.openai_api_key)
    if not key and not settings.openai_base_url:
        raise ValueError("the OpenAI model needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server")
    from langchain_openai import ChatOpenAI

    # stream_usage: token counts arrive in a final chunk when streaming, so /usage stays complete.
    return ChatOpenAI(
        api_key=key or LOCAL_SERVER_KEY, base_url=settings.openai_base_url, stream_usage=True, **common
    )


def system_message(text: str, choice: ProviderChoice) -> SystemMessage:
    """The system prompt; for Anthropic marked as a prompt-cache breakpoint.

    OpenAI caches long prompt prefixes by itself, so nothing is sent for it.
    """
    from langchain_core.messages import SystemMessage

    if choice.provider == "anthropic":
        return SystemMessage(content=[{"type": "text", "text": text, "cache_control": dict(EPHEMERAL_CACHE)}])
    return SystemMessage(content=text)


def bind_tools(model: BaseChatModel, tools: Sequence[Any], choice: ProviderChoice, **kwargs: Any) -> Runnable:
    """`model.bind_tools(tools, **kwargs)`; for Anthropic the last tool is a prompt-cache breakpoint.

    langchain-anthropic's `bind_tools` has no cache option, but passes Anthropic-format tool dicts
    through with their `cache_control`, so the tools are converted here and the last one marked.
    Anthropic caches tools before the system prompt, so this breakpoint covers every tool.
    """
    if choice.provider != "anthropic" or not tools:
        return model.bind_tools(list(tools), **kwargs)
    from langchain_anthropic.chat_models import convert_to_anthropic_tool

    formatted: list[Any] = [dict(convert_to_anthropic_tool(tool)) for tool in tools]
    formatted[-1]["cache_control"] = dict(EPHEMERAL_CACHE)
    return model.bind_tools(formatted, **kwargs)


def is_provider_outage(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) means the provider is down or refusing after retries.

    Timeouts, connection errors, 408, 429 and 5xx from either SDK; not bad requests or bad keys,
    which a fallback would only hide.
    """
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if _is_sdk_outage(error):
            return True
        error = error.__cause__
    return False


def _is_sdk_outage(error: BaseException) -> bool:
    # A library that was never imported cannot have raised: skip it rather than pay its import time.
    core = sys.modules.get("langchain_core.exceptions")
    # LangChain's integrations re-raise SDK errors as ModelError subclasses flagged retryable
    # for 429, 5xx, timeouts and connection failures.
    if core is not None and isinstance(error, core.ModelError) and error.is_retryable:
        return True
    for name in ("openai", "anthropic"):
        sdk = sys.modules.get(name)
        if sdk is None:
            continue
        if isinstance(error, (sdk.APIConnectionError, sdk.RateLimitError, sdk.InternalServerError)):
            return True  # APITimeoutError is an APIConnectionError
        if isinstance(error, sdk.APIStatusError) and (error.status_code >= 500 or error.status_code == 408):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Usage accounting: the advisor's own tokens and dollars, for `/usage`.


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
        models = tuple(self._priced(name, *counts) for name, counts in sorted(snapshot.items()))
        unknown = any(m.cost_usd is None for m in models)
        return UsageReport(
            models=models, cost_usd=None if unknown else sum(m.cost_usd or 0.0 for m in models)
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

    return UsageCallback
