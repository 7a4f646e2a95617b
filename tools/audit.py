"""The source audit: re-derive the articles' worked examples with the cost model, and collect where the
sources disagree.

Each `Finding` re-computes one figure an article states (a break-even, a monthly token bill, a
12-month TCO, a per-1K-query cost, a GPU month) from the numbers the same article gives, through
`tools.cost_model.compare`, and gives a verdict: consistent, or inconsistent together with the
assumption that would make it hold. `SourceRange` gathers every source's figure for a quantity the
sources disagree on (RAG's added latency, retraining cadence, fine-tuning's upfront cost, the volume
at which fine-tuning pays off, ...), each with its verbatim quote.

For the conversation: `finding_for_citation(source_id, quote)` is the finding (its `note()` the sentence
to add) when a reply cites a figure the audit found inconsistent; `findings_quoted_in(text)` does the same
for figures a user quotes;
`source_range(quantity).sentence()` is one sentence giving the range across the sources, each cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from knowledge.claims import Claim, claims_about, get_claim
from tools.cost_model import compare
from tools.cost_report import CostReport
from tools.scenario import DAYS_PER_MONTH, GPU_HOURS_PER_MONTH

Verdict = Literal["consistent", "inconsistent"]


@dataclass(frozen=True)
class Finding:
    """One stated figure re-derived from its own article's numbers, with the arithmetic and the verdict.

    `stated_*` is what the article says, `derived_*` what its other numbers give (a range when the inputs
    are ranges); the figure is consistent when the derived value lies inside the stated one, give or take
    `tolerance` for the article's rounding. `would_hold` names what would make an inconsistent figure hold.
    For the grounding validator, every number `note` shows is either in `figures` (derived and solved
    values, and the scenario's inputs) or in `passages()` (the claim's quote and those of the claims in
    `uses`, whose figures the derivation takes). `cues` are words that, with the stated numbers, mark a
    user quoting the figure.
    """

    id: str
    claim: Claim
    title: str
    stated: str
    stated_low: float
    stated_high: float
    derived_low: float
    derived_high: float
    unit: str
    tolerance: float
    arithmetic: tuple[str, ...]
    would_hold: str | None
    figures: tuple[float, ...]
    uses: tuple[Claim, ...]
    cues: tuple[str, ...]
    scenario: dict = field(repr=False)

    @property
    def verdict(self) -> Verdict:
        inside = (
            self.stated_low * (1 - self.tolerance) <= self.derived_low
            and self.derived_high <= self.stated_high * (1 + self.tolerance)
        )
        return "consistent" if inside else "inconsistent"

    @property
    def source_id(self) -> str:
        return self.claim.source_id

    def passages(self) -> tuple[str, ...]:
        """The verbatim quotes a reply cites with this finding: its claim's, then those of `uses`."""
        return (self.claim.quote, *(c.quote for c in self.uses))

    def derived_text(self) -> str:
        return _show(self.derived_low, self.derived_high, self.unit)

    def note(self) -> str | None:
        """One sentence for a reply citing this figure, or None when the figure is consistent."""
        if self.verdict == "consistent":
            return None
        return (
            f'The figure "{self.claim.quote}" ({self.source_id}) does not follow from the article\'s own numbers, '
            f"which give {self.derived_text()}: it would hold only {self.would_hold}."
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "claim": self.claim.id,
            "quote": self.claim.quote,
            "title": self.title,
            "stated": self.stated,
            "stated_range": [self.stated_low, self.stated_high],
            "derived_range": [self.derived_low, self.derived_high],
            "unit": self.unit,
            "tolerance": self.tolerance,
            "verdict": self.verdict,
            "arithmetic": list(self.arithmetic),
            "would_hold": self.would_hold,
            "note": self.note(),
            "figures": list(self.figures),
            "uses": [c.id for c in self.uses],
            "scenario": self.scenario,
        }


# --------------------------------------------------------------------------------------------------
# Formatting: the arithmetic is shown as a reader would check it by hand


