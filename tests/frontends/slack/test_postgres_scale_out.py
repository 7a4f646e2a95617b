"""Scale-out for real: a PostgreSQL server on 127.0.0.1 and several `crossroads slack --http`
processes sharing it, driven by signed events and answering through the fake Slack Web API.

Needs PostgreSQL's server binaries (Debian's `postgresql` package, which `.ci/run` installs when they
are missing). Without them the module is skipped, except under CI where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fakes.users import SUPPORT_BOT  # the same new user as the terminal and chat tests
from fakes.slack_api import TEAM, FakeSlackApi, deliver, mention, message, next_ts, slack_api  # noqa: F401

SECRET = "scale-out-signing-secret-77"
TOKEN = "xoxb-scale-out-token-4242"
DB_PASSWORD = "db-password-never-logged"
CHANNEL = "C0SCALE"
# The real command line, as a deployment runs it.
BOT_COMMAND = [sys.executable, "-m", "agent.cli", "--debug", "slack", "--http", "--host", "127.0.0.1"]



def _postgres_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(re.sub(r"\D", "", p) or 0), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for directory in candidates:
        if all((Path(directory) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(directory)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """A throwaway cluster in a temporary directory; as the `postgres` user when run as root
    (the server refuses to run as root)."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="crossroads-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_user, *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "crossroads", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"), "-o", options, "-w", "-t", "30", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def url(self) -> str:
        # Trust authentication ignores the password; it is there to prove it never reaches a log.
        return f"postgresql://crossroads:{DB_PASSWORD}@127.0.0.1:{self.port}/postgres"


@pytest.fixture(scope="module")
def postgres():
    bin_dir = _postgres_bin()
    if bin_dir is None:
        message = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = Postgres(bin_dir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def indexed_data_dir(tmp_path_factory):
    """A data directory with the bundled corpus indexed once; each bot process gets a copy."""
    from knowledge.store import KnowledgeBase

    directory = tmp_path_factory.mktemp("indexed")
    KnowledgeBase.open(directory).ensure_indexed()
    return directory


class BotProcess:
    def __init__(self, name: str, api: FakeSlackApi, database_url: str, template: Path, workdir: Path):
        self.name = name
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        data_dir = workdir / f"data-{name}"
        shutil.copytree(template, data_dir)
        self.log_path = workdir / f"bot-{name}.log"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "CROSSROADS_DATA_DIR": str(data_dir),
            "CROSSROADS_DATABASE_URL": database_url,
            "CROSSROADS_SLACK_API_URL": api.url,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
        }
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen([*BOT_COMMAND, "--port", str(self.port)], env=env, cwd=workdir,
                                        stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"bot {self.name} exited with {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"bot {self.name} not ready after {timeout:.0f} s:\n{self.log()[-3000:]}")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()
        return self.process.returncode

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def answered(self) -> list[str]:
        return re.findall(r"answered event (\S+)", self.log())


@pytest.fixture
def start_bot(postgres, slack_api, indexed_data_dir, tmp_path):
    started: list[BotProcess] = []

    def start(name: str) -> BotProcess:
        bot = BotProcess(name, slack_api, postgres.url, indexed_data_dir, tmp_path)
        started.append(bot)
        return bot

    yield start
    for bot in started:
        bot.stop()


def wait_for_answers(api: FakeSlackApi, root: str, count: int) -> list[dict]:
    return api.wait_for(lambda: len(a := api.answers(CHANNEL, root)) >= count and a, 30, f"answer {count} in the thread")


def test_replicas_share_one_conversation_survive_a_kill_and_never_answer_twice(start_bot, slack_api):
    api = slack_api
    a, b = start_bot("a"), start_bot("b")
    a.wait_ready()
    b.wait_ready()
    root = next_ts()
    events = [mention(SUPPORT_BOT[0], CHANNEL, ts=root)] + [message(text, CHANNEL, thread_ts=root) for text in SUPPORT_BOT[1:]]

    # Turns 1-4 alternate between the two processes, as a load balancer would send them.
    for turn, (event, bot) in enumerate(zip(events[:4], [a, b, a, b]), start=1):
        assert deliver(bot.url, SECRET, event).status == 200
        wait_for_answers(api, root, turn)
    # Each process logs the events it answered (just after the answer is posted).
    api.wait_for(lambda: a.answered() == [events[0]["event_id"], events[2]["event_id"]], 10, "a's answers")
    api.wait_for(lambda: b.answered() == [events[1]["event_id"], events[3]["event_id"]], 10, "b's answers")

    # Slack retries every one of them at both processes at once: nothing is answered again.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda job: deliver(job[0].url, SECRET, job[1], retry=1).status,
                                 [(bot, event) for event in events[:4] for bot in (a, b)]))
    assert statuses == [200] * 8

    # A new event reaches both processes at the same moment (Slack's retry racing the original):
    # exactly one of them answers it.
    with ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(lambda bot: deliver(bot.url, SECRET, events[4]).status, (a, b)))
    assert statuses == [200, 200]
    wait_for_answers(api, root, 5)
    # The log line follows the post: wait for it before the kill, or the kill can fall between the two.
    api.wait_for(lambda: events[4]["event_id"] in a.answered() + b.answered(), 10, "the raced event's answer")

    # One process dies mid-conversation; a replacement starts; the thread carries on.
    a.kill()
    c = start_bot("c")
    c.wait_ready()
    assert deliver(c.url, SECRET, events[5]).status == 200
    wait_for_answers(api, root, 6)
    assert deliver(b.url, SECRET, events[6]).status == 200
    answers = wait_for_answers(api, root, 7)
    api.wait_for(lambda: c.answered() == [events[5]["event_id"]], 10, "c's answer")

    # Nothing lost: the final recommendation rests on facts given to every process
    # (the volume went to b, the weekly changes to a, the citations to b, before a was killed).
    final = answers[-1]["text"]
    assert "**RAG (retrieval-augmented generation)**" in final
    assert "your 3,650,000 queries a month" in final  # 120k a day
    assert "Knowledge that changes belongs in retrieval" in final
    assert "Required citations point to RAG" in final
    api.wait_for(lambda: api.calls("files.completeUploadExternal"), what="the chart upload")

    # Exactly one thinking message per turn, each replaced once: no duplicate replies anywhere;
    # one chart (the last turn restated the recommendation on the same numbers).
    time.sleep(0.5)
    messages = api.messages(CHANNEL, root)
    assert len(messages) == 7
    assert [m["updates"] for m in messages] == [1] * 7
    assert len(api.calls("files.completeUploadExternal")) == 1
    every_event = sorted(e["event_id"] for e in events)
    answered = api.wait_for(lambda: (ids := sorted(a.answered() + b.answered() + c.answered())) == every_event and ids,
                            10, "every event logged as answered")
    assert answered == every_event

    assert b.stop() == 0 and c.stop() == 0  # SIGTERM: a clean exit
    for bot in (a, b, c):
        log = bot.log()
        assert TOKEN not in log and SECRET not in log and DB_PASSWORD not in log, bot.name
        assert "Traceback" not in log, log[-3000:]


