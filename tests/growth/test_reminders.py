"""Goal reminders: at the member's local time in Cairo, Riyadh, Casablanca and London, across
DST changes, exactly once per goal and local day. The clock is fixed; nothing sleeps."""

from datetime import UTC, datetime, time

import pytest

from halqa.growth import actions, tasks
from halqa.notifications.models import Notification


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def queued(backend):
    """The last queued reminder: (run_after, args)."""
    result = backend.results[-1]
    assert result.task.func is tasks.send_goal_reminder.func
    return result.task.run_after, result.args


def run_due(backend, clock):
    """What the worker does: at the queued moment, run the queued task."""
    run_after, args = queued(backend)
    clock.set(run_after)
    return tasks.send_goal_reminder.call(*args)


@pytest.fixture
def goal_in(make_member, clock, deferring_backend, django_capture_on_commit_callbacks):
    def make(country: str, at: time, now: datetime, **fields):
        clock.set(now)
        member = make_member(country=country)
        with django_capture_on_commit_callbacks(execute=True):
            goal = actions.save_goal(owner=member, title="Walk", reminder_time=at, **fields)
        return goal

    return make


@pytest.mark.parametrize(
    ("country", "first", "second"),
    [
        ("EG", utc(2026, 3, 10, 19), utc(2026, 3, 11, 19)),  # Cairo UTC+2
        ("SA", utc(2026, 3, 10, 18), utc(2026, 3, 11, 18)),  # Riyadh UTC+3
        ("MA", utc(2026, 3, 10, 21), utc(2026, 3, 11, 21)),  # Casablanca in Ramadan: UTC+0
        ("GB", utc(2026, 3, 10, 21), utc(2026, 3, 11, 21)),  # London in winter: UTC+0
    ],
)
def test_reminder_fires_at_local_time_once_and_queues_the_next(
    goal_in, deferring_backend, clock, country, first, second
):
    goal = goal_in(country, time(21, 0), utc(2026, 3, 10, 12))
    assert queued(deferring_backend)[0] == first
    assert run_due(deferring_backend, clock) is True
    assert Notification.objects.filter(recipient=goal.owner, kind="goal_reminder").count() == 1
    assert queued(deferring_backend)[0] == second
    # The same task delivered twice (a retry, two workers) sends nothing more.
    clock.set(first)
    _, args = deferring_backend.results[0].task.run_after, deferring_backend.results[0].args
    assert tasks.send_goal_reminder.call(*args) is False
    assert Notification.objects.filter(recipient=goal.owner).count() == 1
    assert Notification.objects.get(recipient=goal.owner).url == f"/growth/goals/{goal.pk}/"


@pytest.mark.parametrize(
    ("country", "now", "expected"),
    [
        # London springs forward on Sunday 29 March 2026: 09:00 local is 09:00, then 08:00 UTC.
        ("GB", utc(2026, 3, 28, 12), [utc(2026, 3, 29, 8), utc(2026, 3, 30, 8)]),
        # ... and falls back on Sunday 25 October: 08:00 UTC, then 09:00 UTC.
        ("GB", utc(2026, 10, 24, 12), [utc(2026, 10, 25, 9), utc(2026, 10, 26, 9)]),
        # Cairo starts summer time on Friday 24 April 2026 (UTC+2 -> UTC+3).
        ("EG", utc(2026, 4, 23, 12), [utc(2026, 4, 24, 6), utc(2026, 4, 25, 6)]),
        # ... and ends it at the end of Thursday 29 October (UTC+3 -> UTC+2).
        ("EG", utc(2026, 10, 29, 12), [utc(2026, 10, 30, 7), utc(2026, 10, 31, 7)]),
    ],
)
def test_reminder_follows_dst_changes(goal_in, deferring_backend, clock, country, now, expected):
    goal = goal_in(country, time(9, 0), now)
    moments = [queued(deferring_backend)[0]]
    for _ in expected[1:]:
        assert run_due(deferring_backend, clock) is True
        moments.append(queued(deferring_backend)[0])
    assert moments == expected
    assert Notification.objects.filter(recipient=goal.owner).count() == len(expected) - 1


