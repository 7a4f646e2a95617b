"""Issue 13's findings, one test each with the numbers: the source's figure, the wrong value the cost
model used to give, and the right one. Every figure here is also in `crossroads cost --json` (the
report's `to_dict()`); tests/cli/test_cost_cli.py and tests/conversation/test_advisor.py show them at
the command line and in the conversation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.cost_model import compare
from tools.scenario import DAYS_PER_MONTH

ROOT = Path(__file__).resolve().parents[2]

# Every knob set, so that only what a test names moves (as in test_cost_model.py).
ZERO = {
    "rag": {"context_tokens": 0, "setup_usd": 0, "monthly_usd": 0, "engineering_weeks": 0},
    "fine_tune": {
        "training_run_usd": 0, "runs": 1, "setup_usd": 0, "retrain_every_months": 0, "retrain_usd": 0,
        "hybrid_retrain_every_months": 0, "tokens_saved": 0, "inference_premium": 0, "monthly_usd": 0,
        "ops_monthly_usd": 0,
    },
    "caching": {"cached_tokens": 0, "hit_rate": 0},
}


def build(workload: dict, prices: dict, horizon: int = 12, **sections) -> dict:
    data = {"horizon_months": horizon, "workload": {"monthly_growth": 0, **workload}, "prices": prices}
    for name, defaults in ZERO.items():
        data[name] = {**defaults, **sections.get(name, {})}
    return data


def as_json(report) -> dict:
    payload = report.to_dict()
    json.dumps(payload, allow_nan=False)
    return payload


# ---- 1. Retraining ----------------------------------------------------------------------------------


def test_1_a_retrain_is_a_training_run_and_an_eval_gate_not_the_quarterly_budget_every_month():
    """aiinfox-2026 budgets "$15,000-40,000/quarter"; its $27,500 midpoint was charged every month for
    weekly-changing knowledge ($330,000 a year). A retrain is now a training run ($5,000) plus its eval
    gate: 200 inputs x 3 runs x 2 candidates, each answer judged, 2,400 calls of 600 + 200 tokens on
    Sonnet at $0.0048 = $11.52. Monthly: $5,011.52; a hybrid's tune retrains quarterly: $1,670.51."""
    payload = as_json(compare({
        "workload": {"queries_per_day": 100_000},
        "fine_tune": {"retrain_every_months": 1, "hybrid_retrain_every_months": 3},
    }))
    retrain = {a["field"]: a for a in payload["assumptions"]}["fine_tune.retrain_usd"]
    assert retrain["value"] == pytest.approx(5011.52)
    assert payload["options"]["fine_tune"]["monthly_items"]["retraining"] == pytest.approx(5011.52)
    assert payload["options"]["hybrid"]["monthly_items"]["retraining"] == pytest.approx(5011.52 / 3)
    wrong_year = 27_500 * 12
    assert wrong_year == 330_000 and 12 * 5011.52 < wrong_year / 5
    # The quarterly figure, given as such, is charged once a quarter.
    quarterly = compare({"workload": {"queries_per_day": 100_000},
                         "fine_tune": {"retrain_usd": 27_500, "retrain_every_months": 3}})
    assert quarterly.options["fine_tune"].monthly_items["retraining"] == pytest.approx(27_500 / 3)


# ---- 2. Cost-only fine-tunes ----------------------------------------------------------------------------


