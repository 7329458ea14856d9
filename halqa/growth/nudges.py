"""A gentle nudge to a partner when the other has missed several check-ins on goals they
share, only when both partners allowed nudges, at most once every NUDGE_EVERY days."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from halqa.growth.enums import CheckInStatus, GoalState, PartnershipState
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.models import CheckIn, Goal, PartnerShare, Partnership
from halqa.notifications.actions import notify
from halqa.notifications.enums import Kind

MISSED_DAYS = 3
NUDGE_EVERY = timedelta(days=3)
CHECK_EVERY = timedelta(days=1)


def missed_several(goals: list[Goal], today: date) -> bool:
    """A shared active goal whose last MISSED_DAYS asked-for days (before today) had no done
    check-in. A weekly goal is not judged by days."""
    since = today - timedelta(days=7 * 2)
    done = set(
        CheckIn.objects.filter(
            goal__in=goals, day__gte=since, status=CheckInStatus.DONE
        ).values_list("goal_id", "day")
    )
    for goal in goals:
        if goal.state != GoalState.ACTIVE or goal.cadence == "weekly":
            continue
        asked = [
            d for d in (today - timedelta(days=n) for n in range(1, 15)) if goal.is_scheduled_on(d)
        ]
        recent = asked[:MISSED_DAYS]
        existed = len(recent) == MISSED_DAYS and goal.created_at.date() < recent[-1]
        if existed and not any((goal.pk, day) in done for day in recent):
            return True
    return False


def nudge_if_due(partnership: Partnership, now: datetime) -> int:
    """Nudge each partner about the other where due; returns how many nudges went out."""
    shares = list(PartnerShare.objects.filter(partnership=partnership).select_related("user"))
    if len(shares) != 2 or not all(share.nudges for share in shares):
        return 0
    sent = 0
    for about, to in (shares, shares[::-1]):
        if about.last_nudged_at and now - about.last_nudged_at < NUDGE_EVERY:
            continue
        goals = list(about.goals.filter(owner=about.user))
        if goals and missed_several(goals, local_today(zone_of(about.user), now)):
            with transaction.atomic():
                about.last_nudged_at = now
                about.save(update_fields=["last_nudged_at"])
                from halqa.growth.partners import page_url

                notify(recipient=to.user, kind=Kind.PARTNER_NUDGE, url=page_url(partnership))
            sent += 1
    return sent


def schedule_nudge_check(partnership_id: int, now: datetime | None = None) -> None:
    if task_backends[check_partner_nudges.backend].supports_defer:
        when = (now or timezone.now()) + CHECK_EVERY
        check_partner_nudges.using(run_after=when).enqueue(partnership_id)


@task()
def check_partner_nudges(partnership_id: int) -> int:
    """Daily while the partnership lasts; it stops by itself once it ends."""
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None or partnership.state != PartnershipState.ACTIVE:
        return 0
    now = timezone.now()
    sent = nudge_if_due(partnership, now)
    schedule_nudge_check(partnership_id, now)
    return sent
