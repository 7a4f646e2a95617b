"""The advisor in LLM mode, against fake OpenAI- and Anthropic-compatible servers on 127.0.0.1
with the real SDKs: structured understanding, phrasing, streaming, tool calls, prompt caching,
retries, the offline fallback and the grounding check."""

from __future__ import annotations

import json

import pytest
from fakes.llm_server import FakeLLMServer, ToolCall, fake_llm_server  # noqa: F401

from agent.assemble import advisor_over, language_model
from agent.conversation.chat import Chat
from agent.conversation.graph import OUTAGE_NOTICE
from agent.infra.llm import ProviderChoice
from agent.infra.settings import Settings

CHOICES = {
    "anthropic": ProviderChoice("anthropic", "claude-haiku-4-5", "test"),
    "openai": ProviderChoice("openai", "gpt-4.1-mini", "test"),
}

SUPPORT = {
    "use_case": "support assistant",
    "queries_per_day": 100000,
    "knowledge_changes": "weekly",
    "needs_citations": True,
    "wants_recommendation": True,
}


def llm_chat(provider: str, server: FakeLLMServer, kb, *, retries: int = 0, streaming: bool = False) -> Chat:
    if provider == "anthropic":
        settings = Settings(
            anthropic_api_key="sk-ant-test", anthropic_base_url=server.anthropic_base_url, llm_max_retries=retries
        )
    else:
        settings = Settings(openai_api_key="sk-test", openai_base_url=server.openai_base_url, llm_max_retries=retries)
    return advisor_over(kb, language_model(CHOICES[provider], settings, streaming=streaming))


