"""A fake Slack Web API on 127.0.0.1 that records every call, and Slack's side of the conversation:
signed event and slash-command requests sent to a bot over real HTTP.

The fake answers what the bot uses: `auth.test`, `chat.postMessage` (each message gets a new ts),
`chat.update`, the three steps of `files_upload_v2` (`files.getUploadURLExternal`, the upload URL,
`files.completeUploadExternal`), and slash-command `response_url`s (`/respond/<name>`). Unknown
methods get `{"ok": false, "error": "unknown_method"}`. `fail(method, ...)` queues failures: an HTTP
429 with Retry-After, or an API error such as `not_in_channel`. `messages(channel, thread_ts)` is the
thread as a user would see it (every update applied).

Requests into the bot are signed like Slack signs them (`v0=` HMAC-SHA256 over `v0:<ts>:<body>`).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

import pytest

TEAM = "T0CROSS"
BOT_USER = "U0BOT"
BOT_ID = "B0BOT"
USER = "U0ALICE"


@dataclass(frozen=True)
class Call:
    """One request the bot made: `method` is the Web API method, "upload" or "respond"."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int
    at: float
    body: bytes = b""


@dataclass
class _Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class FakeSlackApi:
    """The Web API at `url` (pass it as CROSSROADS_SLACK_API_URL)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        # ts -> {"channel", "thread_ts", "text", "blocks", "updates"}
        self._messages: dict[str, dict[str, Any]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base}/respond/{name}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ---- scripting -----------------------------------------------------------------------------

    def fail(self, method: str, *, status: int = 200, error: str | None = None, retry_after: int | None = None,
             times: int = 1, **extra: Any) -> None:
        """The next `times` calls of `method` fail: HTTP 429 with Retry-After, or `{"ok": false, "error"}`."""
        with self._lock:
            for _ in range(times):
                self._failures[method].append(_Failure(status, error, retry_after, extra))

    # ---- what happened -------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def messages(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The bot's messages in a thread, oldest first, as they read now."""
        with self._lock:
            return [
                {"ts": ts, **message}
                for ts, message in sorted(self._messages.items(), key=lambda item: float(item[0]))
                if message["channel"] == channel and message["thread_ts"] == thread_ts
            ]

    def answers(self, channel: str, thread_ts: str, thinking: str = "_Thinking…_") -> list[dict[str, Any]]:
        """The thread's bot messages that are no longer a "thinking" placeholder."""
        return [m for m in self.messages(channel, thread_ts) if m["text"] != thinking]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.02)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; calls: {self.summary()}")

    def summary(self) -> list[str]:
        return [f"{c.method} {c.status} {c.params.get('error', '')}".strip() for c in self.calls()]

    # ---- the server ----------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, payload, extra_headers = fake._answer(self.path, headers, body)
                data = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra_headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)


        return Handler

    def _answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any, dict[str, str]]:
        parsed = urllib.parse.urlsplit(path)
        if parsed.path.startswith("/upload/"):
            return self._record("upload", {"file_id": parsed.path.rsplit("/", 1)[-1]}, headers, body, 200), b"OK", {}
        if parsed.path.startswith("/respond/"):
            params = json.loads(body or b"{}")
            params["name"] = parsed.path.rsplit("/", 1)[-1]
            return self._record("respond", params, headers, body, 200), b"ok", {}
        method = parsed.path.removeprefix("/api/")
        params = _params(headers, body, parsed.query)
        with self._lock:
            failure = self._failures[method].popleft() if self._failures[method] else None
        if failure is not None:
            extra = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            status = failure.status
            payload = {"ok": False, "error": failure.error or ("ratelimited" if status == 429 else "fatal_error"), **failure.extra}
            self._record(method, {**params, "error": payload["error"]}, headers, body, status)
            return status, payload, extra
        payload = self._result(method, params)
        self._record(method, params, headers, body, 200)
        return 200, payload, {}

    def _record(self, method: str, params: dict, headers: dict, body: bytes, status: int) -> int:
        with self._lock:
            self._calls.append(Call(method, params, headers, status, time.monotonic(), body))
        return status

    def _result(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://crossroads-test.slack.com/", "team": "Crossroads", "user": "crossroads",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method == "chat.postMessage":
            ts = f"{1_800_000_000 + next(self._ts)}.000100"
            with self._lock:
                self._messages[ts] = {
                    "channel": params["channel"],
                    "thread_ts": params.get("thread_ts"),
                    "text": params.get("text"),
                    "blocks": params.get("blocks"),
                    "updates": 0,
                }
            return {"ok": True, "channel": params["channel"], "ts": ts, "message": {"text": params.get("text")}}
        if method == "chat.update":
            with self._lock:
                message = self._messages.get(params.get("ts"))
                if message is None:
                    return {"ok": False, "error": "message_not_found"}
                message.update(text=params.get("text"), blocks=params.get("blocks"), updates=message["updates"] + 1)
            return {"ok": True, "channel": params["channel"], "ts": params["ts"]}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._files):06d}"
            return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files") or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"), "name": f.get("title")} for f in files]}
        if method in ("assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts"):
            return {"ok": True}
        if method == "files.info":
            return {"ok": True, "file": {"id": params.get("file")}}
        return {"ok": False, "error": "unknown_method"}


