"""The fakes themselves: the fake LLM server driven by the real SDKs through LangChain, and the
scripted chat model used by graph tests without HTTP."""

from __future__ import annotations

import json
import math

import pytest

# fake_llm_server is a pytest fixture: importing it is what makes it available here.
from fakes.llm_server import FakeLLMServer, ToolCall, fake_llm_server  # noqa: F401
from fakes.scripted_model import ScriptedChatModel
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel

from agent.infra.llm import build_chat_model, choose_provider
from agent.infra.settings import Settings


PROVIDERS = ["openai", "anthropic"]
CHAT_PATH = {"openai": "/v1/chat/completions", "anthropic": "/v1/messages"}


class Slots(BaseModel):
    use_case: str
    queries_per_day: int


def model_for(provider: str, server: FakeLLMServer, *, retries: int = 0, streaming: bool = False):
    if provider == "openai":
        settings = Settings(
            model="openai:gpt-4.1-mini",
            openai_api_key="sk-test",
            openai_base_url=server.openai_base_url,
            llm_max_retries=retries,
        )
    else:
        settings = Settings(
            model="anthropic:claude-haiku-4-5",
            anthropic_api_key="sk-ant-test",
            anthropic_base_url=server.anthropic_base_url,
            llm_max_retries=retries,
        )
    return build_chat_model(choose_provider(settings), settings, streaming=streaming)


def search_corpus(query: str) -> str:
    """Search the source articles for passages about the query."""
    return query


@pytest.mark.parametrize("provider", PROVIDERS)
def test_plain_invoke_returns_the_scripted_text_and_usage(provider, fake_llm_server):
    fake_llm_server.reply("RAG fits a knowledge base that changes weekly.", input_tokens=42, output_tokens=9)

    answer = model_for(provider, fake_llm_server).invoke([HumanMessage("we're building a support bot")])

    assert answer.text == "RAG fits a knowledge base that changes weekly."
    assert answer.usage_metadata["input_tokens"] == 42
    assert answer.usage_metadata["output_tokens"] == 9
    [request] = fake_llm_server.requests_to(CHAT_PATH[provider])
    assert request.method == "POST"
    assert "support bot" in json.dumps(request.body["messages"])
    assert fake_llm_server.pending == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_streaming_arrives_in_several_chunks_that_add_up(provider, fake_llm_server):
    text = "Prompt caching comes before fine-tuning when the cost is the problem."
    fake_llm_server.reply(text)

    chunks = list(model_for(provider, fake_llm_server, streaming=True).stream("why not fine-tune?"))

    pieces = [chunk.text for chunk in chunks if chunk.text]
    assert len(pieces) > 3
    assert "".join(pieces) == text
    total = chunks[0]
    for chunk in chunks[1:]:
        total += chunk
    assert total.usage_metadata["output_tokens"] > 0
    assert fake_llm_server.requests[-1].body["stream"] is True


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("streaming", [False, True])
def test_tool_calls_reach_langchain(provider, streaming, fake_llm_server):
    fake_llm_server.reply(tool_calls=[ToolCall("search_corpus", {"query": "LoRA fine-tune of an 8B model"})])
    model = model_for(provider, fake_llm_server).bind_tools([search_corpus])

    if streaming:
        answer = None
        for chunk in model.stream("what does a LoRA fine-tune cost?"):
            answer = chunk if answer is None else answer + chunk
    else:
        answer = model.invoke("what does a LoRA fine-tune cost?")

    [call] = answer.tool_calls
    assert call["name"] == "search_corpus"
    assert call["args"] == {"query": "LoRA fine-tune of an 8B model"}
    assert call["id"]
    sent_tools = json.dumps(fake_llm_server.requests[-1].body["tools"])
    assert "search_corpus" in sent_tools


@pytest.mark.parametrize(
    ("provider", "method"),
    [
        ("openai", "json_schema"),
        ("openai", "function_calling"),
        ("anthropic", "function_calling"),
        ("anthropic", "json_schema"),
    ],
)
def test_structured_output_is_parsed_into_the_schema(provider, method, fake_llm_server):
    fake_llm_server.reply(structured={"use_case": "support bot", "queries_per_day": 120000})

    slots = (
        model_for(provider, fake_llm_server).with_structured_output(Slots, method=method).invoke("120k a day")
    )

    assert slots == Slots(use_case="support bot", queries_per_day=120000)
    body = fake_llm_server.requests[-1].body
    asked = body.get("response_format") or body.get("output_config") or body.get("tool_choice")
    assert asked, "the request should ask for structured output"


def test_anthropic_usage_reports_cache_writes_then_reads(fake_llm_server):
    from langchain_core.messages import SystemMessage

    system = SystemMessage(
        content=[
            {"type": "text", "text": "You are Crossroads. " * 50, "cache_control": {"type": "ephemeral"}}
        ]
    )
    model = model_for("anthropic", fake_llm_server)
    fake_llm_server.reply("first")
    fake_llm_server.reply("second")

    first = model.invoke([system, HumanMessage("hello")]).usage_metadata["input_token_details"]
    second = model.invoke([system, HumanMessage("hello again")]).usage_metadata["input_token_details"]

    assert first["cache_creation"] > 0 and first["cache_read"] == 0
    assert second["cache_read"] == first["cache_creation"] and second["cache_creation"] == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_unscripted_request_fails_loudly_and_is_not_retried(provider, fake_llm_server):
    model = model_for(provider, fake_llm_server, retries=3)

    with pytest.raises(Exception, match="nothing scripted"):
        model.invoke("hello")

    assert len(fake_llm_server.requests) == 1


