"""The Slack bot end to end: the real Bolt app over real HTTP with signed requests, answering through
a fake Slack Web API on 127.0.0.1 that records every call.

Every turn here runs the offline advisor; the conversation state is in memory and the event
dedupe in SQLite under the test's data directory.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fakes.llm_server import fake_llm_server  # noqa: F401
from fakes.slack_api import (
    BOT_ID,
    BOT_USER,
    TEAM,
    USER,
    FakeSlackApi,
    deliver,
    mention,
    message,
    next_ts,
    slack_api,  # noqa: F401
    slash_command,
)

from agent.assemble import slack_credentials
from agent.frontends.slack.app import build_app
from agent.frontends.slack.http import make_http_server
from agent.frontends.slack.bot import THINKING_TEXT
from agent.frontends.slack.events import SqliteEventStore
from agent.infra.settings import Settings

SECRET = "test-signing-secret-8f3a"
TOKEN = "xoxb-test-bot-token-1234"
CHANNEL = "C0GENERAL"


class RunningBot:
    def __init__(self, api: FakeSlackApi, chat, data_dir, **options):
        settings = Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=api.url, data_dir=data_dir)
        self.api = api
        self.chat = chat
        self.events = SqliteEventStore(data_dir / "conversations.sqlite")
        self.app = build_app(chat, slack_credentials(settings), self.events, **options)
        self.server = make_http_server(self.app, SECRET, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.server_port}/slack/events"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def send(self, payload, **options):
        return deliver(self.url, SECRET, payload, **options)

    def ask(self, payload, timeout: float = 20.0) -> dict:
        """Deliver an event and wait for its answer (the thread's newest non-thinking message)."""
        event = payload["event"]
        thread_ts = event.get("thread_ts") or event["ts"]
        before = len(self.api.answers(event["channel"], thread_ts))
        assert self.send(payload).status == 200
        answers = self.api.wait_for(
            lambda: (a := self.api.answers(event["channel"], thread_ts)) and len(a) > before and a,
            timeout, f"an answer in thread {thread_ts}",
        )
        return answers[-1]

    def settle(self, channel: str = CHANNEL) -> None:
        """Wait until every event delivered so far has been handled: a last turn is the marker
        (listeners run in arrival order on a pool, and ignoring an event takes microseconds)."""
        self.ask(mention("Hello?", channel))

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.events.close()


@pytest.fixture
def bot(slack_api, offline_chat, isolated_environment):
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    yield running
    running.close()


def bot_posts(api: FakeSlackApi, thread_ts: str) -> list:
    return [c for c in api.calls("chat.postMessage") if c.params.get("thread_ts") == thread_ts and c.status == 200]


def test_a_mention_gets_one_threaded_reply_with_citations_and_the_cost_chart(bot, slack_api):
    event = mention("We want an internal Q&A bot for our staff. What do you recommend?")
    root = event["event"]["ts"]
    delivery = bot.send(event)
    assert delivery.status == 200
    assert delivery.elapsed_s < 1.0  # acknowledged before the turn runs
    # The thinking message appears in the thread first, and is then replaced by the answer.
    first = slack_api.wait_for(lambda: bot_posts(slack_api, root), what="the thinking message")[0]
    assert first.params["text"] == THINKING_TEXT
    assert first.headers["authorization"] == f"Bearer {TOKEN}"
    slack_api.wait_for(lambda: slack_api.calls("files.completeUploadExternal"), what="the chart upload")
    [answer] = slack_api.messages(CHANNEL, root)
    assert answer["updates"] == 1
    assert answer["text"] != THINKING_TEXT
    assert answer["blocks"][0] == {"type": "markdown", "text": answer["text"]}
    # Under a recommendation: the quick answers to its question, then Costs, Why, Sources and Memo.
    views = next(b for b in answer["blocks"] if b.get("block_id") == "crossroads_views")
    assert [e["text"]["text"] for e in views["elements"]] == ["Costs", "Why", "Sources", "Memo"]
    assert "**Sources**" in answer["text"] and "[1]" in answer["text"]
    assert "better prompting" in answer["text"]
    assert len(bot_posts(slack_api, root)) == 1
    # The chart: an upload URL, the PNG bytes, then the file shared into the same thread.
    [upload] = slack_api.calls("upload")
    assert upload.body.startswith(b"\x89PNG")
    [complete] = slack_api.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == CHANNEL
    assert complete.params["thread_ts"] == root
    # The conversation is stored under the thread id built from team, channel and thread_ts.
    assert bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")["recommendation"] is not None


def test_follow_ups_in_the_thread_continue_the_conversation_without_a_mention(bot, slack_api):
    start = mention("We're building a support bot for our customers.")
    root = start["event"]["ts"]
    assert bot.ask(start)["text"].rstrip().endswith("?")
    reply = bot.ask(message("Around 120k requests a day.", thread_ts=root))
    assert "120,000" in reply["text"]
    snapshot = bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")
    assert snapshot["turns"] == 2
    assert snapshot["profile"]["queries_per_day"] == pytest.approx(120_000)
    assert "support" in snapshot["profile"]["use_case"]
    # Channel chatter is not for the bot: a top-level message, and a reply in someone else's thread.
    other_root = next_ts()
    bot.send(message("Lunch anyone?"))
    bot.send(message("Sure, 12:30.", thread_ts=other_root))
    bot.settle()
    assert bot_posts(slack_api, other_root) == []
    assert len(slack_api.answers(CHANNEL, root)) == 2


def test_direct_messages_are_answered_in_a_thread(bot, slack_api):
    dm = message("We're building a support bot for our customers.", channel="D0ALICE", channel_type="im")
    answer = bot.ask(dm)
    assert answer["thread_ts"] == dm["event"]["ts"]


def test_slack_retries_of_an_event_never_produce_a_second_reply(bot, slack_api):
    event = mention("We're building a support bot for our customers.")
    root = event["event"]["ts"]
    with ThreadPoolExecutor(4) as pool:
        deliveries = list(pool.map(lambda retry: bot.send(event, retry=retry), [None, 1, 2, 3]))
    assert [d.status for d in deliveries] == [200] * 4
    slack_api.wait_for(lambda: slack_api.answers(CHANNEL, root), what="the answer")
    bot.send(event, retry=3)
    bot.settle()
    assert len(bot_posts(slack_api, root)) == 1
    assert len(slack_api.messages(CHANNEL, root)) == 1
    assert bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")["turns"] == 1


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param({"signature": "v0=" + "0" * 64}, id="bad-signature"),
        # Seconds from now, resolved when the test runs (not at collection, minutes earlier).
        pytest.param({"timestamp": -6 * 60}, id="stale-timestamp"),
        pytest.param({"timestamp": 6 * 60}, id="future-timestamp"),
    ],
)
def test_unsigned_or_stale_requests_are_rejected_and_nothing_is_processed(bot, slack_api, tamper):
    if "timestamp" in tamper:
        tamper = {"timestamp": int(time.time()) + tamper["timestamp"]}
    event = mention("We want an internal Q&A bot. What do you recommend?")
    assert bot.send(event, **tamper).status == 401
    # The same body signed with the wrong secret is refused too.
    assert deliver(bot.url, "not-the-secret", event).status == 401
    bot.settle()
    assert bot_posts(slack_api, event["event"]["ts"]) == []
    assert bot.events.claim(event["event_id"])  # never claimed before: the request never got in