def test_2_a_classifiers_real_tokens_let_a_fine_tune_win_on_cost():
    """A 1.5M-a-day classifier on Haiku 4.5 was priced at 600 input / 200 output tokens with no tokens
    saved: the fine-tune could only cost more. With its real tokens (a 1,550-token few-shot prompt, a
    10-token label, 1,400 tokens a fine-tune makes unnecessary) prompting costs $876,000 a year and the
    fine-tune $251,890: it saves $624,110 (the issue's "about $500k a year")."""
    from agent.conversation.costing import compare_costs

    real = compare_costs({"use_case": "ticket classifier", "queries_per_day": 1_500_000, "has_documents": False,
                          "has_eval_set": True, "model": "claude-haiku-4-5", "input_tokens": 1550, "tokens_saved": 1400})
    assert real["inputs"]["workload.output_tokens"] == 10  # a label, not a 200-token answer
    # 1.5M * 365/12 = 45.6M calls * (1,550 * $1/M + 10 * $5/M) = $73,000 a month
    assert real["options"]["prompting"]["total_usd"] == pytest.approx(876_000)
    assert real["options"]["fine_tune"]["total_usd"] == pytest.approx(251_890.36, rel=1e-6)
    assert real["options"]["prompting"]["total_usd"] - real["options"]["fine_tune"]["total_usd"] > 500_000


# ---- 3. Capacity ------------------------------------------------------------------------------------


def test_3_self_hosting_pays_for_the_gpus_the_volume_needs():
    """1M queries a day self-hosted was one L40S at $474.50 a month whatever the volume: ~9,300 tokens
    a second on average (32,000 with RAG context). At twice the average in the peak hour a 32B model
    needs 14 L40S for prompting (18,519 tokens/s) and 35 for RAG (64,815 tokens/s), plus $2,000 a month
    of operations ("$2k+/mo if self-hosting")."""
    payload = as_json(compare({"workload": {"queries_per_day": 1_000_000}, "hosting": "self_hosted"}))
    prompting, rag = payload["options"]["prompting"], payload["options"]["rag"]
    # 1M / 86,400 s = 11.57 queries/s x (600 + 200) tokens = 9,259 tokens/s on average, 18,519 at peak
    assert prompting["capacity"]["peak_tokens_per_second"] == pytest.approx(2 * 1_000_000 / 86_400 * 800)
    assert rag["capacity"]["peak_tokens_per_second"] == pytest.approx(2 * 1_000_000 / 86_400 * 2800)
    assert (prompting["capacity"]["gpus"], rag["capacity"]["gpus"]) == (14, 35)
    assert prompting["monthly_items"]["gpu_hosting"] == pytest.approx(14 * 0.65 * 730)
    assert prompting["monthly_items"]["self_hosting_operations"] == 2000
    assert set(prompting["capacity"]) >= {"gpus", "peak_tokens_per_second", "tokens_per_second_per_gpu", "source"}
    assert "not from the sources" in prompting["capacity"]["source"]
    assert payload["cheapest"] != "prompting" or prompting["total_usd"] > 0


def test_3_a_gpu_count_that_cannot_serve_the_volume_is_flagged_and_not_a_saving():
    report = compare({"workload": {"queries_per_day": 1_000_000}, "hosting": "self_hosted", "fine_tune": {"gpus": 1}})
    assert report.options["prompting"].capacity["gpus"] == 14
    assert any("1 L40S GPU cannot serve" in note and "14 are needed, and costed" in note for note in report.notes)


def test_3_owned_gpus_pay_power_and_operations_not_rent():
    rented = compare({"workload": {"queries_per_day": 1_000_000}, "hosting": "self_hosted"})
    owned = compare({"workload": {"queries_per_day": 1_000_000}, "hosting": "self_hosted", "fine_tune": {"owned_gpus": 14}})
    # 350 W x 1.5 PUE x $0.13/kWh x 730 h = $49.82 a GPU-month
    assert owned.options["prompting"].monthly_items["gpu_hosting"] == pytest.approx(14 * 0.35 * 1.5 * 0.13 * 730)
    assert owned.options["prompting"].monthly_items["self_hosting_operations"] == 2000
    assert owned.options["rag"].monthly_items["gpu_hosting"] == pytest.approx(
        14 * 0.35 * 1.5 * 0.13 * 730 + (35 - 14) * 0.65 * 730
    )
    assert owned.options["prompting"].total_usd < rented.options["prompting"].total_usd


def test_3_whole_gpus_are_a_staircase_in_volume():
    gpus = [compare({"workload": {"queries_per_day": q}, "hosting": "self_hosted"}).options["prompting"].capacity["gpus"]
            for q in (1_000, 100_000, 300_000, 1_000_000)]
    assert gpus == [1, 2, 5, 14]


