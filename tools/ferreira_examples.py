"""ferreira-2026's worked examples, re-derived: its 12-month totals, its context figures and its
fine-tuning compute tables, each a `Finding` (see `tools.worked_examples` for the other sources).
"""

from __future__ import annotations

from collections.abc import Callable

from tools.cost_model import compare
from tools.cost_report import number
from tools.findings import Finding, article_scenario as _scenario, exact_usd as _usd, make_finding as _finding
from tools.scenario import DAYS_PER_MONTH

# The article gives no token price, and its figures cohere on one reading: a query's "200 tokens avg"
# are its answer (output) tokens, the "~500 tokens/query" of retrieved context are input, and output
# costs 4-5x input, the ratio of the price database's reference models (Claude Sonnet 4.5 $3/$15 and
# GPT-4o mini $0.15/$0.60). No figure is judged on a price back-solved from itself: the fine-tune year
# takes its prices from the context figure ("$200–400/month"), every other figure from the fine-tune
# year ("one-time $200 + lower inference" = ~$4,400).
_OUTPUT_RATIO = (4.0, 5.0)
_ANSWER_TOKENS_1M = 1_000_000 * DAYS_PER_MONTH * 200 / 1e6  # 6,083M answer tokens a month
_CONTEXT_TOKENS_1M = 1_000_000 * DAYS_PER_MONTH * 500 / 1e6  # 15,208M context tokens a month
# From the fine-tune year: $4,200 of inference over 12 months for the answer tokens.
_YEAR_OUTPUT_PRICE = 350 / _ANSWER_TOKENS_1M  # $0.0575 per million
_YEAR_INPUT_PRICES = (_YEAR_OUTPUT_PRICE / _OUTPUT_RATIO[1], _YEAR_OUTPUT_PRICE / _OUTPUT_RATIO[0])
# From the context figure: $200-400 a month for the context tokens.
_CONTEXT_INPUT_PRICES = (200 / _CONTEXT_TOKENS_1M, 400 / _CONTEXT_TOKENS_1M)
_READING = ("the 200 tokens a query are its answer (output) tokens and the ~500 retrieved tokens input, "
            "output costing 4–5× input as the reference models' prices do")


def _ferreira(queries_per_day: float, input_price: float, output_price: float, **sections: dict) -> dict:
    rag = {"context_tokens": 500, **sections.get("rag", {})}
    fine_tune = {"training_run_usd": 200, **sections.get("fine_tune", {})}
    return _scenario({"queries_per_day": queries_per_day, "input_tokens": 0, "output_tokens": 200},
                     {"input": input_price, "output": output_price}, rag=rag, fine_tune=fine_tune)


def _year_price_line() -> str:
    return (f"the fine-tune year's prices: ($4,400 − $200) / 12 = $350 a month for 1M × 365/12 × 200 = "
            f"{number(_ANSWER_TOKENS_1M)}M answer tokens → {_usd(_YEAR_OUTPUT_PRICE)} per million output, "
            f"{_usd(_YEAR_INPUT_PRICES[0])}–{_usd(_YEAR_INPUT_PRICES[1])} per million input at 4–5× less")


def _year_scenarios(queries_per_day: float, **sections: dict) -> tuple[dict, dict]:
    low = _ferreira(queries_per_day, _YEAR_INPUT_PRICES[0], _YEAR_OUTPUT_PRICE, **sections)
    high = _ferreira(queries_per_day, _YEAR_INPUT_PRICES[1], _YEAR_OUTPUT_PRICE, **sections)
    return low, high


def _ferreira_fine_tune_year() -> Finding:
    low_in, high_in = _CONTEXT_INPUT_PRICES
    low_s = _ferreira(1_000_000, low_in, _OUTPUT_RATIO[0] * low_in)
    high_s = _ferreira(1_000_000, high_in, _OUTPUT_RATIO[1] * high_in)
    low, high = compare(low_s).options["fine_tune"].total_usd, compare(high_s).options["fine_tune"].total_usd
    literal = 200 + 12 * _ANSWER_TOKENS_1M * low_in, 200 + 12 * _ANSWER_TOKENS_1M * high_in
    lines = [
        f"the context figure's input price: $200–400 a month for 1M × 365/12 × 500 = {number(_CONTEXT_TOKENS_1M)}M "
        f"context tokens → {_usd(low_in)}–{_usd(high_in)} per million",
        f"read literally (every token at that price): $200 + 12 × {number(_ANSWER_TOKENS_1M)}M × that price = "
        f"{_usd(literal[0])}–{_usd(literal[1])}, below the stated $4,400",
        f"read as answer tokens at 4–5× the input price: $200 + 12 × {number(_ANSWER_TOKENS_1M)}M × "
        f"{_usd(_OUTPUT_RATIO[0] * low_in)}–{_usd(_OUTPUT_RATIO[1] * high_in)} = {_usd(low)}–{_usd(high)}",
        "(no price is back-solved from the figure judged: these come from the article's context figure)",
    ]
    return _finding("ferreira-2026/fine-tune-year-1m", "customer support bot, fine-tune year (1M/day)",
                    (low, high), "USD/year", lines, None, low_s, reading=_READING,
                    figures=(*literal, low_in, high_in), uses=("ferreira-2026/context-monthly",))


