"""A ban that names only a region ("everything has to stay in the EU") is met by a hosted API in that
region: read tentatively, said back, and given way to a permission said with it. A ban on the team's
own infrastructure, or on every outside destination, stands as zero egress."""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("text", [
    "data has to stay in the EU, but an API in an EU region is acceptable",
    "everything must stay in the EU. Azure OpenAI in West Europe is fine for us",
    "GDPR: data can't leave the EU, so a US-hosted API is out, but Mistral's EU endpoint is ok",
    "hosting in the EU is required, any EU-hosted provider is fine",
    # a cloud account is such a place too, and a hosted model in it is allowed
    "all of it must stay in our azure tenant, we have an enterprise agreement with MS for azure openai",
    "everything has to stay in our AWS account, Bedrock is fine",
])
def test_a_regional_ban_with_an_in_region_permission_allows_hosted(text):
    reading = understand(text)
    assert reading.updates["data_residency"] is False


@pytest.mark.parametrize("text", [
    "everything has to stay inside the EU",
    "the data can't go to the US",
    "our data is not allowed to leave the UK",
    "we can't send patient data abroad",
    "EU only. no US providers, that's final",
    "data must stay inside our GCP project",
])
def test_a_regional_ban_alone_is_zero_egress_said_back(text):
    reading = understand(text)
    assert reading.updates["data_residency"] is True
    assert "data_residency" in reading.tentative


@pytest.mark.parametrize("text", [
    "nothing can leave the EU, no external APIs at all",
    "data must stay on our own servers in Germany",
    "nothing leaves our network, not even to an EU endpoint",
    "it has to be on-prem in our Frankfurt data centre",
    "Data must stay in our government cloud, no commercial API that sends data abroad is allowed by our security policy.",
    "nothing may be processed outside Germany, and no, Azure's German region isn't approved either",
    "no data may leave the EU, an EU region of a hosted api is NOT acceptable",
    "it must stay in our aws account, no third-party APIs",
])
def test_a_ban_on_own_infrastructure_stands_whatever_region_it_names(text):
    reading = understand(text)
    assert reading.updates["data_residency"] is True
    assert "data_residency" not in reading.tentative


def test_a_later_in_region_permission_replaces_the_regional_ban():
    first = understand("support bot over product terms. everything has to stay inside the EU")
    later = understand("we'd use Azure OpenAI in the Sweden Central region, that's approved",
                       profile={"data_residency": {"value": True}}, asked="queries_per_day")
    assert first.updates["data_residency"] is True and later.updates["data_residency"] is False


@pytest.mark.parametrize("text", ["no cloud", "nope, no hosted stuff", "no external APIs at all", "no third-party"])
def test_a_destination_refused_in_a_noun_phrase_is_a_ban(text):
    assert understand(text).updates["data_residency"] is True
    assert understand(text, asked="data_residency").updates["data_residency"] is True


def test_no_api_key_is_no_ban():
    assert "data_residency" not in understand("we have no API key yet").updates


@pytest.mark.parametrize(("text", "residency"), [
    ("no data restrictions, it's public listing text", False),
    ("no compliance constraints on the data", False),
    # what follows an exception still binds: never read as a permission
    ("there are no data restrictions except it must stay in the EU", None),
    ("no privacy concerns as long as it stays in the EU", True),
])
def test_the_rules_on_the_data_lifted_in_words_are_a_permission_unless_an_exception_follows(text, residency):
    assert understand(text, asked="needs_citations").updates.get("data_residency") is residency
