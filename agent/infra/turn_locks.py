"""One turn of a conversation at a time, across every process that shares its store.

A turn reads a thread's state, runs, and writes the new state: two turns of one thread at once would
both start from the same state and the second write would erase the first. `hold(thread_id)` is
held for the whole turn by every front-end (`Chat.send` takes it), so the second waits:

- `FileTurnLocks` (the SQLite store): a POSIX record lock on one byte of a lock file beside the
  database (`conversations.sqlite.lock`), at an offset hashed from the thread id, under a
  process-local lock for that thread (record locks belong to a process, not to a thread of it).
  The kernel drops a dead process's locks.
- `PostgresTurnLocks` (`CROSSROADS_DATABASE_URL`): a session advisory lock keyed by the thread id,
  the same key the Slack front-end always took, so every replica and every `crossroads ask` agree.
  The server drops a dead session's locks.

Both are reentrant within one OS thread (the Slack bot holds the lock around a snapshot and the
turn), and give up after `wait_s` with a `TimeoutError` that says what to do.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

# A turn waits this long for the turn before it (an LLM turn of a minute, a queue of them) before
# giving up with a message; a crashed holder's lock is released by the kernel or the server.
TURN_WAIT_S = 600.0
_POLL_S = (0.002, 0.05)  # first and longest pause between two tries


def _waited_too_long(thread_id: str, wait_s: float) -> TimeoutError:
    return TimeoutError(
        f"another turn of conversation {thread_id} has been running for over {wait_s:.0f} s; "
        "wait for its answer, then send this message again"
    )


class _LocalLocks:
    """A lock per thread id within this process, reentrant per OS thread; an entry lives only while
    someone holds or waits for it, so memory stays bounded however many threads a bot sees."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._entries: dict[str, list[Any]] = {}  # thread id -> [lock, users]
        self._held = threading.local()

    def held(self, thread_id: str) -> bool:
        return thread_id in getattr(self._held, "ids", ())

    @contextmanager
    def hold(self, thread_id: str, wait_s: float) -> Iterator[None]:
        with self._guard:
            entry = self._entries.setdefault(thread_id, [threading.Lock(), 0])
            entry[1] += 1
        try:
            if not entry[0].acquire(timeout=wait_s):
                raise _waited_too_long(thread_id, wait_s)
            ids = self._held.__dict__.setdefault("ids", set())
            ids.add(thread_id)
            try:
                yield
            finally:
                ids.discard(thread_id)
                entry[0].release()
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._entries[thread_id]


class LocalTurnLocks:
    """Turn locks for a store only this process uses (conversations in memory: evals, tests)."""

    def __init__(self, wait_s: float = TURN_WAIT_S) -> None:
        self._local = _LocalLocks()
        self.wait_s = wait_s

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        if self._local.held(thread_id):
            yield
            return
        with self._local.hold(thread_id, self.wait_s):
            yield

    def close(self) -> None:
        pass


def _offset(thread_id: str) -> int:
    # The same thread id gives the same byte in every process (Python's hash() is salted per process).
    return int.from_bytes(hashlib.blake2b(thread_id.encode("utf-8"), digest_size=8).digest(), "big") >> 2


class FileTurnLocks:
    """Turn locks across the processes sharing one SQLite file: a record lock per thread on the
    lock file `path` (created if missing)."""

    def __init__(self, path: Path, wait_s: float = TURN_WAIT_S) -> None:
        self.path = Path(path)
        self.wait_s = wait_s
        self._local = _LocalLocks()
        # One descriptor for the life of the store: closing any descriptor of the file would drop
        # every record lock this process holds on it.
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        import fcntl

        if self._local.held(thread_id):
            yield
            return
        deadline = time.monotonic() + self.wait_s
        with self._local.hold(thread_id, self.wait_s):
            offset = _offset(thread_id)
            pause = _POLL_S[0]
            while True:
                try:
                    fcntl.lockf(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
                    break
                except (BlockingIOError, PermissionError):  # held by another process
                    if time.monotonic() > deadline:
                        raise _waited_too_long(thread_id, self.wait_s) from None
                    time.sleep(pause)
                    pause = min(pause * 2, _POLL_S[1])
            try:
                yield
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, offset)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class PostgresTurnLocks:
    """Turn locks across every process on one PostgreSQL: a session advisory lock per thread, held
    on a pooled connection for the turn."""

    def __init__(self, pool: Any, wait_s: float = TURN_WAIT_S) -> None:
        self._pool = pool
        self.wait_s = wait_s
        self._local = _LocalLocks()

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        from psycopg.rows import tuple_row

        if self._local.held(thread_id):
            yield
            return
        deadline = time.monotonic() + self.wait_s
        # Turns of one thread in this process queue on the local lock, not on the pool.
        with self._local.hold(thread_id, self.wait_s), self._pool.connection() as conn:
            cursor = conn.cursor(row_factory=tuple_row)
            pause = _POLL_S[0]
            # Polled rather than blocking in pg_advisory_lock: a statement blocked on a lock holds a
            # snapshot, which would stall another replica's CREATE INDEX CONCURRENTLY at start-up.
            while not cursor.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (thread_id,)).fetchone()[0]:
                if time.monotonic() > deadline:
                    raise _waited_too_long(thread_id, self.wait_s)
                time.sleep(pause)
                pause = min(pause * 2, _POLL_S[1])
            try:
                yield
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (thread_id,))

    def close(self) -> None:
        pass  # the pool is closed by whoever opened it
