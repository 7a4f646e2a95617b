"""Understanding what people measure and what they combine: samples judged, rates said in words or
against a bar, volumes built from several figures or corrected mid-sentence, permissions that only
approve a place inside, and who the team is before what it builds. Every row is a phrasing written
for this file; `None` means the slot must stay unread.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand

EVIDENCE = [
    # a sample someone judged is an eval set, and its size is no corpus
    ("our editors spot-checked a couple hundred of its summaries and liked them", {"has_eval_set": True}),
    ("we graded 800 outputs against the reference answers: 91% vs the clerks' 93%", {"has_eval_set": True, "corpus_documents": None}),
    ("there are 2,000 manuals in the archive", {"corpus_documents": 2000, "has_eval_set": None}),
    # a benchmark of so many tasks, and a rate of output that compiles or parses
    ("on our 120-question eval the best prompt gets about 60% right", {"has_eval_set": True, "output_format_gap": True}),
    ("the generated configs parse about 70% of the time", {"output_format_gap": True}),
    ("it misses the mandatory disclaimer in ~15% of replies", {"output_format_gap": True}),
    ("the migration scripts it writes run about 97% of the time", {"output_format_gap": None}),
    # praise put against speed or cost, and a bare complaint about the price
    ("Opus gets them right almost always but takes 6 seconds", {"top_model_too_costly": True}),
    ("it rarely misses but the invoice from the provider is brutal", {"top_model_too_costly": True}),
]


@pytest.mark.parametrize(("text", "expected"), EVIDENCE)
def test_measurements_in_plain_words(text, expected):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize("text", ["pricey too", "also spendy tbh"])
def test_a_bare_price_complaint_is_a_costly_top_model_whatever_was_asked(text):
    assert understand(text, asked="has_eval_set").updates.get("top_model_too_costly") is True


VOLUMES = [
    # a correction begun mid-sentence replaces the figure before it
    ("about 12k chats a day, sorry, more like 9k", 9_000),
    ("roughly 400 a day - wait no, 600", 600),
    # how often the model is put to use is the traffic
    ("the team would run it around 35 times a week", 5),
    ("we'd query it maybe 50 times a day across the team", 50),
    # a shift is a person's working day, a small range is its middle
    ("each agent handles 40-60 chats a shift, we have 25 agents", 1_250),
    # a range whose ends have decimals or a multiplier is read whole, to its middle
    ("we get between 1 and 1.4 million requests a month", 1_200_000 * 12 / 365),
    ("somewhere between 2 and 3k lookups a day", 2_500),
]


@pytest.mark.parametrize(("text", "per_day"), VOLUMES)
def test_volumes_combined_or_corrected(text, per_day):
    got = understand(text, asked="queries_per_day").updates.get("queries_per_day")
    assert got == pytest.approx(per_day, rel=0.01)


def test_a_correction_mid_sentence_leaves_no_guess_behind():
    updates = understand("traffic is 50k a day, oh wait, closer to 35k", asked="queries_per_day").updates
    assert updates == {"queries_per_day": 35_000}


@pytest.mark.parametrize(("text", "expected"), [
    # what is approved is a place inside: no permission for data to leave
    ("nothing may go to a US cloud; IT approved an on-prem GPU box for us", {"data_residency": True}),
    ("we have an approved on-prem cluster", {"data_residency": None}),
    ("the cloud is approved for this data", {"data_residency": False}),
    # a wish is no requirement
    ("source links would be a bonus, not essential", {"needs_citations": False}),
    # words that touch no change of knowledge say nothing of it, whatever they suggest
    ("sorry, forgot to count the night crew", {"knowledge_changes": None}),
    ("we have 300 nurses, each working 12 hours a day", {"knowledge_changes": None}),
])
def test_permissions_wishes_and_stray_words(text, expected):
    updates = understand(text).updates
    if expected.get("data_residency") is None and "data_residency" in expected:
        assert updates.get("data_residency") is not False  # never read as permission
    else:
        assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "use_case"), [
    # who they are, then what they do
    ("Boutique agency: localising app store listings for indie studios", "localising app store listings"),
    ("Hi, we're a county council answering planning enquiries", "answering planning enquiries"),
    # the people whose work it takes on
    ("our support reps answer warranty questions over chat", "answer warranty questions"),
    # a product named for what it does beside people: "agent assist", "sales assist"
    ("insurer, claims handling: a sales assist that drafts follow-up emails", "sales assist"),
    # what they want made, in the passive
    ("We need supplier invoices classified by cost centre", "classify supplier invoices"),
])
def test_the_use_case_from_who_they_are_and_what_they_want_made(text, use_case):
    assert understand(text, asked="use_case").updates.get("use_case") == use_case


@pytest.mark.parametrize(("text", "wants"), [
    ("My manager suggested RAG for this.", False),
    ("a consultant recommended distilling", False),
    ("what would u reccomend", True),
    ("ok, your recomendation?", True),
])
def test_reported_advice_is_no_ask_and_a_misspelt_ask_is_one(text, wants):
    assert understand(text).wants_recommendation is wants


def test_a_no_that_goes_on_to_another_fact_answers_the_question_said_back():
    reading = understand("nope, the answers just have to quote the tariff section", asked="data_residency")
    assert reading.updates.get("data_residency") is False
    assert "data_residency" in reading.tentative  # said back, so a misreading is one word to correct
    assert reading.updates.get("needs_citations") is True


@pytest.mark.parametrize("text", ["no, it all stays on our racks", "no, our DPO would freak out", "nah, nothing leaves the building"])
def test_a_no_followed_by_a_ban_is_never_permission(text):
    assert understand(text, asked="data_residency").updates.get("data_residency") is not False


@pytest.mark.parametrize(("text", "model"), [
    # the model ruled out on quality is no choice; the one measured at the bar is
    ("haiku is too weak, maybe 80%. sonnet is 96% right but slow for the floor staff", "sonnet"),
    ("we looked at gpt-4o-mini, not good enough; gpt-4o nails it", "gpt-4o"),
])
def test_the_model_in_use_is_the_one_that_meets_the_bar(text, model):
    assert understand(text).updates.get("model") == model


@pytest.mark.parametrize("text", ["the onboarding doc changes every month", "our tariff sheet is updated monthly, and the tariffs drive every answer"])
def test_a_document_named_in_the_singular_is_one_to_draw_on(text):
    assert understand(text).updates.get("has_documents") is True


@pytest.mark.parametrize(("text", "expected"), [
    # a bill named as the trouble, and one paid to a provider
    ("issue: about 900k tickets a month and it's ~12k a month to Anthropic", {"monthly_spend_usd": 12_000, "top_model_too_costly": True}),
    # speed complained of is latency that matters, whatever the question was
    ("replies are kinda slow too", {"latency_sensitive": True}),
    # what an eval set holds is no format verdict, and its size no corpus
    ("we have 600 tickets w/ the right category, labelled by the leads", {"has_eval_set": True, "corpus_documents": None, "output_format_gap": None}),
])
def test_several_facts_said_in_passing(text, expected):
    updates = understand(text, asked="has_eval_set").updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("earlier", "text", "per_day"), [
    ("We're a travel agency with 40 planners.", "Each planner builds maybe 25 quotes per day", 1_000),
    ("", "Hola! we run 300 clinics, each one sends 1 summary per day", 300),
    ("", "Morning! ~40 branches, each gets maybe 25 questions a day", 1_000),
])
def test_what_each_does_times_how_many(earlier, text, per_day):
    reading = understand(text, asked="queries_per_day", profile={}, earlier=earlier)
    assert reading.updates.get("queries_per_day") == pytest.approx(per_day)
    assert reading.updates.get("use_case") is None  # a greeting names nothing built


@pytest.mark.parametrize("text", ["what ya think?", "dunno, just tell me", "ok just decide for me"])
def test_pressing_for_the_call(text):
    assert understand(text, asked="data_residency").wants_recommendation is True


def test_a_budget_is_no_use_case():
    assert understand("we have budget like 3k/month for it", asked="use_case").updates.get("use_case") is None


@pytest.mark.parametrize(("text", "expected"), [
    # a task in the passive is no classified data, and a list of examples in brackets is no product
    ("Each incoming claim gets classified into one of 12 types (glass, theft, flood...) and routed to a team",
     {"data_residency": None, "use_case": "classify incoming claim"}),
    ("all of it is classified material, nothing leaves", {"data_residency": True}),
    # an amount's period is no change rate, but a change rate beside it stands
    ("we're at about $6k a month on that", {"monthly_spend_usd": 6_000, "knowledge_changes": None}),
    ("we pay $6k a month and the catalogue changes monthly", {"monthly_spend_usd": 6_000, "knowledge_changes": "monthly"}),
    # a bill wanted down is one too costly
    ("the CFO wants the bill cut in half", {"top_model_too_costly": True}),
])
def test_tasks_in_the_passive_and_bills_in_passing(text, expected):
    updates = understand(text, asked="knowledge_changes" if "catalogue" in text else None).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("bill_before", "text", "bill"), [
    (None, "it runs about $40k a month, sorry, more like $28k", 28_000),
    (19_000, "wait no, $21k", 21_000),
])
def test_a_bill_corrected_as_it_is_said(bill_before, text, bill):
    profile = {"use_case": "x", "queries_per_day": 5_000, **({"monthly_spend_usd": bill_before} if bill_before else {})}
    reading = understand(text, asked="has_eval_set", profile=profile)
    assert reading.updates.get("monthly_spend_usd") == bill
    assert "queries_per_day" not in reading.updates  # money, not traffic


def test_the_reason_given_for_a_corrected_figure_states_nothing_else():
    profile = {"use_case": "x", "queries_per_day": 60_000, "latency_sensitive": True}
    reading = understand("hmm actually 42k a day, I'd double counted the overnight batch retries", asked="has_eval_set", profile=profile)
    assert reading.updates == {"queries_per_day": 42_000}


@pytest.mark.parametrize(("text", "per_day"), [
    # a busy stretch named by when it is, with the normal day beside it: the normal day is costed
    ("about 12k a day on race weekends, roughly 3k normally", 3_000),
    ("1,800 a day in summer, about 600 otherwise", 600),
    ("in december it's 40k a day, but 15k is the average", 15_000),
])
def test_the_normal_day_beside_a_busy_one(text, per_day):
    assert understand(text, asked="queries_per_day").updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_vague_volume_answer_is_no_change_rate():
    updates = understand("traffic? tons, honestly. every day is different", asked="queries_per_day").updates
    assert "knowledge_changes" not in updates and "use_case" not in updates


def test_quality_praised_then_speed_put_against_it_is_a_top_model_too_slow():
    profile = {"use_case": "extract fields", "output_format_gap": False}
    assert understand("but it's painfully slow on the handhelds", asked="queries_per_day", profile=profile).updates.get("top_model_too_costly") is True


def test_field_names_listed_after_a_colon_are_no_format_verdict():
    assert understand("we pull three fields from each form: missing signature, wrong date, bad address").updates.get("output_format_gap") is None


@pytest.mark.parametrize(("text", "asked", "expected"), [
    # the normal day before a busy stretch that "goes up to" a figure
    ("most days it's ~12k, exam week goes up to 40k a day", "queries_per_day", {"queries_per_day": 12_000, "knowledge_changes": None}),
    ("on sale days we get around 90k chats, normal days ~25k", "queries_per_day", {"queries_per_day": 25_000}),
    # how often they are billed answers no change question
    ("we're invoiced monthly, if that's what you're asking", "knowledge_changes", {"knowledge_changes": None}),
    ("we pay quarterly but the rulebook gets amended every week", "knowledge_changes", {"knowledge_changes": "weekly"}),
    # who is counted, and what each does
    ("MAU is ~80k; roughly 6k members use it each day, ~3 lookups each", "queries_per_day", {"queries_per_day": 18_000}),
    # a "no" before another noun states that, not a "no" to the question
    ("the answer is one category code, no documents involved", "has_eval_set", {"has_eval_set": None, "has_documents": False}),
    ("No outside docs needed, the form has it all", "data_residency", {"data_residency": None}),
    # speed named as the trouble is a top model too slow
    ("price is secondary, response time is the real problem", "top_model_too_costly", {"top_model_too_costly": True}),
    ("Opus nails it but we're burning about $40k a month on it", None, {"top_model_too_costly": True, "monthly_spend_usd": 40_000}),
    ("the cost is about 9k a month right now", None, {"monthly_spend_usd": 9_000}),
    # a sample the model was run on is no corpus
    ("we ran it on 300 claims last month and it garbles the loss date on roughly 1 in 6", None, {"corpus_documents": None, "output_format_gap": True}),
    # a win rate below half against the people is a gap
    ("blind test: win rate against our editors is 35%", None, {"output_format_gap": True}),
    # a citation wish, with the section named
    ("pointing to the policy section would be nice to have, not essential", "needs_citations", {"needs_citations": False}),
])
def test_trial_classes_in_fresh_words(text, asked, expected):
    updates = understand(text, asked=asked, profile={"use_case": "x"}).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_a_bill_corrected_against_its_old_amount_is_no_traffic():
    profile = {"use_case": "x", "queries_per_day": 40_000, "monthly_spend_usd": 12_000}
    updates = understand("double-checked: it's 15k a month, not 12k", asked="has_eval_set", profile=profile).updates
    assert updates == {"monthly_spend_usd": 15_000}


@pytest.mark.parametrize(("text", "asked", "expected"), [
    # new things arriving, with no count, are what changes, even answering the volume question
    ("new inspection bulletins every week", "queries_per_day", {"knowledge_changes": "weekly"}),
    # a traffic figure's sentence carries no change rate without words of change
    ("regular days ~8k requests, exam week goes up to 20k a day", "use_case", {"queries_per_day": 8_000, "knowledge_changes": None}),
    # the source named the way people name it
    ("each agent has to see the exact tariff text the answer was taken from", None, {"needs_citations": True}),
    # a bracketed list of fields holds no failure, and a task opened with "to" keeps its figure
    ("every invoice goes through gpt-4o to pull out ~12 fields (vendor, total, paid yes/no) as JSON", "use_case",
     {"output_format_gap": None, "use_case": "pull out 12 fields"}),
    ("edtech firm: we auto-grade lab reports against a rubric for schools", None, {"use_case": "grade lab reports"}),
])
def test_more_trial_classes_in_fresh_words(text, asked, expected):
    updates = understand(text, asked=asked, profile={}).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "per_day"), [
    # places counted by one name and the rate said of another
    ("We run 12 branches. Each store would use it maybe 40 times a day.", 480),
    # a hedge after the count each person does
    ("About 30 planners, each asking for 15 or so routes a day", 450),
    # a day's total beside an hourly peak
    ("lunchtime peaks at ~900 an hour but over the whole day it's about 6k requests", 6_000),
])
def test_volumes_said_with_their_context(text, per_day):
    assert understand(text, asked="queries_per_day", profile={}).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "asked", "expected"), [
    ("probably quarterly, monthly was an overestimate", "knowledge_changes", {"knowledge_changes": "rarely"}),
    ("reviewers send back about a third for layout problems", None, {"output_format_gap": True}),
    ("the snag is the price: around $9k a month", None, {"top_model_too_costly": True, "monthly_spend_usd": 9_000}),
])
def test_what_was_said_wrong_sent_back_or_the_snag(text, asked, expected):
    updates = understand(text, asked=asked, profile={"use_case": "x"}).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize("text", [
    "if a pharmacist can't see which leaflet the interaction came from, she won't rely on it",
    "If the inspectors can't check where a figure comes from they simply won't sign",
])
def test_a_source_unseen_and_the_answer_unused_is_a_citation_requirement(text):
    assert understand(text).updates.get("needs_citations") is True
