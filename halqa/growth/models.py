"""Goals, check-ins, mood, partnerships and group commitments. Notes are stored encrypted
(halqa.core.crypto); the plain text exists only in memory, for its owner."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.conversations.enums import ReactionKind
from halqa.core import crypto
from halqa.growth.enums import Cadence, CheckInStatus, GoalState, PartnershipState, Template

if TYPE_CHECKING:
    from halqa.accounts.models import User

USER = settings.AUTH_USER_MODEL
UNREADABLE_NOTE = pgettext_lazy(
    "growth note", "This note cannot be opened with the site's current encryption keys."
)


class EncryptedNote(models.Model):
    """A model with an optional `note`, stored only as a Fernet token."""

    note_token = models.TextField(blank=True, default="")

    class Meta:
        abstract = True

    @property
    def note(self) -> str:
        """The plain note; a sentence saying so when the keys that sealed it are gone (removed
        before `halqa rotate-keys` re-encrypted it), rather than failing every page showing it."""
        if not self.note_token:
            return ""
        try:
            return crypto.decrypt(self.note_token)
        except crypto.DecryptionError:
            return str(UNREADABLE_NOTE)

    @note.setter
    def note(self, text: str) -> None:
        self.note_token = crypto.encrypt(text) if text else ""


class GrowthSettings(models.Model):
    """Per-member settings of this app: the time zone reminders and local days follow."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="growth_settings")
    time_zone = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.time_zone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Goal(models.Model):
    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=120)
    template = models.CharField(max_length=20, choices=Template.choices, blank=True)
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.DAILY)
    weekdays = models.JSONField(default=list, blank=True)  # Monday = 0, for Cadence.WEEKDAYS
    times_per_week = models.PositiveSmallIntegerField(default=1)  # for Cadence.WEEKLY
    reminder_time = models.TimeField(null=True, blank=True)  # the member's local time
    # Bumped whenever the reminder changes: a queued reminder of an older version stops.
    reminder_version = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=GoalState.choices, default=GoalState.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("state", "-created_at", "-id")
        indexes = (models.Index(fields=["owner", "state"], name="growth_goal_owner"),)

    def __str__(self) -> str:
        return self.title

    @property
    def weekday_labels(self) -> list[str]:
        """The chosen days, from Saturday on, in the reader's language."""
        from halqa.growth.enums import Weekday

        return [str(day.label) for day in Weekday if day.value in self.weekdays]

    def is_scheduled_on(self, day: date) -> bool:
        """Whether `day` is one the goal asks for (a weekly goal may be done any day)."""
        if self.cadence == Cadence.WEEKDAYS:
            return day.weekday() in self.weekdays
        return True


class CheckIn(EncryptedNote):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField()  # the owner's local date
    status = models.CharField(max_length=10, choices=CheckInStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-id")
        constraints = (
            models.UniqueConstraint(fields=["goal", "day"], name="growth_checkin_once_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.day} {self.status}"


class ReminderSent(models.Model):
    """One row per goal and local day: the guard that makes a reminder go out exactly once."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reminders_sent")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["goal", "day"], name="growth_reminder_once_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.goal_id} {self.day}"


class MoodEntry(EncryptedNote):
    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mood_entries")
    score = models.PositiveSmallIntegerField()
    emotions = models.JSONField(default=list, blank=True)
    day = models.DateField()  # the owner's local date
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["owner", "-created_at"], name="growth_mood_owner"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="growth_mood_score_1_to_5"
            ),
        )

    def __str__(self) -> str:
        return f"{self.day} {self.score}"

    def get_score_display(self) -> str:
        from halqa.growth.enums import Mood

        return str(Mood(self.score).label)

    @property
    def emotion_labels(self) -> list[str]:
        from halqa.growth.enums import Emotion

        return [str(Emotion(tag).label) for tag in self.emotions if tag in Emotion.values]


class Partnership(models.Model):
    """Two members who agreed to see some of each other's progress.

    An invitation by pseudonym names the invitee; an invite link has only `token_hash` until
    someone accepts it.
    """

    inviter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    invitee = models.ForeignKey(USER, on_delete=models.CASCADE, null=True, related_name="+")
    state = models.CharField(
        max_length=10, choices=PartnershipState.choices, default=PartnershipState.PENDING
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"partnership {self.pk} {self.state}"

    def other(self, user_id: int) -> int | None:
        return self.invitee_id if user_id == self.inviter_id else self.inviter_id

    def partner_of(self, user: User) -> User | None:
        """The other member; None for an invite link nobody has accepted yet."""
        return self.invitee if user.pk == self.inviter_id else self.inviter


class PartnerShare(models.Model):
    """What one partner lets the other see. Nothing is shared until the member chooses."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    goals = models.ManyToManyField(Goal, blank=True, related_name="+")
    notes = models.BooleanField(default=False)
    mood = models.BooleanField(default=False)
    nudges = models.BooleanField(default=False)
    last_nudged_at = models.DateTimeField(null=True, blank=True)  # a nudge about this member

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["partnership", "user"], name="growth_share_once"),
        )

    def __str__(self) -> str:
        return f"share {self.partnership_id} {self.user_id}"


class Encouragement(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="encouragements"
    )
    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    screening = models.JSONField(default=dict)  # for moderators; never shown to members
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"encouragement {self.pk}"


class Commitment(models.Model):
    """A goal its owner shares with one group: members see check-in status, never notes."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="commitments")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(fields=["goal", "group"], name="growth_commitment_once"),
        )

    def __str__(self) -> str:
        return f"commitment {self.pk}"


class CommitmentReaction(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["commitment", "user", "kind"], name="growth_reaction_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} on {self.commitment_id}"
