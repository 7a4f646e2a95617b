"""What went wrong with one LLM call, in the advisor's terms, so that each step can fall back to the
offline engine with the right words (and only an outage is called an outage).

Kinds:
- `outage`: timeouts, connection errors, 408, 429 and 5xx after the SDK's own retries;
- `unsupported`: the server rejected a feature of the request (structured output, tools, a system
  prompt made of blocks): a 4xx, or a 500 whose body names the request field. Retrying cannot help;
  the caller switches method instead;
- `client_error`: any other 4xx (a context too long, a bad key, an unknown model);
- `length`: the answer hit its token budget (`openai.LengthFinishReasonError`, `finish_reason`
  "length" / `stop_reason` "max_tokens");
- `refusal`: the model refused (or a content filter stopped it);
- `unparseable`: an answer that is not the asked-for shape;
- `error`: anything else raised inside the model call.

The SDKs are looked up in `sys.modules`: a library that was never imported cannot have raised.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Any, Literal

FailureKind = Literal["outage", "unsupported", "client_error", "length", "refusal", "unparseable", "error"]

# Request features a server may not implement, as they appear in its error body.
FEATURE_WORDS = re.compile(
    r"response_format|json_schema|json_object|structured|grammar|\btools?\b|tool_choice|function|"
    r"\bsystem\b|content.{0,20}(?:list|array|string|str\b)|cache_control",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LlmFailure:
    """One failed model call: its kind, an HTTP status when there was one, and the server's own
    words (one line, for logs and the one-time notice)."""

    kind: FailureKind
    detail: str
    status: int | None = None

    @property
    def is_outage(self) -> bool:
        return self.kind == "outage"


def classify_failure(exc: BaseException) -> LlmFailure:
    """The failure `exc` (or what caused it) stands for."""
    chain = _chain(exc)
    for error in chain:
        kind = _finish_kind(error)
        if kind:
            return LlmFailure(kind, _one_line(error))
    for error in chain:
        status = getattr(error, "status_code", None)
        if isinstance(status, int):
            return _status_failure(status, error)
    for error in chain:
        if _is_connection_error(error):
            return LlmFailure("outage", _one_line(error))
    for error in chain:
        if _is_parse_error(error):
            return LlmFailure("unparseable", _one_line(error))
    core = sys.modules.get("langchain_core.exceptions")
    if core is not None and any(isinstance(e, core.ModelError) and e.is_retryable for e in chain):
        return LlmFailure("outage", _one_line(exc))
    return LlmFailure("error", f"{type(exc).__name__}: {_one_line(exc)}")


def names_request_field(body: str) -> bool:
    """Whether an error body says which request feature the server refused (then retrying cannot
    help, whatever the status code)."""
    return bool(FEATURE_WORDS.search(body or ""))


def _status_failure(status: int, error: BaseException) -> LlmFailure:
    detail = _body_text(error)
    if 400 <= status < 500 and status not in (408, 429):
        kind: FailureKind = "unsupported" if names_request_field(detail) else "client_error"
        return LlmFailure(kind, detail, status)
    if status >= 500 and names_request_field(detail):
        return LlmFailure("unsupported", detail, status)
    return LlmFailure("outage", detail, status)


def _finish_kind(error: BaseException) -> FailureKind | None:
    name = type(error).__name__
    if name == "LengthFinishReasonError":
        return "length"
    if name in ("ContentFilterFinishReasonError", "OpenAIRefusalError"):
        return "refusal"
    return None


def _is_connection_error(error: BaseException) -> bool:
    for name in ("openai", "anthropic"):
        sdk = sys.modules.get(name)
        if sdk is not None and isinstance(error, sdk.APIConnectionError):
            return True  # APITimeoutError is one
    return isinstance(error, (TimeoutError, ConnectionError))


def _is_parse_error(error: BaseException) -> bool:
    if isinstance(error, (json.JSONDecodeError, KeyError, IndexError, TypeError)):
        return True
    if type(error).__name__ in ("OutputParserException", "ValidationError", "APIResponseValidationError"):
        return True
    return False


def _chain(exc: BaseException) -> list[BaseException]:
    seen: set[int] = set()
    out: list[BaseException] = []
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        out.append(error)
        error = error.__cause__ or error.__context__
    return out


def _body_text(error: Any) -> str:
    body = getattr(error, "body", None)
    if body is None:
        response = getattr(error, "response", None)
        try:
            body = response.text if response is not None else None
        except Exception:  # noqa: BLE001 - a streamed body that was never read: use the message
            body = None
    text = body if isinstance(body, str) else json.dumps(body, default=str) if body else str(error)
    return _one_line(text)


def _one_line(value: Any, most: int = 240) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 1] + "…"