# ---- 4. Hosted fine-tunes only where they exist ----------------------------------------------------------


def test_4_sonnet_is_not_tunable_and_the_fine_tune_takes_real_fine_tuned_prices():
    """Claude Sonnet 4.5 was priced as a fine-tune at +25% ($3.75/$18.75), though aieconomyhub-2026 says
    "Opus and Sonnet are not tunable." The fine-tune is bought on the tunable model nearest Sonnet's
    price, gpt-4o, at the snapshot's ft:gpt-4o $3.75/$15 (no assumed premium); gpt-4o-mini's own
    ft:gpt-4o-mini is +100% ($0.30/$1.20), not +25%."""
    sonnet = as_json(compare({"workload": {"queries_per_day": 1000}}))
    assert sonnet["fine_tune_base"]["model"] == "gpt-4o" and sonnet["fine_tune_base"]["quote"] == "Opus and Sonnet are not tunable."
    assert (sonnet["prices"]["fine_tune"]["model"], sonnet["prices"]["fine_tune"]["input"], sonnet["prices"]["fine_tune"]["output"]) == ("ft:gpt-4o", 3.75, 15.0)
    assert sonnet["inputs"]["fine_tune.inference_premium"] == 0.0
    mini = compare({"workload": {"queries_per_day": 1000}, "model": "gpt-4o-mini"})
    assert (mini.prices["fine_tune"].input, mini.prices["fine_tune"].output) == (0.30, 1.20)
    haiku = compare({"workload": {"queries_per_day": 1000}, "model": "claude-haiku-4-5"})
    # Tunable, with no fine-tuned price listed: its list price plus the sourced 25% premium, an assumption.
    assert haiku.fine_tune_base["model"] == "claude-haiku-4-5" and haiku.fine_tune_base["premium_applies"]
    assert "fine_tune.inference_premium" in {a.field for a in haiku.assumptions}


# ---- 5. Distillation ---------------------------------------------------------------------------------


def test_5_the_student_is_cheaper_than_the_teacher_and_its_teacher_data_is_costed():
    """The student was hard-wired to claude-haiku-4-5 ($1/$5) even for a gpt-4o-mini teacher ($0.15/$0.60):
    a dearer "smaller" model. It now comes from the teacher's own provider, cheaper: gpt-4.1-nano
    ($0.10/$0.40). The teacher's answers to 5,000 training examples are a one-time cost."""
    from agent.conversation.costing import student_model_for

    assert student_model_for("gpt-4o-mini") == "gpt-4.1-nano"
    assert student_model_for("claude-sonnet-4-5") == "claude-haiku-4-5"
    report = compare({"workload": {"queries_per_day": 1000}, "model": "gpt-4o-mini",
                      "fine_tune": {"student_model": "gpt-4.1-nano"}})
    # 5,000 x (600 x $0.15/M + 200 x $0.60/M) = 5,000 x $0.00021 = $1.05
    assert report.options["distill"].one_time_items["teacher_generation"] == pytest.approx(1.05)


def test_5_a_self_hosted_student_is_sized_as_a_small_model():
    report = compare({"workload": {"queries_per_day": 1_000_000}, "hosting": "self_hosted",
                      "fine_tune": {"student_model": "claude-haiku-4-5"}})
    student, tuned = report.options["distill"].capacity, report.options["fine_tune"].capacity
    assert student["model_size_b"] == 8 and tuned["model_size_b"] == 32
    assert student["gpus"] < tuned["gpus"]


# ---- 6. Model names: tests/tools/test_prices.py; here, a priced name reaches the report ---------------


def test_6_the_resolved_model_and_its_price_date_are_in_the_report():
    from tools.prices import resolve_model

    report = compare({"workload": {"queries_per_day": 1000}, "model": resolve_model("llama 3 70b")})
    base = report.prices["base"]
    assert base.model == "meta-llama/Meta-Llama-3-70B-Instruct" and (base.input, base.output) == (0.51, 0.74)
    assert base.as_of and base.source.startswith("genai-prices")


