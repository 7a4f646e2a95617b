"""Chroma, where every passage is stored: the client, and opening (or rebuilding) the collection.

The collection records the embeddings it was built with (model and dimensions) in its metadata. Opening
it with other embeddings is an error that says how to fix it, unless a rebuild is asked for: then every
stored passage is re-embedded into a staging collection that replaces the old one only when complete.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from knowledge.chunking import Chunk, stored_search_text
from knowledge.embeddings import Embedder

COLLECTION = "crossroads-knowledge"
# The collection a rebuild fills before it replaces COLLECTION.
STAGING = f"{COLLECTION}-rebuild"
# Passages embedded and stored per request: Chroma's per-request overhead is paid once per batch, and
# one batch is embedded while the one before it is stored.
BATCH = 2_048
# Rows read per request.
PAGE = 5_000
# A passage's text is kept in this metadata key, not in Chroma's `documents`: Chroma keeps a trigram
# full-text index of every document (three fifths of the database and half of each insert), and
# nothing here queries it: keyword search is BM25 (`knowledge.lexical`). Indexes built before keep
# their documents; `passage_rows` reads either.
TEXT_KEY = "text"

Progress = Callable[[str], None]


class IndexFault(OSError):
    """The knowledge index cannot be used as asked; the message names it and what fixes it."""


def read_only_fault(location: str, command: str) -> IndexFault:
    return IndexFault(
        f"the knowledge index at {location} is read-only: `crossroads {command}` needs to write there; "
        "make the data directory writable, or point CROSSROADS_DATA_DIR at a writable copy"
    )


def index_fault(location: str, exc: BaseException) -> IndexFault | None:
    """What an error from Chroma (or the files under it) means for whoever must fix it; None when
    it is none of the environment's faults (a bug: let it surface)."""
    if isinstance(exc, IndexFault):
        return exc
    detail = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    lowered = detail.lower()
    errno = getattr(exc, "errno", None)
    if "readonly" in lowered or "read-only" in lowered or errno in (13, 30):  # EACCES, EROFS
        return IndexFault(
            f"the knowledge index at {location} is read-only ({detail}); make the data directory writable, "
            "or point CROSSROADS_DATA_DIR at a writable copy"
        )
    if "disk is full" in lowered or "disk i/o error" in lowered or "file too large" in lowered or errno in (28, 27):
        return IndexFault(
            f"cannot write the knowledge index at {location}: the disk is full or a file-size limit was reached "
            f"({detail}); free some space and run the command again (`crossroads ingest` adds only what is missing)"
        )
    if any(word in lowered for word in ("malformed", "not a database", "no such table", "corrupt", "database disk image")):
        return IndexFault(
            f"the knowledge index at {location} is damaged ({detail}); run `crossroads reindex` to rebuild it "
            "(the documents you ingested are read again from their files)"
        )
    return None