def test_scripted_failures_come_first_then_replies(fake_llm_server):
    import openai

    client = openai.OpenAI(api_key="sk-test", base_url=fake_llm_server.openai_base_url, max_retries=0)
    fake_llm_server.fail(429, times=2)
    fake_llm_server.reply("finally")

    statuses = []
    for _ in range(2):
        with pytest.raises(openai.RateLimitError) as caught:
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        statuses.append(caught.value.status_code)
        assert caught.value.response.headers["retry-after-ms"] == "1"
    answer = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])

    assert statuses == [429, 429]
    assert answer.choices[0].message.content == "finally"


def test_fail_forever_overrides_the_queue(fake_llm_server):
    import anthropic

    client = anthropic.Anthropic(api_key="k", base_url=fake_llm_server.anthropic_base_url, max_retries=1)
    fake_llm_server.reply("never served")
    fake_llm_server.fail_forever(529)

    with pytest.raises(anthropic.APIStatusError) as caught:
        client.messages.create(model="m", max_tokens=10, messages=[{"role": "user", "content": "hi"}])

    assert caught.value.status_code == 529
    assert len(fake_llm_server.requests) == 2  # the SDK retried once, as configured
    assert fake_llm_server.pending == 1
    fake_llm_server.recover()
    answer = client.messages.create(model="m", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert answer.content[0].text == "never served"


def test_requests_are_recorded_with_headers_and_body(fake_llm_server):
    fake_llm_server.reply("ok")
    model_for("anthropic", fake_llm_server).invoke("hi")

    [request] = fake_llm_server.requests
    assert request.path == "/v1/messages"
    assert "sk-ant-test" in request.headers.get("x-api-key", request.headers.get("authorization", ""))
    assert request.headers["anthropic-version"]
    assert request.body["model"] == "claude-haiku-4-5"


def test_embeddings_are_deterministic_unit_vectors_in_both_encodings(fake_llm_server):
    import openai

    client = openai.OpenAI(api_key="sk-test", base_url=fake_llm_server.openai_base_url, max_retries=0)

    first = client.embeddings.create(model="e", input=["rag", "fine-tune"], dimensions=8).data
    again = client.embeddings.create(model="e", input=["rag"], dimensions=8, encoding_format="float").data

    assert [len(item.embedding) for item in first] == [8, 8]
    assert first[0].embedding == pytest.approx(again[0].embedding, abs=1e-6)
    assert first[0].embedding != pytest.approx(first[1].embedding)
    assert math.sqrt(sum(v * v for v in first[1].embedding)) == pytest.approx(1.0, abs=1e-5)
    # The SDK asks for base64 by default; equal vectors in both encodings prove the packing.
    assert fake_llm_server.requests[0].body["encoding_format"] == "base64"


def test_models_are_listed(fake_llm_server):
    import openai

    client = openai.OpenAI(api_key="sk-test", base_url=fake_llm_server.openai_base_url, max_retries=0)

    assert [model.id for model in client.models.list()] == ["fake-model"]


def test_the_server_stops_and_frees_its_port():
    server = FakeLLMServer().start()
    url = server.url
    server.stop()

    assert url.startswith("http://127.0.0.1:")
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.url


# -- the scripted chat model ------------------------------------------------------------------


def test_scripted_model_answers_in_order_and_records_calls():
    model = ScriptedChatModel(script=["first answer", AIMessage("second answer")])

    assert model.invoke("one").text == "first answer"
    assert model.invoke([HumanMessage("two")]).text == "second answer"
    assert [call[-1].content for call in model.calls] == ["one", "two"]
    assert model.remaining == 0


def test_scripted_model_binds_tools_to_itself_and_returns_tool_calls():
    call = {"name": "search_corpus", "args": {"query": "LoRA"}, "id": "call_1"}
    model = ScriptedChatModel(script=[AIMessage("", tool_calls=[call])])

    bound = model.bind_tools([search_corpus])

    assert bound is model and model.bound_tools == [search_corpus]
    assert bound.invoke("cost of LoRA?").tool_calls[0]["args"] == {"query": "LoRA"}


@pytest.mark.parametrize(
    "item",
    [
        {"use_case": "support bot", "queries_per_day": 5},
        Slots(use_case="support bot", queries_per_day=5),
        AIMessage(
            "",
            tool_calls=[
                {"name": "Slots", "args": {"use_case": "support bot", "queries_per_day": 5}, "id": "c"}
            ],
        ),
    ],
)
def test_scripted_model_structured_output(item):
    model = ScriptedChatModel(script=[item, item])

    assert model.with_structured_output(Slots).invoke("x") == Slots(use_case="support bot", queries_per_day=5)
    with_raw = model.with_structured_output(Slots, include_raw=True).invoke("x")
    assert with_raw["parsed"].queries_per_day == 5 and isinstance(with_raw["raw"], AIMessage)


def test_scripted_model_raises_scripted_exceptions_and_says_when_the_script_ran_out():
    model = ScriptedChatModel(script=[TimeoutError("provider down")])

    with pytest.raises(TimeoutError, match="provider down"):
        model.invoke("hi")
    with pytest.raises(RuntimeError, match="script has 1 answers but call 2"):
        model.invoke("hi again")


def test_scripted_model_streams_word_by_word():
    model = ScriptedChatModel(script=["three small words"])

    assert [chunk.text for chunk in model.stream("hi") if chunk.text] == ["three", " ", "small", " ", "words"]
