"""Understanding people as they write: one table per class of failure found by trying the advisor
as users do. Every row is a phrasing written for this file (none comes from the eval suite), and
states the slot values the message must yield; `None` means the slot must stay unread.
"""

from __future__ import annotations

import pytest

from agent.understand.rules import understand

# ---- 1. prohibitions, and the permissions that are really stated ---------------------------------

PROHIBITIONS = [
    "our security team won't let prompts reach a third-party model",
    "it all has to stay in our own data centre",
    "hosted providers are a non-starter for us",
    "patient records may not be sent to any outside API, full stop",
    "legal vetoed anything that ships customer data to OpenAI or Anthropic",
    "no data can go to the cloud, the regulator would shut us down",
    "everything runs on-prem, nothing goes out",
    "we're air-gapped",
    "sending client files to a vendor model is forbidden by our contracts",
    "infosec says no external LLM APIs, ever",
    "we can't use hosted models because of ITAR",
    "the bank won't allow any prompt to leave its VPC",
    # where data stays, said as a fact or a law, with no "must"
    "every transcript stays on the clinic's own machines",
    "uploading the contracts to some AI vendor would breach our NDAs",
    "the case files are far too sensitive to send anywhere",
    "processing happens inside our private cloud and has to stay there",
    "not a single prompt leaves the firm",
    "shipping patient notes to an outside model is illegal here",
    "we can't use anything that phones home",
    "nothing may call out to the internet from that network",
    # permission withheld is a ban
    "our DPO won't sign off on sending candidate data to OpenAI or Anthropic",
    "legal isn't comfortable with a hosted model",
    "security hasn't cleared any cloud LLM for this",
    # a ban said as what happens to whoever breaks it
    "pasting client data into ChatGPT gets you fired here",
    # ... or as hyperbole
    "our DPO would kill me if transcripts went to a cloud API",
    "legal will have my head if customer emails end up at a hosted provider",
    "we'd get sued if patient data went to an outside vendor",
    "security would freak out if anything left our network",
]

PERMISSIONS = [
    "an API in an EU region is acceptable",
    "we're fine sending data to OpenAI under our DPA",
    "hosted is fine by us",
    "no residency constraints, we can use any hosted model",
    "cloud APIs are ok, the data is all public anyway",
    "we already call Bedrock in production",
    "legal signed off on Azure OpenAI",
    "nobody here objects to a hosted model",
    "there's no rule against calling outside APIs",
    "cloud is fine, what worries me is that the model can't follow our schema",
    "we're ok sending the transcripts to them",
    "the data doesn't have to stay on our servers",
    "sending it to openai is fine, nothing sensitive in there",
    "we already send all our telemetry to a SaaS vendor, so hosted is no big deal",
    "there's no restriction on where the data goes",
]

NOT_A_PERMISSION = [
    "Fine. Let's talk about the bot.",
    "is OpenAI better than Anthropic for this?",
    "ok so what's next",
    # a requirement lifted or a thing found fine that is not where the data goes
    "no data separation needed between users",
    "no prompt engineering needed, the prompt is tiny",
    "we don't need data labelling for this",
    "the data quality is ok",
    "our training data is fine",
    "prompts are okay in english",
    "the servers are fine",
    "the region doesn't matter for latency",
    # hyperbole about something else
    "the CFO would kill me if the bill doubled",
    "ops would freak out if latency went over two seconds",
]


@pytest.mark.parametrize("text", PROHIBITIONS)
def test_a_prohibition_is_read_as_one(text):
    assert understand(text).updates.get("data_residency") is True


@pytest.mark.parametrize("text", PROHIBITIONS)
def test_a_prohibition_answering_the_question_is_never_read_as_permission(text):
    assert understand(f"no. {text}", asked="data_residency").updates.get("data_residency") is not False


@pytest.mark.parametrize("text", PERMISSIONS)
def test_an_explicit_permission_is_read(text):
    assert understand(text).updates.get("data_residency") is False


@pytest.mark.parametrize("text", NOT_A_PERMISSION)
def test_no_permission_without_the_words(text):
    assert "data_residency" not in understand(text).updates


# ---- 2. how often the knowledge changes ---------------------------------------------------------

FREQUENCY = [
    ("the catalogue is refreshed every Monday", "weekly"),
    ("each client has their own help docs (they edit them most weeks)", "weekly"),
    ("stock levels move day to day", "daily"),
    ("the rate card is revised on a monthly basis", "monthly"),
    ("prices change monthly, not weekly", "monthly"),
    ("new filings arrive every few days", "daily"),
    ("the runbooks get touched maybe twice a year", "rarely"),
    ("nobody has edited the FAQ since 2019", "static"),
    ("inventory syncs from the tills every night", "daily"),
    ("we revise the policy wording every quarter", "rarely"),
    ("docs ship with each sprint, so every two weeks", "weekly"),
    ("the content is frozen, it's an archive", "static"),
    ("it's updated weekly - sorry, monthly", "monthly"),
    ("the rate card gets a refresh every other Thursday", "weekly"),
    ("shipping rules don't really change", "static"),
    ("the spec is locked once we sign the contract", "static"),
    # "constantly" says often, not how often: a period said beside it, before or after, stands
    ("the docs are updated all the time", "daily"),
    ("we ship releases weekly and APIs get deprecated constantly", "weekly"),
    ("tenants edit their pages nonstop; most of them publish changes every week", "weekly"),
    ("rates move every month, honestly all the time", "monthly"),
    # two rates in one sentence: the clause grammar's last one stands over the classifier's whole-sentence guess
    ("the regulations update yearly-ish but our own guides change every couple weeks", "weekly"),
    ("the price sheets change monthly not weekly", "monthly"),
]

NOT_A_CHANGE_RATE = [
    "we get 25k questions a day",
    "our writing style is consistent",
    "traffic spikes every Monday morning",
    "the monthly bill is about 9k",
    "I read that fine-tuned models need retraining every month",
]


@pytest.mark.parametrize(("text", "frequency"), FREQUENCY)
def test_change_frequency(text, frequency):
    assert understand(text).updates.get("knowledge_changes") == frequency


@pytest.mark.parametrize("text", NOT_A_CHANGE_RATE)
def test_counts_and_styles_are_not_change_rates(text):
    assert "knowledge_changes" not in understand(text).updates


# ---- 3. volumes with structure -------------------------------------------------------------------

VOLUMES = [
    ("12k sessions a day, about 6 messages each", 72_000),
    ("500 agents, each asking about 20 questions a day", 10_000),
    ("roughly 2 million a month", 2e6 * 12 / 365),
    ("we take 40,000 calls a day. Each call is about 8 turns.", 320_000),
    ("3,000 tickets a day and each ticket is about 4 LLM calls", 12_000),
    ("around 150 brokers, together maybe 2.000 questions per day", 2_000),
    ("about 8k forms per working day", 8_000),
    ("1.2M requests per month", 1.2e6 * 12 / 365),
    ("about 40 stores, each sending ~150 queries a day", 6_000),
    ("we have 300 reps and each of them asks maybe 10 things a day", 3_000),
    ("the 25 lawyers will use it maybe 30 times a day each", 750),
    ("probably a few hundred questions a day", 300),
    ("a couple hundred tickets a day", 200),
    ("~600 couriers, 4 qs a day each", 2_400),
    ("20k game sessions a day at peak, ~12 lines each", 240_000),
    ("wait you have 5 a day? it's 300 nurses x 5, so ~1500 a day", 1_500),
    # the average, not the peak; per hour in business hours is about 8 hours a day
    ("we see about 3M on our busiest days but more like 900k on a normal day", 900_000),
    ("peaks at 50 rps, average is nearer 12 rps", 12 * 86_400),
    ("~2.4k an hour during office hours", 2_400 * 8),
    # people who each ask a range, a per-call count after "every", dozens
    ("maybe 80k DAU, each doing 2-3 lookups a day", 200_000),
    ("we get 5k chats a day, every chat calls the model ~4 times", 20_000),
    ("honestly a few dozen a day", 36),
    # as people write who learned their English elsewhere
    ("maybe 100 question for day", 100),
    ("approx 1.5 mio requests per month", 1.5e6 * 12 / 365),
    # thousands written with spaces, "couple" without its article, "in one day", a per-person rate
    # with the period after "each", people counted per day and what each does
    ("roughly 750 000 requests per month", 750_000 * 12 / 365),
    ("couple hundred a day maybe", 200),
    ("we receive maybe 80 message in one day", 80),
    ("2k staff, maybe 3 q a week each", 2_000 * 3 / 7),
    ("~150 pharmacists, about 12 lookups each per shift day", 1_800),
    ("around 8k daily visitors, ~3 questions each", 24_000),
    # the average as a share of the peak just given
    ("busiest hour we hit ~60 rps, the average is about a quarter of that", 60 * 86_400 / 4),
    # what each makes, with a word for its kind, any verb, or a count per counted thing
    ("roughly 9k orders daily, around 2 fraud checks per order", 18_000),
    ("about 6k daily shoppers, each fires maybe 4 search queries", 24_000),
    ("Rough estimate: each adjuster maybe 12 claims a day, and we have ~450 adjusters", 5_400),
    ("~900 dispatchers, each doing about 30 route checks a day", 27_000),
    ("we have 800 agents, each working 8 hours a day", None),
    # a small range with a dash, and a shift as the working day
    ("20 clerks on the floor, each handles 40-60 requests a shift", 1_000),
]


