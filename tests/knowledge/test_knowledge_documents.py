"""Reading user documents: each format's text and title, and a clear reason for every skipped file."""

from __future__ import annotations

import os

import pytest

from knowledge.documents import SkippedDocument, read_document


def minimal_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF with the given text lines in Helvetica, written by hand (no PDF library)."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title:
        objects.append(f"<< /Title ({title}) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    info = f" /Info {len(objects)} 0 R" if title else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_markdown_title_from_front_matter_or_first_heading(tmp_path):
    with_front = tmp_path / "a.md"
    with_front.write_text("---\ntitle: Vendor quote\n---\n# Ignored heading\n\nGPUs at $2.10/hour.\n", encoding="utf-8")
    doc = read_document(with_front)
    assert doc.title == "Vendor quote"
    assert "GPUs at $2.10/hour." in doc.text and "title:" not in doc.text

    plain = tmp_path / "b.md"
    plain.write_text("# Q3 cost report\r\n\r\nWe spent $12,400.\r\n", encoding="utf-8")
    assert read_document(plain).title == "Q3 cost report"


def test_text_title_falls_back_to_the_file_name_and_old_encodings_are_read(tmp_path):
    path = tmp_path / "internal_cost-report.txt"
    path.write_bytes("Caf\xe9 budget: \x80500 per month.\n\nSecond paragraph.".encode("latin-1"))
    doc = read_document(path)
    assert doc.title == "internal cost report"
    assert doc.text == "Café budget: €500 per month.\n\nSecond paragraph."


def test_html_keeps_headings_paragraphs_lists_and_table_rows_and_drops_scripts(tmp_path):
    path = tmp_path / "quote.html"
    path.write_text(
        "<html><head><title>Acme quote</title><style>p{}</style></head><body>"
        "<nav>Home | About</nav><h2>Pricing</h2><p>Fine-tuning costs <b>$4,000</b>.</p>"
        "<ul><li>Setup: $500</li><li>Support: $100/month</li></ul>"
        "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$99</td></tr></table>"
        "<script>var secret = 1;</script></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title == "Acme quote"
    assert "## Pricing\n\nFine-tuning costs $4,000." in doc.text
    assert "- Setup: $500\n- Support: $100/month" in doc.text
    assert "| Pro | $99" in doc.text
    assert "secret" not in doc.text and "Home | About" not in doc.text and "p{}" not in doc.text


def test_pdf_text_and_title(tmp_path):
    path = tmp_path / "invoice.pdf"
    path.write_bytes(minimal_pdf(["GPU invoice total: $1,234", "Due in 30 days"], title="March invoice"))
    doc = read_document(path)
    assert doc.title == "March invoice"
    assert "GPU invoice total: $1,234" in doc.text


def _skip_reason(path, **kwargs) -> str:
    with pytest.raises(SkippedDocument) as excinfo:
        read_document(path, **kwargs)
    return str(excinfo.value)


def test_each_kind_of_bad_file_gets_its_reason(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n", encoding="utf-8")
    assert _skip_reason(empty) == "empty file"

    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _skip_reason(binary).startswith("binary content")

    big = tmp_path / "big.txt"
    big.write_text("word " * 300, encoding="utf-8")
    assert _skip_reason(big, max_bytes=1000).startswith("too large (0.0 MB; the limit is")

    assert _skip_reason(tmp_path / "missing.md") == "unreadable: file not found"
    assert _skip_reason(tmp_path / "slides.pptx").startswith("unsupported file type '.pptx'")

    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert _skip_reason(folder) == "is a directory"

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    assert "PDF" in _skip_reason(broken)

    only_markup = tmp_path / "blank.html"
    only_markup.write_text("<html><script>x()</script></html>", encoding="utf-8")
    assert _skip_reason(only_markup) == "no text found in the file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.md"
    locked.write_text("secret", encoding="utf-8")
    locked.chmod(0)
    assert _skip_reason(locked) == "unreadable: permission denied"
