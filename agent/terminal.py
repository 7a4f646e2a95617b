"""The terminal front-end: `crossroads chat` (interactive) and `crossroads ask` (one turn).

The prompt appears at once: the advisor (knowledge base, checkpointer, graph) is assembled in a
background thread while the user types, and the first message waits for it if it must.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # settings pull in pydantic-settings, which `crossroads --help` need not load
    from agent.settings import Settings

log = logging.getLogger(__name__)

HELP = """\
Commands:
  /profile        what I know about your situation, and what I assumed
  /costs          the latest cost comparison
  /why            the rule trace and the assumptions behind the recommendation, with sources
  /sources        the passages behind the last answer
  /export PATH    write a decision memo (Markdown) with a cost chart (PNG) beside it
  /usage          tokens and dollars the advisor itself has spent (LLM mode)
  /reset          start a new conversation
  /help           this list
  /quit           leave (Ctrl-D works too; Ctrl-C cancels an answer, not the session)
"""



def register(subparsers) -> None:
    chat = subparsers.add_parser("chat", help="talk the decision through with the advisor")
    chat.add_argument("--thread", help="resume a conversation by its thread id")
    chat.set_defaults(handler=run_chat)
    ask = subparsers.add_parser("ask", help="send one message and print the advisor's reply")
    ask.add_argument("message", help="what you want to say")
    ask.add_argument("--thread", help="continue this conversation (the reply names its thread)")
    ask.add_argument("--json", action="store_true", help="print the reply as JSON (thread, reply, citations, ...)")
    ask.set_defaults(handler=run_ask)


def run_ask(args, settings: Settings) -> int:
    from agent.chat import Chat, new_thread_id

    chat = Chat.open(settings, progress=lambda message: print(message, file=sys.stderr))
    try:
        thread = args.thread or new_thread_id()
        reply = chat.send(thread, args.message)
    finally:
        chat.close()
    if args.json:
        print(json.dumps(reply.to_json(), indent=2, default=str))
    else:
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(reply.text))
        print(f"\n(thread {thread}: continue with --thread {thread})", file=sys.stderr)
    return 0


class _Advisor:
    """Builds the Chat in the background so the prompt shows at once."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._chat = None
        self._error: BaseException | None = None
        self.progress: list[str] = []
        self._thread = threading.Thread(target=self._open, name="crossroads-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        from agent.chat import Chat

        try:
            self._chat = Chat.open(self._settings, progress=self.progress.append, streaming=True)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread by get()
            self._error = exc
            return
        # Search (Chroma, the embedding model) loads lazily; warm it while the user reads and types.
        threading.Thread(target=self._warm_up, name="crossroads-warm-up", daemon=True).start()

    def _warm_up(self) -> None:
        try:
            self._chat.kb.warm_up()
        except Exception:  # noqa: BLE001 - the first search will load it again and report any problem
            log.debug("warming up the knowledge base failed", exc_info=True)

    def ready(self) -> bool:
        return not self._thread.is_alive()

    def close(self) -> None:
        """Close the advisor if it finished opening (never waits for it)."""
        if self.ready() and self._chat is not None:
            self._chat.close()

    def get(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._chat


def run_chat(args, settings: Settings) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    from agent.chat import new_thread_id
    from agent.llm import choose_provider
    from agent.offline_replies import INTRODUCTION

    # No auto-highlighting: figures in replies should look like the text around them.
    console = Console(highlight=False)
    choice = choose_provider(settings)  # a bad configuration fails here, before anything loads
    advisor = _Advisor(settings)
    thread = args.thread or new_thread_id()
    history = _enable_history(Path(settings.data_dir) / "chat_history")
    engine = choice.label if choice.provider else "offline engine (no API key configured)"
    console.rule(f"[bold]Crossroads[/bold] · {engine} · thread {thread}", style="dim")
    greeting = "Welcome back: this thread remembers what you told me." if args.thread else f"{INTRODUCTION} What are you building?"
    console.print(Markdown(f"{greeting}\n\n_Type /help for commands._"))
    try:
        while True:
            try:
                text = input("\nyou › ").strip()
            except KeyboardInterrupt:
                console.print("\n[dim](Ctrl-C cancels an answer; /quit or Ctrl-D leaves)[/dim]")
                continue
            except EOFError:
                console.print()
                break
            if not text:
                continue
            if text.startswith("/"):
                command, _, rest = text.partition(" ")
                if command in ("/quit", "/exit", "/q"):
                    break
                if command == "/reset":
                    thread = new_thread_id()
                    console.print(f"[dim]New conversation: thread {thread}[/dim]")
                    continue
                _command(console, advisor, thread, command, rest.strip())
                continue
            _turn(console, advisor, thread, text)
    finally:
        if history:
            history()
        advisor.close()
    # Name the command the way it was started (`.venv/bin/crossroads` when it is not on PATH).
    command = sys.argv[0] if Path(sys.argv[0]).name == "crossroads" else "crossroads"
    console.print(f"[dim]Bye. Resume with: {command} chat --thread {thread}[/dim]")
    return 0


class _Cancelled(Exception):
    """Raised from the token callback when the user pressed Ctrl-C during an answer."""


def _turn(console, advisor: _Advisor, thread: str, text: str) -> None:
    from rich.live import Live
    from rich.markdown import Markdown

    chat = _wait_for(console, advisor)
    if chat is None:
        return
    cancel = threading.Event()
    outcome: dict[str, Any] = {}
    streamed: list[str] = []

    def on_token(piece: str) -> None:
        if cancel.is_set():
            raise _Cancelled()
        streamed.append(piece)

    def work() -> None:
        try:
            outcome["reply"] = chat.send(thread, text, on_token=on_token, on_restart=streamed.clear)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="crossroads-turn", daemon=True)
    worker.start()
    try:
        with Live(Markdown("…"), console=console, refresh_per_second=12, transient=True) as live:
            shown = 0
            while worker.is_alive():
                worker.join(0.08)
                if len(streamed) != shown:
                    shown = len(streamed)
                    live.update(Markdown("".join(streamed)))
    except KeyboardInterrupt:
        cancel.set()
        # The message itself is kept: what it told the advisor stays in the profile.
        console.print("[yellow](answer cancelled; what you said is kept)[/yellow]")
        return
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, _Cancelled):
            return
        # The one catch-all of a turn: log the details, apologise, keep the session.
        log.error("turn failed", exc_info=error)
        console.print(
            f"[red]Sorry, something went wrong answering that ({type(error).__name__}). "
            "Your conversation is intact; try rephrasing, or run with --debug for details.[/red]"
        )
        return
    console.print(Markdown(outcome["reply"].text))


