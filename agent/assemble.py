"""The composition root: the one place settings become objects.

Every front-end, command, test fixture and bench builds the advisor through here: the knowledge
base, the conversation store, the language model when one is configured, the graph and its runtime
context. Everything below this module receives values, never `Settings`.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from agent.conversation.chat import Chat
    from agent.infra.settings import Settings
    from knowledge.store import KnowledgeBase

Progress = Callable[[str], None]


def open_knowledge_base(
    settings: Settings,
    *,
    progress: Progress | None = None,
    rebuild: bool = False,
    bundled_only: bool = False,
) -> KnowledgeBase:
    """The knowledge base the settings describe, with the bundled corpus indexed.

    `bundled_only`: an index of the bundled articles alone, kept apart from the user's (evals measure
    the advisor on the curated sources, whatever documents the user ingested).
    """
    from knowledge.store import KnowledgeBase

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    kb = KnowledgeBase.open(
        Path(settings.data_dir) / "eval-index" if bundled_only else settings.data_dir,
        chroma_url=None if bundled_only else settings.chroma_url,
        embeddings=settings.embeddings,
        openai_api_key=key,
        openai_base_url=settings.openai_base_url,
        progress=progress,
        rebuild=rebuild,
    )
    kb.ensure_indexed()
    return kb


def open_advisor(
    settings: Settings,
    *,
    progress: Progress | None = None,
    streaming: bool = False,
    store: Any = None,
    in_memory: bool = False,
    bundled_only: bool = False,
) -> Chat:
    """The advisor the settings describe: knowledge base, conversation store, model and graph.

    Conversations persist in SQLite or PostgreSQL (`CROSSROADS_DATABASE_URL`), with the turn locks
    of that store, unless a `store` is given (`open_conversation_store`) or `in_memory` (one run
    only: evals). Raises ValueError, naming the setting to fix, when the configuration cannot work.
    """
    from agent.infra.llm import choose_provider

    choice = choose_provider(settings)  # a bad configuration fails before anything loads
    closer = ExitStack()
    try:
        return _assemble(settings, choice, closer, progress, streaming, store, in_memory, bundled_only)
    except BaseException:
        closer.close()  # a failed start leaves no connection or pool behind
        raise


def _assemble(settings, choice, closer, progress, streaming, store, in_memory, bundled_only) -> Chat:
    kb = open_knowledge_base(settings, progress=progress, bundled_only=bundled_only)
    if store is None and not in_memory:
        store = open_conversation_store(settings, closer)
    llm = usage = None
    if choice.provider:
        from agent.infra.usage import UsageTracker

        usage = UsageTracker(default_model=choice.model)
        llm = language_model(choice, settings, streaming=streaming)
    chat = advisor_over(kb, llm, store=store, usage=usage)
    chat.closes(closer)
    return chat


def language_model(choice: Any, settings: Settings, *, streaming: bool = False) -> Any:
    """The chat model for a provider choice (`agent.infra.llm.choose_provider`), with the settings'
    endpoint, key, timeout and retry budget."""
    from agent.infra.llm import Llm, build_chat_model

    return Llm(model=build_chat_model(choice, settings, streaming=streaming), choice=choice)


def open_eval_advisor(settings: Settings, model: str | None = None) -> Chat:
    """The advisor as the front-ends build it, over the bundled articles only, with conversations
    held in memory for this run. `model` overrides CROSSROADS_MODEL (`offline`, `anthropic:<model>`,
    `openai:<model>`)."""
    if model is not None:
        settings = settings.model_copy(update={"model": model})
    chat = open_advisor(settings, in_memory=True, bundled_only=True)
    # Load the search index now rather than in the first of several scenarios replayed at once.
    chat.kb.warm_up()
    return chat


def advisor_over(kb: Any, llm: Any = None, *, store: Any = None, usage: Any = None) -> Chat:
    """The advisor over an open knowledge base and a model (`agent.infra.llm.Llm`; None: the offline
    engine), with in-memory conversations unless a `store` (`open_conversation_store`) is given:
    what tests and benches need without any settings."""
    from agent.conversation.chat import Chat
    from agent.conversation.graph import advisor_context, build_graph

    engine = llm.label if llm else "offline"
    checkpointer = store.checkpointer if store is not None else memory_checkpointer()
    turns = store.turns if store is not None else None
    return Chat(build_graph(checkpointer), advisor_context(llm, kb), engine=engine, usage=usage, turns=turns)


def memory_checkpointer() -> Any:
    from langgraph.checkpoint.memory import InMemorySaver

    return InMemorySaver()


def open_conversation_store(settings: Settings, closer: ExitStack, *, connections: int = 2) -> Any:
    """The conversation store for the settings (`agent.infra.storage.ConversationStore`: the
    checkpointer and its turn locks): PostgreSQL with `CROSSROADS_DATABASE_URL`, else SQLite.
    `connections`: how many turns may hold a PostgreSQL turn lock at once."""
    from agent.infra.storage import open_store

    url = settings.database_url.get_secret_value() if settings.database_url else None
    return open_store(url, Path(settings.data_dir), closer, connections=connections)


def open_slack_event_store(settings: Settings, closer: ExitStack, *, connections: int) -> Any:
    """Slack's event records and turn locks, beside the conversations."""
    from agent.frontends.slack.events import open_event_store

    url = settings.database_url.get_secret_value() if settings.database_url else None
    return open_event_store(url, Path(settings.data_dir), closer, connections=connections)


