"""The HTTP endpoint under abuse: oversized, slow, malformed and unsigned requests are refused
before any work, idle connections cost nothing and are closed, no traceback reaches a client and
no request body reaches a log. The real Bolt app behind uvicorn, on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from fakes.slack_api import deliver, event_callback, mention, sign, slack_api  # noqa: F401
from test_slack_bot import CHANNEL, SECRET, RunningBot

from agent.frontends.slack import http


@pytest.fixture
def bot(slack_api, offline_chat, isolated_environment):
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    yield running
    running.close()


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def raw_request(port: int, head: str, body_chunks=(), timeout: float = 10.0) -> tuple[int, bytes, float]:
    """Send `head` (the request line and headers) and then the body chunks, stopping as soon as the
    server answers; (status, response, seconds to the answer)."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(head.encode("latin-1"))
        conn.setblocking(False)
        response = b""
        for chunk in body_chunks:
            try:
                response += conn.recv(65536)
            except BlockingIOError:
                pass
            if response:
                break
            try:
                conn.sendall(chunk)
            except BlockingIOError:
                time.sleep(0.001)
            except (BrokenPipeError, ConnectionResetError):
                break
        conn.settimeout(timeout)
        try:
            while b"\r\n\r\n" not in response:
                data = conn.recv(65536)
                if not data:
                    break
                response += data
        except (ConnectionResetError, socket.timeout):
            pass
    elapsed = time.perf_counter() - start
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
    return status, response, elapsed


def head_for(port: int, headers: dict[str, str]) -> str:
    lines = ["POST /slack/events HTTP/1.1", f"Host: 127.0.0.1:{port}", *(f"{k}: {v}" for k, v in headers.items())]
    return "\r\n".join(lines) + "\r\n\r\n"


MB = 1024 * 1024
CHUNK = b"x" * 65536


