"""The knowledge index when the environment fails: a read-only data directory still searches and
lists (writing commands name the read-only path), a damaged or deleted index names the file and
the command that fixes it, `crossroads reindex` repairs it and reads the user's documents again,
and a full disk is said as such. Each through the real command line, in a process of its own."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest

from knowledge.store import KnowledgeBase


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data directory with the bundled corpus and one ingested document."""
    directory = tmp_path_factory.mktemp("faults")
    document = directory.parent / "vendor-quote.md"
    document.write_text("# Vendor quote\n\nOur vendor quoted $300 for a LoRA fine-tune of Llama 3 8B, GPUs included.\n")
    kb = KnowledgeBase.open(directory / "data")
    kb.ensure_indexed()
    [outcome] = kb.ingest([document])
    assert outcome.ok
    return directory / "data", document


@pytest.fixture
def data_dir(template, tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(template[0], directory)
    return directory


def crossroads(data_dir, *args, limit_bytes=None, prefix=()):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(data_dir.parent), "CROSSROADS_DATA_DIR": str(data_dir)}

    def limit():
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([*prefix, sys.executable, "-m", "agent.cli", *args], env=env, cwd=data_dir.parent,
                          capture_output=True, text=True, timeout=180, preexec_fn=limit)


def one_line(done) -> str:
    lines = [line for line in done.stderr.strip().splitlines() if line.startswith("crossroads: ")]
    assert len(lines) == 1 and "Traceback" not in done.stderr and "unexpected error" not in done.stderr, done.stderr
    return lines[0]


def without_write_access() -> tuple[str, ...]:
    """As root, a new user namespace: root keeps its files' owner bits but loses the override."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-U", "true"]).returncode != 0:
        pytest.skip("running as root without user namespaces: cannot make a directory read-only for this process")
    return ("unshare", "-U")


def read_only(path):
    for item in [path, *path.rglob("*")]:
        item.chmod(item.stat().st_mode & ~0o222)


def writable(path):
    for item in [path, *path.rglob("*")]:
        item.chmod(item.stat().st_mode | 0o200)


def test_a_read_only_data_directory_still_searches_and_lists(data_dir, template):
    prefix = without_write_access()
    read_only(data_dir)
    try:
        search = crossroads(data_dir, "search", "LoRA fine-tune of an 8B model", "--k", "3", prefix=prefix)
        sources = crossroads(data_dir, "sources", prefix=prefix)
        ingest = crossroads(data_dir, "ingest", str(template[1]), prefix=prefix)
        forget = crossroads(data_dir, "forget", "vendor-quote", prefix=prefix)
        reindex = crossroads(data_dir, "reindex", prefix=prefix)
    finally:
        writable(data_dir)
    assert search.returncode == 0, search.stderr
    assert "vendor-quote" in search.stdout and "aiinfox-2026" in search.stdout
    assert sources.returncode == 0 and "vendor-quote" in sources.stdout and "aieconomyhub-2026" in sources.stdout
    for done, command in ((ingest, "ingest"), (forget, "forget vendor-quote"), (reindex, "reindex")):
        assert done.returncode == 2
        line = one_line(done)
        assert f"the knowledge index at {data_dir / 'chroma'} is read-only" in line, line
        assert "writable" in line
    assert f"`crossroads {'ingest'}` needs to write there" in one_line(ingest)
    assert not list(data_dir.parent.glob("data/chroma.damaged-*"))


def test_a_damaged_index_names_the_file_and_reindex_repairs_it(data_dir):
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"not a database" * 1000)
    (data_dir / "chroma" / "crossroads-index.json").unlink()
    done = crossroads(data_dir, "search", "LoRA cost")
    assert done.returncode == 2
    line = one_line(done)
    assert f"the knowledge index at {data_dir / 'chroma'} is damaged" in line and "run `crossroads reindex`" in line
    repaired = crossroads(data_dir, "reindex")
    assert repaired.returncode == 0, repaired.stderr
    assert "The damaged index was moved to" in repaired.stderr
    assert "re-read" in repaired.stdout and "as vendor-quote" in repaired.stdout
    after = crossroads(data_dir, "search", "vendor quoted LoRA", "--k", "5")
    assert after.returncode == 0 and "vendor-quote" in after.stdout


def test_a_deleted_index_is_rebuilt_and_says_which_documents_it_lost(data_dir, template):
    shutil.rmtree(data_dir / "chroma")
    done = crossroads(data_dir, "sources")
    assert done.returncode == 0, done.stderr
    assert "1 of your ingested documents are not in the knowledge index" in done.stderr
    assert f"vendor-quote ({template[1].resolve()})" in done.stderr and "crossroads reindex" in done.stderr
    assert "missing from the index: vendor-quote" in done.stdout
    repaired = crossroads(data_dir, "reindex")
    assert repaired.returncode == 0 and "as vendor-quote" in repaired.stdout
    listed = crossroads(data_dir, "sources")
    assert "missing from the index" not in listed.stdout and "vendor-quote" in listed.stdout


def test_a_lost_document_whose_file_is_gone_is_named(data_dir, tmp_path):
    document = tmp_path / "gone.md"
    document.write_text("# Gone soon\n\nA document about GPUs and budgets.\n")
    assert crossroads(data_dir, "ingest", str(document)).returncode == 0
    document.unlink()
    shutil.rmtree(data_dir / "chroma")
    done = crossroads(data_dir, "reindex")
    assert done.returncode == 2
    assert f"missing  gone: its file {document.resolve()} is gone" in done.stdout


def test_a_full_disk_during_ingest_is_said_with_the_path(data_dir, tmp_path):
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "\n\n".join(f"Paragraph {n} about GPU budgets, vendor quotes and training runs." for n in range(3000)))
    size = (data_dir / "chroma" / "chroma.sqlite3").stat().st_size
    done = crossroads(data_dir, "ingest", str(big), limit_bytes=size + 100_000)
    assert done.returncode == 2
    line = one_line(done)
    assert f"cannot write the knowledge index at {data_dir / 'chroma'}: the disk is full or a file-size limit was reached" in line
