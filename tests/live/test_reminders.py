from datetime import timedelta

import pytest
from django.utils import timezone

from halqa.live import tasks
from halqa.live.actions import schedule_session
from halqa.notifications.models import Notification


@pytest.fixture
def deferring_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_schedule_session_queues_a_reminder_fifteen_minutes_before(
    room, deferring_backend, django_capture_on_commit_callbacks
):
    starts = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule_session(
            by=room["lead"],
            group=room["group"],
            title="Sunday circle",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    (result,) = deferring_backend.results
    assert result.task.func is tasks.remind_session_soon.func
    assert result.args == [session.pk]
    assert result.task.run_after == starts - tasks.REMIND_BEFORE


def test_reminder_notifies_members_without_content(room):
    count = tasks.remind_session_soon.call(room["session"].pk)
    assert count == 3  # the facilitator and both members; not the outsider
    note = Notification.objects.get(recipient=room["amal"])
    assert note.kind == "session_soon"
    assert note.url == f"/live/{room['session'].pk}/"
    assert not Notification.objects.filter(recipient=room["outsider"]).exists()


def test_reminder_for_an_ended_or_missing_session_does_nothing(room):
    session = room["session"]
    session.ends_at = timezone.now() - timedelta(minutes=1)
    session.save(update_fields=["ends_at"])
    assert tasks.remind_session_soon.call(session.pk) == 0
    assert tasks.remind_session_soon.call(999_999) == 0
    assert not Notification.objects.exists()
