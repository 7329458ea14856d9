"""Cases, flags, sanctions, appeals, on-duty status and the append-only audit log.

Nothing here holds a copy of what a member wrote: cases point at the post or live message;
the audit log keeps a hash of the text a moderator acted on, never the text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from halqa.core import crypto
from halqa.moderation.enums import (
    Action,
    AppealState,
    CaseKind,
    CaseState,
    FlagReason,
    SanctionKind,
)


class AuditLogError(Exception):
    """Someone tried to change or delete the audit log."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Case(models.Model):
    kind = models.CharField(max_length=10, choices=CaseKind.choices)
    urgency = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The member concerned (the author of the content, or the member flagged).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_cases"
    )
    post = models.ForeignKey(
        "conversations.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_cases",
    )
    live_message = models.ForeignKey(
        "live.LiveMessage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_cases",
    )
    # Ask an expert (halqa.experts): the question or answer the case is about.
    expert_question = models.ForeignKey(
        "experts.Question",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_cases",
    )
    expert_answer = models.ForeignKey(
        "experts.Answer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_cases",
    )
    # A short code for why it opened ("crisis:plan", "flag:spam", "held:abuse" ...), no content.
    reason = models.CharField(max_length=200, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # An appeal case names the moderator whose decision is appealed: they may not decide it.
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    flag_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-urgency", "opened_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("post",),
                condition=models.Q(post__isnull=False) & ~models.Q(state="resolved"),
                name="one_open_case_per_post",
            ),
            models.UniqueConstraint(
                fields=("live_message",),
                condition=models.Q(live_message__isnull=False) & ~models.Q(state="resolved"),
                name="one_open_case_per_live_message",
            ),
            models.UniqueConstraint(
                fields=("expert_question",),
                condition=models.Q(expert_question__isnull=False) & ~models.Q(state="resolved"),
                name="one_open_case_per_expert_question",
            ),
            models.UniqueConstraint(
                fields=("expert_answer",),
                condition=models.Q(expert_answer__isnull=False) & ~models.Q(state="resolved"),
                name="one_open_case_per_expert_answer",
            ),
        ]
        indexes = [models.Index(fields=("state", "-urgency", "opened_at"), name="case_queue")]

    def __str__(self) -> str:
        return f"case {self.pk} ({self.kind})"

    @property
    def item(self) -> Any:
        return self.post or self.live_message or self.expert_question or self.expert_answer

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.RESOLVED


class Flag(models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_flags"
    )
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    # The reporter's note, encrypted at rest (halqa.core.crypto); moderators only.
    note_encrypted = models.TextField(blank=True)
    post = models.ForeignKey(
        "conversations.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    live_message = models.ForeignKey(
        "live.LiveMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The member flagged (set for every flag: the author of the content, or the member).
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, null=True, on_delete=models.SET_NULL, related_name="flags")
    created_at = models.DateTimeField(default=timezone.now)
    # Told the outcome already (once per flag).
    outcome_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("reporter", "post"),
                condition=models.Q(post__isnull=False),
                name="one_flag_per_post",
            ),
            models.UniqueConstraint(
                fields=("reporter", "live_message"),
                condition=models.Q(live_message__isnull=False),
                name="one_flag_per_live_message",
            ),
            models.UniqueConstraint(
                fields=("reporter", "member"),
                condition=models.Q(post__isnull=True, live_message__isnull=True),
                name="one_flag_per_member",
            ),
        ]
        indexes = [models.Index(fields=("reporter", "-created_at"), name="flag_rate")]

    def __str__(self) -> str:
        return f"flag {self.pk} ({self.reason})"

    @property
    def note(self) -> str:
        return crypto.decrypt(self.note_encrypted) if self.note_encrypted else ""

    @note.setter
    def note(self, text: str) -> None:
        self.note_encrypted = crypto.encrypt(text) if text else ""


class Sanction(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_sanctions"
    )
    kind = models.CharField(max_length=10, choices=SanctionKind.choices)
    # A mute may be limited to one group; every other sanction is site-wide.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)  # None: no end (ban) or no duration
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-starts_at", "-id")
        indexes = [models.Index(fields=("user", "kind", "lifted_at"), name="sanction_active")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class ModeratorStatus(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_status"
    )
    on_duty = models.BooleanField(default=False)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} on duty={self.on_duty}"


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogError("the audit log cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogError("the audit log cannot be deleted")


class AuditEntry(models.Model):
    """One moderator action: who, what, when, why, on which case and which message version.

    Append-only: saving an existing row, deleting one, or updating/deleting through the
    default manager raises AuditLogError. (Deleting an account or a message sets the links to
    NULL through Django's base manager; the row and its hash stay.)
    """

    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    case = models.ForeignKey(Case, null=True, on_delete=models.SET_NULL, related_name="audit")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        "groups.Group", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    post_id_value = models.PositiveBigIntegerField(null=True)
    live_message_id_value = models.PositiveBigIntegerField(null=True)
    rule = models.PositiveSmallIntegerField(null=True)
    reason = models.TextField(blank=True)  # the moderator's why (their own words)
    # The version of the message acted on: sha256 of its text, and how many earlier versions.
    content_hash = models.CharField(max_length=64, blank=True)
    content_version = models.PositiveIntegerField(null=True)
    detail = models.JSONField(default=dict, blank=True)  # durations, scope: never content

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("action", "created_at"), name="audit_action")]

    def __str__(self) -> str:
        return f"audit {self.pk}: {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise AuditLogError("the audit log cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogError("the audit log cannot be deleted")


class Appeal(models.Model):
    """A member asking once for another look at one action (an audit entry)."""

    action = models.OneToOneField(AuditEntry, on_delete=models.PROTECT, related_name="appeal")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_appeals"
    )
    statement_encrypted = models.TextField(blank=True)
    case = models.ForeignKey(Case, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=8, choices=AppealState.choices, default=AppealState.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.state})"

    @property
    def statement(self) -> str:
        return crypto.decrypt(self.statement_encrypted) if self.statement_encrypted else ""

    @statement.setter
    def statement(self, text: str) -> None:
        self.statement_encrypted = crypto.encrypt(text) if text else ""


class Redaction(models.Model):
    """The text a moderator replaced when they edited a message (encrypted; moderators only)."""

    post = models.ForeignKey(
        "conversations.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    live_message = models.ForeignKey(
        "live.LiveMessage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    previous_encrypted = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"redaction {self.pk}"

    @property
    def previous(self) -> str:
        return crypto.decrypt(self.previous_encrypted)
