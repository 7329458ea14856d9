"""open_case, record_first_response and the permission queries other apps rely on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from halqa.moderation import queries
from halqa.moderation.cases import open_case, record_first_response
from halqa.moderation.enums import CaseKind, CaseState, SanctionKind
from halqa.moderation.models import Case, ModeratorStatus, Sanction

pytestmark = pytest.mark.django_db


def test_one_open_case_per_post_and_escalation(make_group: Any, make_post: Any) -> None:
    group = make_group()
    post = make_post(group)
    first = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)
    assert first.group == group
    assert first.urgency == 20
    again = open_case(kind=CaseKind.CRISIS, subject=post.author, reason="crisis:plan", post=post)
    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.kind == CaseKind.CRISIS
    assert again.urgency == 100
    # A milder kind later does not lower it.
    open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:other", post=post)
    again.refresh_from_db()
    assert again.kind == CaseKind.CRISIS
    assert Case.objects.count() == 1
    # Once resolved, a new case may open on the same post.
    Case.objects.filter(pk=first.pk).update(state=CaseState.RESOLVED)
    third = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:spam", post=post)
    assert third.pk != first.pk


def test_live_message_case_takes_the_room_group(make_group: Any, make_live_message: Any) -> None:
    group = make_group()
    message = make_live_message(group)
    case = open_case(
        kind=CaseKind.DANGER, subject=message.author, reason="flag:danger", live_message=message
    )
    assert case.group == group
    assert case.urgency == 80
    same = open_case(
        kind=CaseKind.FLAG, subject=message.author, reason="flag:spam", live_message=message
    )
    assert same.pk == case.pk


def test_record_first_response_sets_once(make_group: Any, make_post: Any, moderator: Any) -> None:
    post = make_post(make_group())
    case = open_case(kind=CaseKind.HELD, subject=post.author, reason="held:abuse", post=post)
    assert case.first_response_at is None
    record_first_response(case, moderator)
    first = case.first_response_at
    assert first is not None
    record_first_response(case, moderator)
    case.refresh_from_db()
    assert case.first_response_at == first


def test_moderator_queries(
    make_group: Any, make_member: Any, make_group_moderator: Any, moderator: Any
) -> None:
    group, other = make_group(), make_group()
    group_mod = make_group_moderator(group)
    member = make_member()
    assert queries.is_moderator_of(moderator, group)
    assert queries.is_moderator_of(moderator, None)
    assert queries.is_moderator_of(group_mod, group)
    assert not queries.is_moderator_of(group_mod, other)
    assert not queries.is_moderator_of(group_mod, None)
    assert not queries.is_moderator_of(member, group)
    assert not queries.is_moderator(member)
    assert queries.is_moderator(group_mod)

    assert list(queries.on_duty_moderators()) == []
    ModeratorStatus.objects.create(user=moderator, on_duty=True)
    ModeratorStatus.objects.create(user=group_mod, on_duty=True)
    ModeratorStatus.objects.create(user=member, on_duty=True)  # not a moderator: ignored
    assert set(queries.on_duty_moderators()) == {moderator, group_mod}
    case = open_case(kind=CaseKind.FLAG, subject=member, reason="flag:other", group=other)
    assert queries.on_duty_for(case) == [moderator]


def test_active_mute(make_group: Any, make_member: Any) -> None:
    group, other = make_group(), make_group()
    member = make_member()
    now = timezone.now()
    assert queries.active_mute(member, group) is None
    end = now + timedelta(hours=2)
    Sanction.objects.create(user=member, kind=SanctionKind.MUTE, group=group, ends_at=end)
    assert queries.active_mute(member, group) == end
    assert queries.active_mute(member, other) is None
    # Expired and lifted sanctions do not count.
    Sanction.objects.create(user=member, kind=SanctionKind.MUTE, ends_at=now - timedelta(minutes=1))
    Sanction.objects.create(
        user=member, kind=SanctionKind.SUSPENSION, ends_at=now + timedelta(days=3), lifted_at=now
    )
    assert queries.active_mute(member, other) is None
    suspension_end = now + timedelta(days=1)
    Sanction.objects.create(user=member, kind=SanctionKind.SUSPENSION, ends_at=suspension_end)
    assert queries.active_mute(member, other) == suspension_end
    Sanction.objects.create(user=member, kind=SanctionKind.BAN)
    assert queries.active_mute(member, other).year == 9999
    # Warnings never restrict.
    calm = make_member()
    Sanction.objects.create(user=calm, kind=SanctionKind.WARNING)
    assert queries.active_mute(calm, group) is None
