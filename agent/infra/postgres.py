"""PostgreSQL for state shared by several processes: connection pools, and schema set-up that
replicas starting together perform one at a time.

Used by the conversation checkpointer (`agent.infra.storage.open_checkpointer`) and the Slack event store.
psycopg is imported inside functions; nothing connects at import.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator

CONNECT_TIMEOUT_S = 15
# Any fixed number, the same in every process: it names the lock held while a schema is set up.
_SETUP_LOCK = 7_204_173


def open_pool(url: str, *, name: str, max_size: int, dict_rows: bool = False) -> Any:
    """An open psycopg pool in autocommit mode, without server-side prepared statements (so that
    PgBouncer in transaction mode works). ValueError naming the setting when the server is out of
    reach; the URL is never echoed, since it may hold a password."""
    from psycopg_pool import ConnectionPool, PoolTimeout

    kwargs: dict[str, Any] = {"autocommit": True, "prepare_threshold": None}
    if dict_rows:
        from psycopg.rows import dict_row

        kwargs["row_factory"] = dict_row
    pool = ConnectionPool(url, min_size=1, max_size=max_size, kwargs=kwargs, open=False, name=name)
    try:
        pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
    except PoolTimeout:
        pool.close()
        raise ValueError(
            f"CROSSROADS_DATABASE_URL: cannot connect to PostgreSQL within {CONNECT_TIMEOUT_S} s; "
            "check the host, port, user, password and database name"
        ) from None
    return pool


@contextmanager
def schema_setup(pool: Any, timeout_s: float = 120.0) -> Iterator[None]:
    """Held while creating or migrating tables, so that replicas starting together do it in turn
    (concurrent CREATE TABLE IF NOT EXISTS can fail on a duplicate type)."""
    from psycopg.rows import tuple_row

    with pool.connection() as conn:
        cursor = conn.cursor(row_factory=tuple_row)
        deadline = time.monotonic() + timeout_s
        # Poll rather than block in pg_advisory_lock: a session blocked in a statement holds a
        # snapshot, and the holder's CREATE INDEX CONCURRENTLY (LangGraph's migrations) would wait
        # for that snapshot forever.
        while not cursor.execute("SELECT pg_try_advisory_lock(%s)", (_SETUP_LOCK,)).fetchone()[0]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"another process has been setting up the database for over {timeout_s:.0f} s")
            time.sleep(0.05)
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))
