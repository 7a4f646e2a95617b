"""Moved to `knowledge.claims`."""

from knowledge.claims import CLAIMS_FILE, Claim, claims_about, get_claim, load_claims, parse_claims  # noqa: F401  # TEMP alias for agent/ until the lead merges
