"""Every write to notifications. Callers pass who, where and what kind — never content."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from halqa.accounts.models import User
from halqa.notifications import events, queries
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification, NotificationDisplay, NotificationPreference

if TYPE_CHECKING:
    from halqa.groups.models import Group

URL_MAX = 300


def _checked_url(url: str) -> str:
    """Only a path on this site: the list redirects to it."""
    if not url.startswith("/") or url.startswith(("//", "/\\")) or len(url) > URL_MAX:
        raise ValueError("a notification url must be a local path of at most 300 characters")
    return url


def _recipients(recipients: Iterable[User], kind: str, actor: User | None) -> list[User]:
    """Those who get it: not on a break, not the actor, not having turned the kind off."""
    actor_id = actor.pk if actor is not None else None
    people = {
        user.pk: user
        for user in recipients
        if user.is_active and not user.on_break and user.pk != actor_id
    }
    off = queries.disabled_for(kind, people)
    return [user for pk, user in people.items() if pk not in off]


@transaction.atomic
def notify(
    *,
    recipient: User,
    kind: str,
    url: str,
    actor: User | None = None,
    group: Group | None = None,
) -> Notification | None:
    """Store one notification and push the badge after commit; None when the recipient is
    on a break, is the actor, or turned this kind off. Runs inside the caller's transaction.

    `url` is a local path made of slugs and ids, never of words a member wrote: it shows in
    the address bar. Each call stores its own row: callers decide what is worth repeating.
    """
    kind = Kind(kind)
    url = _checked_url(url)
    if not _recipients([recipient], kind, actor):
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, url=url, actor=actor, group=group
    )
    events.unread_on_commit([recipient.pk])
    return notification


@transaction.atomic
def notify_many(
    *,
    recipients: Iterable[User],
    kind: str,
    url: str,
    actor: User | None = None,
    group: Group | None = None,
) -> int:
    """`notify` for many members at once (a few queries, whatever their number); returns
    how many were notified."""
    kind = Kind(kind)
    url = _checked_url(url)
    people = _recipients(recipients, kind, actor)
    now = timezone.now()
    rows = [
        Notification(recipient=user, kind=kind, url=url, actor=actor, group=group, created_at=now)
        for user in people
    ]
    Notification.objects.bulk_create(rows, batch_size=500)
    events.unread_on_commit(row.recipient_id for row in rows)
    return len(people)


@transaction.atomic
def mark_read(*, notification: Notification) -> Notification:
    """`notification` must come from queries.access_notification."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        events.unread_on_commit([notification.recipient_id])
    return notification


@transaction.atomic
def mark_all_read(*, user: User) -> int:
    """Returns how many were unread."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        events.unread_on_commit([user.pk])
    return count


@transaction.atomic
def set_preferences(
    *, user: User, enabled: Mapping[str, bool], hide_names: bool | None = None
) -> None:
    """Store the member's choice for each kind given (unknown kinds raise ValueError) and,
    when given, whether notifications hide who and which group."""
    for kind, on in enabled.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=Kind(kind), defaults={"enabled": on}
        )
    if hide_names is not None:
        NotificationDisplay.objects.update_or_create(user=user, defaults={"hide_names": hide_names})
