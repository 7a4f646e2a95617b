"""Model prices from the bundled genai-prices snapshot, informal model names, and the GPU table."""

from __future__ import annotations

import re

from datetime import date

import pytest

from tools.prices import GPU_PRICES, AmbiguousModelError, gpu_hourly_usd, model_prices, resolve_model


@pytest.mark.parametrize(
    "name, expected",
    [
        # (input, output, cached input, cache write) in USD per million tokens
        ("claude-sonnet-4-5", (3.0, 15.0, 0.3, 3.75)),
        ("claude-haiku-4-5", (1.0, 5.0, 0.1, 1.25)),
        ("gpt-4o-mini", (0.15, 0.6, 0.075, None)),
    ],
)
def test_model_prices_from_the_snapshot(name, expected):
    prices = model_prices(name, on=date(2026, 11, 1))
    assert (prices.input, prices.output, prices.cached_input, prices.cache_write) == expected
    assert prices.model == name
    assert prices.as_of == date(2026, 11, 1)
    assert prices.source.startswith("genai-prices ")


def test_dated_ids_find_their_model():
    assert model_prices("claude-sonnet-4-5-20250929").model == "claude-sonnet-4-5"


def test_unknown_model_is_an_error_with_close_matches_never_zero():
    with pytest.raises(LookupError) as caught:
        model_prices("claude-sonet-4-5")
    message = str(caught.value)
    assert "unknown model 'claude-sonet-4-5'" in message and "claude-sonnet-4-5" in message
    assert "\n" not in message


def test_empty_model_name_is_a_value_error():
    with pytest.raises(ValueError, match="^model: give a model name"):
        model_prices("  ")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sonnet 4.5", "claude-sonnet-4-5"),
        ("Haiku 4.5", "claude-haiku-4-5"),
        ("gpt-4o mini", "gpt-4o-mini"),
        ("gpt 4o", "gpt-4o"),
        ("claude-sonnet-4-5", "claude-sonnet-4-5"),
    ],
)
def test_resolve_model_informal_names(text, expected):
    assert resolve_model(text) == expected


def test_a_family_name_is_ambiguous_and_lists_the_candidates_newest_first():
    """Finding 6: "sonnet" used to mean the newest Sonnet (claude-sonnet-5-5, $2/$10) silently, not the
    default claude-sonnet-4-5 ($3/$15); a family name now lists the canonical models it could mean."""
    with pytest.raises(AmbiguousModelError) as caught:
        resolve_model("haiku")
    assert caught.value.candidates == ["claude-haiku-5-5", "claude-haiku-4-5", "claude-3-5-haiku-latest", "claude-3-haiku"]
    assert "claude-haiku-4-5" in str(caught.value) and "\n" not in str(caught.value)
    assert isinstance(caught.value, LookupError)
    with pytest.raises(AmbiguousModelError) as sonnet:
        resolve_model("sonnet")
    assert sonnet.value.candidates[:4] == ["claude-sonnet-5-5", "claude-sonnet-5", "claude-sonnet-4-6", "claude-sonnet-4-5"]
    # A brand alone is ambiguous too, however many models it covers.
    with pytest.raises(AmbiguousModelError):
        resolve_model("claude")


@pytest.mark.parametrize(
    "text, expected, wrong, price",
    [
        # Finding 6: "llama 3 70B" resolved to a role-play fine-tune at $4/$6; Meta's Llama 3 70B Instruct
        # is ~$0.51/$0.74 at the median of its hosts.
        ("llama 3 70B", "meta-llama/Meta-Llama-3-70B-Instruct", "llama-3-lumimaid-70b", (0.51, 0.74)),
        # "qwen 2.5 coder 32b" picked an unpriced `:free` reseller id and then failed.
        ("qwen 2.5 coder 32b", "qwen/qwen-2.5-coder-32b-instruct", "qwen-2.5-coder-32b-instruct:free", (0.66, 1.0)),
    ],
)
def test_names_resolve_to_the_canonical_model_never_a_variant(text, expected, wrong, price):
    resolved = resolve_model(text)
    assert resolved == expected != wrong
    found = model_prices(resolved)
    assert (found.input, found.output) == price


def test_variants_are_found_only_when_asked_for():
    assert resolve_model("llama-3-lumimaid-70b") == "llama-3-lumimaid-70b"
    assert resolve_model("claude-3-5-haiku") == "claude-3-5-haiku-latest"  # the first-party id


def test_resolve_model_unknown():
    with pytest.raises(LookupError, match="no model matching 'zzqx'"):
        resolve_model("zzqx")


@pytest.mark.parametrize(
    "name, hourly",
    [("H100", 3.0), ("nvidia h100 80gb", 3.0), ("l40s", 0.65), ("A100", 1.99), ("A10G", 1.006), ("L4", 0.8048)],
)
def test_gpu_prices(name, hourly):
    assert gpu_hourly_usd(name).hourly_usd == hourly


def test_h100_figure_follows_from_its_source():
    # ferreira-2026: "GPU compute (H100, ~4 hours) | ~$12" -> $12 / 4 hours
    assert gpu_hourly_usd("H100").hourly_usd == pytest.approx(12 / 4)


def test_every_gpu_price_says_where_it_comes_from():
    for gpu in GPU_PRICES.values():
        assert gpu.hourly_usd > 0
        assert (gpu.source_id and gpu.quote) or "list price" in gpu.note


def test_unknown_gpu_lists_the_known_ones():
    with pytest.raises(LookupError, match="unknown GPU 'TPU v5': known GPUs are H100"):
        gpu_hourly_usd("TPU v5")


def test_a_brand_named_alone_offers_the_brands_own_chat_models_first():
    """"mistral" listed a Bedrock id, a community fine-tune and an OCR model among six choices; the
    brand's own chat models come first and no OCR, speech or embedding model is offered."""
    with pytest.raises(AmbiguousModelError) as caught:
        resolve_model("mistral")
    shown = caught.value.candidates[:6]
    assert all(not re.search(r"ocr|tts|embed|dolphin|^mistral\\.", m) for m in shown)
    assert {"mistral-large-4", "mistral-7b"} <= set(shown)
