"""Splitting Markdown text into retrievable passages that respect headings and paragraphs.

A passage never crosses a heading; paragraphs, lists and tables stay whole unless one alone is
longer than the size limit, in which case it is split at sentences (lists and tables at rows, a
table repeating its header). Chunk ids are the source id plus a hash of the heading and the text,
so the same text always gets the same id and re-indexing it changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# At most 140 words per passage: large enough to keep a figure with the sentence that explains
# it, small enough that a question's best passage ranks first. Of 80-170 words, 140 scored best
# on evals/retrieval.py.
MAX_WORDS = 140

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[$])")


@dataclass(frozen=True)
class Chunk:
    """One passage of a source: `text` is verbatim from the source, `heading` is its section path."""

    id: str
    source_id: str
    title: str
    heading: str
    text: str
    position: int

    @property
    def search_text(self) -> str:
        """What retrieval matches against: the passage with its title and section headings."""
        return search_text(self.title, self.heading, self.text)


def search_text(title: str, heading: str, text: str) -> str:
    """The text a passage is embedded and keyword-indexed as: title, section headings, passage."""
    return "\n".join(part for part in (title, heading, text) if part)


def stored_search_text(document: str, meta: dict) -> str:
    """A stored passage's search text (its document and metadata), exactly as `Chunk.search_text` built it."""
    return search_text(meta.get("title", ""), meta.get("heading", ""), document)


def passages_fingerprint(ids: Iterable[str]) -> str:
    """Names a set of passages exactly: chunk ids are hashes of their source, heading and text."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("utf-8")).hexdigest()


def chunk_id(source_id: str, heading: str, text: str) -> str:
    """Stable id of a passage: the same source, heading and text always give the same id."""
    digest = hashlib.sha256(f"{source_id}\n{heading}\n{text}".encode("utf-8")).hexdigest()
    return f"{source_id}#{digest[:16]}"


def chunk_markdown(source_id: str, title: str, text: str, max_words: int = MAX_WORDS) -> list[Chunk]:
    """Split a Markdown document into passages (see the module docstring for the rules)."""
    if max_words < 20:
        raise ValueError(f"max_words must be at least 20, got {max_words}")
    sections = _sections(text)
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for heading, blocks in sections:
        for passage in _pack(blocks, max_words):
            cid = chunk_id(source_id, heading, passage)
            if cid in seen:  # an identical passage under the same heading adds nothing
                continue
            seen.add(cid)
            chunks.append(Chunk(cid, source_id, title, heading, passage, len(chunks)))
    return chunks


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """Blocks (paragraphs, lists, tables) grouped under their heading path, e.g. "Costs > Training"."""
    path: list[tuple[int, str]] = []
    sections: list[tuple[str, list[str]]] = [("", [])]
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        block = block.strip()
        if not block:
            continue
        heading = _HEADING.match(block) if "\n" not in block else None
        if heading:
            level = len(heading.group(1))
            # A level-1 heading is the document title, which every chunk already carries.
            path = [(lvl, name) for lvl, name in path if lvl < level]
            if level > 1:
                path.append((level, heading.group(2)))
            sections.append((" > ".join(name for _, name in path), []))
        else:
            sections[-1][1].append(block)
    return [(heading, blocks) for heading, blocks in sections if blocks]


def _words(text: str) -> int:
    return len(text.split())


def _pack(blocks: list[str], max_words: int) -> list[str]:
    """Greedily join consecutive blocks into passages of at most `max_words` words."""
    pieces = [piece for block in blocks for piece in _split_block(block, max_words)]
    passages: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        n = _words(piece)
        if current and size + n > max_words:
            passages.append("\n\n".join(current))
            current, size = [], 0
        current.append(piece)
        size += n
    if current:
        passages.append("\n\n".join(current))
    return passages


def _split_block(block: str, max_words: int) -> list[str]:
    if _words(block) <= max_words:
        return [block]
    lines = block.split("\n")
    if len(lines) > 1 and all(line.lstrip().startswith("|") for line in lines):
        header, rows = lines[:2], lines[2:]
        return _group(rows, max_words - _words("\n".join(header)), prefix=header)
    if len(lines) > 1:
        return _group(lines, max_words)
    return [" ".join(group) for group in _group_lists(_SENTENCE_END.split(block), max_words)]


def _group(lines: list[str], max_words: int, prefix: list[str] | None = None) -> list[str]:
    return ["\n".join((prefix or []) + group) for group in _group_lists(lines, max_words)]


def _group_lists(items: list[str], max_words: int) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for item in items:
        n = _words(item)
        if current and size + n > max_words:
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += n
    if current:
        groups.append(current)
    return groups