@pytest.mark.parametrize(("text", "per_day"), VOLUMES)
def test_structured_volumes(text, per_day):
    got = understand(text, asked="queries_per_day").updates.get("queries_per_day")
    assert got == (None if per_day is None else pytest.approx(per_day, rel=0.01))


@pytest.mark.parametrize("text", ["roughly 40 qps at peak", "about 1k an hour in business hours"])
def test_a_peak_or_business_hours_rate_is_said_back(text):
    reading = understand(text)
    assert "queries_per_day" in reading.updates and "queries_per_day" in reading.tentative
    # said back, it never replaces an average the user gave before
    assert "queries_per_day" not in understand(text, profile={"queries_per_day": 20_000}).updates


@pytest.mark.parametrize("text", ["we push about 90 million tokens a month", "roughly 2M words a day of transcripts"])
def test_tokens_and_words_are_not_traffic(text):
    assert "queries_per_day" not in understand(text).updates


@pytest.mark.parametrize("text", ["a lot", "tons", "it depends on the season", "not sure yet"])
def test_a_vague_amount_is_not_a_number(text):
    assert "queries_per_day" not in understand(text, asked="queries_per_day").updates


# ---- 4. capability gaps in plain words -----------------------------------------------------------

GAPS = [
    # voices that do not differ, or the wrong one
    ("the problem isn't the lore, it's that the five heroes all sound alike", {"persona_consistency": True}),
    ("the orc chieftain talks like a customer service agent", {"persona_consistency": True}),
    ("our two mascots sound identical", {"persona_consistency": True}),
    # prompting tried and falling short, in other words
    ("the prompting pilot kept skipping the mandatory 'next steps' section", {"output_format_gap": True}),
    ("that cheeky voice is something we never managed to get out of prompting", {"persona_consistency": True}),
    # provenance asked for without the word "cite": the answer's source must be shown
    ("the pharmacist has to see which guideline paragraph the dose came from", {"needs_citations": True}),
    ("adjusters need the policy clause number it's relying on", {"needs_citations": True}),
    ("we are needing that the replies show from which manual they are coming", {"needs_citations": True}),
    ("each answer should say what regulation it's based on", {"needs_citations": True}),
    ("the engineer must see the service bulletin where the fix is coming from", {"needs_citations": True}),
    ("marketing wants to know where our leads come from", {"needs_citations": None}),
    # data that belongs to one customer is per-tenant; the user's own company's is not
    ("it drafts returns from tax rules plus the client's own ledger", {"multi_tenant": True}),
    ("each retailer's own catalogue feeds its shop assistant", {"multi_tenant": True}),
    ("an HR bot over the company's own policies", {"multi_tenant": None}),
    # a voice said not to hold is one to hold
    ("honestly the bot's tone is all over the place", {"persona_consistency": True}),
    ("the persona is inconsistent from one chat to the next", {"persona_consistency": True}),
    ("by the twentieth message 'Max' no longer sounds like Max", {"persona_consistency": True}),
    ("the answers are fine but the provider bill is killing our margins", {"top_model_too_costly": True}),
    ("callers hang up if it takes more than half a second", {"latency_sensitive": True, "latency_budget_ms": 500}),
    ("the model's share of the budget is a quarter of a second", {"latency_sensitive": True, "latency_budget_ms": 250}),
    ("one output in ten breaks our XML schema and we need under 1%", {"output_format_gap": True}),
    ("the generated configs never validate against our spec", {"output_format_gap": True}),
    ("quality is great, but we can't afford the big model at this volume", {"top_model_too_costly": True}),
    ("it's an overnight batch job, nobody waits on it", {"latency_sensitive": False}),
    # a requirement said to matter little settles the slot, whatever names its subject
    ("response time is pretty low priority for us", {"latency_sensitive": False}),
    ("we want it right, speed much less so", {"latency_sensitive": False}),
    ("it crunches the backlog in bulk once a quarter", {"latency_sensitive": False}),
    ("the voice of the bot doesn't really matter", {"persona_consistency": False}),
    ("the spend isn't a concern at this stage", {"top_model_too_costly": False}),
    ("the budget is not flexible and the bill is too high already", {"top_model_too_costly": True}),
    ("speed is not optional, agents are on the phone with the customer", {"latency_sensitive": True}),
    # where a wait is felt, or not, without the word latency
    ("it's not user-facing", {"latency_sensitive": False}),
    ("next-day turnaround is acceptable", {"latency_sensitive": False}),
    ("it's a nightly batch", {"latency_sensitive": False}),
    ("users abandon the page if it takes more than two seconds", {"latency_sensitive": True}),
    ("suggestions appear as the user types", {"latency_sensitive": True}),
    ("we batch our invoices monthly", {"latency_sensitive": None}),
    ("the billing job runs nightly", {"latency_sensitive": None}),
    ("the user gets a notification when it's ready", {"latency_sensitive": False}),
    ("nobody is sitting there watching it", {"latency_sensitive": False}),
    ("answers within the hour are fine", {"latency_sensitive": False}),
    ("it's an internal research tool, people are patient", {"latency_sensitive": False}),
    ("it runs in the background while agents do other work", {"latency_sensitive": False}),
    ("the docs must be updated within the hour", {"latency_sensitive": None}),
    # format trouble, and its absence
    ("our taxonomy has 400 categories and it picks ones that aren't in it", {"output_format_gap": True}),
    ("the formatting is spot on", {"output_format_gap": False}),
    ("we've never had a malformed response", {"output_format_gap": False}),
    ("we return JSON to the frontend", {"output_format_gap": None}),
    ("it never follows our ticket template", {"output_format_gap": True}),
    ("it paraphrases our legal clauses when they must be verbatim", {"output_format_gap": True}),
    ("we follow the template for release notes", {"output_format_gap": None}),
    # a voice to hold, in plain words
    ("after ten turns it stops being playful and gets formal", {"persona_consistency": True}),
    ("brand voice matters a lot to marketing", {"persona_consistency": True}),
    ("plain neutral answers are fine", {"persona_consistency": False}),
    ("our docs have a friendly tone", {"persona_consistency": None}),
    # cost as a complaint, as no concern, and as a mere topic
    ("we need to cut the per-request cost by at least half", {"top_model_too_costly": True}),
    ("the quality isn't the problem, the price at our volume is", {"top_model_too_costly": True}),
    ("the spend is negligible next to headcount", {"top_model_too_costly": False}),
    ("the cost model in your tool is neat", {"top_model_too_costly": None}),
    ("we need to estimate the cost of the project", {"top_model_too_costly": None}),
    # a corpus, or none, in plain words
    ("it answers from our 3,000 support articles", {"has_documents": True, "corpus_documents": 3000}),
    ("the bot searches our policy library", {"has_documents": True}),
    ("we've got a big Confluence space it should use", {"has_documents": True}),
    ("we don't have any documentation for it to draw on", {"has_documents": False}),
    ("it works purely off the user's message", {"has_documents": False}),
    ("the docs team is understaffed", {"has_documents": None}),
    # evaluating vendors is not having an eval set
    ("we want to evaluate vendors next month", {"has_eval_set": None}),
    ("we evaluate every release against 400 graded answers", {"has_eval_set": True}),
    ("quality checks are manual and ad hoc", {"has_eval_set": False}),
    # a share of the output that comes out right, said in words, below the bar or the people
    ("only about half of the clauses it proposes are accepted; our paralegals get 92% past the partners", {"output_format_gap": True}),
    ("roughly a third of the generated test cases compile as-is", {"output_format_gap": True}),
    ("most of the replies get approved by the supervisors", {"output_format_gap": None}),
    ("half of our customers are in Germany", {"output_format_gap": None}),
    ("we rely on user thumbs-up, nothing systematic", {"has_eval_set": False}),
]


@pytest.mark.parametrize(("text", "expected"), GAPS)
def test_capability_gaps(text, expected):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_tone_plus_changing_facts_is_both():
    text = (
        "it must keep a formal, careful tone with bank customers and refuse investment advice, "
        "and the product terms change every month"
    )
    updates = understand(text).updates
    assert updates.get("persona_consistency") is True
    assert updates.get("knowledge_changes") == "monthly"