def _num(value: float) -> str:
    """A number as the arithmetic shows it: thousands separators, and decimals only where they matter."""
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def _usd(value: float) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    # Cents matter below $10,000 ($474.50 is not $474); below a dollar the significant digits do.
    if 1 <= value < 10_000 and value != int(value):
        return f"{sign}${value:,.2f}"
    return f"{sign}${_num(value)}"


# How a value in each unit reads: money with its period, factors and percentages glued to their number.
_MONEY_UNITS = {"USD": "", "USD/month": " a month", "USD/year": " a year", "USD per 1K queries": " per 1K queries"}
_GLUED_UNITS = ("×", "%")


def _show(low: float, high: float, unit: str) -> str:
    """A value or range in its unit: "$474.50 a month", "50,000–80,000 queries/month", "2.05× cheaper"."""
    if unit in _MONEY_UNITS:
        span = _usd(low) if _usd(low) == _usd(high) else f"{_usd(low)}–{_usd(high)}"
        return span + _MONEY_UNITS[unit]
    span = _num(low) if _num(low) == _num(high) else f"{_num(low)}–{_num(high)}"
    return f"{span}{unit}" if unit.startswith(_GLUED_UNITS) else f"{span} {unit}"


def _per_call(report: CostReport, option: str) -> float:
    return report.options[option].marginal_cost_per_1k_queries_usd / 1000


def _scenario(volume: dict, prices: dict, horizon: int = 12, **sections: dict) -> dict:
    """A cost-model scenario with every knob the articles do not mention set to zero, so only their
    numbers (and no default or price lookup) enter the arithmetic."""
    zero = {
        "rag": {"context_tokens": 0, "setup_usd": 0, "monthly_usd": 0},
        "fine_tune": {
            "training_run_usd": 0, "runs": 1, "setup_usd": 0, "retrain_every_months": 0, "retrain_usd": 0,
            "tokens_saved": 0, "inference_premium": 0, "monthly_usd": 0,
        },
        "caching": {"cached_tokens": 0, "hit_rate": 0},
    }
    data: dict[str, Any] = {
        "horizon_months": horizon,
        "workload": {"monthly_growth": 0, "input_tokens": 0, "output_tokens": 0, **volume},
        "prices": prices,
    }
    for name, defaults in zero.items():
        data[name] = {**defaults, **sections.get(name, {})}
    return data


def _finding(claim_id: str, title: str, derived: tuple[float, float], unit: str, arithmetic: list[str],
             would_hold: str | None, scenario: dict, tolerance: float = 0.05,
             stated: tuple[float, float] | None = None, figures: tuple[float, ...] = (),
             cues: tuple[str, ...] = (), uses: tuple[str, ...] = ()) -> Finding:
    claim = get_claim(claim_id)
    low, high = stated if stated is not None else (claim.low, claim.high)
    return Finding(
        id=claim_id, claim=claim, title=title, stated=_show(low, high, unit), stated_low=low, stated_high=high,
        derived_low=derived[0], derived_high=derived[1], unit=unit, tolerance=tolerance,
        arithmetic=tuple(arithmetic), would_hold=would_hold,
        figures=(derived[0], derived[1], *figures, *_leaves(scenario)),
        uses=tuple(get_claim(u) for u in uses), cues=cues, scenario=scenario,
    )


# --------------------------------------------------------------------------------------------------
# aieconomyhub-2026

# "Assume a $5,000 fine-tune run, a 25% inference premium ..., and a RAG baseline that adds 2,000 input
# tokens of retrieved context per call on Sonnet 4.5 ($3/M)." The article never gives the base call; its
# "$0.0015 lower" saving fixes it: (2,000 x $3/M - $0.0015) / 25% = $0.018, e.g. 1,000 input + 1,000 output
# tokens at Sonnet 4.5's $3/$15 per million.
_SONNET = {"input": 3.0, "output": 15.0}
_BASE_CALL = {"input_tokens": 1000, "output_tokens": 1000}


