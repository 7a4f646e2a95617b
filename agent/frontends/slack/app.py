"""The Bolt wiring: the Slack app over a `SlackBot` (the HTTP server for `crossroads slack --http`
is in `agent.frontends.slack.http`).

Bolt acknowledges events before the listeners run, so Slack never waits on a turn. Slack and Bolt are
imported inside functions: nothing here loads at import.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent.frontends.slack.bot import SlackBot
from agent.frontends.slack.limits import SlackLimits
from agent.infra.logs import first_line

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from agent.conversation.chat import Chat
    from agent.frontends.slack.events import EventStore

log = logging.getLogger(__name__)

# Events are handled on this many threads per process: the claim and the "thinking" message are
# network waits, so every thread of a burst shows "thinking" within moments.
LISTENER_WORKERS = 16
# Turns then queue for this many turn threads. Offline turns are CPU-bound: more of them at once
# only queue for the GIL and delay acknowledgements (bench/bench_slack.py); LLM turns mostly wait.
OFFLINE_TURN_WORKERS = 1
LLM_TURN_WORKERS = 8
# Message subtypes that are still a person writing to the bot; every other subtype is an edit, a


@dataclass(frozen=True)
class SlackCredentials:
    """What the Slack app needs from the settings: the bot token, and the signing secret (HTTP) or
    the app-level token (Socket Mode); `api_url` for another Web API base (a proxy, the tests' fake)."""

    bot_token: str | None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None

    def require(self, socket_mode: bool) -> None:
        """ValueError naming what to set when the chosen mode cannot start."""
        if self.bot_token is None:
            raise ValueError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page")
        if socket_mode and self.app_token is None:
            raise ValueError(
                "SLACK_APP_TOKEN is not set: create an app-level token with connections:write for Socket Mode, "
                "or run `crossroads slack --http --port N` with SLACK_SIGNING_SECRET"
            )
        if not socket_mode and self.signing_secret is None:
            raise ValueError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from the app's Basic Information page")


def build_app(
    chat: "Chat",
    credentials: SlackCredentials,
    events: "EventStore",
    *,
    socket_mode: bool = False,
    listeners: "Executor | None" = None,
    turns: "Executor | None" = None,
    limits: SlackLimits | None = None,
) -> Any:
    """The Bolt app: mention, message and `/crossroads` listeners over `chat`, run on the
    `listeners` pool, with turns on the `turns` pool (pools of their own by default) within `limits`
    (per user, per workspace, queued turns; `SlackLimits()` by default). Web API calls
    go to `credentials.api_url`, with 429s retried after Retry-After. Checks the bot token with
    auth.test (ValueError when Slack rejects it or is out of reach)."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App
    from slack_bolt.error import BoltError
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
    )

    credentials.require(socket_mode)
    client_options: dict[str, Any] = {}
    if credentials.api_url:
        client_options["base_url"] = credentials.api_url.rstrip("/") + "/"
    client = WebClient(
        token=credentials.bot_token,
        retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=3)],
        logger=_quiet_logger("agent.frontends.slack.web"),
        **client_options,
    )
    bolt_log = _quiet_logger("agent.frontends.slack.bolt")
    # Bolt also reads SLACK_BOT_TOKEN itself and warns that our client's token wins; it is the same
    # token, and the warning would send operators looking for a problem that is not there.
    if _drop_token_skipped_warning not in bolt_log.filters:
        bolt_log.addFilter(_drop_token_skipped_warning)
    try:
        app = App(
            client=client,
            signing_secret=credentials.signing_secret,
            # Socket Mode carries no signatures; over HTTP every request must be signed.
            request_verification_enabled=not socket_mode,
            listener_executor=listeners or ThreadPoolExecutor(LISTENER_WORKERS, thread_name_prefix="crossroads-event"),
            logger=bolt_log,
        )
    except BoltError as exc:
        raise ValueError(f"SLACK_BOT_TOKEN was not accepted by the Slack API: {first_line(exc)}") from None
    except OSError as exc:
        raise ValueError(
            f"cannot reach the Slack API at {client.base_url} ({first_line(exc)}); "
            "check the network, or CROSSROADS_SLACK_API_URL if you set it"
        ) from None
    bot = SlackBot(
        chat, events, turns or ThreadPoolExecutor(turn_workers(chat.engine), thread_name_prefix="crossroads-turn"), limits
    )

    # Bolt acknowledges events before these run (process_before_response is off), so Slack never
    # waits on a turn.
    def on_message(body: dict[str, Any], context: Any, client: Any) -> None:
        bot.handle_event(body, context.bot_user_id, client)

    def on_assistant_thread(body: dict[str, Any], client: Any) -> None:
        bot.handle_assistant_thread(body, client)

    listeners = {"app_mention": on_message, "message": on_message, "assistant_thread_started": on_assistant_thread}
    for event_type, listener in listeners.items():
        app.event(event_type)(listener)
    # The HTTP front acknowledges these before Bolt dispatches them; any other event waits for
    # Bolt's own answer (404: no listener), as Slack expects.
    app.crossroads_events = frozenset(listeners)

    # Buttons under the advisor's answers: quick answers and the detail views. Acknowledged at once;
    # the work runs after, like an event's.
    @app.action(re.compile(r"^crossroads_"))
    def on_action(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        bot.handle_action(body, client)

    @app.command("/crossroads")
    def on_command(ack: Any, command: dict[str, Any], respond: Any) -> None:
        ack()
        bot.handle_command(command, respond)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("unhandled error in a Slack listener (%s): %s", type(error).__name__, first_line(error))

    app.crossroads_bot = bot  # its `drain` waits for charts still uploading (HttpServer.server_close)
    return app


def turn_workers(engine: str) -> int:
    """How many turns of this engine one process runs at once."""
    return OFFLINE_TURN_WORKERS if engine == "offline" else LLM_TURN_WORKERS


def _drop_token_skipped_warning(record: logging.LogRecord) -> bool:
    return "`token` will be unused" not in record.getMessage()


# Bolt and the Web API client put request and response bodies in some of their records (unhandled
# requests, bad signatures, debug traces): a body is the user's words, or whatever a stranger sent.
_BODY = re.compile(r"(?is)\b((?:json_)?body(?:_params)?)\s*[:=].*$")
_UNHANDLED = re.compile(r"(?s)^(Unhandled request) \(.*")


class _NoBodies(logging.Filter):
    """Cuts request and response bodies out of Bolt's and the Web API client's log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = _UNHANDLED.sub(r"\1 (body not logged)", message)
        clean = _BODY.sub(r"\1: [not logged]", clean)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def _quiet_logger(name: str) -> logging.Logger:
    """The logger `name` with bodies cut out of its records (Bolt copies a base logger's filters to
    the loggers it makes from it)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, _NoBodies) for f in logger.filters):
        logger.addFilter(_NoBodies())
    return logger


def serve_socket_mode(app: Any, app_token: str, engine: str) -> None:
    """Hold a Socket Mode connection to Slack until interrupted."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    log.info("Crossroads Slack bot (%s) connecting over Socket Mode", engine)
    SocketModeHandler(app, app_token).start()