# ---- 5. short answers to the question just asked -------------------------------------------------

SHORT_ANSWERS = [
    ("multi_tenant", "separate", {"multi_tenant": True}),
    ("multi_tenant", "one shared corpus", {"multi_tenant": False}),
    ("has_eval_set", "yep, about 300 of them", {"has_eval_set": True}),
    ("has_eval_set", "nah", {"has_eval_set": False}),
    ("has_eval_set", "yes, 400 records checked by our QA team", {"has_eval_set": True, "corpus_documents": None}),
    ("needs_citations", "not sure", {"needs_citations": None}),
    ("data_residency", "we call Bedrock today", {"data_residency": False}),
    ("knowledge_changes", "weekly-ish", {"knowledge_changes": "weekly"}),
    ("latency_sensitive", "yes, it's voice", {"latency_sensitive": True}),
    ("persona_consistency", "nope", {"persona_consistency": False}),
    ("has_documents", "no, the input is everything", {"has_documents": False}),
    # a hedge with a lean after it: the lean, said back as tentative; never a permission
    ("knowledge_changes", "depends, mostly static", {"knowledge_changes": "rarely"}),
    ("latency_sensitive", "depends on the team, a few seconds is ok for most", {"latency_sensitive": False}),
    ("data_residency", "not sure, probably fine to use the cloud", {"data_residency": None}),
    # a "no" with something else after it still answers the question; a ban after it still bans
    ("needs_citations", "no, but the format must be exact", {"needs_citations": False}),
    ("needs_citations", "no, but every answer has to link the page", {"needs_citations": True}),
    ("data_residency", "no, but it must stay in the EU", {"data_residency": True}),
    ("data_residency", "nah, nothing sensitive", {"data_residency": False}),
    ("data_residency", "no, the data is all public anyway", {"data_residency": False}),
    # the answer lifts another requirement, not the one asked about
    ("data_residency", "we don't need citations", {"data_residency": None, "needs_citations": False}),
    # emphatic: what would happen without it makes it a requirement; the classifier's guesses at
    # other slots from the same words ("legal": residency?) are not read
    ("needs_citations", "compliance would crucify us if it didn't", {"needs_citations": True, "data_residency": None}),
    ("needs_citations", "it's pointless without them", {"needs_citations": True}),
    ("needs_citations", "a hard requirement from our auditors", {"needs_citations": True}),
    ("multi_tenant", "non negotiable", {"multi_tenant": True}),
    ("persona_consistency", "no one would stick around if it talked like a manual", {"persona_consistency": True}),
    ("latency_sensitive", "100%", {"latency_sensitive": True}),
    ("data_residency", "we would be fined if records left the country", {"data_residency": True}),
    # a harm that needs the data to go out is no ban, and no permission read from its words either
    ("data_residency", "we'd lose the contract if we couldn't use Claude", {"data_residency": None}),
    # optional is a no; a hedged yes is read and said back
    ("needs_citations", "optional really", {"needs_citations": False}),
    ("needs_citations", "not strictly. would be a bonus", {"needs_citations": False}),
    ("has_eval_set", "sort of", {"has_eval_set": True}),
    # a yes after another fact affirms that fact, not the question asked
    ("data_residency", "ah, and support keeps a 300-ticket graded set for regressions. so yes", {"has_eval_set": True, "data_residency": None}),
    ("data_residency", "yes compliance requires sources on every answer", {"needs_citations": True, "data_residency": None}),
    ("latency_sensitive", "we have ~1k labelled samples, so yes", {"has_eval_set": True, "latency_sensitive": None}),
    ("has_eval_set", "haven't really started on that tbh", {"has_eval_set": False}),
    # a permission word in a sentence about something else does not answer the question asked
    ("data_residency", "yep, we keep a held out set of 2k emails that QA checked", {"has_eval_set": True, "data_residency": None}),
    ("data_residency", "the golden set was approved by the ops leads last month", {"data_residency": None}),
    # a hedge is one comma's worth: the statements beside it stand, but a permission beside it, or
    # said with one, is none
    ("has_eval_set", "we only tried the prompt twice, we don't know how good it is, we have no evaluation", {"has_eval_set": False}),
    ("data_residency", "I don't know, hosted is fine I guess", {"data_residency": None}),
    ("data_residency", "not sure yet, we'd have to ask legal, the cloud may be fine", {"data_residency": None}),
    ("data_residency", "cloud is probably ok", {"data_residency": None}),
    # a short permission needs no destination words, and is not overruled by a ban guessed from "legal"
    ("data_residency", "legal signed off on it", {"data_residency": False}),
    # a requirement beside the waiver is on something else
    ("needs_citations", "no need for citations, it just needs to produce a config that parses", {"needs_citations": False}),
    ("needs_citations", "sources are optional but it must answer in under a second", {"needs_citations": False}),
    ("data_residency", "yeah compliance cleared it", {"data_residency": False}),
]


@pytest.mark.parametrize(("asked", "text", "expected"), SHORT_ANSWERS)
def test_short_answers_bind_to_the_question(asked, text, expected):
    reading = understand(text, asked=asked)
    assert {slot: reading.updates.get(slot) for slot in expected} == expected
    if text.startswith(("depends", "not sure", "sort of")):
        assert set(reading.tentative) == {slot for slot, value in expected.items() if value is not None}


# ---- 6. questions in free text --------------------------------------------------------------------

VIEWS = [
    ("why?", "why", None),
    ("why not fine-tune?", "why", "fine_tune"),
    ("what did you assume?", "assumptions", None),
    ("show me the costs", "costs", None),
    ("what would change this?", "changes", None),
    ("where does that come from?", "sources", None),
    ("why not just prompt it better?", "why", "prompt_first"),
    ("so why don't we fine-tune instead?", "why", "fine_tune"),
    # the terminal's slash commands typed where only messages go (`ask`, Slack)
    ("/profile", "profile", None),
    ("/changes", "changes", None),
]


def test_an_unknown_slash_word_is_no_use_case():
    assert "use_case" not in understand("/foo", asked="use_case").updates


WHAT_IFS = [
    ("what would it cost on gpt-4.1-nano?", {"model": "gpt-4.1-nano"}),
    ("how much would it cost with haiku?", {"model": "haiku"}),
    ("what if we just improved prompting?", {"option": "prompt_first"}),
    ("so what happens at 5x the traffic", {"queries_per_day_factor": 5.0}),
    ("and if speed didn't matter at all?", {"latency_sensitive": False}),
]


@pytest.mark.parametrize(("text", "expected"), WHAT_IFS)
def test_what_ifs_asked_in_words(text, expected):
    assert understand(text).what_if == expected


@pytest.mark.parametrize(("text", "view", "option"), VIEWS)
def test_views_asked_in_words(text, view, option):
    reading = understand(text)
    assert (reading.view, reading.view_option) == (view, option)
    assert not reading.wants_recommendation and reading.question is None


def test_a_free_question_goes_to_the_sources_and_the_flow_goes_on():
    reading = understand("what would a vector store cost at our size?")
    assert reading.question and reading.view is None


# ---- 7. a model mentioned is not a model chosen ---------------------------------------------------

MODEL_MENTIONS = [
    ("Opus takes too long to start answering", None),
    ("we tried Llama 3 70B but it was sluggish", None),
    ("we trained a LoRA on Mistral 7B in the spring", None),
    ("we're on gpt-4o today", "gpt-4o"),
    ("everything runs through Claude Sonnet 4.5 right now", "claude sonnet 4.5"),
    # A provider named as the one they use is priced on its model in the reference tier.
    ("fine with OpenAI, nobody else though", "openai"),
    ("we're an Anthropic customer already", "anthropic"),
    ("all our traffic goes through Azure OpenAI", "azure openai"),
    # ...and a provider refused or not used is no choice, nor permission for the others.
    ("we can't use OpenAI for this", None),
    ("we don't use anthropic", None),
]


@pytest.mark.parametrize(("text", "model"), [
    # once a model is in use, another named in passing is no change of model
    ("haiku is probably enough", "gpt-4o"),
    ("someone suggested mistral but meh", "gpt-4o"),
    ("our competitor uses gemini", "gpt-4o"),
    ("we are evaluating llama 3.1 8b for this", "gpt-4o"),
    ("gpt-4.1 did better in our tests", "gpt-4o"),
    ("the team likes opus for coding", "gpt-4o"),
    # a choice, a correction or the bare name is one
    ("we moved to claude sonnet 4.5 last month", "claude sonnet 4.5"),
    ("actually its gpt-4.1 not 4o", "gpt-4.1"),
    ("sorry, claude sonnet 4.5", "claude sonnet 4.5"),
    ("let's price it on haiku 4.5", "haiku 4.5"),
])
def test_a_model_named_after_one_is_in_use_changes_it_only_by_a_choice(text, model):
    reading = understand(text, profile={"use_case": {"value": "support bot"}, "model": {"value": "gpt-4o"}})
    assert reading.updates.get("model", "gpt-4o") == model


