"""Where conversations persist: LangGraph checkpointers on SQLite (one machine) or PostgreSQL
(several processes). Connections close with the `ExitStack` they are opened under."""

from __future__ import annotations

import sqlite3
from contextlib import ExitStack
from pathlib import Path
from typing import Any


def conversations_path(data_dir: Path) -> Path:
    """The SQLite file that holds conversations (and the Slack event records beside them)."""
    return Path(data_dir) / "conversations.sqlite"


def open_checkpointer(database_url: str | None, data_dir: Path, closer: ExitStack) -> Any:
    """Where conversations persist: PostgreSQL at `database_url` when given (several processes share
    threads), else SQLite under the data directory (one machine). Both survive restarts."""
    if database_url is not None:
        return _postgres_checkpointer(database_url, closer)
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = conversations_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The saver serialises access with its own lock, so one connection can serve several threads.
    conn = sqlite3.connect(path, check_same_thread=False)
    closer.callback(conn.close)
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


def _postgres_checkpointer(url: str, closer: ExitStack) -> Any:
    from langgraph.checkpoint.postgres import PostgresSaver

    from agent.infra.postgres import open_pool, schema_setup

    # The saver serialises its own queries with a lock: two connections are plenty (the second
    # is used while the schema is set up).
    pool = open_pool(url, name="crossroads-checkpoints", max_size=2, dict_rows=True)
    closer.callback(pool.close)
    saver = PostgresSaver(pool)
    with schema_setup(pool):
        saver.setup()
    return saver
