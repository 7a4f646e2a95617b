"""`crossroads cost` and `crossroads prices`: the cost model and the price database from the terminal.

Nothing heavy is imported at module level: the cost model (numpy, pydantic) loads inside the handlers
so that `crossroads --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import re

# Flags for the common scenario fields, by their flat name in tools.scenario.FLAT_FIELDS.
# Numbers may be ranges: 50000:150000 (or 50000..150000).
COST_FLAGS: dict[str, str] = {
    "queries_per_day": "queries per day (or give --queries-per-month)",
    "queries_per_month": "queries per month",
    "input_tokens": "prompt tokens per query before retrieved context",
    "output_tokens": "output tokens per query",
    "monthly_growth": "compounding monthly growth of the volume, e.g. 0.05",
    "horizon_months": "months to total over (default 12)",
    "model": "model to price, e.g. claude-sonnet-4-5, 'sonnet 4.5', gpt-4o-mini",
    "input_price": "override: USD per million input tokens",
    "output_price": "override: USD per million output tokens",
    "cached_tokens": "prompt-prefix tokens eligible for caching",
    "cache_hit_rate": "share of calls served from the cache, 0-1",
    "context_tokens": "retrieved-context tokens RAG adds per query",
    "rag_setup_usd": "one-time RAG setup",
    "rag_monthly_usd": "RAG infrastructure per month (vector DB, embeddings)",
    "training_run_usd": "compute per fine-tuning run",
    "training_runs": "number of training runs",
    "fine_tune_setup_usd": "one-time fine-tuning labour (data, evals, pipeline, deployment)",
    "retrain_every_months": "months between retrains (0 = never)",
    "retrain_usd": "cost of each retrain",
    "tokens_saved": "prompt tokens per query the fine-tune makes unnecessary",
    "inference_premium": "hosted fine-tune price premium, 0.25 = +25%%",
    "fine_tune_monthly_usd": "other fixed monthly fine-tune costs",
    "student_model": "distillation: the smaller model to fine-tune",
    "hosting": "where the fine-tunes run: hosted or self_hosted",
    "model_hosting": "where the base model runs: hosted, or self_hosted (every option on your GPUs, zero egress)",
    "gpu": "self-hosted GPU: H100, A100, L40S, A10G, L4",
    "gpu_hourly_usd": "self-hosted: USD per GPU-hour",
    "gpus": "self-hosted: at least this many GPUs per option, a whole number >= 1 (more if the volume needs them)",
    "owned_gpus": "self-hosted: GPUs you already own (no rent; power and operations still paid)",
    "ops_monthly_usd": "self-hosted: operations per month on top of the GPUs (default $2,000)",
    "model_size_b": "self-hosted: the open-weight model's size in billions of parameters",
    "peak_factor": "self-hosted: the peak hour over the average hour the GPUs are sized for",
    "fine_tune_base_model": "the hosted model to fine-tune (default: the tunable model nearest --model)",
    "training_gpu_hours": "GPU hours per training run, priced at the GPU's hourly rate",
    "hybrid_retrain_every_months": "months between retrains of a hybrid's tune (tone and format)",
    "eval_gate_usd": "the eval gate each retrain passes (default: graded calls at the model's prices)",
    "corpus_documents": "documents in the RAG corpus (scales the vector store and the setup)",
    "rag_engineering_weeks": "weeks of engineering to build the RAG system",
    "latency_budget_ms": "first-token latency budget: options that cannot fit are marked and not compared",
    "needs_retrieval": "true when only a retrieving option meets the need (citations, changing facts)",
}
_TEXT_FLAGS = {"model", "student_model", "hosting", "model_hosting", "gpu", "fine_tune_base_model", "needs_retrieval"}
# A million draws take about 3 s and 280 MB; more would not change the percentiles it reports.
MAX_SAMPLES = 1_000_000
_MODEL_FLAGS = {"model", "student_model", "fine_tune_base_model"}


def register(subparsers) -> None:
    """Add `cost` and `prices` to the `crossroads` parser."""
    cost = subparsers.add_parser(
        "cost",
        help="compare what prompting, RAG, fine-tuning, hybrid and distillation cost",
        description=(
            "Compare the total cost of every option for a scenario (a YAML or JSON file, flags, or both: "
            "flags override the file). Any number may be a range low:high for a Monte Carlo."
        ),
    )
    cost.add_argument("--input", "-i", metavar="FILE", help="scenario file (YAML or JSON)")
    cost.add_argument("--json", action="store_true", help="print the full result as JSON")
    cost.add_argument("--samples", type=int, default=20_000,
                      help=f"Monte Carlo samples when inputs are ranges (default 20,000; at most {MAX_SAMPLES:,})")
    cost.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    for name, text in COST_FLAGS.items():
        cost.add_argument("--" + name.replace("_", "-"), dest=name, metavar="X", help=text)
    cost.set_defaults(handler=run_cost)

    prices = subparsers.add_parser("prices", help="show the per-token prices used for a model and their date")
    prices.add_argument("model", help="model name, e.g. claude-sonnet-4-5, haiku, 'gpt-4o mini'")
    prices.add_argument("--json", action="store_true", help="print JSON")
    prices.set_defaults(handler=run_prices)


def flag_value(text: str) -> float | list[float] | str:
    """A flag's number, or [low, high] for `low:high` / `low..high`; anything else is passed on as text
    so that scenario validation can name the field it belongs to."""
    cleaned = text.strip().strip("[]")
    parts = re.split(r"\.\.|:|,", cleaned)
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return text
    if len(numbers) == 1:
        return numbers[0]
    return numbers if len(numbers) == 2 else text


def run_cost(args: argparse.Namespace, settings) -> int:
    from tools.cost_model import compare
    from tools.prices import resolve_model
    from tools.scenario import read_scenario_file, with_overrides

    flags = {}
    for name in COST_FLAGS:
        raw = getattr(args, name)
        if raw is None:
            continue
        if name in _MODEL_FLAGS:
            try:
                flags[name] = resolve_model(raw)
            except LookupError as exc:
                raise LookupError(f"--{name.replace('_', '-')}: {exc}") from None
        else:
            flags[name] = raw if name in _TEXT_FLAGS else flag_value(raw)
    if args.samples > MAX_SAMPLES:
        raise ValueError(f"--samples: at most {MAX_SAMPLES:,} (got {args.samples:,}); the percentiles are stable long before that")
    if not args.input and "queries_per_day" not in flags and "queries_per_month" not in flags:
        raise ValueError("cost: give --input FILE or a volume (--queries-per-day or --queries-per-month)")
    data = read_scenario_file(args.input) if args.input else {}
    report = compare(with_overrides(data, **flags), seed=args.seed, samples=args.samples)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, allow_nan=False))
    else:
        _print_report(report)
    return 0


def run_prices(args: argparse.Namespace, settings) -> int:
    """Prices of one model. A family name several models answer to ("haiku") is a usage error (exit 2)
    whose one line lists the candidates, newest first."""
    from tools.prices import model_prices, resolve_model

    prices = model_prices(resolve_model(args.model))
    if args.json:
        print(json.dumps(prices.to_dict(), indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{prices.name or prices.model} ({prices.model}, {prices.provider}): USD per million tokens")
    for column in ("input", "output", "cached input", "cache write"):
        table.add_column(column, justify="right")
    table.add_row(*(_per_million(v) for v in (prices.input, prices.output, prices.cached_input, prices.cache_write)))
    console = Console()
    if prices.model.lower() != args.model.strip().lower():
        console.print(f"{args.model!r} resolved to {prices.model}")
    console.print(table)
    dated = f"Price in effect since {prices.price_date}" if prices.price_date else "Undated list price"
    console.print(f"{dated}, looked up for {prices.as_of}; source: {prices.source}.")
    return 0


def _per_million(value: float | None) -> str:
    return "-" if value is None else f"${value:,.4g}"


def _print_report(report) -> None:
    from rich.console import Console
    from rich.table import Table

    from agent.frontends.charts import cumulative_chart
    from tools.cost_report import usd

    console = Console()
    # Piped output would otherwise wrap at 80 columns and cut the table's figures.
    if not console.is_terminal:
        console = Console(width=120)
    base = report.prices["base"]
    title = (
        f"{report.queries_per_month:,.0f} queries/month (first month), {report.horizon_months}-month horizon, "
        f"priced on {base.model}"
    )
    table = Table(title=title)
    table.add_column("option", no_wrap=True)
    for column in ("one-time", "month 1", f"total {report.horizon_months} mo", "per 1k queries"):
        table.add_column(column, justify="right", no_wrap=True)
    uncertainty = report.uncertainty
    if uncertainty:
        table.add_column("total p10-p90", justify="right", no_wrap=True)
        table.add_column("P(cheapest)", justify="right", no_wrap=True)
    for name, option in report.options.items():
        row = [
            f"{name} *" if name == report.cheapest else name,
            usd(option.one_time_usd, 'compact'),
            usd(option.monthly_usd, 'compact'),
            usd(option.total_usd, 'compact'),
            usd(option.cost_per_1k_queries_usd, 'compact'),
        ]
        if uncertainty:
            spread = uncertainty.options[name]["total_usd"]
            row += [f"{usd(spread['p10'], 'compact')}-{usd(spread['p90'], 'compact')}", f"{uncertainty.prob_cheapest[name]:.0%}"]
        table.add_row(*row, style="bold" if name == report.cheapest else None)
    console.print(table)
    console.print("* cheapest over the horizon")

    b = report.breakeven
    if b.payback_months is not None:
        console.print(
            f"Fine-tune vs RAG: pays back its {usd(b.extra_one_time_usd, 'compact')} extra up front in "
            f"{b.payback_months:,.1f} months ({b.payback_calls:,.0f} calls at this volume)."
        )
    if b.breakeven_queries_per_month is not None:
        console.print(
            f"Break-even volume over {report.horizon_months} months: {b.breakeven_queries_per_month:,.0f} queries/month."
        )
    if b.reason:
        console.print(f"Fine-tune vs RAG: {b.reason}.")
    if report.sensitivity:
        movers = ", ".join(
            f"{s.field} ({usd(s.gap_at_low_usd, 'compact')} to {usd(s.gap_at_high_usd, 'compact')})" for s in report.sensitivity[:3]
        )
        console.print(f"Biggest movers of the fine_tune - rag gap: {movers}")
    for flip in report.flips[:3]:
        console.print(
            f"Flips: {flip.field} {flip.value:,.4g} -> {flip.at:,.4g} makes {flip.to_option} cheaper than {flip.from_option}",
            markup=False, highlight=False,
        )
    _print_facts(console, report)

    console.print()
    for line in cumulative_chart({n: o.cumulative_usd for n, o in report.options.items()}):
        console.print(line, markup=False, highlight=False)

    if report.assumptions:
        console.print("\nAssumed (not given):")
        for a in report.assumptions:
            cited = f' [{a.source_id}: "{a.quote}"]' if a.source_id else ""
            console.print(f"  {a.field} = {a.value}: {a.note}{cited}", markup=False, highlight=False)
    for role, used in report.prices.items():
        dated = f", price date {used.price_date}" if used.price_date else ""
        console.print(
            f"Prices ({role}): {used.model}, per million tokens input {_show(used.input)}, output {_show(used.output)}, "
            f"cached input {_show(used.cached_input)}, cache write {_show(used.cache_write)}{dated}; {used.source}.",
            markup=False,
            highlight=False,
        )


def _print_facts(console, report) -> None:
    """What each option runs on, its first-token latency, its GPUs, and the warnings a reader must see."""
    base = report.fine_tune_base
    if base and base.get("model") not in (None, "custom", report.prices["base"].model):
        console.print(f"Fine-tunes: {base['reason']} ({report.prices['fine_tune'].model}).", markup=False, highlight=False)
    for name, option in report.options.items():
        latency = option.latency or {}
        low, high = latency.get("latency_ms") or (None, None)
        fits = latency.get("fits_latency_budget")
        line = f"  {name}: {option.model}; first token {low:,.0f}-{high:,.0f} ms" + (f" (budget: {fits})" if fits else "")
        if option.capacity:
            c = option.capacity
            line += (f"; {c['gpus']} x {c['gpu']} (up to {c['max_gpus']}), peak {c['peak_tokens_per_second']:,.0f} tokens/s"
                     + (f" at {c['tokens_per_second_per_gpu']:,.0f} per GPU" if c["tokens_per_second_per_gpu"] else ""))
        console.print(line, markup=False, highlight=False)
    if report.caching and report.caching["cached_tokens"]:
        console.print(f"Prompt caching: {report.caching['note']}.", markup=False, highlight=False)
    for note in report.notes:
        console.print(f"Note: {note}.", markup=False, highlight=False)


def _show(value) -> str:
    low_high = getattr(value, "to_list", None)
    if low_high:
        low, high = low_high()
        return f"${low:g}-{high:g}"
    return f"${value:g}"
