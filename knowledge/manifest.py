"""The record of the documents the user ingested, kept beside the index (`documents.json` in the
data directory, outside `chroma/`), so that an index rebuilt from nothing (deleted, replaced after
damage) can say which of them it no longer holds and `crossroads reindex` can read them again.

Chroma stays the source of truth for what is searchable; this file only remembers what was asked
for. It is rewritten atomically, and a missing or unreadable one is an empty record.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = "documents.json"


@dataclass(frozen=True)
class DocumentRecord:
    """One ingested document: its source id, title, the file it came from and its passage count."""

    source_id: str
    title: str
    origin: str
    chunks: int


class Manifest:
    """The documents recorded at `path` (None: nothing is recorded, as with a shared Chroma server)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def read(self) -> dict[str, DocumentRecord]:
        if self.path is None:
            return {}
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            return {row["source_id"]: DocumentRecord(**row) for row in rows}
        except (OSError, ValueError, TypeError, KeyError):
            return {}

    def record(self, document: DocumentRecord) -> None:
        documents = self.read()
        documents[document.source_id] = document
        self._write(documents)

    def drop(self, source_id: str) -> None:
        documents = self.read()
        if documents.pop(source_id, None) is not None:
            self._write(documents)

    def _write(self, documents: dict[str, DocumentRecord]) -> None:
        if self.path is None:
            return
        staging = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
        staging.write_text(json.dumps([asdict(d) for d in documents.values()], indent=1), encoding="utf-8")
        staging.replace(self.path)
