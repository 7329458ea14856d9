"""Permission-checked lookups and multi-row reads. Another member's goal, check-in or mood
entry is never found: Http404, as if it did not exist."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from halqa.accounts.models import User
from halqa.growth import stats
from halqa.growth.enums import CheckInStatus, GoalState, PartnershipState
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.models import CheckIn, Goal, MoodEntry, PartnerShare, Partnership

HISTORY_DAYS = 14


def access_own_goal(user: User, goal_id: int) -> Goal:
    goal = Goal.objects.filter(pk=goal_id, owner=user).first()
    if goal is None:
        raise Http404
    return goal


def access_own_mood(user: User, entry_id: int) -> MoodEntry:
    entry = MoodEntry.objects.filter(pk=entry_id, owner=user).first()
    if entry is None:
        raise Http404
    return entry


def goals_of(user: User, *, states: tuple[str, ...] = tuple(GoalState.values)) -> QuerySet[Goal]:
    return Goal.objects.filter(owner=user, state__in=states).order_by("state", "-created_at", "-id")


@dataclass(frozen=True)
class Day:
    day: date
    status: str | None  # None: no check-in that day
    scheduled: bool


@dataclass(frozen=True)
class GoalSummary:
    goal: Goal
    today: CheckIn | None
    streak: int
    weeks: list[stats.Week]
    days: list[Day]  # the last HISTORY_DAYS days, oldest first

    @property
    def this_week(self) -> stats.Week:
        return self.weeks[-1]

    @property
    def unit_is_weeks(self) -> bool:
        return self.goal.cadence == "weekly"


def summaries(goals: list[Goal], today: date) -> list[GoalSummary]:
    """Streaks, this and the last weeks, and the last two weeks' days: one query in all."""
    since = today - timedelta(days=7 * 12)
    by_goal: dict[int, dict[date, CheckIn]] = defaultdict(dict)
    for checkin in CheckIn.objects.filter(goal__in=goals, day__gte=since):
        by_goal[checkin.goal_id][checkin.day] = checkin
    return [_summary(goal, by_goal[goal.pk], today) for goal in goals]


def _summary(goal: Goal, rows: dict[date, CheckIn], today: date) -> GoalSummary:
    done = {day for day, row in rows.items() if row.status == CheckInStatus.DONE}
    args = (goal.cadence, goal.weekdays, goal.times_per_week, today)
    # Days and weeks before the goal began are not counted against it.
    start = min([goal.created_at.date(), today, *rows])
    days = [
        Day(
            day,
            rows[day].status if day in rows else None,
            day >= start and goal.is_scheduled_on(day),
        )
        for day in (today - timedelta(days=back) for back in range(HISTORY_DAYS - 1, -1, -1))
    ]
    weeks = stats.weeks(done, *args, begun=start)
    return GoalSummary(goal, rows.get(today), stats.streak(done, *args), weeks, days)


def goal_summaries(user: User) -> tuple[date, list[GoalSummary]]:
    today = local_today(zone_of(user))
    return today, summaries(list(goals_of(user)), today)


def recent_checkins(goal: Goal, limit: int = 30) -> list[CheckIn]:
    return list(CheckIn.objects.filter(goal=goal).order_by("-day")[:limit])


def mood_entries(user: User, since: date | None = None) -> QuerySet[MoodEntry]:
    rows = MoodEntry.objects.filter(owner=user)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return rows.order_by("-created_at", "-id")


def done_days(user: User, since: date) -> set[date]:
    """Local days on which the member checked in as done on any goal."""
    rows = CheckIn.objects.filter(goal__owner=user, day__gte=since, status=CheckInStatus.DONE)
    return set(rows.values_list("day", flat=True))


# Partnerships ---------------------------------------------------------------------------


def access_partnership(user: User, partnership_id: int) -> Partnership:
    """A partnership the member is part of (invited by name or partner), else Http404."""
    row = (
        Partnership.objects.filter(pk=partnership_id)
        .filter(Q(inviter=user) | Q(invitee=user))
        .select_related("inviter", "invitee")
        .first()
    )
    if row is None:
        raise Http404
    return row


def invite_for_token(token: str, now: datetime | None = None) -> Partnership | None:
    """The open invite link with this token, or None (unknown, used, revoked or expired)."""
    from halqa.growth.partners import hash_token

    return (
        Partnership.objects.filter(
            token_hash=hash_token(token),
            state=PartnershipState.PENDING,
            invitee__isnull=True,
            expires_at__gt=now or timezone.now(),
        )
        .select_related("inviter")
        .first()
    )


def partnerships_of(user: User) -> list[Partnership]:
    """Open invitations and partnerships, newest first."""
    rows = Partnership.objects.filter(Q(inviter=user) | Q(invitee=user)).filter(
        state__in=(PartnershipState.PENDING, PartnershipState.ACTIVE)
    )
    return list(rows.select_related("inviter", "invitee").order_by("-created_at", "-id"))


def share_of(partnership: Partnership, user_id: int | None) -> PartnerShare | None:
    if partnership.state != PartnershipState.ACTIVE or user_id is None:
        return None
    return PartnerShare.objects.filter(partnership=partnership, user_id=user_id).first()


@dataclass(frozen=True)
class SharedCheckIn:
    day: date
    status: str
    note: str  # empty unless the owner shares notes


@dataclass(frozen=True)
class SharedMood:
    """A partner sees the score and feelings; the mood note stays its owner's alone."""

    day: date
    score: int
    emotions: list[str]


@dataclass(frozen=True)
class Shared:
    """What one partner shows the other: exactly what their PartnerShare allows."""

    member: User
    share: PartnerShare | None
    goals: list[GoalSummary]
    checkins: dict[int, list[SharedCheckIn]]
    mood: list[SharedMood]


def shared_by(partnership: Partnership, owner: User) -> Shared:
    """Only from an active partnership; otherwise nothing at all."""
    share = share_of(partnership, owner.pk)
    if share is None:
        return Shared(owner, None, [], {}, [])
    goals = list(share.goals.filter(owner=owner).exclude(state=GoalState.ARCHIVED))
    today = local_today(zone_of(owner))
    checkins: dict[int, list[SharedCheckIn]] = defaultdict(list)
    for row in CheckIn.objects.filter(
        goal__in=goals, day__gte=today - timedelta(days=HISTORY_DAYS)
    ):
        note = row.note if share.notes else ""
        checkins[row.goal_id].append(SharedCheckIn(row.day, row.status, note))
    since = today - timedelta(days=HISTORY_DAYS)
    mood = (
        [SharedMood(e.day, e.score, e.emotions) for e in mood_entries(owner, since)]
        if share.mood
        else []
    )
    return Shared(owner, share, summaries(goals, today), dict(checkins), mood)
