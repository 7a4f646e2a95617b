"""A Slack bot and `crossroads ask` processes sharing one SQLite store: turns of one thread, from
either front-end, never overwrite each other (the lock file beside conversations.sqlite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from fakes.slack_api import TEAM, mention, next_ts, slack_api  # noqa: F401
from test_slack_bot import CHANNEL, RunningBot

from agent.assemble import advisor_over
from agent.infra.storage import open_store


def test_a_slack_bot_and_parallel_asks_share_one_sqlite_thread(slack_api, bundled_kb, isolated_environment, tmp_path):
    from knowledge.store import KnowledgeBase

    data_dir = isolated_environment
    KnowledgeBase.open(data_dir).ensure_indexed()
    root = next_ts()
    thread = f"slack:{TEAM}:{CHANNEL}:{root}"
    with ExitStack() as closer:
        store = open_store(None, data_dir, closer)
        running = RunningBot(slack_api, advisor_over(bundled_kb, store=store), data_dir)
        closer.callback(running.close)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "CROSSROADS_DATA_DIR": str(data_dir)}
        asks = [subprocess.Popen([sys.executable, "-m", "agent.cli", "ask", "--json", "--thread", thread, f"about {n + 1}0k a day"],
                                 env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(6)]
        events = [mention(f"what if we had {n + 2}x the volume?", CHANNEL, thread_ts=root, user=f"U0P{n}") for n in range(6)]
        with ThreadPoolExecutor(6) as pool:
            assert list(pool.map(lambda event: running.send(event).status, events)) == [200] * 6
        turns = []
        for process in asks:
            out, err = process.communicate(timeout=240)
            assert process.returncode == 0, err.decode()[-2000:]
            turns.append(json.loads(out)["turn"])
        slack_api.wait_for(lambda: len(slack_api.answers(CHANNEL, root)) == 6, 60, "six answers")
        assert len(set(turns)) == 6 and set(turns) <= set(range(1, 13))
        assert running.chat.snapshot(thread)["turns"] == 12  # none lost
