"""Dense embeddings for the knowledge base: WordLlama offline (default) or OpenAI when configured.

Chroma's own default embedding function is never used: it downloads an ONNX model at first use
and fails offline. Every vector Chroma stores or is queried with comes from an `Embedder` here.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol, Sequence

if TYPE_CHECKING:  # numpy is imported where vectors are made: opening an index needs none
    import numpy as np

WORDLLAMA_MODEL = "l2_supercat"
WORDLLAMA_DIM = 256

# Output sizes of OpenAI's embedding models, so the index's dimension is known without a request.
OPENAI_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}


class Embedder(Protocol):
    """Turns texts into unit-length vectors; `name` and `dim` identify the vectors it makes."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> "np.ndarray": ...


class WordLlamaEmbedder:
    """WordLlama's bundled 256-dimension model; loads from the installed wheel, never the network."""

    name = f"wordllama:{WORDLLAMA_MODEL}"
    dim = WORDLLAMA_DIM

    def __init__(self) -> None:
        self._model = None

    def _loaded(self):
        # Loading takes about half a second, so it waits until something is actually embedded.
        if self._model is None:
            self._model = wordllama_model()
        return self._model

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._loaded().embed(list(texts), norm=True, return_np=True)
        return np.asarray(vectors, dtype=np.float32)


_WORDLLAMA_LOCK = threading.Lock()
_WORDLLAMA: list = []  # the one loaded model, once loaded


def wordllama_model():
    """The bundled WordLlama model, loaded once per process from the installed wheel (never the
    network). Shared by search and the slot classifier of the understanders."""
    with _WORDLLAMA_LOCK:
        if _WORDLLAMA:
            return _WORDLLAMA[0]
        import logging
        from pathlib import Path

        # wordllama calls logging.basicConfig(level=INFO) on import, which would make every
        # library's INFO logs appear in the host application; undo that side effect.
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        import wordllama
        from wordllama import WordLlama

        root.handlers[:], root.level = handlers, level
        _WORDLLAMA.append(
            WordLlama.load(
                config=WORDLLAMA_MODEL,
                cache_dir=Path(wordllama.__file__).parent,
                disable_download=True,
                dim=WORDLLAMA_DIM,
            )
        )
        return _WORDLLAMA[0]


class EmbeddingProcess:
    """WordLlama in a process of its own, for indexing: `submit` hands it a batch and returns a
    pending answer whose `result()` is (vectors, keyword tokens or []). A child started by
    `subprocess`, not `multiprocessing` (whose spawned children re-run the parent's main script),
    speaking pickle over its stdin and stdout.

    `submit` writes the whole request before it returns, in the calling thread: the caller goes on
    into Chroma's upsert, which holds the interpreter lock throughout (a Python thread runs at under
    2% of its speed meanwhile), so a thread left to write the request would stall until the upsert
    returned, and the child with it. Written by a thread, each batch took the upsert's time plus
    most of the embedding's (20,000 passages: 705/s); written up front, 1,013/s."""

    def __init__(self) -> None:
        import os
        import subprocess
        import sys
        from pathlib import Path

        root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self._child = subprocess.Popen(
            [sys.executable, "-c", "from knowledge.embeddings import serve_embeddings; serve_embeddings()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        self._unread = 0  # answers the child has been asked for and not yet read

    def submit(self, search_texts: list[str], texts: list[str], metadatas: list[dict], tokens: bool) -> "_PendingAnswer":
        import pickle

        try:
            # The child is idle, reading, whenever a request is sent (one batch at a time), so
            # writing it whole cannot block for longer than the child takes to read it.
            pickle.dump((search_texts, texts, metadatas, tokens), self._child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._child.stdin.flush()
        except OSError as exc:
            raise OSError(f"the embedding process stopped (exit code {self._child.poll()})") from exc
        self._unread += 1
        return _PendingAnswer(self)

    def _receive(self):
        import pickle

        try:
            ok, answer = pickle.load(self._child.stdout)
            self._unread -= 1
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise OSError(f"the embedding process stopped (exit code {self._child.poll()})") from exc
        if not ok:
            raise RuntimeError(f"the embedding process failed: {answer}")
        return answer

    def __enter__(self) -> "EmbeddingProcess":
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            # An answer left unread (the storing stage failed) would keep the child blocked
            # writing it: read it, so that it sees its stdin close and ends.
            while self._unread and self._child.poll() is None:
                self._receive()
        except (OSError, RuntimeError):
            pass
        try:
            self._child.stdin.close()
        except OSError:
            pass
        try:
            self._child.wait(timeout=10)
        except Exception:  # noqa: BLE001 - it must not outlive the indexing, whatever happened
            self._child.kill()
            self._child.wait()


class _PendingAnswer:
    """The answer to the batch last handed to an `EmbeddingProcess`, read when asked for."""

    def __init__(self, process: EmbeddingProcess) -> None:
        self._process = process

    def result(self):
        return self._process._receive()


def serve_embeddings() -> None:
    """The embedding process's loop (`EmbeddingProcess`): one pickled batch in, one answer out,
    until its stdin closes."""
    import pickle
    import sys

    from knowledge.lexical import passage_tokens

    embedder = WordLlamaEmbedder()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            search_texts, texts, metadatas, tokens = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = (True, (embedder.embed(search_texts), passage_tokens(texts, metadatas) if tokens else []))
        except Exception as exc:  # noqa: BLE001 - reported to the indexing process, which raises it
            answer = (False, f"{type(exc).__name__}: {exc}")
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


class OpenAIEmbedder:
    """An OpenAI (or OpenAI-compatible) embedding model, e.g. `text-embedding-3-small`."""

    def __init__(self, model: str, api_key: str, base_url: str | None = None, batch_size: int = 256) -> None:
        from openai import OpenAI

        self.name = f"openai:{model}"
        self.model = model
        self._client = OpenAI(api_key=api_key, base_url=base_url)
        self._batch_size = batch_size
        self._dim = OPENAI_DIMS.get(model)

    @property
    def dim(self) -> int:
        if self._dim is None:  # a model we have no table entry for: ask it once
            self._dim = int(self.embed(["dimension probe"]).shape[1])
        return self._dim

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np

        rows: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            response = self._client.embeddings.create(model=self.model, input=list(texts[start:start + self._batch_size]))
            rows.extend(item.embedding for item in sorted(response.data, key=lambda item: item.index))
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def make_embedder(spec: str, openai_api_key: str | None = None, openai_base_url: str | None = None) -> Embedder:
    """The embedder named by CROSSROADS_EMBEDDINGS: `wordllama` or `openai:<model>`."""
    spec = (spec or "").strip()
    if spec in ("wordllama", f"wordllama:{WORDLLAMA_MODEL}"):
        return WordLlamaEmbedder()
    if spec.startswith("openai:") and spec.removeprefix("openai:"):
        if not openai_api_key:
            raise ValueError(f"CROSSROADS_EMBEDDINGS={spec} needs OPENAI_API_KEY; set it or use `wordllama`")
        return OpenAIEmbedder(spec.removeprefix("openai:"), openai_api_key, openai_base_url)
    raise ValueError(
        f"CROSSROADS_EMBEDDINGS={spec!r} is not supported; use `wordllama` (offline) "
        "or `openai:<model>` such as `openai:text-embedding-3-small`"
    )
