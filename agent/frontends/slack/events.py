"""Which Slack events were already handled, and one turn at a time per thread.

Slack retries an event it thinks was not delivered, and several bot processes may receive the same
event: `claim(event_id)` is true exactly once per event, across restarts and replicas, because the
record lives in the same database as the conversations (the SQLite file under the data directory,
or PostgreSQL when `CROSSROADS_DATABASE_URL` is set). `thread_turn(thread_id)` holds a lock for one
turn of one conversation, so two messages of a thread never race on its state: a process lock with
SQLite (one process), a PostgreSQL advisory lock across replicas (released by the server if the
holder dies).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Iterator, Protocol

from agent.infra.storage import conversations_path

# Slack stops retrying an event after about five minutes; a day of history is ample.
KEEP_EVENTS_S = 24 * 3600
# Old records are pruned on one claim in this many, so pruning costs nothing noticeable per event.
PRUNE_EVERY = 500
TURN_LOCK_STRIPES = 64


class EventStore(Protocol):
    def claim(self, event_id: str) -> bool:
        """True the first time an event id is claimed anywhere, false for every later delivery."""

    def thread_turn(self, thread_id: str) -> Any:
        """A context manager held while one turn of a thread runs."""


class SqliteEventStore:
    """Claims in the conversations' SQLite file; turn locks within this process."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # The checkpointer writes to the same file from its own connection: wait for its lock
        # rather than failing with "database is locked".
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
        self._lock = threading.Lock()
        self._claims = 0
        # Striped locks: bounded memory however many threads a long-running bot sees; two threads
        # sharing a stripe only take turns.
        self._turn_locks = [threading.Lock() for _ in range(TURN_LOCK_STRIPES)]
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS slack_events (event_id TEXT PRIMARY KEY, received_at REAL NOT NULL)"
            )

    def claim(self, event_id: str) -> bool:
        with self._lock:
            self._claims += 1
            if self._claims % PRUNE_EVERY == 0:
                self._conn.execute("DELETE FROM slack_events WHERE received_at < ?", (time.time() - KEEP_EVENTS_S,))
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO slack_events (event_id, received_at) VALUES (?, ?)", (event_id, time.time())
            )
            return cursor.rowcount == 1

    @contextmanager
    def thread_turn(self, thread_id: str) -> Iterator[None]:
        with self._turn_locks[hash(thread_id) % TURN_LOCK_STRIPES]:
            yield

    def close(self) -> None:
        self._conn.close()


class PostgresEventStore:
    """Claims in a PostgreSQL table; turn locks are session advisory locks, shared by every replica."""

    def __init__(self, url: str, *, max_connections: int = 10):
        from agent.infra.postgres import open_pool, schema_setup

        # A turn holds a connection (its advisory lock) from start to end; claims take one briefly.
        self._pool = open_pool(url, name="crossroads-events", max_size=max_connections)
        self._claims = 0
        self._counter = threading.Lock()
        with schema_setup(self._pool), self._pool.connection() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS slack_events ("
                " event_id TEXT PRIMARY KEY, received_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )

    def claim(self, event_id: str) -> bool:
        with self._counter:
            self._claims += 1
            prune = self._claims % PRUNE_EVERY == 0
        with self._pool.connection() as conn:
            if prune:
                conn.execute(
                    "DELETE FROM slack_events WHERE received_at < now() - make_interval(secs => %s)",
                    (KEEP_EVENTS_S,),
                )
            cursor = conn.execute(
                "INSERT INTO slack_events (event_id) VALUES (%s) ON CONFLICT (event_id) DO NOTHING", (event_id,)
            )
            return cursor.rowcount == 1

    @contextmanager
    def thread_turn(self, thread_id: str) -> Iterator[None]:
        with self._pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (thread_id,))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (thread_id,))

    def close(self) -> None:
        self._pool.close()


def open_event_store(database_url: str | None, data_dir: Path, closer: ExitStack, *, connections: int = 10) -> EventStore:
    """The event store beside the conversations: PostgreSQL at `database_url` when given (at most
    `connections` connections), else the conversations' SQLite file under `data_dir`."""
    store: SqliteEventStore | PostgresEventStore
    if database_url is not None:
        store = PostgresEventStore(database_url, max_connections=connections)
    else:
        store = SqliteEventStore(conversations_path(data_dir))
    closer.callback(store.close)
    return store
