"""The knowledge base: passages in Chroma, hybrid BM25 + dense search, and the user's own documents.

`KnowledgeBase` is the facade; Chroma (`knowledge.chroma`) stores the passages and the BM25 index
(`knowledge.lexical`) is built from them.

Chroma is the single source of truth. Every passage is stored once with its vector and its metadata
(its text, source id, title, origin, heading, position, how many passages its source has; the text
not as a Chroma document, whose full-text index nothing queries). The BM25 index is built in memory
from the collection at the first search and rebuilt whenever the collection's size changes, so it
never disagrees with Chroma, also when other processes share a Chroma server. Large indexes are also
saved under the data directory (when they are built, by `index_chunks`, else at the first search)
with a fingerprint of the passages they hold (a hash of all chunk ids, which are hashes of the text);
a saved index is used only while the fingerprint matches the collection. An embedded index keeps a
small marker file beside it naming the embeddings and the bundled corpus it holds.

Search runs BM25 and dense search separately and fuses their scores. A passage's `score` is

    bm25 / best_bm25  +  DENSE_WEIGHT * cosine

where `best_bm25` is the best BM25 score any passage got for this query (so the first term is in
[0, 1]) and `cosine` is the cosine similarity of the query's and the passage's embeddings. A
passage outside the dense candidates gets the lowest candidate cosine, an upper bound of its own.
On the retrieval question set this beat reciprocal rank fusion (recall@3 0.971 against 0.956) and
was stable for DENSE_WEIGHT from 0.5 to 1.0. Scores order results within one query; about 1.0 or
more is a strong match, but they are not comparable across queries.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from knowledge.articles import load_bundled_articles
from knowledge.chroma import (
    BATCH, PAGE, IndexFault, Progress, connect_collection, embedding_metadata, passage_metadata, passage_rows,
    read_only_fault, store_passages, stored_pages,
)
from knowledge.chunking import Chunk, chunk_markdown, passages_fingerprint
from knowledge.documents import SkippedDocument, document_files, read_document
from knowledge.embeddings import Embedder, make_embedder
from knowledge import lexical as keyword_index
from knowledge.lexical import LexicalIndex, passage_tokens
from knowledge.manifest import MANIFEST, DocumentRecord, Manifest

MARKER = "crossroads-index.json"
BUNDLED = keyword_index.CURATED
DENSE_WEIGHT = 0.8
# How many passages each ranker proposes before fusion.
CANDIDATES = 30
# How often a search checks whether another process changed the collection.
FRESHNESS_SECONDS = 2.0


@dataclass(frozen=True)
class SearchResult:
    """One retrieved passage. `score` is its fused BM25 + dense score (module docstring; higher is better).

    A passage of the user's own documents has `origin` set to the file it came from and a `title`
    that says so ("your document “…”"), with a `caution` when one of its figures falls outside what
    the curated sources state for the same quantity.
    """

    source_id: str
    title: str
    chunk_id: str
    text: str
    score: float
    origin: str = "bundled"
    caution: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """One indexed source. `origin` is "bundled" or the path a document was ingested from;
    `complete` is False while an interrupted ingest has stored only some of its passages."""

    id: str
    title: str
    chunks: int
    origin: str
    complete: bool = True


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file given to `ingest`: added (ok) or skipped with the reason."""

    path: str
    ok: bool
    source_id: str | None
    chunks: int
    reason: str | None
    # What was left out of an added file: lines addressing the assistant ("SYSTEM: ...").
    left_out: tuple[str, ...] = ()