class GuardedCollection:
    """A Chroma collection whose environment faults (a full disk, a damaged or read-only database)
    are `IndexFault`s naming the index and what fixes it."""

    def __init__(self, collection: Any, location: str) -> None:
        self._collection = collection
        self._location = location

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._collection, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return attribute(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - Chroma raises its own classes for database faults
                fault = index_fault(self._location, exc)
                if fault is None:
                    raise
                raise fault from exc

        return guarded


def embedding_metadata(embedder: Embedder) -> dict:
    """What a collection (and the marker beside an embedded index) records about its embeddings."""
    return {"embedding_model": embedder.name, "embedding_dim": embedder.dim}


def stored_pages(collection, include: list[str], total: int | None = None) -> Iterator[dict]:
    """The collection's rows (the first `total`, default all), one `get` of PAGE rows at a time."""
    total = collection.count() if total is None else total
    for offset in range(0, total, PAGE):
        yield collection.get(include=include, limit=PAGE, offset=offset)


def stored_ids(collection, total: int | None = None) -> list[str]:
    """The ids of the collection's rows (the first `total`, default all), in one request: ids alone
    are small, and Chroma reads a page at an offset by walking past every row before it, so paging
    them costs the square of the rows (at 100,000 rows, 0.93 s in pages of PAGE against 0.37 s)."""
    return list(collection.get(include=[], limit=total)["ids"])


def passage_rows(page: dict) -> tuple[list[str], list[str], list[dict]]:
    """(ids, texts, metadatas without the text) of rows read with `include=["documents", "metadatas"]`."""
    texts, metadatas = [], []
    for document, meta in zip(page["documents"], page["metadatas"]):
        meta = dict(meta or {})
        text = meta.pop(TEXT_KEY, None)
        texts.append(document if document is not None else (text or ""))
        metadatas.append(meta)
    return list(page["ids"]), texts, metadatas


def passage_metadata(chunk: Chunk, origin: str, totals: dict[str, int]) -> dict:
    """A passage's metadata beside its vector (`totals`: how many passages each source has in all);
    `stored_metadata` adds its text."""
    return {
        "source_id": chunk.source_id,
        "title": chunk.title,
        "heading": chunk.heading,
        "position": chunk.position,
        "origin": origin,
        "source_chunks": totals[chunk.source_id],
    }


def stored_metadata(text: str, meta: dict) -> dict:
    """What is stored as a passage's metadata: its own, with its text."""
    return {**meta, TEXT_KEY: text}


# From this many passages a WordLlama index embeds in a process of its own: Chroma's inserts hold the
# interpreter lock throughout, so an embedding thread beside them would mostly wait (spawning the
# process and loading the model there costs about a second).
PROCESS_EMBEDDING_MIN = 8_192


def store_passages(collection, embedder: Embedder, chunks: Sequence[Chunk], origin: str, totals: dict[str, int],
                   batch_size: int, progress: Progress, tokenize: Callable | None = None) -> list:
    """Embed and upsert `chunks`, `batch_size` at a time; with `tokenize` (`lexical.passage_tokens`,
    a module-level function), returns each passage's keyword tokens too.

    Two stages run at once: the next batch is embedded (and tokenised) while this one is stored, in a
    thread, or for a large WordLlama index in a process of its own, so that the embedding model and
    Chroma's inserts use both cores. Every batch is stored whole before the next: an interrupted run
    leaves a usable index."""
    from knowledge.embeddings import WordLlamaEmbedder

    batches = [chunks[start:start + batch_size] for start in range(0, len(chunks), batch_size)]
    tokens: list = []
    if not batches:
        return tokens
    separate = type(embedder) is WordLlamaEmbedder and len(chunks) >= PROCESS_EMBEDDING_MIN

    def submit(pool, batch: Sequence[Chunk]):
        metadatas = [passage_metadata(chunk, origin, totals) for chunk in batch]
        search_texts, texts = [c.search_text for c in batch], [c.text for c in batch]
        if separate:
            return metadatas, pool.submit(search_texts, texts, metadatas, tokenize is not None)
        return metadatas, pool.submit(_prepare, embedder.embed, search_texts, texts, metadatas, tokenize)

    stored = 0
    with _stage_pool(separate) as pool:
        upcoming = submit(pool, batches[0])
        for n, batch in enumerate(batches):
            metadatas, future = upcoming
            vectors, batch_tokens = future.result()
            if n + 1 < len(batches):
                upcoming = submit(pool, batches[n + 1])
            collection.upsert(
                ids=[chunk.id for chunk in batch],
                embeddings=vectors,
                metadatas=[stored_metadata(chunk.text, meta) for chunk, meta in zip(batch, metadatas)],
            )
            tokens += batch_tokens
            stored += len(batch)
            if len(chunks) > batch_size:
                progress(f"  {stored}/{len(chunks)} passages")
    return tokens


def _prepare(embed: Callable, search_texts: list[str], texts: list[str], metadatas: list[dict], tokenize: Callable | None):
    """One batch's vectors (and keyword tokens): what the embedding stage hands to the storing one."""
    return embed(search_texts), tokenize(texts, metadatas) if tokenize else []


def _stage_pool(separate: bool):
    from concurrent.futures import ThreadPoolExecutor

    from knowledge.embeddings import EmbeddingProcess

    return EmbeddingProcess() if separate else ThreadPoolExecutor(1, thread_name_prefix="crossroads-embed")


def chroma_client(data_dir: Path, chroma_url: str | None, *, writable: bool = True) -> tuple[Any, bool]:
    """An embedded Chroma under `data_dir`, or a client of the server at `chroma_url` (checked
    reachable), and whether it is a read-only copy.

    Chroma writes to its database even to read it, so an embedded index in a directory this
    process cannot write is opened from a temporary copy (removed at exit): searches work, and
    writing commands refuse (`read_only_fault`). With `writable`, that is an error instead.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not chroma_url:
        path = data_dir / "chroma"
        try:
            path.mkdir(parents=True, exist_ok=True)
            usable = os.access(path, os.W_OK) and all(os.access(f, os.W_OK) for f in path.glob("*.sqlite3"))
        except OSError:
            usable = False
        if not usable:
            if writable:
                raise IndexFault(
                    f"the knowledge index at {path} is read-only; make the data directory writable, "
                    "or point CROSSROADS_DATA_DIR at a writable copy"
                )
            path = _temporary_copy(path)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings), not usable
        except Exception as exc:  # noqa: BLE001 - a damaged or unreadable database under the path
            fault = index_fault(str(data_dir / "chroma"), exc)
            if fault is None:
                raise
            raise fault from exc
    url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError(f"CROSSROADS_CHROMA_URL={chroma_url!r} is not a URL like http://127.0.0.1:8000")
    port = url.port or (443 if url.scheme == "https" else 8000)
    try:
        client = chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
        client.heartbeat()
    except Exception as exc:  # noqa: BLE001 - chromadb raises bare Exception/ValueError subclasses for network faults
        raise OSError(f"cannot reach the Chroma server at {chroma_url} ({exc}); is `chroma run` running there?") from None
    return client, False


def _temporary_copy(path: Path) -> Path:
    """A private copy of the index at `path` (empty if there is none), removed when the process exits."""
    copy = Path(tempfile.mkdtemp(prefix="crossroads-read-only-index-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    if path.is_dir():
        shutil.copytree(path, copy, dirs_exist_ok=True)
        for item in [copy, *copy.rglob("*")]:
            item.chmod(item.stat().st_mode | 0o200)
    return copy


def move_aside(path: Path) -> Path:
    """Move a damaged index directory out of the way (kept for inspection); returns where it went."""
    import time

    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(target)
    return target


def connect_collection(data_dir: Path, chroma_url: str | None, embedder: Embedder, rebuild: bool,
                       progress: Progress | None) -> tuple[GuardedCollection, bool]:
    """The passages' collection (embedded under `data_dir`, or on the server at `chroma_url`) with its
    faults named, and whether it is a read-only copy (`chroma_client`). A rebuild of a damaged
    embedded index (`crossroads reindex`) moves it aside and starts afresh."""
    location = chroma_url or str(data_dir / "chroma")

    def attempt() -> tuple[Any, bool]:
        try:
            client, read_only = chroma_client(data_dir, chroma_url, writable=rebuild)
            return open_collection(client, embedder, location, rebuild, progress), read_only
        except Exception as exc:  # noqa: BLE001 - Chroma's own classes for a damaged database
            fault = index_fault(location, exc)
            if fault is None:
                raise
            raise fault from exc

    try:
        collection, read_only = attempt()
    except IndexFault as fault:
        if not (rebuild and not chroma_url and "is damaged" in str(fault)):
            raise
        from chromadb.api.client import SharedSystemClient

        aside = move_aside(data_dir / "chroma")
        # Chroma keeps one system per path, and the one that failed to open is unusable.
        SharedSystemClient.clear_system_cache()
        (progress or (lambda message: None))(f"The damaged index was moved to {aside}; rebuilding it.")
        collection, read_only = attempt()
    return GuardedCollection(collection, location), read_only


def open_collection(client, embedder: Embedder, location: str, rebuild: bool, progress: Progress | None):
    """The passages' collection, created if missing; ValueError if it holds other embeddings, unless
    `rebuild`, which re-embeds every passage with `embedder`."""
    wanted = embedding_metadata(embedder)
    existing = _collection_names(client)
    if COLLECTION not in existing and STAGING in existing:
        # A rebuild was interrupted between dropping the old collection and renaming the new one.
        client.get_collection(STAGING, embedding_function=None).modify(name=COLLECTION)
        existing.add(COLLECTION)
    if COLLECTION not in existing:
        return _create(client, COLLECTION, wanted)
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


def _collection_names(client) -> set[str]:
    # Chroma's list_collections returns names or Collection objects, depending on its version.
    return {c.name if hasattr(c, "name") else c for c in client.list_collections()}


def _create(client, name: str, wanted: dict):
    # An explicit embedding_function=None: Chroma's default one downloads a model at first use.
    return client.create_collection(name, embedding_function=None, metadata={**wanted, "hnsw:space": "cosine"})


def _rebuild(client, old, embedder: Embedder, wanted: dict, progress: Progress):
    """Re-embed every stored passage with `embedder` into a fresh collection that replaces `old`."""
    ids, texts, metadatas = [], [], []
    for page in stored_pages(old, ["documents", "metadatas"]):
        page_ids, page_texts, page_metadatas = passage_rows(page)
        ids += page_ids
        texts += page_texts
        metadatas += page_metadatas
    progress(f"Re-embedding {len(ids)} passages with {embedder.name}...")
    # Built under another name and swapped in at the end: an interrupted rebuild loses nothing (if
    # it stops between the drop and the rename, the next open finishes the swap).
    if STAGING in _collection_names(client):
        client.delete_collection(STAGING)
    collection = _create(client, STAGING, wanted)
    for start in range(0, len(ids), BATCH):
        batch = range(start, min(start + BATCH, len(ids)))
        vectors = embedder.embed([stored_search_text(texts[i], metadatas[i]) for i in batch])
        collection.add(
            ids=[ids[i] for i in batch],
            embeddings=vectors,
            metadatas=[stored_metadata(texts[i], metadatas[i]) for i in batch],
        )
    client.delete_collection(COLLECTION)
    collection.modify(name=COLLECTION)
    return collection
