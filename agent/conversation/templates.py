"""The offline engine's voice: Markdown replies assembled from a brief, with no LLM.

Every figure here is formatted from the brief (cost model output, profile, quoted passages); nothing
is computed. Wording varies with the turn number so a conversation does not read as a form, but the
choice is deterministic, so evals replay identically.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from agent.conversation import views
from agent.conversation.brief import change_reason, deciding_reasons
from agent.conversation.costing import ASSUMED_QUERIES_PER_DAY
from agent.conversation.disputed import disputes_text
from tools.profile import SLOT
from agent.wording import (
    ASSUMPTION_NAMES,
    FREQUENCY_WORDS,
    INTRODUCTION,
    LABEL_NAMES,
    LABEL_OPTIONS,
    OPTION_NAMES,
    REJECTED_LABELS,
    assumption_value,
    breakeven_text,
    caching_text,
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
    sources_markdown,
    usd,
)

# What a recommendation offers next: the same views as /why, /costs, /sources and /export.
DETAILS_LINE = 'More: "why?", "show me the costs", "what did you assume?", "sources", or /export for the memo.'

ACKNOWLEDGEMENTS = ("Got it", "Thanks", "Noted", "Understood", "Okay")
RECOMMENDATION_OPENERS = (
    "Here is my recommendation",
    "Here's where I land",
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
    if brief.get("dropped_question") and brief.get("unread_answer"):
        parts.append("I couldn't read an answer to that in your message, so I'll work with a stated assumption for now; "
                     "we can come back to that if you put it another way.")
    elif brief.get("dropped_question"):
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
    if brief.get("change"):
        parts.append(_change(brief))
    elif brief.get("recommendation") and brief.get("unchanged"):
        parts.append(
            f"That doesn't change my recommendation: **{brief['recommendation']['name']}**. "
            + _totals_line(brief["recommendation"]["label"], brief["costs"], compared_options(brief, brief["costs"])[0])
            + " Type /costs or /why for the details, or ask me to recommend again for the full picture."
        )
    elif brief.get("recommendation"):
        parts.append(_recommendation(brief, turn))
    elif brief.get("nothing_known"):
        parts.append("Happy to make that call, but it depends on what you're building: tell me a little about it first.")
    elif brief.get("volume_decides"):
        ends = brief["volume_decides"]
        parts.append(
            f"Before I make the call: on what you've told me it turns on your volume. At about {ends['low']:,} requests "
            f"a day it would be **{LABEL_NAMES[ends['low_label']]}**; at about {ends['high']:,} a day, **{LABEL_NAMES[ends['high_label']]}**."
        )
    # Lines a full recommendation can do without when it would run long (the views it points to
    # stay one question away).
    optional: list[str] = []
    if any(d.get("quoted") for d in brief.get("disputes") or ()):
        parts.append(disputes_text(brief["disputes"], brief["citations"]))  # its sources are listed: it stays
    for finding in brief.get("audit_findings") or ():
        parts.append(f"A caution about that figure: {finding['note']}")
    slot = brief.get("next_slot")
    closing = None
    if slot and not brief.get("what_if"):
        answered = brief.get("answer") or brief.get("view") or any(d.get("quoted") for d in brief.get("disputes") or ())
        lead = "To firm this up: " if brief.get("recommendation") else ("Back to your setup: " if answered else "")
        closing = lead + question_for(slot, turn)
    if brief.get("recommendation") and not brief.get("unchanged") and not brief.get("change"):
        parts.append(DETAILS_LINE)
        optional.append(DETAILS_LINE)
        # (the question that closes the reply is read in the same go)
        parts = _within_words(parts, optional, _sources_words(brief.get("citations") or ()) + len((closing or "").split()))
    if brief.get("unknown_command"):
        parts.append(
            f"I don't know the command `{brief['unknown_command']}`. The views are /profile, /costs, /why, /assumptions, "
            "/changes and /sources, or ask in words (\"why?\", \"show me the costs\")."
        )
    if brief.get("off_topic") and not parts:
        parts.append(
            "I can only help with one decision: how to ship your LLM feature (RAG, fine-tuning, a hybrid, "
            "a distilled model, or better prompting first), and what each would cost."
        )
    if turn == 1 and not parts:
        parts.append(INTRODUCTION)
    if closing:
        parts.append(closing)
    elif not parts:
        parts.append("Ask me for a recommendation whenever you're ready, or tell me more about your situation.")
    return "\n\n".join(parts)


# A recommendation is read in one go: its body and its Sources list stay under this many words.
RECOMMENDATION_WORDS = 340


def _within_words(parts: list[str], optional: list[str], sources_words: int) -> list[str]:
    """`parts` less the `optional` ones, last first, while the reply would run over RECOMMENDATION_WORDS."""
    kept = list(parts)
    for part in reversed(optional):
        if sum(len(p.split()) for p in kept) + sources_words <= RECOMMENDATION_WORDS:
            break
        kept.remove(part)
    return kept


def _sources_words(citations: Sequence[Mapping[str, Any]]) -> int:
    return len(sources_markdown(citations, titles=False).split())


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
    checks = [f'I took "{_short_quote(words)}" to mean {slot_text(slot, updates[slot])}' for slot, words in tentative.items()]
    if checks:
        said = (said + " " if said else "") + "; ".join(checks) + ": say if not."
    return said


def _short_quote(words: str, most: int = 14) -> str:
    """The user's words said back, cut to a phrase: a reading is checked, not the whole message quoted."""
    pieces = words.split()
    return words if len(pieces) <= most else " ".join(pieces[:most]).rstrip(",;:") + "…"


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
    """The verdict, the facts that decided it (each cited), the relevant options' totals and the one
    thing that would flip it. The rest is a view away: /why, /costs, /sources and the memo."""
    rec = brief["recommendation"]
    costs = brief.get("costs")
    opener = RECOMMENDATION_OPENERS[turn % len(RECOMMENDATION_OPENERS)]
    lines = [f"{opener}: **{rec['name']}**."]
    shown = deciding_reasons(rec["reasons"])
    if shown:
        lines.append("")
        for reason in shown:
            mark = f"[{reason['citations'][0]}]" if reason["citations"] else ""
            lines.append(f"- {reason['text']} {mark}".rstrip())
    if costs:
        lines += ["", *_totals(brief, costs)]
    flip = _flip(brief)
    if flip:
        lines += ["", f"What would change this: {flip}"]
    for caution in _cautions(brief):
        lines += ["", caution]
    if brief.get("assumed_volume") and rec.get("assumptions"):
        # Recommended before the basics were given: say so, and where the whole list is.
        assumed = join_words([slot_text(a["slot"], a["value"]) for a in rec["assumptions"][:2]])
        lines += ["", f"Assumptions where you gave no figure: {assumed}, and more (\"what did you assume?\" lists them)."]
    return "\n".join(lines)


