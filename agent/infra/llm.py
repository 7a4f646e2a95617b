"""LLM providers: which one answers, the chat model that talks to it, and what it costs.

The only module that names a provider. Everything else receives a LangChain chat model and a
`ProviderChoice`. With no provider configured the offline engine answers, and nothing here runs.
Provider libraries take seconds to import, so they are imported inside the functions that need them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import SystemMessage
    from langchain_core.runnables import Runnable

    from agent.infra.settings import Settings

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


@dataclass(frozen=True)
class Llm:
    """A configured language model, with what the conversation needs to know of its provider:
    how to mark the system prompt for caching, how to bind tools, and which failures are outages.
    The conversation core receives this value and never names a vendor itself."""

    model: BaseChatModel
    choice: ProviderChoice

    @property
    def label(self) -> str:
        return self.choice.label

    def system_message(self, text: str) -> SystemMessage:
        return system_message(text, self.choice)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable:
        return bind_tools(self.model, tools, self.choice, **kwargs)

    @staticmethod
    def is_outage(exc: BaseException) -> bool:
        return is_provider_outage(exc)


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