def _params(headers: dict[str, str], body: bytes, query: str) -> dict[str, Any]:
    params: dict[str, Any] = dict(urllib.parse.parse_qsl(query))
    if "json" in headers.get("content-type", ""):
        params.update(json.loads(body or b"{}"))
    else:
        params.update(urllib.parse.parse_qsl(body.decode()))
    for key in ("blocks", "files"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params


@pytest.fixture
def slack_api():
    api = FakeSlackApi()
    yield api
    api.close()


# ---- Slack's side: signed requests into the bot --------------------------------------------------


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Delivery:
    status: int
    body: str
    elapsed_s: float


def deliver(url: str, secret: str, payload: dict[str, Any] | bytes, *, retry: int | None = None,
            timestamp: int | None = None, signature: str | None = None, form: bool = False,
            timeout: float = 10.0) -> Delivery:
    """POST one request to the bot the way Slack does (JSON events, or a form-encoded command)."""
    if form:
        body = urllib.parse.urlencode(payload).encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        content_type = "application/json"
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature or sign(secret, timestamp, body),
    }
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Delivery(response.status, response.read().decode(), time.perf_counter() - start)
    except urllib.error.HTTPError as exc:
        return Delivery(exc.code, exc.read().decode(), time.perf_counter() - start)


# Event ids and message timestamps are unique across runs too: a PostgreSQL database outlives a run
# (bench/bench_slack.py against a real server) and must not see old events or threads again.
_run = int(time.time())
_event_ids = itertools.count(1)
_message_ts = itertools.count(1)


def next_ts() -> str:
    """A new Slack message timestamp (`<seconds>.<sequence>`), later than every one before it."""
    return f"{_run}.{next(_message_ts):06d}"


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": "A0CROSS",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{_run:x}{next(_event_ids):06d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


def mention(text: str, channel: str = "C0GENERAL", *, ts: str | None = None, thread_ts: str | None = None,
            user: str = USER, **extra: Any) -> dict[str, Any]:
    """An `app_mention` event callback: `<@bot> text` in a channel (in a thread if `thread_ts`)."""
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts or next_ts(),
             "channel": channel, "event_ts": ts, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event)


def message(text: str, channel: str = "C0GENERAL", *, ts: str | None = None, thread_ts: str | None = None,
            user: str | None = USER, channel_type: str = "channel", **extra: Any) -> dict[str, Any]:
    """A `message` event callback (add subtype, bot_id, ... through `extra`)."""
    event = {"type": "message", "text": text, "ts": ts or next_ts(), "channel": channel,
             "channel_type": channel_type, **extra}
    if user:
        event["user"] = user
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event)


def slash_command(text: str, response_url: str, channel: str = "C0GENERAL") -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "channel_id": channel,
        "user_id": USER,
        "command": "/crossroads",
        "text": text,
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "api_app_id": "A0CROSS",
    }


def block_actions(message: dict[str, Any], action_id: str, *, channel: str = "C0GENERAL", user: str = USER,
                  action_ts: str | None = None) -> dict[str, str]:
    """A `block_actions` interaction as Slack sends it (form-encoded `payload=`): `user` pressed the
    button `action_id` on the bot's `message` (as `FakeSlackApi.messages` returns it)."""
    button = next(e for b in message["blocks"] or () if b.get("type") == "actions" for e in b["elements"]
                  if e["action_id"] == action_id)
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "crossroads-test"},
        "user": {"id": user, "team_id": TEAM},
        "api_app_id": "A0CROSS",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": False,
                      "thread_ts": message.get("thread_ts")},
        "trigger_id": "1.2.3",
        "channel": {"id": channel, "name": "general"},
        "message": {"type": "message", "ts": message["ts"], "thread_ts": message.get("thread_ts"), "text": message["text"],
                    "blocks": message["blocks"], "user": BOT_USER, "bot_id": BOT_ID},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": button["value"],
                     "text": button["text"], "action_ts": action_ts or f"{time.time():.6f}"}],
    }
    return {"payload": json.dumps(payload)}
