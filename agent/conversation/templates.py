"""The offline engine's voice: Markdown replies assembled from a brief, with no LLM.

Every figure here is formatted from the brief (cost model output, profile, quoted passages); nothing
is computed. Wording varies with the turn number so a conversation does not read as a form, but the
choice is deterministic, so evals replay identically.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from agent.conversation import views
from agent.conversation.costing import ASSUMED_QUERIES_PER_DAY
from agent.wording import (
    ASSUMPTION_NAMES,
    FREQUENCY_WORDS,
    INTRODUCTION,
    LABEL_OPTIONS,
    OPTION_NAMES,
    REJECTED_LABELS,
    assumption_value,
    breakeven_text,
    change_text,
    cost_table,
    count,
    flip_text,
    gpu_counts,
    join_words,
    label_name,
    latency_fit,
    price_dated,
    question_for,
    sentence_case,
    slot_text,
    usd,
)

# A recommendation names this many of the things that would change it; /why shows them all.
MAX_CHANGES_SHOWN = 3

ACKNOWLEDGEMENTS = ("Got it", "Thanks", "Noted", "Understood", "Okay")
RECOMMENDATION_OPENERS = (
    "Here is my recommendation",
    "Based on what you've told me, here's where I land",
    "Here's my call",
)


def render(brief: Mapping[str, Any]) -> str:
    """The reply body for a brief, in Markdown, with [n] citation marks (the Sources list is separate)."""
    turn = int(brief.get("turn", 0))
    parts: list[str] = []
    if brief.get("reset"):
        parts.append("Starting over with a clean slate.")
    if brief.get("ignored_instructions"):
        parts.append(
            "I can't take instructions about what to conclude: the recommendation follows from your "
            "situation and the evidence, whoever asks."
        )
    parts.extend(_problems(brief))
    if brief.get("dropped_question"):
        parts.append("No problem, we can come back to that; I'll work with a stated assumption for now.")
    ack = _acknowledgement(brief, turn)
    if ack:
        parts.append(ack)
    if brief.get("answer"):
        parts.append(_answer(brief["answer"], brief["citations"]))
    if brief.get("view"):
        parts.append(_view(brief["view"]))
    if brief.get("what_if"):
        parts.append(_what_if(brief["what_if"]))
    if brief.get("recommendation") and brief.get("unchanged"):
        parts.append(
            f"That doesn't change my recommendation: **{brief['recommendation']['name']}**. "
            + _totals_line(brief["recommendation"]["label"], brief["costs"])
            + " Type /costs or /why for the details, or ask me to recommend again for the full picture."
        )
    elif brief.get("recommendation"):
        parts.append(_recommendation(brief, turn))
    if brief.get("disputes"):
        parts.append(_disputes(brief["disputes"], brief["citations"]))
    for finding in brief.get("audit_findings") or ():
        parts.append(f"A caution about that figure: {finding['note']}")
    if brief.get("off_topic") and not parts:
        parts.append(
            "I can only help with one decision: how to ship your LLM feature (RAG, fine-tuning, a hybrid, "
            "a distilled model, or better prompting first), and what each would cost."
        )
    if turn == 1 and not parts:
        parts.append(INTRODUCTION)
    slot = brief.get("next_slot")
    if slot and not brief.get("what_if"):
        answered = brief.get("answer") or brief.get("view") or any(d.get("quoted") for d in brief.get("disputes") or ())
        lead = "To firm this up: " if brief.get("recommendation") else ("Back to your setup: " if answered else "")
        parts.append(lead + question_for(slot, turn))
    elif not parts:
        parts.append("Ask me for a recommendation whenever you're ready, or tell me more about your situation.")
    return "\n\n".join(parts)


def _problems(brief: Mapping[str, Any]) -> list[str]:
    out = []
    for slot, why in (brief.get("rejected") or {}).items():
        why = why.rstrip()
        if not why.endswith((".", "!", "?")):
            why += "."
        out.append(f"I didn't take that {REJECTED_LABELS.get(slot, slot.replace('_', ' '))}: {why} Could you check the figure?")
    if brief.get("unknown_model"):
        out.append(
            f"I don't have prices for \"{brief['unknown_model']}\", so I'm costing with the default model; "
            "tell me another model name if you like."
        )
    choices = brief.get("model_choices")
    if choices:
        out.append(
            f"Which {choices['asked'].strip().title()} do you mean: {join_words(choices['candidates'][:6], 'or')}? "
            f"Until you say, I'm costing with {choices['costing']}."
        )
    return out


def _acknowledgement(brief: Mapping[str, Any], turn: int) -> str:
    updates = brief.get("acknowledged") or {}
    if not updates:
        return ""
    tentative = brief.get("tentative") or {}
    pieces = [slot_text(slot, value) for slot, value in updates.items() if slot not in tentative]
    word = ACKNOWLEDGEMENTS[turn % len(ACKNOWLEDGEMENTS)]
    corrected = [s for s in brief.get("corrections") or () if s in updates]
    if corrected:
        word = "Corrected"
    said = f"{word}: {join_words(pieces)}." if pieces else ""
    if "model" in (brief.get("changed") or {}):
        before, after = brief["changed"]["model"]
        said += f" I'll work the costs on {after} now, instead of {before}."
    # A reading the advisor is unsure of is said back, so the user can correct it.
    checks = [f'I took "{words}" to mean {slot_text(slot, updates[slot])}' for slot, words in tentative.items()]
    if checks:
        said = (said + " " if said else "") + "; ".join(checks) + ": say if not."
    return said


def _view(view: Mapping[str, Any]) -> str:
    """A view asked for in words: the same Markdown as the /command shows."""
    snapshot = view["snapshot"]
    if view["kind"] == "sources":
        return views.sources_view(snapshot) or "My last reply cited no passage; ask me something and I'll quote the sources."
    text = views.VIEWS[view["kind"]](snapshot)
    if view["kind"] == "why" and view.get("option"):
        text = "\n\n".join(part for part in (views.why_not(snapshot, view["option"]), text) if part)
    return text


def _answer(answer: Mapping[str, Any], citations: Sequence[Mapping[str, Any]]) -> str:
    by_n = {c["n"]: c for c in citations}
    marks = answer.get("citations") or []
    if not marks:
        return "I couldn't find a passage in the sources that answers that."
    lines = ["Here's what the sources say:"]
    for n in marks:
        lines.append(f"> {by_n[n]['quote']} [{n}]")
    return "\n\n".join(lines)


def _recommendation(brief: Mapping[str, Any], turn: int) -> str:
    rec = brief["recommendation"]
    costs = brief.get("costs")
    opener = RECOMMENDATION_OPENERS[turn % len(RECOMMENDATION_OPENERS)]
    lines = [f"{opener}: **{rec['name']}**."]
    if rec["reasons"]:
        lines.append("")
        lines.append("Why:")
        for reason in rec["reasons"]:
            marks = "".join(f"[{n}]" for n in reason["citations"])
            lines.append(f"- {reason['text']} {marks}".rstrip())
    if brief.get("next_slot") and rec.get("assumptions"):
        # Recommended before every question that matters was answered: say what was assumed.
        lines.append("")
        lines.append("Since we haven't covered everything, I assumed: " + "; ".join(a["why"] for a in rec["assumptions"]) + ".")
    for d in rec.get("disagreements") or ():
        marks = "".join(f"[{side['citation']}]" for side in d["sides"])
        lines.append("")
        lines.append(f"The sources disagree on {d['topic']} {marks}. {d['followed']}")
    if costs:
        base_model = costs["prices"]["base"]["model"]
        per_month = count(costs["queries_per_month"])
        if brief.get("assumed_volume"):
            volume = f"an assumed {count(ASSUMED_QUERIES_PER_DAY)} queries a day ({per_month} a month; tell me yours)"
        else:
            volume = f"your {per_month} queries a month"
        lines.append("")
        where = (
            "self-hosted on your own GPUs (no hosted API, as your data must stay in-house)"
            if costs.get("hosting") == "self_hosted"
            else f"on {base_model} ({price_dated(costs['prices']['base'])})"
        )
        lines.append(f"What each option costs at {volume} {where}, over {costs['horizon_months']} months:")
        lines.append("")
        lines.append(cost_table(costs))
        lines.append("")
        lines.extend(_cost_facts(brief, costs))
        if brief.get("nothing_to_retrieve"):
            options, horizon = costs["options"], costs["horizon_months"]
            lines.append(
                f"With nothing to retrieve, RAG is no alternative here: over {horizon} months fine-tuning "
                f"costs {usd(options['fine_tune']['total_usd'])} against {usd(options['prompting']['total_usd'])} "
                "for prompting alone."
            )
        else:
            lines.append(breakeven_text(costs))
        retraining = brief.get("retraining")
        if retraining:
            lines.append("")
            lines.append(_retraining_text(retraining))
        cited = [a for a in costs.get("assumptions") or () if a.get("citation")]
        if cited:
            lines.append("")
            lines.append(
                "Assumptions where you gave no figure: "
                + "; ".join(f"{ASSUMPTION_NAMES[a['field']]} {assumption_value(a)} [{a['citation']}]" for a in cited)
                + "."
            )
    changes = rec.get("what_would_change") or []
    if changes:
        lines.append("")
        shown = " ".join(changes[:MAX_CHANGES_SHOWN])
        more = f" (/why lists {len(changes) - MAX_CHANGES_SHOWN} more.)" if len(changes) > MAX_CHANGES_SHOWN else ""
        lines.append("What would change this: " + shown + more)
    return "\n".join(lines)


def _retraining_text(retraining: Mapping[str, Any]) -> str:
    changes, months = retraining["changes"], retraining["months"]
    if not months:
        return "Since your knowledge is static, the fine-tune rows assume it is never retrained."
    mark = f" [{retraining['citation']}]" if retraining.get("citation") else ""
    every = "every month" if months == 1 else f"every {months:g} months"
    text = f"Since your knowledge {FREQUENCY_WORDS[changes]}, the fine-tune retrains {every}{mark}"
    if retraining.get("each_usd") is not None:
        text += f" ({usd(retraining['each_usd'])}: a training run and an eval gate)"
    if changes in ("daily", "weekly"):
        text += ", the fastest cadence the sources budget, and a fine-tune alone would still lag your changes"
    hybrid = retraining.get("hybrid_months")
    if hybrid and hybrid != months:
        text += f"; the hybrid's tune every {hybrid:g} months, for tone and format (RAG carries the facts)"
    return text + "."


def _cost_facts(brief: Mapping[str, Any], costs: Mapping[str, Any]) -> list[str]:
    """What the table rests on and a reader must see: the model the fine-tunes are bought on, GPU counts,
    latency against a stated budget, the prompt cache, and the input that would flip a cost call."""
    lines = []
    base = brief.get("fine_tune_base")
    if base:
        priced = base["priced_as"]
        mark = f" [{base['citation']}]" if base.get("citation") else ""
        how = " plus the fine-tuning premium" if base.get("premium_applies") else ""
        # The price date once, where it differs from the header's.
        dated = "" if price_dated(priced) == price_dated(costs["prices"]["base"]) else f" ({price_dated(priced)})"
        cannot = "cannot be fine-tuned" if mark else "is not on the list of models that sell fine-tuning"
        lines.append(
            f"{base['user_model']} {cannot}{mark}: the fine-tune rows are {priced['model']} at "
            f"{usd(priced['input'])} in, {usd(priced['output'])} out per million tokens{how}{dated}."
        )
    gpus = gpu_counts(costs)
    if gpus:
        lines.append(gpus)
    trace = (brief.get("recommendation") or {}).get("trace") or ()
    fit = latency_fit(costs, sensitive=any(step["rule_id"] == "latency" and step["fired"] for step in trace))
    if fit:
        lines.append(fit)
    caching = costs.get("caching") or {}
    label = (brief.get("recommendation") or {}).get("label")
    if caching.get("break_even_hit_rate") is not None and (label == "prompt_first" or caching.get("cached_tokens")):
        lines.append(
            f"Prompt caching on {caching['model']} pays once more than {caching['break_even_hit_rate']:.0%} of calls read the "
            f"cache (a write costs more than plain input), for a cached prefix of at least {count(caching['min_cacheable_tokens'])} tokens."
            + (f" Yours: {caching['note']}." if caching.get("cached_tokens") else "")
        )
    if brief.get("cost_decision") or label in ("prompt_first", "distill"):
        flip = flip_text(costs)
        if flip:
            lines.append(flip)
    for note in costs.get("notes") or ():
        if "GPU" in note:
            lines.append(sentence_case(note) + ".")
    return [line for item in lines for line in (item, "")]


def _totals_line(label: str, costs: Mapping[str, Any]) -> str:
    """The recommended option's total next to the cheapest one, on the current figures."""
    options, horizon = costs["options"], costs["horizon_months"]
    chosen = LABEL_OPTIONS.get(label)
    cheapest = min(options, key=lambda name: options[name]["total_usd"])
    text = f"On the current figures, over {horizon} months:"
    if chosen in options:
        text += f" {OPTION_NAMES[chosen]} {usd(options[chosen]['total_usd'])};"
    if cheapest != chosen:
        text += f" the cheapest, {OPTION_NAMES[cheapest]}, {usd(options[cheapest]['total_usd'])};"
    return text.rstrip(";") + "."


