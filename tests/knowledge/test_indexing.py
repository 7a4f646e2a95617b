"""Indexing many passages: embedded in a process of its own while Chroma stores the batch before, the
passage text kept in the metadata (no Chroma document, so no full-text index of it), and the keyword
index built and saved as the passages are stored, so a later process's first search loads it."""

from __future__ import annotations

import bm25s
import pytest

from knowledge import chroma, lexical
from knowledge.chunking import Chunk, chunk_id
from knowledge.store import KnowledgeBase


def _passages(n: int) -> list[Chunk]:
    chunks = []
    for i in range(n):
        text = f"Report {i}: the cluster {i} invoice was ${i},250 for {i % 7 + 1} GPU hours of fine-tuning."
        source = f"report-{i // 10}"
        chunks.append(Chunk(chunk_id(source, "", text), source, f"Report {i // 10}", "", text, i % 10))
    return chunks


@pytest.mark.parametrize("separate", [True, False], ids=["embedding process", "embedding thread"])
def test_a_large_index_keeps_text_in_metadata_and_saves_its_keyword_index_at_build(tmp_path, monkeypatch, separate):
    monkeypatch.setattr(lexical, "LEXICAL_CACHE_MIN", 1)
    monkeypatch.setattr(chroma, "PROCESS_EMBEDDING_MIN", 1 if separate else 10**9)
    monkeypatch.setattr("knowledge.store.BATCH", 16)
    kb = KnowledgeBase.open(tmp_path)
    kb.ensure_indexed()
    chunks = _passages(50)
    assert kb.index_chunks(chunks, origin="synthetic") == 50
    stored = kb._collection.get(ids=[chunks[3].id], include=["documents", "metadatas"])
    assert stored["documents"] == [None] and stored["metadatas"][0]["text"] == chunks[3].text
    found = kb.search("cluster 17 invoice GPU hours", k=1)
    assert found[0].chunk_id == chunks[17].id and found[0].text == chunks[17].text
    # The saved keyword index holds ids and sources only: results are read from Chroma.
    saved = b"".join(f.read_bytes() for f in (tmp_path / "bm25").rglob("*") if f.is_file())
    assert chunks[17].id.encode() in saved and b"cluster 17 invoice" not in saved

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the keyword index was built again although index_chunks saved it")

    monkeypatch.setattr(bm25s.BM25, "index", no_rebuild)
    later = KnowledgeBase.open(tmp_path)
    assert later.search("cluster 17 invoice GPU hours", k=1) == found


def test_the_process_and_thread_stages_index_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr("knowledge.store.BATCH", 16)
    results = []
    for name, minimum in (("process", 1), ("thread", 10**9)):
        monkeypatch.setattr(chroma, "PROCESS_EMBEDDING_MIN", minimum)
        kb = KnowledgeBase.open(tmp_path / name)
        kb.ensure_indexed()
        kb.index_chunks(_passages(40), origin="synthetic")
        results.append([(r.chunk_id, round(r.score, 4)) for r in kb.search("invoice for fine-tuning GPU hours", k=8)])
    assert results[0] == results[1]


def test_passages_stored_as_documents_by_earlier_versions_are_still_read(tmp_path):
    kb = KnowledgeBase.open(tmp_path)
    kb.ensure_indexed()
    old = _passages(1)[0]
    meta = chroma.passage_metadata(old, "synthetic", {old.source_id: 1})
    kb._collection.upsert(ids=[old.id], embeddings=kb._embedder.embed([old.search_text]), documents=[old.text], metadatas=[meta])
    kb._lexical = None
    found = kb.search("cluster 0 invoice", k=1, source_id=old.source_id)
    assert found[0].chunk_id == old.id and found[0].text == old.text
