"""The terminal front-end: the interactive chat loop behind `crossroads chat`.

The prompt appears at once: the advisor (knowledge base, checkpointer, graph) is opened in a
background thread while the user types, and the first message waits for it if it must.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from agent.conversation import views
from agent.frontends import panels

log = logging.getLogger(__name__)

# Opens the advisor; receives a callback for progress lines ("Indexing the bundled articles...").
OpenChat = Callable[[Callable[[str], None]], Any]

HELP = """\
Commands:
  /profile        what I know about your situation, and what I assumed
  /costs          the latest cost comparison
  /why            every reason behind the recommendation, with its passages, and the rule trace
  /assumptions    what I assumed where you said nothing, and where each default comes from
  /changes        what would change the recommendation
  /sources        the passages behind the last answer
  /export PATH    write a decision memo (Markdown) with a cost chart (PNG) beside it
  /usage          tokens and dollars the advisor itself has spent (LLM mode)
  /reset          start a new conversation
  /help           this list
  /quit           leave (Ctrl-D works too; Ctrl-C cancels an answer, not the session)

When a question offers numbered answers, type the number (or answer in your own words).
"""

# Colours that read on a light and a dark background: bold, dim, italic and the terminal's own
# foreground, never a fixed background (Rich's defaults put inline code on black, bullets in yellow).
THEME_STYLES = {
    "markdown.code": "bold",
    "markdown.item.bullet": "bold",
    "markdown.item.number": "bold",
    "markdown.hr": "dim",
    "markdown.block_quote": "italic",
    "markdown.link": "underline",
    "markdown.link_url": "underline",
    "markdown.h1": "bold",
    "markdown.h2": "bold underline",
    "markdown.table.border": "dim",
    "markdown.table.header": "bold",
    "choice": "bold",
}


def make_console(**options: Any):
    """A Rich console with the theme above and no auto-highlighting (figures in replies should look
    like the text around them)."""
    from rich.console import Console
    from rich.theme import Theme

    return Console(highlight=False, theme=Theme(THEME_STYLES), **options)


def choices_text(choices: list[str], width: int = 80) -> str:
    """Numbered quick answers, on one line where they fit: "1 Daily · 2 Weekly · ... (type a number)"."""
    plain = "  " + " · ".join(f"{n} {choice}" for n, choice in enumerate(choices, 1))
    marked = "  " + " · ".join(f"[choice]{n}[/choice] {escape_markup(choice)}" for n, choice in enumerate(choices, 1))
    hint = "(type a number)"
    return f"{marked}  [dim]{hint}[/dim]" if len(plain) + 2 + len(hint) <= width else f"{marked}\n  [dim]{hint}[/dim]"


SOURCES_HEADING = "**Sources**"
# Under a recommendation the terminal shows its typed shortcuts, the same as Slack's buttons.
SHORTCUTS = "[dim]Details:[/dim] /why · /costs · /assumptions · /sources · /export memo.md"


def shown_text(reply: Any) -> str:
    """The reply as the terminal shows it: a recommendation's pointer to the details gives way to
    the shortcut line printed under it."""
    from agent.conversation.templates import DETAILS_LINE

    return reply.text.replace(f"\n\n{DETAILS_LINE}", "") if reply.recommendation else reply.text


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def chosen(text: str, choices: list[str]) -> str | None:
    """The quick answer a bare number picks ("2" -> the second choice), or None."""
    if choices and text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    return None


class _Advisor:
    """Builds the Chat in the background so the prompt shows at once."""

    def __init__(self, open_chat: OpenChat):
        self._open_chat = open_chat
        self._chat = None
        self._error: BaseException | None = None
        self.progress: list[str] = []
        self._thread = threading.Thread(target=self._open, name="crossroads-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            self._chat = self._open_chat(self.progress.append)
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


def chat_loop(open_chat: OpenChat, *, thread: str | None, engine: str, history_path: Path) -> int:
    """Talk until /quit or Ctrl-D. `thread`: a conversation to resume (None: a new one); `engine`:
    what answers, for the header line."""
    from rich.markdown import Markdown

    from agent.conversation.chat import new_thread_id
    from agent.wording import INTRODUCTION

    console = make_console()
    resumed = thread is not None
    thread = thread or new_thread_id()
    history = _enable_history(history_path)
    choices: list[str] = []  # the quick answers to the question just asked
    console.rule(f"[bold]Crossroads[/bold] · {engine} · thread {thread}", style="dim")
    greeting = "Welcome back: this thread remembers what you told me." if resumed else f"{INTRODUCTION} What are you building?"
    console.print(Markdown(f"{greeting}\n\n_Type /help for commands._"))
    # Opened once the greeting is out: its imports would otherwise share the interpreter with it.
    advisor = _Advisor(open_chat)
    try:
        while True:
            try:
                text = _pasted_with(input("\nyou › ")).strip()
            except KeyboardInterrupt:
                console.print("\n[dim](Ctrl-C cancels an answer; /quit or Ctrl-D leaves)[/dim]")
                continue
            except EOFError:
                console.print()
                break
            if not text:
                continue
            picked = chosen(text, choices)
            if picked:
                console.print(f"[dim]→ {escape_markup(picked)}[/dim]")
                text = picked
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
            reply = _turn(console, advisor, thread, text)
            choices = list(reply.choices) if reply is not None else []
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


def _turn(console, advisor: _Advisor, thread: str, text: str) -> Any:
    """One turn, shown as it streams; returns the Reply (None when there is none to show)."""
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
        if isinstance(error, OSError):  # the environment (a full disk, a damaged file): its message says what to do
            console.print(f"[red]Sorry, that message could not be answered: {error}[/red]")
            return
        console.print(
            f"[red]Sorry, something went wrong answering that ({type(error).__name__}). "
            "Your conversation is intact; try rephrasing, or run with --debug for details.[/red]"
        )
        return
    reply = outcome["reply"]
    text = shown_text(reply)
    body, _, sources = text.partition(f"\n\n{SOURCES_HEADING}\n\n")
    console.print(Markdown(body))
    if sources:
        # The Sources list, one passage a line under a bold heading (Markdown would add blank lines).
        console.print(f"\n[bold]Sources[/bold]\n" + escape_markup(sources.replace("- [", "[")))
    if text != reply.text:
        console.print(SHORTCUTS)
    if reply.choices:
        console.print(choices_text(reply.choices, console.width))
    return reply


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
        "/profile": lambda chat, snapshot, _: views.profile_view(snapshot),
        "/costs": lambda chat, snapshot, _: views.costs_view(snapshot),
        "/why": lambda chat, snapshot, _: views.why_view(snapshot),
        "/assumptions": lambda chat, snapshot, _: views.assumptions_view(snapshot),
        "/changes": lambda chat, snapshot, _: views.changes_view(snapshot),
        "/sources": lambda chat, snapshot, _: panels.sources_panel(snapshot, chat.kb.sources()),
        "/export": _export,
        "/usage": lambda chat, snapshot, _: panels.usage_panel(chat.usage),
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


def _export(chat, snapshot: dict, argument: str) -> str:
    from agent.frontends.memo import export

    if not argument:
        raise ValueError("usage: /export PATH (for example /export decision.md)")
    written = export(snapshot, Path(argument))
    return "Wrote " + ", ".join(f"`{p}`" for p in written)


# Lines that arrive this soon after Enter were pasted with it, not typed: nobody types a line that fast.
PASTE_GAP_SECONDS = 0.05


def _pasted_with(line: str) -> str:
    """`line` with the lines pasted after it in the same paste ("We route tickets.\\n| metric | value
    |\\n..."), so a pasted table or notes are one message, not one per line. Where stdin cannot be
    polled (not a terminal, Windows), the line alone."""
    if not sys.stdin.isatty():
        return line
    try:
        import select

        lines = [line]
        while select.select([sys.stdin], [], [], PASTE_GAP_SECONDS)[0]:
            lines.append(input())
    except (OSError, ValueError, EOFError, ImportError):
        return line
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
