"""Every write to goals, check-ins, mood entries and growth settings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from halqa.accounts.models import User
from halqa.growth import tasks
from halqa.growth.enums import Cadence, CheckInStatus, Emotion, GoalState, Template
from halqa.growth.localtime import default_zone_name, local_today, valid_zone_names, zone_of
from halqa.growth.models import CheckIn, Goal, GrowthSettings, MoodEntry

NOTE_MAX = 2000
TITLE_MAX = 120


def _invalid(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_note(note: str) -> str:
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > NOTE_MAX:
        message = pgettext("growth error", "Please keep the note under %(limit)d characters.")
        raise _invalid("note", message % {"limit": NOTE_MAX}, "too_long")
    return note


def ensure_settings(user: User) -> GrowthSettings:
    row, _ = GrowthSettings.objects.get_or_create(
        user=user, defaults={"time_zone": default_zone_name(user.country)}
    )
    return row


@transaction.atomic
def set_time_zone(*, user: User, time_zone: str) -> GrowthSettings:
    if time_zone not in valid_zone_names():
        raise _invalid(
            "time_zone", pgettext("growth error", "Please choose a time zone from the list.")
        )
    row = ensure_settings(user)
    row.time_zone = time_zone
    row.save(update_fields=["time_zone"])
    for goal in Goal.objects.filter(owner=user, reminder_time__isnull=False):
        _reschedule(goal)
    return row


def _reschedule(goal: Goal) -> None:
    """A new reminder chain; any queued reminder of the old version will stop by itself."""
    goal.reminder_version += 1
    goal.save(update_fields=["reminder_version"])
    if goal.reminder_time is not None and goal.state == GoalState.ACTIVE:
        transaction.on_commit(lambda: tasks.schedule_goal_reminder(goal.pk))


def _clean_goal(
    title: str, template: str, cadence: str, weekdays: Iterable[int], times_per_week: int
) -> tuple[str, list[int]]:
    title = " ".join((title or "").replace("\x00", "").split())  # PostgreSQL refuses NUL
    if not title and template in Template.values:
        title = str(Template(template).label)
    if not title:
        raise _invalid(
            "title", pgettext("growth error", "Please give your goal a few words."), "empty"
        )
    if len(title) > TITLE_MAX:
        message = pgettext("growth error", "Please keep the goal under %(limit)d characters.")
        raise _invalid("title", message % {"limit": TITLE_MAX}, "too_long")
    if cadence not in Cadence.values:
        raise _invalid("cadence", pgettext("growth error", "Please choose how often."))
    days = sorted({int(day) for day in weekdays if 0 <= int(day) <= 6})
    if cadence == Cadence.WEEKDAYS and not days:
        raise _invalid("weekdays", pgettext("growth error", "Please choose at least one day."))
    if cadence == Cadence.WEEKLY and not 1 <= times_per_week <= 7:
        raise _invalid(
            "times_per_week", pgettext("growth error", "Please choose from 1 to 7 times.")
        )
    return title, days if cadence == Cadence.WEEKDAYS else []


@transaction.atomic
def save_goal(
    *,
    owner: User,
    title: str,
    template: str = "",
    cadence: str = Cadence.DAILY,
    weekdays: Iterable[int] = (),
    times_per_week: int = 1,
    reminder_time: time | None = None,
    goal: Goal | None = None,
) -> Goal:
    """Create a goal, or change `goal` (which must come from queries.access_own_goal)."""
    title, days = _clean_goal(title, template, cadence, weekdays, times_per_week)
    if reminder_time is not None and reminder_time.tzinfo is not None:
        # The reminder is a time of the member's own day, in the zone of their settings; a
        # time carrying its own zone has no single meaning across days (and SQLite refuses it).
        message = pgettext(
            "growth error",
            "Give the time without a time zone: reminders follow the time zone in your settings.",
        )
        raise _invalid("reminder_time", message)
    ensure_settings(owner)
    goal = goal or Goal(owner=owner)
    before = (goal.reminder_time, goal.cadence, goal.weekdays, goal.times_per_week)
    changed = goal.pk is None or before != (reminder_time, cadence, days, times_per_week)
    goal.title, goal.template, goal.cadence, goal.weekdays = title, template or "", cadence, days
    goal.times_per_week = times_per_week if cadence == Cadence.WEEKLY else 1
    goal.reminder_time = reminder_time
    goal.save()
    if changed:
        _reschedule(goal)
    return goal


@transaction.atomic
def set_goal_state(*, goal: Goal, state: str) -> Goal:
    """Pause, put away or bring back a goal; its check-ins stay."""
    goal.state = GoalState(state)
    goal.save(update_fields=["state"])
    _reschedule(goal)
    return goal


@transaction.atomic
def delete_goal(*, goal: Goal) -> None:
    goal.delete()


@transaction.atomic
def record_checkin(
    *, goal: Goal, status: str, note: str = "", day: date | None = None, now: datetime | None = None
) -> CheckIn:
    """The goal's check-in for a local day (today by default); a second one that day replaces
    the first. `goal` must come from queries.access_own_goal."""
    if status not in CheckInStatus.values:
        raise _invalid("status", pgettext("growth error", "Please choose done or not today."))
    if goal.state != GoalState.ACTIVE:
        message = pgettext("growth error", "This goal is resting. Bring it back to check in.")
        raise _invalid("status", message, "not_active")
    today = local_today(zone_of(goal.owner), now)
    day = day or today
    if day > today:
        raise _invalid(
            "day", pgettext("growth error", "You can check in for today or earlier days.")
        )
    checkin = CheckIn.objects.filter(goal=goal, day=day).first() or CheckIn(goal=goal, day=day)
    checkin.status = status
    checkin.note = _clean_note(note)
    checkin.save()
    return checkin


@transaction.atomic
def log_mood(
    *,
    owner: User,
    score: int,
    emotions: Iterable[str] = (),
    note: str = "",
    now: datetime | None = None,
) -> MoodEntry:
    if not 1 <= int(score) <= 5:
        raise _invalid("score", pgettext("growth error", "Please choose a mood from 1 to 5."))
    tags = list(dict.fromkeys(emotions))
    if any(tag not in Emotion.values for tag in tags):
        raise _invalid(
            "emotions", pgettext("growth error", "Please choose feelings from the list.")
        )
    ensure_settings(owner)
    moment = now or timezone.now()
    entry = MoodEntry(owner=owner, score=int(score), emotions=tags, created_at=moment)
    entry.day = local_today(zone_of(owner), moment)
    entry.note = _clean_note(note)
    entry.save()
    return entry


@transaction.atomic
def delete_mood(*, entry: MoodEntry) -> None:
    entry.delete()


# Shown on the goals page: kind words for each state, never blame.
STATE_SENTENCES: dict[str, Promise] = {
    GoalState.PAUSED: pgettext_lazy("goal state sentence", "Paused — come back whenever you like."),
    GoalState.ARCHIVED: pgettext_lazy(
        "goal state sentence", "Put away — it stays here if you want it again."
    ),
}
