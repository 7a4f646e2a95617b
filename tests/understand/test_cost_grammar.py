"""What a clause about the bill says, read by its grammar (`bill.cost_verdict`): a burden stated or
an ease denied says the model in use costs too much, an ease stated or a burden denied says it does
not; the cost of another option, of people or of time says nothing of it. Phrasings written fresh
for these tests, not taken from the bank or the eval suite."""

import pytest

from agent.understand.rules import understand
from agent.understand.bill import cost_verdict

TOO_COSTLY = [
    "budget is tight, gpt-4o bills are already painful",
    "money's tight this quarter",
    "our openai invoice is not small",
    "honestly the price is steep for what we get",
    "the monthly spend keeps climbing",
    "the claude bill is brutal at this point",
    "api costs are a real worry for the CFO",
    "it isn't cheap, the spend is already a problem",
    # the bill put beyond what the business carries, or the reaction it gets
    "the openai line item is bigger than our entire cloud budget",
    "Sonnet isn't viable price-wise for us",
    "our CFO winced at last month's invoice",
    "it's not exactly cheap",
    "4o is great, just not cheap enough at our volume",
]
# Read over the whole sentence, across its "but".
BEYOND = [
    "4o gets it right every time but it runs us about 25k a month",
    "quality's great. way too $$$ though",
    "at claude prices this is more than our whole support budget",
]
NOT_COSTLY = [
    "the API spend isn't a concern for us",
    "cost is ok for now",
    "our token bill is modest",
    "price isn't an issue, we're well funded",
    "the spend is negligible for a company our size",
    "we moved to haiku and it's cheap enough now",
]
# Not a verdict on the bill for the model in use: another option's cost, time, a requirement, a
# condition, or a bare amount.
NEITHER = [
    "fine-tuning costs are high",
    "the latency budget is tight",
    "GPU prices are steep right now",
    "we need to keep costs low",
    "if costs get painful we'd switch",
    "our bill is about 4k a month",
]


@pytest.mark.parametrize("text", TOO_COSTLY)
def test_a_burden_on_the_bill_says_the_model_costs_too_much(text):
    assert cost_verdict(text) is True
    assert understand(text).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", NOT_COSTLY)
def test_an_easy_bill_says_it_does_not(text):
    assert cost_verdict(text) is False
    assert understand(text).updates.get("top_model_too_costly") is False


@pytest.mark.parametrize("text", NEITHER)
def test_words_about_other_costs_give_no_verdict(text):
    assert cost_verdict(text) is None


def test_a_lifted_concern_about_the_bill_grants_no_residency():
    # "API" names where data would go, but the concern lifted is the spend's.
    assert "data_residency" not in understand("the API spend isn't a concern for us").updates


@pytest.mark.parametrize("text", [
    "our bill is about 4k a month",
    "we spend 4k a month on gpt-4o",
    "the openai bill runs ~12k/month",
    "costs us about 2k per month right now",
])
def test_an_amount_of_money_per_month_is_no_traffic(text):
    assert "queries_per_day" not in understand(text).updates


def test_traffic_beside_money_is_still_read():
    assert understand("we pay per token and get 40k requests a month").updates["queries_per_day"] == pytest.approx(40_000 * 12 / 365)


@pytest.mark.parametrize("text", ["Everything runs in our Azure tenant, data can't leave it.", "it all sits in our own tenant"])
def test_the_teams_own_cloud_tenant_is_not_multi_tenancy(text):
    assert understand(text).updates.get("multi_tenant") is not True


def test_tenants_in_the_plural_still_are():
    assert understand("we serve about 40 tenants, each with its own docs").updates.get("multi_tenant") is True


@pytest.mark.parametrize("text", BEYOND)
def test_a_bill_beyond_what_the_business_carries_is_too_costly(text):
    assert understand(text).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", [
    "the big model writes lovely summaries, it's accurate, but it's far too slow for the live view",
    "Opus handles it well but it's pricey at our scale",
])
def test_quality_praised_then_speed_or_cost_against_it(text):
    updates = understand(text).updates
    assert updates.get("top_model_too_costly") is True and updates.get("output_format_gap") is False


@pytest.mark.parametrize("text", ["we pay like 2 grand a month for sonnet", "the openai bill is $6k a month"])
def test_the_bill_per_month_is_read_and_is_no_change_rate(text):
    updates = understand(text).updates
    assert updates.get("monthly_spend_usd") in (2_000, 6_000) and "knowledge_changes" not in updates