def _what_if(what_if: Mapping[str, Any]) -> str:
    changes = what_if["changes"]
    base, new = what_if["baseline"], what_if["costs"]
    lines: list[str] = []
    if changes:
        described = join_words([change_text(k, v) for k, v in changes.items()])
        rows = [
            f"| Option | {base['horizon_months']}-month total now | {new['horizon_months']}-month total with {described} |",
            "| --- | ---: | ---: |",
        ]
        for name, option in new["options"].items():
            before = base["options"].get(name, {}).get("total_usd")
            rows.append(f"| {OPTION_NAMES.get(name, name)} | {usd(before)} | {usd(option['total_usd'])} |")
        lines += [f"What if: {described}.", "", "\n".join(rows), "", breakeven_text(new)]
        if "model" in changes:
            price = new["prices"]["base"]
            lines += ["", f"{price['model']} is priced at {usd(price['input'])} per million input tokens and "
                          f"{usd(price['output'])} per million output tokens ({price['source']})."]
    if what_if.get("option"):
        lines += _option_comparison(what_if["option"], what_if["label"], new)
    lines.append("")
    if what_if["label"] != what_if["baseline_label"]:
        lines.append(
            f"That would change my recommendation from {label_name(what_if['baseline_label'])} to {label_name(what_if['label'])}."
        )
    else:
        lines.append(f"My recommendation stays the same: {label_name(what_if['label'])}.")
    return "\n".join(lines).strip()


