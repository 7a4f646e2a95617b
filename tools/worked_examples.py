"""The articles' worked examples, re-derived: one function per audited figure, each returning a `Finding`.

Each function rebuilds the scenario an article describes from the numbers it gives (every knob the
article does not mention set to zero, so no default or price lookup enters), runs it through
`tools.cost_model.compare`, writes the arithmetic as a reader would check it by hand, and, for a figure
that does not follow, names what would make it hold. No figure is judged on a value back-solved from
itself; where a literal reading fails, the simplest reading under which the figure holds is tried and
named. `AUDITS` lists them in source order; `tools.audit.run_audit` runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from tools import ferreira_examples as ferreira
from tools.cost_model import compare
from tools.cost_report import CostReport, number
from tools.findings import Finding, article_scenario as _scenario, exact_usd as _usd, make_finding as _finding
from tools.scenario import DAYS_PER_MONTH, GPU_HOURS_PER_MONTH


def _per_call(report: CostReport, option: str) -> float:
    return report.options[option].marginal_cost_per_1k_queries_usd / 1000


# --------------------------------------------------------------------------------------------------
# aieconomyhub-2026

# "Assume a $5,000 fine-tune run, a 25% inference premium ..., and a RAG baseline that adds 2,000 input
# tokens of retrieved context per call on Sonnet 4.5 ($3/M)." The article never gives the base call; its
# "$0.0015 lower" saving fixes it: (2,000 x $3/M - $0.0015) / 25% = $0.018, e.g. 1,000 input + 1,000 output
# tokens at Sonnet 4.5's $3/$15 per million.
_SONNET = {"input": 3.0, "output": 15.0}
_BASE_CALL = {"input_tokens": 1000, "output_tokens": 1000}


def _aieconomyhub_worked(premium: float, queries_per_month: float, horizon: int = 12) -> dict:
    return _scenario(
        {"queries_per_month": queries_per_month, **_BASE_CALL}, _SONNET, horizon,
        rag={"context_tokens": 2000}, fine_tune={"training_run_usd": 5000, "inference_premium": premium},
    )


def _worked_lines(report: CostReport, premium: float) -> list[str]:
    base = _per_call(report, "prompting")
    rag, ft = _per_call(report, "rag"), _per_call(report, "fine_tune")
    return [
        f"base call: 1,000 input × $3/M + 1,000 output × $15/M = {_usd(base)} "
        f"(the base call the article's \"$0.0015 lower\" implies: (2,000 × $3/M − $0.0015) / 25%)",
        f"RAG: {_usd(base)} + 2,000 context tokens × $3/M = {_usd(rag)} a call",
        f"fine-tune: {_usd(base)} × {1 + premium:g} premium = {_usd(ft)} a call; saving {_usd(rag - ft)} a call",
    ]


def _aieconomyhub_calls() -> Finding:
    scenario = _aieconomyhub_worked(0.25, 100_000, horizon=36)
    report = compare(scenario)
    calls = report.breakeven.payback_calls
    lines = _worked_lines(report, 0.25) + [f"break-even: $5,000 / {_usd(5000 / calls)} = {number(calls)} calls"]
    return _finding("aieconomyhub-2026/breakeven-calls", "worked break-even in calls", (calls, calls), "calls",
                    lines, None, scenario)


def _aieconomyhub_months() -> Finding:
    scenario = _aieconomyhub_worked(0.25, 100_000, horizon=36)
    report = compare(scenario)
    months = report.breakeven.payback_months
    lines = _worked_lines(report, 0.25) + [
        f"payback: {number(report.breakeven.payback_calls)} calls / 100,000 calls a month = {number(months)} months"
    ]
    return _finding("aieconomyhub-2026/breakeven-months", "worked payback at 100,000 calls/month",
                    (months, months), "months", lines, None, scenario)


def _aieconomyhub_heuristic() -> Finding:
    scenario = _aieconomyhub_worked(0.30, 80_000)
    report = compare(scenario)
    volume = report.breakeven.breakeven_queries_per_month
    base = _per_call(report, "prompting")
    saving = _per_call(report, "rag") - _per_call(report, "fine_tune")
    context = 2000 * 3.0 / 1e6
    # The heuristic holds over the year if the saving reaches $5,000 / (12 x 80,000): solve the base call.
    needed = 5000 / (12 * 80_000)
    max_base = (context - needed) / 0.30
    free_base = 5000 / (12 * context)
    lines = [
        f"RAG adds 2,000 context tokens × $3/M = {_usd(context)} a call",
        f"the 30% premium on the {_usd(base)} base call (the one the article's worked example implies) "
        f"costs {_usd(0.30 * base)} a call; saving {_usd(saving)} a call",
        f"break-even within 12 months: $5,000 / ({_usd(saving)} × 12) = {number(volume)} queries/month",
        f"for 80,000/month the saving must be $5,000 / (12 × 80,000) = {_usd(needed)} a call, so the base call "
        f"must cost at most ({_usd(context)} − {_usd(needed)}) / 30% = {_usd(max_base)}",
        f"even a free base call needs $5,000 / ({_usd(context)} × 12) = {number(free_base)} queries/month",
    ]
    hold = (f"if the base call cost at most {_usd(max_base)} instead of the {_usd(base)} its own worked example "
            f"implies (even a free call needs {number(free_base)} queries/month to pay back $5,000 within a year)")
    return _finding("aieconomyhub-2026/breakeven-heuristic", "break-even heuristic (30% premium)",
                    (volume, volume), "queries/month", lines, hold, scenario,
                    figures=(max_base, base, free_base), cues=("break", "pays off", "pay off", "payback"))


def _aieconomyhub_classifier() -> Finding:
    # Haiku-class $1/$5 per million: 1,550 in + 50 out = $0.0018 a call; the simpler prompt drops 1,400
    # input tokens: $0.0004. The classifier retrieves nothing, so the few-shot baseline is the "rag" side.
    scenario = _scenario(
        {"queries_per_month": 250_000, "input_tokens": 1550, "output_tokens": 50}, {"input": 1.0, "output": 5.0},
        fine_tune={"training_run_usd": 2200, "tokens_saved": 1400},
    )
    report = compare(scenario)
    months = report.breakeven.payback_months
    weeks = months * DAYS_PER_MONTH / 7
    before, after = _per_call(report, "rag"), _per_call(report, "fine_tune")
    monthly = report.breakeven.monthly_saving_usd
    six_weeks = 6 * 7 / DAYS_PER_MONTH
    need_saving = 2200 / (250_000 * six_weeks)
    need_volume = 2200 / ((before - after) * six_weeks)
    lines = [
        f"per call: {_usd(before)} (1,550 input × $1/M + 50 output × $5/M) → {_usd(after)} "
        f"(1,400 fewer input tokens); saving {_usd(before - after)} a call",
        f"monthly saving: {_usd(before - after)} × 250,000 = {_usd(monthly)}",
        f"payback: $2,200 / {_usd(monthly)} = {number(months)} months = {number(weeks)} weeks (a month is 365/12 days)",
        f"6 weeks is {number(six_weeks)} months: it needs $2,200 / {number(six_weeks)} = "
        f"{_usd(2200 / six_weeks)} saved a month",
    ]
    hold = (f"if each call saved {_usd(need_saving)} rather than {_usd(before - after)}, "
            f"or at {number(need_volume)} queries/month rather than 250,000")
    return _finding("aieconomyhub-2026/classifier-breakeven", "support classifier payback",
                    (weeks, weeks), "weeks", lines, hold, scenario, figures=(need_saving, need_volume, before - after),
                    cues=("week",))


def _aieconomyhub_l40s() -> Finding:
    scenario = _scenario(
        {"queries_per_month": 40_000, "input_tokens": 1000, "output_tokens": 200}, _SONNET,
        fine_tune={"hosting": "self_hosted", "gpu_hourly_usd": 0.65, "gpus": 1, "training_run_usd": 1400},
    )
    monthly = compare(scenario).options["fine_tune"].monthly_items["gpu_hosting"]
    lines = [
        f"one L40S: $0.65/hour × {GPU_HOURS_PER_MONTH} hours a month = {_usd(monthly)}",
        f"the article's $470 is {_usd(monthly)} rounded down ({number(470 / 0.65)} hours at $0.65)",
    ]
    return _finding("aieconomyhub-2026/dsl-monthly-infra", "self-hosted L40S month", (monthly, monthly),
                    "USD/month", lines, None, scenario, tolerance=0.02)


def _aieconomyhub_self_hosting() -> Finding:
    # "> 20M monthly tokens" self-hosted against the hosted fine-tune the article prices: Sonnet 4.5 at
    # $3/$15 with its 25% premium, 800 input + 200 output tokens a call, on its one reserved L40S.
    queries = 20_000_000 / 1000
    hosted = _scenario({"queries_per_month": queries, "input_tokens": 800, "output_tokens": 200}, _SONNET,
                       fine_tune={"inference_premium": 0.25})
    hosted_monthly = compare(hosted).options["fine_tune"].monthly_usd
    self_hosted = _scenario({"queries_per_month": queries, "input_tokens": 800, "output_tokens": 200}, _SONNET,
                            fine_tune={"hosting": "self_hosted", "gpu_hourly_usd": 0.65, "gpus": 1})
    gpu_monthly = compare(self_hosted).options["fine_tune"].monthly_usd
    factor = hosted_monthly / gpu_monthly
    per_million = hosted_monthly / 20
    low_tokens, high_tokens = 3 * gpu_monthly / per_million, 5 * gpu_monthly / per_million
    lines = [
        f"hosted fine-tune, 20M tokens (20,000 calls of 800 input + 200 output at $3/$15 per M, +25%): "
        f"{_usd(hosted_monthly)} a month ({_usd(per_million)} per million tokens)",
        f"self-hosted on the article's L40S: $0.65 × {GPU_HOURS_PER_MONTH} hours = {_usd(gpu_monthly)} a month",
        f"saving factor: {_usd(hosted_monthly)} / {_usd(gpu_monthly)} = {number(factor)}× "
        f"(self-hosting costs {number(1 / factor)}× more)",
        f"3–5× savings need a hosted bill of 3–5 × {_usd(gpu_monthly)}: "
        f"{number(low_tokens)}M–{number(high_tokens)}M tokens a month",
    ]
    hold = (f"above {number(low_tokens)}M–{number(high_tokens)}M tokens a month on one L40S, "
            f"not 20M (at 20M the hosted fine-tune costs {_usd(hosted_monthly)} against {_usd(gpu_monthly)})")
    return _finding("aieconomyhub-2026/self-hosting-savings", "self-hosting savings at 20M tokens/month",
                    (factor, factor), "× cheaper", lines, hold, self_hosted,
                    figures=(low_tokens * 1e6, high_tokens * 1e6, hosted_monthly, gpu_monthly),
                    cues=("self-host", "self host"))


# --------------------------------------------------------------------------------------------------
# aiinfox-2026


def _aiinfox_tokens() -> Finding:
    # "100k queries/day, average 3k context tokens per query" at its "$1-5 per million input tokens".
    cheap = _scenario({"queries_per_day": 100_000}, {"input": 1.0, "output": 3.0}, rag={"context_tokens": 3000})
    dear = _scenario({"queries_per_day": 100_000}, {"input": 5.0, "output": 15.0}, rag={"context_tokens": 3000})
    low = compare(cheap).options["rag"].monthly_items["input_tokens"]
    high = compare(dear).options["rag"].monthly_items["input_tokens"]
    tokens = 100_000 * DAYS_PER_MONTH * 3000 / 1e6
    price_low, price_high = 3000 / tokens, 9000 / tokens
    lines = [
        f"context tokens: 100,000 × 365/12 × 3,000 = {number(tokens)}M a month",
        f"at the article's $1–5 per million input tokens: {_usd(low)}–{_usd(high)} a month, "
        f"before the prompt and the output",
        f"$3,000–9,000 is an effective {_usd(price_low)}–{_usd(price_high)} per million context tokens",
    ]
    hold = (f"at an effective {_usd(price_low)}–{_usd(price_high)} per million context tokens, below every list "
            f"price the article gives ($1–5/M), which needs prompt caching (60–90% off) on most of the context")
    # A lower bound (the prompt and the answer come on top), so no rounding allowance above it.
    return _finding("aiinfox-2026/rag-tokens-monthly", "RAG token bill at 100k queries/day", (low, high),
                    "USD/month", lines, hold, cheap, figures=(price_low, price_high, tokens), cues=("token",),
                    uses=("aiinfox-2026/input-price-range", "aiinfox-2026/caching-cut"), tolerance=0.0)


def _aiinfox_total() -> Finding:
    # The total is its line items: tokens $3,000-9,000; vector store $200-800 (pgvector) or $500-2,500
    # (managed); embeddings $50-200; observability $200-600. The token bill enters as stated.
    tokens = 100_000 * DAYS_PER_MONTH * 3000 / 1e6
    low_s = _scenario({"queries_per_day": 100_000}, {"input": 3000 / tokens, "output": 0},
                      rag={"context_tokens": 3000, "monthly_usd": 200 + 50 + 200})
    high_s = _scenario({"queries_per_day": 100_000}, {"input": 9000 / tokens, "output": 0},
                       rag={"context_tokens": 3000, "monthly_usd": 2500 + 200 + 600})
    low, high = compare(low_s).options["rag"].monthly_usd, compare(high_s).options["rag"].monthly_usd
    lines = [
        f"low: $3,000 tokens + $200 pgvector + $50 embeddings + $200 observability = {_usd(low)}",
        f"high: $9,000 tokens + $2,500 Pinecone/Qdrant + $200 embeddings + $600 observability = {_usd(high)}",
    ]
    return _finding("aiinfox-2026/rag-total-monthly", "RAG monthly total at 100k queries/day", (low, high),
                    "USD/month", lines, None, low_s)


def _aiinfox_engagement() -> Finding:
    low_s = _scenario({"queries_per_month": 10_000}, _SONNET,
                      fine_tune={"setup_usd": 25_000 + 10_000 + 8_000 + 10_000, "training_run_usd": 500})
    high_s = _scenario({"queries_per_month": 10_000}, _SONNET,
                       fine_tune={"setup_usd": 80_000 + 25_000 + 15_000 + 25_000, "training_run_usd": 30_000})
    low = compare(low_s).options["fine_tune"].one_time_usd
    high = compare(high_s).options["fine_tune"].one_time_usd
    lines = [
        f"low: data $25,000 + evals $10,000 + pipeline $8,000 + deployment $10,000 + compute $500 = {_usd(low)}",
        f"high: data $80,000 + evals $25,000 + pipeline $15,000 + deployment $25,000 + compute $30,000 = {_usd(high)}",
        "the stated $60,000–180,000 is the itemised total rounded (within 15%)",
    ]
    return _finding("aiinfox-2026/engagement-cost", "fine-tuning engagement, itemised", (low, high), "USD",
                    lines, None, low_s, tolerance=0.15)


# --------------------------------------------------------------------------------------------------
# costlens-2026

# "Base Model $11 / Fine-Tuned Model $20 / Base + RAG $41 / Fine-Tuned + RAG $49" per 1K queries:
# 100 input + 1,000 output tokens at $10/M is $11; 3,000 context tokens add $30; a fine-tuned model
# priced 20/11 of the base is a 9/11 per-token premium.
def _costlens_table() -> tuple[dict, dict[str, float]]:
    scenario = _scenario({"queries_per_month": 100_000, "input_tokens": 100, "output_tokens": 1000},
                         {"input": 10.0, "output": 10.0}, rag={"context_tokens": 3000},
                         fine_tune={"inference_premium": 9 / 11})
    options = compare(scenario).options
    return scenario, {name: o.marginal_cost_per_1k_queries_usd for name, o in options.items()}


def _costlens_hybrid() -> Finding:
    scenario, per_1k = _costlens_table()
    per_token = per_1k["hybrid"]
    # The simplest reading under which the table adds up: each change adds a flat amount per 1K queries.
    # RAG adds $41 - $11 = $30 (3,000 context tokens at $10/M); fine-tuning a flat $20 - $11 = $9, priced
    # as $900 a month on 100,000 queries with no per-token premium.
    flat = _scenario({"queries_per_month": 100_000, "input_tokens": 100, "output_tokens": 1000},
                     {"input": 10.0, "output": 10.0}, rag={"context_tokens": 3000},
                     fine_tune={"monthly_usd": 900})
    additive = compare(flat).options["hybrid"].cost_per_1k_queries_usd
    lines = [
        f"as a per-token premium (fine-tuned tokens at $20 / $11 = {number(20 / 11)}× the base's): "
        f"$41 × 20/11 = {_usd(per_token)}, not $49",
        "as flat additions per 1K queries: RAG adds $41 − $11 = $30, fine-tuning $20 − $11 = $9",
        f"fine-tuned + RAG: $11 + $30 + $9 = {_usd(additive)}, within 2% of the table's $49",
    ]
    return _finding("costlens-2026/hybrid-per-1k", "fine-tuned + RAG per 1K queries", (additive, additive),
                    "USD per 1K queries", lines, None, flat, figures=(per_token, 30, 9, 49 - 41, 20 - 11), cues=("rag",),
                    reading="RAG and fine-tuning each add a flat amount per 1K queries ($30 and $9), not a per-token premium")


def _costlens_factor() -> Finding:
    scenario, per_1k = _costlens_table()
    factor = per_1k["rag"] / per_1k["fine_tune"]
    lines = [
        f"from its own table: base + RAG $41 / fine-tuned $20 = {number(factor)}× cheaper per query",
        "10–50× cheaper would need a fine-tuned model at $41 / 50 to $41 / 10 = $0.82–4.10 per 1K queries",
    ]
    hold = "for a fine-tuned model costing $0.82–4.10 per 1K queries (a much smaller, distilled model), not the table's $20"
    return _finding("costlens-2026/per-query-factor", "fine-tuned vs large model + RAG, per query",
                    (factor, factor), "× cheaper", lines, hold, scenario, figures=(41 / 50, 41 / 10, 20),
                    cues=("cheaper",))


AUDITS: tuple[Callable[[], Finding], ...] = (
    _aieconomyhub_calls,
    _aieconomyhub_months,
    _aieconomyhub_heuristic,
    _aieconomyhub_classifier,
    _aieconomyhub_l40s,
    _aieconomyhub_self_hosting,
    *ferreira.AUDITS,
    _aiinfox_tokens,
    _aiinfox_total,
    _aiinfox_engagement,
    _costlens_hybrid,
    _costlens_factor,
)
