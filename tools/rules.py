"""The decision tree's rules: what each points to, in a sentence, and the passages it rests on.

Every quote is verbatim in the cleaned source copies in `knowledge/corpus/` (a test checks this), so
the advisor can cite them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """A verbatim passage from one source article."""

    source_id: str
    quote: str


@dataclass(frozen=True)
class Rule:
    """One rule of the tree: what it points to, in a sentence, and the passages it rests on."""

    id: str
    points_to: str
    summary: str
    evidence: tuple[Evidence, ...]


def _rule(id: str, points_to: str, summary: str, *evidence: tuple[str, str]) -> Rule:
    return Rule(id, points_to, summary, tuple(Evidence(s, q) for s, q in evidence))


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(
            "knowledge_changes",
            "rag",
            "Knowledge that changes belongs in retrieval: RAG stays current without retraining.",
            ("aiinfox-2026", "RAG is the right call when the system needs to ground its outputs in a body of knowledge that changes"),
            ("ferreira-2026", "If your knowledge base updates daily (news, product catalogue, support tickets), RAG lets you stay current without retraining."),
        ),
        _rule(
            "multi_tenant",
            "rag",
            "Per-tenant data in a multi-tenant deployment points to RAG: retrieval scopes each answer to the tenant's data.",
            ("aiinfox-2026", "Does the system need to know per-tenant data in a multi-tenant deployment? → RAG."),
        ),
        _rule(
            "citations",
            "rag",
            "Required citations point to RAG: a fine-tuned model cannot say where its knowledge came from.",
            ("ferreira-2026", "Need source citations — RAG required."),
            ("ferreira-2026", "Fine-tuned models cannot tell you where their knowledge came from."),
        ),
        _rule(
            "no_retrievable_context",
            "not_rag",
            "With no documents to retrieve, RAG is not the right shape: the input carries all the model needs.",
            ("aieconomyhub-2026", 'RAG was not the right shape — there is no "retrieved context" for an intent classifier.'),
        ),
        _rule(
            "format_gap",
            "fine_tune",
            "A structured-output, format or vocabulary gap the base model cannot close points to fine-tuning.",
            ("aiinfox-2026", "Does the system need a specific structured output the base model cannot reliably produce? → Fine-tune."),
            ("aieconomyhub-2026", "domain-specific vocabulary or terminology the base model hallucinates around"),
        ),
        _rule(
            "persona",
            "fine_tune",
            "A persona that must hold over long conversations points to fine-tuning; prompting alone drifts.",
            ("aiinfox-2026", "prompting alone produces drift across long conversations"),
            ("aiinfox-2026", "Does the system need a consistent persona across long conversations? → Fine-tune."),
        ),
        _rule(
            "data_residency",
            "fine_tune",
            "Zero data egress means self-hosting an open-weight model, usually fine-tuned to close the quality gap.",
            ("aiinfox-2026", "Does the system require self-hosted with zero data egress? → Open-weight + fine-tune (usually)."),
            ("aiinfox-2026", "The available open-weight base models without fine-tuning lag the hosted top-tier on specialised tasks, so fine-tuning is often necessary to close the quality gap."),
        ),
        _rule(
            "top_model_too_costly",
            "distill",
            "Top-tier quality at a cost that does not work points to distilling a smaller model.",
            ("aiinfox-2026", "When the top-tier model produces excellent answers but at unit economics that do not work, fine-tuning a smaller open-weight model on outputs from the larger model — distillation — can give 90-95% of the quality at 1/20th the cost and 1/5th the latency."),
        ),
        _rule(
            "latency",
            "distill",
            "A latency budget a large hosted model cannot meet points to a smaller fine-tuned (distilled) model.",
            ("aiinfox-2026", "For latency-critical use cases — voice agents, sub-second interactive applications — fine-tuning a smaller model on outputs from a larger model is one of the most reliable latency wins."),
        ),
        _rule(
            "hybrid",
            "hybrid",
            "Facts that change plus a behaviour to hold (tone, format, or a self-hosted model's quality gap) point to a hybrid: fine-tune for how to answer, RAG for what to answer about.",
            ("aiinfox-2026", "Does the system need both grounded facts and a maintained tone? → Hybrid: fine-tune for tone, RAG for facts."),
            ("aieconomyhub-2026", "fine-tuned base model for format and vocabulary consistency, RAG on top for up-to-date facts"),
        ),
        _rule(
            "rag_cost_levers",
            "rag",
            "Cost or latency pressure on a RAG system is met first with tighter retrieval, prompt caching and a right-sized model.",
            ("aiinfox-2026", "The LLM tokens are the dominant cost and the most controllable lever."),
            ("aiinfox-2026", "a right-sized model that clears the eval bar without going to the top-tier model"),
        ),
        _rule(
            "eval_gate",
            "prompt_first",
            "Without an eval set that proves the cheaper levers cannot close the gap, fine-tuning is premature.",
            ("aiinfox-2026", "Fine-tuning earns its cost only when the gap is structural (Scenario A-D above) and the eval set proves the cheaper levers cannot close it."),
        ),
        _rule(
            "cost_breakeven",
            "fine_tune",
            "For cost alone, fine-tune only where retrieval is not the alternative and it pays back within the horizon; otherwise check prompt caching first.",
            ("aieconomyhub-2026", "Before you fine-tune in 2026, verify that prompt caching is not already solving your cost problem."),
            ("aieconomyhub-2026", "At very high volume, the fixed training cost amortizes and the fine-tune wins — but this break-even is higher than most teams assume."),
            ("aieconomyhub-2026", "the signal that actually predicts fine-tuning value is not volume or cost — it is a specific capability gap"),
        ),
        _rule(
            "prompt_first",
            "prompt_first",
            "With no structural reason to fine-tune or retrieve, improve prompting, caching and retrieval first.",
            ("aiinfox-2026", "If none of the above, but the base model is not good enough? → Improve prompting, retrieval, and tool use first."),
            ("aieconomyhub-2026", "If none of those apply, you are paying for training runs to solve problems a better retrieval system or an evals-driven prompt would solve for free."),
        ),
    )
}


@dataclass(frozen=True)
class Disagreement:
    """Sources that disagree on something the recommendation rests on, and which side was followed."""

    topic: str
    sides: tuple[Evidence, ...]
    followed: str

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source_id for e in self.sides))


# ferreira-2026's threshold for "high query volume"; above it the sources disagree.
HIGH_VOLUME_PER_DAY = 100_000


def disagreements(
    volume: float | None, latency_sensitive: bool, label: str, rag_need: bool, fine_tune_need: bool
) -> tuple[Disagreement, ...]:
    """Where the sources disagree on something a recommendation with this label rests on, and
    which side was followed. `rag_need` / `fine_tune_need`: the profile calls for retrieval / for a
    tuned model."""
    found: list[Disagreement] = []
    if volume is not None and volume >= HIGH_VOLUME_PER_DAY and label in ("rag", "hybrid", "prompt_first"):
        found.append(
            Disagreement(
                "whether high volume alone justifies fine-tuning",
                (
                    Evidence("ferreira-2026", "High query volume (>100K/day) — lean toward fine-tuning."),
                    Evidence("aieconomyhub-2026", "Break-even on the $5,000 is 3.3M calls, or about 100,000 calls/month to pay back in 33 months — probably too long."),
                ),
                "I followed the stricter evidence (aieconomyhub-2026's worked break-even and the cost model on your numbers): volume alone does not justify a fine-tune before prompt caching.",
            )
        )
    if latency_sensitive and rag_need:
        found.append(
            Disagreement(
                "how much latency retrieval adds",
                (
                    Evidence("aiinfox-2026", "End-to-end, RAG typically adds 50-150ms to first-token latency compared to a non-RAG call."),
                    Evidence("tradeoffs-2026", "RAG latency performance introduces a retrieval step that adds 100 to 500 milliseconds per query"),
                ),
                "I followed the stricter figure (tradeoffs-2026): budget for up to 500 ms of retrieval overhead.",
            )
        )
    if label == "hybrid" or (rag_need and fine_tune_need):
        found.append(
            Disagreement(
                "how often a hybrid is the right architecture",
                (
                    Evidence("ferreira-2026", "A hybrid approach is often the optimal long-term architecture."),
                    Evidence("aiinfox-2026", "The hybrid pattern is real but narrow."),
                ),
                "I followed the stricter evidence (aiinfox-2026): a hybrid only when both a retrieval need and a proven behaviour gap are present.",
            )
        )
    if label in ("fine_tune", "distill", "hybrid"):
        found.append(
            Disagreement(
                "what a fine-tuned model costs per token",
                (
                    Evidence("ferreira-2026", "After fine-tuning, your inference cost is similar to (or sometimes lower than) the base model."),
                    Evidence("aieconomyhub-2026", "Claude/GPT fine-tunes: +20–50% per-token"),
                ),
                "I followed the stricter evidence (aieconomyhub-2026): expect a per-token premium on hosted fine-tuned models.",
            )
        )
    return tuple(found)
