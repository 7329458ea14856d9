"""Journal entries and the safety plan. Every word the member wrote is stored encrypted
(halqa.core.crypto); the rows hold only ciphertext, ids and dates."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from halqa.core import crypto
from halqa.journal.enums import PlanEvent, Prompt, Section


class Entry(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    # Ciphertext of {"title", "body", "prompt"}: even which prompt was answered stays private.
    sealed = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["author", "-created_at"], name="journal_entry_author"),)
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"journal entry #{self.pk}"

    def seal(self, *, title: str, body: str, prompt: str) -> None:
        self.sealed = crypto.encrypt(json.dumps({"title": title, "body": body, "prompt": prompt}))

    def opened(self) -> dict[str, str]:
        """{"title", "body", "prompt"} in plain text; raises crypto.DecryptionError."""
        data: dict[str, Any] = json.loads(crypto.decrypt(self.sealed))
        prompt = data.get("prompt") or ""
        return {
            "title": str(data.get("title") or ""),
            "body": str(data.get("body") or ""),
            "prompt": prompt if prompt in Prompt.values else "",
        }


class SafetyPlan(models.Model):
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    # Ciphertext of {section: [items]}.
    sealed = models.TextField()
    shared_with_moderators = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"safety plan #{self.pk}"

    def seal(self, sections: dict[str, list[str]]) -> None:
        self.sealed = crypto.encrypt(json.dumps(sections))

    def opened(self) -> dict[str, list[str]]:
        """Every section (empty ones too), in plan order; raises crypto.DecryptionError."""
        data: dict[str, Any] = json.loads(crypto.decrypt(self.sealed)) if self.sealed else {}
        return {key: [str(item) for item in data.get(key) or []] for key in Section.values}


class PlanLogEntry(models.Model):
    """Append-only: who opened a shared plan, and when sharing was turned on or off."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan_log"
    )
    event = models.CharField(max_length=10, choices=PlanEvent.choices)
    # The moderator who opened the plan; kept as a name too, should their account be deleted.
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewer_pseudonym = models.CharField(max_length=30, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("the safety plan log is append-only")
        super().save(*args, **kwargs)
