"""`halqa worker` runs queued tasks from the database, and leaves deferred ones for later."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from halqa.groups.models import Group, Membership
from halqa.live.models import LiveSession
from halqa.live.tasks import remind_session_soon
from halqa.notifications.models import Notification


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def session(make_member):
    group = Group.objects.create(slug="evening", name="Evening", description="d")
    for name in ("first_member", "second_member"):
        Membership.objects.create(group=group, user=make_member(pseudonym=name))
    now = timezone.now()
    return LiveSession.objects.create(
        group=group,
        title="Circle",
        starts_at=now + timedelta(minutes=10),
        ends_at=now + timedelta(hours=1),
        facilitator=None,
    )


@pytest.mark.django_db(transaction=True)
def test_worker_runs_due_tasks_and_keeps_deferred_ones(database_tasks, session):
    remind_session_soon.enqueue(session.pk)
    later = remind_session_soon.using(run_after=timezone.now() + timedelta(hours=1))
    deferred = later.enqueue(session.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert Notification.objects.filter(kind="session_soon").count() == 2
    deferred.refresh()
    assert deferred.status == "READY"
