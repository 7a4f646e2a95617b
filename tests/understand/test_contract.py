"""The one Understanding contract: both understanders fill it, through the same bounds, and the LLM
extraction schema holds exactly the registry's slots."""

from __future__ import annotations

import pytest
from fakes.scripted_model import ScriptedChatModel

from agent.understand.contract import Understanding
from agent.infra.llm import Llm, ProviderChoice
from agent.understand.llm import extraction_schema, llm_understand, understanding_from_extraction
from agent.understand.rules import understand
from tools.profile import REGISTRY, SLOTS


def test_the_extraction_schema_covers_exactly_the_registry():
    fields = extraction_schema().model_fields
    intent = {"corrections", "wants_recommendation", "question", "what_if", "off_topic", "reset", "ignored_instructions"}
    assert set(fields) - intent == set(SLOTS)
    for slot in REGISTRY:
        assert fields[slot.name].description == slot.description
    # A frequency is one of the registry's values, nothing else.
    schema = extraction_schema().model_json_schema()
    frequency = schema["properties"]["knowledge_changes"]["anyOf"][0]
    assert frequency["enum"] == list(REGISTRY[2].values)


@pytest.mark.parametrize(
    ("slot", "llm_value", "message"),
    [
        ("queries_per_day", 5e13, "40 trillion requests a day"),
        ("queries_per_day", -3, "minus 5000 requests a day"),
        ("input_tokens", -3, "prompts of -3 tokens"),
        ("input_tokens", 5_000_000_000, "each prompt is 5000000000 tokens"),
        ("horizon_months", 600, "over 50 years"),
    ],
)
def test_an_absurd_figure_gets_the_same_rejection_whoever_read_it(slot, llm_value, message):
    ruled = understand(message)
    from_llm = understanding_from_extraction({slot: llm_value})
    assert slot not in from_llm.updates and slot not in ruled.updates
    assert from_llm.rejected[slot] == ruled.rejected[slot]


def test_an_llm_value_of_the_wrong_type_is_rejected_with_the_slot_named():
    reading = understanding_from_extraction({"needs_citations": "definitely", "knowledge_changes": "hourly", "use_case": "bot"})
    assert reading.updates == {"use_case": "bot"}
    assert set(reading.rejected) == {"needs_citations", "knowledge_changes"}


CHOICE = ProviderChoice("openai", "gpt-4.1-mini", "test")


def test_both_understanders_give_the_same_contract():
    model = ScriptedChatModel(script=[{"queries_per_day": 20_000, "knowledge_changes": "weekly", "wants_recommendation": True}])
    from_llm = llm_understand(Llm(model, CHOICE), "20k a day, weekly changes. Recommend?", None, {})
    ruled = understand("20k a day, weekly changes. What do you recommend?")
    assert isinstance(from_llm, Understanding) and isinstance(ruled, Understanding)
    assert from_llm.updates == ruled.updates == {"queries_per_day": 20_000, "knowledge_changes": "weekly"}
    assert from_llm.wants_recommendation and ruled.wants_recommendation
    assert from_llm.to_dict().keys() == ruled.to_dict().keys()