def test_time_skipped_by_dst_lands_just_after_the_change(goal_in, deferring_backend):
    # 01:30 does not exist in London on 29 March 2026; the reminder comes at 02:30 BST.
    goal_in("GB", time(1, 30), utc(2026, 3, 28, 12))
    assert queued(deferring_backend)[0] == utc(2026, 3, 29, 1, 30)


def test_no_reminder_after_a_check_in_that_day(goal_in, deferring_backend, clock):
    goal = goal_in("SA", time(21, 0), utc(2026, 3, 10, 12))
    actions.record_checkin(goal=goal, status="not_today")
    assert run_due(deferring_backend, clock) is False
    assert not Notification.objects.exists()
    assert queued(deferring_backend)[0] == utc(2026, 3, 11, 18)


def test_weekday_goal_reminds_only_on_its_days(goal_in, deferring_backend, clock):
    # Tuesday 10 March 2026; the goal is for Mondays (0) and Thursdays (3).
    goal_in("EG", time(8, 0), utc(2026, 3, 10, 12), cadence="weekdays", weekdays=[0, 3])
    assert queued(deferring_backend)[0] == utc(2026, 3, 12, 6)
    run_due(deferring_backend, clock)
    assert queued(deferring_backend)[0] == utc(2026, 3, 16, 6)


def test_changed_or_paused_goal_stops_the_old_chain(
    goal_in, deferring_backend, clock, django_capture_on_commit_callbacks
):
    goal = goal_in("EG", time(21, 0), utc(2026, 3, 10, 12))
    old_run, old_args = queued(deferring_backend)
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_goal(owner=goal.owner, goal=goal, title="Walk", reminder_time=time(7, 0))
    assert queued(deferring_backend)[0] == utc(2026, 3, 11, 5)
    clock.set(old_run)
    assert tasks.send_goal_reminder.call(*old_args) is False  # the old version stops
    actions.set_goal_state(goal=goal, state="paused")
    run_after, args = queued(deferring_backend)
    clock.set(run_after)
    assert tasks.send_goal_reminder.call(*args) is False
    assert not Notification.objects.exists()


def test_a_late_worker_does_not_send_yesterdays_reminder(goal_in, deferring_backend, clock):
    goal = goal_in("EG", time(21, 0), utc(2026, 3, 10, 12))
    _, args = queued(deferring_backend)
    clock.set(utc(2026, 3, 11, 8))  # the worker was down overnight
    assert tasks.send_goal_reminder.call(*args) is False
    assert queued(deferring_backend)[0] == utc(2026, 3, 11, 19)
    assert not Notification.objects.filter(recipient=goal.owner).exists()


def test_an_early_worker_waits_for_the_moment(goal_in, deferring_backend, clock):
    goal_in("EG", time(21, 0), utc(2026, 3, 10, 12))
    run_after, args = queued(deferring_backend)
    clock.set(utc(2026, 3, 10, 13))
    assert tasks.send_goal_reminder.call(*args) is False
    assert queued(deferring_backend) == (run_after, args)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_each_reminder_once(make_member, clock, settings):
    """`halqa worker` (db_worker) against the database queue, with the clock moved by hand."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    clock.set(utc(2026, 3, 10, 12))
    member = make_member(country="SA")
    actions.save_goal(owner=member, title="Walk", reminder_time=time(21, 0))

    def work() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    work()
    assert not Notification.objects.exists()  # 18:00 UTC has not come yet
    clock.set(utc(2026, 3, 10, 18, 0, 5))
    work()
    work()
    assert Notification.objects.filter(recipient=member, kind="goal_reminder").count() == 1
    clock.set(utc(2026, 3, 11, 18, 0, 5))
    work()
    assert Notification.objects.filter(recipient=member).count() == 2


def test_requeue_command_restarts_every_chain_once(goal_in, deferring_backend, clock):
    from django.core.management import call_command

    goal = goal_in("EG", time(21, 0), utc(2026, 3, 10, 12))
    _, old_args = queued(deferring_backend)
    deferring_backend.clear()
    call_command("growth_requeue", verbosity=0)
    run_after, args = queued(deferring_backend)
    assert run_after == utc(2026, 3, 10, 19)
    clock.set(run_after)
    assert tasks.send_goal_reminder.call(*old_args) is False  # the old chain stops
    assert tasks.send_goal_reminder.call(*args) is True
    assert Notification.objects.filter(recipient=goal.owner).count() == 1