def _ferreira_rag_year() -> Finding:
    low_s, _ = _year_scenarios(1_000_000, rag={"setup_usd": 20, "monthly_usd": 25})
    _, high_s = _year_scenarios(1_000_000, rag={"setup_usd": 100, "monthly_usd": 250})
    low, high = compare(low_s).options["rag"], compare(high_s).options["rag"]
    context = low.monthly_items["input_tokens"], high.monthly_items["input_tokens"]
    lines = [
        _year_price_line(),
        f"RAG a month: the $350 of answers + {number(_CONTEXT_TOKENS_1M)}M context tokens × "
        f"{_usd(_YEAR_INPUT_PRICES[0])}–{_usd(_YEAR_INPUT_PRICES[1])} = {_usd(context[0])}–{_usd(context[1])}",
        f"year: 12 × that + setup $20–100 + vector DB and embeddings $25–250 a month = "
        f"{_usd(low.total_usd)}–{_usd(high.total_usd)}",
    ]
    return _finding("ferreira-2026/rag-year-1m", "customer support bot, RAG year (1M/day)",
                    (low.total_usd, high.total_usd), "USD/year", lines, None, low_s, reading=_READING,
                    figures=context, cues=("rag",), uses=("ferreira-2026/fine-tune-year-1m",))


def _ferreira_increase() -> Finding:
    low_s, high_s = _year_scenarios(1_000_000)
    increases = []
    for scenario in (low_s, high_s):
        options = compare(scenario).options
        increases.append((options["rag"].monthly_usd / options["prompting"].monthly_usd - 1) * 100)
    low, high = min(increases), max(increases)
    lines = [
        f"read literally (one price for all tokens): RAG sends 200 + 500 = 700 tokens where the base sends 200, "
        f"+{number(250)}%",
        f"read as answers at 4–5× the price of context: 500 context tokens cost as much as 500 / (4–5) = 100–125 "
        f"answer tokens, on 200: +{number(low)}–{number(high)}%",
    ]
    return _finding("ferreira-2026/context-increase", "inference increase from ~500 context tokens",
                    (low, high), "% more inference cost", lines, None, low_s, stated=(40, 80), reading=_READING,
                    figures=(250, 100, 125), cues=("%", "percent"))


def _ferreira_context_monthly() -> Finding:
    low_s, high_s = _year_scenarios(1_000_000)
    extra = []
    for scenario in (low_s, high_s):
        options = compare(scenario).options
        extra.append(options["rag"].monthly_usd - options["prompting"].monthly_usd)
    literal = _CONTEXT_TOKENS_1M * _YEAR_OUTPUT_PRICE
    lines = [
        _year_price_line(),
        f"extra context: {number(_CONTEXT_TOKENS_1M)}M tokens × {_usd(_YEAR_INPUT_PRICES[0])}–"
        f"{_usd(_YEAR_INPUT_PRICES[1])} = {_usd(extra[0])}–{_usd(extra[1])} a month",
        f"(read literally, at the answers' {_usd(_YEAR_OUTPUT_PRICE)}: {_usd(literal)})",
    ]
    return _finding("ferreira-2026/context-monthly", "extra context a month at 1M/day", (extra[0], extra[1]),
                    "USD/month", lines, None, low_s, reading=_READING, figures=(literal,), cues=("context",),
                    uses=("ferreira-2026/fine-tune-year-1m",))


def _ferreira_small_year() -> Finding:
    scenario, _ = _year_scenarios(10_000)
    option = compare(scenario).options["fine_tune"]
    monthly = option.monthly_usd
    tokens = 10_000 * DAYS_PER_MONTH * 200 / 1e6
    price_needed = (350 - 200) / 12 / tokens
    lines = [
        _year_price_line(),
        f"10K/day × 365/12 × 200 tokens = {number(tokens)}M answer tokens × {_usd(_YEAR_OUTPUT_PRICE)}/M = "
        f"{_usd(monthly)} a month (a hundredth of the 1M/day figure, on any reading)",
        f"fine-tune year: $200 + 12 × {_usd(monthly)} = {_usd(option.total_usd)}",
        f"$350 needs ($350 − $200) / 12 / {number(tokens)}M = {_usd(price_needed)} per million, "
        f"{number(price_needed / _YEAR_OUTPUT_PRICE)}× the 1M/day example's price",
    ]
    hold = (f"at {_usd(price_needed)} per million tokens, {number(price_needed / _YEAR_OUTPUT_PRICE)}× the price its "
            f"1M/day example implies, or with a {_usd(350 - 12 * monthly)} one-time cost instead of $200")
    return _finding("ferreira-2026/fine-tune-year-10k", "internal knowledge base, fine-tune year (10K/day)",
                    (option.total_usd, option.total_usd), "USD/year", lines, hold, scenario,
                    figures=(price_needed, price_needed / _YEAR_OUTPUT_PRICE, 350 - 12 * monthly, 1_000_000),
                    cues=("fine-tun", "finetun"))