def _totals(chunks: Iterable[Chunk]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for chunk in chunks:
        totals[chunk.source_id] = totals.get(chunk.source_id, 0) + 1
    return totals


def _bundled_chunks() -> list[Chunk]:
    return [chunk for article in load_bundled_articles() for chunk in chunk_markdown(article.id, article.title, article.text)]


def _result(cid: str, document: str, meta: dict, score: float) -> SearchResult | None:
    """A passage as search returns it (the user's documents as `provenance.user_passage` shows them)."""
    origin = meta.get("origin", BUNDLED)
    if origin == BUNDLED:
        return SearchResult(meta["source_id"], meta.get("title", ""), cid, document, round(score, 6))
    from knowledge.provenance import user_passage  # its patterns take ~10 ms: only a search needs them

    shown = user_passage(document, meta.get("title", ""))
    if shown is None:
        return None
    text, title, warning = shown
    return SearchResult(meta["source_id"], title, cid, text, round(score, 6), origin, warning)


class KnowledgeBase:
    """The indexed corpus: bundled articles plus ingested documents, searchable by hybrid search."""

    def __init__(
        self,
        connect: Callable[[], object],
        embedder: Embedder,
        location: str,
        progress: Progress | None = None,
        marker: Path | None = None,
        cache_dir: Path | None = None,
        manifest: Path | None = None,
    ) -> None:
        self._connect = connect
        self._cache_dir = cache_dir
        self._manifest = Manifest(manifest)
        # True once connected to a temporary copy of an index this process may not write.
        self.read_only = False
        # Opened by `crossroads reindex`, which restores the documents an index lost itself.
        self.rebuilding = False
        self._connected = None
        self._embedder = embedder
        self._location = location
        self._progress = progress or (lambda message: None)
        self._marker = marker
        self._lexical: LexicalIndex | None = None
        self._lexical_count = -1
        self._checked_at = 0.0
        # Front-ends search from several threads (Slack, parallel evals): connecting to Chroma and
        # building the keyword index happen once, under this lock.
        self._lock = threading.RLock()

    # ---- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: Path,
        chroma_url: str | None = None,
        embeddings: str = "wordllama",
        openai_api_key: str | None = None,
        openai_base_url: str | None = None,
        progress: Progress | None = None,
        rebuild: bool = False,
    ) -> "KnowledgeBase":
        """Open (creating if needed) the index under `data_dir`, or on the Chroma server at `chroma_url`.

        Raises ValueError if the index was built with other embeddings, unless `rebuild` is True,
        in which case every stored passage is re-embedded with the configured embeddings.
        """
        embedder = make_embedder(embeddings, openai_api_key, openai_base_url)
        data_dir = Path(data_dir)
        location = chroma_url or str(data_dir / "chroma")
        kb: KnowledgeBase

        def connect():
            collection, kb.read_only = connect_collection(data_dir, chroma_url, embedder, rebuild, progress)
            return collection

        # An embedded index records what built it in a small file beside it, so that a start with
        # nothing to do needs neither Chroma (1-2 s to import) nor the embedding model.
        marker = None if chroma_url else data_dir / "chroma" / MARKER
        kb = cls(connect, embedder, location, progress, marker, cache_dir=data_dir / "bm25",
                 manifest=None if chroma_url else data_dir / MANIFEST)
        kb.rebuilding = rebuild
        if rebuild or not kb._marker_says(embedder_only=True):
            kb._collection  # connect now, so that an embeddings mismatch is reported at open
        return kb

    @property
    def _collection(self):
        if self._connected is None:
            with self._lock:
                if self._connected is None:
                    self._connected = self._connect()
        return self._connected

    def _marker_state(self) -> dict:
        return embedding_metadata(self._embedder)

    def _marker_says(self, bundled: str | None = None, embedder_only: bool = False) -> bool:
        if self._marker is None or not self._marker.exists():
            return False
        try:
            recorded = json.loads(self._marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        wanted = self._marker_state()
        if embedder_only:
            return all(recorded.get(key) == value for key, value in wanted.items())
        return recorded == {**wanted, "bundled": bundled}

    def _write_marker(self, bundled: str) -> None:
        if self._marker is None or self.read_only:
            return
        staging = self._marker.with_suffix(".tmp")
        staging.write_text(json.dumps({**self._marker_state(), "bundled": bundled}), encoding="utf-8")
        staging.replace(self._marker)

    def warm_up(self) -> None:
        """Connect to Chroma, load the embedding model and build the keyword index now rather than
        at the first search (a front-end can call this in a background thread at start)."""
        self._fresh_lexical()
        self._embedder.embed(["warm up"])

    @property
    def embedding_model(self) -> str:
        return self._embedder.name

    def passage_count(self) -> int:
        """How many passages are indexed, over all sources."""
        return self._collection.count()

    # ---- the bundled corpus --------------------------------------------------------------------

    def ensure_indexed(self) -> int:
        """Index the bundled corpus if it is missing or changed; returns how many passages were added.

        Cheap when nothing changed: it compares passage ids, which are hashes of the text.
        """
        expected = _bundled_chunks()
        fingerprint = passages_fingerprint(chunk.id for chunk in expected)
        if self._marker_says(bundled=fingerprint):
            return 0
        present = set(self._collection.get(where={"origin": BUNDLED}, include=[])["ids"])
        missing = [chunk for chunk in expected if chunk.id not in present]
        stale = present - {chunk.id for chunk in expected}
        if missing:
            self._progress(f"Indexing the bundled corpus ({len(missing)} passages)...")
            self._add(missing, origin=BUNDLED, totals=_totals(expected))
        if stale:
            self._collection.delete(ids=sorted(stale))
        if missing or stale:
            self._lexical = None
        lost = [] if self.rebuilding else self.missing_documents()
        if lost:
            # The index was rebuilt from nothing (deleted, or replaced after damage): say what it lost.
            names = ", ".join(f"{d.source_id} ({d.origin})" for d in lost)
            self._progress(
                f"{len(lost)} of your ingested documents are not in the knowledge index at {self._location}: {names}. "
                "Run `crossroads reindex` to read them again from their files."
            )
        self._write_marker(fingerprint)
        return len(missing)

    def missing_documents(self) -> list[DocumentRecord]:
        """Documents the user ingested (the record beside the index) that the index no longer holds."""
        recorded = self._manifest.read()
        if not recorded:
            return []
        return [
            document for sid, document in recorded.items()
            if not self._collection.get(where={"source_id": sid}, include=[], limit=1)["ids"]
        ]

    def restore_documents(self) -> tuple[list[IngestOutcome], list[DocumentRecord]]:
        """Ingest again every recorded document the index lost, from its file: (outcomes, the
        documents whose file is gone)."""
        lost = self.missing_documents()
        present = [d for d in lost if Path(d.origin).is_file()]
        gone = [d for d in lost if not Path(d.origin).is_file()]
        return (self.ingest([d.origin for d in present]) if present else []), gone

    # ---- search --------------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, source_id: str | None = None) -> list[SearchResult]:
        """The `k` passages best matching `query`, optionally only from source `source_id`."""
        query = query.strip()
        if not query:
            raise ValueError("query is empty: say what you are looking for")
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        lexical = self._fresh_lexical()
        if source_id is not None and source_id not in lexical.sources:
            raise LookupError(f"no indexed source has id {source_id!r}; `crossroads sources` lists them")
        if not lexical.ids:
            return []
        depth = max(CANDIDATES, k)
        lexical_scores = lexical.scores(query, source_id)
        cosines = self._dense_candidates(query, depth, source_id)
        floor = min(cosines.values(), default=0.0)
        candidates = {lexical.ids[i] for i in lexical.top(lexical_scores, depth)} | set(cosines)
        fused = {}
        for cid in candidates:
            i = lexical.position.get(cid)
            lexical_part = float(lexical_scores[i]) if i is not None else 0.0
            fused[cid] = lexical_part + DENSE_WEIGHT * cosines.get(cid, floor)
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        best = ranked[:k]
        rows = self._rows([cid for cid, _ in best])
        results = [r for r in (_result(cid, *rows[cid], score) for cid, score in best if cid in rows) if r is not None]

        # Of the other ranked passages only the curated ones can be brought in, and only when a user's
        # figure needs them: they are read then, in one request.
        unread = [cid for cid, _ in ranked[k:] if cid in lexical.curated or cid not in lexical.position]

        def candidate(cid: str) -> tuple[str, bool] | None:
            if unread and cid not in rows and (cid in lexical.curated or cid not in lexical.position):
                rows.update(self._rows(unread))
                unread.clear()
            found = rows.get(cid)  # None for a passage of the user's beyond the k best: never needed
            return None if found is None else (found[0], found[1].get("origin") == BUNDLED)

        from knowledge.provenance import curated_first

        return curated_first(results, ranked, candidate, lambda cid, score: _result(cid, *rows[cid], score))

    def _rows(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """(text, metadata) of each passage of `ids` still stored (one deleted meanwhile is absent)."""
        if not ids:
            return {}
        found_ids, texts, metadatas = passage_rows(self._collection.get(ids=ids, include=["documents", "metadatas"]))
        return dict(zip(found_ids, zip(texts, metadatas)))

    def _dense_candidates(self, query: str, depth: int, source_id: str | None) -> dict[str, float]:
        """Cosine similarity to the query of the `depth` nearest passages, by chunk id."""
        vector = self._embedder.embed([query])[0].tolist()
        where = {"source_id": source_id} if source_id is not None else None
        # Only distances: fetching the texts of every candidate doubles the query time; only the few
        # passages returned are read, after fusion.
        found = self._collection.query(query_embeddings=[vector], n_results=depth, where=where, include=["distances"])
        # Chroma's cosine space stores distance = 1 - cosine similarity.
        return {cid: 1.0 - float(distance) for cid, distance in zip(found["ids"][0], found["distances"][0])}

    def _fresh_lexical(self) -> LexicalIndex:
        now = time.monotonic()
        lexical = self._lexical  # read once: a concurrent ingest may reset it
        if lexical is not None and now - self._checked_at < FRESHNESS_SECONDS:
            return lexical
        with self._lock:
            self._checked_at = now
            count = self._collection.count()
            if self._lexical is None or count != self._lexical_count:
                self._lexical = LexicalIndex.of_collection(self._collection, self._cache_dir, self._progress, count)
                self._lexical_count = count
            return self._lexical

    # ---- sources -------------------------------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        """Every indexed source with its title, passage count and origin; bundled sources first."""
        found: dict[str, dict] = {}
        counts: dict[str, int] = {}
        expected: dict[str, int] = {}
        for meta in self._all_metadatas():
            sid = meta["source_id"]
            found.setdefault(sid, meta)
            counts[sid] = counts.get(sid, 0) + 1
            # Passages left by an older version of a re-ingested file may carry another size.
            expected[sid] = max(expected.get(sid, 0), int(meta.get("source_chunks", 0)))
        infos = [
            SourceInfo(sid, meta.get("title", ""), counts[sid], meta.get("origin", ""), counts[sid] >= expected[sid])
            for sid, meta in found.items()
        ]
        return sorted(infos, key=lambda info: (info.origin != BUNDLED, info.id))

    def _all_metadatas(self) -> Iterable[dict]:
        for page in stored_pages(self._collection, ["metadatas"]):
            yield from page["metadatas"]

    def _require_writable(self, command: str) -> None:
        self._collection  # connecting tells whether the index is a read-only copy
        if self.read_only:
            raise read_only_fault(self._location, command)

    def forget(self, source_id: str) -> int:
        """Remove one ingested source and all its passages; returns how many passages went."""
        self._require_writable(f"forget {source_id}")
        ids = self._collection.get(where={"source_id": source_id}, include=["metadatas"])
        if not ids["ids"]:
            raise LookupError(f"no indexed source has id {source_id!r}; `crossroads sources` lists them")
        if ids["metadatas"][0].get("origin") == BUNDLED:
            raise ValueError(f"{source_id!r} is a bundled source article and cannot be forgotten")
        self._collection.delete(where={"source_id": source_id})
        self._manifest.drop(source_id)
        self._lexical = None
        return len(ids["ids"])

    # ---- the user's documents ------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path | str]) -> list[IngestOutcome]:
        """Add documents (Markdown, text, HTML, PDF; folders are searched) to the knowledge base.

        Each file is added or skipped with a reason; one bad file never stops the others. Passages
        are stored in batches, so an interrupted ingest leaves a usable index and running it again
        adds only what is missing. Ingesting a changed file again replaces its passages.
        """
        self._require_writable("ingest")
        outcomes = []
        try:
            for path in document_files(paths):
                try:
                    outcomes.append(self._ingest_one(path))
                except IndexFault:
                    raise  # the index itself failed (a full disk, damage): no later file would fare better
                except (SkippedDocument, OSError) as exc:
                    outcomes.append(IngestOutcome(str(path), False, None, 0, str(exc)))
                except Exception as exc:  # noqa: BLE001 - one odd file never stops the batch
                    outcomes.append(IngestOutcome(str(path), False, None, 0, f"could not be read ({type(exc).__name__}: {exc})"))
        finally:
            self._lexical = None
        return outcomes

    def _ingest_one(self, path: Path) -> IngestOutcome:
        document = read_document(path)
        origin = str(path.resolve())
        source_id = self._source_id_for(origin, path)
        # Lines that address the assistant are not information: they never become a passage.
        from knowledge.provenance import without_instructions

        text, left_out = without_instructions(document.text)
        chunks = chunk_markdown(source_id, document.title, text)
        if not chunks:
            raise SkippedDocument("no text found in the file" + (" (only lines addressing an assistant)" if left_out else ""))
        present = set(self._collection.get(where={"source_id": source_id}, include=[])["ids"])
        missing = [chunk for chunk in chunks if chunk.id not in present]
        if missing:
            self._progress(f"{path}: storing {len(missing)} new passage{'' if len(missing) == 1 else 's'}...")
            self._add(missing, origin=origin, totals={source_id: len(chunks)})
        # Old passages of a changed file go only after the new ones are in: never an empty source.
        stale = present - {chunk.id for chunk in chunks}
        if stale:
            self._collection.delete(ids=sorted(stale))
        self._manifest.record(DocumentRecord(source_id, document.title, origin, len(chunks)))
        return IngestOutcome(str(path), True, source_id, len(chunks), None, tuple(left_out))

    def _source_id_for(self, origin: str, path: Path) -> str:
        same_file = self._collection.get(where={"origin": origin}, include=["metadatas"], limit=1)
        if same_file["ids"]:
            return same_file["metadatas"][0]["source_id"]
        base = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"
        bundled = {article.id for article in load_bundled_articles()}
        candidate, n = base, 1
        while candidate in bundled or self._collection.get(where={"source_id": candidate}, include=[], limit=1)["ids"]:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # ---- writing -------------------------------------------------------------------------------

    def index_chunks(self, chunks: Sequence[Chunk], origin: str) -> int:
        """Store passages not yet in the index (by id); returns how many were added. A large index
        gets its keyword index built and saved here, not at the first search."""
        self._require_writable("index")
        present = set()
        for start in range(0, len(chunks), PAGE):
            present |= set(self._collection.get(ids=[c.id for c in chunks[start:start + PAGE]], include=[])["ids"])
        missing = [chunk for chunk in chunks if chunk.id not in present]
        keyword = self._cache_dir is not None and self._collection.count() + len(missing) >= keyword_index.LEXICAL_CACHE_MIN
        tokens = self._add(missing, origin=origin, totals=_totals(chunks), keyword=keyword)
        self._lexical = None
        if keyword and missing:
            self._save_lexical(missing, origin, _totals(chunks), tokens)
        return len(missing)

    def _save_lexical(self, added: Sequence[Chunk], origin: str, totals: dict[str, int], tokens: list[list[str]]) -> None:
        """The keyword index over the whole collection, built from the passages just `added` (with the
        `tokens` made while they were stored) and the rows already there: kept for this process's
        searches and saved for the next process's."""
        with self._lock:
            count = self._collection.count()
            self._lexical = LexicalIndex.with_added(
                self._collection, [c.id for c in added], [passage_metadata(c, origin, totals) for c in added],
                tokens, save_to=self._cache_dir,
            )
            self._lexical_count, self._checked_at = count, time.monotonic()

    def _add(self, chunks: Sequence[Chunk], origin: str, totals: dict[str, int], keyword: bool = False) -> list[list[str]]:
        """Embed and store `chunks` (`chroma.store_passages`, in batches of BATCH); `totals` is how
        many passages each of their sources has in all. With `keyword`, returns each passage's
        keyword-index tokens."""
        return store_passages(self._collection, self._embedder, chunks, origin, totals, BATCH, self._progress,
                              passage_tokens if keyword else None)
