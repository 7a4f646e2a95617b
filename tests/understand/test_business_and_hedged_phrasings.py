"""Understanding people who write in business terms (quarters, yearly spend, finance's verdict on the
bill) or who hedge and restate (a figure summed up, an opinion sought on an option, a condition that
is not met). Every row is a phrasing written for this file; `None` means the slot must stay unread.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, asked=None, profile=None):
    return understand(text, asked=asked, profile=profile if profile is not None else {"use_case": "x"})


@pytest.mark.parametrize(("text", "per_day"), [
    # volumes a quarter, and a period that heads a bullet
    ("we close roughly 45k claims a quarter", 45_000 * 4 / 365),
    ("- quarterly ~120k inbound emails", 120_000 * 4 / 365),
    ("- monthly ~6k purchase orders", 6_000 * 12 / 365),
    # what each call or person makes, times how many
    ("~900k calls a year, 3 summaries per call", 900_000 * 3 / 365),
    ("about 80 PMs, maybe 12 reports a day each", 960),
    ("so roughly 40 inspectors at ~15 a day", 600),
    # a figure summed up in the same sentence or the next
    ("around 2k chats a day on the web, so call it 2.6k a day with the app", 2_600),
    ("roughly 700 a day from email plus the portal, 1,100 a day total", 1_100),
    ("Summer is ~9k a day, winter more like 3k. Averaged out it's about 5k a day.", 5_000),
    # "change requests" are work coming in, not knowledge changing
    ("about 400 change requests a week", 400 / 7),
])
def test_volumes_in_business_terms_and_restated(text, per_day):
    updates = _read(text, asked="queries_per_day").updates
    assert updates.get("queries_per_day") == pytest.approx(per_day, rel=0.01)
    assert updates.get("knowledge_changes") is None and updates.get("horizon_months") is None


@pytest.mark.parametrize(("text", "expected"), [
    # a yearly or quarterly spend is a bill; a budget meeting is neither a budget nor a product
    ("the CFO raised it at the budget meeting, we're at $96k a year on this",
     {"monthly_spend_usd": 8_000, "top_model_too_costly": None, "use_case": None}),
    ("procurement flagged the line item: ~$45k a quarter to OpenAI", {"monthly_spend_usd": 15_000, "top_model_too_costly": True}),
    # those who hold the money refusing the bill
    ("the projected bill is about $22k a month and the board won't sign off on it", {"top_model_too_costly": True}),
    ("at full rollout it's ~$30k/mo, finance said no way", {"top_model_too_costly": True}),
    # praise, then the bill put against it
    ("Claude handles the routing really well, but at this volume the invoice is ~$14k a month",
     {"top_model_too_costly": True, "monthly_spend_usd": 14_000}),
    ("Gemini does it very well, but the bill is fine for now", {"top_model_too_costly": False}),
    # an invoice put beyond a budget, with the amount after it, is the bill
    ("our API invoice is bigger than the whole analytics budget, around 8k a month",
     {"monthly_spend_usd": 8_000, "queries_per_day": None, "top_model_too_costly": True}),
    # speed named as the trouble; today's time measured is no budget slack
    ("the catch: latency. p95 sits around 3s and the kiosk needs it way faster",
     {"top_model_too_costly": True, "latency_sensitive": True}),
])
def test_the_bill_and_speed_in_business_terms(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_a_bare_amount_rechecked_is_the_bill_it_is_near():
    known = {"use_case": "x", "monthly_spend_usd": 20_000, "queries_per_day": 300_000}
    fixed = _read("ok I looked it up, it's 24k a month", profile=known)
    assert fixed.updates.get("monthly_spend_usd") == 24_000 and "queries_per_day" not in fixed.updates
    assert "monthly_spend_usd" in fixed.corrections
    # a count of things is traffic however near the bill
    assert _read("actually it's more like 25k tickets a month", profile=known).updates.get("monthly_spend_usd") is None


@pytest.mark.parametrize("text", [
    "distillation is where my head is at, what do you think?",
    "we've been toying with RAG over the wiki. sensible idea or not?",
    "would you go with fine-tuning here? or is there a simpler route",
    "thinking a smaller model. or is that the wrong call",
    "rag, fine-tuning, prompting?",
    "ok should we distil?",
])
def test_an_opinion_sought_on_an_option_is_the_call(text):
    read = _read(text)
    assert read.wants_recommendation and read.question is None
    assert "output_format_gap" not in read.updates
    # asking to distil, or for a smaller model, is asking for it for the bill or the speed: said back
    smaller = "distil" in text or "smaller" in text
    assert read.updates.get("top_model_too_costly") is (True if smaller else None)
    assert ("top_model_too_costly" in read.tentative) is smaller


def test_an_opinion_about_a_figure_is_still_a_question():
    read = _read("what do you think a fine-tune costs per token?")
    assert not read.wants_recommendation and read.question


@pytest.mark.parametrize(("text", "expected"), [
    # a ban with a condition that is not met, and data that does not get out
    ("Nothing leaves the lab unless the sponsor approves it, and they haven't.", {"data_residency": True}),
    ("none of the case files may go off-site", {"data_residency": True}),
    ("no patient data gets out of the trust network", {"data_residency": True}),
    ("our field team works off-site most days", {"data_residency": None}),
    # citations asked for by what they are for
    ("the circular number needs to be in every answer so branch staff can check the source", {"needs_citations": True}),
    ("The regulation reference must be shown next to the answer.", {"needs_citations": True}),
    ("the source document link has to be under each reply", {"needs_citations": True}),
    ("put the totals in a table so managers can check them quickly", {"needs_citations": None}),
    # a condition, then a fact, is no question
    ("Where it quotes a dosage it has to name the monograph, so citations yes.", {"needs_citations": True}),
])
def test_conditions_bans_and_citations_by_purpose(text, expected):
    read = _read(text)
    assert {slot: read.updates.get(slot) for slot in expected} == expected and read.question is None


@pytest.mark.parametrize(("text", "expected"), [
    # a share judged acceptable, or rewritten, is a gap in the output; style rules alone are format
    ("the ops leads graded 300 summaries: with the style guide pasted in, 61% were acceptable",
     {"output_format_gap": True, "persona_consistency": None}),
    ("reviewers flag roughly 1 in 5 notices for wording even with our phrasebook in the prompt",
     {"output_format_gap": True}),
    # a voice that reads unlike theirs is a persona
    ("with the style guide it still reads nothing like our presenters, 45% sent back",
     {"persona_consistency": True}),
    # within a point or two of the people is parity, not a gap
    ("gpt-4.1 is at 93% vs our human triagers' 94%", {"output_format_gap": None, "persona_consistency": None}),
    ("the model gets 81% against our coders at 96%", {"output_format_gap": True}),
])
def test_shortfalls_by_share_accepted_and_parity(text, expected):
    updates = _read(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize(("text", "use_case"), [
    ("we'd like rough drafts of tender responses from our past bids", "rough drafts of tender responses"),
    ("Inspectors need to ask questions against the building code and our site manuals", "answers for inspectors"),
    ("we write pupils feedback on their lab reports", "feedback on lab reports"),
])
def test_the_product_wanted_in_plain_words(text, use_case):
    assert understand(text, profile={}).updates.get("use_case") == use_case
