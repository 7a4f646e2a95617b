"""Issue 14, replies people read: a short recommendation, details on demand in words, a change of
facts answered as a change, and cautions said once per conversation."""

from __future__ import annotations

import re

import pytest

from tools.cost_report import usd

SUPPORT = [
    "We're building a support bot over our help-centre articles, 5k questions a day, the articles change "
    "weekly, answers must cite the article, hosted APIs are fine.",
    "What do you recommend?",
]


def test_a_recommendation_is_the_verdict_the_deciding_facts_and_the_relevant_totals(offline_chat):
    reply = [offline_chat.send("cli:short", text) for text in SUPPORT][-1]
    text = reply.text
    assert text.splitlines()[0].endswith("**RAG (retrieval-augmented generation)**.")
    # The deciding facts, each cited once; the Sources list is only what the text cites, numbered in order.
    marks = [int(n) for n in re.findall(r"\[(\d+)\]", text.split("**Sources**")[0])]
    assert marks and sorted(set(marks)) == list(range(1, max(marks) + 1))
    assert [c["n"] for c in reply.citations] == sorted(set(marks)) and len(reply.citations) <= 6
    # The options that can meet the requirements, by 12-month total; the others named with why not.
    options = reply.costs["options"]
    assert f"| RAG | {usd(options['rag']['total_usd'])} |" in text
    assert "| Fine-tune |" not in text and "Fine-tune (it cannot cite its sources)" in text
    assert "What would change this: " in text
    assert len(text.split()) <= 350


def test_details_in_words_reach_the_views(offline_chat):
    for text in SUPPORT:
        offline_chat.send("cli:views", text)
    why = offline_chat.send("cli:views", "why?").text
    assert why.startswith("**Why RAG") and "Rule trace" in why and 'ferreira-2026: "Need source citations' in why
    costs = offline_chat.send("cli:views", "show me the costs").text
    assert "| Fine-tune |" in costs and "| Option | One-time | First month | 12-month total | Per 1k queries |" in costs
    assert "Break-even: at the first month's volume" in costs or "does not pay back" in costs
    assumed = offline_chat.send("cli:views", "what did you assume?").text
    assert "**What I assumed where you said nothing**" in assumed and "Fine-tuning labour (data, evals, pipeline) $80,000" in assumed
    changes = offline_chat.send("cli:views", "what would change this?").text
    assert changes.startswith("**What would change RAG")
    sources = offline_chat.send("cli:views", "sources").text
    assert "RAG vs Fine-Tuning in 2026" in sources  # the full list, with titles


def test_a_volume_correction_is_answered_with_the_totals_before_and_after(offline_chat):
    before = [offline_chat.send("cli:change", text) for text in SUPPORT][-1]
    after = offline_chat.send("cli:change", "Sorry, I mean 50k a day, not 5k.")
    text = after.text
    assert "Volume: 5,000 → 50,000 queries a day." in text
    for name in ("rag", "hybrid"):
        old, new = before.costs["options"][name]["total_usd"], after.costs["options"][name]["total_usd"]
        assert f"| {usd(old)} | {usd(new)} |" in text and old != new
    assert "My recommendation stays **RAG (retrieval-augmented generation)**." in text
    assert after.change["before_label"] == after.change["label"] == "rag"
    assert "What it costs at" not in text  # not the whole recommendation again


def test_a_correction_that_flips_the_label_says_so(offline_chat):
    for text in SUPPORT:
        offline_chat.send("cli:flip", text)
    reply = offline_chat.send("cli:flip", "Actually the articles never change, and no citations needed.")
    assert reply.recommendation == "prompt_first"
    assert "That changes my recommendation from RAG (retrieval-augmented generation) to **better prompting (and caching) first**." in reply.text


def test_a_caution_is_said_once_per_conversation(offline_chat):
    thread = "cli:caution"
    offline_chat.send(thread, "We're building a support bot over our help-centre articles, 100k questions a day, they change weekly, answers must cite them, hosted is fine.")
    first = offline_chat.send(thread, "What do you recommend?").text
    again = offline_chat.send(thread, "What do you recommend?").text
    assert "Caution: the sources disagree on whether high volume alone justifies fine-tuning" in first
    assert "whether high volume alone justifies fine-tuning" not in again


