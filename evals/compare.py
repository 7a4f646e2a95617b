"""Compare two eval runs (say offline against an LLM, or two prompts) scenario by scenario, with
McNemar's exact test on the paired pass/fail outcomes.

McNemar looks only at the discordant pairs: b scenarios passed in run A and failed in run B, c the
reverse. Under the null hypothesis (both runs equally good) each discordant pair is a fair coin, so
the two-sided exact p-value is 2 * P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), capped at 1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Any


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for `b` and `c` discordant pairs (1.0 when there are none)."""
    if b < 0 or c < 0:
        raise ValueError(f"discordant pair counts must be non-negative, got b={b}, c={c}")
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(comb(n, k) for k in range(min(b, c) + 1)) / 2**n
    return min(1.0, 2 * tail)


@dataclass(frozen=True)
class ScenarioPair:
    """One scenario in both runs: its pass rate in each (over repeats) and its paired outcome."""

    id: str
    rate_a: float
    rate_b: float
    passed_a: bool
    passed_b: bool


@dataclass(frozen=True)
class Comparison:
    """Two runs side by side: paired scenarios, the discordant counts and McNemar's exact p-value."""

    name_a: str
    name_b: str
    pairs: tuple[ScenarioPair, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    pass_rate_a: float
    pass_rate_b: float

    @property
    def b(self) -> int:
        """Scenarios that passed in A and failed in B."""
        return sum(p.passed_a and not p.passed_b for p in self.pairs)

    @property
    def c(self) -> int:
        """Scenarios that failed in A and passed in B."""
        return sum(p.passed_b and not p.passed_a for p in self.pairs)

    @property
    def p_value(self) -> float:
        return mcnemar_exact(self.b, self.c)

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.name_a,
            "b": self.name_b,
            "pass_rate_a": self.pass_rate_a,
            "pass_rate_b": self.pass_rate_b,
            "paired": len(self.pairs),
            "passed_a_failed_b": self.b,
            "failed_a_passed_b": self.c,
            "mcnemar_p": self.p_value,
            "only_in_a": list(self.only_a),
            "only_in_b": list(self.only_b),
            "scenarios": [
                {
                    "id": p.id,
                    "pass_rate_a": p.rate_a,
                    "pass_rate_b": p.rate_b,
                    "passed_a": p.passed_a,
                    "passed_b": p.passed_b,
                }
                for p in self.pairs
            ],
        }

    def to_text(self) -> str:
        """The comparison as a plain-text table, discordant scenarios marked."""
        width = max([len(p.id) for p in self.pairs] + [8])
        lines = [
            f"A = {self.name_a} (pass rate {self.pass_rate_a:.3f})",
            f"B = {self.name_b} (pass rate {self.pass_rate_b:.3f})",
            "",
            f"{'scenario'.ljust(width)}  {'A':>5}  {'B':>5}",
        ]
        for p in self.pairs:
            mark = "  <- differs" if p.passed_a != p.passed_b else ""
            lines.append(f"{p.id.ljust(width)}  {p.rate_a:5.2f}  {p.rate_b:5.2f}{mark}")
        lines.append("")
        lines.append(
            f"{len(self.pairs)} paired scenarios; passed in A only: {self.b}, passed in B only: {self.c}; "
            f"McNemar exact p = {self.p_value:.4g}"
        )
        for name, ids in (("A", self.only_a), ("B", self.only_b)):
            if ids:
                lines.append(f"only in {name} (not compared): {', '.join(ids)}")
        return "\n".join(lines)


def load_run(path: Path) -> dict[str, Any]:
    """An `eval --json` result file, checked for the fields a comparison needs."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"--compare {path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"--compare {path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    scenarios = data.get("scenarios") if isinstance(data, dict) else None
    if not isinstance(scenarios, list) or not all(
        isinstance(s, dict) and "id" in s and "passed" in s for s in scenarios
    ):
        raise ValueError(f"--compare {path}: not an eval result (expected `scenarios` with `id` and `passed` each)")
    return data


def compare_runs(a: dict[str, Any], b: dict[str, Any], name_a: str = "A", name_b: str = "B") -> Comparison:
    """Pair two eval results by scenario id."""
    by_a = {s["id"]: s for s in a["scenarios"]}
    by_b = {s["id"]: s for s in b["scenarios"]}
    pairs = tuple(
        ScenarioPair(sid, _rate(by_a[sid]), _rate(by_b[sid]), bool(by_a[sid]["passed"]), bool(by_b[sid]["passed"]))
        for sid in by_a
        if sid in by_b
    )
    return Comparison(
        name_a=name_a,
        name_b=name_b,
        pairs=pairs,
        only_a=tuple(sid for sid in by_a if sid not in by_b),
        only_b=tuple(sid for sid in by_b if sid not in by_a),
        pass_rate_a=float(a.get("pass_rate", _overall(a))),
        pass_rate_b=float(b.get("pass_rate", _overall(b))),
    )


def _rate(scenario: dict[str, Any]) -> float:
    rate = scenario.get("pass_rate")
    return float(rate) if rate is not None else float(bool(scenario["passed"]))


def _overall(run: dict[str, Any]) -> float:
    scenarios = run["scenarios"]
    return sum(bool(s["passed"]) for s in scenarios) / len(scenarios) if scenarios else 0.0