def _leaves(data: Any) -> list[float]:
    """Every number in a scenario: the inputs a note may show."""
    if isinstance(data, dict):
        return [n for value in data.values() for n in _leaves(value)]
    if isinstance(data, (list, tuple)):
        return [n for value in data for n in _leaves(value)]
    return [float(data)] if isinstance(data, (int, float)) and not isinstance(data, bool) else []


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
    lines = _worked_lines(report, 0.25) + [f"break-even: $5,000 / {_usd(5000 / calls)} = {_num(calls)} calls"]
    return _finding("aieconomyhub-2026/breakeven-calls", "worked break-even in calls", (calls, calls), "calls",
                    lines, None, scenario)


def _aieconomyhub_months() -> Finding:
    scenario = _aieconomyhub_worked(0.25, 100_000, horizon=36)
    report = compare(scenario)
    months = report.breakeven.payback_months
    lines = _worked_lines(report, 0.25) + [
        f"payback: {_num(report.breakeven.payback_calls)} calls / 100,000 calls a month = {_num(months)} months"
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
        f"break-even within 12 months: $5,000 / ({_usd(saving)} × 12) = {_num(volume)} queries/month",
        f"for 80,000/month the saving must be $5,000 / (12 × 80,000) = {_usd(needed)} a call, so the base call "
        f"must cost at most ({_usd(context)} − {_usd(needed)}) / 30% = {_usd(max_base)}",
        f"even a free base call needs $5,000 / ({_usd(context)} × 12) = {_num(free_base)} queries/month",
    ]
    hold = (f"if the base call cost at most {_usd(max_base)} instead of the {_usd(base)} its own worked example "
            f"implies (even a free call needs {_num(free_base)} queries/month to pay back $5,000 within a year)")
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
        f"payback: $2,200 / {_usd(monthly)} = {_num(months)} months = {_num(weeks)} weeks (a month is 365/12 days)",
        f"6 weeks is {_num(six_weeks)} months: it needs $2,200 / {_num(six_weeks)} = "
        f"{_usd(2200 / six_weeks)} saved a month",
    ]
    hold = (f"if each call saved {_usd(need_saving)} rather than {_usd(before - after)}, "
            f"or at {_num(need_volume)} queries/month rather than 250,000")
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
        f"the article's $470 is {_usd(monthly)} rounded down ({_num(470 / 0.65)} hours at $0.65)",
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
        f"saving factor: {_usd(hosted_monthly)} / {_usd(gpu_monthly)} = {_num(factor)}× "
        f"(self-hosting costs {_num(1 / factor)}× more)",
        f"3–5× savings need a hosted bill of 3–5 × {_usd(gpu_monthly)}: "
        f"{_num(low_tokens)}M–{_num(high_tokens)}M tokens a month",
    ]
    hold = (f"above {_num(low_tokens)}M–{_num(high_tokens)}M tokens a month on one L40S, "
            f"not 20M (at 20M the hosted fine-tune costs {_usd(hosted_monthly)} against {_usd(gpu_monthly)})")
    return _finding("aieconomyhub-2026/self-hosting-savings", "self-hosting savings at 20M tokens/month",
                    (factor, factor), "× cheaper", lines, hold, self_hosted,
                    figures=(low_tokens * 1e6, high_tokens * 1e6, hosted_monthly, gpu_monthly),
                    cues=("self-host", "self host"))


# --------------------------------------------------------------------------------------------------
# ferreira-2026

# The article gives no token price. Its fine-tune year ("one-time $200 + lower inference" = ~$4,400)
# leaves $4,200 a year, $350 a month, for 1M queries/day of 200 tokens: 6,083M tokens a month, so
# $0.0575 per million. Every other ferreira figure is checked at that price.
_FERREIRA_PRICE = 350 / (1_000_000 * DAYS_PER_MONTH * 200 / 1e6)


def _ferreira(queries_per_day: float, context: float = 500, **sections: dict) -> dict:
    price = {"input": _FERREIRA_PRICE, "output": _FERREIRA_PRICE}
    rag = {"context_tokens": context, **sections.get("rag", {})}
    fine_tune = {"training_run_usd": 200, **sections.get("fine_tune", {})}
    return _scenario({"queries_per_day": queries_per_day, "input_tokens": 200}, price, rag=rag, fine_tune=fine_tune)