def test_an_unsigned_50_mb_post_is_refused_within_a_second_without_the_memory(bot, caplog):
    caplog.set_level(logging.DEBUG)
    port = bot.server.server_port
    before = rss_bytes()
    # Announced: refused from its headers, nothing read.
    status, _, elapsed = raw_request(port, head_for(port, {"Content-Type": "application/json", "Content-Length": str(50 * MB)}),
                                     (CHUNK for _ in range(50 * MB // len(CHUNK))))
    assert (status, elapsed < 1.0) == (401, True)  # no signature: refused before the length is even looked at
    # Signed-looking headers, announced length: 413 at once.
    signed = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}
    status, _, elapsed = raw_request(port, head_for(port, {**signed, "Content-Length": str(50 * MB)}),
                                     (CHUNK for _ in range(50 * MB // len(CHUNK))))
    assert (status, elapsed < 1.0) == (413, True)
    # Chunked, no length: reading stops past the limit.
    status, _, elapsed = raw_request(port, head_for(port, {**signed, "Transfer-Encoding": "chunked"}),
                                     (b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) for _ in range(50 * MB // len(CHUNK))))
    assert (status, elapsed < 1.0) == (413, True)
    # A connection announcing 2 GB gets its answer at once, not a wait for the body.
    status, _, elapsed = raw_request(port, head_for(port, {**signed, "Content-Length": str(2 * 1024 * MB)}))
    assert (status, elapsed < 1.0) == (413, True)
    assert rss_bytes() - before < 50 * MB
    bot.settle()  # still serving
    # The rest of a refused body is dropped with its connection, not parsed as a next request.
    assert not any(record.exc_info or record.levelno >= logging.ERROR for record in caplog.records), caplog.text[-2000:]


def test_300_idle_connections_do_not_delay_a_signed_event(bot, slack_api):
    port = bot.server.server_port
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
    try:
        for n, conn in enumerate(idle):
            if n % 2:
                conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")  # headers started, never finished
        delivery = bot.send(mention("We're building a support bot for our customers."))
        assert delivery.status == 200
        assert delivery.elapsed_s < 3.0
    finally:
        for conn in idle:
            conn.close()


def test_connections_that_send_nothing_or_stall_are_closed(bot, monkeypatch):
    port = bot.server.server_port
    monkeypatch.setattr(http, "READ_TIMEOUT_S", 0.5)
    # A body that never arrives in full: 408 after the read timeout.
    signed = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time())),
              "X-Slack-Signature": "v0=" + "0" * 64, "Content-Length": "1000"}
    status, _, elapsed = raw_request(port, head_for(port, signed) + "{\"partial\": ")
    assert status == 408 and 0.4 < elapsed < 3.0


def test_a_connection_that_never_sends_its_headers_is_closed(slack_api, offline_chat, isolated_environment, monkeypatch):
    monkeypatch.setattr(http, "HEADER_TIMEOUT_S", 0.5)
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    try:
        with socket.create_connection(("127.0.0.1", running.server.server_port), timeout=5) as conn:
            conn.sendall(b"POST /slack/events HTTP/1.1\r\n")
            start = time.perf_counter()
            assert conn.recv(100) == b""  # closed by the server
            assert time.perf_counter() - start < 3.0
    finally:
        running.close()


def test_connections_beyond_the_bound_are_refused_with_503(slack_api, offline_chat, isolated_environment, monkeypatch):
    monkeypatch.setattr(http, "MAX_CONNECTIONS", 4)
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    idle = []
    try:
        idle = [socket.create_connection(("127.0.0.1", running.server.server_port)) for _ in range(4)]
        time.sleep(0.2)
        assert running.send(mention("hello")).status == 503
        for conn in idle:
            conn.close()
        idle = []
        time.sleep(0.2)
        assert running.send(mention("hello again")).status == 200
    finally:
        for conn in idle:
            conn.close()
        running.close()


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        pytest.param({"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": "v0=abc"}, b"{}", 400, id="timestamp-not-a-number"),
        pytest.param({"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=abc", "Content-Length": "ten"}, b"", 400, id="length-not-a-number"),
        pytest.param({}, b"{}", 401, id="unsigned"),
    ],
)
def test_malformed_requests_get_400_or_401_and_never_a_traceback(bot, headers, body, status, caplog):
    import urllib.error
    import urllib.request

    caplog.set_level(logging.DEBUG)
    request = urllib.request.Request(bot.url, data=body, headers={"Content-Type": "application/json", **headers}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            got, text = response.status, response.read()
    except urllib.error.HTTPError as exc:
        got, text = exc.code, exc.read()
    assert got == status
    assert b"Traceback" not in text and len(text) < 200
    assert not any(record.exc_info or "Traceback" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(b"{not json", "application/json", id="json"),
        pytest.param(b"payload=%7Bnot+json", "application/x-www-form-urlencoded", id="form-payload"),
        pytest.param(b"\xff\xfe\x00", "application/json", id="not-utf8"),
        pytest.param(b"[1, 2]", "application/json", id="not-an-object"),
    ],
)
def test_signed_malformed_bodies_get_400_without_a_traceback(bot, body, content_type, caplog):
    caplog.set_level(logging.DEBUG)
    timestamp = int(time.time())
    status, response, _ = raw_request(bot.server.server_port, head_for(bot.server.server_port, {
        "Content-Type": content_type, "Content-Length": str(len(body)), "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": sign(SECRET, timestamp, body),
    }) + body.decode("latin-1"))
    assert status == 400
    assert b"Traceback" not in response
    assert not any(record.exc_info or "Traceback" in record.getMessage() for record in caplog.records)


def test_other_paths_and_methods(bot):
    import urllib.error
    import urllib.request

    for url, method, status in [(bot.url.replace("/slack/events", "/admin"), "GET", 404), (bot.url, "GET", 405)]:
        with pytest.raises(urllib.error.HTTPError) as failure:
            urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=5)
        assert failure.value.code == status


def test_no_request_body_reaches_any_log_even_at_debug(bot, slack_api, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "PRIVATE-WORDS-7731"
    # Unsigned, badly signed, and a signed event nobody listens to (Bolt logs those as unhandled).
    deliver(bot.url, "not-the-secret", mention(f"{marker} one"))
    deliver(bot.url, SECRET, mention(f"{marker} two"), signature="v0=" + "1" * 64)
    unhandled = event_callback({"type": "reaction_added", "user": "U0ALICE", "reaction": marker, "item": {}, "event_ts": "1.2"})
    assert deliver(bot.url, SECRET, unhandled).status == 404  # Bolt: no listener for it
    answer = bot.ask(mention(f"{marker} we're building a support bot", CHANNEL))
    assert answer
    bot.settle()
    leaks = [r.getMessage() for r in caplog.records if marker in r.getMessage()]
    assert leaks == []


def test_the_servers_own_records_reach_the_redacting_handlers(bot):
    """uvicorn gets no handlers of its own: its records propagate to the root logger's handlers,
    where `agent.infra.logs.SecretFilter` redacts secrets (wsgiref printed tracebacks to stderr)."""
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        assert logger.handlers == [] and logger.propagate, name
    assert logging.getLogger("uvicorn.access").propagate is False  # no access log at all


def test_closing_the_server_waits_for_charts_still_uploading(slack_api, offline_chat, isolated_environment):
    from fakes.users import SUPPORT_BOT
    from fakes.slack_api import mention, message

    running = RunningBot(slack_api, offline_chat, isolated_environment)
    root = "1700000000.000100"
    running.ask(mention(SUPPORT_BOT[0], CHANNEL, ts=root))
    for text in SUPPORT_BOT[1:]:
        running.ask(message(text, CHANNEL, thread_ts=root))
    running.close()  # the recommendation's chart is posted before the server is gone
    assert running.app.crossroads_bot.drain(timeout=0)
    assert slack_api.calls("files.completeUploadExternal")  # no waiting needed: it is already there


def test_an_event_is_acknowledged_before_bolt_dispatches_it_and_closing_finishes_the_dispatch(slack_api, offline_chat, isolated_environment):
    """Slack's clock stops at the acknowledgement: an event's does not wait for Bolt's dispatch (here
    held for a second), and shutting down still dispatches and answers what was acknowledged."""
    import threading

    running = RunningBot(slack_api, offline_chat, isolated_environment)
    real_dispatch, held = running.app.dispatch, threading.Event()

    def slow_dispatch(request):
        held.wait(1.0)
        return real_dispatch(request)

    running.app.dispatch = slow_dispatch
    payload = mention("we're building a support bot, about 2k questions a day", CHANNEL)
    delivery = running.send(payload)
    assert delivery.status == 200 and delivery.elapsed_s < 0.5
    assert not slack_api.answers(CHANNEL, payload["event"]["ts"])  # nothing dispatched yet
    running.server.shutdown()
    running.server.server_close()  # waits for the dispatch held back; the turn it queued runs on the bot's pool
    slack_api.wait_for(lambda: slack_api.answers(CHANNEL, payload["event"]["ts"]), 20, "the answer to the held event")
    running.events.close()
