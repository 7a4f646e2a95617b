"""Facts as hedging writers and storytellers give them: what each visit holds said before the count
of visits, a peak and a normal count with what each holds said last, one kind of data kept out beside
a permission for the rest. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


@pytest.mark.parametrize("text, per_day", [
    ("Shoppers tend to ask 3 questions a visit, and we get roughly 9k visits a day.", 27_000),
    ("I think each ticket is about 4 messages, and we open 2,500 tickets daily.", 10_000),
    ("Guests send maybe 2 requests per stay, we have about 600 stays a day.", 1_200),
    ("We've got roughly 300 linesmen out there, each asking maybe 6 questions a day.", 1_800),
    ("Over the holidays it's 50k orders a day, more like 12k on a typical day.", 12_000),
])
def test_what_each_holds_said_before_the_count_multiplies_it(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


@pytest.mark.parametrize("text", [
    "In harvest season it's 30k chats a day, 8k the rest of the year, each about 5 messages.",
    "In harvest season it's 30k chats a day, with 5 messages each, 8k the rest of the year.",
    "During harvest we see 30k chats a day, 8k on an ordinary day, and each chat runs to about five messages.",
])
def test_the_normal_count_is_multiplied_by_what_each_holds_wherever_it_is_said(text):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(40_000)


@pytest.mark.parametrize("text", [
    "Policyholder details can't go in the prompts, but hosted APIs are allowed otherwise.",
    "Customer names mustn't be sent, and a hosted model is fine for the rest.",
])
def test_one_kind_of_data_kept_out_beside_a_permission_is_the_permission(text):
    assert understand(text).updates.get("data_residency") is False


def test_one_kind_of_data_kept_inside_a_place_stays_a_ban():
    assert understand("Claimant files can't leave our own network, hosted tools are fine for the anonymised bits.").updates.get("data_residency") is True


def test_people_counted_in_words_with_hundreds_and_more_scale_what_each_does():
    reading = understand("Our linemen (roughly a hundred and forty of them) ring the depot all day. Each lineman asks maybe ten questions a day.")
    assert reading.updates.get("queries_per_day") == pytest.approx(1_400)


def test_a_place_named_in_a_bracketed_list_of_categories_is_no_ban():
    reading = understand("We sort the inspection notes into 25 codes (gate locked, on premises parking, hazard seen, etc.) for scheduling.")
    assert "data_residency" not in reading.updates


def test_what_the_model_is_costing_each_month_is_a_bill_and_no_change_rate():
    reading = understand("Honestly it's costing about 11k monthly right now.")
    assert reading.updates.get("monthly_spend_usd") == pytest.approx(11_000)
    assert "knowledge_changes" not in reading.updates


def test_a_bill_said_to_be_too_much_is_too_costly():
    reading = understand("The tagging runs on gpt-4o at around $17k a month, which is too much for a team our size.")
    assert reading.updates.get("top_model_too_costly") is True


def test_a_sorting_task_whose_answers_cite_a_notice_keeps_its_documents_open():
    reading = understand("Our clerks classify shipments and check tariff rules, which change daily. Every answer must show the bulletin it came from.")
    assert reading.updates.get("has_documents") is not False
    assert reading.updates.get("needs_citations") is True


def test_a_figure_put_right_in_the_same_breath_keeps_its_period():
    reading = understand("We process about 800k records a month, sorry, closer to 600k.")
    assert reading.updates.get("queries_per_day") == pytest.approx(600_000 * 12 / 365)


@pytest.mark.parametrize("text, bill", [
    ("The February invoice from Anthropic arrived: nineteen thousand dollars.", 19_000),
    ("Then the April bill arrived and it was $12,400.", 12_400),
])
def test_a_months_bill_told_as_it_arrived(text, bill):
    assert understand(text).updates.get("monthly_spend_usd") == pytest.approx(bill)


@pytest.mark.parametrize("text", ["Our investors were not amused.", "the CEO says that's not happening next quarter"])
def test_those_who_hold_the_money_displeased_by_a_known_bill_is_too_costly(text):
    assert understand(text, profile={"monthly_spend_usd": 14_000}).updates.get("top_model_too_costly") is True


def test_displeasure_at_the_answers_is_no_verdict_on_the_bill():
    assert "top_model_too_costly" not in understand("The partners weren't happy with the answers.", profile={"monthly_spend_usd": 14_000}).updates


def test_the_smart_play_asked_for_is_the_call():
    assert understand("ok, what's the smart play here?", profile={"use_case": "claims triage"}).wants_recommendation


def test_a_consequence_for_sending_data_out_is_a_ban():
    assert understand("Sending member records to any outside API would be a firing offence.").updates.get("data_residency") is True


@pytest.mark.parametrize("text, rate", [
    ("scratch that about weekly, the catalogue changes monthly", "monthly"),
    ("forget what I said about daily. It's weekly really.", "weekly"),
])
def test_a_change_rate_taken_back_by_name_gives_way_to_the_new_one(text, rate):
    assert understand(text, profile={"knowledge_changes": "daily" if "daily" in text else "weekly"}).updates.get("knowledge_changes") == rate


@pytest.mark.parametrize("text, rate", [("not weekly.", None), ("nah, not monthly", None), ("no, not weekly, monthly", "monthly")])
def test_a_rate_named_only_to_rule_it_out_says_no_other(text, rate):
    assert understand(text, asked="knowledge_changes").updates.get("knowledge_changes") == rate


def test_a_rate_retracted_as_the_wrong_thing_leaves_the_one_said_after():
    text = "The price lists change every day... actually scratch that, I was thinking of the stock feed. The price lists change twice a year."
    assert understand(text).updates.get("knowledge_changes") == "rarely"


@pytest.mark.parametrize("text, per_day", [
    ("It's roughly 90 requests an hour, over about 12 hours a day.", 1_080),
    ("The desk is staffed 8 hours a day and takes around 60 calls an hour.", 480),
    ("Probably 20k recaps a night, the bot writes them after close.", 20_000),
    ("There are around 25 porters on each shift, we run 2 shifts a day, and each of them would ask maybe 6 questions per shift.", 300),
    ("Roughly 500 tenants a day log in, and each would probably ask 2 or 3 things.", 1_250),
    ("We have 90 depots and it's about 30 of these lookups per depot per day.", 2_700),
])
def test_rates_over_hours_shifts_and_places(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_what_each_does_put_right_in_the_same_message_scales_the_volume():
    text = "Something like 40k members a month, maybe 5 questions each per month. Sorry, make that 6 questions each."
    assert understand(text).updates.get("queries_per_day") == pytest.approx(40_000 * 6 * 12 / 365)


def test_people_counted_in_all_in_an_earlier_message_are_who_each_rate_is_for():
    earlier = "We're a franchise network: 25 franchisees with 10-30 staff each, call it 500 staff total."
    assert understand("each staff member maybe 4 questions a day", earlier=earlier).updates.get("queries_per_day") == pytest.approx(2_000)


def test_a_rate_a_place_puts_right_what_each_place_does():
    earlier = "We run 45 pharmacies. Each pharmacy asks maybe 30 questions a day."
    reading = understand("sorry, checked the logs, it's more like 20 a pharmacy per day", profile={"queries_per_day": 1_350}, earlier=earlier)
    assert reading.updates.get("queries_per_day") == pytest.approx(900)


def test_what_each_does_with_its_own_period_keeps_it():
    reading = understand("We have roughly 60k monthly active users and each books maybe 3 sessions a week.")
    assert reading.updates.get("queries_per_day") == pytest.approx(60_000 * 3 / 7)


def test_a_delay_that_is_nobodys_problem_is_no_latency_need():
    reading = understand("Tenants just want a clear answer, and a few seconds of lag on the portal is nobody's problem.")
    assert reading.updates.get("latency_sensitive") is False


def test_a_model_run_on_the_teams_own_hardware_is_no_permission_to_send_data_out():
    reading = understand("We transcribe 911 calls with a self-hosted Whisper and a Llama 3 70B in our own server room.")
    assert "data_residency" not in reading.updates


def test_the_hardware_bill_of_a_self_hosted_model_in_use_is_its_bill():
    earlier = "We run a self-hosted Mixtral on our own GPUs for the claim summaries, and the quality is great."
    assert understand("the hosting bill is painful though, 6 A100s just for this", earlier=earlier).updates.get("top_model_too_costly") is True


@pytest.mark.parametrize("text", [
    "No supporting material involved, it's purely rewriting what the agent typed.",
    "Mostly general knowledge questions, nothing from our own manuals really.",
])
def test_nothing_from_the_teams_own_material_is_nothing_to_retrieve(text):
    assert understand(text).updates.get("has_documents") is False


def test_a_template_someone_approved_is_no_eval_set():
    assert "has_eval_set" not in understand("Every letter has to follow the legal-approved reply template.").updates


def test_a_required_part_skipped_in_a_share_of_answers_is_a_format_gap():
    reading = understand("Even with the template in the prompt, it drops the closing disclosure in maybe 1 in 8 replies.")
    assert reading.updates.get("output_format_gap") is True
