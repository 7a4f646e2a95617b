"""The source audit: every worked example's verdict and derived value by hand, the assumption that would
make each inconsistent figure hold checked by re-running the cost model, the conversation API
(finding_for_citation, findings_quoted_in, source_range) and `crossroads audit`."""

from __future__ import annotations

import argparse
import json

import pytest

from tools.audit import finding_for_citation, findings_quoted_in, run_audit
from tools.disputes import DISPUTED, disputed_quantities_in, source_range


def audit_note(source_id: str, quote: str) -> str | None:
    finding = finding_for_citation(source_id, quote)
    return finding.note() if finding else None


def audit_notes_in_text(text: str) -> list[str]:
    return [finding.note() for finding in findings_quoted_in(text)]
from tools.cost_model import compare
from tools.scenario import DAYS_PER_MONTH
from tools.grounding import check_grounding, extract_figures

FINDINGS = {f.id: f for f in run_audit()}
FERREIRA_PRICE = 350 / (1_000_000 * DAYS_PER_MONTH * 200 / 1e6)  # $/M implied by its $4,400 fine-tune year

# id: (verdict, derived low, derived high), each worked by hand.
EXPECTED = {
    # saving $0.024 - $0.0225 = $0.0015 a call; $5,000 / $0.0015 = 3,333,333 calls (stated 3.3M)
    "aieconomyhub-2026/breakeven-calls": ("consistent", 3_333_333.3, 3_333_333.3),
    # 3,333,333 / 100,000 a month = 33.3 months (stated 33)
    "aieconomyhub-2026/breakeven-months": ("consistent", 33.333, 33.333),
    # saving $0.006 - 0.3 * $0.018 = $0.0006; $5,000 / ($0.0006 * 12) = 694,444/month (stated 50-80k)
    "aieconomyhub-2026/breakeven-heuristic": ("inconsistent", 694_444.4, 694_444.4),
    # $2,200 / ($0.0014 * 250,000) = 6.2857 months * (365/12) / 7 = 27.31 weeks (stated 6)
    "aieconomyhub-2026/classifier-breakeven": ("inconsistent", 27.314, 27.314),
    # $0.65 * 730 = $474.50 (stated $470, within 2%)
    "aieconomyhub-2026/dsl-monthly-infra": ("consistent", 474.5, 474.5),
    # hosted: 20,000 * (800 * $3 + 200 * $15)/1M * 1.25 = $135; self-hosted $474.50; 135 / 474.5 = 0.2845x
    "aieconomyhub-2026/self-hosting-savings": ("inconsistent", 135 / 474.5, 135 / 474.5),
    # ferreira-2026 on one reading: 200 answer (output) tokens, 500 context (input) tokens, output 4-5x input.
    # Its compute tables at public H100 prices of $2-4 an hour (its own $3 is back-solved from "~$12").
    # 4 hours: $8-16 (stated ~$12); plus $1 storage: $9-17 (stated $13-50); 7B/100K: $8-16 (stated $10-50)
    "ferreira-2026/h100-qlora-compute": ("consistent", 8, 16),
    "ferreira-2026/qlora-one-time": ("consistent", 9, 17),
    "ferreira-2026/lora-7b": ("consistent", 8, 16),
    # 4 h x 13/7 x 5 = 37.14 h: $74.29-148.57 (stated $50-200); 4 h x 10 x 10 = 400 h: $800-1,600 ($200-1,000)
    "ferreira-2026/lora-13b": ("consistent", 4 * 13 / 7 * 5 * 2, 4 * 13 / 7 * 5 * 4),
    "ferreira-2026/lora-70b": ("consistent", 800, 1600),
    # Not back-solved from itself: the context figure's $200-400 for 15,208M tokens is $0.01315-0.0263/M
    # input; answers at 4-5x that: $200 + 12 * 6,083M * $0.0526-0.1315 = $4,040-9,800 (stated $4,400)
    "ferreira-2026/fine-tune-year-1m": ("consistent", 4040, 9800),
    # The fine-tune year's $0.0575/M output, input 4-5x less ($0.0115-0.0144): context 15,208M tokens
    # = $175-219 a month; year 12 * ($350 + $175) + $20 + 12 * $25 = $6,620 to 12 * ($350 + $219) + $100 + 12 * $250
    "ferreira-2026/rag-year-1m": ("consistent", 6620, 12 * (350 + 350 / 4 * 2.5) + 100 + 12 * 250),
    # 500 context tokens cost as much as 100-125 answer tokens: +50-62.5% on 200 (stated +40-80%)
    "ferreira-2026/context-increase": ("consistent", 50, 62.5),
    # 15,208M tokens * $0.0115-0.0144 = $175-219 a month (stated $200-400)
    "ferreira-2026/context-monthly": ("consistent", 175, 218.75),
    # $200 + 12 * $350 / 100 = $242 (stated $350), on any reading
    "ferreira-2026/fine-tune-year-10k": ("inconsistent", 242, 242),
    # $20 + 12 * ($3.50 + $1.75 + $25) = $383 to $100 + 12 * ($3.50 + $2.19 + $250) = $3,168 (stated $500-800)
    "ferreira-2026/rag-year-10k": ("consistent", 383, 12 * (3.5 + 3.5 / 4 * 2.5) + 100 + 12 * 250),
    # 100,000 * 365/12 * 3,000 = 9,125M tokens at $1-5/M = $9,125-45,625 (stated $3,000-9,000)
    "aiinfox-2026/rag-tokens-monthly": ("inconsistent", 9125, 45_625),
    # 3,000 + 200 + 50 + 200 = 3,450; 9,000 + 2,500 + 200 + 600 = 12,300 (stated 3,500-12,000)
    "aiinfox-2026/rag-total-monthly": ("consistent", 3450, 12_300),
    # 25k + 10k + 8k + 10k + 0.5k = 53,500; 80k + 25k + 15k + 25k + 30k = 175,000 (stated 60-180k, 15%)
    "aiinfox-2026/engagement-cost": ("consistent", 53_500, 175_000),
    # RAG and fine-tuning each add a flat amount per 1K: $11 + $30 + $9 = $50 (stated $49, within 2%)
    "costlens-2026/hybrid-per-1k": ("consistent", 50, 50),
    # $41 / $20 = 2.05x (stated 10-50x)
    "costlens-2026/per-query-factor": ("inconsistent", 2.05, 2.05),
}