def test_a_provider_not_used_grants_nothing():
    assert "data_residency" not in understand("we don't use anthropic").updates


def test_a_provider_is_priced_on_its_reference_model():
    from tools.assumptions import DEFAULTS, provider_model

    assert provider_model("Azure OpenAI").value == "gpt-4o"
    assert provider_model("anthropic") is DEFAULTS["model"]
    assert provider_model("mistral") is None


@pytest.mark.parametrize(("text", "model"), MODEL_MENTIONS)
def test_only_a_chosen_model_is_taken(text, model):
    assert understand(text).updates.get("model") == model


# ---- 8. token lengths and existing assets ---------------------------------------------------------

ASSETS = [
    ("the few-shot block is about 2,000 tokens; a tuned model would need maybe 250", {"input_tokens": 2000, "tokens_saved": 1750}),
    ("roughly 1,800 tokens in and 600 out", {"input_tokens": 1800, "output_tokens": 600}),
    ("we trained a LoRA on Mistral 7B in the spring", {"has_fine_tune": True}),
    ("we have two H100 boxes already paid for", {"owned_gpus": 2, "gpu": "H100"}),
    ("we own 8 A100s", {"owned_gpus": 8, "gpu": "A100"}),
    ("there are ~900 PDFs in the library", {"corpus_documents": 900}),
    # a GPU's name is no duration: "H100s" is not 100 seconds
    ("we already run three H100s in our own DC", {"owned_gpus": 3, "gpu": "H100", "latency_budget_ms": None}),
    ("we have two L40S cards", {"owned_gpus": 2, "latency_budget_ms": None}),
    ("each summary is ~500 out", {"output_tokens": 500}),
    ("~12k tokens each in, 1k out", {"input_tokens": 12_000, "output_tokens": 1_000}),
]


@pytest.mark.parametrize(("text", "expected"), ASSETS)
def test_token_lengths_and_assets(text, expected):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_boxes_of_gpus_are_read_tentatively():
    reading = understand("we have two H100 boxes already paid for")
    assert "owned_gpus" in reading.tentative


# ---- chat shorthand ------------------------------------------------------------------------------
SHORTHAND = [
    ("latency: agent-facing, couple secs ok", {"latency_sensitive": False}),
    ("agents want answers w/ links to the article", {"needs_citations": True}),
    ("~5 mins is fine, it's a back-office job", {"latency_sensitive": False}),
    # slips of the keyboard in the words the rules key on
    ("the pricing rules chnage evry couple weeks", {"knowledge_changes": "weekly"}),
    ("the manuals are updaetd montly", {"knowledge_changes": "monthly"}),
    ("citatons are a must for the auditors", {"needs_citations": True}),
]


@pytest.mark.parametrize(("text", "expected"), SHORTHAND)
def test_chat_shorthand_is_read_spelled_out(text, expected):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


def test_a_regulator_is_not_a_unit():
    from agent.understand.clauses import spell_out

    assert spell_out("we file with the SEC every quarter") == "we file with the SEC every quarter"
    assert spell_out("2hrs turnaround w/o citations") == "2 hours turnaround without citations"


def test_the_function_a_team_runs_names_the_use_case():
    from agent.understand.use_case import read_use_case

    assert read_use_case(["we run support for a payroll SaaS"], answering=False) == "support answers"
    # (what they need it for, with where the answers come from)
    assert read_use_case(["our nurses need answers from the formulary"], answering=False) == "answers from the formulary"


@pytest.mark.parametrize(("text", "use_case"), [
    ("We're putting together a trivia host persona for our pub quiz app", "trivia host persona"),
    ("I'm building an onboarding concierge for new landlords", "onboarding concierge"),
    ("we are developing a museum audio guide, visitors ask it about the exhibits", "museum audio guide"),
    # who they are, then what they are doing
    ("Morning! We're a regional utility drafting outage notices for customers", "drafting outage notices"),
    ("We are a logistics firm summarising driver incident reports.", "summarising driver incident reports"),
])
def test_the_thing_being_built_names_the_use_case_when_no_head_noun_does(text, use_case):
    assert understand(text).updates.get("use_case") == use_case


@pytest.mark.parametrize("text", ["the canon is basically fixed", "our house rules are final", "the syllabus stays frozen all term"])
def test_knowledge_said_to_be_settled_is_static(text):
    assert understand(text).updates.get("knowledge_changes") == "static"


def test_a_settled_price_is_no_knowledge():
    assert "knowledge_changes" not in understand("the price is fixed for two years").updates


@pytest.mark.parametrize(("text", "expected"), [
    ("we'd love the bot to sound like our mascot, cheeky and upbeat", {"persona_consistency": True}),
    ("honestly the model we're on feels slow and people complain", {"latency_sensitive": True}),
])
def test_a_wanted_voice_and_a_slow_model_are_read(text, expected):
    updates = understand(text).updates
    assert {slot: updates.get(slot) for slot in expected} == expected


@pytest.mark.parametrize("text", ["the catalogue is slow-moving", "the model isn't slow at all", "legal is slow to sign anything off"])
def test_slow_that_is_no_latency_complaint(text):
    assert understand(text).updates.get("latency_sensitive") is not True


def test_whoever_asks_is_who_the_answers_are_for():
    assert understand("we want our underwriters to ask questions about the rate manual").updates["use_case"] == "answers for underwriters"


@pytest.mark.parametrize("text", ["so what do u recommend", "ok r u able to just give me ur call", "pls recommend something"])
def test_chat_shorthand_still_asks_for_the_call(text):
    assert understand(text).wants_recommendation


# How people end a conversation: a bare ask, after the facts or after a correction. Each asks for
# the call (none is a question off the topic, or a skip of the question asked).
@pytest.mark.parametrize("text", ["hmm ok, what do you think", "right, now what?", "alright what next", "your call",
                                  "so does that change the answer?", "what you suggest for us", "ok so which way?",
                                  "which option makes the most sense", "what is best for this?"])
def test_a_bare_ask_at_the_end_asks_for_the_call(text):
    reading = understand(text, asked="data_residency")
    assert reading.wants_recommendation and not reading.off_topic and "data_residency" not in reading.updates


@pytest.mark.parametrize("text", ["so which is cheaper?", "what's cheapest for us"])
def test_which_is_cheaper_asks_for_the_costs(text):
    assert understand(text).view == "costs"


def test_a_capital_u_is_no_shorthand():
    from agent.understand.clauses import spell_out

    assert spell_out("see Appendix U of the R manual") == "see Appendix U of the R manual"


def test_what_the_words_say_outright_beats_what_the_task_implied():
    # "triage" in a clinical assistant is no ticket classifier, and the sources it answers from are said outright.
    text = "We're making an ER intake triage helper for nurses. It works from our hospital's protocols, which are revised monthly."
    assert understand(text).updates.get("has_documents") is True
    assert understand("we do ticket triage into 12 queues").updates.get("has_documents") is False


@pytest.mark.parametrize("text", [
    "the tone is the tricky part: warm, never pushy",
    "getting the tone right is the hardest part for us",
])
def test_a_voice_said_to_be_the_hard_part_is_a_requirement(text):
    assert understand(text).updates.get("persona_consistency") is True


@pytest.mark.parametrize("text", ["it refuses questions outside protocol", "nobody answers outside business hours"])
def test_outside_a_scope_is_no_destination_for_data(text):
    assert "data_residency" not in understand(text).updates


@pytest.mark.parametrize("text", [
    "so should we bother with fine-tuning at all?",
    "would RAG be overkill for us?",
    "does distillation make sense at our volume?",
    "ok but is that worth it?",
])
def test_asking_whether_to_take_an_option_asks_for_the_call(text):
    understanding = understand(text)
    assert understanding.wants_recommendation and understanding.question is None


def test_a_question_about_a_technique_goes_to_the_sources():
    assert understand("is prompt caching worth it with short prompts?").question


# Asks for the call that name no option and use none of the usual words, in many registers: terse,
# non-native, managerial. Each must ask for the recommendation, not be read as off-topic or unsure.
@pytest.mark.parametrize("text", [
    "ok so what do we do?",
    "Where should we start?",
    "where does all this leave us?",
    "What do you advice us to do?",
    "What you are recommending for us?",
    "what u think is necessary?",
    "so where do we go from here",
    "what's the next step for us?",
    "any advice?",
    "which way should we go?",
    "do we fine tune?",
    "worth fine-tuning?",
    "is it necessary to do fine-tuning for this?",
    "is RAG enough here?",
    "can prompting alone fix this?",
    "Should we keep paying for Opus or do something else?",
])
def test_unusual_asks_for_the_call(text):
    understanding = understand(text, profile={"use_case": "support bot", "queries_per_day": 5000})
    assert understanding.wants_recommendation and not understanding.off_topic and understanding.question is None


