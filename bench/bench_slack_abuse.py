"""The Slack endpoint under abuse, against a real `crossroads slack --http --debug` process on
127.0.0.1: 50 MB POSTs (unsigned; with a signature-shaped header, announced and chunked), a 2 GB
announcement, and 300 idle connections while a signed event arrives.

Targets (issue 15): each oversized request answered 401/413 within 1 s with the bot's resident
memory growing by under 50 MB; a signed event acknowledged within 3 s despite 300 idle connections;
no request body in the bot's log. Beside the slowest refusal and the acknowledgement it prints their
floor measured in the same run: the median `GET /healthz` of the same process (a request that does
nothing), and the ratio.

    .venv/bin/python bench/bench_slack_abuse.py
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_slack import CHANNEL, SECRET, free_port, post, signed_request, wait_healthy  # noqa: E402
from fakes.slack_api import FakeSlackApi, mention  # noqa: E402

MB = 1024 * 1024
CHUNK = b"A" * 65536
MARKER = "BODY-MARKER-5521"


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def flood(port: int, headers: list[str], chunks) -> tuple[int, float]:
    """Send the headers, then body chunks until the bot answers; (status, seconds to the answer)."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(("\r\n".join(["POST /slack/events HTTP/1.1", f"Host: 127.0.0.1:{port}", *headers]) + "\r\n\r\n").encode())
        conn.setblocking(False)
        response = b""
        for chunk in chunks:
            try:
                response += conn.recv(4096)
            except BlockingIOError:
                pass
            if response:
                break
            try:
                conn.sendall(chunk)
            except BlockingIOError:
                time.sleep(0.0005)
            except OSError:
                break
        conn.settimeout(10)
        try:
            while b"\r\n" not in response:
                data = conn.recv(4096)
                if not data:
                    break
                response += data
        except OSError:
            pass
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
    return status, time.perf_counter() - start


def healthz(port: int) -> float:
    """Seconds for one bare `GET /healthz` to be answered: the least any request costs."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        response = b""
        while b"\r\n" not in response:
            data = conn.recv(4096)
            if not data:
                break
            response += data
    return time.perf_counter() - start


def main() -> int:
    import statistics

    api = FakeSlackApi()
    workdir = Path(tempfile.mkdtemp(prefix="crossroads-bench-abuse-"))
    port = free_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(workdir), "CROSSROADS_DATA_DIR": str(workdir / "data"),
           "CROSSROADS_SLACK_API_URL": api.url, "SLACK_BOT_TOKEN": "xoxb-bench-token-0000", "SLACK_SIGNING_SECRET": SECRET}
    log = open(workdir / "bot.log", "wb")
    bot = subprocess.Popen([sys.executable, "-m", "agent.cli", "--debug", "slack", "--http", "--host", "127.0.0.1", "--port", str(port)],
                           env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    ok = True
    try:
        wait_healthy(port, bot)
        warm = mention("We're building a support bot for our customers.", CHANNEL)
        post(port, signed_request(port, warm))
        api.wait_for(lambda: api.answers(CHANNEL, warm["event"]["ts"]), 60, "the warm-up answer")
        floor = statistics.median(healthz(port) for _ in range(21))
        before = rss(bot.pid)
        body = (CHUNK[: len(CHUNK) - len(MARKER)] + MARKER.encode() for _ in range(50 * MB // len(CHUNK)))
        shaped = ["Content-Type: application/json", f"X-Slack-Request-Timestamp: {int(time.time())}", "X-Slack-Signature: v0=" + "0" * 64]
        cases = {
            "unsigned 50 MB, Content-Length": (["Content-Type: application/json", f"Content-Length: {50 * MB}"], body),
            "signature-shaped 50 MB, Content-Length": ([*shaped, f"Content-Length: {50 * MB}"], body),
            "signature-shaped 50 MB, chunked": ([*shaped, "Transfer-Encoding: chunked"],
                                                (b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) for _ in range(50 * MB // len(CHUNK)))),
            "signature-shaped, announcing 2 GB": ([*shaped, f"Content-Length: {2048 * MB}"], ()),
        }
        print("oversized requests against one `crossroads --debug slack --http` process")
        slowest = 0.0
        for name, (headers, chunks) in cases.items():
            status, seconds = flood(port, headers, chunks)
            ok &= status in (401, 413) and seconds < 1.0
            slowest = max(slowest, seconds)
            print(f"  {name}: {status} in {seconds * 1000:.0f} ms")
        print(f"  slowest refusal: {slowest * 1000:.1f} ms; floor {floor * 1000:.1f} ms (median GET /healthz of the same "
              f"process); ratio {slowest / floor:.1f}x (target < 1 s)")
        growth = rss(bot.pid) - before
        ok &= growth < 50 * MB
        print(f"  resident memory: {before / MB:.0f} MB before, grew by {growth / MB:.1f} MB (target < 50 MB)")

        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(300)]
        for n, conn in enumerate(idle):
            if n % 2:
                conn.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.5)
        status, seconds = post(port, signed_request(port, mention("We want an internal Q&A bot.", CHANNEL)))
        ok &= status == 200 and seconds < 3.0
        print(f"  signed event with 300 idle connections open: {status} in {seconds * 1000:.0f} ms; floor "
              f"{floor * 1000:.1f} ms (GET /healthz); ratio {seconds / floor:.1f}x (target < 3 s)")
        time.sleep(11)  # the header timeout
        closed = 0
        for conn in idle:
            conn.setblocking(False)
            try:
                closed += conn.recv(1) == b""
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
            conn.close()
        print(f"  idle connections closed by the bot after its 10 s header timeout: {closed}/300")
        ok &= closed == 300
    finally:
        bot.terminate()
        bot.wait(30)
        log.close()
        text = (workdir / "bot.log").read_text(errors="replace")
        leaked = MARKER in text
        ok &= not leaked and "Traceback" not in text
        print(f"  request body in the --debug log: {'YES' if leaked else 'no'}; tracebacks: {text.count('Traceback')}")
        api.close()
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"  log kept at {workdir / 'bot.log'}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
