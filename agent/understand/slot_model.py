"""The slot classifier: for each decision slot, which value (if any) a clause states.

One softmax-regression head per slot over features of the clause: its WordLlama embedding, the
embedding of the words a negation governs (so "hosted is not an option" and "hosted is an option"
differ), hashed word unigrams and bigrams with negated words marked, hashed character n-grams of
its words (typos, inflections), and, for a short answer, the word n-grams again under the question
just asked (a "yep" or "separate" means something only for
the slot it answers). The weights ship in `slot_model.npz`, trained on `bank.yaml` by
`agent.understand.training` (which also reports held-out precision and recall per slot value).

WordLlama is loaded once per process (half a second); a clause costs well under a millisecond.
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from agent.understand.clauses import Clause, mark

MODEL_PATH = Path(__file__).resolve().parent / "slot_model.npz"
HASH_BUCKETS = 16384
EMBEDDING_DIM = 256
DENSE_SIZE = 2 * EMBEDDING_DIM + 2  # clause embedding, negated-words embedding, two flags
# Character n-grams of each word (with its edges marked) carry typos and inflections ("latncy",
# "citations"/"cited") that whole-word n-grams miss; they weigh half as much as the word n-grams.
CHAR_NGRAMS = (3, 4)
CHAR_WEIGHT = 0.5
NONE = "none"  # the class of a clause that says nothing about the slot


def feature_size() -> int:
    # the dense part, hashed word n-grams, the same under the question asked, hashed char n-grams
    return DENSE_SIZE + 3 * HASH_BUCKETS


def _ngrams(clause: Clause) -> list[str]:
    marked = [("NOT_" + w) if n else w for w, n in zip(clause.words, clause.negated)]
    return marked + [f"{a} {b}" for a, b in zip(marked, marked[1:])]


def _char_ngrams(clause: Clause) -> list[str]:
    grams = []
    for word in clause.words:
        edged = f"<{word}>"
        grams += [edged[i : i + n] for n in CHAR_NGRAMS for i in range(len(edged) - n + 1)]
    return grams


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % HASH_BUCKETS


@dataclass(frozen=True)
class Features:
    """One row per clause: a dense part (`dense`, DENSE_SIZE columns) and hashed n-grams as
    coordinates (`rows`, `cols` from DENSE_SIZE on, `values`), so training over thousands of
    clauses needs no matrix of every bucket."""

    dense: Any
    rows: Any
    cols: Any
    values: Any

    def logits(self, weights: Any, bias: Any) -> Any:
        import numpy as np

        out = self.dense @ weights[:DENSE_SIZE] + bias
        contributions = self.values[:, None] * weights[self.cols]
        for k in range(out.shape[1]):
            out[:, k] += np.bincount(self.rows, weights=contributions[:, k], minlength=out.shape[0])
        return out

    def gradient(self, g: Any, rows_of_weights: int) -> Any:
        """The weights' gradient for the logits' gradient `g` (rows x classes)."""
        import numpy as np

        grad = np.zeros((rows_of_weights, g.shape[1]), dtype=np.float32)
        grad[:DENSE_SIZE] = self.dense.T @ g
        weighted = g[self.rows] * self.values[:, None]
        for k in range(g.shape[1]):
            grad[:, k] += np.bincount(self.cols, weights=weighted[:, k], minlength=rows_of_weights)
        return grad


def features(clauses: Sequence[Clause], asked: Sequence[bool], embed: Any) -> Features:
    """The features of each clause for one head; `asked[i]`: the clause answers this head's slot's
    question. `embed(texts)` returns unit-length WordLlama vectors."""
    import numpy as np

    n = len(clauses)
    dense = np.zeros((n, DENSE_SIZE), dtype=np.float32)
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    if n:
        whole = embed([c.text or " " for c in clauses])
        negated_text = [" ".join(w for w, neg in zip(c.words, c.negated) if neg) for c in clauses]
        has_negation = [bool(t) for t in negated_text]
        negated = embed([t or " " for t in negated_text])
        dense[:, :EMBEDDING_DIM] = whole
        dense[:, EMBEDDING_DIM : 2 * EMBEDDING_DIM] = negated * np.asarray(has_negation, dtype=np.float32)[:, None]
        dense[:, 2 * EMBEDDING_DIM] = has_negation
        dense[:, 2 * EMBEDDING_DIM + 1] = [len(c.words) <= 4 for c in clauses]
    words_at, asked_at, chars_at = DENSE_SIZE, DENSE_SIZE + HASH_BUCKETS, DENSE_SIZE + 2 * HASH_BUCKETS
    for i, clause in enumerate(clauses):
        grams = _ngrams(clause)
        if grams:
            weight = 1.0 / len(grams) ** 0.5
            for gram in grams:
                bucket = _bucket(gram)
                rows.append(i), cols.append(words_at + bucket), values.append(weight)
                if asked[i]:
                    rows.append(i), cols.append(asked_at + bucket), values.append(weight)
        chars = _char_ngrams(clause)
        if chars:
            weight = CHAR_WEIGHT / len(chars) ** 0.5
            for gram in chars:
                rows.append(i), cols.append(chars_at + _bucket("#" + gram)), values.append(weight)
    return Features(dense, np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(values, dtype=np.float32))


@dataclass(frozen=True)
class Reading:
    """A head's reading of one clause: the value it found (None: nothing about this slot), how
    sure it is, and the clause."""

    slot: str
    value: Any
    probability: float
    clause: str


class SlotModel:
    """The trained heads: slot -> (classes, weights, bias)."""

    def __init__(self, heads: dict[str, tuple[tuple[Any, ...], Any, Any]], bank_digest: str):
        self.heads = heads
        self.bank_digest = bank_digest

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "SlotModel":
        import numpy as np

        data = np.load(path, allow_pickle=False)
        heads = {}
        for slot in str(data["slots"]).split(","):
            classes = tuple(_decode(c) for c in str(data[f"{slot}.classes"]).split("|"))
            # float16 on disk, float32 in use: converted once here, not on every clause.
            heads[slot] = (classes, data[f"{slot}.weights"].astype(np.float32), data[f"{slot}.bias"])
        return cls(heads, str(data["bank_digest"]))

    def save(self, path: Path = MODEL_PATH) -> None:
        import numpy as np

        arrays: dict[str, Any] = {"slots": ",".join(self.heads), "bank_digest": self.bank_digest}
        for slot, (classes, weights, bias) in self.heads.items():
            arrays[f"{slot}.classes"] = "|".join(_encode(c) for c in classes)
            arrays[f"{slot}.weights"] = weights.astype(np.float16)
            arrays[f"{slot}.bias"] = bias.astype(np.float32)
        np.savez_compressed(path, **arrays)

    def probabilities(self, slot: str, x: Features) -> Any:
        import numpy as np

        _, weights, bias = self.heads[slot]
        logits = x.logits(weights, bias)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def read(self, clauses: Sequence[Clause], asked: str | None = None, embed: Any = None) -> list[list[Reading]]:
        """For each clause, every head's reading (value None when the clause says nothing about it)."""
        embed = embed or default_embed
        out: list[list[Reading]] = [[] for _ in clauses]
        if not clauses:
            return out
        shared = features(clauses, [False] * len(clauses), embed)
        for slot, (classes, _, _) in self.heads.items():
            x = shared
            if asked == slot:
                x = features(clauses, [True] * len(clauses), embed)
            p = self.probabilities(slot, x)
            for i, row in enumerate(p):
                best = int(row.argmax())
                value = classes[best]
                out[i].append(Reading(slot, None if value == NONE else value, float(row[best]), clauses[i].text))
        return out


def _encode(value: Any) -> str:
    return {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def _decode(text: str) -> Any:
    return {"true": True, "false": False}.get(text, text)


_LOCK = threading.Lock()
_LOADED: list[SlotModel] = []


def shipped_model() -> SlotModel:
    """The model that ships with the package, loaded once per process."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(SlotModel.load())
        return _LOADED[0]


def default_embed(texts: Sequence[str]) -> Any:
    import numpy as np

    from knowledge.embeddings import wordllama_model

    vectors = wordllama_model().embed(list(texts), norm=True, return_np=True)
    return np.asarray(vectors, dtype=np.float32)


def clause(text: str) -> Clause:
    """A single clause as the classifier reads it (for tests and the bank)."""
    return mark(text)
