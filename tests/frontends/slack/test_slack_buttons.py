"""Issue 14 in Slack, through the real Bolt app over signed HTTP against the fake Web API: quick
answers as buttons (one answer per question, however often pressed), the Costs/Why/Sources/Memo
buttons under a recommendation, the views asked in words, the assistant thread's status, and a
first recommendation that reads in one message."""

from __future__ import annotations

import json

from fakes.slack_api import TEAM, block_actions, mention, message, slack_api  # noqa: F401
from test_slack_bot import CHANNEL, RunningBot

import pytest


@pytest.fixture
def bot(slack_api, offline_chat, isolated_environment):
    running = RunningBot(slack_api, offline_chat, isolated_environment)
    yield running
    running.close()


def press(bot, answer: dict, action_id: str, **options):
    delivery = bot.send(block_actions(answer, action_id, **options), form=True)
    assert delivery.status == 200
    return delivery


def buttons(answer: dict, block_id: str) -> list[dict]:
    block = next((b for b in answer["blocks"] or () if b.get("block_id") == block_id), None)
    return block["elements"] if block else []


def thread_of(event: dict) -> str:
    return event["event"]["ts"]


def test_a_quick_answer_button_answers_the_question_once(bot, slack_api):
    first = mention("We're building a support bot over our help-centre articles.")
    root = thread_of(first)
    question = bot.ask(first)
    choices = [e["text"]["text"] for e in buttons(question, "crossroads_answers")]
    assert choices == ["About 1,000 a day", "About 10,000 a day", "About 100,000 a day", "About 1 million a day"]
    action = next(e["action_id"] for e in buttons(question, "crossroads_answers") if e["value"] == "About 100,000 a day")
    other = next(e["action_id"] for e in buttons(question, "crossroads_answers") if e["value"] == "About 1,000 a day")
    delivery = press(bot, question, action, action_ts="1800000000.000001")
    assert delivery.elapsed_s < 1.0  # acknowledged before the turn runs
    press(bot, question, action, action_ts="1800000000.000001")  # Slack's retry of the same press
    press(bot, question, other)  # a second press, on another answer
    answered = slack_api.wait_for(lambda: len(slack_api.answers(CHANNEL, root)) >= 2 and slack_api.answers(CHANNEL, root),
                                  what="the answer to the button")
    bot.settle()
    thread = f"slack:{TEAM}:{CHANNEL}:{root}"
    snapshot = bot.chat.snapshot(thread)
    assert snapshot["turns"] == 2 and snapshot["profile"]["queries_per_day"] == 100_000
    assert len(slack_api.answers(CHANNEL, root)) == 2
    # The question now says who answered what, in the same thread, in place of its buttons.
    marked = slack_api.messages(CHANNEL, root)[0]
    assert buttons(marked, "crossroads_answers") == []
    assert marked["blocks"][-1]["elements"][0]["text"] == "<@U0ALICE> answered: *About 100,000 a day*"
    assert "about 100,000 queries a day" in answered[-1]["text"]


def recommend(bot) -> tuple[str, dict]:
    first = mention("Support bot over our help-centre articles, 100k questions a day, they change weekly, answers must cite them, hosted is fine.")
    root = thread_of(first)
    bot.ask(first)
    answer = bot.ask(message("What do you recommend?", thread_ts=root))
    return root, answer


def test_a_first_recommendation_reads_in_one_message_on_one_screen(bot, slack_api):
    root, answer = recommend(bot)
    posted = slack_api.answers(CHANNEL, root)
    assert answer["text"].startswith("Here") and "**RAG (retrieval-augmented generation)**" in answer["text"].splitlines()[0]
    assert len(answer["text"].split()) <= 350 and len(answer["text"].splitlines()) <= 40
    assert answer["text"].count("\n- [") <= 6  # numbered sources
    assert len(posted) == 2  # the first answer and the recommendation, each one message


def test_costs_why_sources_and_memo_buttons_post_their_views(bot, slack_api):
    root, answer = recommend(bot)
    assert [e["value"] for e in buttons(answer, "crossroads_views")] == ["costs", "why", "sources", "memo"]
    before = len(slack_api.answers(CHANNEL, root))
    for n, kind in enumerate(("costs", "why", "sources"), 1):
        press(bot, answer, f"crossroads_view_{kind}")
        slack_api.wait_for(lambda: len(slack_api.answers(CHANNEL, root)) >= before + n, what=f"the {kind} view")
    costs, why, sources = (m["text"] for m in slack_api.answers(CHANNEL, root)[before:])
    assert "| Option | One-time | First month | 12-month total | Per 1k queries |" in costs
    assert "Rule trace" in why
    assert "RAG vs Fine-Tuning in 2026" in sources
    press(bot, answer, "crossroads_view_memo")
    complete = slack_api.wait_for(lambda: [c for c in slack_api.calls("files.completeUploadExternal") if len(c.params["files"]) == 2],
                                  what="the memo upload")[-1]
    assert complete.params["thread_ts"] == root
    assert [f["title"] for f in complete.params["files"]] == ["Decision memo", "Cumulative cost by option"]
    bodies = [c.body for c in slack_api.calls("upload")]
    assert any(b.startswith(b"# Decision memo") and b"![Cumulative cost per option](crossroads-cumulative-cost.png)" in b for b in bodies)


def test_the_views_asked_in_words_in_the_thread(bot):
    root, _ = recommend(bot)
    assert "Rule trace" in bot.ask(message("why?", thread_ts=root))["text"]
    assert "| Option | One-time |" in bot.ask(message("show me the costs", thread_ts=root))["text"]
    assert "What I assumed where you said nothing" in bot.ask(message("what did you assume?", thread_ts=root))["text"]


def test_an_assistant_thread_shows_the_thinking_status_instead_of_a_placeholder(bot, slack_api):
    dm = "D0ALICE"
    root = "1800000001.000100"
    answer = bot.ask(message("We're building a support bot over our help-centre articles.", dm, thread_ts=root, channel_type="im"))
    [status] = slack_api.calls("assistant.threads.setStatus")
    assert (status.params["channel_id"], status.params["thread_ts"], status.params["status"]) == (dm, root, "is thinking…")
    assert [m["text"] for m in slack_api.messages(dm, root)] == [answer["text"]]  # no placeholder, no update
    assert slack_api.messages(dm, root)[0]["updates"] == 0
    # Where the app has no assistant feature, the placeholder comes back (and the status is not tried again).
    slack_api.fail("assistant.threads.setStatus", error="missing_scope")
    other = "1800000002.000100"
    bot.ask(message("hello?", dm, thread_ts=other, channel_type="im"))
    bot.ask(message("We're building a support bot.", dm, thread_ts="1800000003.000100", channel_type="im"))
    assert len(slack_api.calls("assistant.threads.setStatus")) == 2
    assert slack_api.messages(dm, "1800000003.000100")[0]["updates"] == 1  # the placeholder, replaced


def test_a_new_assistant_thread_gets_suggested_prompts(bot, slack_api):
    from fakes.slack_api import event_callback

    event = event_callback({"type": "assistant_thread_started", "assistant_thread": {
        "user_id": "U0ALICE", "context": {}, "channel_id": "D0ALICE", "thread_ts": "1800000009.000100"}, "event_ts": "1"})
    assert bot.send(event).status == 200
    [call] = slack_api.wait_for(lambda: slack_api.calls("assistant.threads.setSuggestedPrompts"), what="the prompts")
    prompts = call.params["prompts"] if isinstance(call.params["prompts"], list) else json.loads(call.params["prompts"])
    assert prompts[0]["message"].startswith("Help me choose between RAG and fine-tuning for")