def _wait_for(console, advisor: _Advisor):
    try:
        if not advisor.ready():
            with console.status("Getting ready (loading the knowledge base)…"):
                chat = advisor.get()
        else:
            chat = advisor.get()
    except KeyboardInterrupt:
        # Still loading in the background; the next message picks it up.
        console.print("[yellow](cancelled)[/yellow]")
        return None
    except (ValueError, LookupError, OSError) as exc:
        console.print(f"[red]Crossroads could not start: {exc}[/red]")
        return None
    for message in advisor.progress:
        console.print(f"[dim]{message}[/dim]")
    advisor.progress.clear()
    return chat


def _command(console, advisor: _Advisor, thread: str, command: str, argument: str) -> None:
    from rich.markdown import Markdown

    if command == "/help":
        console.print(HELP)
        return
    chat = _wait_for(console, advisor)
    if chat is None:
        return
    handlers: dict[str, Callable[[Any, dict, str], str]] = {
        "/profile": _profile_markdown,
        "/costs": _costs_markdown,
        "/why": _why_markdown,
        "/sources": _sources_markdown,
        "/export": _export,
        "/usage": _usage_markdown,
    }
    handler = handlers.get(command)
    if handler is None:
        console.print(f"Unknown command {command}. Type /help for the list.")
        return
    try:
        console.print(Markdown(handler(chat, chat.snapshot(thread), argument)))
    except (ValueError, OSError) as exc:
        console.print(f"[red]{exc}[/red]")
    except Exception as exc:  # noqa: BLE001 - one catch-all per command: log, apologise, keep the session
        log.error("command %s failed", command, exc_info=exc)
        console.print(f"[red]Sorry, {command} failed ({type(exc).__name__}). Run with --debug for details.[/red]")


