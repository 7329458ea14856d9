"""Group commitments: a member shares a goal with a group they belong to. Members of the group
see this week's check-in status (never notes) and may react with the supportive reactions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import pgettext

from halqa.accounts.models import User
from halqa.conversations.enums import ReactionKind
from halqa.groups.models import Group
from halqa.groups.queries import is_member
from halqa.growth import queries
from halqa.growth.enums import GoalState
from halqa.growth.localtime import default_zone_name, local_today
from halqa.growth.models import Commitment, CommitmentReaction, Goal, GrowthSettings

SHOWN_MAX = 20


@transaction.atomic
def share_commitment(*, goal: Goal, group: Group) -> Commitment:
    """`goal` from queries.access_own_goal; the owner must belong to `group`."""
    if not is_member(goal.owner, group) or goal.owner.on_break:
        raise PermissionDenied
    if goal.state == GoalState.ARCHIVED:
        message = pgettext("growth error", "Bring the goal back before sharing it.")
        raise ValidationError({"goal": ValidationError(message, code="not_active")})
    commitment, _ = Commitment.objects.get_or_create(goal=goal, group=group)
    return commitment


@transaction.atomic
def withdraw_commitment(*, commitment: Commitment) -> None:
    commitment.delete()


@transaction.atomic
def toggle_reaction(*, commitment: Commitment, user: User, kind: str) -> bool:
    """Add the reaction, or take it back if it is there; True when it is now on."""
    kind = ReactionKind(kind)
    deleted, _ = CommitmentReaction.objects.filter(
        commitment=commitment, user=user, kind=kind
    ).delete()
    if not deleted:
        CommitmentReaction.objects.create(commitment=commitment, user=user, kind=kind)
    return not deleted


def access_commitment(user: User, commitment_id: int) -> Commitment:
    """A commitment in a group the member belongs to (the owner always), else Http404."""
    row = (
        Commitment.objects.select_related("goal", "goal__owner", "group")
        .filter(pk=commitment_id)
        .first()
    )
    if row is None or not (row.goal.owner_id == user.pk or is_member(user, row.group)):
        raise Http404
    return row


@dataclass(frozen=True)
class Shown:
    commitment: Commitment
    summary: queries.GoalSummary
    counts: dict[str, int]
    mine: set[str]


def commitments_in(group: Group, viewer: User) -> list[Shown]:
    """For members of `group` only (empty otherwise): status, streak and reactions."""
    if not getattr(viewer, "is_authenticated", False) or not is_member(viewer, group):
        return []
    rows = list(
        Commitment.objects.filter(
            group=group, goal__state=GoalState.ACTIVE, goal__owner__is_active=True
        )
        .filter(goal__owner__memberships__group=group)  # owners who left no longer show
        .exclude(goal__owner__on_break=True)
        .select_related("goal", "goal__owner")[:SHOWN_MAX]
    )
    if not rows:
        return []
    reactions = list(CommitmentReaction.objects.filter(commitment__in=rows))
    summaries = _summaries([row.goal for row in rows])
    shown = []
    for row in rows:
        mine = {r.kind for r in reactions if r.commitment_id == row.pk and r.user_id == viewer.pk}
        counts = Counter(r.kind for r in reactions if r.commitment_id == row.pk)
        shown.append(Shown(row, summaries[row.goal_id], dict(counts), mine))
    return shown


def _summaries(goals: list[Goal]) -> dict[int, queries.GoalSummary]:
    """Each goal's summary on its owner's own today: one query for the zones, one per
    distinct local date (rarely more than two), whatever the number of goals."""
    stored = dict(
        GrowthSettings.objects.filter(user__in=[g.owner_id for g in goals]).values_list(
            "user_id", "time_zone"
        )
    )
    by_today: dict[date, list[Goal]] = defaultdict(list)
    for goal in goals:
        name = stored.get(goal.owner_id) or default_zone_name(goal.owner.country)
        by_today[local_today(ZoneInfo(name))].append(goal)
    return {
        summary.goal.pk: summary
        for today, group in by_today.items()
        for summary in queries.summaries(group, today)
    }