# A question about how an option works, what it costs or a part of it is a free question.
@pytest.mark.parametrize("text", [
    "how much does fine-tuning cost for a 7B model?",
    "what is RAG exactly?",
    "how does distillation work?",
    "what vector store do you recommend?",
    "how long does fine-tuning take?",
    "which GPU should we rent for a LoRA?",
    "how many examples do we need for fine-tuning?",
    "I read fine-tuning breaks even at 50k a month, right?",
])
def test_questions_about_an_option_are_not_asks_for_the_call(text):
    assert not understand(text, profile={"use_case": "support bot"}).wants_recommendation


@pytest.mark.parametrize("text", ["the tone is a bit off sometimes", "honestly the voice feels slightly off"])
def test_a_voice_that_is_off_is_one_to_hold(text):
    assert understand(text).updates.get("persona_consistency") is True


@pytest.mark.parametrize(("text", "budget"), [
    ("right now p99 is 2.5s and design wants it under 600ms", 600),
    ("it currently takes ~4s, we need it within 1.5s", 1500),
    ("1s tops", 1000),
])
def test_the_limit_is_the_budget_not_todays_latency(text, budget):
    assert understand(text).updates.get("latency_budget_ms") == budget


def test_two_measurements_and_no_limit_give_no_budget():
    assert "latency_budget_ms" not in understand("p50 is 800ms and p95 is 2.1s right now").updates


@pytest.mark.parametrize("text", [
    "we've piloted the prompt for 3 months and it drifts",
    "we spent 6 months tinkering with prompts",
])
def test_time_already_spent_is_no_horizon(text):
    assert "horizon_months" not in understand(text).updates


@pytest.mark.parametrize("text", [
    "there are 12k claims already classified by senior adjusters",
    "about 3,000 emails tagged by our support team",
])
def test_items_marked_by_people_are_an_eval_set_not_a_corpus(text):
    updates = understand(text).updates
    assert updates.get("has_eval_set") is True and "corpus_documents" not in updates


def test_items_tagged_by_a_topic_are_no_eval_set():
    assert "has_eval_set" not in understand("the articles are tagged by product area").updates


@pytest.mark.parametrize("text", ["the store hours and menu live in the system prompt", "the product facts are baked into the prompt"])
def test_knowledge_already_in_the_prompt_is_nothing_to_retrieve(text):
    assert understand(text).updates.get("has_documents") is False


@pytest.mark.parametrize(("text", "asked", "volume"), [
    ("somewhere around 4-6k chats a day", None, 5000),
    ("between 20k and 30k requests a day", None, 25000),
    ("3-5k", "queries_per_day", 4000),
    ("we have 3 teams and 8k requests a day", None, 8000),
])
def test_a_range_of_traffic_is_read_at_its_middle(text, asked, volume):
    assert understand(text, asked=asked).updates["queries_per_day"] == volume


@pytest.mark.parametrize("text", ["Another bank this time (a bigger one).", "retailer again, different one"])
def test_a_kind_of_customer_alone_is_no_tenancy(text):
    assert understand(text).updates.get("multi_tenant") is not True


@pytest.mark.parametrize(("text", "gap"), [
    ("the SQL runs against our internal schemas", None),
    ("our house DSL is something no base model has seen", True),
])
def test_the_teams_own_format_is_a_gap_only_for_a_language_of_its_own(text, gap):
    assert understand(text).updates.get("output_format_gap") is gap


def test_when_traffic_peaks_is_no_change_rate():
    assert "knowledge_changes" not in understand("around 30k chats a day on busy weekends").updates


@pytest.mark.parametrize(("text", "asked", "residency"), [
    ("we've got a BAA with Azure for this", "data_residency", False),
    ("legal signed a DPA with Anthropic in March", None, False),
    ("no commercial endpoints, gov cloud only", "data_residency", True),
    ("no public LLM services may see the transcripts", None, True),
])
def test_agreements_grant_and_commercial_endpoints_banned(text, asked, residency):
    assert understand(text, asked=asked).updates.get("data_residency") is residency


@pytest.mark.parametrize(("text", "use_case"), [
    ("my lead wants me to find out whether we should fine-tune our contract explainer", "contract explainer"),
    ("we need to auto-summarize incident reports for the on-call team", "summarize incident reports"),
    ("radiology: assign BI-RADS scores from report text", "assign bi-rads scores from report text"),
    ("an internal HR assitant for policy questions", "internal hr assistant"),
])
def test_use_cases_named_the_way_people_name_them(text, use_case):
    assert understand(text).updates.get("use_case") == use_case


# The opening message answers "what are you building?" in whatever shape people give it: the task
# as a gerund, the task after "for" or a modal, a bare head with its verb, a noun phrase; never
# the company ("a B2B payroll SaaS", "Cardiology group") nor a head that modifies a noun.
@pytest.mark.parametrize(("text", "use_case"), [
    ("translating product manuals into 9 languages, about 300 pages a week", "translating product manuals"),
    ("we host mistral on our own boxes for redacting names from court filings", "redacting names from court filings"),
    ("the model should draft discharge summaries from ward notes, in our template", "draft discharge summaries from ward notes"),
    ("Assistant answer tenant about their lease, we are property manager", "assistant answer tenant about their lease"),
    ("Warehouse picking instructions, generated per order, 20k orders a day", "warehouse picking instructions"),
    ("we produce dispatch summaries in our own markup for the drivers' app", "produce dispatch summaries"),
    ("labelling product photos by defect type, 12 types", "labelling product photos"),
    ("we're a B2B payroll SaaS and want a support bot for our customers' admins", "support bot"),
    ("our clinic wants nurses to be able to ask about triage protocols", "answers for nurses"),
    ("we write onboarding emails for new hires with an LLM", "write onboarding emails"),
])
def test_the_opening_message_names_the_use_case(text, use_case):
    assert understand(text, asked="use_case").updates.get("use_case") == use_case


@pytest.mark.parametrize("text", ["Cardiology group, 40 doctors, mostly dictation", "hi there", "Quick question about costs",
                                  "Roughly 8,000 claims a day."])
def test_who_they_are_or_a_statement_is_no_use_case(text):
    assert "use_case" not in understand(text, asked="use_case").updates


@pytest.mark.parametrize(("text", "slot"), [
    ("with our best prompt about 88% of the manifests come back schema-valid; ops needs 99.5", "output_format_gap"),
    ("zero-shot it's 81% accurate, the human baseline is 94%", "output_format_gap"),
    ("roughly 25% of the long chats drift out of character", "persona_consistency"),
    ("legal review rejected 30% of the drafts for tone", "persona_consistency"),
    # the rate as a count of a count, the failure in other words, the model named without a verb
    ("the summaries garble the medication list in about 1 out of 6 discharge letters", "output_format_gap"),
    ("editors end up rewriting ~35% of the captions because they sound generic", "persona_consistency"),
    ("few-shot with claude haiku ~76% on our held-out set, the floor is 90%", "output_format_gap"),
    # prompting tried and not enough, with no figure
    ("we've iterated on the system prompt for weeks and it still isn't right on our JSON layout", "output_format_gap"),
    ("a style guide plus 15 examples in the prompt didn't get us there, it reads nothing like our columnists", "persona_consistency"),
])
def test_a_shortfall_measured_across_sentences_or_as_a_failure_rate(text, slot):
    assert understand(text).updates.get(slot) is True


@pytest.mark.parametrize(("text", "budget"), [
    ("today first token is ~900ms and riders bail. We need the LLM under 250ms", 250),
    ("TTFT ~650ms now, we want <150ms", 150),
    ("~2s per answer is ok", 2000),
    ("sub 250ms per keystroke or it's useless", 250),
])
def test_a_limit_anywhere_in_the_message_beats_todays_figure(text, budget):
    assert understand(text).updates.get("latency_budget_ms") == budget


def test_a_latency_budget_is_no_verdict_on_the_bill():
    from agent.understand.bill import cost_verdict

    assert cost_verdict("our budget for the LLM call is 400ms") is None


def test_rec_asks_for_the_call():
    assert understand("rec?").wants_recommendation


@pytest.mark.parametrize("text", ["the fares table is small, we'd just stuff it into the prompt", "we paste the whole price list into the prompt"])
def test_context_pasted_into_the_prompt_is_nothing_to_retrieve(text):
    assert understand(text).updates.get("has_documents") is False