# ---- 7. Uncertainty that answers the decision's questions ----------------------------------------------------


def test_7_payback_follows_the_grown_volume_like_the_cumulative_chart():
    """Payback used the first month's saving for ever: $12,000 extra up front over an $800 first-month
    saving is 15 months flat. With volume growing 10% a month the savings repay it in month 10, at
    9.60 months (9 months save $800 x (1.1^9 - 1) / 0.1 = $10,863.04, the tenth $1,886.36 more), where
    the cumulative totals cross."""
    sections = {"rag": {"context_tokens": 1000}, "fine_tune": {"training_run_usd": 12_000, "monthly_usd": 200}}
    flat = compare(build({"queries_per_month": 100_000, "input_tokens": 1000, "output_tokens": 0}, {"input": 10, "output": 0}, **sections))
    assert flat.breakeven.payback_months == pytest.approx(15.0)
    # saving = $0.01 x q - $200: $800 in month 1, growing 10% a month
    grown = build({"queries_per_month": 100_000, "input_tokens": 1000, "output_tokens": 0, "monthly_growth": 0.1},
                  {"input": 10, "output": 0}, horizon=24, **sections)
    report = compare(grown)
    saved, month = 0.0, 0
    while saved + (1000 * 1.1 ** month - 200) < 12_000:
        saved += 1000 * 1.1 ** month - 200
        month += 1
    expected = month + (12_000 - saved) / (1000 * 1.1 ** month - 200)
    assert report.breakeven.payback_months == pytest.approx(expected)
    ft, rag = report.options["fine_tune"].cumulative_usd, report.options["rag"].cumulative_usd
    crossing = next(i + 1 for i, (a, b) in enumerate(zip(ft, rag)) if a <= b)
    assert crossing == int(expected) + 1
    served = sum(100_000 * 1.1 ** i for i in range(month)) + (expected - month) * 100_000 * 1.1 ** month
    assert report.breakeven.payback_calls == pytest.approx(served)


def test_7_payback_continues_past_the_horizon_up_to_ten_years():
    # $400 saved in month 1 (400,000 queries x 100 context tokens at $10/M), growing 1% a month, repays
    # $50,000 when 400 x (1.01^n - 1) / 0.01 = 50,000: 1.01^n = 2.25, n = 81.5 months, past the horizon.
    data = build({"queries_per_month": 400_000, "input_tokens": 1000, "output_tokens": 0, "monthly_growth": 0.01},
                 {"input": 10, "output": 0}, rag={"context_tokens": 100}, fine_tune={"training_run_usd": 50_000})
    report = compare(data)
    assert report.horizon_months == 12 and 81 < report.breakeven.payback_months < 82
    never = build({"queries_per_month": 1000, "input_tokens": 1000, "output_tokens": 0, "monthly_growth": 0.01},
                  {"input": 10, "output": 0}, rag={"context_tokens": 1}, fine_tune={"training_run_usd": 50_000})
    assert compare(never).breakeven.payback_months is None


def test_7_p_cheapest_is_among_the_options_that_meet_the_requirements():
    """P(cheapest) was prompting 1.0 in every hosted run. With answers that must retrieve, only RAG and
    the hybrid qualify, and P(fine-tune total < RAG total) is reported on its own."""
    data = {"workload": {"queries_per_day": [50_000, 150_000]}, "requirements": {"needs_retrieval": True}}
    u = as_json(compare(data, samples=2000))["uncertainty"]
    assert u["prob_cheapest_among"] == ["rag", "hybrid"]
    assert u["prob_cheapest"]["prompting"] == 0 and u["prob_cheapest"]["rag"] + u["prob_cheapest"]["hybrid"] == pytest.approx(1)
    assert 0 <= u["prob_fine_tune_cheaper_than_rag"] <= 1


