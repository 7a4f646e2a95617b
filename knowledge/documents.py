"""Reading the user's own documents (Markdown, text, HTML, PDF) into Markdown-like text.

`read_document` either returns a `Document` or raises `SkippedDocument` whose message is the
reason, written for the person who chose the file (unreadable, empty, binary, too large, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = sorted(set(TEXT_SUFFIXES) | HTML_SUFFIXES | PDF_SUFFIXES)


class SkippedDocument(ValueError):
    """A file that cannot be added to the knowledge base; the message says why."""


@dataclass(frozen=True)
class Document:
    """A user document reduced to a title and Markdown-like text (blank lines between paragraphs)."""

    path: Path
    title: str
    text: str


def document_files(paths: Iterable[Path | str]) -> list[Path]:
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


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """Read one Markdown, text, HTML or PDF file; raises SkippedDocument with the reason if it can't."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES and suffix not in PDF_SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "files without an extension"
        raise SkippedDocument(f"unsupported file type {kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SkippedDocument("is a directory")
        if size > max_bytes:
            raise SkippedDocument(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SkippedDocument("unreadable: file not found") from None
    except PermissionError:
        raise SkippedDocument("unreadable: permission denied") from None
    except OSError as exc:
        raise SkippedDocument(f"unreadable: {exc.strerror or exc}") from None
    if not data.strip():
        raise SkippedDocument("empty file")

    if suffix in PDF_SUFFIXES:
        title, text = _read_pdf(data)
    else:
        raw = _decode_text(data)
        if suffix in HTML_SUFFIXES:
            title, text = _read_html(raw)
        elif TEXT_SUFFIXES[suffix] == "markdown":
            title, text = _read_markdown(raw)
        else:
            title, text = "", _tidy(raw)
    if not text.strip():
        raise SkippedDocument("no text found in the file")
    return Document(path=path, title=title or _title_from_name(path), text=text)


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise SkippedDocument("binary content (not text): did you mean a different file?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Text saved by older Windows tools; anything that is not text fails the check below.
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:8192]) * 0.01:
        raise SkippedDocument("binary content (not text): did you mean a different file?")
    return text


def _tidy(text: str) -> str:
    """Normalise line endings and trailing spaces; keep blank lines as paragraph breaks."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_\-]+", " ", path.stem).strip() or path.name


_FRONT_MATTER_BLOCK = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def _read_markdown(raw: str) -> tuple[str, str]:
    import yaml

    from knowledge.articles import split_front_matter

    try:
        meta, body = split_front_matter(raw)
    except (ValueError, yaml.YAMLError, RecursionError):
        # Malformed front matter is no reason to lose the document: its body is still readable text.
        meta, body = {}, _FRONT_MATTER_BLOCK.sub("", raw, count=1)
    title = str(meta.get("title", "")).strip()
    if not title:
        heading = re.search(r"^#\s+(.+?)\s*$", body, re.MULTILINE)
        title = heading.group(1) if heading else ""
    return title, _tidy(body)


def _read_pdf(data: bytes) -> tuple[str, str]:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its repairs of damaged files ("invalid pdf header") as warnings; a file it cannot
    # read is reported once, as a skip with the reason, so its chatter stays out of the output.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SkippedDocument("encrypted PDF: save an unencrypted copy and ingest that")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except SkippedDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SkippedDocument(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(_tidy(page) for page in pages if page.strip())
    if not text:
        raise SkippedDocument("the PDF has no extractable text (a scan? run OCR first)")
    return str(meta_title).strip(), text


_BLOCK_TAGS = {"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "blockquote", "pre", "dl", "dd", "dt"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer"}


class _HtmlText(HTMLParser):
    """Collects visible text: headings become Markdown headings, list items bullets, cells `|`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "tr" else "\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag not in ("tr", "li") else "\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def _read_html(raw: str) -> tuple[str, str]:
    parser = _HtmlText()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join(parser.title.split())
    if not title:
        heading = re.search(r"^#\s+(.+?)\s*$", text, re.MULTILINE)
        title = heading.group(1) if heading else ""
    return title, text