@pytest.mark.parametrize("text", ["each case belongs to a different client, walls between clients are mandatory", "every account is a separate customer with its own files"])
def test_walls_between_clients_are_tenancy(text):
    assert understand(text).updates.get("multi_tenant") is True


@pytest.mark.parametrize("text", ["it's a nightly batch anyway", "we send a weekly digest email"])
def test_when_a_job_runs_is_no_change_rate(text):
    assert "knowledge_changes" not in understand(text).updates


def test_a_provider_named_later_keeps_the_model_named_before():
    first = understand("support bot on gpt-4o for our docs")
    later = understand("we're already an OpenAI customer", profile={"model": first.updates["model"]})
    assert "model" not in later.updates


@pytest.mark.parametrize(("text", "volume"), [("sorry, it's 250 agents, not 200", 7500), ("correction: 90 clinicians not 60", 9000)])
def test_a_corrected_headcount_scales_the_volume(text, volume):
    understanding = understand(text, profile={"queries_per_day": 6000})
    assert understanding.updates["queries_per_day"] == volume and "queries_per_day" in understanding.corrections


def test_a_corrected_count_of_things_is_no_headcount():
    assert "queries_per_day" not in understand("it's 30 days, not 20", profile={"queries_per_day": 6000}).updates


@pytest.mark.parametrize(("text", "residency"), [
    ("our contracts forbid sub-processors outside the vendor list - Bedrock is on that list though", False),
    ("legal vetoed OpenAI, but Azure OpenAI is approved", False),
    # The exception must name a provider after the ban, and stand free of a ban itself.
    ("our contracts forbid sub-processors outside the approved list", True),
    ("no third-party APIs, not even OpenAI", True),
])
def test_a_ban_with_a_named_provider_as_its_exception(text, residency):
    assert understand(text).updates.get("data_residency") is residency


def test_a_measured_shortfall_was_measured_on_an_eval_set_said_back():
    understanding = understand("QA sampled 200 chats and 35% drifted off-brand")
    assert understanding.updates.get("has_eval_set") is True and "has_eval_set" in understanding.tentative
    assert "has_eval_set" not in understand("QA sampled 200 chats and 35% drifted off-brand", profile={"has_eval_set": False}).updates


def test_the_users_own_report_is_no_source():
    assert understand("the report has to come back within 800ms for the mobile app").updates.get("latency_budget_ms") == 800
    assert understand("the article says fine-tuning breaks even at 50k queries a month").updates == {}


def test_the_people_who_check_it_are_no_use_case():
    assert "use_case" not in understand("QA found about 20% off-brand replies").updates


# ---- corrections as people make them -------------------------------------------------------------

RETRACTIONS = [
    ("ok scratch the tone thing, it's an internal tool", {"persona_consistency": True}, "persona_consistency"),
    ("forget what I said about sources, nobody will click them", {"needs_citations": True}, "needs_citations"),
    ("hmm never mind the latency bit, it all runs in a nightly job", {"latency_sensitive": True}, "latency_sensitive"),
    ("drop the per-tenant part, it's one shared wiki", {"multi_tenant": True}, "multi_tenant"),
]


@pytest.mark.parametrize(("text", "known", "slot"), RETRACTIONS)
def test_a_requirement_taken_back_is_withdrawn(text, known, slot):
    reading = understand(text, profile=known)
    assert reading.updates.get(slot) is False and slot in reading.corrections


@pytest.mark.parametrize("text", ["ignore the typo above", "disregard my previous number, it's 8k a day"])
def test_correcting_ones_own_words_is_no_injection(text):
    assert not understand(text).ignored_instructions


@pytest.mark.parametrize(("text", "per_day"), [("make that 15k", 15_000), ("sorry, I meant 2,000", 2_000), ("actually closer to 8k", 8_000)])
def test_a_bare_figure_correction_corrects_the_traffic(text, per_day):
    reading = understand(text, profile={"queries_per_day": 40_000})
    assert reading.updates == {"queries_per_day": per_day} and reading.corrections == ("queries_per_day",)
    assert "queries_per_day" not in understand(text).updates  # with no traffic known, a bare figure says nothing


def test_a_volume_period_is_no_change_rate():
    reading = understand("no sorry, I meant 20k a month not a day", profile={"queries_per_day": 20_000})
    assert reading.updates == pytest.approx({"queries_per_day": 20_000 * 12 / 365})
    assert understand("not daily, more like weekly", asked="knowledge_changes").updates == {"knowledge_changes": "weekly"}


def test_the_average_said_after_the_peak_replaces_it():
    reading = understand("hmm, the avg is more like a third of that", profile={"queries_per_day": 900_000})
    assert reading.updates == pytest.approx({"queries_per_day": 300_000}) and reading.corrections == ("queries_per_day",)


def test_a_smaller_models_lower_rate_is_no_gap_of_the_model_in_use():
    # The case for distilling the first model, not a gap it has: the model in use meets the bar.
    reading = understand("sonnet hits 96% on our 5k-example eval, haiku only 81%")
    assert reading.updates.get("output_format_gap") is False and reading.updates.get("has_eval_set") is True
    assert understand("the model is 93% accurate, we need 99").updates.get("output_format_gap") is True


def test_a_rate_of_reports_is_no_corpus_size():
    assert "corpus_documents" not in understand("it botches the impression section on 1 in 10 reports").updates


# ---- facts not to invent, and facts said sideways -------------------------------------------------

@pytest.mark.parametrize(("text", "slot"), [
    ("compliance wants every reply to link the article so agents can check it", "has_eval_set"),
    ("we write renewal reminders per customer tier", "multi_tenant"),
    ("a customer service bot for one regional airline", "multi_tenant"),
    ("the price list stays fixed for the year", "horizon_months"),
])
def test_no_fact_from_words_that_only_resemble_it(text, slot):
    assert slot not in understand(text).updates


@pytest.mark.parametrize("text", [
    "deal teams sit behind information walls, the Acme team must never see the Zenith files",
    "each department's documents are private to that department",
])
def test_walls_between_matters_are_tenancy(text):
    assert understand(text).updates.get("multi_tenant") is True


def test_a_provider_allowed_beside_a_narrower_ban_stands():
    reading = understand("everything stays inside our cloud account; Bedrock in our own account is approved, but no public endpoints")
    assert reading.updates.get("data_residency") is False


def test_an_open_weight_model_run_in_house_is_the_model():
    reading = understand("we self-host qwen 2.5 32b on our own racks and nothing leaves the building")
    assert reading.updates.get("data_residency") is True and reading.updates.get("model", "").startswith("qwen")


@pytest.mark.parametrize("text", ["the timetable is same all year", "our rulebook stays the same the whole season"])
def test_the_same_all_year_is_a_rare_change(text):
    assert understand(text, asked="knowledge_changes").updates.get("knowledge_changes") == "rarely"


@pytest.mark.parametrize("text", ["we convert scanned delivery notes into structured records for the ERP",
                                  "the job is to extract entities from each loan application"])
def test_extraction_has_nothing_to_retrieve(text):
    assert understand(text).updates.get("has_documents") is False


def test_a_catalogue_counted_in_skus_is_a_corpus():
    updates = understand("we list about 800k SKUs across 40 categories").updates
    assert updates.get("corpus_documents") == 800_000 and updates.get("has_documents") is True


def test_a_character_held_many_messages_in_is_a_persona():
    assert understand("our tutor 'Pip' must keep sounding like Pip even 40 turns in").updates.get("persona_consistency") is True


def test_evergreen_content_rarely_changes():
    assert understand("the guides are mostly evergreen").updates.get("knowledge_changes") == "rarely"


def test_the_length_of_what_it_writes_is_no_corpus():
    assert "corpus_documents" not in understand("it drafts discharge letters, 3 pages max, in our layout").updates


@pytest.mark.parametrize(("text", "wants"), [("ok so", True), ("so...?", True), ("So. We run a claims desk.", False)])
def test_a_bare_so_asks_only_when_it_is_all_there_is(text, wants):
    assert understand(text).wants_recommendation is wants


def test_prompting_that_fell_short_is_the_gap_the_message_names():
    reading = understand("the replies have to sound like each advisor wrote them. we tried few-shot prompting, meh")
    assert reading.updates.get("persona_consistency") is True and "output_format_gap" not in reading.updates
    assert understand("we have about 2k notes the nurses wrote themselves").updates.get("has_eval_set") is True


def test_white_labelled_is_no_eval_set_and_helpdesk_history_is_documents():
    assert "has_eval_set" not in understand("the app is white-labeled for each bank").updates
    assert understand("answers come from our Zendesk macros").updates.get("has_documents") is True


# ---- trial 7's classes, in fresh words ------------------------------------------------------------

