"""Understanding text that is pasted rather than written (tables, key-value bullets, eval summaries in
code fences, notes from a meeting) and facts described by what people see or tried before. Every row
is a phrasing written for this file; `None` means the slot must stay unread.
"""

from __future__ import annotations

import pytest

from agent.understand.layout import as_prose
from agent.understand.rules import understand


def _read(text, asked=None, profile=None, earlier=""):
    return understand(text, asked=asked, profile=profile if profile is not None else {"use_case": "x"}, earlier=earlier)


@pytest.mark.parametrize(("text", "per_day"), [
    ("Some figures from the PM:\n| metric | value |\n|---|---|\n| tickets per day | ~1,800 |\n| agents | 45 |", 1_800),
    ("- Claims/day: ~3,200\n- Adjusters: 140\n- Regions: 6", 3_200),
    ("Kiosks: 220; transactions/day (projected): 30-50k; stores: 80", 40_000),
    ("Studio: 40 people. Learners: ~6k daily, each sends ~5 messages a day.", 30_000),
    ("| | |\n|---|---|\n| pharmacists | ~250 |\n| queries per pharmacist per day | ~12 |", 3_000),
    ("sessions/week: ~14,000, ~3 questions each", 6_000),
])
def test_volumes_in_tables_and_key_value_lines(text, per_day):
    assert _read(text, profile={}).updates.get("queries_per_day") == pytest.approx(per_day, rel=0.01)


def test_a_pasted_eval_table_is_read_row_by_row():
    text = ("Our eval summary:\n```\nSetup            | valid XML | content right\nbest prompt      | 71%       | 96%\n"
            "prompt + 10 shots| 74%       | 96%\nTarget           | 99%       | 95%\n```\nThe schema has not changed since 2020.")
    prose = as_prose(text)
    assert "best prompt: 71% valid XML, 96% content right." in prose and "```" not in prose
    updates = _read(text).updates
    assert updates.get("output_format_gap") is True and updates.get("has_eval_set") is True


@pytest.mark.parametrize("text", [
    "we need 95% accuracy - currently 80%",
    "Budget: $5k a month",
    "cost per query: 0.02",
])
def test_prose_with_colons_and_dashes_is_left_as_written(text):
    assert as_prose(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # what introduces a paste is no product
    ("Forwarding this from our COO: could an LLM answer supplier emails?", {"use_case": None}),
    ("Notes from our onboarding retro (March):", {"use_case": None}),
    ("Head buyer's summary, unedited:", {"use_case": None}),
    # the work said in the passive
    ("Scanned delivery notes need to be converted into our ERP import format", {"use_case": "converting scanned delivery notes into erp import format"}),
    # the people whose work it does, with no determiner
    ("desk staff answer visitor questions about parking and permits", {"use_case": "answer visitor questions"}),
])
def test_the_product_behind_the_paste(text, expected):
    updates = understand(text, profile={}).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "asked", "expected"), [
    # kept apart from each other is tenancy, never a ban on data leaving
    ("records can never cross between schools", None, {"multi_tenant": True, "data_residency": None}),
    # when the project began is no change rate
    ("we kicked the pilot off three weeks ago", "knowledge_changes", {"knowledge_changes": None}),
    ("we started last month, and the price list changes every week", "knowledge_changes", {"knowledge_changes": "weekly"}),
    # a voice written into the prompt is no knowledge in the prompt
    ("we put the mascot's tone into the system prompt and it still slips after a while", None,
     {"has_documents": None, "persona_consistency": True}),
    # speed, not cost, named as the trouble
    ("price is fine really, it's the latency", None, {"top_model_too_costly": False, "latency_sensitive": True}),
    # a smaller model's shortfall beside the praised one is the case for distilling, no gap
    ("claude sonnet nails it every time, haiku only gets about 75% right", None, {"output_format_gap": None}),
    # a figure settled on after an aside, and each of a counted thing
    ("a couple hundred requests a day at peak season, say 350", "queries_per_day", {"queries_per_day": 350}),
    ("about 12k emails a day, ~3 model calls per email", None, {"queries_per_day": 36_000}),
    # an output label is no eval set
    ("the answer is just a category label", None, {"has_eval_set": None}),
    # a correction whose figure has its reason after it
    ("~9k orders a day, wait no, more like 11k since the Black Friday migration", None, {"queries_per_day": 11_000}),
])
def test_described_by_what_people_see_and_did(text, asked, expected):
    updates = _read(text, asked=asked).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize("text", [
    "so, distillation?",
    "ok, hybrid then?",
    "so what's the fix here?",
    "so build our own or not?",
])
def test_one_option_put_as_the_question_is_the_call(text):
    assert _read(text.replace("build our own", "train our own")).wants_recommendation


