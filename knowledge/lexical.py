"""The keyword half of search: a BM25 index (bm25s + PyStemmer) over every passage in the collection.

`LexicalIndex` holds each passage's id and source beside the index, not its text: search reads the
few passages it returns from Chroma, so a saved index loads without 100 MB of text (at 100,000
passages that was a third of the first search). It is built from the collection's passages (or,
while many are being stored, from their tokens as they go: `with_added`); a large one is also saved
under the data directory with a fingerprint of the passages it holds, and a saved index is used only
while that fingerprint matches the collection. Figures are indexed with their units spelled out
(`expand_figures`), so "1K docs" matches "thousand documents"; queries are tokenised the same way
(`bm25_query_tokens`).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from knowledge.chroma import PAGE, Progress, passage_rows, stored_ids, stored_pages
from knowledge.chunking import passages_fingerprint, stored_search_text

# From this many passages the index is saved under the data directory (building it takes about
# 0.3 s per 1,000 passages; loading a saved one a tenth of that).
LEXICAL_CACHE_MIN = 5_000
# The origin recorded for the bundled sources' passages (`knowledge.store.BUNDLED` is this), which a
# passage stored without an origin has too.
CURATED = "bundled"
# How passages and queries are both tokenised: they must agree for a query's tokens to match.
_TOKENS = {"token_pattern": r"(?u)\b\w+\b", "stopwords": "en"}


def _bm25s():
    """The bm25s module, kept quiet: it sets its own logger to DEBUG, which bypasses the application's
    log level."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class LexicalIndex:
    """BM25 over every passage in the collection, with each passage's id and source."""

    def __init__(self, ids: list[str], source_ids: list[str], curated: set[str], retriever) -> None:
        """`retriever`: the bm25s index whose document i is passage `ids[i]`, of source `source_ids[i]`
        (None for an empty collection); `curated`: the ids of the bundled sources' passages."""
        import numpy as np
        import Stemmer

        self.ids = ids
        self.position = {cid: i for i, cid in enumerate(ids)}
        self._np = np
        self._stemmer = Stemmer.Stemmer("english")
        self._source_of = np.array(source_ids, dtype=object)
        self.sources = set(source_ids)
        self.curated = curated
        self.retriever = retriever

    @classmethod
    def built(cls, ids: list[str], metadatas: list[dict], tokens: list[list[str]]) -> LexicalIndex:
        """BM25 over the passages `ids`, with their `metadatas` and their `passage_tokens`."""
        retriever = None
        if ids:
            retriever = _bm25s().BM25()
            retriever.index(tokens, show_progress=False)
        curated = {cid for cid, meta in zip(ids, metadatas) if meta.get("origin", CURATED) == CURATED}
        return cls(ids, [m["source_id"] for m in metadatas], curated, retriever)

    @classmethod
    def of_collection(cls, collection, cache_dir: Path | None, progress: Progress, total: int | None = None) -> LexicalIndex:
        """The index over every passage in the Chroma `collection` (of `total` rows, when just counted).
        From LEXICAL_CACHE_MIN passages it is loaded from `cache_dir` while the saved one still holds
        exactly those passages, else built and saved there."""
        total = collection.count() if total is None else total
        cache = cache_dir if total >= LEXICAL_CACHE_MIN else None
        if cache is not None:
            ids = stored_ids(collection, total)
            cached = cls.load(cache, passages_fingerprint(ids))
            if cached is not None:
                return cached
            progress(f"Building the keyword index over {total} passages (once; it is saved)...")
        ids, documents, metadatas = [], [], []
        for page in stored_pages(collection, ["documents", "metadatas"], total):
            page_ids, page_texts, page_metadatas = passage_rows(page)
            ids += page_ids
            documents += page_texts
            metadatas += page_metadatas
        lexical = cls.built(ids, metadatas, passage_tokens(documents, metadatas))
        if cache is not None:
            try:
                lexical.save(cache, passages_fingerprint(ids))
            except OSError:  # a read-only data directory: search still works, only slower to start
                pass
        return lexical

    @classmethod
    def with_added(cls, collection, ids: list[str], metadatas: list[dict], tokens: list[list[str]],
                   save_to: Path | None = None) -> LexicalIndex:
        """The index over every passage in `collection`, of which `ids` (with their `metadatas` and
        `tokens`) were just stored: only the other rows are read back and tokenised.
        Saved in `save_to` (if given and writable) for the processes that open the index next."""
        added = set(ids)
        others = [cid for cid in stored_ids(collection) if cid not in added]
        ids, metadatas, tokens = list(ids), list(metadatas), list(tokens)
        for start in range(0, len(others), PAGE):
            page_ids, page_texts, page_metadatas = passage_rows(
                collection.get(ids=others[start:start + PAGE], include=["documents", "metadatas"]))
            ids += page_ids
            metadatas += page_metadatas
            tokens += passage_tokens(page_texts, page_metadatas)
        lexical = cls.built(ids, metadatas, tokens)
        if save_to is not None:
            try:
                lexical.save(save_to, passages_fingerprint(ids))
            except OSError:  # a read-only data directory: the first search of a later process builds it
                pass
        return lexical

    def save(self, directory: Path, fingerprint: str) -> None:
        """Write the index to `directory`, replacing what was there; the fingerprint file goes last,
        so a reader never takes a half-written index for a complete one."""
        import os
        import shutil

        staging = directory.with_name(f"{directory.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        self.retriever.save(str(staging / "bm25"), show_progress=False)
        rows = {"ids": self.ids, "source_ids": self._source_of.tolist(), "curated": sorted(self.curated)}
        (staging / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
        (staging / "fingerprint").write_text(fingerprint, encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        staging.rename(directory)

    @classmethod
    def load(cls, directory: Path, fingerprint: str) -> LexicalIndex | None:
        """The index saved in `directory` if it was built from exactly the passages `fingerprint` names
        (an index saved by an earlier version, with the passages' text, is not: it is built again)."""
        try:
            if (directory / "fingerprint").read_text(encoding="utf-8") != fingerprint:
                return None
            rows = json.loads((directory / "rows.json").read_text(encoding="utf-8"))
            retriever = _bm25s().BM25.load(str(directory / "bm25"), show_progress=False)
        except (OSError, ValueError, KeyError):  # absent, or replaced by another process while reading
            return None
        return cls(rows["ids"], rows["source_ids"], set(rows["curated"]), retriever)

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


def passage_tokens(documents: list[str], metadatas: list[dict], stemmer=None) -> list[list[str]]:
    """The stemmed tokens of each passage as the index reads them: for building `LexicalIndex` while
    the passages are being stored (a thread of its own: each thread its own `stemmer`)."""
    import Stemmer

    texts = [expand_figures(stored_search_text(doc, meta)) for doc, meta in zip(documents, metadatas)]
    tokenized = _bm25s().tokenize(texts, **_TOKENS, stemmer=stemmer or Stemmer.Stemmer("english"),
                               return_ids=False, show_progress=False)
    return [list(tokens) for tokens in tokenized]


def bm25_query_tokens(query: str, stemmer) -> list[str]:
    """The query's stemmed tokens, without stopwords, as the BM25 index was built."""
    tokenized = _bm25s().tokenize(
        [expand_figures(query)], **_TOKENS, stemmer=stemmer, return_ids=False, show_progress=False
    )
    return list(tokenized[0])
