"""The SQLite conversation store: a thread keeps only its latest checkpoint (storage linear in the
conversation's length, turn time flat), WAL with synchronous=NORMAL, and every fault of the file
named with what fixes it."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from contextlib import ExitStack

import pytest

from agent.assemble import advisor_over
from agent.conversation.graph import HISTORY_MESSAGES
from agent.infra.storage import StorageFault, conversations_path, open_store

# A conversation that goes round and round: answers, a recommendation, what-ifs, questions, views.
MESSAGES = [
    "We're building a support bot for our customers.",
    "About 120k requests a day.",
    "It changes weekly.",
    "Citations are required.",
    "What do you recommend?",
    "what if we had 10x the volume?",
    "what about Haiku?",
    "how much does a LoRA fine-tune of an 8B model cost?",
    "actually it's 50k a day",
    "why?",
    "show me the costs",
]


def store_size(data_dir) -> int:
    return sum(path.stat().st_size for path in data_dir.glob("conversations.sqlite*") if path.is_file())


def test_a_150_turn_thread_stays_under_2_mb_and_keeps_one_bounded_checkpoint(bundled_kb, tmp_path):
    with ExitStack() as closer:
        store = open_store(None, tmp_path, closer)
        chat = advisor_over(bundled_kb, store=store)
        chat.send("cli:other", "We're building a support bot for our customers.")  # another thread, untouched
        for n in range(150):
            reply = chat.send("cli:long", MESSAGES[n % len(MESSAGES)])
        assert reply.turn == 150
        size = store_size(tmp_path)
        rows = dict(store.checkpointer.conn.execute("SELECT thread_id, count(*) FROM checkpoints GROUP BY thread_id").fetchall())
        values = store.checkpointer.get_tuple({"configurable": {"thread_id": "cli:long"}}).checkpoint["channel_values"]
    assert size < 2_000_000, f"{size / 1e6:.2f} MB"
    # Only the latest checkpoint of each thread is kept and it holds a bounded history, so a turn's
    # work does not grow with the thread (timed, that showed only the machine's load: no test is timed).
    assert rows == {"cli:long": 1, "cli:other": 1}
    assert len(values["messages"]) == HISTORY_MESSAGES
    assert values["messages"][-1].content == reply.text and values["turns"] == 150


def test_the_sqlite_store_runs_in_wal_mode_with_normal_sync(tmp_path):
    with ExitStack() as closer:
        conn = open_store(None, tmp_path, closer).checkpointer.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def run_ask(data_dir, *args: str, limit_bytes: int | None = None, prefix: tuple[str, ...] = ()):
    """`crossroads ask` in a process of its own (with a file-size limit if given)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(data_dir), "CROSSROADS_DATA_DIR": str(data_dir)}

    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([*prefix, sys.executable, "-m", "agent.cli", "ask", *args], env=env, cwd=data_dir,
                          capture_output=True, text=True, timeout=120, preexec_fn=limit)


@pytest.fixture
def data_dir(tmp_path, bundled_kb):
    """A data directory with the bundled corpus indexed (copied from the session's index)."""
    from knowledge.store import KnowledgeBase

    directory = tmp_path / "data"
    KnowledgeBase.open(directory).ensure_indexed()
    return directory


def test_a_damaged_conversation_store_is_named_with_what_fixes_it(data_dir):
    path = conversations_path(data_dir)
    path.write_bytes(b"this is not a database, it was overwritten" * 100)
    done = run_ask(data_dir, "hello")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert f"the conversation store {path} is damaged" in line
    assert f"mv {path} {path}.damaged" in line and "restore it from a backup" in line
    assert "Traceback" not in done.stderr


def test_a_full_disk_or_file_size_limit_names_the_file(data_dir):
    done = run_ask(data_dir, "We're building a support bot, 120k requests a day. What do you recommend?", limit_bytes=40_000)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert f"cannot write {conversations_path(data_dir)}: the disk is full or a file-size limit was reached" in line
    assert "free some space" in line


def without_write_access() -> tuple[str, ...]:
    """A prefix that runs a command without the power to write read-only files: as root, a new user
    namespace (root keeps its files' owner bits but loses the override)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-U", "true"]).returncode != 0:
        pytest.skip("running as root without user namespaces: cannot make a directory read-only for this process")
    return ("unshare", "-U")


def test_ask_in_a_read_only_data_directory_says_which_path_is_read_only(data_dir):
    os.chmod(data_dir, 0o555)
    try:
        done = run_ask(data_dir, "hello", prefix=without_write_access())
    finally:
        os.chmod(data_dir, 0o755)
    assert done.returncode == 2
    assert f"cannot write {conversations_path(data_dir)}: it or its directory is read-only" in done.stderr
    assert "CROSSROADS_DATA_DIR" in done.stderr and "Traceback" not in done.stderr


def test_faults_are_storage_faults_naming_the_file(tmp_path):
    path = conversations_path(tmp_path)
    path.write_bytes(b"garbage" * 1000)
    with ExitStack() as closer, pytest.raises(StorageFault, match="is damaged"):
        open_store(None, tmp_path, closer)
