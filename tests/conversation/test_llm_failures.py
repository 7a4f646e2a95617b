"""LLM mode around the failures real servers showed (DESIGN.md §5), reproduced by the fake server on
127.0.0.1 with the real SDKs: every failure degrades that step to the offline path with the
message kept, a refused feature is asked for once per process, and every call has a token budget."""

from __future__ import annotations

import json
import warnings

import pytest
from fakes.llm_server import FakeLLMServer, ToolCall, fake_llm_server  # noqa: F401

from agent.assemble import advisor_over, language_model
from agent.conversation.graph import CLIENT_ERROR_NOTICE, OUTAGE_NOTICE
from agent.infra.llm import ProviderChoice
from agent.infra.settings import Settings
from agent.infra.usage import UsageTracker

OPENAI = ProviderChoice("openai", "smollm2", "test")
ANTHROPIC = ProviderChoice("anthropic", "claude-haiku-4-5", "test")
SUPPORT = {"use_case": "support assistant", "queries_per_day": 100000, "knowledge_changes": "weekly",
           "needs_citations": True, "wants_recommendation": True}
MESSAGE = "Support assistant, 100k questions a day, articles change weekly, must cite. Recommend?"


def local_chat(server: FakeLLMServer, kb, *, retries: int = 3, usage=None):
    """The advisor against an OpenAI-compatible server of its own (no key), as with llama.cpp."""
    settings = Settings(openai_base_url=server.openai_base_url, llm_max_retries=retries)
    return advisor_over(kb, language_model(OPENAI, settings), usage=usage)


def chat_requests(server: FakeLLMServer):
    return server.requests_to("/v1/chat/completions")


def test_a_server_refusing_json_schema_is_asked_once_then_by_function_calling(fake_llm_server, bundled_kb):
    fake_llm_server.reject_json_schema()
    chat = local_chat(fake_llm_server, bundled_kb, retries=3)
    fake_llm_server.reply(structured=SUPPORT)  # answered through the forced tool call
    fake_llm_server.reply(text="RAG fits a help centre that changes weekly [1]. Do you have an eval set?")
    first = chat.send("t:schema", MESSAGE)
    fake_llm_server.reply(structured={"has_eval_set": True})
    fake_llm_server.reply(text="Good: an eval set helps. RAG stays my recommendation [1]. Anything else?")
    second = chat.send("t:schema", "Yes, we have a labelled eval set.")
    bodies = [r.body for r in chat_requests(fake_llm_server)]
    schema_calls = [b for b in bodies if (b.get("response_format") or {}).get("type") == "json_schema"]
    assert len(schema_calls) == 1  # no retries, no second try in a later turn
    assert first.recommendation == "rag" and first.notices == [] and second.notices == []
    # The real reason, once, with no figure in it; the advice is the LLM's and not a fallback.
    assert "does not support json_schema structured output" in first.text and "function calling" in first.text
    assert "json_schema" not in second.text
    assert first.engine == "openai:smollm2"


def test_a_server_refusing_every_structured_method_leaves_the_rules_reading(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb)
    llm = chat._context.llm
    for method in ("json_schema", "function_calling", "json_mode"):
        from agent.infra.llm_failures import LlmFailure

        llm.capabilities.drop_method(method, LlmFailure("unsupported", "no", 400))
    fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?")
    reply = chat.send("t:none", MESSAGE)
    assert reply.recommendation == "rag" and reply.profile["queries_per_day"] == 100_000
    assert len(chat_requests(fake_llm_server)) == 1  # phrasing only


@pytest.mark.parametrize("step", ["extraction", "phrasing"])
def test_a_length_capped_answer_loses_nothing(step, fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb)
    if step == "extraction":
        fake_llm_server.reply(structured=SUPPORT, finish_reason="length")  # LengthFinishReasonError
        fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?")
    else:
        fake_llm_server.reply(structured=SUPPORT)
        fake_llm_server.reply(text="RAG fits a help centre that changes weekly, because", finish_reason="length")
    reply = chat.send(f"t:length:{step}", MESSAGE)
    assert reply.recommendation == "rag" and reply.profile["queries_per_day"] == 100_000
    assert reply.notices == []
    if step == "phrasing":
        assert reply.engine == "offline" and "because" not in reply.text.split("\n")[0]


def test_a_client_error_is_not_called_an_outage_and_is_not_retried(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb, retries=3)
    fake_llm_server.fail(400)  # e.g. the context is too long
    fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?")
    reply = chat.send("t:400", MESSAGE)
    assert reply.notices == [CLIENT_ERROR_NOTICE] and OUTAGE_NOTICE not in reply.text
    assert reply.recommendation == "rag" and reply.profile["queries_per_day"] == 100_000
    assert len(chat_requests(fake_llm_server)) == 2


