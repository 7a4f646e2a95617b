"""How people outside tech ask for the call and state their needs, and what pasted summaries say:
formal asks ("I would value your view on the most sensible first step"), shortfalls counted with a
noun between ("one letter in nine omits ..."), citations in professional words, ranges and counts in
words, and a story of an earlier attempt. Every row is a phrasing written for this file.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand


def _read(text, asked=None, profile=None):
    return understand(text, asked=asked, profile=profile or {"use_case": "x"})


@pytest.mark.parametrize("text", [
    "I would welcome your view on the most sensible approach.",
    "We would value your opinion on how best to proceed.",
    "How would you proceed, were you in our position?",
    "Before we spend anything, what is the sensible first step?",
    "In your judgement, which approach is justified here?",
    "Is the vendor's proposal the right place to begin?",
    "So, does that change what we should build?",
    "How would you cut the bill without losing the accuracy?",
    "what's the cheapest way to keep this quality?",
    "So, distil, or is there something I have overlooked?",
    "given all that, rag or keep prompting?",
    "the consultant keeps pushing fine-tuning - should we go for it?",
])
def test_formal_and_indirect_asks_are_the_call(text):
    read = _read(text)
    assert read.wants_recommendation and read.question is None


@pytest.mark.parametrize("text", [
    "In your experience, how long does a fine-tune take?",
    "I would value your view on vector databases",
    "what is the best way to keep embeddings fresh?",
    "is rag or fine-tuning cheaper?",
])
def test_questions_about_the_parts_stay_questions(text):
    assert not _read(text).wants_recommendation


@pytest.mark.parametrize(("text", "slot"), [
    ("Despite months of prompt work, roughly one report in eight omits the disclaimer section or puts the headings out of order.", "output_format_gap"),
    ("The model departs from the required structure in about one summary in twelve.", "output_format_gap"),
    ("Our best prompt still produces replies the editors mark down for tone about 20% of the time.", "persona_consistency"),
])
def test_shortfalls_counted_with_a_noun_between(text, slot):
    assert _read(text).updates.get(slot) is True


@pytest.mark.parametrize("text", [
    "The assistant must point the caller to the rule number it relies on.",
    "Every reply must give the file reference, since that is how staff retrieve the record.",
])
def test_citations_in_professional_words(text):
    assert _read(text).updates.get("needs_citations") is True


@pytest.mark.parametrize("text", [
    "We want an assistant that answers staff questions from our procedures manual and the price schedule.",
    "It recommends venues drawing on our bookings database.",
    "Data = our CRM export + the account managers' call notes.",
])
def test_where_the_answers_are_drawn_from_is_a_corpus(text):
    assert _read(text).updates.get("has_documents") is True


@pytest.mark.parametrize(("text", "expected"), [
    ("We see between forty and sixty thousand forms a day.", 50_000),
    ("Around thirty advisers would use it, each making perhaps twenty lookups a day.", 600),
    ("We expect about 9k chats a day in summer, with roughly 4 messages each.", 36_000),
])
def test_counts_in_words_ranges_and_asides(text, expected):
    assert _read(text).updates.get("queries_per_day") == expected


def test_a_use_counted_in_times_a_week():
    assert _read("It would be used perhaps thirty-five times a week.").updates.get("queries_per_day") == pytest.approx(5.0)


def test_a_story_of_an_earlier_attempt_states_nothing_the_feature_needs_now():
    read = _read("At first we pasted the whole handbook into the prompt, which got slow and expensive.")
    assert not {"has_documents", "latency_sensitive", "top_model_too_costly"} & set(read.updates)


@pytest.mark.parametrize(("text", "slot", "expected"), [
    # a wait of seconds said to be fine is a loose budget, whatever "latency" before it
    ("latency - a few secs is fine for email drafts", "latency_sensitive", False),
    # a set put to work as a test is an eval set, not a corpus
    ("we have a set of 700 letters the partners signed off on, we use it to check every prompt change", "has_documents", None),
    ("we have a set of 700 letters the partners signed off on, we use it to check every prompt change", "has_eval_set", True),
    # a negation of the judging says nothing of the need judged
    ("We have nothing labelled. Nobody has scored any drafts for tone.", "persona_consistency", None),
    # data passed to the model is no permission to send it out
    ("The case facts are passed to the model with each request.", "data_residency", None),
    # a rate that was is not the rate now
    ("sorry, I meant it used to change weekly during the migration. it's been frozen for a year now", "knowledge_changes", "static"),
    ("in the season they upload new bulletins and field notes weekly", "knowledge_changes", "weekly"),
])
def test_what_governs_the_words(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


def test_a_figure_written_in_words_is_said_back_in_those_words():
    read = _read("Honestly after eighteen, twenty replies the mascot stops sounding like herself and goes generic.")
    assert read.updates.get("persona_consistency") is True
    # the classifier's format guess gives way to the voice that drifts, and any quote keeps "twenty"
    assert "output_format_gap" not in read.updates
    assert all("20" not in quote for quote in read.tentative.values())


@pytest.mark.parametrize(("text", "slot", "expected"), [
    # a pasted line naming the task is no verdict on the format
    ("- Use case: parse supplier invoices into our ERP import schema", "output_format_gap", None),
    ("The register is added to every working day.", "knowledge_changes", "daily"),
    ("We want the letters to sound consistently like us: calm, plain, never flippant.", "persona_consistency", True),
    # what answers must cite is there to retrieve
    ("Every answer must cite the bylaw or the board policy it rests on.", "has_documents", True),
])
def test_task_lines_working_days_voices_and_cited_sources(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


@pytest.mark.parametrize("text", [
    "If it were your hospital, what would you build?",
    "Be my tiebreaker: the team is split between fine-tuning and better prompts.",
    "Go on then, pick one for me.",
    "So what would you tell my director?",
    "what's the smart money say?",
    "Give it to me straight: which option gets your vote?",
    "alright, what should I put on the slide?",
])
def test_a_short_message_put_to_the_advisor_late_in_the_conversation_is_the_call(text):
    read = _read(text, profile={"use_case": "x", "queries_per_day": 4_000})
    assert read.wants_recommendation and not read.off_topic


@pytest.mark.parametrize("text", ["tell me a joke", "thanks!", "how would you set up the index?", "what do you mean by eval set?"])
def test_small_talk_and_questions_about_parts_are_not_the_call(text):
    assert not _read(text, profile={"use_case": "x", "queries_per_day": 4_000}).wants_recommendation


@pytest.mark.parametrize(("text", "known", "expected"), [
    ("We get about three thousand two hundred enquiries a day by phone and web.", {}, 3_200),
    ("Traffic estimate: around a quarter million questions a month.", {}, pytest.approx(250_000 * 12 / 365)),
    ("Traffic is roughly 20k queries a day, actually no, I just checked, it's 11k.", {}, 11_000),
    ("We run two shifts and expect roughly 900 lookups per shift.", {}, 1_800),
    ("We see around 5k chats a day across the stores, roughly 6 messages each.", {}, 30_000),
])
def test_more_traffic_as_people_write_it(text, known, expected):
    assert _read(text, profile={"use_case": "x", **known}).updates.get("queries_per_day") == expected


def test_a_per_person_rate_put_right_keeps_the_people_counted_before():
    read = understand("sorry, to be clear, 12 lookups a day each", profile={"use_case": "x", "queries_per_day": 3_600},
                      earlier="about 300 nurses across the wards, each doing maybe 12 lookups a shift")
    assert read.updates.get("queries_per_day") == 3_600


@pytest.mark.parametrize(("text", "slot", "expected"), [
    ("eval set... no. we have old notes but nobody's marked which are good", "has_eval_set", False),
    ("The bill is $18k/mo and our CFO flagged it in the last review.", "top_model_too_costly", True),
    ("cost matters less than quality for us", "top_model_too_costly", False),
    ("our bot has to talk like Pip at all times: upbeat, never sarcastic", "persona_consistency", True),
    ("with the brand guide in the prompt it keeps sliding back into generic corporate speak", "persona_consistency", True),
    ("each clinic uploads its own leaflets and rota sheets", "has_documents", True),
    ("we have 140 policy wording versions", "has_documents", True),
])
def test_eval_sets_bills_voices_and_uploads(text, slot, expected):
    assert _read(text).updates.get(slot) == expected


def test_an_output_written_for_each_counted_thing_is_the_traffic():
    read = _read("We write product blurbs for about 3,500 new items a week.")
    assert read.updates.get("queries_per_day") == pytest.approx(500)


def test_a_later_clause_that_asks_for_the_source_is_not_lifted_by_an_earlier_no():
    read = _read("customers don't need citations, but our agents would like to see which document it came from")
    assert read.updates.get("needs_citations") is True and read.updates.get("has_documents") is True
