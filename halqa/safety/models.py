"""Crisis helplines and emergency numbers, with where each came from and who checked it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone

from halqa.safety.enums import EmergencyService, HelplineStatus

# An operator's check counts for a year; after that an unverified entry disappears again.
CHECK_VALID_FOR = datetime.timedelta(days=365)
# Statuses an operator must explain (a note) before marking the entry checked.
NEEDS_RESOLUTION = frozenset({HelplineStatus.CONFLICT, HelplineStatus.DO_NOT_DISPLAY})

_NUMBER = re.compile(r"^\s*(?P<number>\+?[\d()][\d\s()\-]*\d)\s*(?:\((?P<label>[^)]*)\))?\s*$")
_TEXT_TO = re.compile(r"^\s*text\s+(?P<word>\w+)\s+to\s+(?P<number>\d+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Dial:
    """One number to call or text, as written and as a `tel:`/`sms:` target."""

    display: str
    target: str
    label: str = ""


class Helpline(models.Model):
    country_code = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=300)
    name_ar = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=300, blank=True)
    sms = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=300, blank=True)
    hours = models.CharField(max_length=200, blank=True)
    languages = models.JSONField(default=list, blank=True)
    category = models.CharField(max_length=200, blank=True)
    sources = models.JSONField(default=list)
    source_date = models.CharField(max_length=200, blank=True)
    verification = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=HelplineStatus.choices)
    conflicts = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    checked_at = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    check_note = models.TextField(blank=True)

    class Meta:
        ordering = ("country_code", "id")

    def __str__(self) -> str:
        return f"{self.country_code} {self.name}"

    def check_is_current(self, today: datetime.date | None = None) -> bool:
        """Checked by an operator within the last twelve months."""
        today = today or timezone.localdate()
        return self.checked_at is not None and today - self.checked_at <= CHECK_VALID_FOR

    def shown(self, today: datetime.date | None = None) -> bool:
        """Corroborated entries always; anything else only while an operator's check is current."""
        if self.status == HelplineStatus.CORROBORATED:
            return True
        return self.check_is_current(today)

    def phones(self) -> list[Dial]:
        """The numbers in `phone` (the source's spelling, `;`-separated) as `tel:` targets."""
        return [dial for part in self.phone.split(";") if (dial := _dial(part, "tel:"))]

    def text_line(self) -> Dial | None:
        """An `sms:` target when `sms` is a number or "text WORD to NUMBER"; else None."""
        if match := _TEXT_TO.match(self.sms):
            word, number = match["word"], match["number"]
            return Dial(display=self.sms, target=f"sms:{number}?body={word}")
        return _dial(self.sms, "sms:")

    @property
    def hours_disputed(self) -> bool:
        """The research found several different opening hours (see `conflicts`)."""
        return self.hours.strip().lower() == "see conflicts"

    def localised_name(self, language: str) -> str:
        return self.name_ar if language == "ar" and self.name_ar else self.name


def _dial(text: str, scheme: str) -> Dial | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    number = match["number"].strip()
    digits = re.sub(r"\D", "", number)
    plus = "+" if number.startswith("+") else ""
    return Dial(display=number, target=f"{scheme}{plus}{digits}", label=match["label"] or "")


class EmergencyNumber(models.Model):
    country_code = models.CharField(max_length=2, db_index=True)
    number = models.CharField(max_length=10)
    service = models.CharField(
        max_length=12, choices=EmergencyService.choices, default=EmergencyService.GENERAL
    )
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ("country_code", "id")
        constraints = (
            models.UniqueConstraint(fields=("country_code", "number"), name="emergency_unique"),
        )

    def __str__(self) -> str:
        return f"{self.country_code} {self.number}"

    @property
    def target(self) -> str:
        return f"tel:{self.number}"
