"""Properties of the cost model over many generated scenarios (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tools.cost_model import compare

FAST = settings(max_examples=60, deadline=None)

money = st.floats(0, 1e6, allow_nan=False)
tokens = st.floats(0, 20_000, allow_nan=False)
price = st.floats(0, 100, allow_nan=False)
fraction = st.floats(0, 1, allow_nan=False)


@st.composite
def scenarios(draw) -> dict:
    volume_field = draw(st.sampled_from(["queries_per_day", "queries_per_month"]))
    return {
        "horizon_months": draw(st.integers(1, 60)),
        "workload": {
            volume_field: draw(st.floats(0, 1e7, allow_nan=False)),
            "input_tokens": draw(tokens),
            "output_tokens": draw(tokens),
            "monthly_growth": draw(st.floats(-0.5, 0.5, allow_nan=False)),
        },
        "prices": {"input": draw(price), "output": draw(price), "cached_input": draw(price), "cache_write": draw(price)},
        "caching": {"cached_tokens": draw(tokens), "hit_rate": draw(fraction)},
        "rag": {"context_tokens": draw(tokens), "setup_usd": draw(money), "monthly_usd": draw(money)},
        "fine_tune": {
            "training_run_usd": draw(money),
            "runs": draw(st.floats(0, 10, allow_nan=False)),
            "setup_usd": draw(money),
            "retrain_every_months": draw(st.one_of(st.just(0.0), st.floats(0.25, 24))),
            "retrain_usd": draw(money),
            "tokens_saved": draw(tokens),
            "inference_premium": draw(st.floats(0, 2, allow_nan=False)),
            "monthly_usd": draw(money),
            "hosting": draw(st.sampled_from(["hosted", "self_hosted"])),
            "gpu_hourly_usd": draw(st.floats(0, 10, allow_nan=False)),
            "gpus": draw(st.integers(1, 8)),
            "student_prices": {"input": draw(price), "output": draw(price)},
        },
    }


def _volume_field(data: dict) -> str:
    return next(k for k in data["workload"] if k.startswith("queries_per"))


@FAST
@given(scenarios())
def test_costs_are_never_negative(data):
    report = compare(data)
    for option in report.options.values():
        assert option.one_time_usd >= 0
        assert option.monthly_usd >= 0
        assert all(v >= 0 for v in option.monthly_items.values())
        assert option.total_usd >= 0
        assert all(v >= 0 for v in option.cumulative_usd)
        assert option.cumulative_usd == sorted(option.cumulative_usd)


def _totals(data: dict) -> dict[str, float]:
    return {name: option.total_usd for name, option in compare(data).options.items()}


def _no_worse(before: dict[str, float], after: dict[str, float]) -> bool:
    return all(after[n] >= before[n] - 1e-6 * max(1.0, abs(before[n])) for n in before)


@FAST
@given(scenarios(), st.floats(1.0, 10.0))
def test_totals_are_monotonic_in_volume(data, factor):
    before = _totals(data)
    data["workload"][_volume_field(data)] *= factor
    assert _no_worse(before, _totals(data))


@FAST
@given(scenarios(), st.floats(1.0, 10.0), st.sampled_from(["input", "output", "cached_input", "cache_write"]))
def test_totals_are_monotonic_in_prices(data, factor, key):
    before = _totals(data)
    data["prices"][key] *= factor
    data["fine_tune"]["student_prices"] = {
        k: v * factor for k, v in data["fine_tune"]["student_prices"].items()
    }
    assert _no_worse(before, _totals(data))


RANGEABLE = [
    ("workload", "input_tokens"),
    ("workload", "output_tokens"),
    ("prices", "input"),
    ("prices", "output"),
    ("rag", "context_tokens"),
    ("rag", "monthly_usd"),
    ("fine_tune", "setup_usd"),
    ("fine_tune", "inference_premium"),
    ("fine_tune", "tokens_saved"),
]


@FAST
@given(scenarios(), st.sampled_from(RANGEABLE), st.floats(0.0, 1.0), st.floats(1.0, 3.0))
def test_a_range_brackets_the_point_result(data, field, low_share, high_factor):
    # With one ranged input the point result is the output at the range's midpoint; every output is
    # monotonic in each input, so that is the median of the samples and lies between p10 and p90.
    section, key = field
    point = data[section][key]
    data[section][key] = [point * low_share, point * high_factor + 1.0]
    report = compare(data, samples=2000)
    for name, option in report.options.items():
        spread = report.uncertainty.options[name]["total_usd"]
        slack = 1e-4 * max(1.0, option.total_usd)  # float32 samples
        assert spread["p10"] - slack <= option.total_usd <= spread["p90"] + slack


@FAST
@given(scenarios(), st.booleans())
def test_json_output_is_always_serialisable(data, ranged):
    if ranged:
        field = _volume_field(data)
        data["workload"][field] = [0, data["workload"][field]]
    payload = compare(data, samples=500).to_dict()
    assert json.loads(json.dumps(payload, allow_nan=False)) == payload