def test_bots_edits_and_deletions_are_ignored(bot, slack_api):
    start = mention("We're building a support bot for our customers.")
    root = start["event"]["ts"]
    bot.ask(start)
    ignored = [
        message("I am the bot", thread_ts=root, user=BOT_USER, bot_id=BOT_ID),
        message("Another app says hi", thread_ts=root, user=None, bot_id="B0OTHER", subtype="bot_message"),
        message("", thread_ts=root, user=None, subtype="message_changed",
                message={"type": "message", "user": USER, "text": "Around 120k a day.", "ts": root}),
        message("", thread_ts=root, user=None, subtype="message_deleted", deleted_ts=root),
        message("Alice joined", thread_ts=root, subtype="channel_join"),
        mention("A bot mentioning the bot", thread_ts=root, bot_id="B0OTHER"),
    ]
    for event in ignored:
        assert bot.send(event).status == 200
    bot.settle()
    assert len(slack_api.answers(CHANNEL, root)) == 1
    assert bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")["turns"] == 1


def test_a_mention_inside_a_known_thread_is_answered_once(bot, slack_api):
    """Slack sends both `app_mention` and `message` for a mention in a thread: one answer."""
    start = mention("We're building a support bot for our customers.")
    root = start["event"]["ts"]
    bot.ask(start)
    ts = next_ts()
    bot.send(message(f"<@{BOT_USER}> around 120k requests a day", ts=ts, thread_ts=root))
    bot.ask(mention("around 120k requests a day", ts=ts, thread_ts=root))
    bot.settle()
    assert len(slack_api.answers(CHANNEL, root)) == 2
    assert bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")["turns"] == 2