def _profile_markdown(chat, snapshot: dict, _: str) -> str:
    from agent.offline_replies import slot_text

    profile = snapshot["profile"]
    if not profile:
        return "I don't know anything about your situation yet. Tell me what you're building."
    lines = ["**What you told me**", ""]
    lines += [f"- {slot_text(slot, value)}" for slot, value in profile.items()]
    rec = snapshot.get("recommendation")
    if rec and rec.get("assumptions"):
        lines += ["", "**What I assumed**", ""]
        lines += [f"- {slot_text(a['slot'], a['value'])}: {a['why']}" for a in rec["assumptions"]]
    return "\n".join(lines)


def _costs_markdown(chat, snapshot: dict, _: str) -> str:
    from agent.offline_replies import breakeven_text, cost_table

    costs = snapshot.get("costs")
    if not costs:
        return "No cost comparison yet: ask me for a recommendation (or tell me your volume) first."
    return f"{cost_table(costs)}\n\n{breakeven_text(costs)}"


def _why_markdown(chat, snapshot: dict, _: str) -> str:
    rec = snapshot.get("recommendation")
    if not rec:
        return "No recommendation yet, so there is no rule trace to show."
    lines = [f"**Recommendation: {rec['name']}**", "", "Rule trace:", ""]
    for step in rec["trace"]:
        mark = "✔" if step["fired"] else "·"
        lines.append(f"- {mark} `{step['rule_id']}`: {step['why']}")
    if rec.get("what_would_change"):
        lines += ["", "What would change it:", ""] + [f"- {item}" for item in rec["what_would_change"]]
    if rec.get("assumptions"):
        lines += ["", "Assumed for what you did not say:", ""]
        lines += [f"- {a['slot']} = {a['value']}: {a['why']}" for a in rec["assumptions"]]
    costs = snapshot.get("costs") or {}
    if costs.get("assumptions"):
        lines += ["", "Cost-model defaults:", ""]
        for a in costs["assumptions"]:
            where = f" (claim {a['claim']}, {a['source_id']}: \"{a['quote']}\")" if a.get("source_id") else ""
            lines.append(f"- `{a['field']}` = {a['value']}: {a['note']}{where}")
    return "\n".join(lines)


def _sources_markdown(chat, snapshot: dict, _: str) -> str:
    from agent.offline_replies import sources_markdown

    reply = snapshot.get("last_reply") or {}
    cited = sources_markdown(reply.get("citations") or ())
    if cited:
        return cited
    lines = ["My last reply cited no passage. The knowledge base holds:", ""]
    lines += [f"- `{s.id}`: {s.title} ({s.chunks} chunks)" for s in chat.kb.sources()]
    return "\n".join(lines)


def _export(chat, snapshot: dict, argument: str) -> str:
    from agent.memo import export

    if not argument:
        raise ValueError("usage: /export PATH (for example /export decision.md)")
    written = export(snapshot, Path(argument))
    return "Wrote " + ", ".join(f"`{p}`" for p in written)


def _usage_markdown(chat, snapshot: dict, _: str) -> str:
    if chat.usage is None:
        return "The offline engine answers here: no tokens, no dollars."
    report = chat.usage.report()
    if not report.models:
        return "No LLM calls yet."
    lines = ["| Model | Calls | Input | Output | Cache read | Cache write | Cost |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for m in report.models:
        cost = f"${m.cost_usd:.4f}" if m.cost_usd is not None else "unknown price"
        lines.append(
            f"| {m.model} | {m.calls} | {m.input_tokens:,} | {m.output_tokens:,} | {m.cache_read_tokens:,} "
            f"| {m.cache_write_tokens:,} | {cost} |"
        )
    if report.cost_usd is not None:
        lines.append(f"\nIn all: {report.calls} calls, ${report.cost_usd:.4f}.")
    else:
        unpriced = ", ".join(report.unpriced_models)
        lines.append(
            f"\nIn all: {report.calls} calls; ${report.priced_cost_usd:.4f} for the priced models "
            f"(no prices known for {unpriced}, so their cost is not counted)."
        )
    return "\n".join(lines)


def _enable_history(path: Path) -> Callable[[], None] | None:
    """Line editing and history across sessions, where the platform has readline."""
    try:
        import readline
    except ImportError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            readline.read_history_file(path)
    except OSError:
        log.debug("could not read chat history", exc_info=True)
    readline.set_history_length(1000)

    def save() -> None:
        try:
            readline.write_history_file(path)
        except OSError:
            log.debug("could not save chat history", exc_info=True)

    return save
