"""Text laid out rather than written, rewritten as the prose the readers understand: pasted tables
("| lookups per broker per day | ~25 |"), key-value bullets ("- Invoices per day: ~45,000",
"Players: ~4k daily", "brokers: ~400") and code fences around pasted reports. Each table row
becomes a sentence of its own, so a figure and its label stay together.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*```")
_MARKUP = re.compile(r"\*\*|__|(?m:^[ \t]*(?:#{1,6}|>+)[ \t]*)")
_SEPARATOR_CELL = re.compile(r":?-{2,}:?")
_NUM = r"~?\s*\d(?:[\d,.]*\d)?\s*(?:k|m)?\+?(?:\s*(?:-|–|to)\s*\d(?:[\d,.]*\d)?\s*(?:k|m)?\+?)?"
# A label cannot run over punctuation, so a line of several pairs ("Schools: 140; sessions/day:
# ~9,000") is read pair by pair.
_LABEL = r"[A-Za-z][\w '()/&-]{0,45}?"
_SEGMENT_START = r"(?:^|(?<=[;:\n|•])|(?<=^[-*] )|(?<=\n[-*] )|(?<=[;,.!?] ))"
# "Invoices per day: ~45,000", "configs generated / day | ~300", "chat sessions/day (forecast) 10-15k"
_PER_PERIOD = re.compile(
    rf"{_SEGMENT_START}(?P<sp>\s*)(?P<label>{_LABEL})\s*(?:per|/|a)\s*(?P<period>day|week|month|quarter|year|hour)\b\s*(?:\([^)]*\))?\s*[:=–-]?\s*"
    rf"(?P<num>{_NUM})(?=\s*(?:$|[,;.(]|\n))",
    re.IGNORECASE | re.MULTILINE,
)
# "intent lookups per call | about 3": what each counted thing makes, as "about 3 intent lookups per call"
_PER_UNIT = re.compile(
    rf"{_SEGMENT_START}(?P<sp>\s*)(?P<label>{_LABEL})\s*(?:per|/|a|each)\s*(?P<unit>call|chat|session|conversation|ticket|email|message|visit|order|request|user|customer|player|case|claim)\b\s*[:=–-]?\s*"
    rf"(?P<hedge>(?:about|around|roughly|approx\.?|~)\s*)?(?P<num>{_NUM})(?=\s*(?:$|[,;.(]|\n))",
    re.IGNORECASE | re.MULTILINE,
)
# "Players: ~4k daily", "Volume - 30k monthly"
_ADVERB_AFTER = re.compile(
    rf"{_SEGMENT_START}(?P<sp>\s*)(?P<label>{_LABEL})\s*[:=–-]\s*(?:(?:about|around|roughly|approx\.?|maybe)\s+)?(?P<num>{_NUM})\s+(?P<adverb>daily|weekly|monthly|quarterly|yearly)\b",
    re.IGNORECASE | re.MULTILINE,
)
# People counted as a pair: "brokers: ~400", "engineers using it: ~60", "AP clerks: 38".
_PEOPLE_PAIR = re.compile(
    rf"{_SEGMENT_START}(?P<sp>[ \t]*)(?P<label>(?:[A-Za-z][\w'-]* ){{0,2}}?(?:[a-z]{{3,}}(?:ers|ors|ists|ians|ants|ents|ees)|staff|people|agents|reps|managers|students|teachers|"
    rf"nurses|doctors|lawyers|users|members|clerks|analysts|brokers|adjusters|engineers)(?: using it| on it)?)\s*[:=–-]\s*(?P<num>{_NUM})(?=\s*(?:$|[,;.(]|\n))",
    re.IGNORECASE | re.MULTILINE,
)
_PERIOD_OF = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year"}


def as_prose(text: str) -> str:
    """`text` with its tables, key-value pairs and code fences rewritten as sentences, and markdown's
    emphasis, headings and quote marks taken off ("**Usage target:** each agent ...", "> On Mon, Rob wrote:")."""
    text = _MARKUP.sub("", text)
    if "|" not in text and ":" not in text and "`" not in text and "-" not in text:
        return text
    text = "\n".join(_rows_as_sentences(text.split("\n")))
    text = _PER_UNIT.sub(lambda m: f"{m.group('sp')}{m.group('hedge') or ''}{m.group('num').strip()} {m.group('label').strip()} per {m.group('unit').lower()}", text)
    text = _PER_PERIOD.sub(lambda m: f"{m.group('sp')}{m.group('num').strip()} {m.group('label').strip()} a {m.group('period').lower()}", text)
    text = _ADVERB_AFTER.sub(lambda m: f"{m.group('sp')}{m.group('num').strip()} {m.group('label').strip()} a {_PERIOD_OF[m.group('adverb').lower()]}", text)
    return _PEOPLE_PAIR.sub(lambda m: f"{m.group('sp')}{m.group('num').strip()} {m.group('label').strip()}", text)


def _rows_as_sentences(lines: list[str]) -> list[str]:
    """Table rows as "first cell: the rest." sentences; with a header of three or more columns, each
    value beside its column's name ("GPT-4o, best prompt: 78% passes template validator, 95% findings
    correct."). Fence lines and separator rows go."""
    out: list[str] = []
    header: list[str] | None = None
    for line in lines:
        stripped = line.strip()
        if _FENCE.match(stripped):
            continue
        if not (stripped.startswith("|") or stripped.count("|") >= 2):
            header = None
            out.append(line)
            continue
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        if all(not cell or _SEPARATOR_CELL.fullmatch(cell) for cell in cells):
            continue
        if header is None and not any(re.search(r"\d", cell) for cell in cells):
            header = cells  # "| item | value |", "Model | passes template validator | findings correct"
            continue
        cells = [cell for cell in cells if cell] if not header else cells
        if header and len(header) > 2 and len(cells) == len(header):
            out.append(f"{cells[0]}: " + ", ".join(f"{cell} {name}" for name, cell in zip(header[1:], cells[1:])) + ".")
        elif len(cells) >= 2:
            out.append(f"{cells[0]}: {' '.join(cells[1:])}.")
        elif cells:
            out.append(cells[0])
    return out
