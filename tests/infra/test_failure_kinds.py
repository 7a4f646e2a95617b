"""What a failed model call means: one table row per exception the SDKs and LangChain raise."""

from __future__ import annotations

import httpx
import openai
import pytest
from langchain_core.exceptions import OutputParserException

from agent.infra.llm_failures import classify_failure


def status_error(status: int, message: str) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(status, request=request, json={"error": {"message": message}})
    return openai.APIStatusError(message, response=response, body={"error": {"message": message}})


def length_error() -> openai.LengthFinishReasonError:
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "{\"use"}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 300, "total_tokens": 301},
    })
    return openai.LengthFinishReasonError(completion=completion)


@pytest.mark.parametrize(
    "make, kind",
    [
        (lambda: status_error(500, "response_format: json_schema is not supported"), "unsupported"),
        (lambda: status_error(400, "'tool_choice' is not supported"), "unsupported"),
        (lambda: status_error(400, "this model's maximum context length is 8192 tokens"), "client_error"),
        (lambda: status_error(401, "invalid api key"), "client_error"),
        (lambda: status_error(500, "internal error"), "outage"),
        (lambda: status_error(503, "overloaded"), "outage"),
        (lambda: status_error(429, "slow down"), "outage"),
        (lambda: openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1")), "outage"),
        (length_error, "length"),
        (lambda: OutputParserException("not JSON"), "unparseable"),
        (lambda: RuntimeError("something else"), "error"),
    ],
)
def test_each_failure_has_its_kind(make, kind):
    assert classify_failure(make()).kind == kind


def test_the_cause_is_what_counts():
    try:
        try:
            raise length_error()
        except openai.LengthFinishReasonError as inner:
            raise ValueError("wrapped") from inner
    except ValueError as outer:
        assert classify_failure(outer).kind == "length"


def test_a_refusal_is_a_refusal():
    from langchain_openai.chat_models.base import OpenAIRefusalError

    assert classify_failure(OpenAIRefusalError("I can't help with that")).kind == "refusal"
