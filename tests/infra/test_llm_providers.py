"""agent.infra.llm: provider choice, the chat models it builds (proven against the fake servers with the
real SDKs), prompt caching for Anthropic, outage detection and usage accounting."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

# fake_llm_server is a pytest fixture: importing it is what makes it available here.
from fakes.llm_server import FakeLLMServer, ToolCall, fake_llm_server  # noqa: F401
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel

from agent.infra import llm
from agent.infra.llm import ProviderChoice, build_chat_model, choose_provider, is_provider_outage
from agent.infra.usage import UsageTracker
from agent.infra.settings import Settings

ANTHROPIC = ProviderChoice("anthropic", "claude-haiku-4-5", "test")
OPENAI = ProviderChoice("openai", "gpt-4.1-mini", "test")
CHOICES = {"anthropic": ANTHROPIC, "openai": OPENAI}


def served(provider: str, server: FakeLLMServer, *, retries: int = 0, timeout_s: float = 10.0) -> Settings:
    """Settings pointing `provider` at the fake server."""
    if provider == "anthropic":
        return Settings(
            anthropic_api_key="sk-ant-test",
            anthropic_base_url=server.anthropic_base_url,
            llm_max_retries=retries,
            llm_timeout_s=timeout_s,
        )
    return Settings(
        openai_api_key="sk-test",
        openai_base_url=server.openai_base_url,
        llm_max_retries=retries,
        llm_timeout_s=timeout_s,
    )


# -- provider choice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "provider", "model"),
    [
        ({}, None, None),
        ({"anthropic_api_key": "a"}, "anthropic", llm.DEFAULT_MODELS["anthropic"]),
        ({"openai_api_key": "o"}, "openai", llm.DEFAULT_MODELS["openai"]),
        ({"anthropic_api_key": "a", "openai_api_key": "o"}, "anthropic", llm.DEFAULT_MODELS["anthropic"]),
        ({"anthropic_api_key": "  ", "openai_api_key": "o"}, "openai", llm.DEFAULT_MODELS["openai"]),
        (
            {"model": "openai:gpt-5-mini", "anthropic_api_key": "a", "openai_api_key": "o"},
            "openai",
            "gpt-5-mini",
        ),
        (
            {"model": "anthropic:claude-sonnet-4-5", "anthropic_api_key": "a"},
            "anthropic",
            "claude-sonnet-4-5",
        ),
        (
            {"model": " Anthropic : claude-opus-4-5 ", "anthropic_api_key": "a"},
            "anthropic",
            "claude-opus-4-5",
        ),
        (
            {"model": "openai:llama3.1:8b", "openai_base_url": "http://127.0.0.1:11434/v1"},
            "openai",
            "llama3.1:8b",
        ),
        (
            {"model": "openai:qwen", "openai_base_url": "http://gpu:8000/v1", "openai_api_key": "k"},
            "openai",
            "qwen",
        ),
        ({"model": "offline", "anthropic_api_key": "a"}, None, None),
        (
            {"anthropic_api_key": "a", "openai_base_url": "http://127.0.0.1:8000/v1"},
            "anthropic",
            llm.DEFAULT_MODELS["anthropic"],
        ),
    ],
)
def test_provider_choice(settings, provider, model):
    choice = choose_provider(Settings(**settings))

    assert (choice.provider, choice.model) == (provider, model)
    assert choice.reason
    assert choice.label == (f"{provider}:{model}" if provider else "offline")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"model": "gemini:pro", "openai_api_key": "o"}, "CROSSROADS_MODEL='gemini:pro' is not understood"),
        ({"model": "gpt-4.1", "openai_api_key": "o"}, "use 'anthropic:<model>' or 'openai:<model>'"),
        ({"model": "openai:", "openai_api_key": "o"}, "is not understood"),
        ({"model": "anthropic:claude-haiku-4-5", "openai_api_key": "o"}, "needs ANTHROPIC_API_KEY"),
        (
            {"model": "openai:gpt-4.1-mini", "anthropic_api_key": "a"},
            "needs OPENAI_API_KEY, or OPENAI_BASE_URL",
        ),
        (
            {"openai_base_url": "http://127.0.0.1:8000/v1"},
            "set CROSSROADS_MODEL=openai:<the model that server serves>",
        ),
        ({"openai_base_url": "http://127.0.0.1:8000/v1", "openai_api_key": "o"}, "OPENAI_BASE_URL is set"),
    ],
)
def test_provider_choice_errors_say_what_to_set(settings, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        choose_provider(Settings(**settings))


def test_provider_choice_reads_the_environment(monkeypatch):
    monkeypatch.setenv("CROSSROADS_MODEL", "openai:qwen2.5")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")

    choice = choose_provider(Settings())

    assert (choice.provider, choice.model) == ("openai", "qwen2.5")
    assert "http://127.0.0.1:8000/v1" in choice.reason


# -- building models ----------------------------------------------------------------------------


def test_offline_choice_has_no_model_to_build():
    choice = choose_provider(Settings())

    with pytest.raises(ValueError, match="offline engine"):
        build_chat_model(choice, Settings())


def test_models_carry_the_timeout_and_retry_budget():
    settings = Settings(anthropic_api_key="a", openai_api_key="o", llm_timeout_s=12.5, llm_max_retries=4)

    anthropic_model = build_chat_model(ANTHROPIC, settings)
    openai_model = build_chat_model(OPENAI, settings)

    assert anthropic_model.default_request_timeout == 12.5 and anthropic_model.max_retries == 4
    assert anthropic_model.model == "claude-haiku-4-5"
    assert openai_model.request_timeout == 12.5 and openai_model.max_retries == 4
    assert openai_model.model_name == "gpt-4.1-mini"
    assert openai_model.stream_usage is True


def test_a_local_server_gets_a_placeholder_key():
    settings = Settings(model="openai:llama3.1", openai_base_url="http://127.0.0.1:11434/v1")

    model = build_chat_model(choose_provider(settings), settings)

    assert model.openai_api_key.get_secret_value() == llm.LOCAL_SERVER_KEY
    assert model.openai_api_base == "http://127.0.0.1:11434/v1"


def test_building_a_provider_without_its_key_is_refused():
    with pytest.raises(ValueError, match="ANTHROPIC_API_KEY"):
        build_chat_model(ANTHROPIC, Settings(openai_api_key="o"))
    with pytest.raises(ValueError, match="OPENAI_API_KEY"):
        build_chat_model(OPENAI, Settings(anthropic_api_key="a"))


def test_importing_the_module_loads_no_provider_library():
    heavy = ("langchain_core", "langchain_openai", "langchain_anthropic", "openai", "anthropic")
    code = f"import sys, agent.infra.llm; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"


# -- prompt caching -------------------------------------------------------------------------


def test_system_message_marks_a_cache_breakpoint_only_for_anthropic():
    anthropic_system = llm.system_message("You are Crossroads.", ANTHROPIC)
    openai_system = llm.system_message("You are Crossroads.", OPENAI)

    assert anthropic_system.content == [
        {"type": "text", "text": "You are Crossroads.", "cache_control": {"type": "ephemeral"}}
    ]
    assert openai_system.content == "You are Crossroads."


def estimate_costs(queries_per_day: int, model: str) -> dict:
    """Run the cost model for a volume and a model."""
    return {"queries_per_day": queries_per_day, "model": model}


def search_corpus(query: str) -> list[str]:
    """Search the source articles for passages about the query."""
    return [query]


def test_anthropic_receives_cache_control_on_the_system_prompt_and_the_last_tool(fake_llm_server):
    settings = served("anthropic", fake_llm_server)
    model = llm.bind_tools(build_chat_model(ANTHROPIC, settings), [estimate_costs, search_corpus], ANTHROPIC)
    fake_llm_server.reply("ok")
    fake_llm_server.reply("ok again")

    model.invoke([llm.system_message("You are Crossroads. " * 40, ANTHROPIC), HumanMessage("hi")])
    second = model.invoke(
        [llm.system_message("You are Crossroads. " * 40, ANTHROPIC), HumanMessage("what if 10x?")]
    )

    body = fake_llm_server.requests[0].body
    assert body["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert [tool["name"] for tool in body["tools"]] == ["estimate_costs", "search_corpus"]
    assert "cache_control" not in body["tools"][0]
    assert body["tools"][-1]["cache_control"] == {"type": "ephemeral"}
    assert body["tools"][-1]["input_schema"]["properties"]["query"]["type"] == "string"
    # Tools and system prompt form the cached prefix: the second turn reads it back.
    assert second.usage_metadata["input_token_details"]["cache_read"] > 0


def test_openai_is_sent_no_cache_control(fake_llm_server):
    settings = served("openai", fake_llm_server)
    model = llm.bind_tools(build_chat_model(OPENAI, settings), [estimate_costs, search_corpus], OPENAI)
    fake_llm_server.reply(
        tool_calls=[ToolCall("estimate_costs", {"queries_per_day": 120000, "model": "gpt-4.1-mini"})]
    )

    answer = model.invoke([llm.system_message("You are Crossroads.", OPENAI), HumanMessage("120k a day")])

    assert answer.tool_calls[0]["args"] == {"queries_per_day": 120000, "model": "gpt-4.1-mini"}
    assert "cache_control" not in json.dumps(fake_llm_server.requests[0].body)


# -- retries and outages ----------------------------------------------------------------------


class Brief(BaseModel):
    label: str


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_transient_error_is_retried_by_the_sdk(provider, status, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server, retries=2))
    fake_llm_server.fail(status)
    fake_llm_server.reply("recovered")

    assert model.invoke("hi").text == "recovered"
    assert len(fake_llm_server.requests) == 2
    assert fake_llm_server.requests[1].headers["x-stainless-retry-count"] == "1"


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_structured_output_survives_a_rate_limit(provider, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server, retries=1))
    fake_llm_server.fail(429)
    fake_llm_server.reply(structured={"label": "rag"})

    assert model.with_structured_output(Brief).invoke("decide") == Brief(label="rag")


@pytest.mark.parametrize(
    ("provider", "status"), [("openai", 500), ("openai", 429), ("anthropic", 500), ("anthropic", 529)]
)
def test_a_provider_that_keeps_failing_is_an_outage(provider, status, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server, retries=2))
    fake_llm_server.fail_forever(status)

    with pytest.raises(Exception) as caught:
        model.invoke("hi")

    assert is_provider_outage(caught.value)
    assert len(fake_llm_server.requests) == 3  # the first try and two retries


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_streaming_against_a_failing_provider_is_an_outage(provider, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server), streaming=True)
    fake_llm_server.fail_forever(502)

    with pytest.raises(Exception) as caught:
        list(model.stream("hi"))

    assert is_provider_outage(caught.value)


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_timeout_is_an_outage(provider, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server, timeout_s=0.2))
    fake_llm_server.reply("too late", delay_s=1.0)

    with pytest.raises(Exception) as caught:
        model.invoke("hi")

    assert is_provider_outage(caught.value)


def test_an_unreachable_provider_is_an_outage():
    with FakeLLMServer() as server:
        settings = served("openai", server)
    # The server has stopped: nothing listens on its port any more.
    with pytest.raises(Exception) as caught:
        build_chat_model(OPENAI, settings).invoke("hi")

    assert is_provider_outage(caught.value)


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_request_the_provider_rejects_is_not_an_outage(provider, status, fake_llm_server):
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server, retries=2))
    fake_llm_server.fail(status)

    with pytest.raises(Exception) as caught:
        model.invoke("hi")

    assert not is_provider_outage(caught.value)
    assert len(fake_llm_server.requests) == 1  # and it was not retried


def test_outage_detection_follows_the_cause_and_ignores_our_own_errors():
    import httpx2
    import openai

    down = openai.APIConnectionError(request=httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions"))
    try:
        try:
            raise down
        except openai.APIConnectionError as exc:
            raise RuntimeError("the graph node failed") from exc
    except RuntimeError as wrapped:
        assert is_provider_outage(wrapped)

    assert not is_provider_outage(ValueError("queries_per_day must be positive"))
    assert not is_provider_outage(KeyboardInterrupt())


# -- usage accounting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Prices:
    input: float
    output: float
    cached_input: float | None = None
    cache_write: float | None = None


PRICE_TABLE = {
    "claude-haiku-4-5": Prices(input=1.0, output=5.0, cached_input=0.1, cache_write=1.25),
    "gpt-4.1-mini": Prices(input=0.4, output=1.6),
}


def price_lookup(model: str) -> Prices:
    try:
        return PRICE_TABLE[model]
    except KeyError:
        raise LookupError(f"no price for {model}") from None


def usage_message(
    model: str, *, input_tokens: int, output_tokens: int, cache_read: int = 0, cache_creation: int = 0
) -> AIMessage:
    """An AIMessage with usage as LangChain reports it: input_tokens includes the cached tokens."""
    return AIMessage(
        "",
        response_metadata={"model_name": model},
        usage_metadata={
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens,
            "input_token_details": {"cache_read": cache_read, "cache_creation": cache_creation},
        },
    )


def test_usage_is_summed_per_model_and_priced():
    tracker = UsageTracker(price_lookup)
    tracker.record(
        usage_message("claude-haiku-4-5", input_tokens=3000, output_tokens=200, cache_creation=2000)
    )
    tracker.record(usage_message("claude-haiku-4-5", input_tokens=3100, output_tokens=300, cache_read=2000))
    tracker.record(usage_message("gpt-4.1-mini", input_tokens=1000, output_tokens=100, cache_read=400))

    report = tracker.report()

    haiku, mini = report.models
    assert (haiku.model, haiku.calls, haiku.input_tokens, haiku.output_tokens) == (
        "claude-haiku-4-5",
        2,
        2100,
        500,
    )
    assert (haiku.cache_read_tokens, haiku.cache_write_tokens) == (2000, 2000)
    # 2100 x $1 + 500 x $5 + 2000 x $0.10 + 2000 x $1.25, per million
    assert haiku.cost_usd == pytest.approx((2100 * 1.0 + 500 * 5.0 + 2000 * 0.1 + 2000 * 1.25) / 1e6)
    # No cache prices: cached tokens bill as ordinary input.
    assert mini.cost_usd == pytest.approx((600 * 0.4 + 100 * 1.6 + 400 * 0.4) / 1e6)
    assert report.cost_usd == pytest.approx(haiku.cost_usd + mini.cost_usd)
    assert report.calls == 3 and report.unpriced_models == ()


def test_an_unknown_model_counts_tokens_but_reports_no_dollars():
    tracker = UsageTracker(price_lookup)
    tracker.record(usage_message("llama3.1:8b", input_tokens=500, output_tokens=50))
    tracker.record(usage_message("gpt-4.1-mini", input_tokens=1000, output_tokens=100))

    report = tracker.report()

    unknown = next(m for m in report.models if m.model == "llama3.1:8b")
    assert (unknown.input_tokens, unknown.output_tokens, unknown.cost_usd) == (500, 50, None)
    assert report.cost_usd is None
    assert report.unpriced_models == ("llama3.1:8b",)
    assert report.priced_cost_usd == pytest.approx((1000 * 0.4 + 100 * 1.6) / 1e6)


def test_usage_without_model_metadata_uses_the_default_model_and_messages_without_usage_are_skipped():
    tracker = UsageTracker(price_lookup, default_model="gpt-4.1-mini")
    message = usage_message("x", input_tokens=10, output_tokens=5)
    message.response_metadata = {}
    tracker.record(message)
    tracker.record(AIMessage("no usage here"))

    [only] = tracker.report().models
    assert (only.model, only.calls, only.input_tokens) == ("gpt-4.1-mini", 1, 10)


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_the_callback_counts_real_calls_including_streaming_and_structured_output(provider, fake_llm_server):
    tracker = UsageTracker(price_lookup)
    model = build_chat_model(CHOICES[provider], served(provider, fake_llm_server))
    config = {"callbacks": [tracker.callback()]}
    fake_llm_server.reply("plain", input_tokens=100, output_tokens=10)
    fake_llm_server.reply("streamed", input_tokens=200, output_tokens=20)
    fake_llm_server.reply(structured={"label": "hybrid"}, input_tokens=300, output_tokens=30)

    model.invoke("one", config=config)
    list(model.stream("two", config=config))
    model.with_structured_output(Brief).invoke("three", config=config)

    [usage] = tracker.report().models
    assert usage.model == CHOICES[provider].model
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (3, 600, 60)
    assert usage.cost_usd is not None and usage.cost_usd > 0


def test_the_callback_prices_anthropic_cache_reads_and_writes(fake_llm_server):
    tracker = UsageTracker(price_lookup)
    model = build_chat_model(ANTHROPIC, served("anthropic", fake_llm_server))
    system = llm.system_message("You are Crossroads, an advisor. " * 40, ANTHROPIC)
    fake_llm_server.reply("one")
    fake_llm_server.reply("two")

    for text in ("first turn", "second turn"):
        model.invoke([system, HumanMessage(text)], config={"callbacks": [tracker.callback()]})

    [usage] = tracker.report().models
    assert usage.cache_write_tokens > 0
    assert usage.cache_read_tokens == usage.cache_write_tokens


def test_decimal_prices_are_accepted():
    from decimal import Decimal

    tracker = UsageTracker(
        lambda model: Prices(input=Decimal("3"), output=Decimal("15"), cached_input=Decimal("0.3"))
    )
    tracker.record(usage_message("claude-sonnet-4-5", input_tokens=1000, output_tokens=100, cache_read=500))

    assert tracker.report().cost_usd == pytest.approx((500 * 3 + 100 * 15 + 500 * 0.3) / 1e6)
