"""`crossroads ask` keeps a conversation across calls with --thread: after a recommendation the views
asked in words ("why?", "show me the costs", "what did you assume?") come back, and a bare number
picks one of the quick answers the last reply offered (issue 14)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def ask(capsys):
    from agent.cli.main import main

    def run(*argv: str) -> dict:
        assert main(["ask", *argv, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    return run


def test_views_in_words_and_numbered_answers_through_ask(ask):
    first = ask("We're building a support bot over our help-centre articles, 100k questions a day.")
    thread = first["thread"]
    # The question it asks (how often the articles change) comes with quick answers; a number picks one.
    assert "Weekly" in first["choices"]
    picked = ask(str(first["choices"].index("Weekly") + 1), "--thread", thread)
    assert picked["profile"]["knowledge_changes"] == "weekly"
    ask("The articles change every week and answers must link the article; hosted APIs are fine.", "--thread", thread)
    recommended = ask("What do you recommend?", "--thread", thread)
    assert recommended["recommendation"] == "rag" and len(recommended["reply"].split()) <= 350
    assert "Rule trace" in ask("why?", "--thread", thread)["reply"]
    assert "| Option | One-time |" in ask("show me the costs", "--thread", thread)["reply"]
    assert "What I assumed where you said nothing" in ask("what did you assume?", "--thread", thread)["reply"]