def test_every_worked_example_has_an_expected_verdict():
    assert set(FINDINGS) == set(EXPECTED)


@pytest.mark.parametrize("finding_id", list(EXPECTED))
def test_verdict_and_derived_value(finding_id):
    finding = FINDINGS[finding_id]
    verdict, low, high = EXPECTED[finding_id]
    assert finding.verdict == verdict
    assert (finding.derived_low, finding.derived_high) == pytest.approx((low, high), rel=1e-4)


@pytest.mark.parametrize("finding_id", list(EXPECTED))
def test_the_arithmetic_arrives_at_the_derived_value(finding_id):
    finding = FINDINGS[finding_id]
    shown = " ".join(finding.arithmetic)
    figures = extract_figures(finding.derived_text())
    assert figures and all(f.text in shown for f in figures), (finding.derived_text(), shown)


@pytest.mark.parametrize("finding_id", list(EXPECTED))
def test_inconsistent_figures_say_what_would_make_them_hold(finding_id):
    finding = FINDINGS[finding_id]
    if finding.verdict == "consistent":
        assert finding.would_hold is None and finding.note() is None
        return
    note = finding.note()
    assert finding.would_hold and finding.cues
    assert note.count(". ") == 0 and note.endswith(".")  # one sentence
    assert finding.claim.quote in note and finding.source_id in note and finding.derived_text() in note
    # Every number the note shows is grounded in the audit's figures or the quoted passages.
    report = check_grounding(note, finding.figures, finding.passages())
    assert report.ok, report.ungrounded


def _base_call_scenario(output_tokens: float) -> dict:
    # A base call of only output tokens at $15/M, against RAG's 2,000 context tokens at $3/M.
    return {
        "horizon_months": 12,
        "workload": {"queries_per_month": 80_000, "input_tokens": 0, "output_tokens": output_tokens, "monthly_growth": 0},
        "prices": {"input": 3.0, "output": 15.0},
        "caching": {"cached_tokens": 0, "hit_rate": 0},
        "rag": {"context_tokens": 2000, "setup_usd": 0, "monthly_usd": 0, "engineering_weeks": 0},
        "fine_tune": {"training_run_usd": 5000, "runs": 1, "setup_usd": 0, "retrain_every_months": 0,
                      "retrain_usd": 0, "tokens_saved": 0, "inference_premium": 0.30, "monthly_usd": 0},
    }


