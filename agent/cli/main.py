"""The `crossroads` command: argument parsing, settings read once, and one error policy for every
subcommand.

Each group of subcommands lives in its own module of `agent.cli` with a `register(subparsers)`
function; handlers take `(args, settings)` and return an exit code. Heavy libraries are imported
inside handlers so that `crossroads --help` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

from agent.cli import audit, chat, cost, evals, knowledge, slack, understanding
from agent.infra.logs import first_line, protect_logs

log = logging.getLogger("crossroads")

# Exit codes: 0 fine, 1 something failed on our side, 2 the user's input was wrong.
EXIT_INTERNAL = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crossroads",
        description=(
            "Decide between RAG, fine-tuning, a hybrid, a distilled model, or better prompting "
            "first: a conversation, a cited cost model, and the sources behind every figure."
        ),
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (chat, slack, cost, audit, knowledge, evals, understanding):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0

    from agent.infra.settings import Settings

    try:
        settings = Settings()
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        print(f"crossroads: invalid configuration: {_setting_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    debug = args.debug or settings.debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    protect_logs(settings)  # keys and tokens never reach a log line, --debug or not

    try:
        return int(args.handler(args, settings) or 0)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except (ValueError, LookupError, OSError) as exc:
        # Input problems: tools raise ValueError/LookupError with a message written for the user.
        if debug:
            log.exception("command failed")
        print(f"crossroads: {first_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the one catch-all per command: never a raw traceback
        log.debug("unexpected failure", exc_info=True)
        print(
            f"crossroads: unexpected error ({type(exc).__name__}: {first_line(exc)}). "
            "Run with --debug for details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _setting_error(exc: ValueError) -> str:
    """Name the environment variable to fix: `CROSSROADS_LLM_TIMEOUT_S: Input should be a valid number (got 'abc')`."""
    errors = getattr(exc, "errors", None)
    if not callable(errors) or not errors():
        return first_line(exc)
    first = errors()[0]
    field = str(first["loc"][0]) if first.get("loc") else ""
    name = field.upper() if field.upper().startswith(("OPENAI_", "ANTHROPIC_", "SLACK_")) else f"CROSSROADS_{field.upper()}"
    return f"{name}: {first['msg']} (got {first.get('input')!r})"


if __name__ == "__main__":
    sys.exit(main())
