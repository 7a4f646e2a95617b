"""Answers to free questions from the sources: the sentence of the best passages that answers the
question best, quoted verbatim (a quote is always a slice of its passage)."""

from __future__ import annotations

import re
from typing import Any, Callable

# A sentence ends at . ! ? or a line break, but not after an abbreviation like "vs." or "e.g.".
_SENTENCE_END = re.compile(r"(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bapprox)[.!?](?=\s+[A-Z\"'(\[])|\n+")
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and are as at be but by can do does for from has have how i in is it its much many of on or "
    "our should so than that the their them then there these they this to was we what when where which "
    "who why will with would you your "
    # the words of asking, which any passage may share: "random one: is Mistral any good at French?"
    "any good bad random one quick question side note also btw really just like know think tell me about way "
    "better best anyone anything something thing things ok okay".split()
)
# A name in the question ("Mistral", "French", "Teams"): a passage that answers it names it too.
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\b")
_FIGURE_QUESTION = re.compile(r"\b(?:how (?:much|many|long|fast)|cost|price|spend|budget|latency|volume)\b", re.I)
# A best sentence shorter than this is quoted together with the next one, so the quote stands alone.
_SHORT_QUOTE = 80


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`, so quotes stay verbatim slices of it."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + (0 if text[match.start()] == "\n" else 1)
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 1}


def _best_quote(question: str, text: str) -> str | None:
    """The sentence of `text` that shares the most content words with the question (preferring one
    with a figure when the question asks for one), extended by the next sentence when very short."""
    spans = _sentences(text)
    if not spans:
        return None
    asked = _content_words(question)
    wants_figure = bool(_FIGURE_QUESTION.search(question))

    def score(span: tuple[int, int]) -> tuple[int, bool]:
        sentence = text[span[0]:span[1]]
        return len(asked & _content_words(sentence)), wants_figure and any(c.isdigit() for c in sentence)

    index = max(range(len(spans)), key=lambda i: score(spans[i]))
    if score(spans[index])[0] == 0:
        return None
    names = {n.lower() for n in _NAME.findall(question)} - _STOPWORDS
    if names and not names & _content_words(text[spans[index][0]:spans[index][1]]):
        return None  # a passage that names none of what the question is about does not answer it
    start, end = spans[index]
    if end - start < _SHORT_QUOTE and index + 1 < len(spans) and "\n" not in text[end:spans[index + 1][0]]:
        end = spans[index + 1][1]  # the next sentence of the same paragraph, never the next list item
    return " ".join(text[start:end].strip().lstrip("-*> ").split())


def answer_from_sources(question: str, kb: Any, cite: Callable[[str, str, str], int]) -> dict[str, Any]:
    """Quote, from the best passages, the sentence that answers the question best."""
    marks: list[int] = []
    for result in kb.search(question, k=3):
        quote = _best_quote(question, result.text)
        if quote:
            marks.append(cite(result.source_id, quote, result.title))
        if len(marks) == 2:
            break
    return {"question": question, "citations": marks}
