"""LLM providers: which one answers, the chat model that talks to it, and what it costs.

The only module that names a provider. Everything else receives a LangChain chat model and a
`ProviderChoice`. With no provider configured the offline engine answers, and nothing here runs.
Provider libraries take seconds to import, so they are imported inside the functions that need them.
"""

from __future__ import annotations

import logging
import sys
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from agent.infra.llm_failures import FEATURE_WORDS, LlmFailure, classify_failure, names_request_field

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import SystemMessage
    from langchain_core.runnables import Runnable

    from agent.infra.settings import Settings

log = logging.getLogger(__name__)

Provider = Literal["anthropic", "openai"]

# Structured-output methods to try, best first, per provider: a server that rejects one (a 4xx, or a
# 500 naming the feature) is asked the next way from then on, once per process.
STRUCTURED_METHODS: dict[str, tuple[str, ...]] = {
    "openai": ("json_schema", "function_calling", "json_mode"),
    "anthropic": ("function_calling",),
}
METHOD_WORDS = {
    "json_schema": "json_schema structured output",
    "function_calling": "function calling",
    "json_mode": "JSON mode",
}

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


class LlmCallFailed(Exception):
    """A model call failed; `failure` says how (see `agent.infra.llm_failures`)."""

    def __init__(self, failure: LlmFailure):
        super().__init__(f"{failure.kind}: {failure.detail}")
        self.failure = failure


class Capabilities:
    """What this process has learnt the server cannot do, so a refused feature is asked for once,
    not every turn: the structured-output method in use (None: the rules read alone) and whether the
    system prompt may be a list of blocks. Each switch leaves one notice for the next reply."""

    def __init__(self, provider: str | None):
        self._methods = list(STRUCTURED_METHODS.get(provider or "", ()))
        self.system_blocks = provider == "anthropic"
        self._notices: list[str] = []
        self._lock = threading.Lock()

    @property
    def method(self) -> str | None:
        with self._lock:
            return self._methods[0] if self._methods else None

    def drop_method(self, method: str, failure: LlmFailure) -> str | None:
        """Stop using `method` (the server refused it); returns the method used from now on."""
        with self._lock:
            if self._methods and self._methods[0] == method:
                self._methods.pop(0)
                after = self._methods[0] if self._methods else None
                then = f"reads messages with {METHOD_WORDS[after]}" if after else "reads messages with its own rules"
                self._notices.append(
                    f"The model server does not support {METHOD_WORDS[method]} ({_refusal_words(failure)}), "
                    f"so from now on Crossroads {then}."
                )
                log.warning("structured output by %s refused (HTTP %s: %s); now %s", method, failure.status, failure.detail, after)
            return self._methods[0] if self._methods else None

    def drop_system_blocks(self, failure: LlmFailure) -> bool:
        """Send the system prompt as plain text from now on; False if it already was."""
        with self._lock:
            if not self.system_blocks:
                return False
            self.system_blocks = False
            self._notices.append(
                f"The model server rejected a system prompt made of blocks ({_refusal_words(failure)}), "
                "so Crossroads sends it as plain text, without prompt caching."
            )
            return True

    def take_notices(self) -> list[str]:
        with self._lock:
            notices, self._notices = self._notices, []
            return notices


def _refusal_words(failure: LlmFailure) -> str:
    """The real reason in words and without figures (a reply's figures must all be grounded; the
    status code and the whole body go to the log)."""
    kind = "a server error" if (failure.status or 0) >= 500 else "a client error" if failure.status else "an error"
    named = FEATURE_WORDS.search(failure.detail)
    return f"it answered with {kind} naming {named.group(0)!r}" if named else f"it answered with {kind}"


