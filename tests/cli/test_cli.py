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
        "import sys; from agent.cli.main import build_parser; build_parser().format_help(); "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_exits_zero():
    out = subprocess.run([sys.executable, "-m", "agent.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "crossroads" in out.stdout


def test_a_bad_setting_names_the_variable_and_exits_2(monkeypatch, capsys):
    from agent.cli.main import main

    monkeypatch.setenv("CROSSROADS_LLM_TIMEOUT_S", "soon")
    assert main(["ask", "hello"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "CROSSROADS_LLM_TIMEOUT_S" in err and "'soon'" in err
