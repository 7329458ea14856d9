"""The console's own tables: site settings (one row), staff invites, the role-change log, and
the task workers' heartbeats."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.enums import Role


class Registration(models.TextChoices):
    DEFAULT = "", pgettext_lazy("registration", "As configured (HALQA_REGISTRATION_OPEN)")
    OPEN = "open", pgettext_lazy("registration", "Open: anyone may sign up")
    CLOSED = "closed", pgettext_lazy("registration", "Closed: no new sign-ups")


class Languages(models.TextChoices):
    BOTH = "", pgettext_lazy("languages offered", "Arabic and English")
    ARABIC = "ar", pgettext_lazy("languages offered", "Arabic only")
    ENGLISH = "en", pgettext_lazy("languages offered", "English only")


class DefaultLanguage(models.TextChoices):
    ARABIC = "ar", pgettext_lazy("default language", "Arabic")
    ENGLISH = "en", pgettext_lazy("default language", "English")


class SiteSettings(models.Model):
    """One row (pk 1). Empty values fall back to the environment (HALQA_SITE_NAME, …)."""

    site_name = models.CharField(max_length=60, blank=True)
    registration = models.CharField(
        max_length=10, choices=Registration.choices, blank=True, default=Registration.DEFAULT
    )
    languages = models.CharField(
        max_length=2, choices=Languages.choices, blank=True, default=Languages.BOTH
    )
    default_language = models.CharField(
        max_length=2, choices=DefaultLanguage.choices, default=DefaultLanguage.ARABIC
    )
    default_country = models.CharField(max_length=2, blank=True)
    # The logo lives in the database (no media folder to back up or serve); checked by logo.py.
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=20, blank=True)
    logo_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return "site settings"


class StaffInvite(models.Model):
    """A one-time link giving the moderator role; only its SHA-256 is stored."""

    key_hash = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MODERATOR)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"invite {self.pk} ({self.role})"

    def usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class RoleChange(models.Model):
    """Append-only: who gave whom which role, and how. Pseudonyms are kept as written then, so
    the record outlives a deleted account."""

    class How(models.TextChoices):
        CHANGED = "changed", pgettext_lazy("role change", "Changed by an operator")
        INVITE = "invite", pgettext_lazy("role change", "Accepted an invite")

    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=60)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_name = models.CharField(max_length=60)
    old_role = models.CharField(max_length=20, choices=Role.choices)
    new_role = models.CharField(max_length=20, choices=Role.choices)
    how = models.CharField(max_length=10, choices=How.choices)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.old_role} -> {self.new_role}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("the role-change log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("the role-change log is append-only")


class Heartbeat(models.Model):
    """`halqa worker` writes its row every few seconds; the health page reads the newest."""

    worker = models.CharField(max_length=120, unique=True)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.worker