def _price_line() -> str:
    tokens = 1_000_000 * DAYS_PER_MONTH * 200 / 1e6
    return (f"implied token price: ($4,400 − $200) / 12 = $350 a month for 1M × 365/12 × 200 = "
            f"{_num(tokens)}M tokens → {_usd(_FERREIRA_PRICE)} per million")


def _ferreira_fine_tune_year() -> Finding:
    scenario = _ferreira(1_000_000)
    total = compare(scenario).options["fine_tune"].total_usd
    lines = [_price_line(), f"fine-tune year: $200 + 12 × $350 = {_usd(total)}",
             "(the article states no token price, so this figure fixes the price the other ferreira checks use)"]
    return _finding("ferreira-2026/fine-tune-year-1m", "customer support bot, fine-tune year (1M/day)",
                    (total, total), "USD/year", lines, None, scenario)


def _ferreira_rag_year() -> Finding:
    low_s = _ferreira(1_000_000, rag={"setup_usd": 20, "monthly_usd": 25})
    high_s = _ferreira(1_000_000, rag={"setup_usd": 100, "monthly_usd": 250})
    low, high = compare(low_s), compare(high_s)
    tokens = low.options["rag"].monthly_items["input_tokens"] * 12
    # What context size would give its $6,000-8,000, before any vector DB cost: 12 x $350 x (200 + c) / 200.
    ctx_low, ctx_high = (6000 / 4200 - 1) * 200, (8000 / 4200 - 1) * 200
    lines = [
        _price_line(),
        f"RAG tokens: 200 + 500 context = 700 a query, 3.5 × the fine-tune's: 12 × $350 × 3.5 = {_usd(tokens)}",
        f"plus setup $20–100 and vector DB + embeddings $25–250 a month: "
        f"{_usd(low.options['rag'].total_usd)}–{_usd(high.options['rag'].total_usd)}",
        f"$6,000–8,000 of tokens alone is 12 × $350 × (200 + c) / 200 with c = {_num(ctx_low)}–{_num(ctx_high)} "
        f"context tokens (+{_num(ctx_low / 2)}–{_num(ctx_high / 2)}% inference)",
    ]
    hold = (f"if retrieval added {_num(ctx_low)}–{_num(ctx_high)} tokens a query "
            f"(+{_num(ctx_low / 2)}–{_num(ctx_high / 2)}%, close to the article's +40–80%), not ~500 tokens "
            f"on a 200-token query")
    return _finding("ferreira-2026/rag-year-1m", "customer support bot, RAG year (1M/day)",
                    (low.options["rag"].total_usd, high.options["rag"].total_usd), "USD/year", lines, hold, low_s,
                    figures=(ctx_low, ctx_high, ctx_low / 2, ctx_high / 2, tokens), cues=("rag",),
                    uses=("ferreira-2026/context-increase",))


def _ferreira_increase() -> Finding:
    scenario = _ferreira(1_000_000)
    options = compare(scenario).options
    increase = (options["rag"].monthly_usd / options["prompting"].monthly_usd - 1) * 100
    lines = [
        f"RAG sends 200 + 500 = 700 tokens where the base sends 200: "
        f"{_usd(options['rag'].monthly_usd)} / {_usd(options['prompting'].monthly_usd)} a month "
        f"= +{_num(increase)}%",
        "+40–80% is 80–160 extra tokens on a 200-token query, or a 625–1,250-token query with 500 extra",
    ]
    hold = "if the context were 80–160 tokens, or the queries 625–1,250 tokens long, rather than 500 on 200"
    return _finding("ferreira-2026/context-increase", "inference increase from ~500 context tokens",
                    (increase, increase), "% more inference cost", lines, hold, scenario, stated=(40, 80),
                    figures=(80, 160, 625, 1250), cues=("%", "percent"))


