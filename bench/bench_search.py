"""Search latency of the knowledge base: on the bundled corpus and on 100,000 synthetic passages.

Targets (issue 3): p95 < 20 ms on the bundled corpus, p95 < 150 ms on 100,000 passages. Each is
printed beside its floor, measured in the same run on the same index: the bare calls a hybrid search
cannot do without (embedding the query, one Chroma query for the nearest passages' distances, and
bm25s scores over every passage). Exits 1 if a target is missed. `--passages N` changes the synthetic corpus size. Building
the 100,000-passage index takes minutes (embedding and Chroma's HNSW inserts, about 200-500
passages/s on two cores); `--index-dir DIR` keeps it in DIR and reuses it on the next run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.retrieval import load_questions  # noqa: E402
from knowledge.articles import load_bundled_articles  # noqa: E402
from knowledge.chunking import Chunk, chunk_id  # noqa: E402
from knowledge.store import CANDIDATES, KnowledgeBase  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from floor import Verdict  # noqa: E402

BUNDLED_P95_MS = 20.0
LARGE_P95_MS = 150.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def latencies(kb: KnowledgeBase, queries: list[str], rounds: int) -> list[float]:
    kb.search(queries[0])  # first search loads the embedding model and builds BM25: not a search latency
    out = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            kb.search(query, k=5)
            out.append((time.perf_counter() - start) * 1000)
    return out


def synthetic_chunks(n: int, seed: int = 7) -> list[Chunk]:
    """`n` passages of about 110 words drawn from the corpus vocabulary, with random figures."""
    rng = random.Random(seed)
    vocabulary = sorted({w for a in load_bundled_articles() for w in a.text.split() if w.isalpha()})
    chunks = []
    for i in range(n):
        words = rng.choices(vocabulary, k=100)
        for _ in range(10):
            words.insert(rng.randrange(len(words)), f"${rng.randint(1, 999)},{rng.randint(100, 999)}")
        text = " ".join(words) + "."
        source = f"synthetic-{i // 100:04d}"
        chunks.append(Chunk(chunk_id(source, "", text), source, f"Synthetic report {i // 100}", "", text, i % 100))
    return chunks


def bare_latencies(kb: KnowledgeBase, queries: list[str], rounds: int) -> list[float]:
    """The floor: per query, the WordLlama embedding, one bare Chroma query (distances only) and the
    bare bm25s scores, on the knowledge base's own collection and keyword index."""
    from knowledge.lexical import bm25_query_tokens

    lexical = kb._fresh_lexical()
    collection = kb._collection._collection  # Chroma's own, without the fault guard
    out = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            vector = kb._embedder.embed([query])[0]
            collection.query(query_embeddings=[vector], n_results=CANDIDATES, include=["distances"])
            lexical.retriever.get_scores(bm25_query_tokens(query, lexical._stemmer))
            out.append((time.perf_counter() - start) * 1000)
    return out


def report(verdict: Verdict, label: str, values: list[float], floor: list[float], target: float) -> None:
    p50, p95 = percentile(values, 50), percentile(values, 95)
    verdict.ratio(f"{label}: search p95 ({len(values)} searches, p50 {p50:.1f} ms)", p95, percentile(floor, 95), "ms",
                  floor_is="p95 of the bare embedding + Chroma query + bm25s scores")
    verdict.below(f"{label} p95", p95, target, "ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="size of the synthetic corpus")
    parser.add_argument("--rounds", type=int, default=5, help="how often each question is searched")
    parser.add_argument("--index-dir", type=Path, help="keep the synthetic index here and reuse it next time")
    args = parser.parse_args()
    queries = [q.question for q in load_questions()]
    verdict = Verdict()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.open(Path(tmp) / "bundled")
        kb.ensure_indexed()
        searched = latencies(kb, queries, args.rounds)
        report(verdict, "bundled corpus", searched, bare_latencies(kb, queries, args.rounds), BUNDLED_P95_MS)

        large = KnowledgeBase.open(args.index_dir or Path(tmp) / "large")
        large.ensure_indexed()
        chunks = synthetic_chunks(args.passages)
        start = time.perf_counter()
        added = large.index_chunks(chunks, origin="synthetic")
        elapsed = time.perf_counter() - start
        if added:
            print(f"indexed {added} synthetic passages in {elapsed:.1f} s ({added / elapsed:.0f} passages/s)")
        else:
            print(f"reused the {len(chunks)} synthetic passages already in {args.index_dir}")
        start = time.perf_counter()
        large.search(queries[0])
        print(f"first search in this process after the build: {time.perf_counter() - start:.2f} s")
        searched = latencies(large, queries, 2)
        report(verdict, f"{large.passage_count()} passages", searched, bare_latencies(large, queries, 2), LARGE_P95_MS)
    return verdict.exit_code()


if __name__ == "__main__":
    sys.exit(main())
