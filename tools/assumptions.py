"""The defaults the cost model uses for inputs a user did not give, each with the source passage behind it.

Every default names the claim behind it in the claims registry (`knowledge/claims.yaml`, loaded by
`knowledge.claims`), and repeats that claim's source id and verbatim quote so a reply, `/why` and the
decision memo can cite it without loading the registry. tests/knowledge/test_claims.py keeps the two
in step.

Where no source gives a figure (GPU throughput, the peak hour, a classifier's answer length), the cost
model uses an `Estimate`: labelled as such, dated, with its provenance, never passed off as a source.
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

# The model a conversation is priced on when the user names only a provider ("we're an OpenAI shop",
# "OK with OpenAI but no one else"): the provider's model in the reference model's price tier.
PROVIDER_MODELS: dict[str, Assumption] = {
    "openai": Assumption(
        "model",
        "gpt-4o",
        "aiinfox-2026",
        "Claude Sonnet, GPT-4o, and Llama 3 70B (hosted) all sit in the $1-5 per million input tokens range",
        "OpenAI's model in the reference model's price tier; priced from the genai-prices snapshot.",
        claim="aiinfox-2026/openai-peer-model",
    ),
}

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
            "The vector store at the source's 100k queries a day (midpoint of its pgvector figure), scaled "
            "with volume and corpus size down to the small-scale floor.",
            claim="aiinfox-2026/vector-store-pgvector",
        ),
        Assumption(
            "rag.vector_store_floor_usd",
            20,
            "ferreira-2026",
            "Vector DB hosting $20–200",
            "The low end of vector DB hosting: a small index (pgvector beside an existing database).",
            claim="ferreira-2026/vector-db-hosting",
        ),
        Assumption(
            "rag.reference_queries_per_day",
            100_000,
            "aiinfox-2026",
            "For a mid-volume RAG system (100k queries/day, average 3k context tokens per query), the monthly numbers look like:",
            "The volume the pgvector figure is quoted at.",
            claim="aiinfox-2026/mid-volume",
        ),
        Assumption(
            "rag.reference_documents",
            1_000_000,
            "ferreira-2026",
            "Embedding generation (1M docs) ~$20–50",
            "The corpus the one-time setup figure embeds; a larger corpus scales the vector store and the setup.",
            claim="ferreira-2026/embedding-1m-docs",
        ),
        Assumption(
            "rag.engineering_weeks",
            3,
            "costlens-2026",
            "A production RAG system might incur monthly infrastructure costs ranging from $350-$2,850, plus 2-4 weeks of development time.",
            "Midpoint of the development time a production RAG system takes.",
            claim="costlens-2026/rag-development-weeks",
        ),
        Assumption(
            "rag.engineering_week_usd",
            11_500,
            "aiinfox-2026",
            "Hyperparameter sweeps, checkpointing, dataset versioning. Typical: $8,000-15,000.",
            "A week of engineering: the midpoint of the source's one week of MLOps.",
            claim="aiinfox-2026/training-pipeline",
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
            "fine_tune.hybrid_retrain_every_months",
            3,
            "aieconomyhub-2026",
            "Budget a retrain every 3 months with a cheap eval gate.",
            "A hybrid's tune holds tone and format, which drift on this clock; RAG carries the changing facts.",
            claim="aieconomyhub-2026/retrain-quarterly",
        ),
        Assumption(
            "fine_tune.eval_gate_inputs",
            200,
            "aieconomyhub-2026",
            "Private eval set of 200+ inputs, scored by a human rubric or an LLM-as-judge with calibration.",
            "The eval gate each retrain passes: this many inputs, each answer graded by an LLM judge.",
            claim="aieconomyhub-2026/eval-set-size",
        ),
        Assumption(
            "fine_tune.eval_gate_runs",
            3,
            "aieconomyhub-2026",
            "Run both candidates three times on each input, compute pass rate, compare with a statistical test",
            "Both candidates (the retrained model and the current one) run this often on every input.",
            claim="aieconomyhub-2026/eval-runs",
        ),
        Assumption(
            "fine_tune.teacher_examples",
            5000,
            "aieconomyhub-2026",
            "the 40–200 engineering and labeling hours needed to build a good 5k-example dataset",
            "Distillation: the teacher answers this many examples to make the student's training set.",
            claim="aieconomyhub-2026/dataset-examples",
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
            "fine_tune.ops_monthly_usd",
            2000,
            "aieconomyhub-2026",
            "None (hosted); $2k+/mo if self-hosting",
            "Operations of a self-hosted deployment (on-call, upgrades, monitoring) a month, on top of its GPUs.",
            claim="aieconomyhub-2026/self-hosting-monthly",
        ),
        Assumption(
            "fine_tune.model_size_b",
            32,
            "aieconomyhub-2026",
            "fine-tuned Qwen 2.5 Coder 32B hit 93%",
            "The open-weight model a self-hosted deployment serves when its name gives no size: the source's self-hosted case.",
            claim="aieconomyhub-2026/dsl-model-size",
        ),
        Assumption(
            "fine_tune.student_size_b",
            8,
            "aiinfox-2026",
            "A fine-tuned Llama 3 8B running on vLLM on a single A100",
            "A self-hosted distilled student's size when its name gives none.",
            claim="aiinfox-2026/distilled-model-size",
        ),
        Assumption(
            "fine_tune.gpu",
            "L40S",
            "aieconomyhub-2026",
            "Ran self-hosted on an L40S at $0.65/hr reserved.",
            "The GPU a self-hosted fine-tune runs on when none is given.",
            claim="aieconomyhub-2026/dsl-gpu",
        ),
    )
}


@dataclass(frozen=True)
class Estimate:
    """A figure no source gives, used where the cost model needs one: labelled, dated, with its provenance."""

    field: str
    value: float
    provenance: str
    date: str

    def assumption(self, value: float | None = None) -> Assumption:
        """This estimate as a listed assumption (no source id or quote: it is not from the corpus)."""
        shown = self.value if value is None else value
        return Assumption(self.field, shown, None, None, f"Estimate ({self.date}), not from the sources: {self.provenance}")


ESTIMATES: dict[str, Estimate] = {
    e.field: e
    for e in (
        Estimate(
            "workload.peak_factor", 2.0,
            "the peak hour over the month's average hour, a common planning figure for user-facing traffic; "
            "self-hosted GPUs are sized for it", "2026-06",
        ),
        Estimate(
            "workload.classifier_output_tokens", 10,
            "a classifier answers with a label (an intent name or a short JSON object), not prose", "2026-06",
        ),
    )
}


def provider_model(name: str | None) -> Assumption | None:
    """The model to price when `name` names a provider rather than a model ("OpenAI", "Azure OpenAI",
    "Anthropic"), or None."""
    provider = " ".join((name or "").lower().split()).removeprefix("azure ")
    if provider == "anthropic":
        return DEFAULTS["model"]
    return PROVIDER_MODELS.get(provider)