def _ferreira_context_monthly() -> Finding:
    scenario = _ferreira(1_000_000)
    options = compare(scenario).options
    extra = options["rag"].monthly_usd - options["prompting"].monthly_usd
    tokens = 1_000_000 * DAYS_PER_MONTH * 500 / 1e6
    ctx_low, ctx_high = 200 / extra * 500, 400 / extra * 500
    lines = [
        _price_line(),
        f"extra context: 1M × 365/12 × 500 = {_num(tokens)}M tokens × {_usd(_FERREIRA_PRICE)}/M = {_usd(extra)} a month",
        f"$200–400 a month is {_num(ctx_low)}–{_num(ctx_high)} context tokens a query at that price",
    ]
    hold = f"with {_num(ctx_low)}–{_num(ctx_high)} context tokens a query instead of ~500"
    return _finding("ferreira-2026/context-monthly", "extra context a month at 1M/day", (extra, extra),
                    "USD/month", lines, hold, scenario, figures=(ctx_low, ctx_high, tokens),
                    cues=("context",))


def _ferreira_small_year() -> Finding:
    scenario = _ferreira(10_000)
    option = compare(scenario).options["fine_tune"]
    monthly = option.monthly_usd
    tokens = 10_000 * DAYS_PER_MONTH * 200 / 1e6
    price_needed = (350 - 200) / 12 / tokens
    lines = [
        _price_line(),
        f"10K/day × 365/12 × 200 tokens = {_num(tokens)}M tokens × {_usd(_FERREIRA_PRICE)}/M = {_usd(monthly)} a month",
        f"fine-tune year: $200 + 12 × {_usd(monthly)} = {_usd(option.total_usd)}",
        f"$350 needs ($350 − $200) / 12 / {_num(tokens)}M = {_usd(price_needed)} per million, "
        f"{_num(price_needed / _FERREIRA_PRICE)}× the 1M/day example's price",
    ]
    hold = (f"at {_usd(price_needed)} per million tokens, {_num(price_needed / _FERREIRA_PRICE)}× the price its "
            f"1M/day example implies, or with a {_usd(350 - 12 * monthly)} one-time cost instead of $200")
    return _finding("ferreira-2026/fine-tune-year-10k", "internal knowledge base, fine-tune year (10K/day)",
                    (option.total_usd, option.total_usd), "USD/year", lines, hold, scenario,
                    figures=(price_needed, price_needed / _FERREIRA_PRICE, 350 - 12 * monthly, 1_000_000),
                    cues=("fine-tun", "finetun"))


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
        f"context tokens: 100,000 × 365/12 × 3,000 = {_num(tokens)}M a month",
        f"at the article's $1–5 per million input tokens: {_usd(low)}–{_usd(high)} a month, "
        f"before the prompt and the output",
        f"$3,000–9,000 is an effective {_usd(price_low)}–{_usd(price_high)} per million context tokens",
    ]
    hold = (f"at an effective {_usd(price_low)}–{_usd(price_high)} per million context tokens, below every list "
            f"price the article gives ($1–5/M), which needs prompt caching (60–90% off) on most of the context")
    return _finding("aiinfox-2026/rag-tokens-monthly", "RAG token bill at 100k queries/day", (low, high),
                    "USD/month", lines, hold, cheap, figures=(price_low, price_high, tokens), cues=("token",),
                    uses=("aiinfox-2026/input-price-range", "aiinfox-2026/caching-cut"))


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
    hybrid = per_1k["hybrid"]
    lines = [
        f"fine-tuned tokens cost $20 / $11 = {_num(20 / 11)}× the base's (a per-token premium of {_num(9 / 11 * 100)}%)",
        f"base + RAG is $41 per 1K, so fine-tuned + RAG is $41 × 20/11 = {_usd(hybrid)}",
        "the table's $49 is $41 + $8: a flat surcharge per query, not a per-token price",
    ]
    hold = ("if fine-tuning added a flat $8–9 per 1K queries whatever the prompt length, "
            f"rather than a per-token premium (which gives {_usd(hybrid)})")
    return _finding("costlens-2026/hybrid-per-1k", "fine-tuned + RAG per 1K queries", (hybrid, hybrid),
                    "USD per 1K queries", lines, hold, scenario, figures=(49 - 41, 20 - 11), cues=("rag",))


