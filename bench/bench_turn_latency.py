"""Offline turn latency of the advisor after warm-up, against the same turns without the graph.

Replays a mixed conversation (questions, answers, a recommendation, what-ifs, a free question)
many times over fresh threads on the offline engine, with an in-memory checkpointer. Each round uses
other volumes, so the cost model's cache of identical scenarios does not flatter the numbers. The
floor replays the same conversation through the same node functions called one after the other on a
plain dict (the state's two reducers applied by hand): no LangGraph, no checkpointer.

Target: p95 < 50 ms; the ratio of the median turns is printed (what the graph and checkpointer add).

    .venv/bin/python bench/bench_turn_latency.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Verdict  # noqa: E402

TARGET_P95_MS = 50.0
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


class BareTurns:
    """The offline turn without the graph: the graph's nodes in its order, state in a dict."""

    def __init__(self, kb) -> None:
        from langgraph.runtime import Runtime

        from agent.conversation import graph

        self.graph = graph
        self.runtime = Runtime(context=graph.advisor_context(None, kb))
        self.threads: dict[str, dict] = {}

    def send(self, thread: str, text: str) -> dict:
        from langgraph.graph.message import add_messages

        g = self.graph
        state = self.threads.setdefault(thread, {})
        state["user_text"] = text

        def run(update: dict) -> None:
            for key, value in update.items():
                if key == "messages":
                    state[key] = add_messages(state.get(key, []), value)
                elif key == "asked":
                    state[key] = state.get(key, []) + value
                else:
                    state[key] = value

        run(g.understand(state, self.runtime))
        run(g.decide(state, self.runtime))
        while True:
            run(g.compose(state, self.runtime))
            if g.route_after_compose(state) == "call_tools":
                run(g.call_tools(state, self.runtime))
                continue
            run(g.check(state))
            if g.route_after_check(state) == "finish":
                break
        run(g.finish(state))
        return state["reply"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    from agent.assemble import advisor_over
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase.open(Path(tempfile.mkdtemp()))
    kb.ensure_indexed()
    chat = advisor_over(kb)
    bare = BareTurns(kb)
    for message in CONVERSATION:  # warm-up: imports, price catalogue, first search
        text = message.format(volume=100, correction=50)
        chat.send("bench:warmup", text)
        bare.send("bench:warmup", text)
    samples: dict[str, list[float]] = {m: [] for m in CONVERSATION}
    floor: list[float] = []
    for round_ in range(args.rounds):
        for message in CONVERSATION:
            text = message.format(volume=120 + round_, correction=60 + round_)
            start = time.perf_counter()
            chat.send(f"bench:{round_}", text)
            samples[message].append((time.perf_counter() - start) * 1000)
            # Other volumes again: the cost model's cache must not serve the floor the graph's results.
            text = message.format(volume=520 + round_, correction=260 + round_)
            start = time.perf_counter()
            bare.send(f"bench:{round_}", text)
            floor.append((time.perf_counter() - start) * 1000)
    every = sorted(x for xs in samples.values() for x in xs)
    p50 = statistics.median(every)
    p95 = every[int(0.95 * (len(every) - 1))]
    verdict = Verdict()
    print(f"offline turn latency over {len(every)} turns (p95 {p95:.1f} ms), each beside the same turn without the graph")
    verdict.ratio("median turn", p50, statistics.median(floor), "ms",
                  floor_is="the graph's nodes called in order on a dict")
    verdict.below("turn p95", p95, TARGET_P95_MS, "ms")
    for message, xs in samples.items():
        print(f"  {statistics.median(xs):7.1f} ms  {message}")
    return verdict.exit_code()


if __name__ == "__main__":
    sys.exit(main())
