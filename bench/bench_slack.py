"""Slack bot under a burst: 100 threads started at once (plus a Slack retry of each: 200 signed
requests), against one `crossroads slack --http` process and the fake Slack Web API, all on 127.0.0.1.

Targets: every request acknowledged, p99 acknowledgement under 300 ms (Slack retries after 3 s),
every thread answered exactly once, and at least 25 offline turns a second in the one process
(thinking message, turn, answer, and the chart of each recommendation). The floor of the last is
the same openers answered by the offline engine in this process, with no Slack around it
(`Chat.send` over an in-memory checkpointer). The bot uses SQLite under a temporary data directory,
or PostgreSQL when CROSSROADS_DATABASE_URL is set; its queue bound is raised to the burst's size.

    .venv/bin/python bench/bench_slack.py [--threads N]
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fake Slack API and signed deliveries live with the tests

from fakes.slack_api import FakeSlackApi, deliver, mention, sign  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from floor import Verdict  # noqa: E402

THREADS = 100
TARGET_P99_ACK_MS = 300.0
TARGET_TURNS_PER_S = 25.0
ANSWER_TIMEOUT_S = 180.0
SECRET = "bench-signing-secret-0000"
CHANNEL = "C0BENCH"
BOT_COMMAND = [sys.executable, "-m", "agent.cli", "slack", "--http", "--host", "127.0.0.1"]
OPENERS = [
    "We're building a support bot for our customers, about {n}k requests a day.",
    "We want an internal Q&A bot over our wiki. What do you recommend?",
    "Our product needs a classifier that tags {n}k tickets a day.",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def signed_request(port: int, payload: dict, retry: int | None = None) -> bytes:
    """The raw HTTP request Slack would send, built ahead so that the clock measures the bot."""
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()))
    headers = [
        "POST /slack/events HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        f"X-Slack-Request-Timestamp: {timestamp}",
        f"X-Slack-Signature: {sign(SECRET, timestamp, body)}",
        "Connection: close",
    ]
    if retry is not None:
        headers += [f"X-Slack-Retry-Num: {retry}", "X-Slack-Retry-Reason: http_timeout"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def post(port: int, request: bytes) -> tuple[int, float]:
    """Send one prepared request; (HTTP status, seconds until the response arrived)."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        response = b""
        while b"\r\n" not in response:
            chunk = connection.recv(4096)
            if not chunk:
                break
            response += chunk
    elapsed = time.perf_counter() - start
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
    return status, elapsed


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the bot exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the bot was not ready after {timeout:.0f} s")


def floor_turns_per_s(threads: int) -> float:
    """The same openers answered in this process by the offline engine alone: turns a second."""
    from agent.assemble import advisor_over
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase.open(Path(tempfile.mkdtemp(prefix="crossroads-bench-floor-")))
    kb.ensure_indexed()
    chat = advisor_over(kb)
    chat.send("floor:warm-up", "We're building a support bot for our customers.")
    start = time.perf_counter()
    for i in range(threads):
        chat.send(f"floor:{i}", OPENERS[i % len(OPENERS)].format(n=20 + i))
    return threads / (time.perf_counter() - start)