def _costlens_factor() -> Finding:
    scenario, per_1k = _costlens_table()
    factor = per_1k["rag"] / per_1k["fine_tune"]
    lines = [
        f"from its own table: base + RAG $41 / fine-tuned $20 = {_num(factor)}× cheaper per query",
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
    _ferreira_fine_tune_year,
    _ferreira_rag_year,
    _ferreira_increase,
    _ferreira_context_monthly,
    _ferreira_small_year,
    _aiinfox_tokens,
    _aiinfox_total,
    _aiinfox_engagement,
    _costlens_hybrid,
    _costlens_factor,
)


@lru_cache(maxsize=1)
def _all_findings() -> tuple[Finding, ...]:
    return tuple(audit() for audit in AUDITS)


def run_audit(source_id: str | None = None) -> list[Finding]:
    """Every worked example re-derived, in source order; only `source_id`'s when given.

    Raises LookupError for a source id with no audited figures.
    """
    findings = list(_all_findings())
    if source_id is None:
        return findings
    chosen = [f for f in findings if f.source_id == source_id]
    if not chosen:
        known = ", ".join(dict.fromkeys(f.source_id for f in findings))
        raise LookupError(f"--source {source_id}: no audited figures for that source; audited sources: {known}")
    return chosen


# --------------------------------------------------------------------------------------------------
# For the conversation


def _normalised(text: str) -> str:
    folded = text.translate(str.maketrans({"–": "-", "—": "-", "\u2019": "'", "|": " ", "*": " "}))
    return " ".join(folded.split()).lower()


def finding_for_citation(source_id: str, quote: str) -> Finding | None:
    """The inconsistent finding a reply cites when it quotes `quote` from `source_id`, or None.
    Its `note()` is the sentence to add; its `figures` and `passages()` ground that sentence.

    A cited passage matches an audited figure when it contains the figure's quote, or is part of that quote
    and still shows the stated figure (whitespace, dashes and table pipes aside).
    """
    cited = _normalised(quote)
    if not cited:
        return None
    numbers = _numbers_in(quote)
    for finding in _all_findings():
        if finding.source_id != source_id or finding.verdict == "consistent":
            continue
        claimed = _normalised(finding.claim.quote)
        if claimed in cited or (cited in claimed and _shows_stated(numbers, finding)):
            return finding
    return None


_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:[-–]|to)?\s*(\d[\d,]*(?:\.\d+)?)?\s*([kKmM](?![a-z])|million)?")


def _numbers_in(text: str) -> list[float]:
    found: list[float] = []
    for match in _FIGURE.finditer(text):
        scale = {"k": 1e3, "m": 1e6, "million": 1e6}.get((match.group(3) or "").lower(), 1.0)
        for part in match.group(1, 2):
            if part:
                found.append(float(part.replace(",", "")) * scale)
    return found


def _shows_stated(numbers: list[float], finding: Finding) -> bool:
    """True when both ends of the finding's stated figure are among `numbers` (within rounding)."""
    return all(any(abs(n - v) <= 0.005 * v for n in numbers) for v in (finding.stated_low, finding.stated_high))


def findings_quoted_in(text: str) -> list[Finding]:
    """The inconsistent findings whose figure a user quotes in `text` (e.g. "fine-tuning breaks even at
    50-80k queries a month"): a figure matches when its stated value (both ends of a range) appears among
    the numbers in the text and so does one of its cue words ("break", "week", ...)."""
    numbers = _numbers_in(text)
    lowered = text.lower()
    return [
        finding
        for finding in _all_findings()
        if finding.verdict == "inconsistent"
        and _shows_stated(numbers, finding)
        and any(cue in lowered for cue in finding.cues)
    ]