def slack_credentials(settings: Settings) -> Any:
    """The Slack tokens and API base from the settings, as a value for the Bolt app."""
    from agent.frontends.slack.app import SlackCredentials

    def secret(value: Any) -> str | None:
        return value.get_secret_value() if value is not None else None

    return SlackCredentials(
        bot_token=secret(settings.slack_bot_token),
        signing_secret=secret(settings.slack_signing_secret),
        app_token=secret(settings.slack_app_token),
        api_url=settings.slack_api_url,
    )


def open_slack_bot(settings: Settings, closer: ExitStack, *, socket_mode: bool) -> tuple[Any, Chat]:
    """The Bolt app over the advisor, with its event store and worker pools, all closed by `closer`
    (at exit, events being handled finish, then the turns they queued: callbacks run last-in
    first-out). Returns (app, chat)."""
    from concurrent.futures import ThreadPoolExecutor

    from agent.frontends.slack.app import (
        LISTENER_WORKERS,
        LLM_TURN_WORKERS,
        build_app,
        turn_workers,
    )
    from agent.frontends.slack.limits import SlackLimits

    credentials = slack_credentials(settings)
    # Checked before the slow start (knowledge base, database) so a missing token fails at once.
    credentials.require(socket_mode)
    # A turn lock for each turn in progress, and a few more for turns waiting on another replica.
    store = open_conversation_store(settings, closer, connections=LLM_TURN_WORKERS + 4)
    events = open_slack_event_store(settings, closer, connections=4)
    chat = open_advisor(settings, store=store)
    closer.callback(chat.close)
    turns = ThreadPoolExecutor(turn_workers(chat.engine), thread_name_prefix="crossroads-turn")
    closer.callback(turns.shutdown, wait=True)
    listeners = ThreadPoolExecutor(LISTENER_WORKERS, thread_name_prefix="crossroads-event")
    closer.callback(listeners.shutdown, wait=True)
    limits = SlackLimits(settings.slack_user_per_minute, settings.slack_team_per_minute, settings.slack_max_queued)
    app = build_app(chat, credentials, events, socket_mode=socket_mode, listeners=listeners, turns=turns, limits=limits)
    from agent.frontends.charts import draw_in_background

    draw_in_background()  # the chart process loads matplotlib now, not at the first recommendation
    import sys

    # The interpreter lock passes between threads every millisecond rather than every five: an
    # offline turn is CPU-bound, and acknowledging a request (within Slack's 3 s) must not queue
    # behind it.
    sys.setswitchinterval(0.001)
    return app, chat
