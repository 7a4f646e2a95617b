"""Graph nodes are module-level functions: each can run alone, with its dependencies handed in as
LangGraph's typed runtime context."""

from __future__ import annotations

from fakes.scripted_model import ScriptedChatModel
from langgraph.runtime import Runtime

from agent.conversation import graph
from agent.conversation.graph import Context
from agent.infra.llm import Llm, ProviderChoice

CHOICE = ProviderChoice("openai", "gpt-4.1-mini", "test")


def runtime(model=None, kb=None) -> Runtime:
    llm = Llm(model, CHOICE) if model is not None else None
    return Runtime(context=Context(llm=llm, kb=kb))


def test_understand_runs_alone_with_a_scripted_model():
    model = ScriptedChatModel(script=[{"use_case": "support bot", "queries_per_day": 40_000}])
    update = graph.understand({"user_text": "Support bot, 40k questions a day."}, runtime(model))
    assert update["profile"] == {
        "use_case": {"value": "support bot", "source": "user"},
        "queries_per_day": {"value": 40_000.0, "source": "user"},
    }
    assert update["engine"] == "openai:gpt-4.1-mini" and update["turns"] == 1
    assert len(model.calls) == 1


def test_an_absurd_llm_figure_the_user_never_wrote_is_dropped_and_the_turn_goes_on(bundled_kb):
    model = ScriptedChatModel(script=[{"use_case": "support bot", "queries_per_day": 5e13, "input_tokens": -3}])
    rt = runtime(model, bundled_kb)
    state = {"user_text": "Support bot, a gazillion questions a day."}
    state |= graph.understand(state, rt)
    assert "queries_per_day" not in state["profile"] and "input_tokens" not in state["profile"]
    # Nobody wrote those figures, so nobody is told they were refused.
    assert state["understanding"]["rejected"] == {}
    state |= graph.decide(state, rt)  # no exception: the brief asks on
    assert state["brief"]["next_slot"] == "queries_per_day"


def test_an_absurd_figure_the_user_wrote_gets_the_shared_bound_whoever_read_it(bundled_kb):
    model = ScriptedChatModel(script=[{"use_case": "support bot", "queries_per_day": 5e13}])
    rt = runtime(model, bundled_kb)
    state = {"user_text": "Support bot, 50,000,000,000,000 questions a day."}
    state |= graph.understand(state, rt)
    assert "queries_per_day" not in state["profile"]
    assert state["understanding"]["rejected"] == {
        "queries_per_day": "that is far more traffic than any production system handles"
    }


def test_decide_and_compose_run_offline_without_a_model(bundled_kb):
    rt = runtime(kb=bundled_kb)
    state = {"user_text": "Support bot over our help centre, 20k questions a day, articles change weekly. Recommend?"}
    state |= graph.understand(state, rt)
    state |= graph.decide(state, rt)
    state |= graph.compose(state, rt)
    assert state["brief"]["recommendation"]["label"] == "rag"
    assert state["draft"].startswith("Got it") or "RAG" in state["draft"]
    assert graph.route_after_compose(state) == "check"
