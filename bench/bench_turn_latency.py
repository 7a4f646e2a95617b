"""Offline turn latency of the advisor after warm-up (target: p95 < 50 ms).

Replays a mixed conversation (questions, answers, a recommendation, what-ifs, a free question)
many times over fresh threads on the offline engine, with an in-memory checkpointer. Each round uses
other volumes, so the cost model's cache of identical scenarios does not flatter the numbers.

    .venv/bin/python bench/bench_turn_latency.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_P95_MS = 50.0
ROUNDS = 15
CONVERSATION = [
    "We're building a support bot for our customers.",
    "Around {volume}k requests a day.",
    "The help-centre articles change every week.",
    "Answers must link the article they came from.",
    "What do you recommend?",
    "What if we had 10x the volume?",
    "What about Haiku?",
    "How much latency does RAG add?",
    "Actually it's {correction}k a day.",
]


def main() -> int:
    from agent.assemble import advisor_over
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase.open(Path(tempfile.mkdtemp()))
    kb.ensure_indexed()
    chat = advisor_over(kb)
    for message in CONVERSATION:  # warm-up: imports, price catalogue, first search
        chat.send("bench:warmup", message.format(volume=100, correction=50))
    samples: dict[str, list[float]] = {m: [] for m in CONVERSATION}
    for round_ in range(ROUNDS):
        for message in CONVERSATION:
            text = message.format(volume=120 + round_, correction=60 + round_)
            start = time.perf_counter()
            chat.send(f"bench:{round_}", text)
            samples[message].append((time.perf_counter() - start) * 1000)
    every = sorted(x for xs in samples.values() for x in xs)
    p50 = statistics.median(every)
    p95 = every[int(0.95 * (len(every) - 1))]
    print(f"offline turn latency over {len(every)} turns: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < {TARGET_P95_MS:.0f} ms)")
    for message, xs in samples.items():
        print(f"  {statistics.median(xs):7.1f} ms  {message}")
    return 0 if p95 < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
