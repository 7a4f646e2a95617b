"""Conversation state kept by the LangGraph checkpointer, and the decision profile inside it.

The profile holds what the user told us, and the documents that implies ("the fee schedules change
weekly": they are kept somewhere), each value tagged with where it came from. Defaults
for the slots nobody filled are not stored: the decision tree and the cost model state them afresh on
every turn (with their sources), so a later answer from the user always wins over an old assumption.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

Origin = Literal["user", "implied"]


class SlotValue(TypedDict):
    value: Any
    source: Origin


class TurnInput(TypedDict, total=False):
    """What a front-end sends for one turn."""

    user_text: str


class AdvisorState(TypedDict, total=False):
    # The dialogue as chat messages: the LLM reads it; the offline engine only appends to it.
    messages: Annotated[list[AnyMessage], add_messages]
    user_text: str
    # slot -> {"value", "source"}; replaced wholesale by `understand` so corrections overwrite.
    profile: dict[str, SlotValue]
    # Every slot the advisor has asked about, in order (evals check `asks_about` against it).
    asked: Annotated[list[str], operator.add]
    # The slot asked in the previous reply: gives "yes"/"no" their meaning.
    last_asked: str | None
    turns: int
    # This turn's understanding (`agent.understand.contract.Understanding.to_dict()`, from either understander).
    understanding: dict[str, Any]
    # This turn's brief: what the advisor will say, as structured data (`agent.conversation.brief.Brief.to_dict()`).
    brief: dict[str, Any]
    # The reply of this turn, as the front-ends receive it (`agent.conversation.chat.Reply` fields).
    reply: dict[str, Any]
    # The latest recommendation and cost comparison, kept for /costs, /why and what-ifs.
    recommendation: dict[str, Any] | None
    costs: dict[str, Any] | None
    # The passages of the latest reply that cited any: what "sources?" and /sources show.
    cited: list[dict[str, Any]]
    # The cautions said in this conversation (`dispute:<quantity>`, `finding:<id>`): each is said once.
    cautioned: list[str]


def profile_values(profile: dict[str, SlotValue]) -> dict[str, Any]:
    """The plain slot -> value mapping of a stored profile."""
    return {slot: entry["value"] for slot, entry in profile.items()}
