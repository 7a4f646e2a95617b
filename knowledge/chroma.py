"""Chroma, where every passage is stored: the client, and opening (or rebuilding) the collection.

The collection records the embeddings it was built with (model and dimensions) in its metadata. Opening
it with other embeddings is an error that says how to fix it, unless a rebuild is asked for: then every
stored passage is re-embedded into a staging collection that replaces the old one only when complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from knowledge.chunking import stored_search_text
from knowledge.embeddings import Embedder

COLLECTION = "crossroads-knowledge"
# The collection a rebuild fills before it replaces COLLECTION.
STAGING = f"{COLLECTION}-rebuild"
# Passages embedded and stored per request.
BATCH = 256
# Rows read per request.
PAGE = 5_000

Progress = Callable[[str], None]


def embedding_metadata(embedder: Embedder) -> dict:
    """What a collection (and the marker beside an embedded index) records about its embeddings."""
    return {"embedding_model": embedder.name, "embedding_dim": embedder.dim}


def stored_pages(collection, include: list[str], total: int | None = None) -> Iterator[dict]:
    """The collection's rows (the first `total`, default all), one `get` of PAGE rows at a time."""
    total = collection.count() if total is None else total
    for offset in range(0, total, PAGE):
        yield collection.get(include=include, limit=PAGE, offset=offset)


def chroma_client(data_dir: Path, chroma_url: str | None):
    """An embedded Chroma under `data_dir`, or a client of the server at `chroma_url` (checked reachable)."""
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
    rows = []
    for page in stored_pages(old, ["documents", "metadatas"]):
        rows += list(zip(page["ids"], page["documents"], page["metadatas"]))
    progress(f"Re-embedding {len(rows)} passages with {embedder.name}...")
    # Built under another name and swapped in at the end: an interrupted rebuild loses nothing (if
    # it stops between the drop and the rename, the next open finishes the swap).
    if STAGING in _collection_names(client):
        client.delete_collection(STAGING)
    collection = _create(client, STAGING, wanted)
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        vectors = embedder.embed([stored_search_text(doc, meta) for _, doc, meta in batch])
        collection.add(
            ids=[cid for cid, _, _ in batch],
            embeddings=vectors.tolist(),
            documents=[doc for _, doc, _ in batch],
            metadatas=[meta for _, _, meta in batch],
        )
    client.delete_collection(COLLECTION)
    collection.modify(name=COLLECTION)
    return collection
