"""Reads of notifications, always scoped to their recipient."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.http import Http404

from halqa.accounts.models import User
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification, NotificationDisplay, NotificationPreference


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_counts(user_ids: Iterable[int]) -> dict[int, int]:
    """Unread counts of several members in one query; members with none are absent."""
    rows = (
        Notification.objects.filter(recipient_id__in=list(user_ids), read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values_list("recipient_id", "n")
    )
    return dict(rows)


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """Newest first, with what the text needs (actor and group) in the same query."""
    rows = Notification.objects.filter(recipient=user).select_related("actor", "group")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-id")


def access_notification(user: User, notification_id: int) -> Notification:
    """The member's own notification, or Http404 (another member's is never revealed)."""
    try:
        return Notification.objects.get(pk=notification_id, recipient=user)
    except Notification.DoesNotExist:
        raise Http404 from None


def preferences_of(user: User) -> dict[str, bool]:
    """Every kind with whether it is on; a kind without a stored row is on."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind.value: stored.get(kind.value, True) for kind in Kind}


def hides_names(user: User) -> bool:
    return NotificationDisplay.objects.filter(user=user, hide_names=True).exists()


def disabled_for(kind: str, user_ids: Iterable[int]) -> set[int]:
    """Which of these members turned `kind` off."""
    rows = NotificationPreference.objects.filter(
        kind=kind, enabled=False, user_id__in=list(user_ids)
    ).values_list("user_id", flat=True)
    return set(rows)
