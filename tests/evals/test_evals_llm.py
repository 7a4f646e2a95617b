"""Evals of the advisor in LLM mode, against the fake OpenAI-compatible server on 127.0.0.1: the
same checks score an LLM run, a provider outage shows up as a failed `no_error` check, and the two
runs compare."""

from __future__ import annotations

from fakes.llm_server import FakeLLMServer, fake_llm_server  # noqa: F401

from evals.compare import compare_runs
from evals.run import run_suite
from evals.scenarios import Scenario

SCENARIO = Scenario(
    id="support-llm",
    description="Support assistant, everything in one message",
    turns=["Support assistant, 100k questions a day, articles change weekly, answers must cite. Recommend?"],
    expect={"recommendation": "rag", "profile": {"queries_per_day": 100000}, "max_turns": 1},
)
EXTRACTION = {
    "use_case": "support assistant",
    "queries_per_day": 100000,
    "knowledge_changes": "weekly",
    "needs_citations": True,
    "wants_recommendation": True,
}


def llm_task(server: FakeLLMServer, kb):
    from agent.assemble import advisor_over, language_model
    from agent.cli.evals import eval_task
    from agent.infra.llm import ProviderChoice
    from agent.infra.settings import Settings

    choice = ProviderChoice("openai", "gpt-4.1-mini", "test")
    settings = Settings(openai_api_key="sk-test", openai_base_url=server.openai_base_url, llm_max_retries=0)
    return eval_task(advisor_over(kb, language_model(choice, settings)))


def test_an_llm_run_is_scored_by_the_same_checks(fake_llm_server, bundled_kb):
    fake_llm_server.reply(structured=EXTRACTION)
    fake_llm_server.reply(text="RAG fits a help centre that changes weekly [1].")
    # One conversation at a time: the fake server answers its script in order.
    result = run_suite(llm_task(fake_llm_server, bundled_kb), [SCENARIO], workers=1)
    assert result.engine == "openai:gpt-4.1-mini"
    (scenario,) = result.to_json()["scenarios"]
    assert scenario["failures"] == [] and scenario["recommendation"] == "rag"


def test_a_provider_outage_fails_no_error_and_the_runs_compare(fake_llm_server, bundled_kb):
    from agent.assemble import advisor_over
    from agent.cli.evals import eval_task

    offline = run_suite(eval_task(advisor_over(bundled_kb)), [SCENARIO])
    fake_llm_server.fail_forever(500)
    outage = run_suite(llm_task(fake_llm_server, bundled_kb), [SCENARIO], workers=1)
    (scenario,) = outage.to_json()["scenarios"]
    assert scenario["failures"] == [
        "no_error: the reply carried a notice: The language model is unavailable right now, so the offline "
        "engine answered this turn. (turn 1)"
    ]
    # Offline passed and the LLM run failed: one discordant pair, p = 2 * C(1,0) / 2^1 = 1.
    comparison = compare_runs(offline.to_json(), outage.to_json(), "offline", "llm")
    assert (comparison.b, comparison.c, comparison.p_value) == (1, 0, 1.0)