def test_an_outage_in_phrasing_keeps_the_models_merged_reading(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb, retries=0)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.fail(503)
    reply = chat.send("t:503", MESSAGE)
    assert reply.notices == [OUTAGE_NOTICE] and reply.engine == "offline"
    assert reply.recommendation == "rag"


def test_tools_are_offered_with_tool_choice(fake_llm_server, bundled_kb):
    from tools.cost_model import estimate_costs

    fake_llm_server.ignore_tools_without_choice()
    chat = local_chat(fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(tool_calls=[ToolCall("estimate_costs", {"queries_per_day": 1_000_000})])
    expected = estimate_costs(queries_per_day=1_000_000)["options"]["rag"]["monthly_usd"]
    fake_llm_server.reply(text=f"At a million a day RAG would cost ${expected:,.0f} a month [1]. Do you have an eval set?")
    reply = chat.send("t:tools", MESSAGE + " What about 1M a day?")
    phrasing = chat_requests(fake_llm_server)[1].body
    assert phrasing["tool_choice"] == "auto" and phrasing["tools"]
    assert f"${expected:,.0f}" in reply.text


def test_every_call_has_a_token_budget(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?")
    chat.send("t:budget", MESSAGE)
    extraction, phrasing = (r.body for r in chat_requests(fake_llm_server))
    assert extraction["max_completion_tokens"] == extraction["max_tokens"] == 300
    # Phrasing is bounded by the draft: more than a sentence, less than an essay.
    assert 160 <= phrasing["max_completion_tokens"] == phrasing["max_tokens"] <= 1500


def test_anthropic_route_taking_only_a_string_system_prompt(fake_llm_server, bundled_kb):
    fake_llm_server.string_only_system()
    settings = Settings(anthropic_api_key="sk-ant-test", anthropic_base_url=fake_llm_server.anthropic_base_url,
                        llm_max_retries=2)
    chat = advisor_over(bundled_kb, language_model(ANTHROPIC, settings))
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG fits a help centre that changes weekly [1]. Do you have an eval set?")
    first = chat.send("t:system", MESSAGE)
    fake_llm_server.reply(structured={"has_eval_set": True})
    fake_llm_server.reply(text="Good. RAG stays my recommendation [1]. Anything else?")
    second = chat.send("t:system", "Yes, we have a labelled eval set.")
    assert first.text.startswith("_The model server rejected a system prompt made of blocks")
    assert "RAG fits a help centre" in first.text and first.engine == ANTHROPIC.label
    assert second.text.startswith("Good.") and second.notices == []
    systems = [r.body.get("system") for r in fake_llm_server.requests_to("/v1/messages")]
    assert sum(isinstance(s, list) for s in systems) == 1  # refused once, then plain text


def test_usage_counts_failed_calls(fake_llm_server, bundled_kb):
    from agent.frontends.panels import usage_panel

    usage = UsageTracker(default_model="smollm2")
    chat = local_chat(fake_llm_server, bundled_kb, retries=0, usage=usage)
    fake_llm_server.fail_forever(503)
    chat.send("t:usage", MESSAGE)
    # The extraction failed; after an outage the turn is phrased by the template, not asked again.
    assert usage.report().failed_calls == 1
    assert usage_panel(usage) == "No answered LLM calls yet; 1 failed call (no tokens known)."


def test_structured_calls_print_no_pydantic_serializer_warning(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chat.send("t:warn", MESSAGE)
    assert not [w for w in caught if "serializ" in str(w.message).lower()]


def test_a_phrased_reply_naming_another_approach_or_dropping_the_question_is_replaced(fake_llm_server, bundled_kb):
    chat = local_chat(fake_llm_server, bundled_kb)
    fake_llm_server.reply(structured=SUPPORT)
    fake_llm_server.reply(text="I recommend fine-tuning here. Do you have an eval set?")
    reply = chat.send("t:shape", MESSAGE)
    assert reply.engine == "offline" and "| RAG |" in reply.text


def test_ask_exits_zero_when_the_extraction_is_cut_off(fake_llm_server, monkeypatch, capsys):
    from agent.cli.main import main

    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm_server.openai_base_url)
    monkeypatch.setenv("CROSSROADS_MODEL", "openai:smollm2")
    fake_llm_server.reply(structured=SUPPORT, finish_reason="length")
    fake_llm_server.reply(text="RAG fits [1]. Do you have an eval set?", finish_reason="length")
    assert main(["ask", "--json", MESSAGE]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["recommendation"] == "rag" and out["profile"]["queries_per_day"] == 100_000
