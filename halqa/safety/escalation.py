"""Urgent cases beyond the on-duty moderators: the on-call list out of hours (or when no one is
on duty), and the operators plus the on-call list when no one has answered in time.

Each alert is sent at most once per case and reason (CaseAlert's unique constraint), whichever
of the scheduled task, the sweep or a second request gets there first. Notifications carry a
link to the case and nothing a member wrote.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django_tasks import task, task_backends

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.moderation.enums import URGENT, CaseState
from halqa.moderation.models import Case
from halqa.moderation.queries import on_duty_for
from halqa.notifications.actions import notify_many
from halqa.notifications.enums import Kind
from halqa.safety.enums import AlertReason
from halqa.safety.hours import is_moderated_now
from halqa.safety.models import CaseAlert

logger = logging.getLogger(__name__)
STAFF = (Role.MODERATOR, Role.OPERATOR)


def escalate_after() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.CRISIS_ESCALATE_MINUTES)


def case_url(case: Case) -> str:
    """The moderators' page of the case."""
    return reverse("moderation:case", args=[case.pk])


def operators() -> QuerySet[User]:
    return User.objects.filter(role=Role.OPERATOR, is_active=True).order_by("pk")


def on_call() -> list[User]:
    """HALQA_ON_CALL's active moderators and operators; the operators when there are none."""
    keys = [pseudonym_key(name) for name in settings.ON_CALL]
    named = User.objects.filter(pseudonym_key__in=keys, role__in=STAFF, is_active=True)
    return list(named.order_by("pk")) or list(operators())


def _is_waiting(case: Case) -> bool:
    return case.urgency >= URGENT and case.state != CaseState.RESOLVED


@transaction.atomic
def alert(case: Case, reason: AlertReason) -> int:
    """Notify the people for `reason` once per case; returns how many (0 when already sent)."""
    try:
        with transaction.atomic():
            record = CaseAlert.objects.create(case=case, reason=reason)
    except IntegrityError:
        return 0
    people = on_call()
    kind = Kind.CASE_URGENT
    if reason == AlertReason.UNANSWERED:
        people = list({user.pk: user for user in [*operators(), *people]}.values())
        kind = Kind.CASE_ESCALATED
    count = notify_many(recipients=people, kind=kind, url=case_url(case), group=case.group)
    CaseAlert.objects.filter(pk=record.pk).update(recipients=count)
    logger.info("urgent case %s alerted (%s) to %s staff", case.pk, reason, count)
    return count


def watch(case: Case) -> None:
    """Right after an urgent case opens: out of hours, or with no one on duty for it, call the
    on-call list now; in any case, check back when the response time has passed."""
    if not _is_waiting(case):
        return
    if not is_moderated_now():
        alert(case, AlertReason.OUT_OF_HOURS)
    elif not on_duty_for(case):
        alert(case, AlertReason.NO_ONE_ON_DUTY)
    schedule_check(case)


def watch_on_commit(case_id: int) -> None:
    """After commit; a failure is logged and never reaches the member who just posted."""
    transaction.on_commit(lambda: _watch_id(case_id), robust=True)


def _watch_id(case_id: int) -> None:
    case = Case.objects.select_related("group").filter(pk=case_id).first()
    if case is not None:
        watch(case)


def schedule_check(case: Case) -> None:
    """Queue `escalate_if_unanswered` for when the case is due. A backend that cannot defer
    (the inline one of the tests) gets nothing: `sweep()` covers it."""
    if not task_backends[escalate_if_unanswered.backend].supports_defer:
        return
    due = case.opened_at + escalate_after()
    escalate_if_unanswered.using(run_after=due).enqueue(case.pk)


def escalate(case: Case, now: datetime.datetime | None = None) -> int:
    """Alert the operators and the on-call list if `case` is due and still unanswered."""
    now = now or timezone.now()
    if not _is_waiting(case) or case.first_response_at is not None:
        return 0
    if now < case.opened_at + escalate_after():
        return 0
    return alert(case, AlertReason.UNANSWERED)


@task()
def escalate_if_unanswered(case_id: int) -> int:
    """The scheduled check of one case; running it twice, or early, sends nothing extra."""
    case = Case.objects.select_related("group").filter(pk=case_id).first()
    if case is None:
        return 0
    if timezone.now() < case.opened_at + escalate_after():
        schedule_check(case)  # ran early (clock skew): look again when it is due
        return 0
    return escalate(case)


def sweep(now: datetime.datetime | None = None) -> int:
    """Escalate every due, unanswered urgent case (`manage.py escalate_urgent_cases`, cron)."""
    now = now or timezone.now()
    due = (
        Case.objects.filter(
            urgency__gte=URGENT,
            first_response_at__isnull=True,
            opened_at__lte=now - escalate_after(),
        )
        .exclude(state=CaseState.RESOLVED)
        .exclude(pk__in=CaseAlert.objects.filter(reason=AlertReason.UNANSWERED).values("case"))
        .select_related("group")
    )
    return sum(escalate(case, now) > 0 for case in due)