@pytest.mark.parametrize(("text", "slot", "value"), [
    # what the answers are based on is no citation requirement; a plain "need links" is one
    ("answers come from the customer's own message, nothing else", "needs_citations", None),
    ("it reads our runbooks and postmortems, needs links", "needs_citations", True),
    ("reviewers must see the page it came from", "needs_citations", True),
    # a negation stops at a colon
    ("prompting won't get there: on our 400-case eval set only 70% are right", "has_eval_set", True),
    # the people's rate is the bar; a use only planned is no permission
    ("mini is at 81% zero-shot and the annotators agree at 95%", "output_format_gap", True),
    ("at first we planned to call Azure OpenAI for this", "data_residency", None),
    # the bill, whatever the currency is written as
    ("the invoice is around 9k EUR per month", "monthly_spend_usd", 9_000),
])
def test_trial_seven_classes_in_fresh_words(text, slot, value):
    assert understand(text).updates.get(slot) == value


@pytest.mark.parametrize(("text", "per_day"), [
    ("a few hundred a day, say 400", 400),
    ("about 90k chats a day in holiday season, an average day maybe 50k", 50_000),
    # the average after its figure, in the peak's unit
    ("200/sec at peak, maybe 60 avg", 60 * 86_400),
    ("we spike to 30 rps at lunch, 10 rps on average", 10 * 86_400),
    ("800k requests per day at peak and 300k a day typically", 300_000),
])
def test_the_figure_settled_on_and_the_average_beside_a_season(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)
    assert "knowledge_changes" not in understand(text).updates


def test_a_yes_to_a_recommendation_question_without_which():
    assert understand("so which one u recommend?", asked="has_eval_set").wants_recommendation
    assert "use_case" not in understand("QA is happy with the tone").updates
    assert "corpus_documents" not in understand("we keep 2,000 validated tickets as a gold set").updates


@pytest.mark.parametrize(("text", "per_day"), [
    ("we have roughly 800 claims handlers. Each handler asks maybe 10 questions a day.", 8_000),
    ("about 50 a day in total, 25 nurses each asking 2 or so per day", 50),
])
def test_people_counted_and_what_each_asks_multiply(text, per_day):
    assert understand(text).updates.get("queries_per_day") == pytest.approx(per_day)


def test_a_later_plain_statement_of_no_retrieval_and_a_voice_like_the_brand():
    assert understand("no lookup, the invoice is the input", profile={"has_documents": True}).updates.get("has_documents") is False
    assert understand("we want the bot to talk like our brand").updates.get("persona_consistency") is True


@pytest.mark.parametrize("text", [
    "we tried gpt-4o-mini with the same prompt, only 85%, not good enough",
    "haiku gets maybe 80% of them right, which is too low",
    "an 8B model we tested topped out at 78% accuracy",
    "the cheaper model breaks the schema in one of ten replies",
])
def test_a_smaller_models_shortfall_after_the_big_one_costs_too_much_is_no_gap(text):
    # The model in use meets the bar and costs too much: a smaller one falling short is the case for
    # distilling, not a gap of the model in use.
    after_the_bill = understand(text, profile={"model": "gpt-4o", "top_model_too_costly": True})
    assert after_the_bill.updates.get("output_format_gap") is not True
    # Said first, with nothing known of the model in use, it is the model's own shortfall.
    assert understand("we tried gpt-4o with the same prompt, only 85%, not good enough").updates.get("output_format_gap") is True


@pytest.mark.parametrize(("text", "changes", "latency"), [
    # real time said of the knowledge
    ("stock levels change in real-time", "daily", None),
    ("the data comes in real time from our sensors", "daily", None),
    ("it has to quote real-time prices", "daily", None),
    # real time said of the answer
    ("gpt-4o-mini is good but too slow for real-time", None, True),
    ("this is real-time moderation of chat messages", None, True),
    ("the agent must reply in real time on the phone", None, True),
])
def test_real_time_is_freshness_only_when_said_of_the_knowledge(text, changes, latency):
    updates = understand(text, asked="knowledge_changes").updates  # even right after that question
    assert updates.get("knowledge_changes") == changes
    assert updates.get("latency_sensitive") is latency


@pytest.mark.parametrize(("text", "persona"), [
    ("the characters all sound the same after a few turns", True),
    ("every reply sounds generic, nothing like our mascot", True),
    ("the three personas basically sound identical", True),
    # documents that read alike are no voice the model loses
    ("the KB articles all sound the same", None),
    ("our policy docs sound identical, it's all legal boilerplate", None),
])
def test_voices_that_sound_alike_are_the_models_not_the_documents(text, persona):
    assert understand(text).updates.get("persona_consistency") is persona


@pytest.mark.parametrize(("text", "changes"), [
    ("policies are revised every 6 weeks or so", "monthly"),
    ("the docs change every 10 days", "weekly"),
    ("prices change every 3 days", "daily"),
    ("content is refreshed every five weeks", "monthly"),
    ("we publish new rules every 4 months", "rarely"),
])
def test_a_period_counted_goes_in_its_bucket(text, changes):
    assert understand(text).updates.get("knowledge_changes") == changes


@pytest.mark.parametrize(("text", "persona"), [
    ("after 15 messages the bot forgets it is supposed to be a pirate", True),
    ("by turn 20 it loses its persona", True),
    ("our brand voice is playful and it comes out stiff", True),
    ("the tone reads corporate, we want friendly", True),
    ("our style guide is long and the summaries come out fine", None),
    ("it forgets the order number the user gave", None),
])
def test_a_role_forgotten_or_a_voice_that_comes_out_wrong_is_a_persona_to_hold(text, persona):
    assert understand(text).updates.get("persona_consistency") is persona


@pytest.mark.parametrize(("text", "expected"), [
    ("prompts are ~3k tokens with all the instructions, answers maybe 300", {"input_tokens": 3000, "output_tokens": 300}),
    ("input is around 1.5k tokens, output 200ish", {"input_tokens": 1500, "output_tokens": 200}),
    ("the prompt is 900 tokens and responses run about 120 tokens", {"input_tokens": 900, "output_tokens": 120}),
    ("we have a couple of A100s sitting idle", {"gpu": "A100", "owned_gpus": 2}),
    ("we own 4x H100 in the basement", {"gpu": "H100", "owned_gpus": 4}),
    ("we already fine-tuned llama 3 8b last year for a similar task", {"has_fine_tune": True}),
])
def test_token_lengths_and_assets_in_chat_words(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


def test_answers_counted_per_day_are_traffic_not_tokens():
    assert "output_tokens" not in understand("answers maybe 300 a day").updates


@pytest.mark.parametrize(("text", "expected"), [
    # GPUs the model in use occupies today are the team's, and eating them is its cost
    ("it's eating 16 H100s around the clock and infra is screaming",
     {"gpu": "H100", "owned_gpus": 16, "top_model_too_costly": True}),
    ("the 70B runs on 8 A100s in our DC, and the platform team keeps complaining",
     {"gpu": "A100", "owned_gpus": 8, "top_model_too_costly": True}),
    ("that model hogs half our GPU cluster; other teams need those GPUs back", {"top_model_too_costly": True}),
    ("research wants those H100s back for training runs", {"top_model_too_costly": True}),
    # rented by the hour: the type is known, none are owned
    ("it's served on 4 rented H100s", {"gpu": "H100", "owned_gpus": None}),
    ("we run it on our cluster", {"owned_gpus": None, "top_model_too_costly": None}),
])
def test_gpus_the_model_in_use_eats_are_the_teams_and_its_cost(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a bill named a clause before its bare figure is money; the traffic is the figure after it
    ("The problem is the bill, we're at about 40k a month and volume is ~900k items a day",
     {"monthly_spend_usd": 40_000, "queries_per_day": 900_000}),
    ("we pay 5k a month, about 20k a day", {"monthly_spend_usd": 5_000, "queries_per_day": 20_000}),
    # a bill per week or said with an adverb is a monthly bill
    ("the bill is 28k a week", {"monthly_spend_usd": round(28_000 * 365 / 12 / 7)}),
    ("our bill is about 3k weekly", {"monthly_spend_usd": round(3_000 * 365 / 12 / 7)}),
    ("we spend 120k annually on the API", {"monthly_spend_usd": 10_000}),
    # what the team pays per period is no change rate
    ("we pay $500 a month", {"monthly_spend_usd": 500, "knowledge_changes": None}),
    # counted things times what each holds, with the hedges people use
    ("15k agent sessions a day, probably 4 questions per session", {"queries_per_day": 60_000}),
    ("about 3k chats a day, perhaps 5 messages per chat", {"queries_per_day": 15_000}),
])
def test_bills_and_traffic_said_side_by_side(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "residency"), [
    # "keep using" goes on doing something; it keeps no data anywhere
    ("we can keep using the OpenAI API or self-host, both are allowed", False),
    ("either way is fine, we could keep calling Anthropic or run it ourselves", False),
    ("we keep everything on-prem", True),
    ("data is kept on our own servers", True),
])
def test_keep_doing_is_no_place_data_is_kept(text, residency):
    assert understand(text).updates.get("data_residency") is residency


