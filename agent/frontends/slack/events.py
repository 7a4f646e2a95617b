"""Which Slack messages were already answered.

Slack retries an event it thinks was not delivered, several bot processes may receive the same
event, and one message can arrive as several events (a mention in a DM or a thread comes as both
`app_mention` and `message`; a message a client re-sends gets a new `event_id` but keeps its
`client_msg_id`). `claim(*keys)` is true exactly once for a message, across restarts and replicas:
the keys (event id, client message id, channel and timestamp) are recorded in the same database as
the conversations (the SQLite file under the data directory, or PostgreSQL when
`CROSSROADS_DATABASE_URL` is set), and a claim whose keys were any of them seen before fails.

Turns of one thread run one at a time through the conversation store's turn locks
(`agent.infra.turn_locks`, taken by `Chat.turn`), which every front-end shares.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Protocol

from agent.infra.storage import conversations_path, sqlite_fault

# Slack stops retrying an event after about five minutes; a day of history is ample.
KEEP_EVENTS_S = 24 * 3600
# Old records are pruned on one claim in this many, so pruning costs nothing noticeable per event.
PRUNE_EVERY = 500


class EventStore(Protocol):
    def claim(self, *keys: str) -> bool:
        """True the first time a message is claimed anywhere (none of its `keys` seen before),
        false for every later delivery of it."""


class SqliteEventStore:
    """Claims in the conversations' SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The checkpointer writes to the same file from its own connection: wait for its lock
            # rather than failing with "database is locked".
            self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
            self._lock = threading.Lock()
            self._claims = 0
            with self._lock:
                self._conn.execute(
                    "CREATE TABLE IF NOT EXISTS slack_events (event_id TEXT PRIMARY KEY, received_at REAL NOT NULL)"
                )
        except (sqlite3.Error, OSError) as exc:
            raise sqlite_fault(path, exc) from None

    def claim(self, *keys: str) -> bool:
        keys = tuple(dict.fromkeys(k for k in keys if k))
        try:
            with self._lock:
                self._claims += 1
                if self._claims % PRUNE_EVERY == 0:
                    self._conn.execute("DELETE FROM slack_events WHERE received_at < ?", (time.time() - KEEP_EVENTS_S,))
                # One transaction: another process sees all of a message's keys or none.
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    now = time.time()
                    added = sum(
                        self._conn.execute(
                            "INSERT OR IGNORE INTO slack_events (event_id, received_at) VALUES (?, ?)", (key, now)
                        ).rowcount
                        for key in keys
                    )
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
                return added == len(keys)
        except sqlite3.Error as exc:
            raise sqlite_fault(self.path, exc) from None

    def close(self) -> None:
        self._conn.close()


class PostgresEventStore:
    """Claims in a PostgreSQL table, shared by every replica."""

    def __init__(self, url: str, *, max_connections: int = 10):
        from agent.infra.postgres import open_pool, schema_setup

        # Claims take a connection briefly.
        self._pool = open_pool(url, name="crossroads-events", max_size=max_connections)
        self._claims = 0
        self._counter = threading.Lock()
        with schema_setup(self._pool), self._pool.connection() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS slack_events ("
                " event_id TEXT PRIMARY KEY, received_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )

    def claim(self, *keys: str) -> bool:
        # Sorted: two processes claiming the same keys take their row locks in the same order.
        keys = tuple(sorted({k for k in keys if k}))
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
                "INSERT INTO slack_events (event_id) SELECT unnest(%s::text[]) ON CONFLICT (event_id) DO NOTHING",
                (list(keys),),
            )
            return cursor.rowcount == len(keys)

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