def test_a_rate_limited_call_is_retried_after_retry_after(bot, slack_api):
    slack_api.fail("chat.postMessage", status=429, retry_after=1)
    event = mention("We're building a support bot for our customers.")
    answer = bot.ask(event)
    assert answer["text"].rstrip().endswith("?")
    limited, retried = slack_api.calls("chat.postMessage")[:2]
    assert (limited.status, retried.status) == (429, 200)
    assert retried.at - limited.at >= 1.0


def test_not_in_channel_is_logged_with_what_to_do_and_the_bot_keeps_going(bot, slack_api, caplog):
    caplog.set_level(logging.ERROR, logger="agent.frontends.slack")
    slack_api.fail("chat.postMessage", error="not_in_channel", times=2)
    slack_api.fail("chat.update", error="not_in_channel")
    bot.send(mention("We're building a support bot for our customers.", channel="C0PRIVATE"))
    slack_api.wait_for(lambda: len(slack_api.calls("chat.postMessage")) >= 2, what="both attempts")
    bot.settle()
    refusals = [r.getMessage() for r in caplog.records if "not_in_channel" in r.getMessage()]
    assert refusals and all("/invite @Crossroads" in r for r in refusals)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def test_a_turn_that_fails_is_apologised_for_in_the_thread(slack_api, offline_chat, isolated_environment, caplog):
    class BrokenChat:
        engine = "offline"
        snapshot = offline_chat.snapshot

        def send(self, thread, text):
            raise RuntimeError("a bug in a turn")

    caplog.set_level(logging.ERROR, logger="agent.frontends.slack")
    running = RunningBot(slack_api, BrokenChat(), isolated_environment)
    try:
        answer = running.ask(mention("We're building a support bot for our customers."))
        assert answer["text"].startswith("Sorry, something went wrong")
        # The process is still serving: the next event is acknowledged and handled.
        assert running.send(mention("Still there?")).status == 200
        slack_api.wait_for(lambda: len(slack_api.calls("chat.update")) == 2, what="the second apology")
    finally:
        running.close()
    assert any("turn failed" in r.getMessage() for r in caplog.records)


def test_when_the_llm_is_down_the_thread_is_answered_by_the_offline_engine(slack_api, fake_llm_server, bundled_kb, isolated_environment):
    from agent.assemble import advisor_over, language_model
    from agent.conversation.graph import OUTAGE_NOTICE
    from agent.infra.llm import ProviderChoice

    choice = ProviderChoice("openai", "gpt-4.1-mini", "test")
    settings = Settings(openai_api_key="sk-test", openai_base_url=fake_llm_server.openai_base_url, llm_max_retries=0)
    chat = advisor_over(bundled_kb, language_model(choice, settings))
    fake_llm_server.fail_forever(503)
    running = RunningBot(slack_api, chat, isolated_environment)
    try:
        answer = running.ask(mention("We're building a support bot, about 120k requests a day."))
    finally:
        running.close()
    assert OUTAGE_NOTICE in answer["text"]
    assert "120,000" in answer["text"]


def test_the_cost_slash_command_answers_in_the_channel(bot, slack_api):
    delivery = bot.send(slash_command("cost 50k claude-haiku-4-5", slack_api.response_url("ok")), form=True)
    assert delivery.status == 200
    [response] = slack_api.wait_for(lambda: slack_api.calls("respond"), what="the command's response")
    assert response.params["response_type"] == "in_channel"
    text = response.params["text"]
    assert response.params["blocks"] == [{"type": "markdown", "text": text}]
    assert "50,000 queries a day on claude-haiku-4-5" in text
    assert "| RAG |" in text and "Break-even" in text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("help", "usage: `/crossroads cost"),
        ("cost lots", "queries per day: 'lots' is not a number"),
        ("cost 50000 no-such-model-xyz", "no model matching 'no-such-model-xyz'"),
    ],
)
def test_slash_command_mistakes_are_explained_to_the_user_alone(bot, slack_api, command, expected):
    assert bot.send(slash_command(command, slack_api.response_url("bad")), form=True).status == 200
    [response] = slack_api.wait_for(lambda: slack_api.calls("respond"), what="the command's response")
    assert response.params["response_type"] == "ephemeral"
    assert expected in response.params["text"]


def test_slacks_url_verification_is_answered_when_signed(bot):
    challenge = {"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    delivery = bot.send(challenge)
    assert delivery.status == 200
    assert challenge["challenge"] in delivery.body
    assert deliver(bot.url, "not-the-secret", challenge).status == 401


def test_the_health_check_answers_for_load_balancers(bot):
    import urllib.request

    with urllib.request.urlopen(bot.url.replace("/slack/events", "/healthz"), timeout=5) as response:
        assert (response.status, response.read()) == (200, b"ok")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({}, "SLACK_BOT_TOKEN is not set"),
        ({"slack_bot_token": TOKEN}, "SLACK_SIGNING_SECRET is not set"),
    ],
)
def test_missing_slack_settings_are_named(offline_chat, isolated_environment, settings, message):
    with pytest.raises(ValueError, match=message):
        build_app(offline_chat, slack_credentials(Settings(**settings)), SqliteEventStore(isolated_environment / "events.sqlite"))


