"""The checks an eval run applies to a replayed conversation.

Two kinds: the scenario's own expectations (`expect` in its YAML), and checks every reply must pass
whatever the scenario says: every figure grounded, every citation's quote verbatim in its source, no
error, no reply longer than a reader (or a Slack message) can take. Each failure names its check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Callable

from evals.scenarios import Expect

# Slack's markdown block holds 12,000 characters (DESIGN.md section 5); the longest offline reply (a
# recommendation with its cost table, reasons and sources) is about 5,000. Past this a reply is a
# wall of text that no front-end shows in one piece.
MAX_REPLY_CHARS = 8_000
# A recommendation is read in one go: at most this many words (its Sources list counted) and this
# many numbered sources; the median over the bundled suite stays at or under MEDIAN_RECOMMENDATION_WORDS
# (tests/evals/test_evals_suite.py). The details are a view away (/costs, /why, /sources, the memo).
MAX_RECOMMENDATION_WORDS = 350
MEDIAN_RECOMMENDATION_WORDS = 250
MAX_SOURCES = 6
# Profile numbers match within this relative tolerance (the scenario format's "within 1%").
PROFILE_TOLERANCE = 0.01

EXPECTATION_CHECKS = (
    "recommendation",
    "profile",
    "asks_about",
    "max_turns",
    "cites_any",
    "mentions",
    "forbids",
    "costs",
)
REPLY_CHECKS = ("no_error", "grounded", "quotes_verbatim", "reply_length", "recommendation_length")
ALL_CHECKS = (*EXPECTATION_CHECKS, *REPLY_CHECKS)


@dataclass(frozen=True)
class Turn:
    """One user message and what came back: the reply's fields (as `Reply.to_json()` of the advisor plus
    `text`, `citations` with numbers and `what_if`), the thread's snapshot after the turn, or the
    error the turn raised."""

    n: int
    user: str
    reply: dict[str, Any] | None
    snapshot: dict[str, Any]
    error: str | None = None


@dataclass(frozen=True)
class Failure:
    """One failed check: which check, what went wrong, and on which turn when one is to blame."""

    check: str
    message: str
    turn: int | None = None

    def __str__(self) -> str:
        where = f" (turn {self.turn})" if self.turn is not None else ""
        return f"{self.check}: {self.message}{where}"


@dataclass(frozen=True)
class Transcript:
    """A replayed conversation: its turns in order (stopping at an error)."""

    scenario_id: str
    turns: tuple[Turn, ...]
    # The whole conversation's user text; figures the user typed may be repeated back to them.
    user_texts: tuple[str, ...] = field(default=())

    @property
    def final(self) -> dict[str, Any]:
        return self.turns[-1].snapshot if self.turns else {}

    def replies(self) -> list[tuple[int, dict[str, Any]]]:
        return [(t.n, t.reply) for t in self.turns if t.reply is not None]

    def first_recommendation_turn(self) -> int | None:
        return next((n for n, reply in self.replies() if reply.get("recommendation")), None)


def run_checks(expect: Expect, transcript: Transcript) -> tuple[dict[str, bool], list[Failure]]:
    """Every check that applies: check name -> passed, and the failures in check order."""
    outcomes: dict[str, bool] = {}
    failures: list[Failure] = []
    for name, check in _CHECKS.items():
        if name in EXPECTATION_CHECKS and not _expects(expect, name):
            continue
        found = check(expect, transcript)
        outcomes[name] = not found
        failures.extend(found)
    return outcomes, failures


def _expects(expect: Expect, name: str) -> bool:
    value = getattr(expect, name)
    return value is not None and value != {} and value != []


# ---- the scenario's expectations ---------------------------------------------------------------------


def check_recommendation(expect: Expect, transcript: Transcript) -> list[Failure]:
    stored = transcript.final.get("recommendation") or {}
    got = stored.get("label") or "none"
    if got == expect.recommendation:
        return []
    if expect.recommendation == "none":
        return [Failure("recommendation", f"expected no recommendation, but the advisor recommended {got}")]
    return [Failure("recommendation", f"expected {expect.recommendation} after the last turn, got {got}")]


def check_profile(expect: Expect, transcript: Transcript) -> list[Failure]:
    profile = transcript.final.get("profile") or {}
    failures = []
    for slot, wanted in expect.profile.items():
        got = profile.get(slot)
        if not (_same_value(wanted, got) or (slot == "model" and _same_model(wanted, got))):
            shown = "unset" if got is None else repr(got)
            failures.append(
                Failure("profile", f"{slot} should be {'unset' if wanted is None else repr(wanted)}, got {shown}")
            )
    return failures


def _same_model(wanted: Any, got: Any) -> bool:
    """Two names of one priced model ("claude sonnet 4.5" and "claude-sonnet-4-5") are the same model."""
    from tools.prices import resolve_model

    if not (isinstance(wanted, str) and isinstance(got, str)):
        return False
    try:
        return resolve_model(wanted) == resolve_model(got)
    except (KeyError, ValueError, LookupError):
        return False


def _same_value(wanted: Any, got: Any) -> bool:
    if wanted is None or got is None:
        return wanted is got
    if isinstance(wanted, bool) or isinstance(got, bool):
        return wanted is got
    if isinstance(wanted, Real) and isinstance(got, Real):
        return math.isclose(float(got), float(wanted), rel_tol=PROFILE_TOLERANCE)
    if isinstance(wanted, str) and isinstance(got, str):
        return wanted.strip().lower() == got.strip().lower()
    return wanted == got


def check_asks_about(expect: Expect, transcript: Transcript) -> list[Failure]:
    first = transcript.first_recommendation_turn()
    # The question a recommendation ends with ("To firm this up: ...") came after it.
    before = [t for t in transcript.turns if first is None or t.n < first]
    asked = list(before[-1].snapshot.get("asked") or []) if before else []
    missing = [slot for slot in expect.asks_about if slot not in asked]
    if not missing:
        return []
    when = "before recommending" if first is not None else "in the conversation"
    return [
        Failure("asks_about", f"never asked about {', '.join(missing)} {when} (asked: {', '.join(asked) or 'nothing'})")
    ]


def check_max_turns(expect: Expect, transcript: Transcript) -> list[Failure]:
    first = transcript.first_recommendation_turn()
    if first is None:
        return [Failure("max_turns", f"no recommendation within {expect.max_turns} user turns (none at all)")]
    if first > expect.max_turns:
        return [
            Failure(
                "max_turns", f"first recommendation came at turn {first}, expected within {expect.max_turns}", first
            )
        ]
    return []


def check_cites_any(expect: Expect, transcript: Transcript) -> list[Failure]:
    cited = {c["source_id"] for _, reply in transcript.replies() for c in reply.get("citations") or ()}
    if cited & set(expect.cites_any):
        return []
    return [
        Failure(
            "cites_any",
            f"no citation to any of {', '.join(expect.cites_any)} (cited: {', '.join(sorted(cited)) or 'nothing'})",
        )
    ]


def check_mentions(expect: Expect, transcript: Transcript) -> list[Failure]:
    texts = [reply["text"].lower() for _, reply in transcript.replies()]
    return [
        Failure("mentions", f"no reply mentions {phrase!r}")
        for phrase in expect.mentions
        if not any(phrase.lower() in text for text in texts)
    ]


def check_forbids(expect: Expect, transcript: Transcript) -> list[Failure]:
    failures = []
    for phrase in expect.forbids:
        for n, reply in transcript.replies():
            if phrase.lower() in reply["text"].lower():
                failures.append(Failure("forbids", f"a reply says the forbidden {phrase!r}", n))
                break
    return failures


def check_costs(expect: Expect, transcript: Transcript) -> list[Failure]:
    reports = []
    for _, reply in transcript.replies():
        if reply.get("costs"):
            reports.append(reply["costs"])
        if reply.get("what_if"):
            reports.append(reply["what_if"]["costs"])
    failures = []
    for path, (low, high) in expect.costs.items():
        values = [v for v in (_cost_value(report, path) for report in reports) if v is not None]
        if any(low <= v <= high for v in values):
            continue
        seen = ", ".join(f"{v:,.2f}" for v in values) if values else "no cost report had it"
        failures.append(Failure("costs", f"{path} never within [{low:,.2f}, {high:,.2f}] (seen: {seen})"))
    return failures


def _cost_value(report: dict[str, Any], path: str) -> float | None:
    head, _, tail = path.partition(".")
    holder = (
        (report.get("breakeven") or {}).get("fine_tune_vs_rag")
        if head == "breakeven"
        else (report.get("options") or {}).get(head)
    )
    value = (holder or {}).get(tail)
    return float(value) if isinstance(value, Real) and not isinstance(value, bool) else None


# ---- every reply -------------------------------------------------------------------------------------


def check_no_error(expect: Expect, transcript: Transcript) -> list[Failure]:
    failures = []
    for turn in transcript.turns:
        if turn.error:
            failures.append(Failure("no_error", f"the turn raised {turn.error}", turn.n))
        elif not turn.reply["text"].strip():
            failures.append(Failure("no_error", "the reply was empty", turn.n))
        elif turn.reply.get("notices"):
            # A notice means the configured engine failed and the turn fell back: not what was measured.
            failures.append(Failure("no_error", f"the reply carried a notice: {turn.reply['notices'][0]}", turn.n))
    return failures


def check_grounded(expect: Expect, transcript: Transcript) -> list[Failure]:
    from tools.grounding import allowed_numbers, check_grounding

    failures = []
    for turn in transcript.turns:
        reply = turn.reply
        if reply is None:
            continue
        recommended = turn.snapshot.get("recommendation") if reply.get("recommendation") else None
        # Independent of the graph's own check: only what the reply carries (cost report, profile,
        # what-if, the recommendation's reasons, the source audit's findings and ranges) and what the user typed
        # may ground a figure.
        findings = reply.get("audit") or ()
        allowed = allowed_numbers(
            reply.get("costs"),
            reply.get("profile"),
            reply.get("what_if"),
            reply.get("change"),
            reply.get("volume_decides"),
            reply.get("view"),
            recommended,
            [finding["figures"] for finding in findings],
            # A disputed range, and the cost model's own figure for the user beside it ("yours").
            [(d["low"], d["high"], d.get("yours")) for d in reply.get("disputes") or ()],
            list(transcript.user_texts[: turn.n]),
        )
        # A Sources entry shows its quote and the source's title ("... in 2026"): both are cited text.
        passages = [c[key] for c in reply.get("citations") or () for key in ("quote", "title")]
        passages += [passage for finding in findings for passage in finding["passages"]]
        report = check_grounding(reply["text"], allowed, passages)
        if not report.ok:
            shown = ", ".join(repr(f.text) for f in report.ungrounded[:5])
            failures.append(
                Failure("grounded", f"figures with no source in the reply's data or citations: {shown}", turn.n)
            )
    return failures


def check_quotes_verbatim(expect: Expect, transcript: Transcript) -> list[Failure]:
    from knowledge.articles import quote_in_source

    failures = []
    for n, reply in transcript.replies():
        for citation in reply.get("citations") or ():
            try:
                found = quote_in_source(citation["source_id"], citation["quote"])
            except LookupError:
                failures.append(
                    Failure(
                        "quotes_verbatim",
                        f"citation [{citation.get('n')}] names an unknown source {citation['source_id']!r}",
                        n,
                    )
                )
                continue
            if not found:
                failures.append(
                    Failure(
                        "quotes_verbatim",
                        f"citation [{citation.get('n')}] quote not found in {citation['source_id']}: {citation['quote'][:80]!r}",
                        n,
                    )
                )
    return failures


def check_reply_length(expect: Expect, transcript: Transcript) -> list[Failure]:
    return [
        Failure("reply_length", f"the reply is {len(reply['text']):,} characters (limit {MAX_REPLY_CHARS:,})", n)
        for n, reply in transcript.replies()
        if len(reply["text"]) > MAX_REPLY_CHARS
    ]


def reply_words(text: str) -> int:
    """Words as a reader counts them: whitespace-separated pieces (table cells and marks included)."""
    return len(text.split())


def recommendation_replies(transcript: Transcript) -> list[tuple[int, int, int]]:
    """(turn, words, numbered sources) of every reply that makes a recommendation."""
    return [
        (n, reply_words(reply["text"]), len(reply.get("citations") or ()))
        for n, reply in transcript.replies()
        if reply.get("recommendation")
    ]


def check_recommendation_length(expect: Expect, transcript: Transcript) -> list[Failure]:
    failures = []
    for n, words, sources in recommendation_replies(transcript):
        if words > MAX_RECOMMENDATION_WORDS:
            failures.append(Failure("recommendation_length", f"the recommendation is {words} words (limit {MAX_RECOMMENDATION_WORDS})", n))
        if sources > MAX_SOURCES:
            failures.append(Failure("recommendation_length", f"the recommendation cites {sources} sources (limit {MAX_SOURCES})", n))
    return failures


_CHECKS: dict[str, Callable[[Expect, Transcript], list[Failure]]] = {
    "recommendation": check_recommendation,
    "profile": check_profile,
    "asks_about": check_asks_about,
    "max_turns": check_max_turns,
    "cites_any": check_cites_any,
    "mentions": check_mentions,
    "forbids": check_forbids,
    "costs": check_costs,
    "no_error": check_no_error,
    "grounded": check_grounded,
    "quotes_verbatim": check_quotes_verbatim,
    "reply_length": check_reply_length,
    "recommendation_length": check_recommendation_length,
}