def chat_requests(server: FakeLLMServer, provider: str):
    return server.requests_to("/v1/messages" if provider == "anthropic" else "/v1/chat/completions")


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_llm_understands_and_phrases_a_grounded_recommendation(provider, fake_llm_server, bundled_kb):
    chat = llm_chat(provider, fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG is the right call for a help centre that changes weekly [1]. Do you have an eval set?")
    reply = chat.send("llm:rec", "Support assistant, 100k questions a day, articles change weekly, must cite. Recommend?")
    assert reply.engine == CHOICES[provider].label
    assert reply.recommendation == "rag"
    assert reply.profile["queries_per_day"] == 100000
    assert reply.text.startswith("RAG is the right call")
    assert "**Sources**" in reply.text  # appended by Python, not written by the model
    # The model was handed the templated draft with the real figures and the recommendation to keep,
    # not the whole brief (its rule trace and passages only lengthen the prompt).
    phrasing = json.dumps(chat_requests(fake_llm_server, provider)[-1].body)
    assert "<draft>" in phrasing and "Break-even" in phrasing and "The recommendation stays RAG" in phrasing
    assert "<brief>" not in phrasing and '"trace"' not in phrasing


def test_anthropic_gets_cache_control_on_system_prompt_and_tools(fake_llm_server, bundled_kb):
    chat = llm_chat("anthropic", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured={"use_case": "support assistant"})
    fake_llm_server.reply(text="Tell me more about your traffic?")
    chat.send("llm:cache", "We're building a support assistant.")
    body = chat_requests(fake_llm_server, "anthropic")[-1].body
    assert body["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert body["tools"][-1]["cache_control"] == {"type": "ephemeral"}
    assert {tool["name"] for tool in body["tools"]} == {"estimate_costs", "search_sources"}


def test_streaming_hands_tokens_to_the_front_end(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb, streaming=True)
    fake_llm_server.reply(structured={"use_case": "support assistant"})
    fake_llm_server.reply(text="Thanks! Roughly how many requests a day do you expect?")
    pieces: list[str] = []
    reply = chat.send("llm:stream", "We're building a support assistant.", on_token=pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == "Thanks! Roughly how many requests a day do you expect?"
    assert reply.text == "".join(pieces)


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_what_if_through_the_cost_tool(provider, fake_llm_server, bundled_kb):
    from tools.cost_model import estimate_costs

    chat = llm_chat(provider, fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(tool_calls=[ToolCall("estimate_costs", {"queries_per_day": 1_000_000})])
    expected = estimate_costs(queries_per_day=1_000_000)["options"]["rag"]["monthly_usd"]
    fake_llm_server.reply(text=f"At a million a day RAG would cost ${expected:,.0f} a month [1].")
    reply = chat.send("llm:tool", "Support assistant, 100k a day, weekly changes, cite. What about 1M a day?")
    assert f"${expected:,.0f}" in reply.text  # a tool result's figure is grounded
    # The second phrasing request carried the tool's result back to the model.
    last = json.dumps(chat_requests(fake_llm_server, provider)[-1].body)
    assert "breakeven_queries_per_month" in last


def test_a_tool_error_goes_back_to_the_model(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(tool_calls=[ToolCall("estimate_costs", {"queries_per_day": -5})])
    fake_llm_server.reply(text="That volume can't be negative; RAG remains my recommendation [1]. Do you have an eval set?")
    reply = chat.send("llm:toolerr", "Support assistant, 100k a day, weekly changes, must cite. Recommend?")
    assert reply.recommendation == "rag"
    last = chat_requests(fake_llm_server, "openai")[-1].body
    tool_message = [m for m in last["messages"] if m["role"] == "tool"][-1]
    assert "queries_per_day" in tool_message["content"]


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_rate_limit_then_success_is_retried(provider, fake_llm_server, bundled_kb):
    chat = llm_chat(provider, fake_llm_server, bundled_kb, retries=2)
    fake_llm_server.fail(429)
    fake_llm_server.reply(structured={"use_case": "support assistant"})
    fake_llm_server.reply(text="Got it. How many requests a day?")
    reply = chat.send("llm:429", "We're building a support assistant.")
    assert reply.engine == CHOICES[provider].label
    assert reply.notices == []
    assert reply.text == "Got it. How many requests a day?"


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_provider_down_falls_back_to_the_offline_engine_with_a_notice(provider, fake_llm_server, bundled_kb):
    chat = llm_chat(provider, fake_llm_server, bundled_kb, retries=1)
    fake_llm_server.fail_forever(503)
    reply = chat.send("llm:down", "We're building a support bot, about 120k requests a day.")
    assert reply.engine == "offline"
    assert reply.notices == [OUTAGE_NOTICE]
    assert OUTAGE_NOTICE in reply.text
    # The offline engine understood the message and the conversation goes on.
    assert reply.profile["queries_per_day"] == pytest.approx(120_000)
    assert reply.text.rstrip().endswith("?")


def test_an_invented_number_is_caught_and_regenerated(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG will cost you exactly $123,457 a month [1]. Do you have an eval set?")
    fake_llm_server.reply(text="RAG is my recommendation for a help centre that changes weekly [1]. Do you have an eval set?")
    reply = chat.send("llm:invent", "Support assistant, 100k a day, weekly changes, must cite. Recommend?")
    assert "$123,457" not in reply.text
    assert reply.text.startswith("RAG is my recommendation")
    retry = chat_requests(fake_llm_server, "openai")[-1].body["messages"][-1]["content"]
    assert "$123,457" in retry  # the regeneration names the offending figure


def test_a_reply_that_keeps_inventing_is_replaced_by_the_template(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG costs $123,457 a month [1].")
    fake_llm_server.reply(text="Sorry: RAG costs $98,765 a month [1].")
    reply = chat.send("llm:invent2", "Support assistant, 100k a day, weekly changes, must cite. Recommend?")
    assert "$123,457" not in reply.text and "$98,765" not in reply.text
    assert "| RAG |" in reply.text  # the templated recommendation, with its cost table
    assert reply.engine == "offline"


def test_a_rejected_streamed_draft_is_withdrawn_before_the_new_one(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb, streaming=True)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG will cost you exactly $123,457 a month [1]. Do you have an eval set?")
    fake_llm_server.reply(text="RAG is my recommendation here [1]. Do you have an eval set?")
    pieces: list[str] = []
    reply = chat.send("llm:restream", "Support assistant, 100k a day, weekly, cite. Recommend?",
                      on_token=pieces.append, on_restart=pieces.clear)
    assert "".join(pieces) == "RAG is my recommendation here [1]. Do you have an eval set?"
    assert reply.text.startswith("RAG is my recommendation here [1].")


def test_the_sources_list_keeps_only_the_passages_the_reply_cites(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG: your articles change weekly [1] and answers must cite them [3]. Do you have an eval set?")
    reply = chat.send("llm:trim", "Support assistant, 100k a day, weekly, cite. Recommend?")
    # Renumbered in order of use: the brief's [3] is the reply's [2].
    assert [c["n"] for c in reply.citations] == [1, 2]
    assert "cite them [2]." in reply.text and "- [2] " in reply.text and "- [3] " not in reply.text


def test_an_unreadable_extraction_falls_back_to_the_rules(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(text="Sure! The user runs a support bot.")  # not the JSON schema asked for
    fake_llm_server.reply(text="Thanks. How often do the articles change?")
    reply = chat.send("llm:unreadable", "We're building a support bot, about 120k requests a day.")
    assert reply.profile["queries_per_day"] == pytest.approx(120_000)  # understood by the offline parser
    assert reply.text == "Thanks. How often do the articles change?"  # still phrased by the LLM


def test_an_empty_llm_reply_is_replaced_by_the_template(fake_llm_server, bundled_kb):
    chat = llm_chat("openai", fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="")
    reply = chat.send("llm:empty", "Support assistant, 100k a day, weekly, cite. Recommend?")
    assert "| RAG |" in reply.text
