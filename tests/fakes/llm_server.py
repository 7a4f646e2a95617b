"""A fake OpenAI- and Anthropic-compatible API on 127.0.0.1, for driving the real SDKs in tests.

It speaks enough of both wire formats for LangChain's `ChatOpenAI(base_url=server.openai_base_url)`
and `ChatAnthropic(base_url=server.anthropic_base_url)`:

- OpenAI: `POST /v1/chat/completions` (JSON, or SSE ending in `data: [DONE]` when `stream` is true,
  with a usage chunk when `stream_options.include_usage` asks), tool calls, `response_format`
  json_schema; `POST /v1/embeddings` (deterministic vectors); `GET /v1/models`.
- Anthropic: `POST /v1/messages` (JSON, or the SSE event sequence message_start,
  content_block_start/delta/stop, message_delta, message_stop), tool_use blocks, `output_config`
  structured output, and usage with cache_creation/cache_read tokens: the prefix up to the last
  `cache_control` block is "written" the first time it is seen and "read" after that (without
  Anthropic's minimum cacheable length).

Real servers' refusals can be switched on, each as measured against one (see DESIGN.md §5):
`reject_json_schema()` answers 500 to `response_format: json_schema`, naming the field, as
llama-cpp-python's server does; `ignore_tools_without_choice()` drops tool calls unless the request
sends `tool_choice` (llama-cpp-python); `string_only_system()` answers 400 to an Anthropic system
prompt made of blocks (LiteLLM's Anthropic route). `reply(..., finish_reason="length")` answers
cut off at the token budget (OpenAI `finish_reason: length`, Anthropic `stop_reason: max_tokens`).

Tests script the answers in order: `reply(...)` queues text, tool calls or a structured object;
`fail(status)` queues failures and `fail_forever(status)` fails every chat request until `recover()`.
Failures carry Retry-After-Ms so the SDKs' retries take milliseconds. Every request is recorded
(method, path, lower-cased headers, parsed JSON body). Chat requests with nothing scripted get a
400 that the SDKs do not retry, naming the path, so a missing script line fails loudly.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import math
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

CHAT_PATHS = ("/v1/chat/completions", "/v1/messages")


@dataclass(frozen=True)
class ToolCall:
    """A tool call the fake model makes."""

    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """One scripted model answer: text, tool calls, and/or a structured object.

    `structured` is rendered the way the request asked for structured output: as JSON text for
    OpenAI `response_format` or Anthropic `output_config`, or as a call of the tool that
    `tool_choice` forces (LangChain's function-calling method). Token counts default to estimates
    from the request and answer sizes. `delay_s` holds the answer back, to provoke client timeouts.
    """

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    structured: dict[str, Any] | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    delay_s: float = 0.0
    finish_reason: str | None = None


@dataclass(frozen=True)
class Failure:
    """One scripted error response; `retry_after_s` is sent as Retry-After-Ms and Retry-After."""

    status: int
    retry_after_s: float | None = 0.001
    message: str = "scripted failure"


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class _State:
    script: deque = field(default_factory=deque)
    failing_forever: Failure | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    cached_prefixes: set[str] = field(default_factory=set)
    # Refusals of real servers, switched on by name (see the module docstring).
    quirks: set[str] = field(default_factory=set)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeLLMServer:
    """The fake API on 127.0.0.1 and an ephemeral port; use as a context manager or start/stop."""

    def __init__(self) -> None:
        self._state = _State()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakeLLMServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.fake_state = self._state  # type: ignore[attr-defined]
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-llm-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake LLM server is not running: call start() first")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def anthropic_base_url(self) -> str:
        return self.url

    # -- scripting ------------------------------------------------------------------------------

    def reply(
        self,
        text: str = "",
        *,
        tool_calls: tuple[ToolCall, ...] | list[ToolCall] = (),
        structured: dict[str, Any] | None = None,
        input_tokens: int | None = None,
        output_tokens: int | None = None,
        delay_s: float = 0.0,
        finish_reason: str | None = None,
    ) -> None:
        """Queue the next answer; `finish_reason="length"` sends it as cut off at the budget."""
        self.push(Reply(text, tuple(tool_calls), structured, input_tokens, output_tokens, delay_s, finish_reason))

    def reject_json_schema(self) -> None:
        """Answer 500 to `response_format: json_schema`, the body naming it (llama-cpp-python)."""
        self._quirk("reject_json_schema")

    def ignore_tools_without_choice(self) -> None:
        """Drop scripted tool calls from answers to requests without `tool_choice` (llama-cpp-python)."""
        self._quirk("ignore_tools_without_choice")

    def string_only_system(self) -> None:
        """Answer 400 to an Anthropic system prompt given as a list of blocks (LiteLLM's route)."""
        self._quirk("string_only_system")

    def _quirk(self, name: str) -> None:
        with self._state.lock:
            self._state.quirks.add(name)

    def fail(self, status: int, *, times: int = 1, retry_after_s: float | None = 0.001) -> None:
        """Queue `times` error responses with this status."""
        for _ in range(times):
            self.push(Failure(status, retry_after_s))

    def fail_forever(self, status: int, *, retry_after_s: float | None = 0.001) -> None:
        """Answer every chat request with this error from now on, whatever is queued."""
        with self._state.lock:
            self._state.failing_forever = Failure(status, retry_after_s)

    def recover(self) -> None:
        """Stop failing forever: the queue is served again."""
        with self._state.lock:
            self._state.failing_forever = None

    def push(self, *items: Reply | Failure) -> None:
        with self._state.lock:
            self._state.script.extend(items)

    @property
    def pending(self) -> int:
        """Scripted answers not yet served."""
        with self._state.lock:
            return len(self._state.script)

    # -- inspection -----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._state.lock:
            return list(self._state.requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.path == path]


@pytest.fixture
def fake_llm_server() -> Iterator[FakeLLMServer]:
    """A running FakeLLMServer on 127.0.0.1 (loopback is what pytest-socket allows)."""
    with FakeLLMServer() as server:
        yield server


# -- HTTP -------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so a streamed body simply ends when the socket closes.
    protocol_version = "HTTP/1.0"
    server_version = "FakeLLM/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows failures; the access log would only be noise."""

    @property
    def state(self) -> _State:
        return self.server.fake_state  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._record(None)
        if self.path.rstrip("/") == "/v1/models":
            self._send_json(
                200, {"object": "list", "data": [{"id": "fake-model", "object": "model", "owned_by": "fake"}]}
            )
        else:
            self._send_json(404, _openai_error(f"no route GET {self.path}", "not_found_error"))

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = None
        self._record(body)
        path = self.path.split("?")[0].rstrip("/")
        if path == "/v1/embeddings":
            self._send_json(200, _embeddings(body or {}))
            return
        if path not in CHAT_PATHS:
            self._send_json(404, _openai_error(f"no route POST {self.path}", "not_found_error"))
            return
        anthropic = path == "/v1/messages"
        refusal = self._refusal(body or {}, anthropic)
        if refusal is not None:
            self._send_error(refusal, anthropic, retry=True)
            return
        item = self._next_item()
        if item is None:
            message = f"fake LLM server: nothing scripted for POST {path} (queue a reply first)"
            self._send_error(Failure(400, None, message), anthropic, retry=False)
        elif isinstance(item, Failure):
            self._send_error(item, anthropic, retry=True)
        else:
            time.sleep(item.delay_s)
            # The client may have given up (a timeout the test provoked): nobody is left to answer.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                (self._anthropic if anthropic else self._openai)(body or {}, item)

    def _refusal(self, body: dict[str, Any], anthropic: bool) -> Failure | None:
        """A real server's refusal of a request feature, when that quirk is on (before the script)."""
        with self.state.lock:
            quirks = set(self.state.quirks)
        if "reject_json_schema" in quirks and (body.get("response_format") or {}).get("type") == "json_schema":
            # As llama-cpp-python: a 500 (which the SDKs retry) whose body names the field.
            return Failure(500, 0.001, "response_format: json_schema is not supported, use text or json_object")
        if "string_only_system" in quirks and anthropic and isinstance(body.get("system"), list):
            return Failure(400, None, "system: Input should be a valid string (got a list of content blocks)")
        return None

    def _record(self, body: Any) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        with self.state.lock:
            self.state.requests.append(RecordedRequest(self.command, self.path, headers, body))

    def _next_item(self) -> Reply | Failure | None:
        with self.state.lock:
            if self.state.failing_forever is not None:
                return self.state.failing_forever
            return self.state.script.popleft() if self.state.script else None

    def _next_id(self) -> int:
        with self.state.lock:
            return next(self.state.ids)

    # -- responses ------------------------------------------------------------------------------

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, failure: Failure, anthropic: bool, *, retry: bool) -> None:
        # Scripted failures leave the retry decision to the SDK, as a real server does.
        headers = {} if retry else {"x-should-retry": "false"}
        if failure.retry_after_s is not None:
            headers["retry-after-ms"] = str(max(1, round(failure.retry_after_s * 1000)))
            headers["retry-after"] = str(math.ceil(failure.retry_after_s))
        if anthropic:
            kind = _ANTHROPIC_ERROR_TYPES.get(failure.status, "api_error")
            payload = {"type": "error", "error": {"type": kind, "message": failure.message}}
        else:
            payload = _openai_error(failure.message, _OPENAI_ERROR_TYPES.get(failure.status, "server_error"))
        self._send_json(failure.status, payload, headers)

    def _send_events(self, events: list[tuple[str | None, Any]]) -> None:
        """Server-sent events: `(event name or None, data)`; data that is a str is sent as is."""
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.end_headers()
        for name, data in events:
            text = data if isinstance(data, str) else json.dumps(data)
            prefix = f"event: {name}\n" if name else ""
            self.wfile.write(f"{prefix}data: {text}\n\n".encode())
            self.wfile.flush()

    # -- OpenAI chat completions ------------------------------------------------------------------

    def _openai(self, body: dict[str, Any], reply: Reply) -> None:
        number = self._next_id()
        model = body.get("model", "fake-model")
        with self.state.lock:
            quirks = set(self.state.quirks)
        text, calls = _openai_output(body, reply, quirks)
        prompt_tokens = (
            reply.input_tokens
            if reply.input_tokens is not None
            else _estimate(body.get("messages"), body.get("tools"))
        )
        completion_tokens = (
            reply.output_tokens
            if reply.output_tokens is not None
            else _estimate(text, [c.args for c in calls])
        )
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0},
        }
        finish = reply.finish_reason or ("tool_calls" if calls else "stop")
        tool_calls = [
            {
                "id": f"call_{number}_{index}",
                "type": "function",
                "function": {"name": c.name, "arguments": json.dumps(c.args)},
            }
            for index, c in enumerate(calls)
        ]
        base = {
            "id": f"chatcmpl-{number}",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fake",
        }
        if not body.get("stream"):
            message = {"role": "assistant", "content": text if text or not calls else None, "refusal": None}
            if tool_calls:
                message["tool_calls"] = tool_calls
            choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            self._send_json(200, {**base, "object": "chat.completion", "choices": [choice], "usage": usage})
            return

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> tuple[None, dict[str, Any]]:
            choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
            return None, {**base, "object": "chat.completion.chunk", "choices": [choice]}

        events = [chunk({"role": "assistant", "content": ""})]
        events += [chunk({"content": piece}) for piece in _pieces(text)]
        for index, call in enumerate(tool_calls):
            opening = {
                "index": index,
                "id": call["id"],
                "type": "function",
                "function": {"name": call["function"]["name"], "arguments": ""},
            }
            events.append(chunk({"tool_calls": [opening]}))
            events += [
                chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
                for piece in _pieces(call["function"]["arguments"])
            ]
        events.append(chunk({}, finish))
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append((None, {**base, "object": "chat.completion.chunk", "choices": [], "usage": usage}))
        events.append((None, "[DONE]"))
        self._send_events(events)

    # -- Anthropic messages -----------------------------------------------------------------------

    def _anthropic(self, body: dict[str, Any], reply: Reply) -> None:
        number = self._next_id()
        blocks = _anthropic_output(body, reply, number)
        cache_write, cache_read, cached = self._anthropic_cache(body)
        estimated = _estimate(body.get("system"), body.get("messages"), body.get("tools"))
        input_tokens = reply.input_tokens if reply.input_tokens is not None else max(1, estimated - cached)
        output_tokens = (
            reply.output_tokens
            if reply.output_tokens is not None
            else _estimate([b.get("text") or b.get("input") for b in blocks])
        )
        usage = {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": cache_write,
            "cache_read_input_tokens": cache_read,
        }
        stop_reason = "tool_use" if any(b["type"] == "tool_use" for b in blocks) else "end_turn"
        if reply.finish_reason == "length":
            stop_reason = "max_tokens"
        message = {
            "id": f"msg_fake_{number}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "fake-model"),
            "stop_reason": stop_reason,
            "stop_sequence": None,
        }
        if not body.get("stream"):
            self._send_json(200, {**message, "content": blocks, "usage": usage})
            return
        start = {**message, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 1}}
        events: list[tuple[str | None, Any]] = [
            ("message_start", {"type": "message_start", "message": start})
        ]
        events.append(("ping", {"type": "ping"}))
        for index, block in enumerate(blocks):
            if block["type"] == "text":
                opening, deltas = (
                    {"type": "text", "text": ""},
                    [{"type": "text_delta", "text": piece} for piece in _pieces(block["text"])],
                )
            else:
                opening = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
                deltas = [
                    {"type": "input_json_delta", "partial_json": piece}
                    for piece in _pieces(json.dumps(block["input"]))
                ]
            events.append(
                (
                    "content_block_start",
                    {"type": "content_block_start", "index": index, "content_block": opening},
                )
            )
            events += [
                ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": d})
                for d in deltas
            ]
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        # As the real API does, the final usage is cumulative: input and cache counts included.
        events.append(
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                    "usage": usage,
                },
            )
        )
        events.append(("message_stop", {"type": "message_stop"}))
        self._send_events(events)

    def _anthropic_cache(self, body: dict[str, Any]) -> tuple[int, int, int]:
        """(cache write tokens, cache read tokens, cached total) for the request's cache breakpoints.

        Anthropic's prefix order is tools, then system, then messages; the cached prefix ends at the
        last block carrying `cache_control`.
        """
        system = body.get("system")
        blocks: list[Any] = list(body.get("tools") or [])
        blocks += system if isinstance(system, list) else ([system] if system else [])
        for message in body.get("messages") or []:
            content = message.get("content")
            blocks += content if isinstance(content, list) else [content]
        marked = [
            i for i, block in enumerate(blocks) if isinstance(block, dict) and block.get("cache_control")
        ]
        if not marked:
            return 0, 0, 0
        prefix = blocks[: marked[-1] + 1]
        tokens = _estimate(prefix)
        key = hashlib.sha256(json.dumps([body.get("model"), prefix], sort_keys=True).encode()).hexdigest()
        with self.state.lock:
            seen = key in self.state.cached_prefixes
            self.state.cached_prefixes.add(key)
        return (0, tokens, tokens) if seen else (tokens, 0, tokens)


