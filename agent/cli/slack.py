"""`crossroads slack`: the Slack bot over Socket Mode, or `--http` behind a load balancer."""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import Any

log = logging.getLogger("agent.frontends.slack")


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


def run_slack(args: Any, settings: Any) -> int:
    """Open the advisor and serve Slack until interrupted or terminated."""
    from agent.assemble import open_slack_bot
    from agent.frontends.slack.app import serve_socket_mode
    from agent.frontends.slack.http import serve_http

    if args.http and not 0 <= args.port <= 65535:
        raise ValueError(f"--port: {args.port} is not a TCP port (0-65535)")
    # The bot is a long-running service: say what it is doing unless the CLI asked for less.
    if log.getEffectiveLevel() > logging.INFO:
        log.setLevel(logging.INFO)
    with ExitStack() as closer:
        app, chat = open_slack_bot(settings, closer, socket_mode=not args.http)
        if args.http:
            serve_http(app, settings.slack_signing_secret.get_secret_value(), args.host, args.port, chat.engine)
        else:
            serve_socket_mode(app, settings.slack_app_token.get_secret_value(), chat.engine)
    return 0