def test_heuristic_holds_only_with_a_near_free_base_call():
    assert "$0.00264" in FINDINGS["aieconomyhub-2026/breakeven-heuristic"].would_hold
    # (0.006 - 5,000 / (12 * 80,000)) / 0.3 = $0.002639 a call = 175.9 output tokens at $15/M
    at_most = (0.006 - 5000 / (12 * 80_000)) / 0.3
    breakeven = compare(_base_call_scenario(at_most / 15e-6)).breakeven.breakeven_queries_per_month
    assert breakeven == pytest.approx(80_000, rel=1e-6)
    # A free base call: 5,000 / (0.006 * 12) = 69,444/month, inside the stated range.
    assert compare(_base_call_scenario(0)).breakeven.breakeven_queries_per_month == pytest.approx(69_444.4, rel=1e-5)


def test_classifier_pays_back_in_6_weeks_only_at_1_14m_queries():
    finding = FINDINGS["aieconomyhub-2026/classifier-breakeven"]
    volume = 2200 / (0.0014 * 6 * 7 / DAYS_PER_MONTH)  # 1,138,039/month
    assert "1,138,039 queries/month" in finding.would_hold
    scenario = json.loads(json.dumps(finding.scenario))
    scenario["workload"]["queries_per_month"] = volume
    weeks = compare(scenario).breakeven.payback_months * DAYS_PER_MONTH / 7
    assert weeks == pytest.approx(6, rel=1e-6)


def test_no_ferreira_verdict_rests_on_a_price_back_solved_from_itself():
    """Finding 11: the 1M-a-day fine-tune year was "consistent" only because it fixed the token price the
    other ferreira checks used: a check that could not fail. It is now judged at the price its context
    figure implies; read literally that gives $1,160-2,120, not $4,400, and only the answer-token reading
    (output at 4-5x input, as the reference models price it) makes it hold."""
    year = FINDINGS["ferreira-2026/fine-tune-year-1m"]
    shown = " ".join(year.arithmetic)
    assert "$0.0132–$0.0263 per million" in shown and "$1,160–$2,120" in shown
    assert year.reading and "answer (output) tokens" in year.reading
    assert "ferreira-2026/context-monthly" in [c.id for c in year.uses]
    # The same reading makes the RAG year, the +40-80% and the $200-400 context figure hold too.
    for finding_id in ("ferreira-2026/rag-year-1m", "ferreira-2026/context-increase", "ferreira-2026/context-monthly"):
        assert FINDINGS[finding_id].reading == year.reading
    # The reference models' output / input ratios are the 4-5x the reading takes.
    from datetime import date

    from tools.prices import model_prices

    ratios = {m: model_prices(m, on=date(2026, 11, 1)) for m in ("claude-sonnet-4-5", "gpt-4o-mini")}
    assert sorted(p.output / p.input for p in ratios.values()) == [4.0, 5.0]


def test_every_worked_compute_figure_gets_a_verdict():
    """Finding 11: ferreira's fine-tuning compute tables had no verdict. They scale with parameters x
    samples from its own ~4 H100 hours, priced at public list prices rather than its back-solved $3/h."""
    for finding_id in ("ferreira-2026/h100-qlora-compute", "ferreira-2026/lora-7b", "ferreira-2026/lora-13b", "ferreira-2026/lora-70b"):
        assert FINDINGS[finding_id].verdict == "consistent"
    assert "400 × $2–4 = $800–$1,600" in " ".join(FINDINGS["ferreira-2026/lora-70b"].arithmetic)


def test_ferreira_small_year_holds_with_a_308_dollar_one_time_cost():
    finding = FINDINGS["ferreira-2026/fine-tune-year-10k"]
    assert "$308 one-time" in finding.would_hold
    scenario = json.loads(json.dumps(finding.scenario))
    scenario["fine_tune"]["training_run_usd"] = 308
    assert compare(scenario).options["fine_tune"].total_usd == pytest.approx(350)
    # Or at $0.2055/M: 10K * 365/12 * 200 = 60.83M tokens * 0.2055 * 12 + 200 = 350
    scenario["fine_tune"]["training_run_usd"] = 200
    price = 150 / 12 / (10_000 * DAYS_PER_MONTH * 200 / 1e6)
    scenario["prices"] = {"input": price, "output": price}
    assert compare(scenario).options["fine_tune"].total_usd == pytest.approx(350)
    assert price / FERREIRA_PRICE == pytest.approx(3.571, rel=1e-3)


