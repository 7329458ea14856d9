"""Permission-checked lookups for moderation: who moderates what, the queue, sanctions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.groups.enums import GroupRole
from halqa.groups.models import Group, Membership
from halqa.moderation.enums import CaseState, SanctionKind
from halqa.moderation.models import Case, ModeratorStatus, Sanction

SITE_MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.OPERATOR})


def _forever() -> datetime:
    return datetime(9999, 12, 31, tzinfo=UTC)


def is_site_moderator(user: Any) -> bool:
    """A moderator or operator: moderates every group and site-wide cases."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in SITE_MODERATOR_ROLES
    )


def moderated_group_ids(user: Any) -> set[int] | None:
    """The groups `user` moderates: None means all of them (site moderators)."""
    if is_site_moderator(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user=user, role=GroupRole.MODERATOR).values_list(
            "group_id", flat=True
        )
    )


def is_moderator(user: Any) -> bool:
    """May open the queue: a site moderator, or a group moderator of at least one group."""
    ids = moderated_group_ids(user)
    return ids is None or bool(ids)


def is_moderator_of(user: Any, group: Group | None) -> bool:
    """May act in `group` (None: a site-wide case, for site moderators only)."""
    if is_site_moderator(user):
        return True
    if group is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Membership.objects.filter(user=user, group=group, role=GroupRole.MODERATOR).exists()


def may_act_on(user: Any, case: Case) -> bool:
    return is_moderator_of(user, case.group) if case.group_id else is_site_moderator(user)


def on_duty_moderators() -> QuerySet[User]:
    """Everyone on duty who moderates something, active and not on a break."""
    moderates = Q(role__in=SITE_MODERATOR_ROLES) | Q(memberships__role=GroupRole.MODERATOR)
    return (
        User.objects.filter(moderator_status__on_duty=True, is_active=True)
        .filter(moderates)
        .distinct()
        .order_by("pk")
    )


def on_duty_for(case: Case) -> list[User]:
    """The on-duty moderators who may work `case`."""
    people = on_duty_moderators()
    if case.group_id is None:
        return list(people.filter(role__in=SITE_MODERATOR_ROLES))
    return list(
        people.filter(
            Q(role__in=SITE_MODERATOR_ROLES)
            | Q(memberships__group_id=case.group_id, memberships__role=GroupRole.MODERATOR)
        ).distinct()
    )


def is_on_duty(user: Any) -> bool:
    return ModeratorStatus.objects.filter(user_id=user.pk, on_duty=True).exists()


def visible_cases(user: Any) -> QuerySet[Case]:
    """The cases `user` may see (none for a member who moderates nothing)."""
    ids = moderated_group_ids(user)
    cases = Case.objects.select_related(
        "group", "subject", "claimed_by", "post", "live_message", "expert_question", "expert_answer"
    )
    if ids is None:
        return cases
    return cases.filter(group_id__in=ids)


def queue(
    user: Any, *, group: int | None = None, kind: str = "", state: str = ""
) -> QuerySet[Case]:
    """The queue: urgency first, then the oldest; open and claimed unless `state` says."""
    cases = visible_cases(user)
    cases = cases.filter(state=state) if state else cases.exclude(state=CaseState.RESOLVED)
    if group:
        cases = cases.filter(group_id=group)
    if kind:
        cases = cases.filter(kind=kind)
    return cases.order_by("-urgency", "opened_at", "id")


def access_case(user: Any, case_id: int) -> Case:
    """A case `user` may see, or 404 (never 403: whether it exists is not for them)."""
    try:
        return visible_cases(user).get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404 from None


def _active(user: Any, kinds: tuple[str, ...]) -> QuerySet[Sanction]:
    now = timezone.now()
    return Sanction.objects.filter(
        user_id=user.pk, kind__in=kinds, lifted_at__isnull=True, starts_at__lte=now
    ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


def active_mute(user: Any, group: Group | None) -> datetime | None:
    """When `user` may publish again in `group` (None: they may now).

    Counts site-wide mutes, mutes in this group, suspensions, and bans (a ban returns
    9999-12-31). M2's publish path refuses while this is not None.
    """
    if user is None or not getattr(user, "pk", None):
        return None
    active = _active(user, (SanctionKind.MUTE, SanctionKind.SUSPENSION, SanctionKind.BAN))
    active = active.filter(Q(group__isnull=True) | Q(group_id=getattr(group, "pk", None)))
    ends: list[datetime] = []
    for kind, end in active.values_list("kind", "ends_at"):
        ends.append(_forever() if kind == SanctionKind.BAN or end is None else end)
    return max(ends) if ends else None
