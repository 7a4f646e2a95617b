"""The claims registry: every quote verbatim in the shipped corpus, every cost-model default backed by a
claim that states its value, and a malformed registry rejected with one line naming the claim and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.articles import load_bundled_articles, quote_in_source
from tools.assumptions import DEFAULTS, PROVIDER_MODELS
from knowledge.claims import CLAIMS_FILE, claims_about, get_claim, load_claims, parse_claims

CLAIMS = load_claims()


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_every_quote_is_verbatim_in_its_source(claim):
    assert quote_in_source(claim.source_id, claim.quote), f"{claim.id}: quote not found in {claim.source_id}"


def test_the_registry_covers_every_source_and_category():
    assert {c.source_id for c in CLAIMS} == {a.id for a in load_bundled_articles()}
    assert {c.category for c in CLAIMS} == {
        "pricing", "training cost", "infrastructure", "labour", "latency", "accuracy", "break-even", "TCO",
    }


def test_quote_check_catches_a_changed_figure():
    # The verbatim check is what the registry test rests on: a misquoted number must fail it.
    claim = get_claim("aieconomyhub-2026/breakeven-heuristic")
    assert not quote_in_source(claim.source_id, claim.quote.replace("80,000", "90,000"))


@pytest.mark.parametrize("field", list(DEFAULTS))
def test_every_default_names_a_claim_that_states_it(field):
    default = DEFAULTS[field]
    assert default.claim, f"{field}: default has no claim"
    claim = get_claim(default.claim)
    # The default repeats its claim's citation, so a reply can cite it without the registry.
    assert (default.source_id, default.quote) == (claim.source_id, claim.quote)
    if isinstance(default.value, str):
        assert claim.value == default.value
    else:
        assert claim.low <= default.value <= claim.high, f"{field}={default.value} outside {claim.id} {claim.value}"


@pytest.mark.parametrize("provider", list(PROVIDER_MODELS))
def test_every_provider_model_names_a_claim_that_states_it(provider):
    default = PROVIDER_MODELS[provider]
    claim = get_claim(default.claim)
    assert (default.source_id, default.quote, default.value) == (claim.source_id, claim.quote, claim.value)


def test_default_claims_appear_in_to_dict():
    assert DEFAULTS["fine_tune.setup_usd"].to_dict()["claim"] == "aieconomyhub-2026/engineer-weeks"


def test_values_ranges_and_names():
    assert get_claim("aieconomyhub-2026/breakeven-heuristic").value == (50_000, 80_000)
    assert get_claim("aieconomyhub-2026/fine-tune-run").value == 5000
    assert get_claim("aieconomyhub-2026/reference-model").value == "claude-sonnet-4-5"
    assert get_claim("tradeoffs-2026/rag-latency").to_dict()["value"] == [100, 500]


def test_claims_about_a_quantity():
    latency = claims_about("rag_added_latency_ms")
    assert [c.source_id for c in latency] == ["aiinfox-2026", "tradeoffs-2026"]


def test_unknown_claim_is_a_lookup_error():
    with pytest.raises(LookupError, match="unknown claim id 'nope/nothing'"):
        get_claim("nope/nothing")


GOOD = {
    "id": "aiinfox-2026/x", "source_id": "aiinfox-2026", "quote": "q", "quantity": "q_ms", "value": 1,
    "unit": "ms", "conditions": "c", "category": "latency",
}


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{**GOOD, "category": "vibes"}], "claims.yaml: claim aiinfox-2026/x: category: Input should be"),
        ([{**GOOD, "value": [5, 1]}], "claims.yaml: claim aiinfox-2026/x: value: a range must be [low, high]"),
        ([{**GOOD, "id": "ferreira-2026/x"}], "claims.yaml: claim ferreira-2026/x: id must start with its source_id"),
        ([GOOD, GOOD], "claims.yaml: claim aiinfox-2026/x: id is used twice"),
        ([{**GOOD, "colour": "red"}], "claims.yaml: claim aiinfox-2026/x: colour: Extra inputs"),
    ],
)
def test_a_malformed_registry_names_the_claim_and_field(entries, message):
    with pytest.raises(ValueError) as caught:
        parse_claims({"claims": entries}, "claims.yaml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_parse_claims_accepts_a_good_entry():
    (claim,) = parse_claims({"claims": [GOOD]}, "claims.yaml")
    assert (claim.id, claim.low, claim.high, claim.text) == ("aiinfox-2026/x", 1.0, 1.0, None)


def test_the_registry_sits_beside_its_module_and_the_fast_loader_reads_the_same_data():
    import yaml

    import knowledge.claims

    assert CLAIMS_FILE.parent == Path(knowledge.claims.__file__).resolve().parent
    text = CLAIMS_FILE.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert fast == yaml.safe_load(text)
    assert tuple(CLAIMS) == parse_claims(yaml.safe_load(text), str(CLAIMS_FILE))
