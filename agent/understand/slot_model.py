"""The slot classifier: for each decision slot, which value (if any) a clause states.

One softmax-regression head per slot over features of the clause: its WordLlama embedding, the
embedding of the words a negation governs (so "hosted is not an option" and "hosted is an option"
differ), hashed word unigrams and bigrams with negated words marked, and, for a short answer, the
same n-grams again under the question just asked (a "yep" or "separate" means something only for
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
HASH_BUCKETS = 4096
EMBEDDING_DIM = 256
NONE = "none"  # the class of a clause that says nothing about the slot


def feature_size() -> int:
    # clause embedding, negated-words embedding, two flags, hashed n-grams, asked n-grams
    return 2 * EMBEDDING_DIM + 2 + 2 * HASH_BUCKETS


def _ngrams(clause: Clause) -> list[str]:
    marked = [("NOT_" + w) if n else w for w, n in zip(clause.words, clause.negated)]
    return marked + [f"{a} {b}" for a, b in zip(marked, marked[1:])]


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % HASH_BUCKETS


def features(clauses: Sequence[Clause], asked: Sequence[bool], embed: Any) -> Any:
    """The feature matrix (one row per clause) for one head; `asked[i]`: the clause answers this
    head's slot's question. `embed(texts)` returns unit-length WordLlama vectors."""
    import numpy as np

    n = len(clauses)
    x = np.zeros((n, feature_size()), dtype=np.float32)
    if not n:
        return x
    whole = embed([c.text or " " for c in clauses])
    negated_text = [" ".join(w for w, neg in zip(c.words, c.negated) if neg) for c in clauses]
    has_negation = [bool(t) for t in negated_text]
    negated = embed([t or " " for t in negated_text])
    x[:, :EMBEDDING_DIM] = whole
    x[:, EMBEDDING_DIM : 2 * EMBEDDING_DIM] = negated * np.asarray(has_negation, dtype=np.float32)[:, None]
    offset = 2 * EMBEDDING_DIM
    x[:, offset] = has_negation
    x[:, offset + 1] = [len(c.words) <= 4 for c in clauses]
    offset += 2
    for i, clause in enumerate(clauses):
        grams = _ngrams(clause)
        if not grams:
            continue
        weight = 1.0 / np.sqrt(len(grams))
        for gram in grams:
            x[i, offset + _bucket(gram)] += weight
            if asked[i]:
                x[i, offset + HASH_BUCKETS + _bucket(gram)] += weight
    return x


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
            heads[slot] = (classes, data[f"{slot}.weights"], data[f"{slot}.bias"])
        return cls(heads, str(data["bank_digest"]))

    def save(self, path: Path = MODEL_PATH) -> None:
        import numpy as np

        arrays: dict[str, Any] = {"slots": ",".join(self.heads), "bank_digest": self.bank_digest}
        for slot, (classes, weights, bias) in self.heads.items():
            arrays[f"{slot}.classes"] = "|".join(_encode(c) for c in classes)
            arrays[f"{slot}.weights"] = weights.astype(np.float16)
            arrays[f"{slot}.bias"] = bias.astype(np.float32)
        np.savez_compressed(path, **arrays)

    def probabilities(self, slot: str, x: Any) -> Any:
        import numpy as np

        _, weights, bias = self.heads[slot]
        logits = x @ weights.astype(np.float32) + bias
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