def test_a_smaller_model_asked_beside_the_call_is_one_ask():
    read = _read("would a cheaper model cope? what would you do?")
    assert read.wants_recommendation and read.question is None


@pytest.mark.parametrize(("text", "expected"), [
    ("$14k/month just to tag support emails is hard to justify", {"top_model_too_costly": True, "monthly_spend_usd": 14_000}),
    ("it's the single biggest line item on our AWS bill, about $30k/mo", {"top_model_too_costly": True}),
    ("we spent roughly $18k last month on the API", {"monthly_spend_usd": 18_000}),
    ("the template outputs come back non-compliant on roughly 1 in 4 filings", {"output_format_gap": True}),
    ("it has to say which circular it took the rule from so auditors can trace it", {"needs_citations": True}),
])
def test_cost_evidence_and_citations_in_other_words(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_a_withdrawn_thing_withdraws_what_it_brought():
    earlier = "we write product copy in our brand voice. we also want it to pull specs from the supplier catalogue"
    read = _read("actually leave the catalogue out of it, copy only", profile={"use_case": "x", "has_documents": True}, earlier=earlier)
    assert read.updates.get("has_documents") is False and "has_documents" in read.corrections


@pytest.mark.parametrize(("text", "expected"), [
    # leaving a note is no data leaving, and a bracketed list of categories holds no ban
    ("Couriers leave a short voice note at each missed drop and we sort them into reasons (not in, blocked, refused, lost)",
     {"data_residency": None}),
    ("nothing may leave the hospital network", {"data_residency": True}),
    # the normal day named before its count
    ("quiet days ~1,200 calls, storm days up to 9k", {"queries_per_day": 1_200}),
    # a share that passes a checker, against the need
    ("with our best prompt 82% of outputs pass the schema check; we need 99%", {"output_format_gap": True}),
])
def test_notes_left_lists_of_examples_normal_days_and_checkers(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "asked", "expected"), [
    # a year, a count of revisions, a total said after "we're at" are what they are
    ("the code list has been locked since 2021", "queries_per_day", {"queries_per_day": None}),
    ("roughly 25 revisions a month to the manual", "queries_per_day", {"queries_per_day": None, "knowledge_changes": "monthly"}),
    ("it's live in all 6 depots now and I reckon we're at about 30k scans a day", None, {"queries_per_day": 30_000}),
    # of two models compared, the one that does the job is the one in use
    ("Haiku was hopeless at it, Sonnet gets it right", None, {"model": "sonnet"}),
    # change said without the word "change"
    ("the input documents are new every morning", None, {"knowledge_changes": "daily"}),
    ("fuel prices move weekly", None, {"knowledge_changes": "weekly"}),
    ("the schema barely changes", None, {"knowledge_changes": "rarely"}),
    # "source material" names what is read, not a citation wanted
    ("the source material is the call transcript", None, {"needs_citations": None}),
])
def test_figures_models_and_change_in_passing(text, asked, expected):
    updates = _read(text, asked=asked).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize("text", [
    "so is this a distillation thing or am I overthinking it",
    "what's the best first step?",
    "so, should we build something smaller?",
])
def test_more_ways_of_asking_for_the_call(text):
    assert _read(text.replace("build something", "train something")).wants_recommendation


def test_in_general_is_no_product():
    read = understand("In general, is fine-tuning or RAG better?", profile={})
    assert read.wants_recommendation and "use_case" not in read.updates


