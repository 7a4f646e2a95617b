"""The knowledge CLI commands, run in-process through the real `crossroads` entry point."""

from __future__ import annotations

import json
import re

from agent.cli import main as cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_is_the_documented_contract(capsys):
    code, out, err = run(capsys, "search", "How much does a 7B LoRA fine-tune on 100K examples cost?", "--k", "2", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["query"] == "How much does a 7B LoRA fine-tune on 100K examples cost?"
    assert len(payload["results"]) == 2
    assert all(set(r) == {"source_id", "title", "chunk_id", "text", "score"} for r in payload["results"])
    assert payload["results"][0]["source_id"] == "ferreira-2026"
    assert "Indexing the bundled corpus" in err  # progress goes to stderr, first run only


def test_search_text_output_and_source_filter(capsys):
    code, out, _ = run(capsys, "search", "vector database cost", "--source", "costlens-2026", "--k", "1")
    assert code == 0 and out.startswith("1. [costlens-2026] RAG vs Fine-tuning")
    code, _, err = run(capsys, "search", "vector database cost", "--source", "nope")
    assert code == 2 and err.strip() == "crossroads: no indexed source has id 'nope'; `crossroads sources` lists them"
    code, _, err = run(capsys, "search", "cost", "--k", "0")
    assert code == 2 and "--k must be at least 1" in err


def test_ingest_sources_forget(capsys, tmp_path):
    good = tmp_path / "vendor-quote.html"
    good.write_text("<title>Vendor quote</title><p>Fine-tuning service: $3,900 flat.</p>", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")

    code, out, _ = run(capsys, "ingest", str(good), str(empty))
    assert code == 2  # one file was skipped
    assert f"added    {good}  as vendor-quote (1 passage)" in out
    assert f"skipped  {empty}: empty file" in out

    code, out, _ = run(capsys, "sources")
    assert code == 0
    assert re.search(r"^ferreira-2026 +10 passages  Fine-Tuning vs RAG", out, re.MULTILINE)
    assert re.search(rf"^vendor-quote +1 passage  Vendor quote  from {re.escape(str(good.resolve()))}$", out, re.MULTILINE)

    code, out, _ = run(capsys, "sources", "--json")
    listed = {s["id"]: s for s in json.loads(out)}
    assert listed["vendor-quote"]["origin"] == str(good.resolve()) and listed["aiinfox-2026"]["origin"] == "bundled"

    code, out, _ = run(capsys, "forget", "vendor-quote")
    assert code == 0 and out.strip() == "forgot vendor-quote (1 passage)"
    code, _, err = run(capsys, "forget", "vendor-quote")
    assert code == 2 and "no indexed source has id 'vendor-quote'" in err


def test_embedding_mismatch_tells_how_to_reindex(capsys, monkeypatch):
    assert run(capsys, "sources")[0] == 0
    monkeypatch.setenv("CROSSROADS_EMBEDDINGS", "openai:text-embedding-3-small")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    code, _, err = run(capsys, "search", "cost")
    assert code == 2 and "run `crossroads reindex`" in err and len(err.strip().splitlines()) == 1


def test_search_eval_reports_recall_and_mrr(capsys, tmp_path):
    few = tmp_path / "few.yaml"
    few.write_text(
        "questions:\n"
        "  - question: How much does a 7B LoRA fine-tune on 100K examples cost?\n"
        "    answer: $10–50\n"
        "    source: ferreira-2026\n"
        "  - question: What is the price of a unicorn?\n"
        "    answer: 12 rainbows\n"
        "    source: costlens-2026\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "search-eval", "--questions", str(few), "--json")
    report = json.loads(out)
    assert code == 1  # recall@5 of 0.5 is below the CI floor
    assert (report["questions"], report["recall_at_5"]) == (2, 0.5)
    assert report["outcomes"][1]["rank"] is None
    code, out, _ = run(capsys, "search-eval", "--questions", str(few))
    assert "recall@5   0.500" in out and "rank >5: What is the price of a unicorn?  [12 rainbows]" in out
