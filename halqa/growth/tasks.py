"""Goal reminders, run by `halqa worker` at the member's local time.

Each active goal with a reminder time has one chain of queued tasks: a task sends the day's
reminder (at most once: a ReminderSent row per goal and local day guards it) and queues the
next one. Changing the goal bumps `reminder_version`, so an older queued task stops quietly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task, task_backends

from halqa.growth.enums import CheckInStatus, GoalState
from halqa.growth.localtime import at_local, local_today, week_start, zone_of
from halqa.growth.models import CheckIn, Goal, ReminderSent
from halqa.notifications.actions import notify
from halqa.notifications.enums import Kind

# A worker may pick a task up a little early; earlier than this, it waits for its moment.
EARLY = timedelta(seconds=30)


def next_occurrence(goal: Goal, now: datetime, after: date | None = None) -> tuple[date, datetime]:
    """The next local day (after `after`, if given) the goal asks for, and its reminder moment."""
    if goal.reminder_time is None:
        raise ValueError("the goal has no reminder time")
    zone = zone_of(goal.owner)
    day = local_today(zone, now) if after is None else after + timedelta(days=1)
    for _ in range(8):
        due = at_local(day, goal.reminder_time, zone)
        if goal.is_scheduled_on(day) and due > now:
            return day, due
        day += timedelta(days=1)
    raise ValueError("a goal with a reminder is scheduled at least once a week")


def schedule_goal_reminder(
    goal_id: int, now: datetime | None = None, after: date | None = None
) -> None:
    """Queue the goal's next reminder. A backend that cannot defer (tests' inline one) gets
    none rather than an early one."""
    goal = Goal.objects.select_related("owner").filter(pk=goal_id).first()
    if goal is None or goal.state != GoalState.ACTIVE or goal.reminder_time is None:
        return
    if not task_backends[send_goal_reminder.backend].supports_defer:
        return
    day, due = next_occurrence(goal, now or timezone.now(), after)
    send_goal_reminder.using(run_after=due).enqueue(goal.pk, goal.reminder_version, day.isoformat())


def still_needed(goal: Goal, day: date) -> bool:
    """No reminder once the member checked in that day, or met a weekly goal's target."""
    if CheckIn.objects.filter(goal=goal, day=day).exists():
        return False
    if goal.cadence == "weekly":
        start = week_start(day)
        done = CheckIn.objects.filter(
            goal=goal, day__gte=start, day__lte=day, status=CheckInStatus.DONE
        ).count()
        return done < goal.times_per_week
    return True


def deliver(goal: Goal, day: date) -> bool:
    """Send the reminder for `day` unless it went already; True when sent now."""
    if not still_needed(goal, day):
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(goal=goal, day=day)
            notify(
                recipient=goal.owner,
                kind=Kind.GOAL_REMINDER,
                url=reverse("growth:goal", args=[goal.pk]),
            )
    except IntegrityError:  # another run of the same reminder won the race
        return False
    return True


@task()
def send_goal_reminder(goal_id: int, version: int, day_iso: str) -> bool:
    """Remind the member of one goal on one local day, then queue the next day's reminder."""
    goal = Goal.objects.select_related("owner").filter(pk=goal_id).first()
    if goal is None or goal.reminder_version != version:
        return False  # deleted, or a newer chain took over
    if goal.state != GoalState.ACTIVE or goal.reminder_time is None:
        return False
    zone, now, day = zone_of(goal.owner), timezone.now(), date.fromisoformat(day_iso)
    due = at_local(day, goal.reminder_time, zone)
    if now < due - EARLY:
        send_goal_reminder.using(run_after=due).enqueue(goal_id, version, day_iso)
        return False
    # A worker that was down for a day does not send yesterday's reminder today.
    sent = local_today(zone, now) == day and deliver(goal, day)
    schedule_goal_reminder(
        goal.pk, now=now, after=max(day, local_today(zone, now) - timedelta(days=1))
    )
    return sent