def main() -> int:
    import argparse

    global THREADS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=THREADS)
    THREADS = parser.parse_args().threads
    api = FakeSlackApi()
    workdir = Path(tempfile.mkdtemp(prefix="crossroads-bench-slack-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/slack/events"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "CROSSROADS_DATA_DIR": str(workdir / "data"),
        "CROSSROADS_SLACK_API_URL": api.url,
        "SLACK_BOT_TOKEN": "xoxb-bench-token-0000",
        "SLACK_SIGNING_SECRET": SECRET,
        "CROSSROADS_SLACK_MAX_QUEUED": str(THREADS),
        "CROSSROADS_SLACK_TEAM_PER_MINUTE": str(2 * THREADS),
    }
    if os.environ.get("CROSSROADS_DATABASE_URL"):
        env["CROSSROADS_DATABASE_URL"] = os.environ["CROSSROADS_DATABASE_URL"]
    log = open(workdir / "bot.log", "wb")
    bot = subprocess.Popen([*BOT_COMMAND, "--port", str(port)], env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(port, bot)
        # A running bot has answered before: warm the imports and the first search.
        warm = mention("We're building a support bot for our customers.", CHANNEL)
        deliver(url, SECRET, warm)
        api.wait_for(lambda: api.answers(CHANNEL, warm["event"]["ts"]), 60, "the warm-up answer")

        # Fifty people, one thread each: the per-user limit (ten a minute) is not what this measures.
        events = [mention(OPENERS[i % len(OPENERS)].format(n=20 + i), CHANNEL, user=f"U0BENCH{i:02d}") for i in range(THREADS)]
        firsts_raw = [signed_request(port, e) for e in events]
        retries_raw = [signed_request(port, e, retry=1) for e in events]
        start_line = threading.Barrier(THREADS)

        def burst(request: bytes) -> tuple[int, float]:
            start_line.wait()
            return post(port, request)

        started = time.perf_counter()
        burst_at = time.monotonic()  # the fake API stamps calls with the monotonic clock
        with ThreadPoolExecutor(THREADS) as pool:
            firsts = list(pool.map(burst, firsts_raw))
            # Slack's retry of every event, while the first deliveries are still being answered.
            retries = list(pool.map(lambda r: post(port, r), retries_raw))
        deliveries = firsts + retries
        roots = [e["event"]["ts"] for e in events]
        api.wait_for(lambda: all(api.answers(CHANNEL, root) for root in roots), ANSWER_TIMEOUT_S, "every thread's answer")
        answered_s = time.perf_counter() - started
        time.sleep(1.0)  # room for any duplicate to show up
    finally:
        bot.terminate()
        try:
            bot.wait(30)
        except subprocess.TimeoutExpired:
            bot.kill()
        log.close()
        api.close()

    acks = sorted(elapsed * 1000 for _, elapsed in deliveries)
    first_acks = sorted(elapsed * 1000 for _, elapsed in firsts)
    p99 = acks[int(0.99 * (len(acks) - 1))]
    not_ok = [status for status, _ in deliveries if status != 200]
    replies = {root: len(api.messages(CHANNEL, root)) for root in roots}
    posts = {root: sum(1 for c in api.calls("chat.postMessage") if c.params.get("thread_ts") == root) for root in roots}
    wrong = {root: n for root, n in replies.items() if n != 1 or posts[root] != 1}
    thinking = sorted(
        (min(c.at for c in api.calls("chat.postMessage") if c.params.get("thread_ts") == root) - burst_at) * 1000
        for root in roots
    )
    floor = floor_turns_per_s(THREADS)
    turns_per_s = THREADS / answered_s
    verdict = Verdict()
    print(f"{THREADS} threads at once (+{THREADS} Slack retries) against one `crossroads slack --http` process")
    verdict.require(f"acknowledged with 200: {len(deliveries) - len(not_ok)}/{len(deliveries)}", not not_ok)
    print(f"  ack latency, all {len(acks)} requests: p50 {statistics.median(acks):.1f} ms, p99 {p99:.1f} ms, "
          f"max {acks[-1]:.1f} ms; the burst alone: p50 {statistics.median(first_acks):.1f} ms, max {first_acks[-1]:.1f} ms")
    verdict.below("ack p99", p99, TARGET_P99_ACK_MS, "ms")
    print(f"  \"thinking\" shown in every thread within {thinking[-1]:.0f} ms (median {statistics.median(thinking):.0f} ms)")
    verdict.ratio("offline turns per second in the bot process", turns_per_s, floor, "turns/s", higher_is_better=True,
                  floor_is="the same openers through Chat.send alone, in this process")
    verdict.above("turns per second", turns_per_s, TARGET_TURNS_PER_S, "turns/s")
    verdict.require(f"threads answered exactly once: {THREADS - len(wrong)}/{THREADS}", not wrong)
    if verdict.missed:
        print(f"  statuses {not_ok[:5]}, wrong threads {list(wrong.items())[:5]}; bot log: {workdir / 'bot.log'}")
        return verdict.exit_code()
    shutil.rmtree(workdir, ignore_errors=True)
    return verdict.exit_code()


if __name__ == "__main__":
    sys.exit(main())
