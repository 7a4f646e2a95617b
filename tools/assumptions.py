"""The defaults the cost model uses for inputs a user did not give, each with the source passage behind it.

Every default names the claim behind it in the claims registry (`knowledge/claims.yaml`, loaded by
`knowledge.claims`), and repeats that claim's source id and verbatim quote so a reply, `/why` and the
decision memo can cite it without loading the registry. tests/knowledge/test_claims.py keeps the two
in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Assumption:
    """One default the model used: the scenario field, its value, the source that supports it, and the id
    of its claim in the claims registry (None only for values that are not defaults, such as a GPU price)."""

    field: str
    value: float | str | None
    source_id: str | None
    quote: str | None
    note: str
    claim: str | None = None

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "value": self.value,
            "source_id": self.source_id,
            "quote": self.quote,
            "note": self.note,
            "claim": self.claim,
        }


DEFAULT_MODEL = "claude-sonnet-4-5"

DEFAULTS: dict[str, Assumption] = {
    a.field: a
    for a in (
        Assumption(
            "horizon_months",
            12,
            "ferreira-2026",
            "12-Month Total Cost of Ownership",
            "Totals are compared over a year, as the sources do.",
            claim="ferreira-2026/horizon",
        ),
        Assumption(
            "model",
            DEFAULT_MODEL,
            "aieconomyhub-2026",
            "As a rough heuristic for Claude Sonnet 4.5-class workloads",
            "The sources' reference model; priced from the genai-prices snapshot.",
            claim="aieconomyhub-2026/reference-model",
        ),
        Assumption(
            "workload.input_tokens",
            600,
            "aieconomyhub-2026",
            "A tuned Haiku 4 at a 600-token prompt",
            "A typical prompt before retrieved context.",
            claim="aieconomyhub-2026/prompt-tokens",
        ),
        Assumption(
            "workload.output_tokens",
            200,
            "ferreira-2026",
            "1M queries/day, 200 tokens avg",
            "The source's average tokens per query, taken as the answer length.",
            claim="ferreira-2026/output-tokens",
        ),
        Assumption(
            "workload.monthly_growth",
            0.0,
            "aieconomyhub-2026",
            "about 100,000 calls/month to pay back in 33 months",
            "Volume assumed flat, as in the sources' worked examples: no source gives a growth rate.",
            claim="aieconomyhub-2026/flat-volume",
        ),
        Assumption(
            "caching.cached_tokens",
            0,
            "aieconomyhub-2026",
            "lower than uncached RAG",
            "Prompt caching assumed off, as in the sources' worked break-even; caching moves the break-even much higher.",
            claim="aieconomyhub-2026/uncached-baseline",
        ),
        Assumption(
            "caching.hit_rate",
            0.0,
            "aieconomyhub-2026",
            "lower than uncached RAG",
            "Prompt caching assumed off, as in the sources' worked break-even.",
            claim="aieconomyhub-2026/uncached-baseline",
        ),
        Assumption(
            "rag.context_tokens",
            2000,
            "aieconomyhub-2026",
            "every query pays for retrieved context (~2,000 extra input tokens in a typical setup)",
            "Retrieved context added to every RAG prompt.",
            claim="aieconomyhub-2026/context-tokens",
        ),
        Assumption(
            "rag.setup_usd",
            60,
            "ferreira-2026",
            "| Total one-time | ~$20–100 |",
            "Midpoint of the source's one-time RAG setup (embeddings and vector DB); engineering time is not included.",
            claim="ferreira-2026/rag-setup",
        ),
        Assumption(
            "rag.monthly_usd",
            500,
            "aiinfox-2026",
            "Vector store: $200-800/month for pgvector on a managed Postgres",
            "Midpoint of the pgvector figure; managed Pinecone/Qdrant cost $500-2,500 at the same scale.",
            claim="aiinfox-2026/vector-store-pgvector",
        ),
        Assumption(
            "fine_tune.training_run_usd",
            5000,
            "aieconomyhub-2026",
            "Assume a $5,000 fine-tune run",
            "Compute for one hosted training run.",
            claim="aieconomyhub-2026/fine-tune-run",
        ),
        Assumption(
            "fine_tune.runs",
            3,
            "costlens-2026",
            "training compute ($50-$5,000 per run), typically requiring 3-5 runs",
            "The low end of 3-5 training runs.",
            claim="costlens-2026/runs",
        ),
        Assumption(
            "fine_tune.setup_usd",
            80000,
            "aieconomyhub-2026",
            "runs $40k–$120k in loaded cost",
            "Midpoint of the engineer-weeks for a serious fine-tune (dataset curation, training, eval, maintenance).",
            claim="aieconomyhub-2026/engineer-weeks",
        ),
        Assumption(
            "fine_tune.retrain_every_months",
            3,
            "aieconomyhub-2026",
            "Budget a retrain every 3 months with a cheap eval gate.",
            "Retraining cadence as the domain drifts.",
            claim="aieconomyhub-2026/retrain-quarterly",
        ),
        Assumption(
            "fine_tune.retrain_usd",
            27500,
            "aiinfox-2026",
            "Ongoing refresh: every 3-6 months as the domain drifts, a smaller version of all of the above. "
            "Typical: $15,000-40,000/quarter.",
            "Midpoint of the quarterly refresh cost, spread evenly over the months between retrains.",
            claim="aiinfox-2026/refresh-cost",
        ),
        Assumption(
            "fine_tune.tokens_saved",
            0,
            "aieconomyhub-2026",
            "(output and system prompt are similar)",
            "A fine-tune keeps the same prompt unless told otherwise.",
            claim="aieconomyhub-2026/same-prompt",
        ),
        Assumption(
            "fine_tune.inference_premium",
            0.25,
            "aieconomyhub-2026",
            "a 25% inference premium on the hosted fine-tuned model",
            "Hosted fine-tunes cost more per token than their base model.",
            claim="aieconomyhub-2026/worked-premium",
        ),
        Assumption(
            "fine_tune.monthly_usd",
            0,
            "aieconomyhub-2026",
            "None (hosted); $2k+/mo if self-hosting",
            "No extra fixed monthly cost for a hosted fine-tune; self-hosting pays for its GPUs instead.",
            claim="aieconomyhub-2026/hosted-no-infra",
        ),
        Assumption(
            "fine_tune.gpu",
            "L40S",
            "aieconomyhub-2026",
            "Ran self-hosted on an L40S at $0.65/hr reserved.",
            "The GPU a self-hosted fine-tune runs on when none is given.",
            claim="aieconomyhub-2026/dsl-gpu",
        ),
        Assumption(
            "fine_tune.gpus",
            1,
            "aieconomyhub-2026",
            "Ran self-hosted on an L40S at $0.65/hr reserved.",
            "One GPU for a self-hosted fine-tune unless told otherwise, as in the source's self-hosted case.",
            claim="aieconomyhub-2026/dsl-gpus",
        ),
    )
}