def test_a_rejected_token_or_an_unreachable_api_is_a_clear_error(slack_api, offline_chat, isolated_environment):
    events = SqliteEventStore(isolated_environment / "events.sqlite")
    slack_api.fail("auth.test", error="invalid_auth")
    with pytest.raises(ValueError, match="SLACK_BOT_TOKEN was not accepted by the Slack API"):
        build_app(offline_chat, slack_credentials(Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=slack_api.url)), events)
    closed = FakeSlackApi()
    closed.close()
    with pytest.raises(ValueError, match=r"cannot reach the Slack API at http://127\.0\.0\.1:\d+/api/"):
        build_app(offline_chat, slack_credentials(Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=closed.url)), events)


def test_socket_mode_needs_no_signing_secret(slack_api, offline_chat, isolated_environment):
    settings = Settings(slack_bot_token=TOKEN, slack_app_token="xapp-1-test", slack_api_url=slack_api.url)
    app = build_app(offline_chat, slack_credentials(settings), SqliteEventStore(isolated_environment / "events.sqlite"), socket_mode=True)
    assert app.client.base_url == slack_api.url
    assert [c.method for c in slack_api.calls()] == ["auth.test"]


def test_crossroads_slack_without_socket_mode_or_http_says_what_to_set(isolated_environment):
    import argparse

    from agent.cli.slack import register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["slack"])
    with pytest.raises(ValueError, match="SLACK_BOT_TOKEN is not set"):
        args.handler(args, Settings())
    with pytest.raises(ValueError, match="SLACK_APP_TOKEN is not set.*crossroads slack --http"):
        args.handler(args, Settings(slack_bot_token=TOKEN))
    args = parser.parse_args(["slack", "--http"])
    with pytest.raises(ValueError, match="SLACK_SIGNING_SECRET is not set"):
        args.handler(args, Settings(slack_bot_token=TOKEN, slack_app_token="xapp-1-test"))
    args = parser.parse_args(["slack", "--http", "--port", "70000"])
    with pytest.raises(ValueError, match="--port: 70000"):
        args.handler(args, Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET))


def test_a_long_answer_is_split_into_several_messages_in_the_thread(bot, slack_api, monkeypatch):
    from agent.frontends.slack import bot as slack_bot

    monkeypatch.setattr(slack_bot, "MARKDOWN_LIMIT", 350)
    event = mention("We want an internal Q&A bot for our staff. What do you recommend?")
    root = event["event"]["ts"]
    bot.send(event)
    slack_api.wait_for(lambda: slack_api.calls("files.completeUploadExternal"), what="the chart upload")
    thread = slack_api.messages(CHANNEL, root)
    assert len(thread) >= 4
    assert thread[0]["updates"] == 1 and all(m["updates"] == 0 for m in thread[1:])
    assert all(len(m["text"]) <= 350 and m["blocks"][0] == {"type": "markdown", "text": m["text"]} for m in thread)
    # The buttons go under the last piece only.
    assert [len(m["blocks"]) > 1 for m in thread] == [False] * (len(thread) - 1) + [True]
    from agent.conversation.templates import DETAILS_LINE

    full = bot.chat.snapshot(f"slack:{TEAM}:{CHANNEL}:{root}")["last_reply"]["text"]
    # Under a recommendation the pointer to the details names the buttons instead of commands.
    full = full.replace(DETAILS_LINE, slack_bot.SLACK_DETAILS_LINE)
    # Nothing lost or reordered: the pieces are the answer, cut only at line breaks.
    assert [line for m in thread for line in m["text"].splitlines() if line] == [line for line in full.splitlines() if line]


def test_when_the_thinking_message_cannot_be_replaced_the_answer_is_posted(bot, slack_api):
    slack_api.fail("chat.update", error="message_not_found")
    event = mention("We're building a support bot for our customers.")
    root = event["event"]["ts"]
    bot.send(event)
    slack_api.wait_for(lambda: len(slack_api.messages(CHANNEL, root)) == 2, what="the answer posted anew")
    thinking, answer = slack_api.messages(CHANNEL, root)
    assert thinking["text"] == THINKING_TEXT
    assert answer["text"].rstrip().endswith("?")