def test_the_memo_keeps_the_long_form(offline_chat, tmp_path):
    from agent.frontends.memo import export

    for text in SUPPORT:
        offline_chat.send("cli:memo", text)
    memo_path, _ = export(offline_chat.snapshot("cli:memo"), tmp_path / "memo.md")
    memo = memo_path.read_text()
    assert 'ferreira-2026: "Need source citations — RAG required."' in memo  # every reason with its passages
    assert "| Fine-tune |" in memo and "Break-even:" in memo  # every option
    assert "the fine-tune retrains every month" in memo and "## Rule trace" in memo and "### Cost assumptions" in memo


def test_a_question_about_a_disputed_figure_gets_the_cost_models_own_figure_for_the_user(offline_chat):
    thread = "cli:vector-store"
    offline_chat.send(thread, "Internal wiki assistant for our staff, around 5k questions a day, pages get edited daily, links to the page please.")
    reply = offline_chat.send(thread, "roughly what's the vector DB going to run us per month?")
    rag_infra = re.search(r"At your 5,000 queries a day the cost model uses \$(\d+) a month: the vector store", reply.text)
    assert rag_infra, reply.text
    # The same figure the cost model puts in the RAG option's monthly items at this volume.
    from agent.conversation.costing import compare_costs

    costs = compare_costs(offline_chat.snapshot(thread)["profile"])
    assert float(rag_infra.group(1)) == round(costs["options"]["rag"]["monthly_items"]["rag_infrastructure"])


def test_without_a_volume_a_disputed_figure_is_the_sources_range_alone(offline_chat):
    reply = offline_chat.send("cli:vector-store-bare", "what does a vector database cost per month?")
    assert "the sources disagree" in reply.text and "At your" not in reply.text


def test_a_slash_word_that_is_no_view_is_named_back_with_the_views(offline_chat):
    offline_chat.send("cli:slash", "support bot for our customers")
    reply = offline_chat.send("cli:slash", "/budgets")
    assert "I don't know the command `/budgets`. The views are /profile, /costs" in reply.text
    # A known view sent as a message is the view, not an unknown command.
    assert "I don't know the command" not in offline_chat.send("cli:slash", "/costs").text


def test_a_provider_named_alone_is_acknowledged_with_the_model_it_is_priced_on(offline_chat):
    reply = offline_chat.send("cli:provider", "support bot over our docs, 3k chats a day, we're an OpenAI shop")
    assert "the model: openai (priced on gpt-4o)" in reply.text


def test_a_short_source_quote_shows_the_figure_it_backs():
    from agent.wording import short_quote

    quote = ("typically 5-15 percentage points of lift on specific structured-output or persona tasks, "
             "at $60,000-180,000 of engagement cost")
    said = "Caution: the sources disagree on what fine-tuning costs up front, from $200 to $180,000 [3][4]."
    assert short_quote(quote, said) == "… specific structured-output or persona tasks, at $60,000-180,000 of engagement cost"
    # a figure the reply does not state, or no reply at all, keeps the opening
    assert short_quote(quote, "fine-tuning is the fit [1]").startswith("typically 5-15 percentage points")
    assert short_quote(quote).startswith("typically 5-15")


def test_every_disputed_figure_in_a_reply_is_in_the_words_quoted_for_it(offline_chat):
    turns = ["we draft claim letters that must follow our house template exactly; gpt-4o drifts from it and we have "
             "900 letters graded by the claims team. about 150 a day, policy wording changes a couple of times a year, "
             "no citations, one shared set of templates",
             "what's your verdict?", "and your verdict again?", "so, fine-tune then?"]
    checked = 0
    for text in turns:
        reply = offline_chat.send("cli:quoted", text).text
        body, _, sources = reply.partition("**Sources**")
        quoted = dict(re.findall(r"- \[(\d+)\] [^:]+: \"(.*)\"", sources))
        for line in body.splitlines():
            dispute = re.search(r"sources disagree on .*?from (\$[\d,.]+) to (\$[\d,.]+) \[(\d+)\]\[(\d+)\]", line)
            if dispute:
                low, high, first, second = dispute.groups()
                assert low.strip("$") in quoted[first] and high.strip("$") in quoted[second], (line, quoted)
                checked += 1
    assert checked


