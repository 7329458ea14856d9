"""Flags: one per member per item, many flags one case, rate limit, out-of-hours auto-hide."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.moderation import actions
from halqa.moderation.actions import Refused
from halqa.moderation.enums import Action, CaseKind, ContentState
from halqa.moderation.flags import flag
from halqa.moderation.models import AuditEntry, Case, Flag
from halqa.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_dedup_and_one_case(make_group: Any, make_post: Any, make_member: Any) -> None:
    post = make_post(make_group())
    a, b = make_member(), make_member()
    first, created = flag(reporter=a, reason="spam", note="links everywhere", post=post)
    assert created
    assert first.note == "links everywhere"
    assert "links" not in first.note_encrypted
    again, created = flag(reporter=a, reason="abuse", post=post)
    assert not created
    assert again.pk == first.pk
    flag(reporter=b, reason="abuse", post=post)
    case = Case.objects.get()
    assert case.flag_count == 2
    assert case.kind == CaseKind.FLAG
    assert Flag.objects.count() == 2


def test_danger_opens_an_urgent_case(make_group: Any, make_post: Any, make_member: Any) -> None:
    post = make_post(make_group())
    flag(reporter=make_member(), reason="spam", post=post)
    flag(reporter=make_member(), reason="danger", post=post)
    case = Case.objects.get()
    assert case.kind == CaseKind.DANGER
    assert case.urgency == 80


def test_cannot_flag_oneself_or_with_a_bad_reason(make_group: Any, make_post: Any) -> None:
    post = make_post(make_group())
    with pytest.raises(Refused):
        flag(reporter=post.author, reason="spam", post=post)
    with pytest.raises(Refused):
        flag(reporter=post.author, reason="nonsense", member=post.author)


def test_rate_limit(make_group: Any, make_post: Any, make_member: Any, settings: Any) -> None:
    settings.FLAGS_PER_HOUR = 3
    group = make_group()
    reporter = make_member()
    for _ in range(3):
        flag(reporter=reporter, reason="spam", post=make_post(group))
    with pytest.raises(Refused) as refused:
        flag(reporter=reporter, reason="spam", post=make_post(group))
    assert refused.value.code == "rate"
    assert Flag.objects.count() == 3


def test_member_flag(make_member: Any) -> None:
    target, a, b = make_member(), make_member(), make_member()
    flag(reporter=a, reason="harassment", member=target)
    flag(reporter=b, reason="harassment", member=target)
    case = Case.objects.get()
    assert case.subject == target
    assert case.post is None
    assert case.flag_count == 2


def _three_flags(post: Any, make_member: Any) -> None:
    for _ in range(3):
        flag(reporter=make_member(), reason="abuse", post=post)


def test_out_of_hours_auto_hide(
    make_group: Any, make_post: Any, make_member: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.FLAGS_TO_HIDE = 3
    monkeypatch.setattr("halqa.moderation.flags._is_out_of_hours", lambda: True)
    post = make_post(make_group())
    _three_flags(post, make_member)
    post.refresh_from_db()
    assert post.state == ContentState.HIDDEN
    entry = AuditEntry.objects.get(action=Action.AUTO_HIDE)
    assert entry.actor is None
    assert Notification.objects.filter(recipient=post.author, kind="moderation").exists()
    # A moderator dismisses: the message comes back and the reporters are told.
    moderator = make_member(role="moderator")
    actions.dismiss(Case.objects.get(), moderator, reason="no rule broken")
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED
    assert Notification.objects.filter(kind="report_outcome").count() == 3


def test_in_hours_no_auto_hide(
    make_group: Any, make_post: Any, make_member: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.FLAGS_TO_HIDE = 3
    monkeypatch.setattr("halqa.moderation.flags._is_out_of_hours", lambda: False)
    post = make_post(make_group())
    _three_flags(post, make_member)
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED


def test_out_of_hours_from_the_setting(
    make_group: Any, make_post: Any, make_member: Any, settings: Any
) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    start, end = now + timedelta(hours=1), now + timedelta(hours=2)
    settings.MODERATION_HOURS = f"{start:%H:%M}-{end:%H:%M}"
    settings.MODERATION_TIME_ZONE = "UTC"
    settings.FLAGS_TO_HIDE = 2
    post = make_post(make_group())
    flag(reporter=make_member(), reason="spam", post=post)
    flag(reporter=make_member(), reason="danger", post=post)  # danger flags never hide
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED
    flag(reporter=make_member(), reason="spam", post=post)
    post.refresh_from_db()
    assert post.state == ContentState.HIDDEN


def test_danger_flag_out_of_hours_calls_the_on_call_list(
    make_group: Any,
    make_post: Any,
    make_member: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    start, end = now + timedelta(hours=1), now + timedelta(hours=2)
    settings.MODERATION_HOURS = f"{start:%H:%M}-{end:%H:%M}"
    settings.MODERATION_TIME_ZONE = "UTC"
    operator = make_member(role="operator")
    post = make_post(make_group())
    with django_capture_on_commit_callbacks(execute=True):
        flag(reporter=make_member(), reason="danger", post=post)
    note = Notification.objects.get(recipient=operator)
    assert note.kind == "case_urgent"
    assert note.url.endswith(f"/{Case.objects.get().pk}/")
