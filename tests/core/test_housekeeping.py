"""The worker's chores (halqa.core.housekeeping): the escalation sweep every minute, expired
sessions cleared hourly; run in `halqa worker` so an installation needs no cron to stay safe."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.test import override_settings
from django.utils import timezone

from halqa.accounts.models import MemberSession
from halqa.accounts.sessions import SessionStore
from halqa.core.housekeeping import Housekeeping
from halqa.moderation.enums import CaseKind
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification

MINUTE = datetime.timedelta(minutes=1)


def _session(expired: bool) -> str:
    store = SessionStore()
    store["note"] = "x"
    store.set_expiry(-60 if expired else 3600)
    store.create()
    assert store.session_key is not None
    return store.session_key


@override_settings(CRISIS_ESCALATE_MINUTES=10, MODERATION_HOURS="")
def test_an_unanswered_urgent_case_escalates_once_and_expired_sessions_go(
    make_member: Callable[..., Any],
) -> None:
    from halqa.moderation.cases import open_case

    operator = make_member(role="operator")
    case = open_case(kind=CaseKind.CRISIS, subject=make_member(), reason="crisis:plan", urgency=100)
    _session(expired=True)
    live = _session(expired=False)
    chores = Housekeeping()

    chores.run_due(now=case.opened_at + 9 * MINUTE)
    assert not Notification.objects.filter(kind=Kind.CASE_ESCALATED).exists()
    assert set(MemberSession.objects.values_list("session_key", flat=True)) == {live}

    chores.run_due(now=case.opened_at + 10 * MINUTE)
    chores.run_due(now=case.opened_at + 11 * MINUTE)
    escalated = Notification.objects.filter(kind=Kind.CASE_ESCALATED)
    assert list(escalated.values_list("recipient", flat=True)) == [operator.pk]
    assert chores.escalated == 1


def test_sessions_are_cleared_hourly_not_every_minute(db: None) -> None:
    chores = Housekeeping()
    start = timezone.now()
    chores.run_due(now=start)
    expired = _session(expired=True)
    chores.run_due(now=start + 59 * MINUTE)
    assert MemberSession.objects.filter(session_key=expired).exists()
    chores.run_due(now=start + 60 * MINUTE)
    assert not MemberSession.objects.filter(session_key=expired).exists()
