"""One conversation API for every front-end (terminal, Slack) and for the evals.

`Chat.open(settings)` assembles the parts from settings (the only place that does): the knowledge
base, the checkpointer, the language model if one is configured, and the graph. `send()` runs one
turn of one thread and returns a `Reply`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from agent.settings import Settings

log = logging.getLogger(__name__)


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
    # Source-audit findings behind any caution in the text (note, figures, passages).
    audit: list[dict[str, Any]] = field(default_factory=list)
    # Quantities the sources disagree on that the reply gives a range for (label, low, high, unit).
    disputes: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `crossroads ask --json` contract (plus engine and notices)."""
        return {
            "thread": self.thread,
            "reply": self.text,
            "citations": [{"source_id": c["source_id"], "quote": c["quote"]} for c in self.citations],
            "recommendation": self.recommendation,
            "profile": self.profile,
            "profile_sources": self.profile_sources,
            "costs": self.costs,
            "audit": self.audit,
            "disputes": self.disputes,
            "engine": self.engine,
            "notices": self.notices,
        }


def new_thread_id(prefix: str = "cli") -> str:
    return f"{prefix}:{uuid.uuid4()}"


class Chat:
    """Conversations over one compiled graph; safe to share between threads of one process."""

    def __init__(self, graph: Any, *, engine: str, kb: Any = None, usage: Any = None, closer: ExitStack | None = None):
        self._graph = graph
        self.engine = engine
        self.kb = kb
        self.usage = usage
        self._closer = closer or ExitStack()
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        progress: Callable[[str], None] | None = None,
        streaming: bool = False,
        checkpointer: Any = None,
    ) -> "Chat":
        """Assemble the advisor from settings: knowledge base, checkpointer, model and graph."""
        from agent.llm import choose_provider

        choice = choose_provider(settings)
        closer = ExitStack()
        try:
            return cls._assemble(settings, choice, closer, progress, streaming, checkpointer)
        except BaseException:
            closer.close()  # a failed start leaves no connection or pool behind
            raise

    @classmethod
    def _assemble(cls, settings, choice, closer, progress, streaming, checkpointer) -> "Chat":
        from agent.graph import Llm, build_graph
        from agent.llm import UsageTracker, build_chat_model
        from knowledge.store import KnowledgeBase

        kb = KnowledgeBase.open(
            settings.data_dir,
            chroma_url=settings.chroma_url,
            embeddings=settings.embeddings,
            openai_api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else None,
            openai_base_url=settings.openai_base_url,
            progress=progress,
        )
        kb.ensure_indexed()
        if checkpointer is None:
            checkpointer = open_checkpointer(settings, closer)
        llm = None
        usage = None
        if choice.provider:
            usage = UsageTracker(default_model=choice.model)
            llm = Llm(model=build_chat_model(choice, settings, streaming=streaming), choice=choice)
        graph = build_graph(llm, kb, checkpointer)
        return cls(graph, engine=choice.label, kb=kb, usage=usage, closer=closer)

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
        run one at a time (a later one waits), so no turn overwrites another's state.
        """
        text = (text or "").strip()
        if not text:
            raise ValueError("say something: the message was empty")
        config: dict[str, Any] = {
            "configurable": {"thread_id": thread_id, "on_token": on_token, "on_restart": on_restart}
        }
        if self.usage is not None:
            # Callbacks in the run config reach every model call inside the graph.
            config["callbacks"] = [self.usage.callback()]
        # One checkpoint per turn, written when the turn ends: a turn is the unit users see, and
        # per-step checkpoints cost more than the offline turn itself.
        with self._thread_lock(thread_id):
            state = self._graph.invoke({"user_text": text}, config, durability="exit")
        return Reply(thread=thread_id, **state["reply"])

    def _thread_lock(self, thread_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(thread_id, threading.Lock())

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
        }

    def close(self) -> None:
        self._closer.close()


def open_checkpointer(settings: Settings, closer: ExitStack) -> Any:
    """Where conversations persist: PostgreSQL when `database_url` is set (several processes share
    threads), else SQLite under the data directory (one machine). Both survive restarts."""
    if settings.database_url is not None:
        return _postgres_checkpointer(settings.database_url.get_secret_value(), closer)
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = Path(settings.data_dir) / "conversations.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    # The saver serialises access with its own lock, so one connection can serve several threads.
    conn = sqlite3.connect(path, check_same_thread=False)
    closer.callback(conn.close)
    saver = SqliteSaver(conn)
    saver.setup()
    return saver


def _postgres_checkpointer(url: str, closer: ExitStack) -> Any:
    from langgraph.checkpoint.postgres import PostgresSaver

    from agent.postgres import open_pool, schema_setup

    # The saver serialises its own queries with a lock: two connections are plenty (the second
    # is used while the schema is set up).
    pool = open_pool(url, name="crossroads-checkpoints", max_size=2, dict_rows=True)
    closer.callback(pool.close)
    saver = PostgresSaver(pool)
    with schema_setup(pool):
        saver.setup()
    return saver
