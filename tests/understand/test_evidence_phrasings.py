"""Evidence people give without naming the slot: a measured rate is an eval set, a teacher's logs are
examples to test against, hardware too small for the model is cost pressure, an amount per month is
no horizon, a classifier's fixed categories are static knowledge, and the opening message names the
product. Every row is written for this file; `None` means the slot must stay unread.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _check(text: str, expected: dict, profile: dict | None = None) -> None:
    got = understand(text, profile=profile).updates
    for slot, value in expected.items():
        assert got.get(slot) == value, f"{text!r}: {slot} read as {got.get(slot)!r}, expected {value!r} (all: {got})"


EVAL_EVIDENCE = [
    # a rate measured on examples
    ("claude gets it right 95% of the time on our sample, haiku about 80%", {"has_eval_set": True}),
    ("the big model is 93% accurate and the small one 78%", {"has_eval_set": True}),
    ("we see an F1 of 0.88 with the current prompt", {"has_eval_set": True}),
    ("precision is around 0.9 on the last batch we checked", {"has_eval_set": True}),
    ("it hits 97% exact match on the holdout", {"has_eval_set": True}),
    # what someone needs is a target, measured on nothing
    ("we need 98% accuracy before launch", {"has_eval_set": None}),
    ("the bar is 95% precision", {"has_eval_set": None}),
    # inputs kept with the outputs they should get
    ("we kept a year of prompt/completion logs from the current model", {"has_eval_set": True}),
    ("there are logs of about 2 million of its answers", {"has_eval_set": True}),
    ("we have 30k emails paired with the replies agents actually sent", {"has_eval_set": True}),
    ("all the request-response pairs since March are in S3", {"has_eval_set": True}),
    ("we've stored every completion the model produced this quarter", {"has_eval_set": True}),
    ("8k expert-written summaries from the old manual process", {"has_eval_set": True}),
    ("we don't keep any logs of the outputs", {"has_eval_set": False}),
    # examples named in the domain's words
    ("there are 900 editor-approved headlines we could learn from", {"has_eval_set": True}),
    ("roughly 2k doctor-reviewed discharge letters", {"has_eval_set": True}),
    ("support has 300 transcripts we could use as examples", {"has_eval_set": True}),
    ("marketing sent over a handful of perfect example replies", {"has_eval_set": True}),
    ("the help center is well-written and white-labelled per client", {"has_eval_set": None}),
    # a teacher's outputs kept, and a sample someone checked
    ("we've archived haiku's classifications for every ticket since June", {"has_eval_set": True}),
    ("we kept all the extractions of the big model, and ops verified 1500 of them", {"has_eval_set": True}),
    ("the moderators hand-reviewed 3k of its decisions", {"has_eval_set": True}),
    ("plus 800 QA'd conversations", {"has_eval_set": True}),
    ("about 6k chat logs from our human agents, which the brand team signed off", {"has_eval_set": True}),
    ("2k replies written by our senior support staff", {"has_eval_set": True}),
    ("the handbook was reviewed 3 weeks ago", {"has_eval_set": None}),
    ("we get 400 emails from our agents every day", {"has_eval_set": None}),
    ("it follows the policy that legal approved", {"has_eval_set": None}),
]


@pytest.mark.parametrize("text,expected", EVAL_EVIDENCE)
def test_evidence_of_examples_to_test_against(text, expected):
    _check(text, expected)


HARDWARE_TOO_SMALL = [
    ("we only have two T4s in the rack", {"top_model_too_costly": True}),
    ("the appliance ships with a single A10 gpu", {"top_model_too_costly": True}),
    ("there's no way we can host a 70b on the hardware we have", {"top_model_too_costly": None}),
    ("we couldn't serve the big model at our scale", {"top_model_too_costly": True}),
    ("can't run a frontier-size model on those boxes", {"top_model_too_costly": True}),
    ("we have eight H100s sitting idle", {"top_model_too_costly": None}),
]


@pytest.mark.parametrize("text,expected", HARDWARE_TOO_SMALL)
def test_hardware_too_small_for_the_model_is_cost_pressure(text, expected):
    _check(text, expected)


AMOUNT_PERIODS = [
    ("the invoice runs about 25k a month and keeps climbing", {"horizon_months": None}),
    ("we're spending like 8 grand per month on it, budget is tight", {"horizon_months": None}),
    ("our budget is 3k/month", {"horizon_months": None}),
    ("budget over 18 months please", {"horizon_months": 18}),
    ("plan for a 2-year horizon", {"horizon_months": 24}),
]


@pytest.mark.parametrize("text,expected", AMOUNT_PERIODS)
def test_an_amount_per_month_is_not_a_horizon(text, expected):
    _check(text, expected)


FIXED_CATEGORIES = [
    ("the label set is fixed", {"knowledge_changes": "static"}),
    ("our intents are final for this release", {"knowledge_changes": "static"}),
    ("the codes are frozen by the standard", {"knowledge_changes": "static"}),
    ("the categories are decided by the product team", {"knowledge_changes": None}),
]


@pytest.mark.parametrize("text,expected", FIXED_CATEGORIES)
def test_a_classifiers_fixed_categories_are_static_knowledge(text, expected):
    _check(text, expected)


INPUT_WRITTEN_EACH_TIME = [
    ("the summary is built from whatever the nurse types in", {"has_documents": False}),
    ("each post is generated from the notes our staff jot down", {"has_documents": False}),
    ("it works off what the seller enters in the form", {"has_documents": False}),
]


@pytest.mark.parametrize("text,expected", INPUT_WRITTEN_EACH_TIME)
def test_an_input_written_each_time_leaves_nothing_to_retrieve(text, expected):
    _check(text, expected)


OPENINGS = [
    ("Loan document summaries for our underwriters. They read 40 pages per file.", "loan document summaries"),
    ("Recipe suggestions for a meal-kit app, about 20k users.", "recipe suggestions"),
    ("Insurance claim fraud detection, roughly 50k claims a week.", "insurance claim fraud detection"),
    ("We're a bank doing transaction categorisation for the budgeting tab.", "transaction categorisation"),
    # the decision itself, or a statement, is not the product's name
    ("RAG vs fine tuning for us, thoughts.", None),
    ("we tried prompting with a long system prompt for weeks.", None),
]


@pytest.mark.parametrize("text,use_case", OPENINGS)
def test_the_opening_message_names_the_product(text, use_case):
    assert understand(text).updates.get("use_case") == use_case


def test_a_noun_phrase_later_in_the_conversation_is_not_taken_as_the_product():
    later = understand("Weekly digest emails, mostly.", profile={"queries_per_day": 500, "use_case": "support bot"})
    assert "use_case" not in later.updates


def test_a_persona_described_by_its_distinct_voices_is_one_to_hold():
    _check("every companion has a distinctive voice and the narrative team is picky about it", {"persona_consistency": True})
    _check("the help articles share one distinct house style", {"persona_consistency": None})


@pytest.mark.parametrize("text", ["so whats the move", "ok so rag or not", "so distill or not"])
def test_asking_for_the_call_in_slang(text):
    assert understand(text).wants_recommendation is True


@pytest.mark.parametrize("text,per_day", [
    ("we write maybe a couple hundred descriptions a day", 200),
    ("the team drafts around 70 replies a day", 70),
    ("about 3,500 summaries per week", 500),
])
def test_a_count_of_outputs_per_period_is_traffic(text, per_day):
    reading = understand(text, profile={"use_case": "writing assistant"})
    assert reading.updates.get("queries_per_day") == pytest.approx(per_day)
    assert "use_case" not in reading.updates


def test_new_documents_per_period_stay_a_change_rate():
    assert "queries_per_day" not in understand("we publish 200 articles a week").updates


@pytest.mark.parametrize("text", ["docs churn weekly", "legal vetoed anthropic", "prices move daily"])
def test_opening_words_that_state_a_fact_name_no_product(text):
    assert "use_case" not in understand(text).updates


@pytest.mark.parametrize("text", [
    "the format of the contracts is not changing",
    "the invoice layout never really changes",
    "our report structure stays the same",
    # a smaller model short of a bigger one that meets the bar: no gap a fine-tune must close
    "gpt-4o accuracy great (97%), gpt-4o-mini only 85%",
    "the big model hits 95%, the small one only 78%",
])
def test_a_stable_input_format_or_a_weaker_model_is_no_format_gap(text):
    assert understand(text).updates.get("output_format_gap") is not True