@pytest.mark.parametrize(("text", "expected"), [
    # the shape of the output named is no gap, whatever "no" the sentence holds about something else
    ("no docs, the scan is the whole input, output is a small json", {"output_format_gap": None, "has_documents": False}),
    ("nope, nothing to retrieve, form in -> xml out", {"output_format_gap": None}),
    ("it never gets our xml schema right", {"output_format_gap": True}),
    # content it must carry and leaves out or rewords, counted
    ("with our best prompt it drops or paraphrases the mandatory risk warnings on ~12% of replies", {"output_format_gap": True}),
    # where the work happens is no format field; what the answer shows is a citation
    ("the answer should show the SOP number", {"needs_citations": True}),
])
def test_output_shapes_named_and_content_left_out(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_options_listed_then_what():
    assert _read("so rag, fine tune, what?").wants_recommendation


@pytest.mark.parametrize(("text", "expected"), [
    # a negated "static" is change, and its period stands
    ("the price list isn't static: suppliers send new sheets in roughly weekly", {"knowledge_changes": "weekly"}),
    # the normal day after a few words, the peak said "at most"
    ("On a typical day we'd handle about 900 requests, in the January rush maybe 4k.", {"queries_per_day": 900}),
    ("maybe 800 claims a day across regions at most, more like 500 normally", {"queries_per_day": 500}),
    # what each counted thing makes, said further on by the thing's name
    ("around 6k inbound calls a day, the assistant drafts the wrap-up, about 2 drafts per call", {"queries_per_day": 12_000}),
    # a thin margin is a bill too high
    ("the unit margin on each report is getting really thin", {"top_model_too_costly": True}),
])
def test_longer_stories(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_a_smaller_model_short_after_the_praise_in_an_earlier_sentence():
    updates = _read("Claude agrees with our senior reviewers 95% of the time. We tried Haiku and it fell to 81%.").updates
    assert updates.get("output_format_gap") is None


@pytest.mark.parametrize(("text", "use_case"), [
    ("Our CRM summarises every call into a short account note", "summarises call"),
    ("we'd like the model to turn that into a weekly status report", "turn into weekly status report"),
])
def test_the_work_named_by_its_system_or_its_result(text, use_case):
    assert understand(text, profile={}).updates.get("use_case") == use_case


@pytest.mark.parametrize(("text", "expected"), [
    # a rate said to be above the need is no shortfall
    ("on our labelled set it matches the senior coders 95% of the time, which is above what we need", {"output_format_gap": False}),
    # what the documents are is no verdict on the model
    ("each report follows a fixed regulatory layout (cover, findings, annex)", {"output_format_gap": None}),
    # a gap measured after it replaces a verdict said before it in the message
    ("every memo follows the house template. prompted, the model gets the template right 85% of the time, we need 99", {"output_format_gap": True}),
])
def test_above_the_need_kinds_of_document_and_a_measured_gap(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_distillation_mentioned_in_passing_says_nothing_of_the_bill():
    read = _read("a colleague keeps sending articles about distillation. which is better, rag or fine-tuning?")
    assert read.wants_recommendation and "top_model_too_costly" not in read.updates


@pytest.mark.parametrize(("text", "asked", "expected"), [
    # the topic named, then denied: its keyword is no yes
    ("labelled examples? nope, none at all", "has_eval_set", {"has_eval_set": False}),
    ("golden set? not really", None, {"has_eval_set": False}),
    # the period said before the bill
    ("the monthly bill is roughly $27k and growing", None, {"monthly_spend_usd": 27_000}),
    ("our annual API spend is about $120k", None, {"monthly_spend_usd": 10_000}),
])
def test_topics_denied_and_bills_with_the_period_first(text, asked, expected):
    updates = _read(text, asked=asked).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "earlier"), [
    ("so is the consultant right?", "A consultant told us to fine-tune a model on our tickets."),
    ("whats the smart move here", ""),
    ("My boss is keen on distillation. Is that premature?", ""),
    ("ok, smaller model?", ""),
    ("Does that mean RAG?", ""),
])
def test_the_call_asked_by_doubting_someone_elses_option(text, earlier):
    assert _read(text, earlier=earlier).wants_recommendation


def test_doubting_a_vendor_with_no_option_named_is_no_call():
    assert not _read("so is the vendor right?", earlier="we host everything with one vendor").wants_recommendation


@pytest.mark.parametrize(("text", "earlier", "per_day"), [
    ("Each claims handler would probably use it maybe 12 times a day.", "We're 40 claims handlers across two offices.", 480),
    ("each of them looks things up about 8 times a day", "Roughly 250 pharmacists would use it.", 2_000),
])
def test_what_each_does_in_more_words(text, earlier, per_day):
    assert _read(text, asked="queries_per_day", earlier=earlier).updates.get("queries_per_day") == pytest.approx(per_day)


def test_the_issue_named_as_cost():
    updates = _read("latency is fine, the issue is cost: roughly $9k a month").updates
    assert updates.get("top_model_too_costly") is True and updates.get("monthly_spend_usd") == 9_000


@pytest.mark.parametrize(("text", "asked", "expected"), [
    ("roughly 900 bookings a day, no sorry, 1,400, I forgot the app", "queries_per_day", {"queries_per_day": 1_400}),
    ("with our best prompt it gets the layout right 75% of the time, the editor wants 98%", None, {"output_format_gap": True}),
    ("The report template and its wording are static, nothing changes.", None, {"knowledge_changes": "static"}),
])
def test_a_sorry_after_the_figure_a_wish_of_someone_and_a_report_template(text, asked, expected):
    updates = _read(text, asked=asked).updates
    assert {slot: updates.get(slot) for slot in expected} == expected
