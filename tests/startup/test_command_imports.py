"""What each command imports, checked in a fresh process: the libraries a command does not use stay
unloaded (measured as imports, not seconds: timing belongs in bench/)."""

from __future__ import annotations

import subprocess
import sys

_RUN = (
    "import sys, io, contextlib; from agent.cli.main import main\n"
    "with contextlib.redirect_stdout(io.StringIO()): code = main({argv!r})\n"
    "print(code, sorted(m for m in {names!r} if m in sys.modules))"
)


def _imported(argv: list[str], names: tuple[str, ...]) -> str:
    code = _RUN.format(argv=argv, names=names)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_cost_loads_no_index_graph_or_tracing():
    names = ("chromadb", "langgraph", "langchain_core", "langsmith", "wordllama")
    assert _imported(["cost", "--queries-per-day", "50000", "--json"], names) == "0 []"


def test_an_offline_ask_loads_no_index_provider_or_model_code(isolated_environment):
    from knowledge.store import KnowledgeBase

    KnowledgeBase.open(isolated_environment).ensure_indexed()  # warm: only an empty directory loads Chroma to index
    names = (
        "chromadb", "langchain_openai", "langchain_anthropic", "openai", "anthropic", "matplotlib",
        "knowledge.provenance", "agent.understand.llm", "agent.understand.merge", "agent.conversation.phrasing",
    )
    assert _imported(["ask", "We're building a support bot, about 50k requests a day.", "--json"], names) == "0 []"
