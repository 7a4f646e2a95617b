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
    # (the first prompt is drawn while the advisor still loads; on a loaded machine a Ctrl-C sent in
    # that instant can land before the prompt reads keys, so one command goes first)
    say(child, "/profile")
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


@pytest.fixture
def small_terminal(isolated_environment, tmp_path):
    """An 80x40 terminal, the size a first recommendation must fit."""
    env = {k: v for k, v in os.environ.items()}
    env.update({"CROSSROADS_DATA_DIR": str(isolated_environment), "COLUMNS": "80", "LINES": "40", "TERM": "xterm", "NO_COLOR": "1"})
    child = pexpect.spawn(
        sys.executable, ["-m", "agent.cli", "chat"], env=env, cwd=str(tmp_path), encoding="utf-8", timeout=60,
        dimensions=(40, 80),
    )
    yield child
    child.close(force=True)


def screen_lines(out: str) -> list[str]:
    """What the terminal shows of one answer, line by line (Live's redraws and escapes removed)."""
    import re

    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).replace("\r", "")
    return text.split("\n")


def test_a_first_recommendation_fits_one_80x40_screen_and_numbers_answer_questions(small_terminal):
    child = small_terminal
    child.expect_exact(PROMPT)
    say(child, "We're building a support bot over our help-centre articles.")
    asked = "\n".join(screen_lines(say(child, "About 100k questions a day.")))
    # The question comes with numbered quick answers; typing a number answers it.
    assert "1 Daily" in asked and "2 Weekly" in asked and "(type a number)" in asked
    picked = "\n".join(screen_lines(say(child, "2")))
    assert "→ Weekly" in picked and "the knowledge changes weekly" in picked
    say(child, "Answers must link the article they came from.")
    lines = screen_lines(say(child, "What do you recommend?"))
    out = "\n".join(lines)
    verdict = next(i for i, line in enumerate(lines) if "RAG (retrieval-augmented generation)." in line)
    # From the verdict to the prompt, the answer fits on the screen: nothing scrolls the verdict away.
    assert len(lines) - verdict <= 40, "\n".join(lines[verdict:])
    assert all(len(line) <= 80 for line in lines[verdict:])
    assert "Sources" in out and "12-month total" in out
    # The details are a word away, and typed shortcuts do the same.
    assert "Rule trace" in say(child, "why?")
    assert "One-time" in say(child, "show me the costs")
    assert "What I assumed where you said nothing" in say(child, "what did you assume?")
    assert "What I assumed where you said nothing" in say(child, "/assumptions")
    child.sendline("/quit")
    child.expect(pexpect.EOF)


def test_lines_pasted_together_are_one_message(monkeypatch):
    """A pasted table arrives as lines within milliseconds of each other; on a terminal they are read
    as one message, so each row keeps its label (a line typed later is a message of its own)."""
    import os
    import pty

    from agent.frontends.terminal import _pasted_with

    controller, follower = pty.openpty()
    with os.fdopen(follower, "r") as stdin:
        monkeypatch.setattr("sys.stdin", stdin)
        os.write(controller, b"| metric | value |\n| tickets per day | ~1,800 |\n")
        assert _pasted_with("We route tickets.") == "We route tickets.\n| metric | value |\n| tickets per day | ~1,800 |"
        assert _pasted_with("so what now?") == "so what now?"  # nothing pasted after it
    os.close(controller)
