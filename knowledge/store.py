"""The knowledge base: passages in Chroma, hybrid BM25 + dense search, and the user's own documents.

Chroma is the single source of truth. Every passage is stored once with its vector, its text and
its metadata (source id, title, origin, heading, position, how many passages its source has). The
BM25 index is built in memory from the collection's documents at the first search and rebuilt
whenever the collection's size changes, so it never disagrees with Chroma, also when other
processes share a Chroma server. Large indexes are also saved under the data directory with a
fingerprint of the passages they hold (a hash of all chunk ids, which are hashes of the text); a
saved index is used only while the fingerprint matches the collection. An embedded index keeps a small marker file beside it naming the
embeddings and the bundled corpus it holds, so a start with nothing to index opens nothing heavy.

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

import hashlib
import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import urlparse

from knowledge.articles import load_bundled_articles
from knowledge.chunking import Chunk, chunk_markdown, search_text
from knowledge.documents import SUPPORTED_SUFFIXES, SkippedDocument, read_document
from knowledge.embeddings import Embedder, make_embedder

COLLECTION = "crossroads-knowledge"
# The collection a rebuild fills before it replaces COLLECTION.
STAGING = f"{COLLECTION}-rebuild"
MARKER = "crossroads-index.json"
BUNDLED = "bundled"
DENSE_WEIGHT = 0.8
# How many passages each ranker proposes before fusion.
CANDIDATES = 30
BATCH = 256
# How often a search checks whether another process changed the collection.
FRESHNESS_SECONDS = 2.0
# From this many passages the BM25 index is saved under the data directory (building it takes
# about 0.3 s per 1,000 passages; loading a saved one a tenth of that).
LEXICAL_CACHE_MIN = 5_000
PAGE = 5_000

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SearchResult:
    """One retrieved passage. `score` is its fused BM25 + dense score (module docstring; higher is better)."""

    source_id: str
    title: str
    chunk_id: str
    text: str
    score: float


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


def _fingerprint(ids: Iterable[str]) -> str:
    """Names a set of passages exactly: chunk ids are hashes of their source, heading and text."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("utf-8")).hexdigest()