def compared_options(brief: Mapping[str, Any], costs: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    """The options worth a row in a recommendation's table, and why each other one is left out
    (option -> reason): those that cannot meet the requirements. The recommended one always stays."""
    rec = brief.get("recommendation") or {}
    chosen = LABEL_OPTIONS.get(rec.get("label"))
    fired = {step["rule_id"] for step in rec.get("trace") or () if step["fired"]}
    retrievable = "no_retrievable_context" not in fired
    needs_retrieval = retrievable and bool(fired & {"knowledge_changes", "multi_tenant", "citations"})
    budget = (costs.get("requirements") or {}).get("latency_budget_ms")
    left_out: dict[str, str] = {}
    for name, option in costs["options"].items():
        if name == chosen:
            continue
        if budget and option.get("fits_latency_budget") == "no":
            left_out[name] = f"cannot answer within {count(budget)} ms"
        elif not retrievable and name in ("rag", "hybrid"):
            left_out[name] = "nothing to retrieve"
        elif needs_retrieval and name == "prompting":
            left_out[name] = "it cannot see your documents"
        elif needs_retrieval and name in ("fine_tune", "distill") and "citations" in fired:
            left_out[name] = "it cannot cite its sources"
        elif needs_retrieval and name in ("fine_tune", "distill") and "knowledge_changes" in fired:
            left_out[name] = "it would lag your changes"
    return [name for name in costs["options"] if name not in left_out], left_out


def _totals(brief: Mapping[str, Any], costs: Mapping[str, Any]) -> list[str]:
    """The compact table (12-month totals, first-token latency when it matters) and the cost facts a
    reader needs to trust it."""
    per_month = count(costs["queries_per_month"])
    if brief.get("assumed_volume"):
        volume = f"an assumed {count(ASSUMED_QUERIES_PER_DAY)} queries a day ({per_month} a month; tell me yours)"
    else:
        volume = f"your {per_month} queries a month"
    where = "self-hosted on GPUs" if costs.get("hosting") == "self_hosted" else f"on {costs['prices']['base']['model']}"
    horizon = costs["horizon_months"]
    rows, left_out = compared_options(brief, costs)
    trace = (brief.get("recommendation") or {}).get("trace") or ()
    latency = bool((costs.get("requirements") or {}).get("latency_budget_ms")) or any(
        step["rule_id"] == "latency" and step["fired"] for step in trace
    )
    header = f"| Option | {horizon}-month total |" + (" First-token latency |" if latency else "")
    table = [header, "| --- | ---: |" + (" ---: |" if latency else "")]
    for name in rows:
        option = costs["options"][name]
        row = f"| {OPTION_NAMES.get(name, name)} | {usd(option['total_usd'])} |"
        if latency:
            low, high = option["latency_ms"]
            row += f" {count(low)}–{count(high)} ms |"
        table.append(row)
    lines = [f"What it costs at {volume} {where}:", "", *table, ""]
    bill = brief.get("bill_prompt")
    if bill:
        lines.append(f"Prompts are priced at about {count(bill['tokens'])} tokens each: that is what makes staying on "
                     f"{costs['prices']['base']['model']} cost the {usd(bill['monthly_usd'])} a month you pay today.")
    unmatched = brief.get("bill_unmatched")
    if unmatched:
        said = f"Your token figures price staying on {costs['prices']['base']['model']} at {usd(unmatched['priced_usd'])} a month, against the {usd(unmatched['monthly_usd'])} you say you pay"
        if unmatched.get("volume_off"):
            lines.append(f"No prompt length makes staying on {costs['prices']['base']['model']} cost the {usd(unmatched['monthly_usd'])} a month you pay "
                         f"at this volume (the table prices it at {usd(unmatched['priced_usd'])}): check the volume, or say what share of the bill is this feature.")
        elif unmatched.get("gpus"):
            gpus = f"{count(unmatched['gpus'])} {unmatched['gpu']} GPU{'s' if unmatched['gpus'] != 1 else ''}"
            lines.append(f"Your {usd(unmatched['monthly_usd'])} a month is far above the {usd(unmatched['priced_usd'])} the table puts staying "
                         f"at: {gpus} serve your volume at its peak, with operations. A fleet sized to the volume is the first saving; "
                         "if the bill buys more (redundancy, other workloads), say what this feature's share is.")
        elif unmatched.get("scaled_tokens"):
            lines.append(f"{said}: the table is costed at your bill, as if each query carried about {count(unmatched['scaled_tokens'])} prompt "
                         "tokens (retries, other calls or longer prompts than the average you gave). If part of the bill is other work, "
                         "tell me what this feature costs.")
        elif unmatched["priced_usd"] > unmatched["monthly_usd"]:
            lines.append(f"{said}: the table uses your token figures at list prices (prompt caching, a negotiated discount or shorter "
                         "prompts than the figures you gave would explain a lower bill).")
        else:
            lines.append(f"{said}: the table uses your token figures (the difference may be retries, other calls or longer prompts "
                         "than the average you gave).")
    if left_out:
        lines.append("Not compared: " + "; ".join(f"{OPTION_NAMES.get(n, n)} ({why})" for n, why in left_out.items()) + ".")
    base = brief.get("fine_tune_base")
    chosen = LABEL_OPTIONS.get((brief.get("recommendation") or {}).get("label"))
    if base and chosen in ("fine_tune", "hybrid", "distill"):
        mark = f" [{base['citation']}]" if base.get("citation") else ""
        cannot = "cannot be fine-tuned" if mark else "is not on the list of models that sell fine-tuning"
        lines.append(f"{base['user_model']} {cannot}{mark}: the fine-tune rows are priced on {base['priced_as']['model']}.")
    label = (brief.get("recommendation") or {}).get("label")
    # (fine-tuning against RAG is the question only when the call is between them)
    if label in ("rag", "fine_tune", "hybrid") and not brief.get("nothing_to_retrieve") and "fine_tune" in costs["options"] and "rag" in costs["options"]:
        lines.append(short_breakeven(costs))
    if label == "prompt_first" or (costs.get("caching") or {}).get("cached_tokens"):
        lines.append(caching_text(costs))
    return [line for line in lines if line is not None]


def short_breakeven(costs: Mapping[str, Any]) -> str:
    """Fine-tuning against RAG in one short sentence (the costs view has the long one)."""
    be = costs["breakeven"]["fine_tune_vs_rag"]
    if be.get("payback_months") is not None:
        return f"Break-even: fine-tuning pays back its extra up-front cost against RAG after {be['payback_months']:.1f} months."
    return f"Break-even: fine-tuning never pays back against RAG at {count(costs['queries_per_month'])} queries a month."


def _flip(brief: Mapping[str, Any]) -> str:
    """The one assumption or fact that would change the recommendation: a cost flip when cost makes
    the call; else what would change if an assumed answer were otherwise; else the first change."""
    rec = brief["recommendation"]
    costs = brief.get("costs")
    if costs and (brief.get("cost_decision") or rec["label"] in ("prompt_first", "distill")):
        flip = flip_text(costs)
        if flip:
            return flip
    changes = rec.get("what_would_change") or []
    # The assumption the next question asks about first; "there are documents" is rarely in doubt.
    assumptions = sorted(rec.get("assumptions") or (), key=lambda a: (a["slot"] != brief.get("next_slot"), a["slot"] == "has_documents"))
    for assumption in assumptions:
        conditions = SLOT[assumption["slot"]].conditions
        match = next((c for c in changes if any(cond and cond in c for cond in conditions)), None)
        if match:
            return f"I assumed {slot_text(assumption['slot'], assumption['value'])}. {match}"
    return changes[0] if changes else ""


def _cautions(brief: Mapping[str, Any]) -> list[str]:
    """A caution for each figure this reply rests on that the sources dispute or get wrong (the
    brief keeps only those not yet said in this conversation)."""
    out = []
    for d in (brief.get("recommendation") or {}).get("disagreements") or ():
        if d.get("shown"):
            out.append(f"Caution: the sources disagree on {d['topic']} {_marks([side['citation'] for side in d['sides']])}; \"why?\" says which I followed.")
    for d in brief.get("disputes") or ():
        if not d.get("quoted") and d.get("shown"):
            out.append(f"Caution: the sources disagree on {d['label'][:1].lower() + d['label'][1:]}, {d['range']} {_marks(d['citations'])}.")
    return out


def _change(brief: Mapping[str, Any]) -> str:
    """A change of facts answered as a change: what changed, each option's total before and after,
    and whether the recommendation changed, with the reason."""
    change, rec = brief["change"], brief["recommendation"]
    described = "; ".join(
        f"Volume: {count(before)} → {count(after)} queries a day" if slot == "queries_per_day"
        else f"{change_text(slot, before)} → {change_text(slot, after)}"
        for slot, (before, after) in change["changed"].items()
    )
    lines = [sentence_case(described) + "."]
    horizon, before_horizon = change["horizon_months"], change["before_horizon_months"]
    costs = brief.get("costs") or {}
    rows, _ = compared_options(brief, costs) if costs else (list(change["after"]), {})
    chosen = LABEL_OPTIONS.get(rec["label"])
    shown = [n for n in change["after"] if n in change["before"] and (n in rows or n == LABEL_OPTIONS.get(change["before_label"]))]
    if any(change["before"][n] != change["after"][n] for n in shown):
        lines += ["", f"| Option | {before_horizon}-month total before | {horizon}-month total now |", "| --- | ---: | ---: |"]
        lines += [f"| {OPTION_NAMES.get(n, n)} | {usd(change['before'][n])} | {usd(change['after'][n])} |" for n in shown]
    else:
        lines += ["", "The totals stay as they were."]
    reason = change_reason(rec["reasons"], change)
    why = f" {reason['text']} [{reason['citations'][0]}]".rstrip() if reason and reason["citations"] else (f" {reason['text']}" if reason else "")
    lines.append("")
    if change["label"] != change["before_label"]:
        lines.append(f"That changes my recommendation from {label_name(change['before_label'])} to **{rec['name']}**.{why}")
    else:
        lines.append(f"My recommendation stays **{rec['name']}**.{why}")
    if chosen in change["after"] and brief.get("costs") and not brief.get("nothing_to_retrieve") and "rag" in change["after"] and "fine_tune" in change["after"]:
        lines += ["", short_breakeven(brief["costs"])]
    lines += ["", 'Ask "why?" or "show me the costs" for the details.']
    return "\n".join(lines)


def _totals_line(label: str, costs: Mapping[str, Any], compared: list[str]) -> str:
    """The recommended option's total next to the cheapest of those `compared` (an option ruled out,
    "it cannot see your documents", is never offered as the cheapest), on the current figures."""
    options, horizon = costs["options"], costs["horizon_months"]
    chosen = LABEL_OPTIONS.get(label)
    cheapest = min([name for name in compared if name in options] or options, key=lambda name: options[name]["total_usd"])
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


def _marks(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)
