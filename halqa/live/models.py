"""Live group sessions: a room per session, its messages in one sequence, and room mutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.groups.models import Group
from halqa.moderation.enums import ContentState
from halqa.trust.policy import confident_crisis


class LiveSession(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="live_sessions")
    title = models.CharField(pgettext_lazy("field", "title"), max_length=140)
    starts_at = models.DateTimeField(pgettext_lazy("field", "starts"))
    ends_at = models.DateTimeField(pgettext_lazy("field", "ends"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_sessions",
    )
    # Opened and closed by a facilitator; a closed room stays readable.
    is_open = models.BooleanField(default=False)
    slow_mode_seconds = models.PositiveSmallIntegerField(default=0)
    # The seq of the last message; bumped under the session's row lock (actions.post_live_message).
    last_seq = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("starts_at", "id")
        indexes = [models.Index(fields=("group", "starts_at"), name="live_session_group_start")]

    def __str__(self) -> str:
        return self.title


class LiveMessage(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    # A deleted account takes its messages with it (accounts: deletion is complete).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_messages"
    )
    body = models.TextField(pgettext_lazy("field", "message"), max_length=10_000)
    screening = models.JSONField(default=dict)  # for moderators; never shown to members
    client_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    pinned = models.BooleanField(default=False)
    # Moderation (halqa.moderation): HELD and HIDDEN are seen by the author and moderators only;
    # REMOVED shows others a notice naming `removed_rule`. `masked_spans` ([start, end] pairs of
    # personal data the author posted anyway) are masked for everyone but the author;
    # `method_hidden` hides a plan/method message from other members until a moderator reviews it.
    state = models.CharField(
        max_length=10, choices=ContentState.choices, default=ContentState.PUBLISHED
    )
    removed_rule = models.CharField(max_length=300, blank=True)
    masked_spans = models.JSONField(default=list, blank=True)
    method_hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ("session", "seq")
        constraints = [
            models.UniqueConstraint(fields=("session", "seq"), name="live_message_seq"),
            models.UniqueConstraint(
                fields=("session", "author", "client_id"),
                condition=~models.Q(client_id=""),
                name="live_message_client_id",
            ),
        ]
        indexes = [
            models.Index(fields=("session", "author", "-created_at"), name="live_message_author")
        ]

    def __str__(self) -> str:
        return f"live message {self.seq} in session {self.session_id}"

    @property
    def needs_crisis_help(self) -> bool:
        """Screening saw ideation or a plan: the author sees their country's help at once."""
        return bool(confident_crisis(self.screening))


class RoomMute(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("session", "user"), name="one_room_mute"),
        ]

    def __str__(self) -> str:
        return f"user {self.user_id} muted in session {self.session_id}"
