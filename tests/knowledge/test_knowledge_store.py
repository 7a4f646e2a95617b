"""The knowledge base over Chroma: indexing, hybrid search, ingest, forget, embeddings, a real server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import knowledge.lexical as lexical
import knowledge.store as store
from knowledge.chroma import passage_rows
from knowledge.lexical import expand_figures
from knowledge.store import KnowledgeBase, SearchResult

CHROMA = Path(sys.executable).with_name("chroma")


@pytest.fixture
def kb(bundled_kb) -> KnowledgeBase:
    """The session's indexed bundled corpus (conftest), for tests that only read."""
    return bundled_kb


def _count(base: KnowledgeBase) -> int:
    return base.passage_count()


def test_reindexing_the_same_corpus_is_a_no_op(tmp_path):
    messages = []
    first = KnowledgeBase.open(tmp_path, progress=messages.append)
    added = first.ensure_indexed()
    assert added > 50 and messages and "Indexing the bundled corpus" in messages[0]
    ids = set(first._collection.get(include=[])["ids"])

    assert first.ensure_indexed() == 0
    reopened = KnowledgeBase.open(tmp_path, progress=messages.append)
    assert reopened.ensure_indexed() == 0
    assert reopened._connected is None  # the marker beside the index answered: Chroma never opened
    assert set(reopened._collection.get(include=[])["ids"]) == ids
    assert len(messages) == 1  # nothing slow happened the second and third time


def test_a_stale_or_broken_marker_falls_back_to_checking_chroma(tmp_path):
    KnowledgeBase.open(tmp_path).ensure_indexed()
    marker = tmp_path / "chroma" / store.MARKER
    marker.write_text("{not json", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path)
    assert kb._connected is not None
    assert kb.ensure_indexed() == 0
    assert json.loads(marker.read_text(encoding="utf-8"))["embedding_model"] == "wordllama:l2_supercat"


def test_a_changed_bundled_passage_is_replaced(tmp_path, monkeypatch):
    kb = KnowledgeBase.open(tmp_path)
    kb.ensure_indexed()
    before = _count(kb)
    original = store._bundled_chunks()
    edited = [original[0].__class__(**{**original[0].__dict__, "id": "aiinfox-2026#edited", "text": "new"})]
    monkeypatch.setattr(store, "_bundled_chunks", lambda: edited + original[1:])
    assert kb.ensure_indexed() == 1
    ids = set(kb._collection.get(include=[])["ids"])
    assert "aiinfox-2026#edited" in ids and original[0].id not in ids
    assert _count(kb) == before


def test_search_returns_the_passage_with_the_figure(kb):
    results = kb.search("How much does a 7B LoRA fine-tune on 100K examples cost?", k=3)
    assert len(results) == 3 and all(isinstance(r, SearchResult) for r in results)
    top = results[0]
    assert top.source_id == "ferreira-2026"
    assert top.title == "Fine-Tuning vs RAG: Which Is More Cost-Effective in 2026?"
    assert "| 7B LoRA, 100K samples | $10–50 |" in top.text
    assert top.chunk_id.startswith("ferreira-2026#")
    assert results[0].score >= results[1].score >= results[2].score > 0


def test_search_filters_by_source(kb):
    results = kb.search("monthly cost of a vector database", k=5, source_id="aiinfox-2026")
    assert results and {r.source_id for r in results} == {"aiinfox-2026"}
    with pytest.raises(LookupError, match="no indexed source has id 'nope'"):
        kb.search("anything", source_id="nope")


def test_search_rejects_bad_arguments(kb):
    with pytest.raises(ValueError, match="query is empty"):
        kb.search("   ")
    with pytest.raises(ValueError, match="k must be at least 1"):
        kb.search("cost", k=0)


def test_query_with_no_keyword_match_still_gets_dense_results(kb):
    assert len(kb.search("zzqx wvvy", k=2)) == 2


def test_units_are_matched_spelled_out():
    assert expand_figures("per 1K queries, 1M docs, 20-80ms, 7B") == (
        "per 1K thousand queries, 1M million docs documents, 20-80ms milliseconds, 7B billion"
    )


