"""Where data is kept when the owner is named ("on hospital servers"), parties kept apart by name
("Region North's data can't appear for Region South"), and a reaction to the advisor's figure that is
no complaint about the user's own bill. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, asked=None):
    return understand(text, asked=asked, profile={"use_case": "x"}).updates


@pytest.mark.parametrize(("text", "expected"), [
    # the owner's own infrastructure, named by who owns it
    ("Patient records have to remain on hospital servers, that's the trust's rule.", True),
    ("Everything must stay within council infrastructure.", True),
    # a cloud named as the place is no place of the team's own, and hosting there is no rule
    ("The app is hosted in the cloud already.", None),
    ("We run on AWS infrastructure today.", None),
    # a ban still reads with a cloud named
    ("Nothing is allowed to go to the cloud.", True),
    # 'classified' is a secrecy grade only on what it grades, never as the verb of a classifier
    ("We do defence contracting, the specs are strictly classified.", True),
    ("The team handles classified contracts for the ministry.", True),
    ("Our old model classified 91% of tickets correctly.", None),
    ("Last quarter it classified most emails by sender.", None),
])
def test_where_data_is_kept(text, expected):
    assert _read(text).get("data_residency") is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Region North's figures can't appear for Region South.", True),
    ("One franchise's prices must never show up to another franchise.", True),
    ("A clinic's notes should never be visible to a different clinic.", True),
    # a thing shown to the user is no party kept apart
    ("The summary shows up in the dashboard within a second.", None),
    # a renter's request is no tenancy
    ("It drafts replies to tenants' repair requests for a housing association.", None),
])
def test_parties_kept_apart_by_name(text, expected):
    assert _read(text).get("multi_tenant") is expected


@pytest.mark.parametrize("text", [
    "hmm, that price seems steep",
    "sounds pricey",
    "the hybrid figure you gave looks high",
])
def test_a_reaction_to_the_advisors_figure_is_no_bill_complaint(text):
    assert "top_model_too_costly" not in _read(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("our bill looks high every month", True),
    ("honestly it's pricey at this volume", True),
    # a bill stated is neither a complaint nor contentment
    ("the invoice is $12k a month", None),
])
def test_the_users_own_bill(text, expected):
    assert _read(text).get("top_model_too_costly") is expected


@pytest.mark.parametrize("text", [
    "Someone from a vendor demoed their managed fine-tuning platform to us last week.",
    "We were quoted for a hosted fine tuning service.",
])
def test_fine_tuning_named_is_no_permission_and_no_task(text):
    updates = _read(text)
    assert "data_residency" not in updates  # the "fine" of fine-tuning grants nothing
    assert "fine-tun" not in (updates.get("use_case") or "") and "fine tun" not in (updates.get("use_case") or "")


def test_hosted_fine_said_plainly_still_permits():
    assert _read("hosted is fine with legal").get("data_residency") is False


@pytest.mark.parametrize(("text", "expected"), [
    ("No manuals or reference docs are needed beyond the form itself.", None),
    ("We've got a 60-page handbook it should answer from.", True),
])
def test_documents_named_under_a_negation_are_not_had(text, expected):
    assert _read(text).get("has_documents") is expected


def test_a_role_first_opening_keeps_the_whole_product():
    text = ("As Director of Member Services at a credit union, I am assessing approaches for a bot that answers "
            "questions from members about loan terms and fees.")
    assert understand(text).updates.get("use_case", "").startswith("bot that answers questions")


@pytest.mark.parametrize("text", [
    "it is excluded that anything goes to an American cloud",
    "Sending our claims to a US provider is unthinkable for us.",
    "for the board it's inconceivable that records leave our servers",
])
def test_a_destination_ruled_out_in_formal_words_is_a_ban(text):
    assert understand(text).updates.get("data_residency") is True


@pytest.mark.parametrize("text", [
    "the OpenAI bill is not acceptable",
    "The invoice from OpenAI last month was $22,000 and management says this is not acceptable.",
    "what we pay Anthropic every month is unacceptable",
])
def test_a_bill_refused_is_no_ban_on_the_provider(text):
    assert understand(text).updates.get("data_residency") is not True
