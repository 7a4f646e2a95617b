"""How much of one bot process a person or a workspace may take: token buckets per user and per
workspace, a bound on the turns waiting to run, and turns served fairly between users.

Pure bookkeeping with a clock, no Slack: `Admission.admit(user, team)` says whether a message may
become a turn now, or why not and for how long; `FairTurns` runs queued turns round-robin by user,
so one person's burst never holds everyone else behind it. Limits are per process: with several
replicas behind a load balancer each applies its own.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

# Buckets of people not seen for a while are forgotten first once this many are tracked.
MAX_TRACKED = 10_000


@dataclass(frozen=True)
class SlackLimits:
    """Defaults sized for a team: each person may send `user_per_minute` messages in a burst and as
    many a minute after that; the whole workspace `team_per_minute`; at most `max_queued` turns
    wait in one process. Configurable with CROSSROADS_SLACK_USER_PER_MINUTE,
    CROSSROADS_SLACK_TEAM_PER_MINUTE and CROSSROADS_SLACK_MAX_QUEUED."""

    user_per_minute: float = 10
    team_per_minute: float = 120
    max_queued: int = 50

    def __post_init__(self) -> None:
        if self.user_per_minute <= 0 or self.team_per_minute <= 0 or self.max_queued < 1:
            raise ValueError("Slack limits must be positive (messages per minute > 0, max queued >= 1)")


@dataclass(frozen=True)
class Refusal:
    """Why a message was not taken: `who` is "user", "team" or "busy"; `retry_s` when to send again;
    `tell` is False when the sender was already told within this wait."""

    who: str
    retry_s: float
    tell: bool = True


class TokenBuckets:
    """A bucket of `capacity` tokens per key, refilled at `capacity` per minute."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = float(per_minute) / 60.0
        self._clock = clock
        self._buckets: OrderedDict[str, list[float]] = OrderedDict()  # key -> [tokens, at]

    def _refilled(self, key: str) -> list[float]:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = [self.capacity, now]
            while len(self._buckets) > MAX_TRACKED:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket[0] = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
        return bucket

    def wait_s(self, key: str) -> float:
        """Seconds until `key` has a whole token (0: it has one now)."""
        tokens = self._refilled(key)[0]
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def take(self, key: str) -> None:
        self._refilled(key)[0] -= 1


class Admission:
    """Per-user and per-workspace buckets and the bound on queued turns, for one process."""

    def __init__(self, limits: SlackLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._users = TokenBuckets(limits.user_per_minute, clock)
        self._teams = TokenBuckets(limits.team_per_minute, clock)
        self._told: OrderedDict[str, float] = OrderedDict()  # who was told to wait, until when
        self._lock = threading.Lock()

    def admit(self, user: str, team: str, queued: int) -> Refusal | None:
        """None if a message from `user` in `team` may become a turn now (with `queued` turns
        already waiting); else why not. A refused message takes no token."""
        user_key, team_key = f"{team}:{user}", team
        with self._lock:
            refusal = None
            if (wait := self._users.wait_s(user_key)) > 0:
                refusal = Refusal("user", wait)
            elif (wait := self._teams.wait_s(team_key)) > 0:
                refusal = Refusal("team", wait)
            elif queued >= self.limits.max_queued:
                refusal = Refusal("busy", 30.0)
            if refusal is None:
                self._users.take(user_key)
                self._teams.take(team_key)
                return None
            # One "one moment" per person per wait: a burst of sixty gets one reply, not sixty.
            now = self._clock()
            told_key = f"{refusal.who}:{user_key}"
            if self._told.get(told_key, 0.0) > now:
                return Refusal(refusal.who, refusal.retry_s, tell=False)
            self._told[told_key] = now + max(refusal.retry_s, 5.0)
            while len(self._told) > MAX_TRACKED:
                self._told.popitem(last=False)
            return refusal


class FairTurns:
    """Turns queued per user and run on `executor` round-robin across users: the next free worker
    takes the oldest turn of the user served least recently, not the oldest turn overall."""

    def __init__(self, executor: "Executor") -> None:
        self._executor = executor
        self._lock = threading.Lock()
        self._queues: OrderedDict[str, deque[Callable[[], None]]] = OrderedDict()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Turns submitted and not yet started."""
        return self._waiting

    def submit(self, user: str, work: Callable[[], None]) -> "Future[Any]":
        with self._lock:
            self._queues.setdefault(user, deque()).append(work)
            self._waiting += 1
        # One runner per queued turn: each takes whichever turn is fairest when a worker frees.
        return self._executor.submit(self._run_next)

    def _run_next(self) -> None:
        with self._lock:
            user, queue = next(iter(self._queues.items()))
            work = queue.popleft()
            del self._queues[user]
            if queue:  # back of the line for this user's next turn
                self._queues[user] = queue
            self._waiting -= 1
        work()