def test_the_conversation_is_stored_in_postgres(start_bot, slack_api, postgres):
    import psycopg

    bot = start_bot("solo")
    bot.wait_ready()
    event = mention("We're building a support bot for our customers.", CHANNEL)
    assert deliver(bot.url, SECRET, event).status == 200
    wait_for_answers(slack_api, event["event"]["ts"], 1)
    thread = f"slack:{TEAM}:{CHANNEL}:{event['event']['ts']}"
    with psycopg.connect(postgres.url) as conn:
        assert conn.execute("SELECT count(*) FROM checkpoints WHERE thread_id = %s", (thread,)).fetchone()[0] >= 1
        assert conn.execute("SELECT count(*) FROM slack_events WHERE event_id = %s", (event["event_id"],)).fetchone()[0] == 1


def test_a_slack_bot_and_parallel_asks_on_one_postgres_thread_never_lose_a_turn(start_bot, slack_api, postgres, indexed_data_dir, tmp_path):
    """Two front-ends on one PostgreSQL: ten `crossroads ask` processes and ten Slack mentions in
    the same thread at once. Each turn gets its own number, none is lost, and the thread keeps
    only its latest checkpoint."""
    import json

    import psycopg

    bot = start_bot("shared")
    bot.wait_ready()
    root = next_ts()
    thread = f"slack:{TEAM}:{CHANNEL}:{root}"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "CROSSROADS_DATA_DIR": str(indexed_data_dir),
           "CROSSROADS_DATABASE_URL": postgres.url}
    ask = [sys.executable, "-m", "agent.cli", "ask", "--json", "--thread", thread]
    asks = [subprocess.Popen([*ask, f"about {n + 1}0k questions a day"], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(10)]
    # Two people in the thread, so that no one reaches the per-user limit.
    mentions = [mention(f"what if we had {n + 2}x the volume?", CHANNEL, thread_ts=root, user=f"U0PERSON{n % 2}") for n in range(10)]
    with ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(lambda event: deliver(bot.url, SECRET, event).status, mentions))
    assert statuses == [200] * 10
    turns = []
    for process in asks:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err.decode()[-2000:]
        turns.append(json.loads(out)["turn"])
    wait_for_answers(slack_api, root, 10)
    later = subprocess.run([*ask, "what do you recommend?"], env=env, cwd=tmp_path, capture_output=True, timeout=120)
    assert later.returncode == 0, later.stderr.decode()[-2000:]
    assert json.loads(later.stdout)["turn"] == 21
    # The asks' numbers are their own; the Slack turns took the rest of 1..20.
    assert len(set(turns)) == 10 and set(turns) <= set(range(1, 21))
    with psycopg.connect(postgres.url) as conn:
        assert conn.execute("SELECT count(*) FROM checkpoints WHERE thread_id = %s", (thread,)).fetchone()[0] == 1