def test_aiinfox_token_bill_needs_a_sub_dollar_effective_price():
    finding = FINDINGS["aiinfox-2026/rag-tokens-monthly"]
    assert "$0.329–$0.986 per million" in finding.would_hold
    scenario = json.loads(json.dumps(finding.scenario))
    scenario["prices"]["input"] = 9000 / 9125
    assert compare(scenario).options["rag"].monthly_items["input_tokens"] == pytest.approx(9000)


def test_self_hosting_saves_3x_only_above_211m_tokens():
    finding = FINDINGS["aieconomyhub-2026/self-hosting-savings"]
    assert "211M–351M tokens" in finding.would_hold
    # 3 * $474.50 / $6.75 per million hosted = 210.9M tokens a month
    hosted = json.loads(json.dumps(finding.scenario))
    hosted["fine_tune"] = {**hosted["fine_tune"], "hosting": "hosted", "inference_premium": 0.25}
    hosted["workload"]["queries_per_month"] = 3 * 474.5 / 6.75 * 1000
    assert compare(hosted).options["fine_tune"].monthly_usd == pytest.approx(3 * 474.5)


def test_costlens_table_adds_up_on_flat_additions():
    """Finding 11: CostLens's per-1K table was called inconsistent (a per-token premium gives $74.55, not
    $49), yet it adds up if RAG adds a flat $30 per 1K queries and fine-tuning a flat $9: $11 + $30 + $9
    = $50, within 2% of $49. The verdict now takes that simplest reading."""
    finding = FINDINGS["costlens-2026/hybrid-per-1k"]
    assert finding.verdict == "consistent" and finding.derived_low == pytest.approx(50)
    assert "$74.55, not $49" in " ".join(finding.arithmetic)
    assert finding.reading and "flat amount per 1K" in finding.reading


def test_run_audit_by_source():
    ferreira = run_audit("ferreira-2026")
    assert {f.source_id for f in ferreira} == {"ferreira-2026"} and len(ferreira) == 11
    with pytest.raises(LookupError, match="--source tradeoffs-2026: no audited figures"):
        run_audit("tradeoffs-2026")


# --------------------------------------------------------------------------------------------------
# The conversation API


def test_audit_note_for_a_cited_inconsistent_figure():
    note = audit_note("aieconomyhub-2026", "breakeven is around 50,000–80,000 similar queries/month")
    assert note and "does not follow" in note and "694,444 queries/month" in note and "$0.00264" in note
    # A retrieved passage that contains the figure matches too, table pipes and all.
    passage = "| Fine-tuning | ~$350 |\n| RAG | ~$500–800 |\n\nStill fine-tuning wins, but the gap is smaller."
    assert "$242 a year" in audit_note("ferreira-2026", passage)


def test_audit_note_is_none_for_consistent_or_unaudited_figures():
    assert audit_note("aieconomyhub-2026", "Break-even on the $5,000 is 3.3M calls") is None
    assert audit_note("aiinfox-2026", "End-to-end, RAG typically adds 50-150ms to first-token latency") is None
    # The right quote under the wrong source is not a match.
    assert audit_note("ferreira-2026", "breakeven is around 50,000–80,000 similar queries/month") is None
    assert audit_note("aieconomyhub-2026", "  ") is None
    # Part of a figure's quote that no longer shows the figure is not a citation of it.
    assert audit_note("ferreira-2026", "Fine-tuning") is None
    assert "27.3 weeks" in audit_note("aieconomyhub-2026", "Break-even at 6 weeks")


def test_audit_notes_for_figures_a_user_quotes():
    (note,) = audit_notes_in_text(
        "I read fine-tuning breaks even at 50-80k queries a month, so we should fine-tune at 100k/month, right?"
    )
    assert "50,000–80,000" in note and "694,444" in note
    (weeks,) = audit_notes_in_text("A blog said fine-tuning breaks even at 6 weeks.")
    assert "27.3 weeks" in weeks
    # The numbers alone, without the words that make them the figure, are not a quote of it.
    assert audit_notes_in_text("We have 6 engineers and 50 to 80 thousand users") == []
    assert audit_notes_in_text("about 100k queries a day") == []


def test_rag_latency_range_cites_both_sources():
    latency = source_range("rag_added_latency_ms")
    assert (latency.low, latency.high, latency.unit) == (50, 500, "ms")
    assert latency.disputed and latency.span() == "50–500 ms"
    sentence = latency.sentence()
    assert sentence.startswith("The sources disagree on how much latency RAG adds, from 50 to 500 ms")
    for claim in latency.claims:
        assert f'{claim.source_id}: "{claim.quote}"' in sentence