def test_sources_lists_the_bundled_articles(kb):
    infos = {i.id: i for i in kb.sources() if i.origin == "bundled"}
    assert set(infos) == {"aiinfox-2026", "ferreira-2026", "tradeoffs-2026", "aieconomyhub-2026", "costlens-2026"}
    assert all(i.complete and i.chunks > 3 for i in infos.values())
    assert sum(i.chunks for i in infos.values()) == len(store._bundled_chunks())
    assert [i.origin for i in kb.sources()][:5] == ["bundled"] * 5  # bundled sources come first


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_adds_good_files_and_skips_bad_ones_with_reasons(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "data")
    kb.ensure_indexed()
    docs = tmp_path / "docs"
    report = _write(docs / "q3-cost-report.md", "# Q3 GPU cost report\n\nOur H100 cluster cost $48,300 in Q3.\n")
    _write(docs / "empty.txt", "")
    (docs / "image.txt").write_bytes(b"\x00\x01\x02binary")
    _write(docs / "notes.docx", "not supported")  # a folder only yields supported files...
    _write(docs / ".git" / "description.txt", "git metadata")  # ...outside hidden folders
    outcomes = kb.ingest([docs, tmp_path / "missing.md"])

    by_name = {Path(o.path).name: o for o in outcomes}
    assert set(by_name) == {"q3-cost-report.md", "empty.txt", "image.txt", "missing.md"}
    assert by_name["q3-cost-report.md"].ok and by_name["q3-cost-report.md"].source_id == "q3-cost-report"
    assert by_name["q3-cost-report.md"].chunks == 1
    assert (by_name["empty.txt"].ok, by_name["empty.txt"].reason) == (False, "empty file")
    assert by_name["image.txt"].reason.startswith("binary content")
    assert by_name["missing.md"].reason == "unreadable: file not found"

    # Searchable by keywords and by meaning, and listed with where it came from.
    keyword = kb.search("H100 cluster Q3 $48,300", k=1)[0]
    assert keyword.source_id == "q3-cost-report" and keyword.title == "your document “Q3 GPU cost report”"
    ids = kb._dense_candidates("Q3 GPU cost report H100 cluster", 5, None)
    assert any(cid.startswith("q3-cost-report#") for cid in ids)
    info = {i.id: i for i in kb.sources()}["q3-cost-report"]
    assert info.origin == str(report.resolve()) and info.chunks == 1

    # Ingesting the same file again changes nothing; a file with the same name elsewhere gets its own id.
    before = _count(kb)
    assert kb.ingest([report])[0].source_id == "q3-cost-report" and _count(kb) == before
    other = _write(tmp_path / "elsewhere" / "q3-cost-report.md", "Different report: $1 spent.\n")
    assert kb.ingest([other])[0].source_id == "q3-cost-report-2"


def test_a_changed_file_replaces_its_old_passages(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "data")
    doc = _write(tmp_path / "quote.txt", "Vendor A quotes $900 per month.\n\nSupport is included.")
    kb.ingest([doc])
    _write(doc, "Vendor A now quotes $1,100 per month.\n\nSupport is included.")
    assert kb.ingest([doc])[0].chunks == 1
    texts = passage_rows(kb._collection.get(where={"source_id": "quote"}, include=["documents", "metadatas"]))[1]
    assert texts == ["Vendor A now quotes $1,100 per month.\n\nSupport is included."]


def test_an_interrupted_ingest_leaves_a_usable_index_and_a_rerun_completes_it(tmp_path, monkeypatch):
    kb = KnowledgeBase.open(tmp_path / "data")
    kb.ensure_indexed()
    paragraphs = [f"Section {i}: the cluster {i} invoice was ${i},250 for GPU hours." for i in range(12)]
    doc = _write(tmp_path / "long.md", "\n\n".join(f"## Part {i}\n\n{p}" for i, p in enumerate(paragraphs)))
    monkeypatch.setattr(store, "BATCH", 4)
    real_embed = kb._embedder.embed
    calls = []

    def embed_then_die(texts):
        calls.append(len(texts))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the second batch
        return real_embed(texts)

    monkeypatch.setattr(kb._embedder, "embed", embed_then_die)
    with pytest.raises(KeyboardInterrupt):
        kb.ingest([doc])

    partial = {i.id: i for i in kb.sources()}["long"]
    assert (partial.chunks, partial.complete) == (4, False)
    assert kb.search("cluster 2 invoice", k=1)  # the index still answers

    monkeypatch.setattr(kb._embedder, "embed", real_embed)
    outcome = kb.ingest([doc])[0]
    assert outcome.ok and outcome.chunks == 12
    done = {i.id: i for i in kb.sources()}["long"]
    assert (done.chunks, done.complete) == (12, True)
    assert "$11,250" in kb.search("cluster 11 invoice GPU hours", k=1, source_id="long")[0].text


