"""The cost chart drawn in a process of its own (what the Slack bot does, off its turn workers): the
same PNG as drawn here, a bad request reported rather than hung on, and a dead child replaced."""

from __future__ import annotations

import pytest

from agent.conversation.costing import compare_costs
from agent.frontends.charts import ChartProcess, cost_chart_png


@pytest.fixture(scope="module")
def costs():
    return compare_costs({"queries_per_day": 20_000})


def test_the_chart_process_draws_the_same_png(costs):
    drawer = ChartProcess()
    try:
        png = drawer.submit(costs).result(timeout=60)
    finally:
        drawer.close()
    assert png.startswith(b"\x89PNG") and png == cost_chart_png(costs)


def test_a_failed_chart_is_an_error_and_the_next_one_is_drawn(costs):
    drawer = ChartProcess()
    try:
        with pytest.raises(RuntimeError, match="the chart process failed: KeyError"):
            drawer.submit({"options": {}}).result(timeout=60)
        drawer._child.kill()  # a child that died is started again for the next chart
        drawer._child.wait()
        assert drawer.submit(costs).result(timeout=60).startswith(b"\x89PNG")
    finally:
        drawer.close()
