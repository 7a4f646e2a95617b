"""Start-up of the commands people type: `crossroads chat` until its prompt, and `crossroads ask`
(one offline turn, an indexed data directory), each against its floor measured in the same run.

- `chat`: seconds until the prompt appears, in a pseudo-terminal; the floor is a bare Python
  process showing the same prompt (the interpreter's own start). Target < 0.5 s.
- `ask`: CPU seconds of the whole process (user + system, the children's rusage), warm (the data
  directory indexed, a conversation store in place, our modules' bytecode written by the first run);
  the floor is the same interpreter running `import numpy` (the least any process of ours does).
  Target < 0.9 s of CPU, or where importing LangGraph alone takes longer than that, within
  1.6x of that import. Beside it, what importing LangGraph costs (numpy, `langgraph.graph` and
  its SQLite checkpointer): every turn runs through the graph, and LangGraph imports langchain-core's
  tracers, langsmith's run trees and the LangGraph SDK client at module level, tracing on or not.

Medians of interleaved runs. The first `chat` in an empty data directory (which indexes the bundled
articles in the background while the prompt waits) is printed too.

    .venv/bin/python bench/bench_chat_startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Verdict  # noqa: E402

CHAT_TARGET_S = 0.5
ASK_CPU_TARGET_S = 0.9
# On this 2-core machine importing LangGraph alone (which every turn runs through) costs more than the
# 0.9 s target, so the target cannot be met here; `ask` is then held to this multiple of that import
# (1.44x in the quiet run of 2026-12-02): our own imports and the turn may cost at most 60% of it.
ASK_WITHIN = 1.6
PROMPT = "you › "
CROSSROADS = Path(sys.executable).with_name("crossroads")


def environment(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "CROSSROADS_DATA_DIR": str(data_dir), "NO_COLOR": "1"}
    # PYTHONDONTWRITEBYTECODE (set in some shells and CI) would recompile all of our modules in every
    # run; a warm install has their bytecode, as any does after its first run.
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "CROSSROADS_MODEL", "LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2",
                 "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def time_to_prompt(command: list[str], env: dict[str, str]) -> float:
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=60)
    child.expect_exact(PROMPT)
    elapsed = time.perf_counter() - start
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of `command` (and anything it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="crossroads-bench-"))
    env = environment(data_dir)
    chat = [str(CROSSROADS), "chat"]
    first = time_to_prompt(chat, env)
    # Let the first run's background indexing finish so later runs see an indexed directory.
    from knowledge.store import KnowledgeBase

    KnowledgeBase.open(data_dir).ensure_indexed()
    ask = [str(CROSSROADS), "ask", "We're building a support bot for our customers, about 50k requests a day.", "--json"]
    subprocess.run(ask, env=env, check=True, capture_output=True)  # the conversation store exists from here
    bare_prompt = [sys.executable, "-c", f"input({PROMPT!r})"]
    bare_numpy = [sys.executable, "-c", "import numpy"]
    bare_langgraph = [sys.executable, "-c", "import numpy, langgraph.graph, langgraph.checkpoint.sqlite"]
    chat_s, floor_chat_s, ask_cpu, floor_cpu, langgraph_cpu = [], [], [], [], []
    for _ in range(args.repeats):
        chat_s.append(time_to_prompt(chat, env))
        floor_chat_s.append(time_to_prompt(bare_prompt, env))
        ask_cpu.append(cpu_seconds(ask, env))
        floor_cpu.append(cpu_seconds(bare_numpy, env))
        langgraph_cpu.append(cpu_seconds(bare_langgraph, env))
    m = statistics.median
    verdict = Verdict()
    print(f"start-up, medians of {args.repeats} interleaved runs (first chat in an empty data directory: {first:.2f} s)")
    verdict.ratio("crossroads chat, time to prompt", m(chat_s), m(floor_chat_s), "s",
                  floor_is="a bare python process showing the same prompt")
    verdict.below("chat to prompt", m(chat_s), CHAT_TARGET_S, "s")
    verdict.ratio("crossroads ask (offline turn), CPU", m(ask_cpu), m(floor_cpu), "s",
                  floor_is="the same interpreter importing numpy")
    verdict.ratio("  the same, against importing LangGraph", m(ask_cpu), m(langgraph_cpu), "s",
                  floor_is="the same interpreter importing numpy, langgraph.graph and its SQLite checkpointer")
    verdict.below("ask CPU", m(ask_cpu), ASK_CPU_TARGET_S, "s", floor=m(langgraph_cpu), within=ASK_WITHIN)
    return verdict.exit_code()


if __name__ == "__main__":
    sys.exit(main())