@pytest.mark.parametrize("text", ["we pay $100k a year for the API", "the bill is 28k a week", "it runs us 1.5k weekly"])
def test_a_bill_per_year_or_week_is_a_whole_monthly_figure_the_profile_takes(text):
    """"28k a week" is $121,666.67 a month: the profile keeps whole dollars and raised ValueError,
    which failed the turn. The figure is rounded where it is read."""
    from tools.profile import validated

    spend = understand(text).updates["monthly_spend_usd"]
    assert validated("monthly_spend_usd", spend) == spend


@pytest.mark.parametrize(("text", "expected"), [
    # new work coming in is traffic; new knowledge is a change rate
    ("volume is ~15k new claims per day", {"queries_per_day": 15_000, "knowledge_changes": None}),
    ("roughly 300 new support tickets a day", {"queries_per_day": 300}),
    ("we add 20 new articles a week", {"queries_per_day": None, "knowledge_changes": "weekly"}),
])
def test_new_work_coming_in_is_traffic_and_new_knowledge_is_change(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a classifier's guess against what the rules read needs words of its own: "over budget" is no ease
    ("the cost is waaay over budget", {"top_model_too_costly": True}),
    ("honestly the spend is way over budget", {"top_model_too_costly": True}),
    # quality praised, then the wait put against it: the top model is right and too slow
    ("gpt-4o handles the calls basically perfectly but response time kills it",
     {"top_model_too_costly": True, "output_format_gap": False}),
    # what the model in use said, kept, is what a student is trained on
    ("we keep every gpt-4o decision in our warehouse", {"has_eval_set": True}),
    ("we've recorded ~200k gpt-4o call transcripts", {"has_eval_set": True}),
    # a period after a correction replaces the one before it in the same breath
    ("the docs change weekly, sorry no, i mean like once a year", {"knowledge_changes": "rarely"}),
    # a reference each answer must carry is a citation
    ("label updates come in monthly, and every claim in the letter needs a reference to the label or study",
     {"knowledge_changes": "monthly", "needs_citations": True}),
    ("analysts need the advisory ID in the answer", {"needs_citations": True}),
    ("it needs a reference implementation first", {"needs_citations": None}),
    # a figure corrected in the same message
    ("about 8k chats a day. actually checked, more like 12k", {"queries_per_day": 12_000}),
    ("roughly 5k tickets a day. no wait, closer to 7k", {"queries_per_day": 7_000}),
])
def test_trial_phrasings_written_fresh(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # what each call makes, in model calls
    ("12k calls a day, ~40 model calls per call", {"queries_per_day": 480_000}),
    ("about 3k tickets a day, each ticket triggers maybe 5 model calls", {"queries_per_day": 15_000}),
    # a cloud tenant in a region is the team's own account, not tenancy
    ("transcripts may be processed in our Azure EU tenant under the DPA", {"multi_tenant": None, "data_residency": False}),
    # a percentile named with today's figure is a measurement; the limit after it is the budget
    ("it's too slow - p95 around 1.9s, so suggestions arrive late. We need under 300ms.", {"latency_budget_ms": 300}),
    ("advisors rate it highly and it passed our eval, but it's too slow", {"top_model_too_costly": True}),
    # a relative clause's "isn't" does not negate the main verb
    ("marketing data that isn't customer PII can go to hosted tools under our DPA with OpenAI", {"data_residency": False}),
    ("anything that isn't public can't go to hosted tools", {"data_residency": True}),
    # prices the answers are about are no bill
    ("Problem was it confidently quoted last month's prices", {"top_model_too_costly": None}),
    ("the prices are killing us", {"top_model_too_costly": True}),
    # a rate with an exception: what changes sets it; a change of state makes "static" stand
    ("The coding dictionaries are updated twice a year, otherwise the rules don't change", {"knowledge_changes": "rarely"}),
    ("it used to change monthly, now it's frozen", {"knowledge_changes": "static"}),
    ("The routing taxonomy has been unchanged for four years", {"knowledge_changes": "static"}),
    # a share of drafts sent back, in words
    ("our reviewers still reject about one in four drafts for tone", {"persona_consistency": True}),
    ("compliance bounced 1 in 4 drafts for tone", {"persona_consistency": True}),
    ("legal kicks back about a third of the letters for wording", {"output_format_gap": True}),
])
def test_enterprise_phrasings_written_fresh(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("text", ["ok makes sense", "Good afternoon", "Processing has to stay on our own infrastructure"])
def test_a_nod_a_greeting_or_a_rule_is_no_use_case(text):
    assert understand(text).updates.get("use_case") is None


@pytest.mark.parametrize(("text", "expected"), [
    # what the team pays, said as a free relative, is a statement about the bill, not a question
    ("what we pay OpenAI every month for this is frankly painful, finance wants it cut", {"top_model_too_costly": True}),
    ("what i need is citations on every answer", {"needs_citations": True}),
    # a bill that went up is a bill that hurts; one that went down and is fine is not
    ("bill went to ~$60k/month and it's a free feature lol", {"monthly_spend_usd": 60_000, "top_model_too_costly": True}),
    ("the bill went down after caching, it's fine now", {"top_model_too_costly": False}),
    # logged triples of input, output and rating are a student's examples; a rate past the bar is no gap
    ("on the plus side we've logged ~20M (log, explanation, thumbs) triples", {"has_eval_set": True}),
    ("users love it, thumbs-up rate ~88% which beats what we hoped for", {"output_format_gap": False}),
])
def test_bills_and_logs_in_founders_words(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected


def test_what_is_paid_per_period_is_no_change_rate_even_right_after_the_change_question():
    reading = understand("what we pay OpenAI every month for this is frankly painful", asked="knowledge_changes")
    assert "knowledge_changes" not in reading.updates and reading.updates.get("top_model_too_costly") is True


def test_a_bills_period_corrected_corrects_the_bill_not_the_traffic():
    profile = {"monthly_spend_usd": {"value": 121_667}, "queries_per_day": {"value": 60_000}, "use_case": {"value": "summaries"}}
    reading = understand("sorry, 28k a month, not a week. still too much for this budget line", profile=profile)
    assert reading.updates.get("monthly_spend_usd") == 28_000 and "queries_per_day" not in reading.updates
    assert "use_case" not in reading.updates


@pytest.mark.parametrize(("text", "expected"), [
    # a source's words in the answer are a citation
    ("Want to ask 'is flood covered for client X' and get the clause quoted", {"needs_citations": True}),
    ("We'd want the assistant to quote the section of code it relies on", {"needs_citations": True}),
    # "citations? no" answers the question it raises; "prices must be right" is about the answers
    ("citations? no, but plan prices must be right", {"needs_citations": False, "top_model_too_costly": None}),
    # static said in learner English or as "nothing that changes"
    ("syntax didnt change since 2021", {"knowledge_changes": "static"}),
    ("fixed taxonomy, nothing external that changes", {"knowledge_changes": "static"}),
    # examples people wrote are examples, not a corpus to search
    ("yes ~4000 finding reports written by senior auditors, anonymised", {"has_eval_set": True, "corpus_documents": None}),
    ("we have 5k chats written by our social media team in Zed voice", {"has_eval_set": True}),
    ("we log all the suggestions + which one got accepted, going back 5 months", {"has_eval_set": True}),
    # knowledge from outside is no place data goes
    ("product facts come from our PIM inside the prompt, no external knowledge needed", {"data_residency": None}),
    ("no external APIs", {"data_residency": True}),
    ("2M messages a day and it's eating our entire infra budget lol", {"top_model_too_costly": True}),
    # a gap measured against people, and a voice rewritten by them
    ("gpt-4o with the same prompt gets 83%. Our human triagers agree with each other about 94% of the time and that's the bar",
     {"output_format_gap": True}),
    ("the analysts say it still reads like a generic sell-side robot and they rewrite most of every draft", {"persona_consistency": True}),
    ("Claude generates great suggestions - reps accept one ~45% of the time, which beats our target - but p95 is ~2.1s",
     {"top_model_too_costly": True, "output_format_gap": False}),
    # work done over some months is no planning horizon
    ("we've done a ton of prompt work on this over 4 months", {"horizon_months": None}),
])
def test_more_fresh_phrasings_from_founders_and_terse_users(text, expected):
    updates = understand(text).updates
    assert {k: updates.get(k) for k in expected} == expected
