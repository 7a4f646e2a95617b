"""Turns of one thread never overwrite each other, whichever processes run them: real `crossroads
ask` processes at once on one thread each get their own turn number, and none is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from agent.infra.turn_locks import FileTurnLocks, LocalTurnLocks

ASK = [sys.executable, "-m", "agent.cli", "ask", "--json"]


@pytest.fixture(scope="module")
def indexed_dir(tmp_path_factory):
    """A data directory with the bundled corpus indexed, so the asks spend their time on turns."""
    from knowledge.store import KnowledgeBase

    directory = tmp_path_factory.mktemp("asks")
    KnowledgeBase.open(directory).ensure_indexed()
    return directory


def parallel_asks(data_dir, thread: str, count: int, extra_env: dict | None = None) -> list[dict]:
    """`count` `crossroads ask --thread` processes started together; their JSON replies."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(data_dir), "CROSSROADS_DATA_DIR": str(data_dir),
           **(extra_env or {})}
    processes = [
        subprocess.Popen([*ASK, f"message {n}: we get about {n + 1}k questions a day", "--thread", thread],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=data_dir)
        for n in range(count)
    ]
    replies = []
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err.decode()[-2000:]
        replies.append(json.loads(out))
    return replies


def test_twenty_parallel_asks_on_one_thread_each_get_their_own_turn(indexed_dir):
    replies = parallel_asks(indexed_dir, "cli:parallel", 20)
    assert sorted(r["turn"] for r in replies) == list(range(1, 21))
    [later] = parallel_asks(indexed_dir, "cli:parallel", 1)
    assert later["turn"] == 21


def test_file_turn_locks_exclude_threads_of_one_process_and_other_processes(tmp_path):
    path = tmp_path / "turns.lock"
    locks = FileTurnLocks(path)
    inside = []
    overlaps = []

    def turn(n: int) -> None:
        with locks.hold("slack:T:C:1"):
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(tuple(inside))
            time.sleep(0.01)
            inside.remove(n)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(turn, range(24)))
    assert overlaps == []

    # Another process holding a thread's lock: this one waits for it, other threads do not.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from agent.infra.turn_locks import FileTurnLocks\n"
         f"locks = FileTurnLocks({str(path)!r})\n"
         "with locks.hold('cli:busy'):\n"
         "    print('held', flush=True)\n"
         "    time.sleep(1.0)\n"],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline().strip() == b"held"
    start = time.monotonic()
    with locks.hold("cli:other"):
        assert time.monotonic() - start < 0.5
    with locks.hold("cli:busy"):
        waited = time.monotonic() - start
    holder.wait(10)
    assert waited > 0.5


def test_a_turn_lock_is_reentrant_in_one_thread_and_gives_up_with_a_message(tmp_path):
    for locks in (FileTurnLocks(tmp_path / "a.lock", wait_s=0.2), LocalTurnLocks(wait_s=0.2)):
        with locks.hold("cli:x"), locks.hold("cli:x"):  # the Slack bot holds it around send()
            failure = []

            def other() -> None:
                try:
                    with locks.hold("cli:x"):
                        pass
                except TimeoutError as exc:
                    failure.append(str(exc))

            worker = threading.Thread(target=other)
            worker.start()
            worker.join(5)
        assert failure and "another turn of conversation cli:x" in failure[0] and "send this message again" in failure[0]
        with locks.hold("cli:x"):  # released after all
            pass
