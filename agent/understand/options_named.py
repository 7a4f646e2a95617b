"""What a message names of the options and where they run: an approach ("hybrid", "distil"), a GPU
("H100"), self-hosting or a hosted API. Read by the what-if and asset readers."""

from __future__ import annotations

import re


GPU_NAMES = r"h100|h200|a100|a10g?|l40s|l4|a6000|rtx ?4090|rtx ?6000|b200|t4|mi300x?|v100"
GPU = re.compile(rf"\b({GPU_NAMES})\b", re.IGNORECASE)


SELF_HOSTED = re.compile(r"\bself[- ]?host\w*|\bon[- ]?prem\w*|\bour own (?:gpus?|hardware|servers?)\b|\brun it ourselves\b", re.IGNORECASE)


HOSTED = re.compile(r"\b(?:hosted api|via (?:the )?api|managed api|on bedrock|use the api)\b", re.IGNORECASE)


OPTION = (
    ("hybrid", re.compile(r"\bhybrid\b|\bboth\b", re.IGNORECASE)),
    ("distill", re.compile(r"\bdistill\w*", re.IGNORECASE)),
    ("fine_tune", re.compile(r"\bfine[- ]?tun\w*|\bfinetun\w*", re.IGNORECASE)),
    ("rag", re.compile(r"\b(?:rag|retrieval)\b", re.IGNORECASE)),
    ("prompt_first", re.compile(r"\bprompting\b|\bprompt engineering\b|\bprompt (?:it|them|the model)\b|\bbetter prompts?\b|\bprompt[- ]first\b", re.IGNORECASE)),
)
