"""Cold start of `crossroads chat`: seconds until the prompt appears (target < 2.5 s).

Runs the real command in a pseudo-terminal, several times, with an already-indexed data directory
(the usual case) and once with an empty one (the first run, which indexes the bundled articles in the
background while the prompt waits for the user).

    .venv/bin/python bench/bench_chat_startup.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 2.5
RUNS = 5
PROMPT = "you › "


def time_to_prompt(data_dir: Path) -> float:
    import pexpect

    env = {**os.environ, "CROSSROADS_DATA_DIR": str(data_dir), "NO_COLOR": "1"}
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "CROSSROADS_MODEL"):
        env.pop(name, None)
    crossroads = Path(sys.executable).with_name("crossroads")
    start = time.perf_counter()
    child = pexpect.spawn(str(crossroads), ["chat"], env=env, encoding="utf-8", timeout=60)
    child.expect_exact(PROMPT)
    elapsed = time.perf_counter() - start
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    return elapsed


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="crossroads-bench-"))
    first = time_to_prompt(data_dir)
    # Let the first run's background indexing finish so later runs see an indexed directory.
    from knowledge.store import KnowledgeBase

    KnowledgeBase.open(data_dir).ensure_indexed()
    runs = [time_to_prompt(data_dir) for _ in range(RUNS)]
    worst = max(runs)
    print(f"crossroads chat, time to prompt: first run {first:.2f} s; indexed: median {statistics.median(runs):.2f} s, worst {worst:.2f} s (target < {TARGET_S} s)")
    return 0 if max(worst, first) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