def test_7_the_flips_say_which_input_changes_the_cheapest_option_and_where():
    """The sensitivity list ranked the fine-tune-vs-RAG gap only. Now each input carries the value at
    which the cheapest option changes. Prompting: 1,000 tokens at $10/M = $0.01 a query; the fine-tune
    saves 300 of them ($0.007) for $12,000 up front. At 1M queries a month: $120,000 against $96,000.
    It stops paying below 100 tokens saved (12,000 + 120 x (1,000 - S) = 120,000), or below
    333,333 queries a month (12,000 = 12 x q x $0.003)."""
    data = build({"queries_per_month": 1_000_000, "input_tokens": 1000, "output_tokens": 0}, {"input": 10, "output": 0},
                 rag={"context_tokens": 500}, fine_tune={"training_run_usd": 12_000, "tokens_saved": 300})
    report = compare(data)
    assert report.cheapest_meeting_requirements == "fine_tune"
    flips = {f.field: f for f in report.flips}
    saved = flips["fine_tune.tokens_saved"]
    assert (saved.from_option, saved.to_option) == ("fine_tune", "prompting")
    assert saved.at == pytest.approx(100, rel=1e-3)
    volume = flips["workload.queries_per_month"]
    assert volume.at == pytest.approx(1_000_000 / 3, rel=1e-3) and volume.to_option == "prompting"
    by_field = {item.field: item for item in report.sensitivity}
    assert by_field["fine_tune.tokens_saved"].flip.at == pytest.approx(100, rel=1e-3)
    assert report.to_dict()["flips"][0].keys() == {"field", "value", "flips_at", "from", "to"}


# ---- 8. Symmetric RAG ------------------------------------------------------------------------------------


def test_8_rag_pays_for_its_engineering_and_a_vector_store_sized_to_the_workload():
    """RAG setup was $60 with no engineering against $80,000 of fine-tune labour, and a flat $500 vector
    store at 200 queries a day made RAG $93.81 per 1K queries against $10.80 of tokens. Now RAG carries
    3 weeks of engineering at $11,500 (costlens-2026 "2-4 weeks of development time"; aiinfox-2026's
    week of MLOps), and the vector store scales from $20 (ferreira-2026) to $500 at 100k queries a day
    (aiinfox-2026): $20.96 at 200 a day."""
    small = compare({"workload": {"queries_per_day": 200}}).options["rag"]
    assert small.one_time_items == {"rag_setup": 60, "rag_engineering": 34_500}
    assert small.monthly_items["rag_infrastructure"] == pytest.approx(20 + 480 * 200 / 100_000)
    tokens = small.monthly_items["input_tokens"] + small.monthly_items["output_tokens"]
    # first-month running cost per 1K queries: tokens $10.80 + vector store $3.45, not + $82.20
    per_1k_running = small.monthly_usd / (200 * DAYS_PER_MONTH) * 1000
    assert tokens / (200 * DAYS_PER_MONTH) * 1000 == pytest.approx(10.80, rel=1e-3)
    assert per_1k_running == pytest.approx(14.25, rel=1e-3)
    at_reference = compare({"workload": {"queries_per_day": 100_000}}).options["rag"]
    assert at_reference.monthly_items["rag_infrastructure"] == pytest.approx(500)
    # The corpus reaches the vector store: 5M documents is five times ferreira's 1M-document setup.
    big = compare({"workload": {"queries_per_day": 200}, "rag": {"corpus_documents": 5_000_000}}).options["rag"]
    assert big.monthly_items["rag_infrastructure"] == pytest.approx(20 + 480 * 5)
    assert big.one_time_items["rag_setup"] == pytest.approx(300)


# ---- 9. Caching -----------------------------------------------------------------------------------------