def test_a_saved_keyword_index_is_reused_only_while_the_passages_are_unchanged(tmp_path, monkeypatch):
    import bm25s

    monkeypatch.setattr(lexical, "LEXICAL_CACHE_MIN", 1)
    first = KnowledgeBase.open(tmp_path)
    first.ensure_indexed()
    expected = first.search("7B LoRA fine-tune on 100K examples", k=3)
    saved = tmp_path / "bm25" / "fingerprint"
    assert saved.exists()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the BM25 index was rebuilt although a matching one was saved")

    real_index = bm25s.BM25.index
    monkeypatch.setattr(bm25s.BM25, "index", no_rebuild)
    second = KnowledgeBase.open(tmp_path)
    assert second.search("7B LoRA fine-tune on 100K examples", k=3) == expected

    monkeypatch.setattr(bm25s.BM25, "index", real_index)
    before = saved.read_text()
    second.ingest([_write(tmp_path / "memo.md", "Budget memo: $5,000 for the pilot.")])
    assert second.search("budget memo pilot", k=1)[0].source_id == "memo"
    assert saved.read_text() != before  # the changed collection got a new saved index


def test_forget_removes_an_ingested_source_only(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "data")
    kb.ensure_indexed()
    kb.ingest([_write(tmp_path / "memo.md", "Budget memo: $5,000 for the pilot.")])
    assert kb.search("budget memo pilot", k=1)[0].source_id == "memo"
    assert kb.forget("memo") == 1
    assert "memo" not in {i.id for i in kb.sources()}
    assert all(r.source_id != "memo" for r in kb.search("budget memo pilot", k=5))
    with pytest.raises(LookupError, match="no indexed source has id 'memo'"):
        kb.forget("memo")
    with pytest.raises(ValueError, match="bundled source article"):
        kb.forget("ferreira-2026")


def test_opening_with_other_embeddings_is_a_clear_error(tmp_path):
    KnowledgeBase.open(tmp_path).ensure_indexed()
    with pytest.raises(ValueError) as excinfo:
        KnowledgeBase.open(tmp_path, embeddings="openai:text-embedding-3-small", openai_api_key="sk-test")
    message = str(excinfo.value)
    assert "built with wordllama:l2_supercat (256 dimensions)" in message
    assert "openai:text-embedding-3-small (1536 dimensions)" in message
    assert "crossroads reindex" in message


def test_unknown_embeddings_setting_names_the_variable(tmp_path):
    with pytest.raises(ValueError, match="CROSSROADS_EMBEDDINGS='bert' is not supported"):
        KnowledgeBase.open(tmp_path, embeddings="bert")
    with pytest.raises(ValueError, match="needs OPENAI_API_KEY"):
        KnowledgeBase.open(tmp_path, embeddings="openai:text-embedding-3-small")


def test_rebuild_re_embeds_everything_with_the_new_embeddings(tmp_path):
    from fakes.llm_server import FakeLLMServer

    kb = KnowledgeBase.open(tmp_path)
    kb.ensure_indexed()
    kb.ingest([_write(tmp_path / "memo.md", "Budget memo: $5,000 for the pilot.")])
    before = {i.id: i.chunks for i in kb.sources()}
    with FakeLLMServer() as server:
        options = {"embeddings": "openai:fake-embedding", "openai_api_key": "sk-test", "openai_base_url": server.openai_base_url}
        rebuilt = KnowledgeBase.open(tmp_path, rebuild=True, **options)
        assert rebuilt.embedding_model == "openai:fake-embedding"
        assert {i.id: i.chunks for i in rebuilt.sources()} == before  # ingested documents are kept
        assert rebuilt.ensure_indexed() == 0
        assert rebuilt.search("budget memo pilot $5,000", k=1)[0].source_id == "memo"
        KnowledgeBase.open(tmp_path, **options)  # opens without complaint now
    with pytest.raises(ValueError, match="built with openai:fake-embedding"):
        KnowledgeBase.open(tmp_path)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` on 127.0.0.1 and a free port, stopped after the test."""
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_search_through_a_chroma_server_shared_by_two_processes(chroma_server, tmp_path):
    first = KnowledgeBase.open(tmp_path / "a", chroma_url=chroma_server)
    assert first.ensure_indexed() > 50
    second = KnowledgeBase.open(tmp_path / "b", chroma_url=chroma_server)
    assert second.ensure_indexed() == 0  # the index lives on the server, not in the data dir
    assert not (tmp_path / "b" / "chroma").exists()

    top = second.search("How much does a 7B LoRA fine-tune on 100K examples cost?", k=1)[0]
    assert top.source_id == "ferreira-2026" and "$10–50" in top.text

    first.ingest([_write(tmp_path / "shared.md", "Shared finding: inference costs $0.42 per thousand calls.")])
    time.sleep(store.FRESHNESS_SECONDS)  # the other process notices the change on its next check
    assert second.search("shared finding inference per thousand calls", k=1)[0].source_id == "shared"


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(OSError, match="cannot reach the Chroma server at http://127.0.0.1:9"):
        KnowledgeBase.open(tmp_path, chroma_url="http://127.0.0.1:9")
    with pytest.raises(ValueError, match="CROSSROADS_CHROMA_URL"):
        KnowledgeBase.open(tmp_path, chroma_url="ftp://host")
