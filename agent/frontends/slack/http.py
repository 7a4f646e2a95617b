"""`crossroads slack --http`: Slack's requests served by uvicorn, with Bolt behind a guard.

The guard (`SlackHttp`, an ASGI app) takes a request through cheap checks before any work:

    GET /healthz -> 200            anything but POST /slack/events -> 404 / 405
    no signature headers -> 401    a malformed timestamp or length -> 400
    Content-Length over 1 MiB -> 413, nothing read; a body growing past it -> 413, reading stops
    the body not in within READ_TIMEOUT_S -> 408
    a bad or stale signature -> 401 (nothing parsed)    a signed body that is not JSON/form -> 400
    an event is acknowledged (200) at once and Bolt dispatches it after, on one of REQUEST_WORKERS
    threads; any other request (a button, a command) waits for Bolt's own answer (the turns run on
    the bot's own pools)

Every failure is a short plain-text answer: never a traceback to the client, and no request body
in any log line. uvicorn holds at most MAX_CONNECTIONS connections (503 beyond), closes a connection
that has not sent its request headers within HEADER_TIMEOUT_S or sits idle KEEP_ALIVE_S after a
response, and on SIGTERM stops accepting, finishes the requests in progress and returns, after
which the bot's pools finish the turns they hold.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable
from urllib.parse import parse_qsl

from agent.infra.logs import first_line

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Slack's largest payloads (a modal's view state) are tens of kilobytes.
MAX_BODY_BYTES = 1024 * 1024
# A whole body must arrive within this long once its headers did.
READ_TIMEOUT_S = 10.0
# A new connection must send its request headers within this long.
HEADER_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5
MAX_CONNECTIONS = 1000
# Bolt's dispatch (signature, acknowledgement, handing the event to a listener) runs on this many
# threads per pool: it is Python through and through, so more threads than cores only queue for the
# interpreter lock, and each delays the event loop's acknowledgements.
REQUEST_WORKERS = 2
# Events acknowledged before their dispatch, at most this many dispatches waiting at once; a
# dispatch waits up to QUIET_WAIT_S for the requests being answered to be done.
MAX_BACKGROUND = 500
QUIET_WAIT_S = 0.25
# How long SIGTERM waits for requests in progress (each is acknowledged in milliseconds).
GRACEFUL_S = 10


def _plain(status: int, text: str) -> tuple[int, dict[str, list[str]], str]:
    headers = {"content-type": ["text/plain; charset=utf-8"]}
    if status >= 400:
        headers["connection"] = ["close"]  # the body may be unread: this connection is done
    return status, headers, text


class SlackHttp:
    """The ASGI app: the guard, then Bolt (`bolt_app`, a `slack_bolt.App`), with `signing_secret`."""

    def __init__(self, bolt_app: Any, signing_secret: str, workers: ThreadPoolExecutor, after_ack: ThreadPoolExecutor) -> None:
        """`workers` run the dispatches a request waits for (a button, a command); `after_ack` those
        of events already acknowledged (a pool of its own: they wait for quiet, the others must not)."""
        from slack_sdk.signature import SignatureVerifier

        self._bolt = bolt_app
        self._verifier = SignatureVerifier(signing_secret)
        self._workers = workers
        self._after_ack = after_ack
        self._background = threading.BoundedSemaphore(MAX_BACKGROUND)
        # Set while no request is being answered (changed on the event loop only).
        self._answering = 0
        self._quiet = threading.Event()
        self._quiet.set()

    async def __call__(self, scope: dict[str, Any], receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        # The request holds back dispatches while it is being answered; `_read_body` lets go of that
        # for a body that does not arrive at once (a slow body costs no CPU, and must not stall them).
        busy = [True]
        self._answering += 1
        self._quiet.clear()
        try:
            try:
                answer = await self._answer(scope, receive, busy)
            except Exception as exc:  # noqa: BLE001 - the one catch-all per request: no traceback leaves the process
                log.error("a Slack request failed (%s: %s)", type(exc).__name__, first_line(exc))
                answer = _plain(500, "internal error")
            if answer is None:  # the client went away
                return
            from slack_bolt.adapter.asgi.http_response import AsgiHttpResponse

            status, headers, body = answer
            response = AsgiHttpResponse(status=status, headers=headers, body=body)
            await send(response.get_response_start())
            await send(response.get_response_body())
        finally:  # cancelled or not, the request no longer holds back the dispatches
            self._release(busy)

    def _release(self, busy: list[bool]) -> None:
        if busy:
            busy.clear()
            self._answering -= 1
            if not self._answering:
                self._quiet.set()

    async def _answer(self, scope: dict[str, Any], receive: Callable, busy: list[bool]) -> tuple[int, dict, str] | None:
        path, method = scope["path"], scope["method"]
        if path == "/healthz" and method in ("GET", "HEAD"):
            return _plain(200, "ok")
        if path != EVENTS_PATH:
            return _plain(404, "not found")
        if method != "POST":
            return _plain(405, "POST only")
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
        if not timestamp or not signature:
            return _plain(401, "unsigned request")
        if not timestamp.strip().isdigit():
            return _plain(400, "malformed X-Slack-Request-Timestamp")
        length = headers.get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                return _plain(400, "malformed Content-Length")
            if int(length) > MAX_BODY_BYTES:
                return _plain(413, f"body over {MAX_BODY_BYTES} bytes")
        body = await self._read_body(receive, busy)
        if isinstance(body, tuple):
            return body
        if body is None:
            return None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(400, "malformed body (not UTF-8)")
        if not self._verifier.is_valid(body=text, timestamp=timestamp.strip(), signature=signature):
            return _plain(401, "invalid signature")
        try:
            payload = _parse(text, headers.get("content-type"))
        except ValueError:
            return _plain(400, "malformed body")
        if not isinstance(payload, dict):
            return _plain(400, "malformed body")
        if self._listened(payload) and self._background.acquire(blocking=False):
            # An event's acknowledgement is an empty 200 whatever its listener does (Bolt acknowledges
            # events before a listener runs): given here, it waits on nothing behind it, and Bolt
            # dispatches the event after. An event nothing listens to gets Bolt's own answer. Past MAX_BACKGROUND dispatches in flight, a request waits
            # for its own dispatch, so a burst slows its senders instead of growing a queue.
            self._after_ack.submit(self._dispatch_after_ack, scope.get("query_string", b""), headers, text)
            return _plain(200, "")
        return await self._dispatch(scope, headers, text)

    def _listened(self, payload: dict[str, Any]) -> bool:
        event = payload.get("event")
        return (
            payload.get("type") == "event_callback"
            and isinstance(event, dict)
            and event.get("type") in getattr(self._bolt, "crossroads_events", ())
        )

    def _dispatch_after_ack(self, query: bytes, headers: dict[str, str], text: str) -> None:
        from slack_bolt.request import BoltRequest

        # Requests still being answered go first: in one interpreter every thread's work delays the
        # event loop's, and an acknowledgement has Slack's clock on it, a dispatch does not.
        self._quiet.wait(QUIET_WAIT_S)
        try:
            response = self._bolt.dispatch(BoltRequest(body=text, query=query.decode("latin-1"), headers=headers))
            if response.status != 200:
                log.warning("a Slack event acknowledged early was refused by Bolt (%d)", response.status)
        except Exception as exc:  # noqa: BLE001 - the request was answered: log, never raise into the pool
            log.error("a Slack event failed after its acknowledgement (%s: %s)", type(exc).__name__, first_line(exc))
        finally:
            self._background.release()

    async def _read_body(self, receive: Callable, busy: list[bool]) -> bytes | tuple | None:
        """The body, read up to the limit and within the read timeout; or the answer that refuses
        it; None if the client disconnected."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READ_TIMEOUT_S
        chunks = bytearray()
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                return _plain(408, f"body not received within {READ_TIMEOUT_S:.0f} s")
            if message["type"] == "http.disconnect":
                return None
            chunks.extend(message.get("body", b""))
            if len(chunks) > MAX_BODY_BYTES:
                return _plain(413, f"body over {MAX_BODY_BYTES} bytes")
            if not message.get("more_body", False):
                return bytes(chunks)
            self._release(busy)  # more to come over the network: nothing to prioritise meanwhile

    async def _dispatch(self, scope: dict[str, Any], headers: dict[str, str], text: str) -> tuple[int, dict, str]:
        from slack_bolt.request import BoltRequest

        request = BoltRequest(body=text, query=scope.get("query_string", b"").decode("latin-1"), headers=headers)
        response = await asyncio.get_running_loop().run_in_executor(self._workers, self._bolt.dispatch, request)
        return response.status, response.headers, response.body


