"""The advisor's Slack behaviour, independent of how events arrive (HTTP or Socket Mode): claim a
message once, admit it within the per-user and per-workspace limits (or say "one moment"), post a
"thinking" message, run the turn on the turn pool (fairly between users), replace the message with
the answer (split under Slack's limits), upload the cost chart; and the `/crossroads cost` command.

Every Web API call goes through `_slack_call`, which logs what an operator can do about an error and
never lets one crash a turn.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, Callable, Sequence

from agent.frontends.slack.limits import Admission, FairTurns, Refusal, SlackLimits
from agent.frontends.slack.messages import (
    MARKDOWN_LIMIT,
    Clicked,
    Incoming,
    answered_blocks,
    clicked_button,
    incoming_message,
    markdown_message,
    parse_cost_command,
    reply_message,
    split_markdown,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from agent.conversation.chat import Chat, Reply
    from agent.frontends.slack.events import EventStore

log = logging.getLogger(__name__)

THINKING_TEXT = "_Thinking…_"
# The assistant status shown while a turn runs in an assistant thread (Agents & AI Apps).
THINKING_STATUS = "is thinking…"
MEMO_FILENAME = "crossroads-decision-memo.md"
# Under a recommendation the buttons do what the terminal's commands do; the rest is asked in words.
SLACK_DETAILS_LINE = 'The buttons show the costs, the reasons, the sources and the memo; or ask "what did you assume?" here.'
SUGGESTED_PROMPTS = [
    {"title": "RAG or fine-tuning?", "message": "Help me choose between RAG and fine-tuning for a support bot over our help-centre articles."},
    {"title": "What would it cost?", "message": "What would RAG and fine-tuning cost at 50k queries a day?"},
    {"title": "Should we distil?", "message": "Our top model is too slow for a voice agent. Should we distil a smaller one?"},
]
APOLOGY_TEXT = (
    "Sorry, something went wrong answering that. The conversation so far is intact: "
    "try again or rephrase."
)
CHART_FILENAME = "crossroads-cumulative-cost.png"
# What a refused message gets instead of an answer (once per wait, however many were refused).
ONE_MOMENT = {
    "user": "One moment: you've sent me several messages in quick succession, so I'm pausing on new ones. "
            "Please send that again in about {seconds} seconds.",
    "team": "One moment: this workspace is sending me a lot of messages right now. "
            "Please send that again in about {seconds} seconds.",
    "busy": "One moment: I'm answering a lot of conversations right now. Please send that again in a minute.",
}


# What to do about the Slack API errors an operator can fix.
_FIXES = {
    "not_in_channel": "invite the bot to the channel (`/invite @Crossroads`) and ask again",
    "channel_not_found": "the channel is private or gone: invite the bot to it, or check it still exists",
    "is_archived": "the channel is archived: unarchive it or talk to the bot elsewhere",
    "missing_scope": "add the missing scope under OAuth & Permissions (see slack/manifest.json) and reinstall the app",
    "not_allowed_token_type": "SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-...)",
    "invalid_auth": "SLACK_BOT_TOKEN is not valid for this workspace: copy the Bot User OAuth Token again",
    "not_authed": "SLACK_BOT_TOKEN is not set or not sent",
    "token_revoked": "the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN",
    "account_inactive": "the app was uninstalled or its token deactivated: reinstall the app",
    "ratelimited": "Slack kept rate-limiting after the retries; the message was dropped",
    "restricted_action": "a workspace admin restricts posting in this channel",
}



def cost_command_markdown(text: str) -> str:
    """The answer to `/crossroads cost ...`: the cost model's table and break-even, in Markdown.
    Raises ValueError (bad usage) or LookupError (unknown model) with a message for the user."""
    from agent.conversation.costing import compare_costs
    from agent.wording import breakeven_text, cost_table, count
    from tools.prices import resolve_model

    queries_per_day, model_text = parse_cost_command(text)
    values: dict[str, Any] = {"queries_per_day": queries_per_day}
    if model_text:
        values["model"] = resolve_model(model_text)
    costs = compare_costs(values)
    model = costs["prices"]["base"]["model"]
    return "\n\n".join(
        [
            f"**Costs at {count(queries_per_day)} queries a day on {model}, over {costs['horizon_months']} months**",
            cost_table(costs),
            breakeven_text(costs),
            "_Every other input is the cost model's sourced default. Mention me in a channel for a "
            "recommendation fitted to your case._",
        ]
    )


class SlackBot:
    """The advisor's Slack behaviour, independent of how events arrive (HTTP or Socket Mode)."""

    def __init__(self, chat: "Chat", events: "EventStore", turns: "Executor", limits: SlackLimits | None = None):
        self.chat = chat
        self.events = events
        self._turns = FairTurns(turns)
        self._admission = Admission(limits or SlackLimits())
        # Set when assistant.threads.setStatus fails: the app has no Agents & AI Apps feature.
        self._no_assistant = False
        # Charts drawn or uploading after their turn ended: `drain` waits for them (a shutdown).
        self._charts_in_flight = 0
        self._charts_done = threading.Condition()

    def handle_event(self, body: dict[str, Any], bot_user_id: str | None, client: Any) -> None:
        """If the event is a message for the advisor not yet answered anywhere: within the limits,
        post the "thinking" message and queue the turn that replaces it with the answer; over them,
        say "one moment"."""
        incoming = incoming_message(body, bot_user_id)
        if incoming is None or not incoming.text:
            return
        if incoming.only_if_known and not self.chat.snapshot(incoming.thread)["turns"]:
            return
        if not self.events.claim(*incoming.claim_keys()):
            log.info("event %s already answered; ignoring the redelivery", incoming.event_id)
            return
        self._accept(incoming, client)

    def _accept(self, incoming: Incoming, client: Any) -> None:
        """Within the limits: show that the advisor is thinking and queue the turn; over them, say
        "one moment"."""
        refusal = self._admission.admit(incoming.user, incoming.team, self._turns.waiting)
        if refusal is not None:
            self._refuse(client, incoming, refusal)
            return
        thinking = None
        if not (incoming.assistant_thread and self._assistant_status(client, incoming)):
            thinking = _slack_call(
                client.chat_postMessage, channel=incoming.channel, thread_ts=incoming.thread_ts, text=THINKING_TEXT
            )
        self._turns.submit(incoming.user, lambda: self._turn(incoming, client, thinking)).add_done_callback(_log_failure)

    def _assistant_status(self, client: Any, incoming: Incoming) -> bool:
        """Set the assistant thread's "thinking" status; False (and the placeholder message from then
        on) when the app lacks the Agents & AI Apps feature. Slack clears the status at the reply."""
        if self._no_assistant:
            return False
        done = _slack_call(
            client.assistant_threads_setStatus, channel_id=incoming.channel, thread_ts=incoming.thread_ts, status=THINKING_STATUS
        )
        if done is None:
            self._no_assistant = True
        return done is not None

    def handle_action(self, body: dict[str, Any], client: Any) -> None:
        """A button under an answer: a quick answer is taken as the user's reply in the thread, once
        per question; Costs, Why, Sources and Memo post that view into the thread."""
        clicked = clicked_button(body)
        if clicked is None:
            return
        if not self.events.claim(*clicked.claim_keys()):
            log.info("button %s on %s already handled; ignoring the repeat", clicked.action_id, clicked.message_ts)
            return
        if clicked.is_answer:
            # The question shows who answered what, in place of its buttons; then the answer is a turn.
            _slack_call(client.chat_update, channel=clicked.channel, ts=clicked.message_ts, text=clicked.text,
                        blocks=answered_blocks(clicked))
            incoming = Incoming(
                event_id=f"action:{clicked.team}:{clicked.channel}:{clicked.message_ts}", team=clicked.team,
                channel=clicked.channel, thread_ts=clicked.thread_ts, text=clicked.value, only_if_known=False,
                user=clicked.user,
            )
            self._accept(incoming, client)
            return
        self._turns.submit(clicked.user, lambda: self._show(clicked, client)).add_done_callback(_log_failure)

    def _show(self, clicked: Clicked, client: Any) -> None:
        """Post the view a detail button asks for (the memo as a Markdown file, with its chart)."""
        from agent.conversation import views

        try:
            snapshot = self.chat.snapshot(clicked.thread)
            if clicked.view == "memo":
                self._upload_memo(client, clicked, snapshot)
                return
            if clicked.view == "sources":
                text = views.sources_view(snapshot) or "My last reply cited no passage."
            else:
                text = views.VIEWS[clicked.view](snapshot)
        except Exception:  # noqa: BLE001 - the one catch-all per button: log it, apologise in the thread
            log.exception("button %s failed in %s", clicked.action_id, clicked.thread)
            text = APOLOGY_TEXT
        for piece in split_markdown(text, MARKDOWN_LIMIT):
            _slack_call(client.chat_postMessage, channel=clicked.channel, thread_ts=clicked.thread_ts, **markdown_message(piece))

    def _upload_memo(self, client: Any, clicked: Clicked, snapshot: dict[str, Any]) -> None:
        from agent.frontends.charts import cost_chart_png
        from agent.frontends.memo import decision_memo

        if not snapshot.get("recommendation"):
            _slack_call(client.chat_postMessage, channel=clicked.channel, thread_ts=clicked.thread_ts,
                        text="Nothing to put in a memo yet: ask me for a recommendation first.")
            return
        files = [{"content": decision_memo(snapshot, CHART_FILENAME if snapshot.get("costs") else None).encode(),
                  "filename": MEMO_FILENAME, "title": "Decision memo"}]
        if snapshot.get("costs"):
            files.append({"content": cost_chart_png(snapshot["costs"]), "filename": CHART_FILENAME, "title": "Cumulative cost by option"})
        _slack_call(client.files_upload_v2, channel=clicked.channel, thread_ts=clicked.thread_ts, file_uploads=files,
                    initial_comment="The decision memo (Markdown), with the cost chart it shows.")

    def _refuse(self, client: Any, incoming: Incoming, refusal: Refusal) -> None:
        log.info(
            "not answering event %s from %s: %s limit (retry in %.0f s)",
            incoming.event_id, incoming.user, refusal.who, refusal.retry_s,
        )
        if refusal.tell:
            text = ONE_MOMENT[refusal.who].format(seconds=max(1, round(refusal.retry_s)))
            _slack_call(client.chat_postMessage, channel=incoming.channel, thread_ts=incoming.thread_ts, text=text)

    def _turn(self, incoming: Incoming, client: Any, thinking: Any) -> None:
        """The turn, the answer in place of the thinking message, the chart."""
        try:
            # The thread's turn lock (across every process on the store) covers the snapshot too.
            with self.chat.turn(incoming.thread):
                costs_before = self.chat.snapshot(incoming.thread)["costs"]
                reply = self.chat.send(incoming.thread, incoming.text)
        except Exception:  # noqa: BLE001 - the one catch-all per turn: log it, apologise in the thread
            log.exception("turn failed in %s", incoming.thread)
            self._post(client, incoming, [APOLOGY_TEXT], thinking)
            return
        from agent.conversation.templates import DETAILS_LINE

        text = reply.text.replace(DETAILS_LINE, SLACK_DETAILS_LINE) if reply.recommendation else reply.text
        self._post(client, incoming, split_markdown(text, MARKDOWN_LIMIT) or [APOLOGY_TEXT], thinking,
                   choices=reply.choices, recommendation=bool(reply.recommendation))
        # A recommendation restated on the same numbers already has its chart in the thread.
        if reply.recommendation and reply.costs and reply.costs != costs_before:
            self._upload_chart(client, incoming, reply)
        log.info("answered event %s in %s (%s)", incoming.event_id, incoming.thread, reply.engine)

    def _post(self, client: Any, incoming: Incoming, pieces: Sequence[str], thinking: Any, *,
              choices: Sequence[str] = (), recommendation: bool = False) -> None:
        """The answer in place of the thinking message; the buttons (quick answers, details) go
        under its last piece."""
        def message(i: int, piece: str) -> dict[str, Any]:
            return reply_message(piece, list(choices), recommendation) if i == len(pieces) - 1 else markdown_message(piece)

        replaced = thinking is not None and _slack_call(
            client.chat_update, channel=incoming.channel, ts=thinking["ts"], **message(0, pieces[0])
        ) is not None
        # No thinking message to replace (its post failed, or it was deleted, or the assistant status
        # showed instead): post the answer.
        for i, piece in enumerate(pieces):
            if i == 0 and replaced:
                continue
            _slack_call(client.chat_postMessage, channel=incoming.channel, thread_ts=incoming.thread_ts, **message(i, piece))

    def _upload_chart(self, client: Any, incoming: Incoming, reply: "Reply") -> None:
        from agent.frontends.charts import draw_in_background

        # Drawn in the chart process and uploaded when ready: the turn worker moves on meanwhile.
        with self._charts_done:
            self._charts_in_flight += 1
        draw_in_background(reply.costs).add_done_callback(lambda drawn: self._send_chart(client, incoming, drawn))

    def _send_chart(self, client: Any, incoming: Incoming, drawn: "Future") -> None:
        try:
            if drawn.exception() is not None:
                log.error("drawing the cost chart for %s failed", incoming.thread, exc_info=drawn.exception())
                return
            _slack_call(
                client.files_upload_v2,
                channel=incoming.channel,
                thread_ts=incoming.thread_ts,
                content=drawn.result(),
                filename=CHART_FILENAME,
                title="Cumulative cost by option",
                alt_txt="Line chart of the cumulative cost of each option, month by month",
            )
        finally:
            with self._charts_done:
                self._charts_in_flight -= 1
                self._charts_done.notify_all()

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every chart still being drawn or uploaded is posted (at shutdown, so that no
        answer loses its chart); True when none is left."""
        with self._charts_done:
            return self._charts_done.wait_for(lambda: self._charts_in_flight == 0, timeout)

    def handle_assistant_thread(self, body: dict[str, Any], client: Any) -> None:
        """A new assistant thread (Agents & AI Apps): offer prompts to start from."""
        thread = ((body.get("event") or {}).get("assistant_thread") or {})
        if not thread.get("channel_id") or not thread.get("thread_ts"):
            return
        _slack_call(client.assistant_threads_setSuggestedPrompts, channel_id=thread["channel_id"], thread_ts=thread["thread_ts"],
                    prompts=SUGGESTED_PROMPTS)

    def handle_command(self, command: dict[str, Any], respond: Callable[..., Any]) -> None:
        """`/crossroads cost ...`: the comparison for everyone in the channel; usage errors only to
        the person who typed it."""
        try:
            text = cost_command_markdown(command.get("text") or "")
        except (ValueError, LookupError) as exc:
            respond(text=str(exc), response_type="ephemeral")
            return
        except Exception:  # noqa: BLE001 - the one catch-all per command
            log.exception("slash command failed")
            respond(text=APOLOGY_TEXT, response_type="ephemeral")
            return
        respond(response_type="in_channel", **markdown_message(text))


def _log_failure(future: "Future") -> None:
    if future.exception() is not None:
        log.error("answering an event failed", exc_info=future.exception())


def _slack_call(method: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a Web API method; on failure log what to do and return None (nothing crashes a turn).
    429s are retried inside the client after Retry-After, before they get here."""
    from slack_sdk.errors import SlackApiError

    name = getattr(method, "__name__", "slack call")
    try:
        return method(**kwargs)
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        fix = _FIXES.get(error or "", "see https://api.slack.com/methods for what this error means")
        needed = exc.response.get("needed") if exc.response is not None else None
        log.error(
            "Slack refused %s in channel %s: %s%s. What to do: %s",
            name, kwargs.get("channel"), error, f" (needs {needed})" if needed else "", fix,
        )
    except OSError as exc:  # connection refused, DNS, timeouts after the client's own retries
        log.error("could not reach the Slack API for %s: %s", name, type(exc).__name__)
    return None
