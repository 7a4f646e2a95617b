"""`crossroads chat` driven through a pseudo-terminal, the way a new user would use it."""

from __future__ import annotations

import os
import sys
import time

import pexpect
import pytest

PROMPT = "you › "


@pytest.fixture
def terminal(isolated_environment, tmp_path):
    env = {k: v for k, v in os.environ.items()}
    env.update({"CROSSROADS_DATA_DIR": str(isolated_environment), "COLUMNS": "140", "TERM": "xterm", "NO_COLOR": "1"})
    child = pexpect.spawn(
        sys.executable, ["-m", "agent.cli", "chat"], env=env, cwd=str(tmp_path), encoding="utf-8", timeout=60,
        dimensions=(50, 140),
    )
    yield child
    child.close(force=True)


def say(child, text: str) -> str:
    child.sendline(text)
    child.expect_exact(PROMPT)
    return child.before


def test_a_new_user_reaches_a_cited_recommendation(terminal, tmp_path):
    child = terminal
    child.expect_exact(PROMPT)
    assert "offline engine" in child.before  # the status line says which engine answers
    assert "What are you building?" in child.before
    say(child, "We're building a support bot for our customers.")
    say(child, "Around 120k requests a day.")
    say(child, "The help-centre articles change every week.")
    say(child, "Answers must link the article they came from.")
    out = say(child, "What do you recommend?")
    assert "RAG" in out
    assert "Break-even" in out
    assert "Sources" in out
    why = say(child, "/why")
    assert "Rule trace" in why
    costs = say(child, "/costs")
    assert "Fine-tune" in costs
    exported = say(child, f"/export {tmp_path / 'memo.md'}")
    assert "memo.md" in exported
    assert (tmp_path / "memo.md").exists() and (tmp_path / "memo-costs.png").exists()
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    assert "crossroads chat --thread cli:" in child.before


def test_ctrl_c_at_the_prompt_does_not_end_the_session(terminal):
    child = terminal
    child.expect_exact(PROMPT)
    child.sendintr()
    child.expect_exact("Ctrl-C cancels an answer")
    child.expect_exact(PROMPT)
    out = say(child, "/help")
    assert "/export PATH" in out
    child.sendeof()
    child.expect(pexpect.EOF)


def test_unknown_command_and_usage_offline(terminal):
    child = terminal
    child.expect_exact(PROMPT)
    assert "Unknown command" in say(child, "/frobnicate")
    assert "offline engine" in say(child, "/usage")


def test_ctrl_c_during_an_answer_cancels_it_and_keeps_the_session(isolated_environment, tmp_path):
    from fakes.llm_server import FakeLLMServer

    with FakeLLMServer() as server:
        server.reply(structured={"use_case": "support bot"}, delay_s=3)
        server.reply(text="Thanks! How many requests a day?")
        env = {
            **os.environ, "CROSSROADS_DATA_DIR": str(isolated_environment), "NO_COLOR": "1",
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.openai_base_url,
            "CROSSROADS_MODEL": "openai:gpt-4.1-mini", "CROSSROADS_LLM_MAX_RETRIES": "0",
        }
        child = pexpect.spawn(sys.executable, ["-m", "agent.cli", "chat"], env=env, cwd=str(tmp_path),
                              encoding="utf-8", timeout=60, dimensions=(50, 140))
        try:
            child.expect_exact(PROMPT)
            assert "openai:gpt-4.1-mini" in child.before
            say(child, "/profile")  # waits until the advisor has loaded
            child.sendline("We're building a support bot.")
            time.sleep(1)  # the fake model holds its first answer back for three seconds
            child.sendintr()
            child.expect_exact("answer cancelled")
            child.expect_exact(PROMPT)
            assert "/help" in say(child, "/help")
        finally:
            child.close(force=True)
