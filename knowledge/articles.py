"""The bundled source articles: their front matter, loading, and verbatim quote checks.

The cleaned articles live in `knowledge/corpus/<source-id>.md`, each a YAML front matter block
(id, title, publisher, author, published, captured_file) followed by the article as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Article:
    """One source article: its citation details and its Markdown text (front matter removed)."""

    id: str
    title: str
    publisher: str
    author: str
    published: str
    captured_file: str
    text: str


class FrontMatter(BaseModel):
    """The YAML block at the top of a corpus file."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    id: str
    title: str
    publisher: str
    author: str
    published: str
    captured_file: str


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split a Markdown document into its YAML front matter (empty if none) and its body."""
    import yaml

    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    # The C loader when PyYAML has it (it does on every wheel we install): ten times the pure-Python one.
    data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    if not isinstance(data, dict):
        raise ValueError("front matter: expected `key: value` lines between the two `---` lines")
    return data, text[match.end():].lstrip("\n")


def parse_article(text: str, origin: str) -> Article:
    """Parse one corpus file's text; `origin` names the file in error messages."""
    data, body = split_front_matter(text)
    if not data:
        raise ValueError(f"{origin}: missing front matter (id, title, publisher, author, published, captured_file)")
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"])
        raise ValueError(f"{origin}: front matter field `{field}`: {problem['msg']}") from None
    return Article(text=body, **meta.model_dump())


@lru_cache(maxsize=1)
def _bundled() -> tuple[Article, ...]:
    articles = []
    for path in sorted(CORPUS_DIR.glob("*.md")):
        article = parse_article(path.read_text(encoding="utf-8"), origin=str(path))
        if article.id != path.stem:
            raise ValueError(f"{path}: front matter `id` is {article.id!r} but the file is named {path.stem!r}")
        articles.append(article)
    return tuple(articles)


def load_bundled_articles() -> list[Article]:
    """The five source articles shipped with Crossroads, ordered by file name."""
    return list(_bundled())


def bundled_article(source_id: str) -> Article:
    """One bundled article by its source id (as in sources.yaml); LookupError if unknown."""
    for article in _bundled():
        if article.id == source_id:
            return article
    known = ", ".join(a.id for a in _bundled())
    raise LookupError(f"unknown source id {source_id!r}; the bundled sources are: {known}")


# Typographic variants a quote may use where the article uses the other form; markup (bold, table
# pipes) is not part of what an author wrote, so a quote never has to reproduce it.
_QUOTE_FOLDS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_MARKUP = re.compile(r"\*\*|^#+\s+|^- ", re.MULTILINE)


def normalise_for_quotes(text: str) -> str:
    """Text reduced to what a verbatim quote is compared on: markup removed, whitespace collapsed."""
    text = _MARKUP.sub("", text.translate(_QUOTE_FOLDS)).replace("|", " ")
    return " ".join(text.split())


@lru_cache(maxsize=16)
def _normalised_article(source_id: str) -> str:
    return normalise_for_quotes(bundled_article(source_id).text)


def quote_in_source(source_id: str, quote: str) -> bool:
    """True if `quote` appears verbatim in the bundled article `source_id`.

    Whitespace is collapsed, curly quotes count as straight ones, and Markdown markup (headings,
    bullets, bold, table pipes) is ignored. Raises LookupError for an unknown source id.
    """
    needle = normalise_for_quotes(quote)
    if not needle:
        return False
    return needle in _normalised_article(source_id)
