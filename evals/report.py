"""The Markdown report of an eval run, written beside its JSON."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from evals.checks import MAX_RECOMMENDATION_WORDS, MAX_SOURCES, MEDIAN_RECOMMENDATION_WORDS
from evals.run import SuiteResult


def markdown(result: SuiteResult, threshold: float) -> str:
    """The run as a Markdown page: summary, per-check totals, per-scenario table, failures."""
    verdict = "PASS" if result.pass_rate >= threshold else "FAIL"
    lines = [
        "# Crossroads eval report",
        "",
        f"- Engine: `{result.engine}`",
        f"- Scenarios: {len(result.results)}, repeats: {result.repeat}",
        f"- Pass rate: **{result.pass_rate:.3f}** (threshold {threshold:.3f}): **{verdict}**",
        f"- Flaky: {', '.join(result.flaky) if result.flaky else 'none'}",
        f"- Time: {result.seconds:.1f} s",
        "",
        "## Checks",
        "",
        "| Check | Passed | Failed |",
        "| --- | ---: | ---: |",
    ]
    for name, counts in result.check_totals().items():
        lines.append(f"| {name} | {counts['passed']} | {counts['failed']} |")
    lines += ["", "## Recommendation length", "", *length_lines(result)]
    lines += [
        "",
        "## Scenarios",
        "",
        "| Scenario | Result | Recommendation | Pass rate | Turns |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    for r in result.results:
        status = "pass" if r.passed else "**fail**"
        if r.flaky:
            status += " (flaky)"
        lines.append(
            f"| {r.scenario.id} | {status} | {r.recommendation or '-'} | {r.pass_rate:.2f} | {len(r.scenario.turns)} |"
        )
    failing = [r for r in result.results if not r.passed]
    if failing:
        lines += ["", "## Failures"]
        for r in failing:
            lines += ["", f"### {r.scenario.id}", "", r.scenario.description, ""]
            lines += [f"- {failure}" for failure in r.failures()]
    return "\n".join(lines) + "\n"


def length_lines(result: SuiteResult) -> list[str]:
    """The distribution of recommendation-reply lengths, in words (Sources list counted)."""
    lengths = result.recommendation_lengths()
    if not lengths["replies"]:
        return ["No reply made a recommendation."]
    lines = [
        f"{lengths['replies']} recommendation replies: median {lengths['median_words']:g} words, "
        f"90th percentile {lengths['p90_words']}, max {lengths['max_words']} "
        f"(limits: median {MEDIAN_RECOMMENDATION_WORDS}, max {MAX_RECOMMENDATION_WORDS}); "
        f"at most {lengths['max_sources']} numbered sources (limit {MAX_SOURCES}).",
        "",
        "| Words | Replies |",
        "| --- | ---: |",
    ]
    lines += [f"| {band} | {n} |" for band, n in sorted(lengths["histogram"].items(), key=lambda item: int(item[0].split("-")[0]))]
    return lines


def write_reports(result: SuiteResult, threshold: float, out_dir: Path) -> tuple[Path, Path]:
    """Write `eval-<UTC time>.md` and `.json` into `out_dir`; returns both paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "eval-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    md_path = out_dir / f"{stem}.md"
    json_path = out_dir / f"{stem}.json"
    md_path.write_text(markdown(result, threshold), encoding="utf-8")
    json_path.write_text(json.dumps(result.to_json(threshold), indent=2) + "\n", encoding="utf-8")
    return md_path, json_path
