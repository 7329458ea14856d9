"""Background work for live sessions: the "starting soon" reminder, run by `halqa worker`."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks import task, task_backends

from halqa.accounts.models import User
from halqa.live.models import LiveSession
from halqa.notifications.actions import notify_many
from halqa.notifications.enums import Kind

REMIND_BEFORE = timedelta(minutes=15)


@task()
def remind_session_soon(session_id: int) -> int:
    """Tell the group's members that a session starts soon; nothing if it has ended."""
    session = LiveSession.objects.select_related("group").filter(pk=session_id).first()
    if session is None or session.ends_at <= timezone.now():
        return 0
    members = User.objects.filter(memberships__group=session.group, is_active=True)
    return notify_many(
        recipients=members,
        kind=Kind.SESSION_SOON,
        url=reverse("live:room", args=[session.pk]),
        group=session.group,
    )


def schedule_reminder(session: LiveSession) -> None:
    """Queue the reminder for 15 minutes before the start, or now if that moment has passed.

    A backend that cannot defer (the inline one used in tests) gets no future reminder rather
    than an early one.
    """
    when = session.starts_at - REMIND_BEFORE
    if when <= timezone.now():
        if session.starts_at > timezone.now():
            remind_session_soon.enqueue(session.pk)
        return
    if task_backends[remind_session_soon.backend].supports_defer:
        remind_session_soon.using(run_after=when).enqueue(session.pk)