@dataclass(frozen=True)
class Llm:
    """A configured language model, with what the conversation needs to know of its provider:
    how to mark the system prompt for caching, how to bind tools, how to ask for structured output
    within a token budget, and what a failure means. The conversation core receives this value and
    never names a vendor itself."""

    model: BaseChatModel
    choice: ProviderChoice
    capabilities: Capabilities = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.capabilities is None:
            object.__setattr__(self, "capabilities", Capabilities(self.choice.provider))

    @property
    def local_server(self) -> bool:
        """A custom OpenAI-compatible endpoint: the token budget is also sent as `max_tokens`, the
        name llama.cpp's Python server (and older servers) read."""
        base = getattr(self.model, "openai_api_base", None) or ""
        return self.choice.provider == "openai" and bool(base) and "api.openai.com" not in base

    @property
    def label(self) -> str:
        return self.choice.label

    def system_message(self, text: str) -> SystemMessage:
        if not self.capabilities.system_blocks:
            from langchain_core.messages import SystemMessage

            return SystemMessage(content=text)
        return system_message(text, self.choice)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable:
        # tool_choice "auto": some servers (llama-cpp-python's) offer tools only when it is sent.
        kwargs.setdefault("tool_choice", "auto")
        return bind_tools(self.model, tools, self.choice, **kwargs)

    def budget(self, runnable: Runnable, max_tokens: int) -> Runnable:
        """`runnable` answering in at most `max_tokens` tokens."""
        return runnable.bind(**self._budget_kwargs(max_tokens))

    def _budget_kwargs(self, max_tokens: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"max_tokens": max_tokens}
        if self.local_server:
            kwargs["extra_body"] = {"max_tokens": max_tokens}
        return kwargs

    def extract(self, schema: type, messages: list[Any], *, max_tokens: int) -> Any:
        """Structured output of `schema` for `messages`, in at most `max_tokens` tokens, by the best
        method this server accepts. Raises `LlmCallFailed` for any failure; a refused method is
        dropped (once per process) and the next one tried at once."""
        while True:
            method = self.capabilities.method
            if method is None:
                raise LlmCallFailed(LlmFailure("unsupported", "the server accepts no structured-output method"))
            try:
                return self._extract_once(schema, messages, method, max_tokens)
            except LlmCallFailed as failed:
                if failed.failure.kind != "unsupported":
                    raise
                self.capabilities.drop_method(method, failed.failure)

    def _extract_once(self, schema: type, messages: list[Any], method: str, max_tokens: int) -> Any:
        model = self.model
        if "max_tokens" in type(model).model_fields:
            update: dict[str, Any] = {"max_tokens": max_tokens}
            if self.local_server:
                update["extra_body"] = {**(getattr(model, "extra_body", None) or {}), "max_tokens": max_tokens}
            model = model.model_copy(update=update)
        if method == "json_mode":
            messages = _with_json_instructions(messages, schema)
        kwargs: dict[str, Any] = {"method": method, "include_raw": True}
        try:
            with warnings.catch_warnings():
                # The SDK's parsed-response model trips pydantic's serializer on LangChain's copy of it.
                warnings.filterwarnings("ignore", message=r"Pydantic serializer warnings", category=UserWarning)
                result = model.with_structured_output(schema, **kwargs).invoke(messages)
        except Exception as exc:
            raise LlmCallFailed(classify_failure(exc)) from exc
        raw = result.get("raw") if isinstance(result, dict) else None
        if raw is not None and finish_reason(raw) == "length":
            raise LlmCallFailed(LlmFailure("length", f"the answer reached its {max_tokens}-token budget"))
        error = result.get("parsing_error") if isinstance(result, dict) else None
        parsed = result.get("parsed") if isinstance(result, dict) else result
        if error is not None or parsed is None:
            raise LlmCallFailed(LlmFailure("unparseable", str(error or "no structured answer")[:240]))
        return parsed

    @staticmethod
    def finish_reason(message: Any) -> str | None:
        return finish_reason(message)

    @staticmethod
    def failure(exc: BaseException) -> LlmFailure:
        return exc.failure if isinstance(exc, LlmCallFailed) else classify_failure(exc)

    def is_outage(self, exc: BaseException) -> bool:
        return self.failure(exc).is_outage


def finish_reason(message: Any) -> str | None:
    """Why the model stopped, in OpenAI's words ("length" for Anthropic's "max_tokens" too)."""
    metadata = getattr(message, "response_metadata", None) or {}
    reason = metadata.get("finish_reason") or metadata.get("stop_reason")
    return "length" if reason == "max_tokens" else reason


def _with_json_instructions(messages: list[Any], schema: type) -> list[Any]:
    """JSON mode constrains the answer to JSON but not to the schema: the prompt must name the keys."""
    properties = schema.model_json_schema().get("properties", {})
    keys = ", ".join(f"{name} ({spec.get('type') or 'value'})" for name, spec in properties.items())
    note = f"\n\nAnswer with one JSON object. Its keys, each optional (null when not stated): {keys}."
    first, *rest = messages
    role, text = first if isinstance(first, tuple) else ("system", getattr(first, "content", ""))
    return [(role, f"{text}{note}"), *rest] if role == "system" else [("system", note.strip()), *messages]


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
    import openai
    from langchain_openai import ChatOpenAI

    client = openai.DefaultHttpxClient(event_hooks={"response": [_refused_feature_is_final]})
    # stream_usage: token counts arrive in a final chunk when streaming, so /usage stays complete.
    return ChatOpenAI(
        api_key=key or LOCAL_SERVER_KEY,
        base_url=settings.openai_base_url,
        stream_usage=True,
        http_client=client,
        **common,
    )


def _refused_feature_is_final(response: Any) -> None:
    """A 5xx whose body names a request field (llama-cpp-python answers 500 to `json_schema`) is
    a refusal, not an outage: tell the SDK not to retry it (it honours `x-should-retry`)."""
    if response.status_code >= 500:
        response.read()
        if names_request_field(response.text):
            response.headers["x-should-retry"] = "false"


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
