"""Escalation: unanswered urgent cases reach operators and the on-call list exactly once after
HALQA_CRISIS_ESCALATE_MINUTES; out of hours they go to the on-call list at once."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from halqa.moderation.cases import open_case, record_first_response
from halqa.moderation.enums import CaseKind, CaseState
from halqa.moderation.models import Case
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification
from halqa.safety import escalation
from halqa.safety.enums import AlertReason
from halqa.safety.models import CaseAlert
from tests.safety.conftest import on_duty

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def staff(make_member: Callable[..., Any]) -> dict[str, Any]:
    return {
        "operator": make_member(pseudonym="Lantern", role="operator"),
        "night": make_member(pseudonym="night_owl", role="moderator"),
        "day": on_duty(make_member(pseudonym="day_mod", role="moderator")),
    }


def _escalated_to() -> set[str]:
    notes = Notification.objects.filter(kind=Kind.CASE_ESCALATED).select_related("recipient")
    return {note.recipient.pseudonym for note in notes}


@override_settings(CRISIS_ESCALATE_MINUTES=10, ON_CALL=["night_owl"])
def test_unanswered_case_escalates_exactly_once_after_the_configured_time(
    crisis_case: Callable[..., Any], staff: dict[str, Any]
) -> None:
    case = crisis_case()
    opened = case.opened_at
    assert escalation.sweep(now=opened + 9 * MINUTE) == 0
    assert not Notification.objects.filter(kind=Kind.CASE_ESCALATED).exists()
    assert escalation.sweep(now=opened + 10 * MINUTE) == 1
    assert _escalated_to() == {"Lantern", "night_owl"}
    assert escalation.sweep(now=opened + 30 * MINUTE) == 0
    assert escalation.escalate(case, now=opened + 31 * MINUTE) == 0
    assert Notification.objects.filter(kind=Kind.CASE_ESCALATED).count() == 2
    note = Notification.objects.filter(kind=Kind.CASE_ESCALATED).first()
    assert note is not None
    assert note.url == f"/moderation/cases/{case.pk}/"


@override_settings(CRISIS_ESCALATE_MINUTES=5)
def test_scheduled_task_escalates_once_and_not_early(
    crisis_case: Callable[..., Any], staff: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = crisis_case()
    clock = {"now": case.opened_at + 4 * MINUTE}
    monkeypatch.setattr(escalation.timezone, "now", lambda: clock["now"])
    assert escalation.escalate_if_unanswered.call(case.pk) == 0
    clock["now"] = case.opened_at + 5 * MINUTE
    assert escalation.escalate_if_unanswered.call(case.pk) == 1  # the operator (no on-call list)
    assert escalation.escalate_if_unanswered.call(case.pk) == 0
    assert _escalated_to() == {"Lantern"}


@override_settings(CRISIS_ESCALATE_MINUTES=10)
def test_answered_or_resolved_or_not_urgent_cases_never_escalate(
    crisis_case: Callable[..., Any], staff: dict[str, Any], make_member: Callable[..., Any]
) -> None:
    answered, resolved = crisis_case(), crisis_case()
    record_first_response(answered, staff["day"])
    Case.objects.filter(pk=resolved.pk).update(state=CaseState.RESOLVED)
    open_case(kind=CaseKind.FLAG, subject=make_member(), reason="flag:spam")
    later = timezone.now() + 60 * MINUTE
    assert escalation.sweep(now=later) == 0
    assert not CaseAlert.objects.exists()


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    CRISIS_ESCALATE_MINUTES=10,
)
def test_watch_schedules_the_check_for_when_the_case_is_due(
    crisis_case: Callable[..., Any], staff: dict[str, Any]
) -> None:
    from django_tasks import default_task_backend

    case = crisis_case()
    escalation.watch(case)
    [result] = default_task_backend.results  # type: ignore[attr-defined]
    assert result.task.run_after == case.opened_at + 10 * MINUTE
    assert result.args == [case.pk]


@override_settings(
    MODERATION_HOURS="09:00-21:00", MODERATION_TIME_ZONE="UTC", ON_CALL=["night_owl"]
)
def test_out_of_hours_urgent_case_goes_to_the_on_call_list_at_once(
    crisis_case: Callable[..., Any], staff: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    three_am = datetime.datetime(2026, 11, 24, 3, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr("halqa.safety.hours.timezone.now", lambda: three_am)
    case = crisis_case()
    escalation.watch(case)
    escalation.watch(case)  # a second open (raised urgency) alerts no one again
    notes = Notification.objects.filter(kind=Kind.CASE_URGENT).select_related("recipient")
    assert [note.recipient.pseudonym for note in notes] == ["night_owl"]
    assert CaseAlert.objects.get().reason == AlertReason.OUT_OF_HOURS


@override_settings(MODERATION_HOURS="", ON_CALL=[])
def test_no_one_on_duty_calls_the_operators(
    crisis_case: Callable[..., Any], staff: dict[str, Any]
) -> None:
    on_duty(staff["day"], False)
    escalation.watch(crisis_case())
    notes = Notification.objects.filter(kind=Kind.CASE_URGENT).select_related("recipient")
    assert [note.recipient.pseudonym for note in notes] == ["Lantern"]
    assert CaseAlert.objects.get().reason == AlertReason.NO_ONE_ON_DUTY


@override_settings(MODERATION_HOURS="")
def test_in_hours_with_a_moderator_on_duty_no_one_else_is_called(
    crisis_case: Callable[..., Any], staff: dict[str, Any]
) -> None:
    escalation.watch(crisis_case())
    assert not Notification.objects.filter(kind=Kind.CASE_URGENT).exists()


@override_settings(ON_CALL=["night_owl", "not_staff", "nobody_at_all"])
def test_on_call_keeps_only_active_staff_and_falls_back_to_operators(
    staff: dict[str, Any], make_member: Callable[..., Any]
) -> None:
    make_member(pseudonym="not_staff")
    assert [user.pseudonym for user in escalation.on_call()] == ["night_owl"]
    with override_settings(ON_CALL=["not_staff"]):
        assert [user.pseudonym for user in escalation.on_call()] == ["Lantern"]


@override_settings(CRISIS_ESCALATE_MINUTES=1)
def test_escalate_command_runs_the_sweep(
    crisis_case: Callable[..., Any], staff: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    case = crisis_case()
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - 2 * MINUTE)
    call_command("escalate_urgent_cases")
    assert "1 urgent case(s) escalated" in capsys.readouterr().out
    assert _escalated_to() == {"Lantern"}


@override_settings(MODERATION_HOURS="")
def test_open_crisis_case_watches_the_case_after_commit(
    make_group: Callable[..., Any],
    make_post: Callable[..., Any],
    make_member: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from halqa.safety.crisis import open_crisis_case

    make_member(pseudonym="Lantern", role="operator")
    post = make_post(make_group())
    with django_capture_on_commit_callbacks(execute=True):
        open_crisis_case(author=post.author, level="plan", post=post)
    assert CaseAlert.objects.get().reason == AlertReason.NO_ONE_ON_DUTY
    assert Notification.objects.filter(kind=Kind.CASE_URGENT).count() == 1


@override_settings(MODERATION_HOURS="")
def test_a_failing_alert_never_reaches_the_member_who_posted(
    make_group: Callable[..., Any],
    make_post: Callable[..., Any],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from halqa.safety.crisis import open_crisis_case

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("notifications are down")

    monkeypatch.setattr(escalation, "notify_many", broken)
    post = make_post(make_group())
    with django_capture_on_commit_callbacks(execute=True):
        case = open_crisis_case(author=post.author, level="plan", post=post)
    assert case is not None
    assert Case.objects.filter(pk=case.pk).exists()