def _ferreira_small_rag_year() -> Finding:
    low_s, _ = _year_scenarios(10_000, rag={"setup_usd": 20, "monthly_usd": 25})
    _, high_s = _year_scenarios(10_000, rag={"setup_usd": 100, "monthly_usd": 250})
    low, high = compare(low_s).options["rag"].total_usd, compare(high_s).options["rag"].total_usd
    lines = [
        _year_price_line(),
        "at 10K/day the tokens are a hundredth of the 1M/day bill; the vector DB ($25–250 a month with "
        "embeddings) and setup ($20–100) stay",
        f"RAG year: {_usd(low)}–{_usd(high)}",
    ]
    return _finding("ferreira-2026/rag-year-10k", "internal knowledge base, RAG year (10K/day)", (low, high),
                    "USD/year", lines, None, low_s, reading=_READING, cues=("rag",))


# ferreira's compute tables, priced by GPU hours. Its own H100 rate is back-solved from "~$12" for "~4
# hours", so these take public on-demand list prices for one H100 SXM instead: about $2-4 an hour in
# early 2026 (Lambda, RunPod, CoreWeave; approximate, not from the corpus). Larger runs scale with
# parameters x samples, the usual rule that training compute is about 6 x parameters x tokens.
_H100_LIST = (2.0, 4.0)
_H100_HOURS = 4  # "GPU compute (H100, ~4 hours)": the 7B QLoRA on 100K examples


def _compute(claim_id: str, title: str, hours: float, scale: str, extra_usd: float = 0.0) -> Finding:
    low_s = _scenario({"queries_per_month": 1000}, {"input": 1.0, "output": 1.0},
                      fine_tune={"training_run_usd": None, "training_gpu_hours": hours, "gpu_hourly_usd": _H100_LIST[0], "setup_usd": extra_usd})
    high_s = _scenario({"queries_per_month": 1000}, {"input": 1.0, "output": 1.0},
                       fine_tune={"training_run_usd": None, "training_gpu_hours": hours, "gpu_hourly_usd": _H100_LIST[1], "setup_usd": extra_usd})
    low, high = compare(low_s).options["fine_tune"].one_time_usd, compare(high_s).options["fine_tune"].one_time_usd
    lines = [
        f"H100 hours: {scale}",
        f"at $2–4 an hour (public H100 list prices, not the article's own rate): {number(hours)} × $2–4"
        + (f" + {_usd(extra_usd)} storage" if extra_usd else "") + f" = {_usd(low)}–{_usd(high)}",
    ]
    return _finding(claim_id, title, (low, high), "USD", lines, None, low_s, figures=(hours,))


def _ferreira_h100() -> Finding:
    return _compute("ferreira-2026/h100-qlora-compute", "7B QLoRA on one H100 for ~4 hours", _H100_HOURS,
                    "the article's ~4 hours")


def _ferreira_one_time() -> Finding:
    return _compute("ferreira-2026/qlora-one-time", "7B QLoRA one-time total", _H100_HOURS,
                    "the article's ~4 hours, plus its ~$1 of dataset storage", extra_usd=1.0)


def _ferreira_lora(claim_id: str, size: float, samples: float) -> Callable[[], Finding]:
    factor = size / 7 * samples / 100_000
    hours = _H100_HOURS * factor

    def audit() -> Finding:
        return _compute(claim_id, f"{size:g}B on {number(samples)} samples", hours,
                        f"{_H100_HOURS} × ({size:g}B / 7B) × ({number(samples)} / 100,000 samples) = {number(hours)}")

    return audit


AUDITS: tuple[Callable[[], Finding], ...] = (
    _ferreira_h100,
    _ferreira_one_time,
    _ferreira_lora("ferreira-2026/lora-7b", 7, 100_000),
    _ferreira_lora("ferreira-2026/lora-13b", 13, 500_000),
    _ferreira_lora("ferreira-2026/lora-70b", 70, 1_000_000),
    _ferreira_fine_tune_year,
    _ferreira_rag_year,
    _ferreira_increase,
    _ferreira_context_monthly,
    _ferreira_small_year,
    _ferreira_small_rag_year,
)
