"""The one path every message takes before it is stored: threads, replies, live messages.

`prepare_message()` cleans the text and screens it (DESIGN §3 steps 1–2); the caller stores the
message with `verdict.record` in the same transaction. The moderation policy (hold, mask,
crisis case) plugs in here, so no caller needs to change when it lands.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.screening import CrisisLevel, Screening, screen

MAX_LENGTH = 10_000
# Control characters other than line breaks and tabs carry no meaning in a message.
_ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True, slots=True)
class Verdict:
    body: str
    screening: Screening

    @property
    def crisis(self) -> CrisisLevel:
        return self.screening.crisis

    @property
    def needs_crisis_help(self) -> bool:
        """Ideation or plan: the author sees their country's helplines at once."""
        return self.crisis in (CrisisLevel.IDEATION, CrisisLevel.PLAN)

    @property
    def record(self) -> dict[str, Any]:
        """What is stored with the message for moderators; never shown to other members."""
        s = self.screening
        return {
            "model_version": s.model_version,
            "language": s.language,
            "script": str(s.script),
            "abuse": s.abuse,
            "abuse_label": s.abuse_label,
            "crisis": str(s.crisis),
            "crisis_probability": s.crisis_probability,
            "personal_data": [[str(p.kind), p.start, p.end] for p in s.personal_data],
            "signals": [[g.source, g.name, round(g.weight, 4)] for g in s.signals],
        }


def clean_body(body: str, *, field: str = "body") -> str:
    """Normalise line breaks, drop control characters; refuse empty or over-long text."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        c for c in text if c in _ALLOWED_CONTROLS or unicodedata.category(c) not in ("Cc", "Cs")
    ).strip()
    if not text:
        message = pgettext_lazy("message error", "Please write something before sending.")
        raise ValidationError({field: ValidationError(message, code="empty")})
    if len(text) > MAX_LENGTH:
        message = pgettext_lazy(
            "message error", "This message is too long: please keep it under %(limit)d characters."
        )
        error = ValidationError(message, code="too_long", params={"limit": MAX_LENGTH})
        raise ValidationError({field: error})
    return text


def prepare_message(*, author: User, body: str, field: str = "body") -> Verdict:
    """Clean and screen a message before it is stored; raises ValidationError on bad text."""
    text = clean_body(body, field=field)
    result = screen(text, lang=author.language, country=author.country or None)
    return Verdict(body=text, screening=result)
