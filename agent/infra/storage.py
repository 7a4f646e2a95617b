"""Where conversations persist: LangGraph checkpointers on SQLite (one machine) or PostgreSQL
(several processes), each with the turn locks of its store. Connections close with the `ExitStack`
they are opened under.

A thread keeps only its latest checkpoint: a later turn reads nothing older (the state carries the
profile and the last messages the LLM reads), so `prune(thread_id)` drops the superseded ones after
every turn and a conversation's storage stays linear in its length. SQLite runs in WAL mode with
`synchronous=NORMAL` (a power cut may lose the last turn, never corrupt the file). Faults of the
SQLite file (a full disk, a file-size limit, a read-only directory, a damaged file) become a
`StorageFault` naming the file and what fixes it.
"""

from __future__ import annotations

import sqlite3
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterator

# How long a connection waits for another process's write to finish before reporting the file busy.
BUSY_TIMEOUT_S = 30
# WAL housekeeping: checkpoint the log into the database every ~400 KB and cut it back to 512 KB,
# so the log never dwarfs the database it belongs to.
_WAL_PRAGMAS = (
    "PRAGMA synchronous=NORMAL",
    "PRAGMA wal_autocheckpoint=100",
    "PRAGMA journal_size_limit=524288",
)


class StorageFault(OSError):
    """The conversation store cannot be used; the message names the file and what fixes it."""


def conversations_path(data_dir: Path) -> Path:
    """The SQLite file that holds conversations (and the Slack event records beside them)."""
    return Path(data_dir) / "conversations.sqlite"


