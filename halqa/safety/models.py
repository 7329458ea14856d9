"""Crisis helplines and emergency numbers (with where each came from and who checked it); the
crisis response around a case: the member's card choices, the one-to-one support thread, the
consented safety contact and its view log, and the alerts sent beyond the on-duty moderators."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from halqa.core import crypto
from halqa.safety.enums import AlertReason, CardChoice, EmergencyService, HelplineStatus

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


class CardAnswer(models.Model):
    """ "I'm safe for now" or "talk to a moderator", pressed on the crisis card."""

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_card_answers"
    )
    choice = models.CharField(max_length=8, choices=CardChoice.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.choice} on case {self.case_id}"


class SupportThread(models.Model):
    """A private conversation between the moderators of one case and the member it concerns."""

    case = models.OneToOneField(
        "moderation.Case", on_delete=models.CASCADE, related_name="support_thread"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"support thread {self.pk}"


class SupportMessage(models.Model):
    thread = models.ForeignKey(SupportThread, on_delete=models.CASCADE, related_name="messages")
    # A moderator's messages stay in the member's thread if the moderator's account goes.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_member = models.BooleanField(default=False)
    body = models.TextField()
    screening = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"support message {self.pk}"


CONTACT_FIELDS = ("name", "phone", "location")


class SafetyContact(models.Model):
    """The member's emergency contact and location, encrypted together (core.crypto)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_contact"
    )
    sealed = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"safety contact of member {self.member_id}"

    def seal(self, values: dict[str, str]) -> None:
        data = {key: str(values.get(key, "")) for key in CONTACT_FIELDS}
        self.sealed = crypto.encrypt(json.dumps(data, ensure_ascii=False))

    def unsealed(self) -> dict[str, Any]:
        """Name, phone and location in clear; raises crypto.DecryptionError on a lost key."""
        data = json.loads(crypto.decrypt(self.sealed))
        return {key: str(data.get(key, "")) for key in CONTACT_FIELDS}


class AppendOnly(models.Model):
    """Rows are written once: no update, no delete one by one (account deletion cascades)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{type(self).__name__} rows cannot be deleted")


class ContactView(AppendOnly):
    """One reveal of a member's safety contact: who, when, why and for which case."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_contact_views"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written at the time, so the log still names the viewer if their account goes.
    viewer_pseudonym = models.CharField(max_length=30)
    case = models.ForeignKey(
        "moderation.Case", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-viewed_at", "-id")

    def __str__(self) -> str:
        return f"contact view {self.pk}"


class CaseAlert(AppendOnly):
    """An urgent case sent to the on-call list or the operators; at most one per reason."""

    case = models.ForeignKey("moderation.Case", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=16, choices=AlertReason.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("sent_at", "id")
        constraints = (models.UniqueConstraint(fields=("case", "reason"), name="case_alert_once"),)

    def __str__(self) -> str:
        return f"{self.reason} alert for case {self.case_id}"
