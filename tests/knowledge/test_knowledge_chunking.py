"""Chunking: passages respect headings and paragraphs, lose no text, and have stable ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.articles import load_bundled_articles
from knowledge.chunking import chunk_markdown

DOC = """# Title

Intro paragraph before any section.

## Costs

First costs paragraph with $100 in it.

Second costs paragraph.

### Training

Training costs $5,000 per run.

## Latency

Retrieval adds 20-80ms.
"""


def test_passages_never_cross_headings_and_carry_their_section_path():
    chunks = chunk_markdown("doc", "Title", DOC)
    assert [(c.heading, c.text) for c in chunks] == [
        ("", "Intro paragraph before any section."),
        ("Costs", "First costs paragraph with $100 in it.\n\nSecond costs paragraph."),
        ("Costs > Training", "Training costs $5,000 per run."),
        ("Latency", "Retrieval adds 20-80ms."),
    ]
    assert all(not line.startswith("#") for c in chunks for line in c.text.splitlines())
    assert [c.position for c in chunks] == [0, 1, 2, 3]


def test_ids_are_stable_and_change_only_where_the_text_changed():
    first = chunk_markdown("doc", "Title", DOC)
    again = chunk_markdown("doc", "Title", DOC)
    assert [c.id for c in first] == [c.id for c in again]
    assert all(c.id.startswith("doc#") for c in first)
    edited = chunk_markdown("doc", "Title", DOC.replace("$5,000", "$6,000"))
    changed = [a.id != b.id for a, b in zip(first, edited)]
    assert changed == [False, False, True, False]
    assert chunk_markdown("other", "Title", DOC)[0].id != first[0].id


def test_long_paragraphs_split_at_sentences_and_tables_repeat_their_header():
    long_paragraph = " ".join(f"Sentence number {i} has exactly seven words." for i in range(10))
    chunks = chunk_markdown("doc", "T", long_paragraph, max_words=20)
    assert all(len(c.text.split()) <= 20 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == long_paragraph.split()

    rows = "\n".join(f"| item {i} | ${i}00 |" for i in range(30))
    table = f"| Item | Cost |\n| --- | --- |\n{rows}"
    parts = chunk_markdown("doc", "T", table, max_words=40)
    assert len(parts) > 1
    assert all(p.text.startswith("| Item | Cost |\n| --- | --- |\n| item") for p in parts)


def test_bundled_passages_stay_under_the_size_limit():
    for article in load_bundled_articles():
        for chunk in chunk_markdown(article.id, article.title, article.text, max_words=140):
            assert len(chunk.text.split()) <= 140, chunk.id


words = st.text(alphabet="abcdefghij$0123456789.,", min_size=1, max_size=8)
paragraph = st.lists(words, min_size=1, max_size=60).map(" ".join)
block = st.one_of(paragraph, st.sampled_from(["## Section", "### Sub", "# Top"]))


@settings(max_examples=60, deadline=None)
# Blocks are unique: an identical passage under an identical heading gets the same id and is
# stored once, by design.
@given(st.lists(block, min_size=1, max_size=12, unique=True), st.integers(min_value=20, max_value=80))
def test_no_text_is_lost_or_duplicated(blocks, max_words):
    text = "\n\n".join(blocks)
    chunks = chunk_markdown("doc", "T", text, max_words=max_words)
    body_words = [w for b in blocks if not b.startswith("#") for w in b.split()]
    assert [w for c in chunks for w in c.text.split()] == body_words
    assert len({c.id for c in chunks}) == len(chunks)
