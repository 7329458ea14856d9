"""Trust levels and the limits that go with them.

Level 0 (new), 1 and 2 rise with the days since joining and the messages others could read;
each message a moderator removed, and each warning or heavier sanction not lifted on appeal, in
the last 90 days takes one level off; an operator's choice (MemberTrust) overrides it all. Staff
roles are trusted (level 2).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import npgettext_lazy

from halqa.accounts.enums import Role
from halqa.moderation.enums import ContentState
from halqa.trust.models import GroupPolicy, MemberTrust, SitePolicy

TOP_LEVEL = 2
UPHELD_WINDOW = timedelta(days=90)
TRUSTED_ROLES = frozenset({Role.FACILITATOR, Role.MODERATOR, Role.EXPERT, Role.OPERATOR})


def site_policy() -> SitePolicy:
    policy, _ = SitePolicy.objects.get_or_create(pk=1)
    return policy


def group_policy(group: Any) -> GroupPolicy | None:
    if group is None or group.pk is None:
        return None
    return GroupPolicy.objects.filter(group=group).first()


def _counts(user: Any) -> tuple[int, int]:
    """(published messages, messages removed by a moderator in the last 90 days)."""
    from halqa.conversations.models import Post
    from halqa.live.models import LiveMessage

    since = timezone.now() - UPHELD_WINDOW
    posts = Post.objects.filter(author=user)
    live = LiveMessage.objects.filter(author=user)
    published = posts.filter(state=ContentState.PUBLISHED, deleted_at__isnull=True).count()
    published += live.filter(state=ContentState.PUBLISHED).count()
    removed = posts.filter(state=ContentState.REMOVED, created_at__gte=since).count()
    removed += live.filter(state=ContentState.REMOVED, created_at__gte=since).count()
    return published, removed + _sanctions(user, since)


def _sanctions(user: Any, since: Any) -> int:
    """Warnings and heavier sanctions of the last 90 days that an appeal did not lift."""
    from halqa.moderation.enums import SanctionKind
    from halqa.moderation.models import Sanction

    heavier = [kind for kind in SanctionKind if kind != SanctionKind.FEEDBACK]
    return Sanction.objects.filter(
        user=user, kind__in=heavier, starts_at__gte=since, lifted_at__isnull=True
    ).count()


def computed_level(user: Any, policy: SitePolicy | None = None) -> int:
    policy = policy or site_policy()
    if user.role in TRUSTED_ROLES:
        return TOP_LEVEL
    days = (timezone.now() - user.date_joined).days
    published, removed = _counts(user)
    level = 0
    if days >= policy.level1_days and published >= policy.level1_posts:
        level = 1
    if days >= policy.level2_days and published >= policy.level2_posts:
        level = 2
    return max(0, level - removed)


def level_of(user: Any, policy: SitePolicy | None = None) -> int:
    """The member's trust level now: the operator's choice, else computed."""
    chosen = MemberTrust.objects.filter(user=user).values_list("level", flat=True).first()
    return chosen if chosen is not None else computed_level(user, policy)


def per_minute(policy: SitePolicy, level: int) -> int:
    return [policy.per_minute_level0, policy.per_minute_level1, policy.per_minute_level2][
        min(max(level, 0), TOP_LEVEL)
    ]


class RateLimited(ValidationError):
    """Too many messages in the last minute for the member's level; nothing was stored."""

    def __init__(self, retry_after: int, *, field: str = "body") -> None:
        self.retry_after = retry_after
        message = npgettext_lazy(
            "message error",
            "You are posting quickly: please wait %(count)d second and send again. "
            "Your message is still here.",
            "You are posting quickly: please wait %(count)d seconds and send again. "
            "Your message is still here.",
            "count",
        )
        error = ValidationError(message, code="rate_limited", params={"count": retry_after})
        super().__init__({field: error})


def check_post_rate(user: Any, level: int, policy: SitePolicy, *, field: str = "body") -> None:
    """Thread posts in the last minute against the level's limit (RateLimited when over)."""
    from halqa.conversations.models import Post

    now = timezone.now()
    recent = list(
        Post.objects.filter(author=user, created_at__gt=now - timedelta(minutes=1))
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: per_minute(policy, level)]
    )
    if len(recent) < per_minute(policy, level):
        return
    wait = 60 - (now - recent[-1]).total_seconds()
    raise RateLimited(max(1, math.ceil(wait)), field=field)


def live_wait(user: Any, session_id: int, level: int, policy: SitePolicy) -> int:
    """Seconds a level-0 member must still wait before their next live message (0: none)."""
    from halqa.live.models import LiveMessage

    if level > 0 or not policy.live_seconds_level0:
        return 0
    last = (
        LiveMessage.objects.filter(session_id=session_id, author=user)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is None:
        return 0
    remaining = policy.live_seconds_level0 - (timezone.now() - last).total_seconds()
    return max(0, math.ceil(remaining))
