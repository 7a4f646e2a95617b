"""Shared fixtures: every test runs offline, with no provider keys, and its own data directory."""

from __future__ import annotations

import logging

import pytest

# Variables that would make a test talk to a real provider, a real workspace or the user's data.
_SCRUBBED_PREFIXES = ("CROSSROADS_", "OPENAI_", "ANTHROPIC_", "SLACK_")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path):
    import os

    for name in list(os.environ):
        if name.startswith(_SCRUBBED_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "crossroads-data"
    monkeypatch.setenv("CROSSROADS_DATA_DIR", str(data_dir))
    # A stray .env in the working directory must not leak keys into tests.
    monkeypatch.chdir(tmp_path)
    return data_dir


@pytest.fixture(scope="session")
def bundled_kb(tmp_path_factory):
    """One knowledge base over the bundled corpus, indexed once for the whole test session."""
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase.open(tmp_path_factory.mktemp("bundled-kb"))
    kb.ensure_indexed()
    return kb


@pytest.fixture
def offline_chat(bundled_kb):
    """The advisor with the offline engine, in-memory conversations, and the shared knowledge base."""
    from agent.assemble import advisor_over

    return advisor_over(bundled_kb)


class _GroundingFailures(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        if record.getMessage().startswith("offline reply failed grounding"):
            self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def offline_replies_are_grounded():
    """Every offline reply produced anywhere in the suite must pass the grounding validator."""
    handler = _GroundingFailures()
    logger = logging.getLogger("agent.conversation.graph")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert not handler.messages, handler.messages
