"""The Slack bot's pure parts: which events are for the advisor, splitting long answers, the slash
command's arguments, and keeping secrets out of logs."""

from __future__ import annotations

import json
import logging

import pytest
from fakes.slack_api import BOT_ID, BOT_USER, TEAM, mention, message

from agent.infra.logs import SecretFilter
from agent.frontends.slack.messages import MARKDOWN_LIMIT, incoming_message, parse_cost_command, split_markdown

ROOT = "1700000000.000100"
LATER = "1700000050.000100"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (mention("hi there", ts=ROOT), ("hi there", ROOT, False)),
        (mention("and then?", ts=LATER, thread_ts=ROOT), ("and then?", ROOT, False)),
        (message("hello", channel="D1", channel_type="im", ts=ROOT), ("hello", ROOT, False)),
        (message(f"<@{BOT_USER}> hello", channel="D1", channel_type="im", ts=ROOT), ("hello", ROOT, False)),
        (message("in a thread", ts=LATER, thread_ts=ROOT), ("in a thread", ROOT, True)),
        (message("shared too", ts=LATER, thread_ts=ROOT, subtype="thread_broadcast"), ("shared too", ROOT, True)),
        (message("with a file", ts=LATER, thread_ts=ROOT, subtype="file_share"), ("with a file", ROOT, True)),
        (message("ask <@U0CAROL> too", ts=LATER, thread_ts=ROOT), ("ask <@U0CAROL> too", ROOT, True)),
        # Not for the advisor:
        (message("top-level chatter", ts=ROOT), None),
        (message(f"<@{BOT_USER}> in a thread", ts=LATER, thread_ts=ROOT), None),  # its app_mention counts
        (message("me", ts=LATER, thread_ts=ROOT, user=BOT_USER), None),
        (message("bot", ts=LATER, thread_ts=ROOT, user=None, bot_id=BOT_ID, subtype="bot_message"), None),
        (message("other bot", ts=LATER, thread_ts=ROOT, bot_id="B0OTHER"), None),
        (mention("bot mention", ts=LATER, bot_id="B0OTHER"), None),
        (message("", ts=LATER, thread_ts=ROOT, user=None, subtype="message_changed"), None),
        (message("", ts=LATER, thread_ts=ROOT, user=None, subtype="message_deleted"), None),
        (message("edited", ts=LATER, thread_ts=ROOT, subtype="message_changed"), None),
        (message("joined", ts=LATER, thread_ts=ROOT, subtype="channel_join"), None),
    ],
)
def test_which_events_are_for_the_advisor(body, expected):
    incoming = incoming_message(body, BOT_USER)
    if expected is None:
        assert incoming is None
        return
    text, thread_ts, only_if_known = expected
    assert (incoming.text, incoming.thread_ts, incoming.only_if_known) == (text, thread_ts, only_if_known)
    assert incoming.event_id == body["event_id"]
    assert incoming.thread == f"slack:{TEAM}:{body['event']['channel']}:{thread_ts}"


def test_a_short_answer_is_one_piece():
    assert split_markdown("  One paragraph.\n\nTwo.  ") == ["One paragraph.\n\nTwo."]
    assert split_markdown("   ") == []


def test_long_answers_split_between_paragraphs_and_keep_tables_whole():
    table = "| Option | Cost |\n| --- | ---: |\n" + "\n".join(f"| option {i} | ${i},000 |" for i in range(40))
    paragraphs = [("Intro paragraph " * 30).strip(), table, ("Closing words " * 40).strip(), "**Sources**\n[1] A source"]
    text = "\n\n".join(paragraphs)
    pieces = split_markdown(text, limit=1000)
    assert all(0 < len(p) <= 1000 for p in pieces)
    assert table in pieces  # never cut through the table
    assert "\n\n".join(pieces) == text


def test_a_paragraph_longer_than_the_limit_is_cut_between_lines_then_words():
    lines = "\n".join(f"- line {i} " + "word " * 20 for i in range(30))
    pieces = split_markdown(lines, limit=500)
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.startswith("- line") for p in pieces)
    words = split_markdown("word " * 1000, limit=120)
    assert all(len(p) <= 120 and not p.startswith(" ") for p in words)
    assert " ".join(words).split() == ["word"] * 1000
    assert split_markdown("x" * 250, limit=100) == ["x" * 100, "x" * 100, "x" * 50]


def test_the_default_limit_is_slacks_markdown_block_limit():
    paragraph = ("A sentence of an answer. " * 40).strip()  # 999 characters
    pieces = split_markdown("\n\n".join([paragraph] * 60))
    # 11 paragraphs and their separators fill 11,009 characters; a 12th would pass 12,000.
    assert [len(p) for p in pieces] == [11_009] * 5 + [5_003]
    assert MARKDOWN_LIMIT == 12_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cost 50000", (50_000, None)),
        ("cost 50,000 claude-haiku-4-5", (50_000, "claude-haiku-4-5")),
        ("COST 50k sonnet 4.5", (50_000, "sonnet 4.5")),
        ("cost 1.2M", (1_200_000, None)),
    ],
)
def test_cost_command_arguments(text, expected):
    volume, model = parse_cost_command(text)
    assert (volume, model) == (pytest.approx(expected[0]), expected[1])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "usage: `/crossroads cost <queries per day> [model]`"),
        ("cost", "usage:"),
        ("price 50000", "usage:"),
        ("cost fifty", "queries per day: 'fifty' is not a number"),
        ("cost 0", "queries per day: give a volume above zero"),
    ],
)
def test_cost_command_mistakes_say_how_to_write_it(text, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_cost_command(text)


def test_secrets_and_token_shaped_strings_never_reach_a_log(caplog):
    logger = logging.getLogger("test.secrets")
    redactor = SecretFilter(["s3cret-signing", "postgresql://u:longpassword@db/x", "s"])
    caplog.handler.addFilter(redactor)
    try:
        logger.error("signing %s at %s", "s3cret-signing", "postgresql://u:longpassword@db/x")
        logger.error("connecting to postgresql://crossroads:pw@127.0.0.1:5432/postgres")
        logger.error("token xoxb-123-456-abcDEF and app token xapp-1-A0-99-ff in a message")
        try:
            raise RuntimeError("bad token xoxb-999-888-zzz")
        except RuntimeError:
            logger.exception("failed")
    finally:
        caplog.handler.removeFilter(redactor)
    text = caplog.text
    for secret in ("s3cret-signing", "longpassword", ":pw@", "xoxb-", "xapp-"):
        assert secret not in text
    assert "postgresql://crossroads:[redacted]@127.0.0.1:5432/postgres" in text
    assert "connecting" in text  # a too-short "secret" is not blanked out of every word
    assert text.count("[redacted]") == 7  # the traceback shows the token twice: source line and message
    assert "RuntimeError" in text  # the traceback itself is kept


def test_the_manifest_subscribes_to_what_the_bot_handles():
    from pathlib import Path

    manifest = json.loads((Path(__file__).resolve().parents[3] / "agent" / "frontends" / "slack" / "manifest.json").read_text())
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels", "message.groups"} <= events
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "files:write", "commands", "im:history", "channels:history"} <= scopes
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/crossroads"
    assert manifest["settings"]["socket_mode_enabled"] is True
    # Buttons (quick answers, Costs/Why/Sources/Memo) need interactivity; the assistant thread's status
    # and suggested prompts need the assistant feature, its scope and its event.
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert "assistant_view" in manifest["features"] and "assistant:write" in scopes
    assert "assistant_thread_started" in events
