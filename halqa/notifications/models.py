"""In-app notifications. They hold who, where and what kind — never what anyone wrote."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from halqa.notifications.enums import Kind


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        )

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A member's choice for one kind; no row means the kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique"),
        )

    def __str__(self) -> str:
        return f"{self.kind}: {self.enabled}"


class NotificationDisplay(models.Model):
    """How notifications show for one member; no row means names are shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_display"
    )
    # For a shared device: "You have a new notification", without who or which group.
    hide_names = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"hide_names={self.hide_names}"