def sqlite_fault(path: Path, exc: BaseException) -> StorageFault:
    """What an error of the SQLite file at `path` means for the person who must fix it."""
    text = str(exc)
    lowered = text.lower()
    code = getattr(exc, "sqlite_errorname", "") or ""  # Python 3.11+: SQLITE_FULL, SQLITE_IOERR_WRITE, ...
    errno = getattr(exc, "errno", None)
    # ENOSPC, EFBIG, or SQLite's words for them (a file-size limit shows as an I/O error on write).
    if "disk is full" in lowered or errno in (28, 27) or code.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        return StorageFault(
            f"cannot write {path}: the disk is full or a file-size limit was reached ({text}); free some space "
            "(or raise the limit) and send the message again (nothing of that turn was saved)"
        )
    if "readonly" in lowered or "read-only" in lowered or errno in (13, 30):  # EACCES, EROFS
        return StorageFault(
            f"cannot write {path}: it or its directory is read-only; make the data directory writable, "
            "or point CROSSROADS_DATA_DIR at a writable copy"
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return StorageFault(
            f"the conversation store {path} is damaged ({text}); restore it from a backup (README: Operating it), "
            f"or move it aside to start with no stored conversations: mv {path} {path}.damaged"
        )
    if "locked" in lowered or "busy" in lowered:
        return StorageFault(
            f"{path} stayed locked by another process for over {BUSY_TIMEOUT_S} s; try again, "
            "and check for a stuck crossroads process"
        )
    return StorageFault(f"cannot use the conversation store {path} ({type(exc).__name__}: {text})")


@contextmanager
def _sqlite_faults(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise sqlite_fault(path, exc) from exc


@dataclass(frozen=True)
class ConversationStore:
    """A checkpointer with the turn locks that go with it (`agent.infra.turn_locks`); `location`
    names it in messages (a path, or "PostgreSQL")."""

    checkpointer: Any
    turns: Any
    location: str


def open_store(database_url: str | None, data_dir: Path, closer: ExitStack, *, connections: int = 2) -> ConversationStore:
    """Where conversations persist: PostgreSQL at `database_url` when given (several processes share
    threads; at most `connections` connections for turn locks), else SQLite under the data
    directory (one machine). Both survive restarts."""
    if database_url is not None:
        return _postgres_store(database_url, closer, connections)
    from agent.infra.turn_locks import FileTurnLocks

    path = conversations_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        turns = FileTurnLocks(path.with_name(path.name + ".lock"))
    except OSError as exc:
        raise sqlite_fault(path, exc) from None
    closer.callback(turns.close)
    with _sqlite_faults(path):
        # The saver serialises access with its own lock, so one connection can serve several threads.
        conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        closer.callback(conn.close)
        saver = PruningSqliteSaver(conn, path=path)
        saver.setup()
        for pragma in _WAL_PRAGMAS:
            conn.execute(pragma)
    return ConversationStore(saver, turns, str(path))


def _postgres_store(url: str, closer: ExitStack, connections: int) -> ConversationStore:
    from langgraph.checkpoint.postgres import PostgresSaver

    from agent.infra.postgres import open_pool, schema_setup
    from agent.infra.turn_locks import PostgresTurnLocks

    # The saver serialises its own queries with a lock: two connections are plenty (the second
    # is used while the schema is set up).
    pool = open_pool(url, name="crossroads-checkpoints", max_size=2, dict_rows=True)
    closer.callback(pool.close)
    saver = PostgresSaver(pool)
    with schema_setup(pool):
        saver.setup()
    # A connection for each turn in progress: it holds that thread's advisory lock.
    locks = open_pool(url, name="crossroads-turn-locks", max_size=max(1, connections))
    closer.callback(locks.close)
    return ConversationStore(saver, PostgresTurnLocks(locks), "PostgreSQL (CROSSROADS_DATABASE_URL)")


@cache
def _sqlite_saver_class() -> type:
    from langgraph.checkpoint.sqlite import SqliteSaver

    class _Pruning(SqliteSaver):
        """LangGraph's SQLite saver with `prune(thread_ids)` (keep the latest checkpoint of each
        thread) and its faults translated into a `StorageFault` naming the file."""

        def __init__(self, conn: sqlite3.Connection, *, path: Path) -> None:
            super().__init__(conn)
            self.path = path

        def setup(self) -> None:
            with _sqlite_faults(self.path):
                super().setup()

        def get_tuple(self, config: Any) -> Any:
            with _sqlite_faults(self.path):
                return super().get_tuple(config)

        def list(self, *args: Any, **kwargs: Any) -> Any:
            with _sqlite_faults(self.path):
                yield from super().list(*args, **kwargs)

        def put(self, *args: Any, **kwargs: Any) -> Any:
            with _sqlite_faults(self.path):
                return super().put(*args, **kwargs)

        def put_writes(self, *args: Any, **kwargs: Any) -> None:
            with _sqlite_faults(self.path):
                super().put_writes(*args, **kwargs)

        def prune(self, thread_ids: Any, *, strategy: str = "keep_latest") -> None:
            """Delete every checkpoint of each thread but its latest one per namespace, with the
            pending writes of the deleted ones (`strategy="delete"`: the whole thread)."""
            if isinstance(thread_ids, str):
                raise TypeError("thread_ids must be a sequence of thread ids, not a str")
            with _sqlite_faults(self.path), self.lock, self.conn:
                for thread_id in map(str, thread_ids):
                    if strategy == "delete":
                        self.conn.execute("DELETE FROM checkpoints WHERE thread_id = ?", (thread_id,))
                        self.conn.execute("DELETE FROM writes WHERE thread_id = ?", (thread_id,))
                        continue
                    if strategy != "keep_latest":
                        raise ValueError(f"unknown prune strategy {strategy!r}")
                    # Checkpoint ids are time-ordered UUIDs (LangGraph's uuid6): the greatest is the latest,
                    # which is the one get_tuple loads.
                    latest = (
                        "SELECT checkpoint_ns, MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ? GROUP BY checkpoint_ns"
                    )
                    for table in ("checkpoints", "writes"):
                        self.conn.execute(
                            f"DELETE FROM {table} WHERE thread_id = ? AND (checkpoint_ns, checkpoint_id) NOT IN ({latest})",
                            (thread_id, thread_id),
                        )

    return _Pruning


def PruningSqliteSaver(conn: sqlite3.Connection, *, path: Path) -> Any:  # noqa: N802 - a class, built lazily
    """LangGraph's SqliteSaver (imported only when a store opens) with pruning and named faults."""
    return _sqlite_saver_class()(conn, path=path)