def _parse(text: str, content_type: str | None) -> Any:
    """The payload as Bolt will read it (JSON, a form, or a form's JSON `payload`); ValueError if
    it is none of these."""
    if not text:
        return {}
    if (content_type or "").split(";")[0].strip() == "application/json" or text.lstrip().startswith("{"):
        return json.loads(text)
    form = dict(parse_qsl(text, keep_blank_values=True, strict_parsing=True))
    if "payload" in form:
        return json.loads(form["payload"])
    return form


def _protocol() -> type:
    """uvicorn's h11 protocol, closing connections that do not send their request headers in time
    (uvicorn's own keep-alive timeout starts only after a first response)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    import h11

    class Guarded(H11Protocol):
        def data_received(self, data: bytes) -> None:
            # A request refused before its body was read (413, 401) leaves the connection to be
            # closed: the rest of that body is dropped, not parsed as a next request.
            if self.conn.our_state in (h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
                if not self.transport.is_closing():
                    self.transport.close()
                return
            super().data_received(data)

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._headers_due: asyncio.TimerHandle | None = None
            self._expect_request()

        def _expect_request(self) -> None:
            """The next request's headers are due within HEADER_TIMEOUT_S."""
            if self._headers_due is not None:
                self._headers_due.cancel()
            self._headers_due = self.loop.call_later(HEADER_TIMEOUT_S, self._headers_late, self.cycle)

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before and self._headers_due is not None:
                self._headers_due.cancel()  # a request arrived: READ_TIMEOUT_S covers its body
                self._headers_due = None

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._expect_request()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._headers_due is not None:
                self._headers_due.cancel()
                self._headers_due = None
            super().connection_lost(exc)

        def _headers_late(self, cycle: Any) -> None:
            self._headers_due = None
            if self.cycle is cycle and not self.transport.is_closing():
                self.transport.close()

    return Guarded