@dataclass(frozen=True)
class SourceRange:
    """Every source's figure for one quantity, and the range they span in `unit`."""

    quantity: str
    label: str
    low: float
    high: float
    unit: str
    claims: tuple[Claim, ...]

    def span(self) -> str:
        """The range in its unit, e.g. "50–500 ms" or "$20–$5,000 a month"."""
        return _show(self.low, self.high, self.unit)

    @property
    def disputed(self) -> bool:
        """True when the sources give different figures."""
        return len({(c.low, c.high) for c in self.claims}) > 1

    def range_text(self) -> str:
        """The range across the sources in words: "from 50 to 500 ms", "from $20 to $5,000 a month"."""
        if self.unit.startswith("USD"):
            per = {"USD/month": " a month"}.get(self.unit, "")
            return f"from {_usd(self.low)} to {_usd(self.high)}{per}"
        return f"from {_num(self.low)} to {_num(self.high)} {self.unit}"

    def sentence(self) -> str:
        """One sentence giving the range across the sources, each cited with its verbatim quote."""
        said = "; ".join(f'{c.source_id}: "{c.quote}"' for c in self.claims)
        return f"The sources disagree on {self.label}, {self.range_text()} ({said})."

    def to_dict(self) -> dict:
        return {
            "quantity": self.quantity,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "claims": [c.to_dict() for c in self.claims],
            "sentence": self.sentence(),
        }


# quantity -> (what a reply calls it, the unit the range is given in)
DISPUTED: dict[str, tuple[str, str]] = {
    "rag_added_latency_ms": ("how much latency RAG adds", "ms"),
    "retrain_every_months": ("how often a fine-tune needs retraining", "months"),
    "fine_tune_upfront_usd": ("what fine-tuning costs up front", "USD"),
    "breakeven_queries_per_month": ("the volume at which fine-tuning pays off", "queries/month"),
    "rag_context_tokens": ("how many tokens retrieved context adds", "tokens per query"),
    "rag_infra_monthly_usd": ("what RAG infrastructure costs a month", "USD/month"),
    "fine_tune_training_run_usd": ("what a fine-tuning training run costs", "USD"),
}
# quantity -> groups of words: a message asks about the quantity when every group has a word in it.
_ASKS_ABOUT: dict[str, tuple[tuple[str, ...], ...]] = {
    "rag_added_latency_ms": (("latency", "slower", "millisecond", " ms", "how fast", "how slow"), ("rag", "retriev")),
    "retrain_every_months": (("retrain", "re-train", "refresh"), ("how often", "cadence", "every", "when", "frequen")),
    "fine_tune_upfront_usd": (("fine-tun", "fine tun", "finetun"), ("upfront", "up front", "up-front", "one-time", "to start")),
    "breakeven_queries_per_month": (("break even", "breaks even", "break-even", "breakeven", "pays off", "pay off"),),
    "rag_context_tokens": (("context",), ("tokens",), ("how many", "how much", "how big")),
    "rag_infra_monthly_usd": (("vector db", "vector database", "vector store", "rag infrastructure"),),
    "fine_tune_training_run_usd": (("training run", "training compute", "cost to train", "training cost"),),
}
# Claims stated per day enter a per-month range at 365/12 days a month.
_TO_MONTHLY = {"queries/day": DAYS_PER_MONTH}


def source_range(quantity: str) -> SourceRange:
    """The range the sources give for a disputed quantity (see DISPUTED), each claim with its source id
    and verbatim quote. ValueError names the known quantities when `quantity` is not one of them."""
    if quantity not in DISPUTED:
        raise ValueError(f"quantity: {quantity!r} is not a disputed quantity; known: {', '.join(DISPUTED)}")
    label, unit = DISPUTED[quantity]
    claims = tuple(claims_about(quantity))
    scaled = [(c.low * _TO_MONTHLY.get(c.unit, 1.0), c.high * _TO_MONTHLY.get(c.unit, 1.0)) for c in claims]
    return SourceRange(quantity, label, min(low for low, _ in scaled), max(high for _, high in scaled), unit, claims)


def disputed_quantities_in(text: str) -> list[str]:
    """The disputed quantities (keys of DISPUTED) a message asks about, e.g. "How much latency does RAG
    add?" -> ["rag_added_latency_ms"]; pass each to `source_range`."""
    lowered = f" {text.lower()} "
    return [
        quantity for quantity, groups in _ASKS_ABOUT.items()
        if all(any(word in lowered for word in group) for group in groups)
    ]
