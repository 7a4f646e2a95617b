"""How many GPUs a self-hosted model needs: peak tokens per second against what one GPU serves.

No article in the corpus gives serving throughput, so the figures here are planning estimates, labelled
and dated: NVIDIA's published memory bandwidth, memory and dense BF16 compute per GPU (`GPU_SPECS`),
turned into tokens per second by the usual roofline reading of LLM serving:

- weights are served at 8 bits (1 byte per parameter), on the fewest GPUs (1, 2, 4 or 8, one replica)
  whose memory holds them in 70% of its size (the rest is KV cache);
- decode (output tokens) is memory-bound: a replica streams its weights once per step at 70% of its
  bandwidth and a step serves a batch of 32 sequences;
- prefill (prompt tokens) is compute-bound: 2 FLOPs per parameter per token at 40% of dense BF16.

A query then takes `input / prefill + output / decode` replica-seconds; peak queries per second are
the month's volume over its seconds times `peak_factor`; replicas are whole (a staircase), at least one.
Measure your own throughput and give `gpus` when you can. `POWER` prices owned GPUs: no rent, but
board power at the datacentre's overhead and an electricity price, again labelled estimates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.scenario import DAYS_PER_MONTH, GPU_HOURS_PER_MONTH

ESTIMATE_DATE = "2026-06"
SECONDS_PER_MONTH = DAYS_PER_MONTH * 86_400
BYTES_PER_PARAMETER = 1.0  # 8-bit weights (FP8 or INT8), the usual serving precision
MEMORY_FOR_WEIGHTS = 0.7
BANDWIDTH_USED = 0.7
COMPUTE_USED = 0.4
DECODE_BATCH = 32
REPLICA_SIZES = (1, 2, 4, 8)


@dataclass(frozen=True)
class GpuSpec:
    """One GPU's datasheet figures: memory (GB), memory bandwidth (TB/s), dense BF16 TFLOPS, board power (W)."""

    name: str
    memory_gb: float
    bandwidth_tb_s: float
    bf16_tflops: float
    board_watts: float


# NVIDIA datasheets (H100 SXM, A100 80GB SXM, L40S, A10G as AWS lists it, L4), as of ESTIMATE_DATE.
GPU_SPECS: dict[str, GpuSpec] = {
    spec.name: spec
    for spec in (
        GpuSpec("H100", 80, 3.35, 989, 700),
        GpuSpec("A100", 80, 2.04, 312, 400),
        GpuSpec("L40S", 48, 0.864, 362, 350),
        GpuSpec("A10G", 24, 0.6, 70, 300),
        GpuSpec("L4", 24, 0.3, 121, 72),
    )
}

THROUGHPUT_PROVENANCE = (
    f"Crossroads planning estimate ({ESTIMATE_DATE}), not from the sources: NVIDIA datasheet bandwidth and "
    "compute, 8-bit weights, a decode batch of 32 at 70% of memory bandwidth, prefill at 40% of dense BF16"
)

# Owned GPUs pay no rent but their power: board watts x datacentre overhead (PUE) x electricity price.
PUE = 1.5
ELECTRICITY_USD_PER_KWH = 0.13
POWER_PROVENANCE = (
    f"Crossroads estimate ({ESTIMATE_DATE}), not from the sources: datasheet board power x {PUE} datacentre "
    f"overhead x ${ELECTRICITY_USD_PER_KWH}/kWh (a typical US commercial rate)"
)
# Peak hour over the average hour of a month: traffic is not flat (business hours, time zones). No
# source gives it; 2 is a common planning figure for user-facing traffic.
PEAK_FACTOR = 2.0


def gpu_spec(name: str) -> GpuSpec:
    """The datasheet figures of a GPU by name ("H100", "nvidia l40s"); LookupError lists the known ones."""
    words = [w for w in re.split(r"[\s_]+", name.strip().upper()) if w]
    key = "".join(w for w in words if w != "NVIDIA" and not re.fullmatch(r"\d+GB|SXM\d?|PCIE", w))
    if key in GPU_SPECS:
        return GPU_SPECS[key]
    raise LookupError(f"unknown GPU {name!r}: known GPUs are {', '.join(GPU_SPECS)}")


@dataclass(frozen=True)
class Replica:
    """One copy of a model served on `gpus` GPUs, and what it serves per second."""

    gpus: int
    prefill_tokens_per_second: float
    decode_tokens_per_second: float

    def seconds_per_query(self, input_tokens: float, output_tokens: float) -> float:
        return input_tokens / self.prefill_tokens_per_second + output_tokens / self.decode_tokens_per_second


def fits(gpu: GpuSpec, size_b: float) -> bool:
    """Whether eight of `gpu` hold a `size_b`-billion-parameter model's weights (the largest replica)."""
    return size_b * BYTES_PER_PARAMETER <= MEMORY_FOR_WEIGHTS * gpu.memory_gb * REPLICA_SIZES[-1]


def replica(gpu: GpuSpec, size_b: float) -> Replica:
    """The smallest replica of a `size_b`-billion-parameter model on `gpu`; LookupError when even eight
    GPUs cannot hold its weights."""
    if not size_b > 0:
        raise ValueError(f"model size: must be a positive number of billions of parameters (got {size_b!r})")
    weights_gb = size_b * BYTES_PER_PARAMETER
    for n in REPLICA_SIZES:
        if weights_gb <= MEMORY_FOR_WEIGHTS * gpu.memory_gb * n:
            decode = DECODE_BATCH * n * gpu.bandwidth_tb_s * 1e12 * BANDWIDTH_USED / (weights_gb * 1e9)
            prefill = n * gpu.bf16_tflops * 1e12 * COMPUTE_USED / (2 * size_b * 1e9)
            return Replica(n, prefill, decode)
    raise LookupError(
        f"a {size_b:g}B model does not fit on eight {gpu.name} GPUs at 8 bits; name a GPU with more memory"
    )


def power_usd_per_gpu_month(gpu: GpuSpec) -> float:
    """What one owned GPU's power costs a month (730 hours)."""
    return gpu.board_watts / 1000 * PUE * ELECTRICITY_USD_PER_KWH * GPU_HOURS_PER_MONTH


def gpus_needed(queries_per_month, input_tokens, output_tokens, peak_factor, rep: Replica):
    """Whole GPUs for a month's volume (arrays or floats): replicas for the peak second, at least one."""
    np = _np()
    peak_qps = queries_per_month / SECONDS_PER_MONTH * peak_factor
    load = peak_qps * rep.seconds_per_query(input_tokens, output_tokens)
    # A hair of tolerance: 8.0000001 replicas of float noise is 8, not 9.
    return np.maximum(1.0, np.ceil(load - 1e-9)) * rep.gpus


def tokens_per_second_per_gpu(rep: Replica, input_tokens: float, output_tokens: float) -> float | None:
    """Tokens (prompt and answer) one GPU serves per second at this mix of prompt and answer lengths;
    None for queries of no tokens."""
    seconds = rep.seconds_per_query(input_tokens, output_tokens)
    if seconds <= 0:
        return None
    return (input_tokens + output_tokens) / seconds / rep.gpus


def _np():
    import numpy

    return numpy