# -- rendering helpers --------------------------------------------------------------------------

_OPENAI_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_exceeded"}
_ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    429: "rate_limit_error",
    529: "overloaded_error",
}


def _openai_error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": kind}}


def _forced_tool(body: dict[str, Any]) -> str | None:
    """The tool name that `tool_choice` forces, in either API's spelling, else None."""
    choice = body.get("tool_choice")
    if not isinstance(choice, dict):
        return None
    if choice.get("type") == "function":
        return (choice.get("function") or {}).get("name")
    if choice.get("type") == "tool":
        return choice.get("name")
    return None


def _openai_output(body: dict[str, Any], reply: Reply, quirks: set[str] = frozenset()) -> tuple[str, list[ToolCall]]:
    calls = list(reply.tool_calls)
    if "ignore_tools_without_choice" in quirks and not body.get("tool_choice"):
        calls = []  # llama-cpp-python offers the tools to the model only when tool_choice is sent
    text = reply.text
    if reply.structured is not None:
        response_format = body.get("response_format") or {}
        forced = _forced_tool(body)
        if response_format.get("type") not in ("json_schema", "json_object") and forced:
            calls.append(ToolCall(forced, reply.structured))
        else:
            text = json.dumps(reply.structured)
    return text, calls


def _anthropic_output(body: dict[str, Any], reply: Reply, number: int) -> list[dict[str, Any]]:
    text = reply.text
    calls = list(reply.tool_calls)
    if reply.structured is not None:
        forced = _forced_tool(body)
        if forced and not (body.get("output_config") or {}).get("format"):
            calls.append(ToolCall(forced, reply.structured))
        else:
            text = json.dumps(reply.structured)
    blocks: list[dict[str, Any]] = [{"type": "text", "text": text}] if text or not calls else []
    blocks += [
        {"type": "tool_use", "id": f"toolu_fake_{number}_{index}", "name": c.name, "input": c.args}
        for index, c in enumerate(calls)
    ]
    return blocks