def test_a_bill_far_from_what_the_token_figures_price_is_said_beside_the_table(offline_chat):
    thread = "cli:bill-mismatch"
    offline_chat.send(thread, "we route ~140k inbound emails a day into 30 queues with gpt-4o, it gets them right, "
                              "but the bill is $21k/month and that's too much. no documents, just the email")
    offline_chat.send(thread, "each email is about 900 tokens in and the label out is ~15 tokens")
    text = offline_chat.send(thread, "so what do you recommend?").text
    assert "Your token figures price staying on gpt-4o at $10,220 a month, against the $21,000 you say you pay" in text
    # what they pay is what the options are set against: staying costs the bill in the table
    assert "the table is costed at your bill" in text and "| Prompting only | $251,668 |" in text
    # a bill that the token figures roughly price says nothing more
    offline_chat.send("cli:bill-match", "we tag ~140k emails a day with gpt-4o, right every time, bill is about $10k/month, too much. "
                                        "no documents. 900 tokens in, 15 out")
    assert "you say you pay" not in offline_chat.send("cli:bill-match", "what do you recommend?").text


def test_a_bill_far_above_the_token_figures_decides_what_distilling_saves(offline_chat):
    # 12k a day at 1,200 tokens on gpt-4o prices near $1,200 a month; the $30k paid is the cost to cut
    thread = "cli:bill-above"
    offline_chat.send(thread, "We sort insurance claims into 25 types with gpt-4o and it's spot on, checked on a 2,000-claim gold set. "
                              "About 12k claims a day, roughly 1,200 tokens in and 30 out. No documents, the claim is the input.")
    reply = offline_chat.send(thread, "Still, we pay $30,000 a month and that has to come down. What would you do?")
    assert reply.recommendation == "distill"
    assert "the table is costed at your bill" in reply.text
    assert reply.costs["options"]["prompting"]["monthly_usd"] == pytest.approx(30_000, rel=0.02)


def test_a_bill_below_the_token_figures_leaves_the_list_prices(offline_chat):
    thread = "cli:bill-below"
    offline_chat.send(thread, "We tag 50k support emails a day with gpt-4o, 2,000 tokens in and 20 out, and it gets them right "
                              "on our 1,000-email labelled set. No documents. The bill is $2,000 a month and finance wants it lower.")
    reply = offline_chat.send(thread, "what do you recommend?")
    assert "the table uses your token figures" in reply.text
    assert "prompt caching, a negotiated discount" in reply.text  # what would make a bill lower, not higher
    assert reply.costs["options"]["prompting"]["monthly_usd"] > 2_000 * 1.5


def test_a_self_hosted_bill_far_above_the_fleet_the_volume_needs_is_said(offline_chat):
    thread = "cli:gpu-bill"
    offline_chat.send(thread, "We run Llama 3.1 70B on rented H100s in our own data centre to code referrals, and it meets our bar "
                              "on a 900-case gold set. Patient data cannot go to any hosted API. About 15k referrals a day, and the "
                              "GPU bill is $40k a month, too much.")
    text = offline_chat.send(thread, "what would you do?").text
    assert "Your $40,000 a month is far above" in text and "H100 GPU" in text
    assert "that is what makes staying" not in text  # no prompt length is sized from a GPU bill
    assert "usually fine-tuned to close the quality gap" not in text  # the model in use meets the bar


def test_the_call_waits_for_what_is_built_when_nothing_known_decides_it(offline_chat):
    thread = "cli:cto"
    text = offline_chat.send(thread, "I run engineering at a 300-person logistics firm, we're on GCP and I've just been handed a "
                                     "$150k AI budget. half my team wants RAG, the other half keeps forwarding blog posts about "
                                     "distillation. so: rag or fine-tuning, which is better for a company like ours?").text
    assert "what you're building" in text and "Here's" not in text and "recommendation" not in text.lower()
    # pressed in a short message, it makes the call on what it assumed
    pressed = offline_chat.send(thread, "idk just tell me").text
    assert "**" in pressed
