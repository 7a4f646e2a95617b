"""`crossroads chat` (the interactive terminal) and `crossroads ask` (one message, one reply)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    chat = subparsers.add_parser("chat", help="talk the decision through with the advisor")
    chat.add_argument("--thread", help="resume a conversation by its thread id")
    chat.set_defaults(handler=run_chat)
    ask = subparsers.add_parser("ask", help="send one message and print the advisor's reply")
    ask.add_argument("message", help="what you want to say")
    ask.add_argument("--thread", help="continue this conversation (the reply names its thread)")
    ask.add_argument("--json", action="store_true", help="print the reply as JSON (thread, reply, citations, ...)")
    ask.set_defaults(handler=run_ask)


def run_ask(args, settings) -> int:
    from agent.assemble import open_advisor
    from agent.conversation.chat import new_thread_id

    chat = open_advisor(settings, progress=lambda message: print(message, file=sys.stderr))
    try:
        thread = args.thread or new_thread_id()
        message = args.message
        if args.thread:
            # A bare number picks one of the quick answers the last reply offered.
            from agent.frontends.terminal import chosen

            message = chosen(message.strip(), (chat.snapshot(thread).get("last_reply") or {}).get("choices") or []) or message
        reply = chat.send(thread, message)
    finally:
        chat.close()
    if args.json:
        print(json.dumps(reply.to_json(), indent=2, default=str))
    else:
        from rich.markdown import Markdown

        from agent.frontends.terminal import choices_text, make_console

        console = make_console()
        console.print(Markdown(reply.text))
        if reply.choices:
            console.print(choices_text(reply.choices).replace("type a number", "ask again with --thread and a number"))
        print(f"\n(thread {thread}: continue with --thread {thread})", file=sys.stderr)
    return 0


def run_chat(args, settings) -> int:
    from agent.assemble import open_advisor
    from agent.frontends.terminal import chat_loop
    from agent.infra.llm import choose_provider

    choice = choose_provider(settings)  # a bad configuration fails here, before anything loads
    engine = choice.label if choice.provider else "offline engine (no API key configured)"
    return chat_loop(
        lambda progress: open_advisor(settings, progress=progress, streaming=True),
        thread=args.thread,
        engine=engine,
        history_path=Path(settings.data_dir) / "chat_history",
    )