class HttpServer:
    """uvicorn serving `app` (a `SlackHttp`) on an already bound socket, in a thread or the caller's:
    `server_port` is the bound port (useful with port 0)."""

    def __init__(self, app: SlackHttp, host: str, port: int, pools: list[ThreadPoolExecutor], drain: Any = None) -> None:
        import uvicorn

        self._drain = drain  # waits for the charts still uploading (SlackBot.drain)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self._socket.listen(2048)
        self.server_port = self._socket.getsockname()[1]
        self._pools = pools
        config = uvicorn.Config(
            app,
            http=_protocol(),
            lifespan="off",
            # uvicorn's records go to the root logger's handlers, where secrets are redacted.
            log_config=None,
            access_log=False,
            limit_concurrency=MAX_CONNECTIONS,
            timeout_keep_alive=KEEP_ALIVE_S,
            timeout_graceful_shutdown=GRACEFUL_S,
            server_header=False,
        )

        class Server(uvicorn.Server):
            def capture_signals(self):  # the CLI handles signals (uvicorn's re-raises SIGTERM at exit)
                import contextlib

                return contextlib.nullcontext()

        self._server = Server(config)
        self._done = threading.Event()

    def serve_forever(self) -> None:
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._done.set()

    def shutdown(self) -> None:
        """Stop accepting, finish the requests in progress, and return once serving has stopped."""
        self._server.should_exit = True
        self._done.wait(GRACEFUL_S + 5)

    def server_close(self) -> None:
        self._socket.close()
        for pool in self._pools:  # the requests' dispatches first, then the events acknowledged early
            pool.shutdown(wait=True)
        if self._drain is not None:
            self._drain()  # the answers given keep their charts


def make_http_server(bolt_app: Any, signing_secret: str, host: str, port: int) -> HttpServer:
    """The HTTP server for `bolt_app`: the guard at POST /slack/events, 200 at GET /healthz."""
    workers = ThreadPoolExecutor(REQUEST_WORKERS, thread_name_prefix="crossroads-http")
    after_ack = ThreadPoolExecutor(REQUEST_WORKERS, thread_name_prefix="crossroads-event-dispatch")
    bot = getattr(bolt_app, "crossroads_bot", None)
    return HttpServer(SlackHttp(bolt_app, signing_secret, workers, after_ack), host, port, [workers, after_ack],
                      drain=bot.drain if bot else None)


def serve_http(bolt_app: Any, signing_secret: str, host: str, port: int, engine: str) -> None:
    """Serve Slack's HTTP requests until interrupted; SIGTERM (a deploy, a scale-in) stops accepting
    requests and lets the requests in progress finish (the turns they queued finish as the bot's
    pools close)."""
    import signal

    server = make_http_server(bolt_app, signing_secret, host, port)
    try:
        def stop(*_: Any) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        log.info("Crossroads Slack bot (%s) listening on http://%s:%d%s", engine, host, server.server_port, EVENTS_PATH)
        server.serve_forever()
    finally:
        server.server_close()