def test_breakeven_volume_range_converts_per_day_claims():
    volume = source_range("breakeven_queries_per_month")
    assert (volume.low, volume.high) == (50_000, 5_000_000)
    assert {"ferreira-2026", "aieconomyhub-2026", "costlens-2026"} == {c.source_id for c in volume.claims}
    # ferreira's ">100K/day" is 3.04M a month: inside the range, not its top.
    assert 100_000 * DAYS_PER_MONTH < volume.high


@pytest.mark.parametrize(
    "quantity, low, high",
    [
        ("retrain_every_months", 1, 6),  # aieconomyhub "~monthly" and "every 3 months"; aiinfox "3-6 months"
        ("fine_tune_upfront_usd", 200, 180_000),  # ferreira $200; aieconomyhub $40k-120k; aiinfox $60k-180k
        ("rag_context_tokens", 500, 3000),
    ],
)
def test_disputed_ranges(quantity, low, high):
    found = source_range(quantity)
    assert (found.low, found.high) == (low, high)


@pytest.mark.parametrize("quantity", list(DISPUTED))
def test_every_disputed_quantity_spans_sources_and_is_grounded(quantity):
    found = source_range(quantity)
    assert found.disputed and len({c.source_id for c in found.claims}) >= 2
    report = check_grounding(found.sentence(), [found.low, found.high], [c.quote for c in found.claims])
    assert report.ok, report.ungrounded
    json.dumps(found.to_dict())


@pytest.mark.parametrize(
    "text, quantities",
    [
        ("How much latency does RAG add?", ["rag_added_latency_ms"]),
        ("Will retrieval make it slower?", ["rag_added_latency_ms"]),
        ("How often would we need to retrain?", ["retrain_every_months"]),
        ("What does fine-tuning cost up front?", ["fine_tune_upfront_usd"]),
        ("At what volume does fine-tuning break even?", ["breakeven_queries_per_month"]),
        ("I read fine-tuning breaks even at 50-80k queries a month", ["breakeven_queries_per_month"]),
        ("How many context tokens does RAG add per query?", ["rag_context_tokens"]),
        ("What does a vector DB cost?", ["rag_infra_monthly_usd"]),
        ("What does a training run cost?", ["fine_tune_training_run_usd"]),
        ("We answer 100k support questions a day", []),
        ("Latency matters: it's a voice agent", []),
    ],
)
def test_disputed_quantities_a_message_asks_about(text, quantities):
    assert disputed_quantities_in(text) == quantities
    assert set(quantities) <= set(DISPUTED)


def test_unknown_quantity_names_the_known_ones():
    with pytest.raises(ValueError, match="quantity: 'vibes' is not a disputed quantity; known: rag_added_latency_ms"):
        source_range("vibes")


# --------------------------------------------------------------------------------------------------
# crossroads audit


def _run(*argv: str) -> int:
    from agent.cli import audit as audit_commands

    parser = argparse.ArgumentParser()
    audit_commands.register(parser.add_subparsers())
    args = parser.parse_args(["audit", *argv])
    return args.handler(args, None)


def test_audit_command_prints_verdicts_with_arithmetic(capsys):
    assert _run() == 0
    out = capsys.readouterr().out
    assert "[inconsistent] break-even heuristic (30% premium)" in out
    assert "break-even within 12 months: $5,000 / ($0.0006 × 12) = 694,444 queries/month" in out
    assert "one L40S: $0.65/hour × 730 hours a month = $474.50" in out
    assert "22 figures audited: 16 consistent, 6 inconsistent." in out
    assert "how much latency RAG adds: 50–500 ms" in out


def test_audit_command_json_for_one_source(capsys):
    assert _run("--source", "costlens-2026", "--json") == 0
    payload = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in payload["findings"]] == ["costlens-2026/hybrid-per-1k", "costlens-2026/per-query-factor"]
    assert payload["findings"][0]["verdict"] == "consistent" and payload["findings"][0]["arithmetic"]
    assert payload["findings"][1]["verdict"] == "inconsistent"
    assert all(any(c["source_id"] == "costlens-2026" for c in d["claims"]) for d in payload["disagreements"])


def test_audit_command_unknown_source_is_a_lookup_error():
    with pytest.raises(LookupError, match="--source nope"):
        _run("--source", "nope")
