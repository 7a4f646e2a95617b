"""The registry of numeric claims in the source articles (`claims.yaml`, beside this module), loaded as values.

A claim is one figure an article states: its source id, the verbatim quote, the quantity, the value or
range and unit as stated, the conditions the article gives, and a category. The audit re-derives the
worked examples among them; every cost-model default names the claim behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# The registry sits beside this module and the corpus it quotes.
CLAIMS_FILE = Path(__file__).resolve().with_name("claims.yaml")

Category = Literal["pricing", "training cost", "infrastructure", "labour", "latency", "accuracy", "break-even", "TCO"]


@dataclass(frozen=True)
class Claim:
    """One figure a source states. `low == high` for a single number; `text` holds a named value (a model)."""

    id: str
    source_id: str
    quote: str
    quantity: str
    low: float | None
    high: float | None
    text: str | None
    unit: str
    conditions: str
    category: str

    @property
    def value(self) -> float | tuple[float, float] | str:
        """The value as stated: a number, a (low, high) range, or a name."""
        if self.text is not None:
            return self.text
        return self.low if self.low == self.high else (self.low, self.high)

    def to_dict(self) -> dict:
        value = self.value
        return {
            "id": self.id,
            "source_id": self.source_id,
            "quote": self.quote,
            "quantity": self.quantity,
            "value": list(value) if isinstance(value, tuple) else value,
            "unit": self.unit,
            "conditions": self.conditions,
            "category": self.category,
        }


class _ClaimEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")
    source_id: str
    quote: str = Field(min_length=1)
    quantity: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    value: float | list[float] | str
    unit: str = Field(min_length=1)
    conditions: str = Field(min_length=1)
    category: Category

    @field_validator("value")
    @classmethod
    def _range_is_low_high(cls, value: float | list[float] | str) -> float | list[float] | str:
        if isinstance(value, list) and (len(value) != 2 or value[0] > value[1]):
            raise ValueError(f"a range must be [low, high] with low <= high (got {value})")
        return value

    def to_claim(self) -> Claim:
        fields = self.model_dump(exclude={"value"})
        if isinstance(self.value, str):
            return Claim(low=None, high=None, text=self.value, **fields)
        low, high = self.value if isinstance(self.value, list) else (self.value, self.value)
        return Claim(low=float(low), high=float(high), text=None, **fields)


class _ClaimFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    claims: list[_ClaimEntry]


def parse_claims(data: object, origin: str) -> tuple[Claim, ...]:
    """Validate a registry's YAML data; ValueError naming `origin`, the claim and the field otherwise."""
    try:
        entries = _ClaimFile.model_validate(data).claims
    except ValidationError as exc:
        problem = exc.errors()[0]
        loc = problem["loc"]
        where = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and loc[0] == "claims" and isinstance(data, dict):
            claim_id = (data["claims"][loc[1]] or {}).get("id", f"#{loc[1] + 1}") if isinstance(loc[1], int) else "?"
            where = f"claim {claim_id}: {'.'.join(str(part) for part in loc[2:]) or 'entry'}"
        message = problem["msg"].removeprefix("Value error, ")
        raise ValueError(f"{origin}: {where}: {message}") from None
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ValueError(f"{origin}: claim {entry.id}: id is used twice; claim ids must be unique")
        if not entry.id.startswith(entry.source_id + "/"):
            raise ValueError(f"{origin}: claim {entry.id}: id must start with its source_id {entry.source_id!r}")
        seen.add(entry.id)
    return tuple(entry.to_claim() for entry in entries)


@lru_cache(maxsize=1)
def _bundled() -> dict[str, Claim]:
    import yaml

    # The C loader (when PyYAML was built with libyaml) reads the same data several times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(CLAIMS_FILE.read_text(encoding="utf-8"), Loader=loader)
    return {c.id: c for c in parse_claims(data, str(CLAIMS_FILE))}


def load_claims() -> list[Claim]:
    """Every claim in the bundled registry, in file order."""
    return list(_bundled().values())


def get_claim(claim_id: str) -> Claim:
    """One claim by id (`<source-id>/<slug>`); LookupError if the registry has no such claim."""
    try:
        return _bundled()[claim_id]
    except KeyError:
        raise LookupError(f"unknown claim id {claim_id!r}; see {CLAIMS_FILE.name} for the registered claims") from None


def claims_about(quantity: str) -> list[Claim]:
    """Every claim stating `quantity` (e.g. "rag_added_latency_ms"), in file order."""
    return [c for c in _bundled().values() if c.quantity == quantity]
