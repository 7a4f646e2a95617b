"""Slack messages as the advisor sees them, pure parsing with no I/O: which events are messages for
the advisor and where their conversation lives, Markdown cut to Slack's limits, and the
`/crossroads cost` command's arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.understand.quantities import parse_count

# A `markdown` block holds at most 12,000 characters, and so do all markdown blocks of one message.
MARKDOWN_LIMIT = 12_000
# deletion, a join notice or a bot.
_PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")



@dataclass(frozen=True)
class Incoming:
    """A message meant for the advisor, and where its conversation lives."""

    event_id: str
    team: str
    channel: str
    thread_ts: str
    text: str
    # Thread replies without a mention count only in threads that already are conversations.
    only_if_known: bool
    user: str = ""
    ts: str = ""
    # Slack's id of the message as the user's client sent it: the same on a re-send.
    client_msg_id: str | None = None

    @property
    def thread(self) -> str:
        return f"slack:{self.team}:{self.channel}:{self.thread_ts}"

    def claim_keys(self) -> tuple[str, ...]:
        """Every id under which this message may arrive again: its event id, its place in the
        channel (the same in its `app_mention` and `message` events) and its client message id."""
        keys = [self.event_id]
        if self.ts:
            keys.append(f"message:{self.team}:{self.channel}:{self.ts}")
        if self.client_msg_id:
            keys.append(f"client:{self.team}:{self.client_msg_id}")
        return tuple(keys)


def incoming_message(body: dict[str, Any], bot_user_id: str | None) -> Incoming | None:
    """The advisor's view of an `app_mention` or `message` event callback; None when it is not for
    the advisor: bots (this one included), edits, deletions, channel chatter outside threads, and
    thread messages that mention the bot (their `app_mention` event carries them)."""
    event = body.get("event") or {}
    if event.get("bot_id") or event.get("subtype") not in _PERSON_SUBTYPES or not event.get("user"):
        return None
    if bot_user_id and event.get("user") == bot_user_id:
        return None
    ts = event.get("ts")
    channel = event.get("channel")
    if not ts or not channel:
        return None
    thread_ts = event.get("thread_ts") or ts
    raw = event.get("text") or ""
    mentioned = bool(bot_user_id) and any(user == bot_user_id for user in _MENTION.findall(raw))
    text = _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), raw).strip()
    team = body.get("team_id") or event.get("team") or ""
    event_id = body.get("event_id") or f"{channel}:{ts}"
    who = {"user": str(event["user"]), "ts": str(ts), "client_msg_id": event.get("client_msg_id") or None}
    if event.get("type") == "app_mention":
        return Incoming(event_id, team, channel, thread_ts, text, only_if_known=False, **who)
    if event.get("type") != "message":
        return None
    if event.get("channel_type") == "im":
        return Incoming(event_id, team, channel, thread_ts, text, only_if_known=False, **who)
    if thread_ts == ts or mentioned:
        return None
    return Incoming(event_id, team, channel, thread_ts, text, only_if_known=True, **who)


def split_markdown(text: str, limit: int = MARKDOWN_LIMIT) -> list[str]:
    """Markdown cut into pieces of at most `limit` characters: between paragraphs where possible,
    else between lines, else between words, else anywhere (a table or list stays whole if it fits)."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    for separator in ("\n\n", "\n", " "):
        parts = text.split(separator)
        if len(parts) > 1:
            break
    else:
        return [text[:limit], *split_markdown(text[limit:], limit)]
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{separator}{part}" if current else part
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = part
    pieces.append(current)
    # A piece longer than the limit is one paragraph (or line): cut it at the next finer separator.
    return [piece for long in pieces for piece in split_markdown(long, limit)]


def markdown_message(text: str) -> dict[str, Any]:
    """Arguments of chat.postMessage/chat.update for one piece: a markdown block and its fallback."""
    return {"text": text, "blocks": [{"type": "markdown", "text": text}]}


def parse_cost_command(text: str) -> tuple[float, str | None]:
    """`cost <queries per day> [model]` -> (queries per day, model text or None). ValueError says
    how to write it."""
    words = (text or "").split()
    if not words or words[0].lower() != "cost" or len(words) < 2:
        raise ValueError("usage: `/crossroads cost <queries per day> [model]`, e.g. `/crossroads cost 50k claude-haiku`")
    value = parse_count(words[1])
    if value is None:
        raise ValueError(f"queries per day: {words[1]!r} is not a number (write 50000, 50,000 or 50k)")
    if value <= 0:
        raise ValueError("queries per day: give a volume above zero")
    model = " ".join(words[2:]) or None
    return value, model
