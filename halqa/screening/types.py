"""The shapes `screen()` returns. Plain dataclasses: no Django, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Script(enum.StrEnum):
    ARABIC = "arabic"
    ARABIZI = "arabizi"
    LATIN = "latin"
    MIXED = "mixed"
    NONE = "none"


class PersonalDataKind(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    HANDLE = "handle"
    NATIONAL_ID = "national_id"
    IBAN = "iban"
    CARD = "card"
    ADDRESS = "address"


class CrisisLevel(enum.StrEnum):
    NONE = "none"
    DISTRESS = "distress"
    IDEATION = "ideation"
    PLAN = "plan"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {level: i for i, level in enumerate(CrisisLevel)}


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of personal data: `text[start:end]` of the ORIGINAL text."""

    kind: PersonalDataKind
    start: int
    end: int
    score: float = 1.0
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason behind a verdict, for moderators: a rule or a model feature."""

    source: str  # "rule", "lexicon" or "model"
    name: str
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Screening:
    language: str  # "ar", "en" or "und"
    script: Script
    personal_data: list[Span]
    abuse: float
    abuse_label: str  # "abusive" or "clean"
    crisis: CrisisLevel
    crisis_probability: float
    signals: list[Signal] = field(default_factory=list)
    model_version: str = ""