def _estimate(*parts: Any) -> int:
    """A rough token count (four characters a token), at least 1, stable for equal inputs."""
    return max(1, len(json.dumps(parts, sort_keys=True, default=str)) // 4)


def _pieces(text: str, size: int = 8) -> list[str]:
    """Text cut into streaming-sized pieces; their concatenation is the text."""
    return [text[i : i + size] for i in range(0, len(text), size)]


def _embeddings(body: dict[str, Any]) -> dict[str, Any]:
    """Deterministic unit vectors derived from each input's hash."""
    inputs = body.get("input")
    texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
    dimensions = int(body.get("dimensions") or 16)
    data = []
    for index, text in enumerate(texts):
        digest = hashlib.sha256(json.dumps(text).encode()).digest()
        raw = [(digest[i % len(digest)] - 127.5) / 127.5 for i in range(dimensions)]
        norm = math.sqrt(sum(v * v for v in raw)) or 1.0
        vector = [v / norm for v in raw]
        if body.get("encoding_format") == "base64":  # the SDK's default: little-endian float32
            encoded: Any = base64.b64encode(struct.pack(f"<{dimensions}f", *vector)).decode()
        else:
            encoded = vector
        data.append({"object": "embedding", "index": index, "embedding": encoded})
    tokens = _estimate(texts)
    return {
        "object": "list",
        "data": data,
        "model": body.get("model", "fake-embedding"),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
