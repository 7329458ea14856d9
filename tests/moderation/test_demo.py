"""The demo seeds a calm evening's queue, once."""

from __future__ import annotations

import pytest

from halqa.moderation.enums import CaseState
from halqa.moderation.models import AuditEntry, Case, Flag, ModeratorStatus

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent() -> None:
    from halqa.core.demo import seed_demo

    seed_demo()
    flags, cases, entries = Flag.objects.count(), Case.objects.count(), AuditEntry.objects.count()
    assert flags == 3
    assert ModeratorStatus.objects.get(user__pseudonym="زيتونة").on_duty
    assert all(flag.case_id for flag in Flag.objects.all())
    handled = Case.objects.get(flags__reporter__pseudonym="MorningTea")
    assert handled.state == CaseState.RESOLVED
    assert handled.first_response_at is not None
    danger = Case.objects.get(flags__reason="danger")
    assert danger.state == CaseState.OPEN
    assert danger.urgency >= 80
    seed_demo()
    assert (Flag.objects.count(), Case.objects.count(), AuditEntry.objects.count()) == (
        flags,
        cases,
        entries,
    )
