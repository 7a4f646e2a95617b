"""Slack messages as the advisor sees them, pure parsing with no I/O: which events are messages for
the advisor and where their conversation lives, Markdown cut to Slack's limits, and the
`/crossroads cost` command's arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.understand.figures import parse_count

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
    # A thread of the app's assistant container (a DM thread): "thinking" is the assistant status there.
    assistant_thread: bool = False

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
        return Incoming(event_id, team, channel, thread_ts, text, only_if_known=False,
                        assistant_thread=bool(event.get("thread_ts")), **who)
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


# Block Kit action ids: a quick answer (`crossroads_answer_<n>`, the choice in its value) and the detail
# buttons under a recommendation (`crossroads_view_<kind>`).
ANSWER_ACTION = "crossroads_answer_"
VIEW_ACTION = "crossroads_view_"
VIEW_BUTTONS = (("costs", "Costs"), ("why", "Why"), ("sources", "Sources"), ("memo", "Memo"))
# Slack caps a button's text at 75 characters and an actions block at 25 elements.
_BUTTON_TEXT = 75


def reply_message(text: str, choices: tuple[str, ...] | list[str] = (), recommendation: bool = False) -> dict[str, Any]:
    """chat.postMessage/chat.update arguments for an answer: its markdown block, then a button per
    quick answer to the question it asks, and (under a recommendation) Costs, Why, Sources and Memo."""
    message = markdown_message(text)
    if choices:
        message["blocks"].append({
            "type": "actions",
            "block_id": "crossroads_answers",
            "elements": [
                {"type": "button", "action_id": f"{ANSWER_ACTION}{n}", "text": {"type": "plain_text", "text": choice[:_BUTTON_TEXT]},
                 "value": choice}
                for n, choice in enumerate(choices[:25], 1)
            ],
        })
    if recommendation:
        message["blocks"].append({
            "type": "actions",
            "block_id": "crossroads_views",
            "elements": [
                {"type": "button", "action_id": f"{VIEW_ACTION}{kind}", "text": {"type": "plain_text", "text": label}, "value": kind}
                for kind, label in VIEW_BUTTONS
            ],
        })
    return message


@dataclass(frozen=True)
class Clicked:
    """A button pressed on one of the advisor's messages, and where its conversation lives."""

    team: str
    channel: str
    message_ts: str
    thread_ts: str
    user: str
    action_id: str
    value: str
    action_ts: str
    # The clicked message as it reads now (its text and blocks), to mark the answer on it.
    text: str
    blocks: tuple[dict[str, Any], ...]

    @property
    def thread(self) -> str:
        return f"slack:{self.team}:{self.channel}:{self.thread_ts}"

    @property
    def is_answer(self) -> bool:
        return self.action_id.startswith(ANSWER_ACTION)

    @property
    def view(self) -> str | None:
        return self.action_id.removeprefix(VIEW_ACTION) if self.action_id.startswith(VIEW_ACTION) else None

    def claim_keys(self) -> tuple[str, ...]:
        """A question is answered once, whichever of its buttons is pressed and however often; a
        detail button once per press (a redelivered press has the same action_ts)."""
        if self.is_answer:
            return (f"answer:{self.team}:{self.channel}:{self.message_ts}",)
        return (f"view:{self.team}:{self.channel}:{self.message_ts}:{self.action_id}:{self.action_ts}",)


def clicked_button(body: dict[str, Any]) -> Clicked | None:
    """The advisor's view of a `block_actions` payload; None for anything that is not one of its
    buttons on a message in a channel."""
    if body.get("type") != "block_actions":
        return None
    actions = body.get("actions") or []
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    message_ts = container.get("message_ts") or message.get("ts")
    user = (body.get("user") or {}).get("id")
    if not actions or not channel or not message_ts or not user:
        return None
    action = actions[0]
    action_id = action.get("action_id") or ""
    if not action_id.startswith((ANSWER_ACTION, VIEW_ACTION)):
        return None
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or ""
    return Clicked(
        team=team, channel=channel, message_ts=message_ts,
        thread_ts=container.get("thread_ts") or message.get("thread_ts") or message_ts,
        user=user, action_id=action_id, value=str(action.get("value") or ""), action_ts=str(action.get("action_ts") or ""),
        text=message.get("text") or "", blocks=tuple(message.get("blocks") or ()),
    )


def answered_blocks(clicked: Clicked) -> list[dict[str, Any]]:
    """The question's blocks once answered: its buttons give way to who answered what."""
    kept = [b for b in clicked.blocks if b.get("block_id") != "crossroads_answers"]
    note = {"type": "context", "elements": [{"type": "mrkdwn", "text": f"<@{clicked.user}> answered: *{clicked.value}*"}]}
    return [*kept, note]


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
