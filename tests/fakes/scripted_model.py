"""A scripted chat model for graph tests that need no HTTP: it answers from a list, in order.

`GenericFakeChatModel` has no `bind_tools` and cannot produce structured output; this subclass
binds tools to itself, parses structured output from the scripted answer, records every call, and
can raise a scripted exception (to exercise the offline fallback).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel, Field


class ScriptedChatModel(GenericFakeChatModel):
    """Answers each call with the next script item.

    Items: a str (text reply), an AIMessage (e.g. with `tool_calls` or `usage_metadata`), a dict or
    pydantic object (a JSON reply, for structured output), or an exception instance (raised).
    """

    script: list[Any]
    # The parent's required iterator; this class reads `script` instead.
    messages: Iterator[AIMessage | str] = Field(default_factory=lambda: iter(()))
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    """The messages each call received, in order."""
    bound_tools: list[Any] = Field(default_factory=list)
    """The tools most recently passed to `bind_tools`."""

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(list(messages))
        if len(self.calls) > len(self.script):
            raise RuntimeError(
                f"ScriptedChatModel: the script has {len(self.script)} answers but call "
                f"{len(self.calls)} was made (last message: {messages[-1].content!r:.120})"
            )
        item = self.script[len(self.calls) - 1]
        if isinstance(item, BaseException):
            raise item
        return ChatResult(generations=[ChatGeneration(message=_as_message(item))])

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        self.bound_tools = list(tools)
        return self

    def with_structured_output(
        self, schema: dict[str, Any] | type, *, include_raw: bool = False, **kwargs: Any
    ) -> Runnable:
        """Parses the next answer's first tool call arguments, or else its JSON text, into `schema`."""

        def parse(model_input: Any) -> Any:
            raw = self.invoke(model_input)
            data = raw.tool_calls[0]["args"] if raw.tool_calls else json.loads(raw.text)
            parsed = (
                schema.model_validate(data)
                if isinstance(schema, type) and issubclass(schema, BaseModel)
                else data
            )
            return {"raw": raw, "parsed": parsed, "parsing_error": None} if include_raw else parsed

        return RunnableLambda(parse)

    @property
    def remaining(self) -> int:
        """Script items not yet used."""
        return max(0, len(self.script) - len(self.calls))


def _as_message(item: Any) -> AIMessage:
    if isinstance(item, AIMessage):
        return item
    if isinstance(item, str):
        return AIMessage(content=item)
    if isinstance(item, BaseModel):
        return AIMessage(content=item.model_dump_json())
    if isinstance(item, dict):
        return AIMessage(content=json.dumps(item))
    raise TypeError(
        f"ScriptedChatModel cannot answer with a {type(item).__name__}: "
        "use str, AIMessage, dict, a pydantic object or an exception"
    )
