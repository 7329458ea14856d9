"""Support groups, their numbered rules, and who belongs to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from halqa.groups.enums import (
    JOIN_POLICY_SENTENCES,
    VISIBILITY_SENTENCES,
    GroupLanguage,
    GroupRole,
    JoinPolicy,
    MembershipChange,
    RequestStatus,
    Topic,
    Visibility,
)


class Group(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(pgettext_lazy("field", "name"), max_length=80)
    description = models.TextField(pgettext_lazy("field", "description"), max_length=2000)
    language = models.CharField(
        pgettext_lazy("field", "language"),
        max_length=4,
        choices=GroupLanguage.choices,
        default=GroupLanguage.ARABIC,
    )
    topic = models.CharField(
        pgettext_lazy("field", "topic"), max_length=20, choices=Topic.choices, default=Topic.GENERAL
    )
    visibility = models.CharField(
        pgettext_lazy("field", "visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    join_policy = models.CharField(
        pgettext_lazy("field", "join policy"),
        max_length=8,
        choices=JoinPolicy.choices,
        default=JoinPolicy.OPEN,
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Anyone signed in may join at once (hidden groups are always by invitation)."""
        return self.join_policy == JoinPolicy.OPEN and self.visibility != Visibility.HIDDEN

    @property
    def visibility_sentence(self) -> Promise:
        return VISIBILITY_SENTENCES[Visibility(self.visibility)]

    @property
    def join_policy_sentence(self) -> Promise:
        return JOIN_POLICY_SENTENCES[JoinPolicy(self.join_policy)]


class GroupRule(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="rules")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(pgettext_lazy("field", "rule"), max_length=300)

    class Meta:
        ordering = ("group", "number")
        constraints = [
            models.UniqueConstraint(fields=("group", "number"), name="unique_rule_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=GroupRole.choices, default=GroupRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("joined_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("group", "user"), name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.role})"


class JoinRequest(models.Model):
    """A member asking to join a group by request. It carries no free text on purpose:
    nothing unmoderated and private passes between strangers."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    status = models.CharField(
        max_length=8, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("group", "user"), name="unique_join_request"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} asks {self.group_id} ({self.status})"


class InviteLink(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invite_links")
    token = models.CharField(max_length=64, unique=True)
    label = models.CharField(pgettext_lazy("field", "label"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"invite {self.pk} to {self.group_id}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_used_up(self) -> bool:
        return self.max_uses is not None and self.uses >= self.max_uses

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired and not self.is_used_up


class MembershipEvent(models.Model):
    """Audit row: who changed whose membership, how, when and why."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="membership_events")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    change = models.CharField(max_length=16, choices=MembershipChange.choices)
    role = models.CharField(max_length=12, choices=GroupRole.choices, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.change} {self.member_id} in {self.group_id}"