def test_9_caching_has_a_break_even_and_a_minimum_prefix():
    """The support-bot example caches a 500-token prefix at an 80% hit rate: billed at $2,418 a month of
    input instead of $5,475, though Sonnet caches no prefix under 1,024 tokens. A cache write costs
    1.25x plain input, a read 0.1x: caching pays above (3.75 - 3) / (3.75 - 0.3) = 21.7% hits."""
    payload = as_json(compare(json.loads(json.dumps(_example()))))
    caching = payload["caching"]
    assert (caching["min_cacheable_tokens"], caching["cached"]) == (1024, False)
    assert caching["break_even_hit_rate"] == pytest.approx(0.75 / 3.45)
    assert payload["options"]["prompting"]["monthly_items"]["input_tokens"] == pytest.approx(600 * 3 / 1e6 * 100_000 * DAYS_PER_MONTH)
    assert any("below the 1,024-token minimum" in note for note in payload["notes"])
    cached = compare({"workload": {"queries_per_day": 100_000, "input_tokens": 2000},
                      "caching": {"cached_tokens": 1500, "hit_rate": 0.8}})
    assert cached.caching["pays"] and cached.options["prompting"].monthly_items["input_tokens"] < 2000 * 3 / 1e6 * 100_000 * DAYS_PER_MONTH


def _example() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "examples" / "support-bot.yaml").read_text())


# ---- 10. Latency ----------------------------------------------------------------------------------------


def test_10_every_option_has_a_first_token_latency_and_a_budget_marks_what_cannot_fit():
    """Latency was not modelled: a voice agent with a tight first-token budget was told RAG on a top-tier
    hosted model. Top tier 300-500 ms (aiinfox-2026), retrieval 50-500 ms more (aiinfox-2026 and
    tradeoffs-2026): RAG 350-1,000 ms cannot fit 300 ms; a distilled Haiku at a fifth (60-100 ms) can."""
    payload = as_json(compare({"workload": {"queries_per_day": 50_000}, "requirements": {"latency_budget_ms": 300},
                               "fine_tune": {"student_model": "claude-haiku-4-5"}}))
    options = payload["options"]
    assert options["prompting"]["latency_ms"] == [300, 500] and options["prompting"]["fits_latency_budget"] == "maybe"
    assert options["rag"]["latency_ms"] == [350, 1000] and options["rag"]["fits_latency_budget"] == "no"
    assert options["distill"]["latency_ms"] == pytest.approx([60, 100]) and options["distill"]["fits_latency_budget"] == "yes"
    assert not options["rag"]["meets_requirements"]
    assert payload["cheapest_meeting_requirements"] != "rag"


# ---- 11. The audit: tests/tools/test_audit.py ------------------------------------------------------------


def test_5_an_open_weight_teacher_distils_into_a_small_model_of_its_family():
    """A self-hosted Llama 405B or Qwen 72B had no student at all (the tunable pool holds only models a
    provider hosts), so distilling it was never costed. The student is now a small model of its family."""
    from tools.prices import resolve_model
    from tools.tuning import model_size_b, student_for

    for teacher, family in (("llama 3.1 405b", "llama"), ("qwen 2.5 72b", "qwen")):
        student = student_for(resolve_model(teacher))
        assert student and family in student.lower() and model_size_b(student) <= 13


def test_3_a_model_too_big_for_eight_default_gpus_is_costed_on_a_gpu_that_holds_it():
    """A 405B model on the default L40S (48 GB, eight hold ~269 GB at 70%) raised LookupError and the
    conversation failed its turn. With no GPU given, it is costed on the cheapest listed GPU whose eight
    hold it, and the assumption says so; a GPU the user names is kept."""
    report = as_json(compare({"workload": {"queries_per_day": 10_000}, "model": "llama-3.1-405b",
                              "hosting": "self_hosted"}))
    gpu = [a for a in report["assumptions"] if a["field"] == "fine_tune.gpu"]
    assert [a["value"] for a in gpu] == ["A100"] and "cannot hold a 405B model" in gpu[0]["note"]
    assert report["options"]["prompting"]["capacity"]["gpu"] == "A100"
    with pytest.raises(LookupError, match="does not fit on eight L40S"):
        compare({"workload": {"queries_per_day": 10_000}, "model": "llama-3.1-405b", "hosting": "self_hosted",
                 "fine_tune": {"gpu": "L40S"}})
