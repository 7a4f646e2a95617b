"""`crossroads cost` on hostile input: devices, pipes, huge files, YAML alias bombs, deep nesting and
absurd sample counts are each refused at once with exit 2 and one line, before any real work."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "support-bot.yaml"
# 289 bytes: nine levels of nine aliases, 9**9 (387 million) strings once expanded.
ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def refused(capsys, *argv: str) -> str:
    start = time.perf_counter()
    code = main(["cost", *argv])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert time.perf_counter() - start < 2.0
    [line] = err.strip().splitlines()
    assert line.startswith("crossroads: ") and "Traceback" not in err
    return line


def test_devices_pipes_and_folders_are_not_read(capsys, tmp_path):
    assert "/dev/zero: not a regular file" in refused(capsys, "--input", "/dev/zero")
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert "not a regular file" in refused(capsys, "--input", str(fifo))
    assert "not a regular file" in refused(capsys, "--input", str(tmp_path))


def test_a_file_over_a_mebibyte_is_refused_unread(capsys, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("queries_per_day: 1000\n" + "# padding\n" * 600_000)
    line = refused(capsys, "--input", str(big))
    assert "over the 1,048,576-byte limit for a scenario file" in line


def test_a_yaml_alias_bomb_is_refused_without_expanding_it(capsys, tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB.encode()) < 600
    assert "aliases expand to over 10,000 values" in refused(capsys, "--input", str(bomb))
    loop = tmp_path / "loop.yaml"
    loop.write_text("queries_per_day: &q [*q]\n")
    assert "refers to itself" in refused(capsys, "--input", str(loop))


def test_modest_aliases_still_work(capsys, tmp_path):
    scenario = tmp_path / "aliased.yaml"
    scenario.write_text(
        "workload: {queries_per_day: &volume 100000, input_tokens: 600, output_tokens: 300}\n"
        "caching: {cached_tokens: 500, hit_rate: 0.8}\n"
        "rag: &rag {context_tokens: 2000, monthly_usd: 800}\n"
    )
    code = main(["cost", "--input", str(scenario), "--samples", "1000"])
    assert code == 0, capsys.readouterr().err


def test_deep_nesting_is_refused(capsys, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    assert "nested too deeply" in refused(capsys, "--input", str(deep))


def test_samples_are_capped(capsys):
    line = refused(capsys, "--input", str(EXAMPLE), "--samples", "1000000000")
    assert "--samples: at most 1,000,000 (got 1,000,000,000)" in line


def test_refusals_hold_under_a_memory_limit(tmp_path):
    """As the probes ran them: a real process with 500 MB of address space gets a one-line refusal, not MemoryError."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    for argv in (["--input", "/dev/zero"], ["--input", str(bomb)], ["--input", str(EXAMPLE), "--samples", "1000000000"]):
        done = subprocess.run([sys.executable, "-m", "agent.cli", "cost", *argv], capture_output=True, text=True,
                              timeout=60, preexec_fn=limit, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
