"""Demo data: two members with goals, two weeks of check-ins and mood entries, partners who
share some of it, and one goal shared with a group. Idempotent: a second run adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from halqa.accounts.models import User
from halqa.groups.models import Group
from halqa.growth import actions, commitments, partners
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.models import Goal, GrowthSettings, Partnership

# (title, cadence, weekdays, times a week, reminder, pattern of the last 14 days, oldest first:
# "d" done, "n" not today, "." nothing)
GoalSpec = tuple[str, str, list[int], int, time | None, str]
GOALS: dict[str, tuple[str, list[GoalSpec]]] = {
    "قمر_الليل": (
        "Africa/Cairo",
        [
            ("المشي عشرين دقيقة بعد العصر", "daily", [], 1, time(17, 30), "dd.dndddd.ddddd"),
            ("تناول دوائي كما وُصف لي", "daily", [], 1, time(9, 0), "dddddddddddddd"),
            ("حضور جلستي العلاجية", "weekdays", [6], 1, None, "......d......d"),
        ],
    ),
    "MorningTea": (
        "Europe/London",
        [
            ("Sleep before midnight", "daily", [], 1, time(22, 30), "d.ddnd.dddd.dd"),
            ("Reach out to a friend", "weekly", [], 2, None, "..d...d..d....d"),
        ],
    ),
}
MOOD = {
    "قمر_الليل": [
        (2, ["anxious", "tired"]),
        (3, ["calm"]),
        (2, ["lonely"]),
        (3, []),
        (4, ["hopeful"]),
        (3, ["tired"]),
        (2, ["anxious"]),
        (3, ["calm"]),
        (4, ["grateful"]),
        (4, ["hopeful"]),
        (3, []),
        (4, ["calm", "grateful"]),
        (5, ["hopeful"]),
        (4, ["calm"]),
    ],
    "MorningTea": [
        (3, ["tired"]),
        (2, ["overwhelmed"]),
        (3, []),
        (3, ["calm"]),
        (2, ["sad", "tired"]),
        (3, ["content"]),
        (4, ["grateful"]),
        (3, []),
        (4, ["calm"]),
        (3, ["tired"]),
        (4, ["hopeful"]),
        (4, ["content"]),
        (3, []),
        (4, ["grateful"]),
    ],
}


def _goals(user: User, zone_name: str, specs: list[GoalSpec], now: datetime) -> list[Goal]:
    if not GrowthSettings.objects.filter(user=user).exists():
        actions.set_time_zone(user=user, time_zone=zone_name)
    goals = []
    for title, cadence, weekdays, times, reminder, pattern in specs:
        goal = Goal.objects.filter(owner=user, title=title).first()
        if goal is None:
            goal = actions.save_goal(
                owner=user,
                title=title,
                cadence=cadence,
                weekdays=weekdays,
                times_per_week=times,
                reminder_time=reminder,
            )
            goal.created_at = now - timedelta(days=len(pattern) + 1)
            goal.save(update_fields=["created_at"])
            _checkins(goal, pattern, now)
        goals.append(goal)
    return goals


def _checkins(goal: Goal, pattern: str, now: datetime) -> None:
    today = local_today(zone_of(goal.owner), now)
    for back, mark in enumerate(reversed(pattern)):
        day = today - timedelta(days=back)
        if mark in "dn" and goal.is_scheduled_on(day) and back > 0:
            status = "done" if mark == "d" else "not_today"
            actions.record_checkin(goal=goal, status=status, day=day, now=now)


def _mood(user: User, entries: list[tuple[int, list[str]]], now: datetime) -> None:
    if user.mood_entries.exists():
        return
    for back, (score, emotions) in enumerate(reversed(entries)):
        actions.log_mood(
            owner=user, score=score, emotions=emotions, now=now - timedelta(days=back, hours=2)
        )


def _partnership(
    first: User, second: User, first_goals: list[Goal], second_goals: list[Goal]
) -> None:
    if Partnership.objects.filter(inviter=first, invitee=second).exists():
        return
    partnership = partners.invite_partner(inviter=first, pseudonym=second.pseudonym)
    partners.accept(partnership=partnership, user=second)
    partners.set_share(
        partnership=partnership,
        user=first,
        goal_ids=[first_goals[0].pk],
        notes=False,
        mood=True,
        nudges=True,
    )
    partners.set_share(
        partnership=partnership,
        user=second,
        goal_ids=[g.pk for g in second_goals],
        notes=False,
        mood=False,
        nudges=True,
    )


def _commitment(goal: Goal) -> None:
    group = Group.objects.filter(memberships__user=goal.owner).order_by("slug").first()
    if group is not None:
        commitments.share_commitment(goal=goal, group=group)


def seed(users: dict[str, User], now: datetime) -> None:
    moon, tea = users["قمر_الليل"], users["MorningTea"]
    moon_goals = _goals(moon, *GOALS[moon.pseudonym], now)
    tea_goals = _goals(tea, *GOALS[tea.pseudonym], now)
    _mood(moon, MOOD["قمر_الليل"], now)
    _mood(tea, MOOD["MorningTea"], now)
    _partnership(moon, tea, moon_goals, tea_goals)
    _commitment(tea_goals[0])
