"""The Slack front-end: one advisory conversation per Slack thread, over Socket Mode or HTTP.

`build_app(chat, settings, events)` makes the Bolt app. Mentions and direct messages start a
conversation in a thread (thread id `slack:<team>:<channel>:<thread_ts>`); later messages in that
thread continue it without a new mention. Events are acknowledged at once by Bolt and answered from
its listener threads: a "thinking" message first, replaced by the answer (split under Slack's
limits), then the cumulative-cost chart when a recommendation is made on new numbers. Each event
is answered once, however often Slack delivers it, because `events.claim(event_id)` is recorded
beside the conversations. `/crossroads cost <queries per day> [model]` answers with a quick cost comparison.

`crossroads slack` runs it: Socket Mode when SLACK_APP_TOKEN is set, or `--http` for deployments
behind a load balancer (signed requests only; `GET /healthz` for the balancer's checks).
Slack, Bolt and the advisor are imported inside functions: the CLI imports this module at start-up.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from agent.logs import first_line

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from agent.chat import Chat, Reply
    from agent.event_store import EventStore
    from agent.settings import Settings

log = logging.getLogger(__name__)

# A `markdown` block holds at most 12,000 characters, and so do all markdown blocks of one message.
MARKDOWN_LIMIT = 12_000
THINKING_TEXT = "_Thinking…_"
APOLOGY_TEXT = (
    "Sorry, something went wrong answering that. The conversation so far is intact: "
    "try again or rephrase."
)
CHART_FILENAME = "crossroads-cumulative-cost.png"
# Events are handled on this many threads per process: the claim and the "thinking" message are
# network waits, so every thread of a burst shows "thinking" within moments.
LISTENER_WORKERS = 16
# Turns then queue for this many turn threads. Offline turns are CPU-bound: more of them at once
# only queue for the GIL and delay acknowledgements (bench/bench_slack.py); LLM turns mostly wait.
OFFLINE_TURN_WORKERS = 1
LLM_TURN_WORKERS = 8
# Message subtypes that are still a person writing to the bot; every other subtype is an edit, a
# deletion, a join notice or a bot.
_PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")

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

    @property
    def thread(self) -> str:
        return f"slack:{self.team}:{self.channel}:{self.thread_ts}"


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
    if event.get("type") == "app_mention":
        return Incoming(event_id, team, channel, thread_ts, text, only_if_known=False)
    if event.get("type") != "message":
        return None
    if event.get("channel_type") == "im":
        return Incoming(event_id, team, channel, thread_ts, text, only_if_known=False)
    if thread_ts == ts or mentioned:
        return None
    return Incoming(event_id, team, channel, thread_ts, text, only_if_known=True)


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
    match = re.fullmatch(r"(\d[\d,_]*(?:\.\d+)?)([kKmM]?)", words[1])
    if not match:
        raise ValueError(f"queries per day: {words[1]!r} is not a number (write 50000, 50,000 or 50k)")
    value = float(match.group(1).replace(",", "").replace("_", "")) * {"": 1, "k": 1e3, "m": 1e6}[match.group(2).lower()]
    if value <= 0:
        raise ValueError("queries per day: give a volume above zero")
    model = " ".join(words[2:]) or None
    return value, model


def cost_command_markdown(text: str) -> str:
    """The answer to `/crossroads cost ...`: the cost model's table and break-even, in Markdown.
    Raises ValueError (bad usage) or LookupError (unknown model) with a message for the user."""
    from agent.brief import compare_costs
    from agent.offline_replies import breakeven_text, cost_table, count
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

    def __init__(self, chat: "Chat", events: "EventStore", turns: "Executor"):
        self.chat = chat
        self.events = events
        self._turns = turns

    def handle_event(self, body: dict[str, Any], bot_user_id: str | None, client: Any) -> None:
        """If the event is a message for the advisor not yet answered anywhere: post the "thinking"
        message and queue the turn that replaces it with the answer."""
        incoming = incoming_message(body, bot_user_id)
        if incoming is None or not incoming.text:
            return
        if incoming.only_if_known and not self.chat.snapshot(incoming.thread)["turns"]:
            return
        if not self.events.claim(incoming.event_id):
            log.info("event %s already answered; ignoring the redelivery", incoming.event_id)
            return
        thinking = _slack_call(
            client.chat_postMessage, channel=incoming.channel, thread_ts=incoming.thread_ts, text=THINKING_TEXT
        )
        self._turns.submit(self._turn, incoming, client, thinking).add_done_callback(_log_failure)

    def _turn(self, incoming: Incoming, client: Any, thinking: Any) -> None:
        """The turn, the answer in place of the thinking message, the chart."""
        try:
            with self.events.thread_turn(incoming.thread):
                costs_before = self.chat.snapshot(incoming.thread)["costs"]
                reply = self.chat.send(incoming.thread, incoming.text)
        except Exception:  # noqa: BLE001 - the one catch-all per turn: log it, apologise in the thread
            log.exception("turn failed in %s", incoming.thread)
            self._post(client, incoming, [APOLOGY_TEXT], thinking)
            return
        self._post(client, incoming, split_markdown(reply.text, MARKDOWN_LIMIT) or [APOLOGY_TEXT], thinking)
        # A recommendation restated on the same numbers already has its chart in the thread.
        if reply.recommendation and reply.costs and reply.costs != costs_before:
            self._upload_chart(client, incoming, reply)
        log.info("answered event %s in %s (%s)", incoming.event_id, incoming.thread, reply.engine)

    def _post(self, client: Any, incoming: Incoming, pieces: Sequence[str], thinking: Any) -> None:
        first, rest = pieces[0], pieces[1:]
        replaced = thinking is not None and _slack_call(
            client.chat_update, channel=incoming.channel, ts=thinking["ts"], **markdown_message(first)
        ) is not None
        # No thinking message to replace (its post failed, or it was deleted): post the answer.
        for piece in rest if replaced else pieces:
            _slack_call(client.chat_postMessage, channel=incoming.channel, thread_ts=incoming.thread_ts, **markdown_message(piece))

    def _upload_chart(self, client: Any, incoming: Incoming, reply: "Reply") -> None:
        from agent.memo import cost_chart_png

        _slack_call(
            client.files_upload_v2,
            channel=incoming.channel,
            thread_ts=incoming.thread_ts,
            content=cost_chart_png(reply.costs),
            filename=CHART_FILENAME,
            title="Cumulative cost by option",
            alt_txt="Line chart of the cumulative cost of each option, month by month",
        )

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


def build_app(
    chat: "Chat",
    settings: "Settings",
    events: "EventStore",
    *,
    socket_mode: bool = False,
    listeners: "Executor | None" = None,
    turns: "Executor | None" = None,
) -> Any:
    """The Bolt app: mention, message and `/crossroads` listeners over `chat`, run on the
    `listeners` pool, with turns on the `turns` pool (pools of their own by default). Web API calls
    go to `settings.slack_api_url`, with 429s retried after Retry-After. Checks the bot token with
    auth.test (ValueError when Slack rejects it or is out of reach)."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App
    from slack_bolt.error import BoltError
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

    _require_slack_settings(settings, socket_mode)
    client_options: dict[str, Any] = {}
    if settings.slack_api_url:
        client_options["base_url"] = settings.slack_api_url.rstrip("/") + "/"
    client = WebClient(
        token=settings.slack_bot_token.get_secret_value(),
        retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=3)],
        logger=logging.getLogger("agent.slack_bot.web"),
        **client_options,
    )
    bolt_log = logging.getLogger("agent.slack_bot.bolt")
    # Bolt also reads SLACK_BOT_TOKEN itself and warns that our client's token wins; it is the same
    # token, and the warning would send operators looking for a problem that is not there.
    bolt_log.addFilter(_drop_token_skipped_warning)
    try:
        app = App(
            client=client,
            signing_secret=settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None,
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
    bot = SlackBot(chat, events, turns or ThreadPoolExecutor(turn_workers(chat.engine), thread_name_prefix="crossroads-turn"))

    # Bolt acknowledges events before these run (process_before_response is off), so Slack never
    # waits on a turn.
    @app.event("app_mention")
    def on_mention(body: dict[str, Any], context: Any, client: Any) -> None:
        bot.handle_event(body, context.bot_user_id, client)

    @app.event("message")
    def on_message(body: dict[str, Any], context: Any, client: Any) -> None:
        bot.handle_event(body, context.bot_user_id, client)

    @app.command("/crossroads")
    def on_command(ack: Any, command: dict[str, Any], respond: Any) -> None:
        ack()
        bot.handle_command(command, respond)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("unhandled error in a Slack listener (%s): %s", type(error).__name__, first_line(error))

    return app


def _require_slack_settings(settings: "Settings", socket_mode: bool) -> None:
    if settings.slack_bot_token is None:
        raise ValueError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page")
    if socket_mode and settings.slack_app_token is None:
        raise ValueError(
            "SLACK_APP_TOKEN is not set: create an app-level token with connections:write for Socket Mode, "
            "or run `crossroads slack --http --port N` with SLACK_SIGNING_SECRET"
        )
    if not socket_mode and settings.slack_signing_secret is None:
        raise ValueError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from the app's Basic Information page")


def turn_workers(engine: str) -> int:
    """How many turns of this engine one process runs at once."""
    return OFFLINE_TURN_WORKERS if engine == "offline" else LLM_TURN_WORKERS


def _drop_token_skipped_warning(record: logging.LogRecord) -> bool:
    return "`token` will be unused" not in record.getMessage()


def make_http_server(app: Any, host: str, port: int) -> Any:
    """A threaded WSGI server: Bolt at POST /slack/events, 200 at GET /healthz. `server_port` is the
    bound port (useful with port 0)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from slack_bolt.adapter.wsgi import SlackRequestHandler

    bolt = SlackRequestHandler(app, path="/slack/events")

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return bolt(environ, start_response)

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        # socketserver's default backlog of 5 resets connections when Slack (or a load balancer)
        # opens dozens at once.
        request_queue_size = 128

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            log.debug("http: " + format, *args)

    return make_server(host, port, wsgi, server_class=Server, handler_class=QuietHandler)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "slack",
        help="run the Slack bot (Socket Mode, or --http behind a load balancer)",
        description=(
            "Run the advisor as a Slack bot. Needs SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN for Socket Mode "
            "or SLACK_SIGNING_SECRET for --http. With CROSSROADS_DATABASE_URL=postgresql://... any number "
            "of --http processes share conversations."
        ),
    )
    parser.add_argument("--http", action="store_true", help="serve Slack's HTTP requests instead of Socket Mode")
    parser.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    parser.add_argument("--host", default="0.0.0.0", help="HTTP address to bind (default 0.0.0.0)")
    parser.set_defaults(handler=run_slack)


def run_slack(args: Any, settings: "Settings") -> int:
    """`crossroads slack`: open the advisor and serve Slack until interrupted or terminated."""
    import signal
    import sys
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import ExitStack

    from agent.chat import Chat, open_checkpointer
    from agent.event_store import open_event_store

    # Checked before the slow start (knowledge base, database) so a missing token fails at once.
    _require_slack_settings(settings, socket_mode=not args.http)
    if args.http and not 0 <= args.port <= 65535:
        raise ValueError(f"--port: {args.port} is not a TCP port (0-65535)")
    # Hand the GIL over every 1 ms instead of 5: a CPU-bound offline turn then delays the
    # acknowledgement of a burst of requests far less (bench/bench_slack.py).
    sys.setswitchinterval(0.001)
    # The bot is a long-running service: say what it is doing unless the CLI asked for less.
    if log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
    with ExitStack() as closer:
        checkpointer = open_checkpointer(settings, closer)
        # A connection for each turn in progress (it holds its thread's lock), and for claims.
        events = open_event_store(settings, closer, connections=LLM_TURN_WORKERS + 4)
        chat = Chat.open(settings, checkpointer=checkpointer)
        closer.callback(chat.close)
        # At exit, events being handled finish, then the turns they queued (callbacks run last-in first-out).
        turns = ThreadPoolExecutor(turn_workers(chat.engine), thread_name_prefix="crossroads-turn")
        closer.callback(turns.shutdown, wait=True)
        listeners = ThreadPoolExecutor(LISTENER_WORKERS, thread_name_prefix="crossroads-event")
        closer.callback(listeners.shutdown, wait=True)
        app = build_app(chat, settings, events, socket_mode=not args.http, listeners=listeners, turns=turns)
        if args.http:
            server = make_http_server(app, args.host, args.port)
            closer.callback(server.server_close)
            # SIGTERM (a deploy, a scale-in) stops accepting requests; turns in progress finish.
            signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
            log.info("Crossroads Slack bot (%s) listening on http://%s:%d/slack/events", chat.engine, args.host, server.server_port)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
        else:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            log.info("Crossroads Slack bot (%s) connecting over Socket Mode", chat.engine)
            SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
    return 0
