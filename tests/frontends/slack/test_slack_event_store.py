"""The Slack event store on SQLite: each event claimed once, across restarts, and one turn at a time
per thread. (The PostgreSQL store is exercised by test_postgres_scale_out.py.)"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from agent.assemble import open_slack_event_store
from agent.frontends.slack.events import SqliteEventStore
from agent.infra.settings import Settings


def test_an_event_is_claimed_once_even_after_a_restart(isolated_environment):
    with ExitStack() as closer:
        store = open_slack_event_store(Settings(), closer, connections=2)
        assert store.claim("Ev1") is True
        assert store.claim("Ev1") is False
        assert store.claim("Ev2") is True
    # The records live beside the conversations, so a restarted bot remembers them.
    assert (isolated_environment / "conversations.sqlite").exists()
    with ExitStack() as closer:
        store = open_slack_event_store(Settings(), closer, connections=2)
        assert store.claim("Ev1") is False


def test_concurrent_deliveries_of_one_event_are_claimed_once(isolated_environment):
    stores = [SqliteEventStore(isolated_environment / "events.sqlite") for _ in range(2)]
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda i: stores[i % 2].claim("EvRace"), range(8)))
    finally:
        for store in stores:
            store.close()
    assert results.count(True) == 1


def test_turns_of_one_thread_never_overlap(isolated_environment):
    store = SqliteEventStore(isolated_environment / "events.sqlite")
    inside = 0
    most = 0
    guard = threading.Lock()

    def turn(_):
        nonlocal inside, most
        with store.thread_turn("slack:T:C:1.0"):
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.01)
            with guard:
                inside -= 1

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(turn, range(12)))
    store.close()
    assert most == 1