def _option_comparison(option: str, label: str, costs: Mapping[str, Any]) -> list[str]:
    """How the option the user asked about compares with the recommended one, in the cost model's figures."""
    asked, chosen = LABEL_OPTIONS.get(option), LABEL_OPTIONS.get(label)
    options = costs["options"]
    if asked not in options:
        return [f"I can't cost {label_name(option)} without a smaller model to distil into; name one (say, a Haiku or mini model)."]
    horizon = costs["horizon_months"]
    a = options[asked]
    text = (
        f"{sentence_case(label_name(option))}: {usd(a['one_time_usd'])} up front, {usd(a['monthly_usd'])} in the first month, "
        f"{usd(a['total_usd'])} over {horizon} months."
    )
    if chosen in options and chosen != asked:
        text += f" {sentence_case(label_name(label))}: {usd(options[chosen]['total_usd'])} over the same {horizon} months."
    return ["", text]


def _disputes(disputes: Sequence[Mapping[str, Any]], citations: Sequence[Mapping[str, Any]]) -> str:
    by_n = {c["n"]: c for c in citations}
    blocks = []
    for d in (d for d in disputes if d.get("quoted")):
        lines = [f"Here's what the sources say about {d['label']}; the sources disagree, {d['range']}:"]
        lines += [f"> {by_n[n]['quote']} ({by_n[n]['source_id']}) [{n}]" for n in d["citations"]]
        blocks.append("\n\n".join(lines))
    rest = [d for d in disputes if not d.get("quoted")]
    if rest:
        lines = ["Where the sources disagree on figures this rests on:"]
        lines += [f"- {sentence_case(d['label'])}: {d['range']} {_marks(d['citations'])}" for d in rest]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _marks(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)
