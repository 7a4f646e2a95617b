"""The Slack event store on SQLite: each message claimed once, across restarts, under any of its keys.
(The PostgreSQL store is exercised by test_postgres_scale_out.py; turn locks by tests/infra.)"""

from __future__ import annotations

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