def _totals(chunks: Iterable[Chunk]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for chunk in chunks:
        totals[chunk.source_id] = totals.get(chunk.source_id, 0) + 1
    return totals


def _bundled_chunks() -> list[Chunk]:
    return [chunk for article in load_bundled_articles() for chunk in chunk_markdown(article.id, article.title, article.text)]


class _LexicalIndex:
    """BM25 over every passage in the collection, plus the passages themselves for result building."""

    def __init__(self, ids: list[str], documents: list[str], metadatas: list[dict], retriever=None) -> None:
        import bm25s
        import numpy as np
        import Stemmer

        # bm25s sets its own logger to DEBUG, which bypasses the application's log level.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.ids = ids
        self.documents = documents
        self.metadatas = metadatas
        self.position = {cid: i for i, cid in enumerate(ids)}
        self._np = np
        self._stemmer = Stemmer.Stemmer("english")
        self._source_of = np.array([m["source_id"] for m in metadatas], dtype=object)
        self.sources = set(self._source_of.tolist())
        self.retriever = retriever
        if retriever is None and ids:
            texts = [expand_figures(_search_text(doc, meta)) for doc, meta in zip(documents, metadatas)]
            self.retriever = bm25s.BM25()
            self.retriever.index(self._tokenize(texts), show_progress=False)

    def save(self, directory: Path, fingerprint: str) -> None:
        """Write the index to `directory`, replacing what was there; the fingerprint file goes last,
        so a reader never takes a half-written index for a complete one."""
        import os
        import shutil

        staging = directory.with_name(f"{directory.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        self.retriever.save(str(staging / "bm25"), show_progress=False)
        passages = {"ids": self.ids, "documents": self.documents, "metadatas": self.metadatas}
        (staging / "passages.json").write_text(json.dumps(passages), encoding="utf-8")
        (staging / "fingerprint").write_text(fingerprint, encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        staging.rename(directory)

    @classmethod
    def load(cls, directory: Path, fingerprint: str) -> "_LexicalIndex | None":
        """The index saved in `directory` if it was built from exactly the passages `fingerprint` names."""
        import bm25s

        try:
            if (directory / "fingerprint").read_text(encoding="utf-8") != fingerprint:
                return None
            passages = json.loads((directory / "passages.json").read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(directory / "bm25"), show_progress=False)
        except (OSError, ValueError, KeyError):  # absent, or replaced by another process while reading
            return None
        return cls(passages["ids"], passages["documents"], passages["metadatas"], retriever)

    def _tokenize(self, texts: list[str]):
        import bm25s

        return bm25s.tokenize(
            texts, token_pattern=r"(?u)\b\w+\b", stopwords="en", stemmer=self._stemmer, show_progress=False
        )

    def scores(self, query: str, source_id: str | None):
        """BM25 score of every passage for `query` divided by the best one (all 0 if nothing matches)."""
        np = self._np
        tokens = bm25_query_tokens(query, self._stemmer)
        if self.retriever is None or not tokens:
            return np.zeros(len(self.ids))
        scores = self.retriever.get_scores(tokens)
        if source_id is not None:
            scores = np.where(self._source_of == source_id, scores, 0.0)
        best = float(scores.max()) if len(scores) else 0.0
        return scores / best if best > 0 else scores

    def top(self, scores, depth: int) -> list[int]:
        """Positions of the `depth` best-scoring passages that match at all."""
        np = self._np
        depth = min(depth, len(scores))
        if depth == 0:
            return []
        top = np.argpartition(-scores, depth - 1)[:depth]
        return [int(i) for i in top if scores[i] > 0]


# Figures are written "1K", "1M docs", "200ms"; questions say "thousand", "million documents",
# "milliseconds". Both sides get the spelled-out word so keyword search can match either way.
_ABBREVIATED = re.compile(r"\b\d[\d.,]*\s?(?:(?P<k>[kK])|(?P<m>M)|(?P<b>B)|(?P<ms>ms))\b|\b(?P<docs>[dD]ocs)\b")
_SPELLED_OUT = {"k": " thousand", "m": " million", "b": " billion", "ms": " milliseconds", "docs": " documents"}


def expand_figures(text: str) -> str:
    """`text` with abbreviated units spelled out after them ("1K" -> "1K thousand")."""
    return _ABBREVIATED.sub(lambda match: match.group(0) + _SPELLED_OUT[match.lastgroup], text)


def bm25_query_tokens(query: str, stemmer) -> list[str]:
    """The query's stemmed tokens, without stopwords, as the BM25 index was built."""
    import bm25s

    tokenized = bm25s.tokenize(
        [expand_figures(query)], token_pattern=r"(?u)\b\w+\b", stopwords="en", stemmer=stemmer,
        return_ids=False, show_progress=False,
    )
    return list(tokenized[0])


def _search_text(document: str, meta: dict) -> str:
    """A stored passage's search text, exactly as `Chunk.search_text` built it at indexing."""
    return search_text(meta.get("title", ""), meta.get("heading", ""), document)


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
    ) -> None:
        self._connect = connect
        self._cache_dir = cache_dir
        self._connected = None
        self._embedder = embedder
        self._location = location
        self._progress = progress or (lambda message: None)
        self._marker = marker
        self._lexical: _LexicalIndex | None = None
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

        def connect():
            client = _chroma_client(data_dir, chroma_url)
            return _open_collection(client, embedder, location, rebuild, progress)

        # An embedded index records what built it in a small file beside it, so that a start with
        # nothing to do needs neither Chroma (1-2 s to import) nor the embedding model.
        marker = None if chroma_url else data_dir / "chroma" / MARKER
        kb = cls(connect, embedder, location, progress, marker, cache_dir=data_dir / "bm25")
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
        return {"embedding_model": self._embedder.name, "embedding_dim": self._embedder.dim}

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
        if self._marker is None:
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
        fingerprint = _fingerprint(chunk.id for chunk in expected)
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
        self._write_marker(fingerprint)
        return len(missing)

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
        best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        rows: dict[str, tuple[str, dict]] = {}
        newer = [cid for cid, _ in best if cid not in lexical.position]
        if newer:  # added by another process since the BM25 index was built
            found = self._collection.get(ids=newer, include=["documents", "metadatas"])
            rows = dict(zip(found["ids"], zip(found["documents"], found["metadatas"])))
        results = []
        for cid, score in best:
            i = lexical.position.get(cid)
            if i is None and cid not in rows:  # deleted again in the meantime
                continue
            document, meta = (lexical.documents[i], lexical.metadatas[i]) if i is not None else rows[cid]
            results.append(SearchResult(meta["source_id"], meta.get("title", ""), cid, document, round(score, 6)))
        return results

    def _dense_candidates(self, query: str, depth: int, source_id: str | None) -> dict[str, float]:
        """Cosine similarity to the query of the `depth` nearest passages, by chunk id."""
        vector = self._embedder.embed([query])[0].tolist()
        where = {"source_id": source_id} if source_id is not None else None
        # Only distances: the texts are already in memory, and fetching them doubles the query time.
        found = self._collection.query(query_embeddings=[vector], n_results=depth, where=where, include=["distances"])
        # Chroma's cosine space stores distance = 1 - cosine similarity.
        return {cid: 1.0 - float(distance) for cid, distance in zip(found["ids"][0], found["distances"][0])}

    def _fresh_lexical(self) -> _LexicalIndex:
        now = time.monotonic()
        lexical = self._lexical  # read once: a concurrent ingest may reset it
        if lexical is not None and now - self._checked_at < FRESHNESS_SECONDS:
            return lexical
        with self._lock:
            self._checked_at = now
            count = self._collection.count()
            if self._lexical is None or count != self._lexical_count:
                self._lexical = self._build_lexical()
                self._lexical_count = count
            return self._lexical

    def _build_lexical(self) -> _LexicalIndex:
        total = self._collection.count()
        cache = self._cache_dir if total >= LEXICAL_CACHE_MIN else None
        if cache is not None:
            ids = [cid for offset in range(0, total, PAGE) for cid in self._collection.get(include=[], limit=PAGE, offset=offset)["ids"]]
            cached = _LexicalIndex.load(cache, _fingerprint(ids))
            if cached is not None:
                return cached
            self._progress(f"Building the keyword index over {total} passages (once; it is saved)...")
        ids, documents, metadatas = [], [], []
        for offset in range(0, total, PAGE):
            page = self._collection.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
            ids += page["ids"]
            documents += page["documents"]
            metadatas += page["metadatas"]
        lexical = _LexicalIndex(ids, documents, metadatas)
        if cache is not None:
            try:
                lexical.save(cache, _fingerprint(ids))
            except OSError:  # a read-only data directory: search still works, only slower to start
                pass
        return lexical

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
        total = self._collection.count()
        for offset in range(0, total, PAGE):
            yield from self._collection.get(include=["metadatas"], limit=PAGE, offset=offset)["metadatas"]

    def forget(self, source_id: str) -> int:
        """Remove one ingested source and all its passages; returns how many passages went."""
        ids = self._collection.get(where={"source_id": source_id}, include=["metadatas"])
        if not ids["ids"]:
            raise LookupError(f"no indexed source has id {source_id!r}; `crossroads sources` lists them")
        if ids["metadatas"][0].get("origin") == BUNDLED:
            raise ValueError(f"{source_id!r} is a bundled source article and cannot be forgotten")
        self._collection.delete(where={"source_id": source_id})
        self._lexical = None
        return len(ids["ids"])

    # ---- the user's documents ------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path | str]) -> list[IngestOutcome]:
        """Add documents (Markdown, text, HTML, PDF; folders are searched) to the knowledge base.

        Each file is added or skipped with a reason; one bad file never stops the others. Passages
        are stored in batches, so an interrupted ingest leaves a usable index and running it again
        adds only what is missing. Ingesting a changed file again replaces its passages.
        """
        outcomes = []
        for path in _expand(paths):
            try:
                outcomes.append(self._ingest_one(path))
            except (SkippedDocument, OSError) as exc:
                outcomes.append(IngestOutcome(str(path), False, None, 0, str(exc)))
        self._lexical = None
        return outcomes

    def _ingest_one(self, path: Path) -> IngestOutcome:
        document = read_document(path)
        origin = str(path.resolve())
        source_id = self._source_id_for(origin, path)
        chunks = chunk_markdown(source_id, document.title, document.text)
        if not chunks:
            raise SkippedDocument("no text found in the file")
        present = set(self._collection.get(where={"source_id": source_id}, include=[])["ids"])
        missing = [chunk for chunk in chunks if chunk.id not in present]
        if missing:
            self._progress(f"{path}: storing {len(missing)} new passage{'' if len(missing) == 1 else 's'}...")
            self._add(missing, origin=origin, totals={source_id: len(chunks)})
        # Old passages of a changed file go only after the new ones are in: never an empty source.
        stale = present - {chunk.id for chunk in chunks}
        if stale:
            self._collection.delete(ids=sorted(stale))
        return IngestOutcome(str(path), True, source_id, len(chunks), None)

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
        """Store passages not yet in the index (by id); returns how many were added."""
        present = set()
        for start in range(0, len(chunks), PAGE):
            present |= set(self._collection.get(ids=[c.id for c in chunks[start:start + PAGE]], include=[])["ids"])
        missing = [chunk for chunk in chunks if chunk.id not in present]
        self._add(missing, origin=origin, totals=_totals(chunks))
        self._lexical = None
        return len(missing)

    def _add(self, chunks: Sequence[Chunk], origin: str, totals: dict[str, int]) -> None:
        """Embed and store `chunks`; `totals` is how many passages each of their sources has in all."""
        for start in range(0, len(chunks), BATCH):
            batch = chunks[start:start + BATCH]
            vectors = self._embedder.embed([chunk.search_text for chunk in batch])
            self._collection.upsert(
                ids=[chunk.id for chunk in batch],
                embeddings=vectors.tolist(),
                documents=[chunk.text for chunk in batch],
                metadatas=[
                    {
                        "source_id": chunk.source_id,
                        "title": chunk.title,
                        "heading": chunk.heading,
                        "position": chunk.position,
                        "origin": origin,
                        "source_chunks": totals[chunk.source_id],
                    }
                    for chunk in batch
                ],
            )
            if len(chunks) > BATCH:
                self._progress(f"  {min(start + BATCH, len(chunks))}/{len(chunks)} passages")


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and the supported files inside any folder given (hidden ones left out)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    return files


def _chroma_client(data_dir: Path, chroma_url: str | None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not chroma_url:
        path = data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError(f"CROSSROADS_CHROMA_URL={chroma_url!r} is not a URL like http://127.0.0.1:8000")
    port = url.port or (443 if url.scheme == "https" else 8000)
    try:
        client = chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
        client.heartbeat()
    except Exception as exc:  # noqa: BLE001 - chromadb raises bare Exception/ValueError subclasses for network faults
        raise OSError(f"cannot reach the Chroma server at {chroma_url} ({exc}); is `chroma run` running there?") from None
    return client


def _open_collection(client, embedder: Embedder, location: str, rebuild: bool, progress: Progress | None):
    wanted = {"embedding_model": embedder.name, "embedding_dim": embedder.dim}
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    if COLLECTION not in existing and STAGING in existing:
        # A rebuild was interrupted between dropping the old collection and renaming the new one.
        client.get_collection(STAGING, embedding_function=None).modify(name=COLLECTION)
        existing.add(COLLECTION)
    if COLLECTION not in existing:
        return client.create_collection(COLLECTION, embedding_function=None, metadata={**wanted, "hnsw:space": "cosine"})
    collection = client.get_collection(COLLECTION, embedding_function=None)
    built = {key: (collection.metadata or {}).get(key) for key in wanted}
    if built == wanted:
        return collection
    if not rebuild:
        raise ValueError(
            f"the knowledge index at {location} was built with {built['embedding_model']} "
            f"({built['embedding_dim']} dimensions) but CROSSROADS_EMBEDDINGS gives {embedder.name} "
            f"({embedder.dim} dimensions); run `crossroads reindex` to rebuild it (ingested documents are kept), "
            "or set CROSSROADS_EMBEDDINGS back"
        )
    return _rebuild(client, collection, embedder, wanted, progress or (lambda message: None))


def _rebuild(client, old, embedder: Embedder, wanted: dict, progress: Progress):
    """Re-embed every stored passage with `embedder` into a fresh collection that replaces `old`."""
    total = old.count()
    rows = []
    for offset in range(0, total, PAGE):
        page = old.get(include=["documents", "metadatas"], limit=PAGE, offset=offset)
        rows += list(zip(page["ids"], page["documents"], page["metadatas"]))
    progress(f"Re-embedding {len(rows)} passages with {embedder.name}...")
    # Built under another name and swapped in at the end: an interrupted rebuild loses nothing (if
    # it stops between the drop and the rename, the next open finishes the swap).
    if STAGING in {c.name if hasattr(c, "name") else c for c in client.list_collections()}:
        client.delete_collection(STAGING)
    collection = client.create_collection(STAGING, embedding_function=None, metadata={**wanted, "hnsw:space": "cosine"})
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        vectors = embedder.embed([_search_text(doc, meta) for _, doc, meta in batch])
        collection.add(
            ids=[cid for cid, _, _ in batch],
            embeddings=vectors.tolist(),
            documents=[doc for _, doc, _ in batch],
            metadatas=[meta for _, _, meta in batch],
        )
    client.delete_collection(COLLECTION)
    collection.modify(name=COLLECTION)
    return collection
