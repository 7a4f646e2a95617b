"""The shipped corpus: cleaned copies of the five source articles, their front matter, quote checks."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from knowledge.articles import (
    CORPUS_DIR,
    bundled_article,
    load_bundled_articles,
    parse_article,
    quote_in_source,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCES_YAML = ROOT.parent / "shared" / "corpus" / "sources.yaml"

# UTF-8 read as Windows-1253 or Windows-1252 (the capture defects and their usual relatives).
MOJIBAKE = ("β€", "Γ—", "â€", "Ã", "Â·", "Â ", "\ufffd")


def test_five_articles_with_the_ids_of_sources_yaml():
    ids = {a.id for a in load_bundled_articles()}
    assert ids == {"aiinfox-2026", "ferreira-2026", "tradeoffs-2026", "aieconomyhub-2026", "costlens-2026"}


@pytest.mark.skipif(not SOURCES_YAML.exists(), reason="the shared corpus is not beside this checkout")
def test_front_matter_matches_sources_yaml():
    entries = {e["id"]: e for e in yaml.safe_load(SOURCES_YAML.read_text(encoding="utf-8"))}
    for article in load_bundled_articles():
        entry = entries[article.id]
        assert article.title == entry["title"]
        assert article.publisher == str(entry["publisher"])
        assert article.author == str(entry["author"])
        assert article.published == str(entry["published"])
        assert article.captured_file == entry["file"]


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*.md")), ids=lambda p: p.stem)
def test_no_mojibake_remains(path):
    text = path.read_text(encoding="utf-8")
    found = [seq for seq in MOJIBAKE if seq in text]
    assert not found, f"{path.name} still contains {found}"


def test_mojibake_was_repaired_into_the_intended_characters():
    text = bundled_article("aieconomyhub-2026").text
    assert "$40k–$120k in loaded cost — far more" in text
    assert "another 2–3× higher" in text
    assert "savings of 3–5× over hosted" in text


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*.md")), ids=lambda p: p.stem)
def test_every_table_row_has_its_cell_separators(path):
    body = path.read_text(encoding="utf-8")
    for table in re.findall(r"(?:^\|.*\|\n)+", body, flags=re.MULTILINE):
        rows = table.strip().split("\n")
        widths = {row.count("|") for row in rows}
        assert len(widths) == 1, f"{path.name}: ragged table\n{table}"
        assert re.fullmatch(r"\|( --- \|)+", rows[1]), f"{path.name}: missing header separator\n{table}"


def test_the_run_together_cost_table_became_a_markdown_table():
    text = bundled_article("aieconomyhub-2026").text
    assert "Cost componentRAG" not in text
    assert "| Cost component | RAG | Fine-tune (hosted) |" in text
    assert "| Inference premium | 0% | Claude/GPT fine-tunes: +20–50% per-token |" in text


def test_known_gaps_are_kept_not_invented():
    ferreira = bundled_article("ferreira-2026").text
    # The heading whose table the capture lost stays, followed directly by the next section.
    assert re.search(r"\*\*Monthly inference cost \(1M queries/day, 200 tokens avg\):\*\*\n\n## RAG Costs", ferreira)
    costlens = bundled_article("costlens-2026").text
    assert "Pros of RAG:\n\nCons of RAG:\n\n" in costlens


def test_page_chrome_is_gone_and_headings_are_markdown():
    aiinfox = bundled_article("aiinfox-2026").text
    assert "Aiinfox logo" not in aiinfox and "Fixed-price scope in 72 hours" not in aiinfox
    assert "## 4. Latency — RAG adds milliseconds, fine-tuning subtracts them" in aiinfox
    assert "Join 1,200+ readers" not in bundled_article("aieconomyhub-2026").text


def test_corpus_ships_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "corpus/*.md" in config["tool"]["setuptools"]["package-data"]["knowledge"]
    shipped = {p.name for p in files("knowledge").joinpath("corpus").iterdir()}
    assert {f"{a.id}.md" for a in load_bundled_articles()} <= shipped


def test_quote_in_source_ignores_whitespace_markup_and_curly_quotes():
    assert quote_in_source("ferreira-2026", "7B LoRA, 100K samples   $10–50")  # across table cells
    assert quote_in_source("ferreira-2026", "1. Frequently changing knowledge\nFine-tuning bakes in")
    assert quote_in_source("costlens-2026", "As developers, we're constantly looking")
    assert quote_in_source("aiinfox-2026", "Total: roughly $3,500-12,000/month at this volume")


def test_quote_in_source_rejects_changed_figures_and_other_sources():
    assert not quote_in_source("ferreira-2026", "7B LoRA, 100K samples $10–60")
    assert not quote_in_source("aiinfox-2026", "7B LoRA, 100K samples")
    assert not quote_in_source("aiinfox-2026", "   ")
    with pytest.raises(LookupError, match="unknown source id"):
        quote_in_source("no-such-source", "anything")


def test_parse_article_names_the_bad_field():
    text = "---\nid: x\ntitle: T\npublisher: P\nauthor: A\ncaptured_file: f.txt\n---\nbody\n"
    with pytest.raises(ValueError, match="`published`"):
        parse_article(text, origin="x.md")
    with pytest.raises(ValueError, match="missing front matter"):
        parse_article("just text", origin="y.md")
