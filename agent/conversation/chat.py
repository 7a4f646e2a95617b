"""One conversation API for every front-end (terminal, Slack) and for the evals.

`Chat.send()` runs one turn of one thread and returns a `Reply`; `Chat.snapshot()` reads a thread's
stored state. `agent.assemble.open_advisor` builds a `Chat` from settings.
"""

from __future__ import annotations

import threading
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:  # the graph pulls in LangGraph (a second to import); `new_thread_id` needs none of it
    from agent.conversation.graph import Context


@dataclass(frozen=True)
class Reply:
    """One advisor turn as the front-ends show it."""

    thread: str
    text: str
    citations: list[dict[str, Any]]  # {"n", "source_id", "title", "quote"}
    recommendation: str | None  # rag | fine_tune | hybrid | distill | prompt_first
    profile: dict[str, Any]
    profile_sources: dict[str, str]
    costs: dict[str, Any] | None
    engine: str  # "offline" or "<provider>:<model>"
    notices: list[str] = field(default_factory=list)
    what_if: dict[str, Any] | None = None
    # Facts changed after a recommendation: the totals and the label before and after (see Brief.change).
    change: dict[str, Any] | None = None
    # A view asked in words ("why?"): {"kind", "costs", "recommendation"}, the stored results it shows.
    view: dict[str, Any] | None = None
    # Likely answers to the question the reply ends with (from the slot registry): quick replies.
    choices: list[str] = field(default_factory=list)
    # Source-audit findings behind any caution in the text (note, figures, passages).
    audit: list[dict[str, Any]] = field(default_factory=list)
    # Quantities the sources disagree on that the reply gives a range for (label, low, high, unit).
    disputes: list[dict[str, Any]] = field(default_factory=list)
    # The call asked for with no volume, when the volume decides it: {"low", "high", "low_label",
    # "high_label"} (the reply asks for the volume instead of recommending).
    volume_decides: dict[str, Any] | None = None
    # This turn's 1-based number in its thread.
    turn: int = 0

    def to_json(self) -> dict[str, Any]:
        """The `crossroads ask --json` contract (plus engine and notices)."""
        return {
            "thread": self.thread,
            "turn": self.turn,
            "reply": self.text,
            "citations": [{"source_id": c["source_id"], "quote": c["quote"]} for c in self.citations],
            "recommendation": self.recommendation,
            "profile": self.profile,
            "profile_sources": self.profile_sources,
            "costs": self.costs,
            "audit": self.audit,
            "disputes": self.disputes,
            "change": self.change,
            "volume_decides": self.volume_decides,
            "choices": self.choices,
            "engine": self.engine,
            "notices": self.notices,
        }


def new_thread_id(prefix: str = "cli") -> str:
    return f"{prefix}:{uuid.uuid4()}"


class _ProcessTurnLocks:
    """One turn per thread within this process, reentrant per OS thread: for conversations only
    this process can see (in memory). Stores shared by processes come with their own
    (`agent.infra.turn_locks`)."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.RLock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, thread_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(thread_id, threading.RLock())
        with lock:
            yield


class Chat:
    """Conversations over one compiled graph; safe to share between threads of one process.

    Built by `agent.assemble`: `open_advisor(settings)`, or `advisor_over(kb, llm)` without settings.
    `turns` holds a thread's turn lock (`hold(thread_id)`, a context manager) across every process
    that shares the graph's checkpointer; the default holds it within this process only.
    """

    def __init__(
        self,
        graph: Any,
        context: Context,
        *,
        engine: str,
        usage: Any = None,
        turns: Any = None,
    ):
        self._graph = graph
        self._context = context
        self.engine = engine
        self.kb = context.kb
        self.usage = usage
        self._closer = ExitStack()
        self._turns = turns or _ProcessTurnLocks()

    def send(
        self,
        thread_id: str,
        text: str,
        *,
        on_token: Callable[[str], None] | None = None,
        on_restart: Callable[[], None] | None = None,
    ) -> Reply:
        """Run one turn. Raises on a bug; provider outages are handled inside (offline fallback).

        In LLM mode `on_token` receives the reply as it streams; `on_restart` says the streamed text
        was rejected (a figure failed the grounding check) and a new one follows. Turns of one thread
        run one at a time across every process sharing the store (a later one waits), so no turn
        overwrites another's state; `Reply.turn` is the turn's number in its thread.
        """
        text = (text or "").strip()
        if not text:
            raise ValueError("say something: the message was empty")
        config: dict[str, Any] = {"configurable": {"thread_id": thread_id}}
        if self.usage is not None:
            # Callbacks in the run config reach every model call inside the graph.
            config["callbacks"] = [self.usage.callback()]
        context = replace(self._context, on_token=on_token, on_restart=on_restart)
        # One checkpoint per turn, written when the turn ends: a turn is the unit users see, and
        # per-step checkpoints cost more than the offline turn itself.
        with self.turn(thread_id):
            state = self._graph.invoke({"user_text": text}, config, context=context, durability="exit")
            self._prune(thread_id)
        return Reply(thread=thread_id, turn=state["turns"], **state["reply"])

    def turn(self, thread_id: str) -> Any:
        """Held while one turn of `thread_id` runs (reentrant: `send` inside it does not wait on
        itself), for a front-end that reads the thread's state before its turn."""
        return self._turns.hold(thread_id)

    def _prune(self, thread_id: str) -> None:
        # Only the latest checkpoint is ever read again: superseded ones would make a thread's
        # storage grow with the square of its length. In-memory savers keep theirs (one run).
        prune = getattr(self._graph.checkpointer, "prune", None)
        if prune is not None:
            try:
                prune([thread_id])
            except NotImplementedError:
                pass

    def snapshot(self, thread_id: str) -> dict[str, Any]:
        """The stored state of a thread: profile, last recommendation and costs, asked slots."""
        values = self._graph.get_state({"configurable": {"thread_id": thread_id}}).values or {}
        profile = values.get("profile") or {}
        return {
            "profile": {slot: entry["value"] for slot, entry in profile.items()},
            "profile_sources": {slot: entry["source"] for slot, entry in profile.items()},
            "recommendation": values.get("recommendation"),
            "costs": values.get("costs"),
            "asked": list(values.get("asked") or []),
            "turns": values.get("turns", 0),
            "last_reply": values.get("reply"),
            "cited": list(values.get("cited") or []),
        }

    def closes(self, resources: ExitStack) -> None:
        """Close `resources` (the store's connections, pools) when this chat closes."""
        self._closer.push(resources)

    def close(self) -> None:
        self._closer.close()
