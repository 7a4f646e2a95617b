"""The `crossroads` entry point: fast help, no heavy imports at start-up."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "chromadb", "langchain_openai", "langchain_anthropic", "langgraph", "numpy", "wordllama", "matplotlib",
    "pydantic_settings", "slack_bolt", "psycopg",
)


def test_help_imports_no_heavy_library():
    # Measured as imports rather than seconds: timing belongs in bench/, imports are what make it slow.
    code = (
        "import sys; from agent.cli import build_parser; build_parser().format_help(); "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_exits_zero():
    out = subprocess.run([sys.executable, "-m", "agent.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "crossroads" in out.stdout
