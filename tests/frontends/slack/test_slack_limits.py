"""Fairness and limits in the Slack bot: token buckets per user and per workspace, a polite "one
moment" (once per wait) instead of silent queuing, a bounded queue, turns served round-robin by
user; and duplicates of one message (a new event id, a DM's two events) answered once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fakes.slack_api import TEAM, mention, message, next_ts, slack_api  # noqa: F401
from test_slack_bot import CHANNEL, RunningBot

from agent.frontends.slack.limits import Admission, FairTurns, SlackLimits


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_person_gets_a_burst_then_one_message_per_interval():
    clock = Clock()
    admission = Admission(SlackLimits(user_per_minute=10, team_per_minute=1000, max_queued=100), clock)
    assert [admission.admit("U1", "T1", 0) for _ in range(10)] == [None] * 10
    refused = admission.admit("U1", "T1", 0)
    assert (refused.who, refused.tell) == ("user", True) and refused.retry_s == pytest.approx(6.0)
    # Told once per wait: the rest of a burst is dropped quietly.
    assert admission.admit("U1", "T1", 0).tell is False
    assert admission.admit("U2", "T1", 0) is None  # someone else is unaffected
    clock.now += 6.0
    assert admission.admit("U1", "T1", 0) is None
    assert admission.admit("U1", "T1", 0).who == "user"


def test_a_workspace_has_its_own_bucket_and_the_queue_a_bound():
    clock = Clock()
    admission = Admission(SlackLimits(user_per_minute=100, team_per_minute=3, max_queued=5), clock)
    assert [admission.admit(f"U{n}", "T1", 0) for n in range(3)] == [None] * 3
    refused = admission.admit("U9", "T1", 0)
    assert refused.who == "team" and refused.retry_s == pytest.approx(20.0)
    assert admission.admit("U9", "T2", 0) is None  # another workspace
    assert admission.admit("U8", "T3", 5).who == "busy"
    assert admission.admit("U8", "T3", 4) is None


def test_limits_must_be_positive():
    with pytest.raises(ValueError, match="must be positive"):
        SlackLimits(user_per_minute=0)


def test_queued_turns_are_served_round_robin_by_user():
    ran: list[str] = []
    started, gate = threading.Event(), threading.Event()
    pool = ThreadPoolExecutor(1)
    try:
        turns = FairTurns(pool)
        turns.submit("blocker", lambda: (started.set(), gate.wait(10)))
        assert started.wait(5)
        for n in range(5):
            turns.submit("alice", lambda n=n: ran.append(f"alice{n}"))
        turns.submit("bob", lambda: ran.append("bob"))
        assert turns.waiting == 6
    finally:
        gate.set()
        pool.shutdown(wait=True)
    assert ran == ["alice0", "bob", "alice1", "alice2", "alice3", "alice4"]
    assert turns.waiting == 0


@pytest.fixture
def bot(slack_api, offline_chat, isolated_environment):
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    yield running
    running.close()


def test_one_persons_burst_gets_one_moment_and_never_starves_another(bot, slack_api):
    roots = [next_ts() for _ in range(30)]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda root: bot.send(mention("We're building a support bot.", ts=root, user="U0GREEDY")).status, roots))
    assert statuses == [200] * 30
    other = bot.ask(mention("We want an internal Q&A bot for our staff.", user="U0POLITE"))
    assert "one moment" not in other["text"].lower()
    bot.settle()
    time.sleep(0.5)
    replies = [m["text"] for root in roots for m in slack_api.messages(CHANNEL, root)]
    moments = [t for t in replies if t.startswith("One moment")]
    assert len(moments) == 1 and "send that again in about" in moments[0]
    answered = [t for t in replies if not t.startswith("One moment")]
    assert len(answered) == 10  # the burst a person is allowed (SlackLimits.user_per_minute)


def test_a_full_queue_says_one_moment(slack_api, offline_chat, isolated_environment):
    gate = threading.Event()
    turns = ThreadPoolExecutor(1)
    turns.submit(gate.wait, 20)  # the only turn worker is busy
    running = RunningBot(slack_api, offline_chat, isolated_environment, turns=turns, limits=SlackLimits(max_queued=2))
    try:
        roots = [next_ts() for _ in range(3)]
        for n, root in enumerate(roots):
            assert running.send(mention("We're building a support bot.", ts=root, user=f"U{n}")).status == 200
            slack_api.wait_for(lambda root=root: slack_api.messages(CHANNEL, root), what="a reply")
        assert slack_api.messages(CHANNEL, roots[2])[0]["text"].startswith("One moment: I'm answering a lot of conversations")
        assert [m["text"] for m in slack_api.messages(CHANNEL, roots[0])] == ["_Thinking…_"]
    finally:
        gate.set()
        running.close()
        turns.shutdown(wait=True)
    assert slack_api.answers(CHANNEL, roots[0])  # answered once the worker was free


def test_a_message_resent_under_a_new_event_id_is_answered_once(bot, slack_api):
    ts = next_ts()
    first = mention("We're building a support bot for our customers.", ts=ts, client_msg_id="c0ffee-1")
    again = mention("We're building a support bot for our customers.", ts=next_ts(), client_msg_id="c0ffee-1")
    assert first["event_id"] != again["event_id"]
    bot.ask(first)
    assert bot.send(again).status == 200
    bot.settle()
    assert len(slack_api.answers(CHANNEL, ts)) == 1
    assert slack_api.messages(CHANNEL, again["event"]["ts"]) == []


def test_a_dm_delivered_as_message_and_app_mention_is_answered_once(bot, slack_api):
    ts = next_ts()
    text = "<@U0BOT> We're building a support bot for our customers."
    as_message = message(text, channel="D0ALICE", channel_type="im", ts=ts, client_msg_id="dm-1")
    as_mention = mention("We're building a support bot for our customers.", channel="D0ALICE", ts=ts, client_msg_id="dm-1")
    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda event: bot.send(event).status, [as_message, as_mention])) == [200, 200]
    slack_api.wait_for(lambda: slack_api.answers("D0ALICE", ts), what="the answer")
    bot.settle()
    assert len(slack_api.messages("D0ALICE", ts)) == 1
    assert bot.chat.snapshot(f"slack:{TEAM}:D0ALICE:{ts}")["turns"] == 1
