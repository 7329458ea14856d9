"""Every write to groups and memberships goes through here."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from halqa.accounts.models import User
from halqa.groups.enums import GroupLanguage, GroupRole, JoinPolicy, Topic, Visibility
from halqa.groups.models import Group, GroupRule, Membership


@transaction.atomic
def create_group(
    *,
    slug: str,
    name: str,
    description: str,
    rules: Sequence[str] = (),
    language: GroupLanguage = GroupLanguage.ARABIC,
    topic: Topic = Topic.GENERAL,
    visibility: Visibility = Visibility.PUBLIC,
    join_policy: JoinPolicy = JoinPolicy.OPEN,
    created_by: User | None = None,
) -> Group:
    """Create a group with its numbered rules; its creator, if any, becomes its facilitator."""
    if visibility == Visibility.HIDDEN:
        join_policy = JoinPolicy.INVITE  # a group nobody can see can only be joined by invitation
    group = Group(
        slug=slug,
        name=name,
        description=description,
        language=language,
        topic=topic,
        visibility=visibility,
        join_policy=join_policy,
        created_by=created_by,
    )
    group.full_clean()
    group.save()
    GroupRule.objects.bulk_create(
        GroupRule(group=group, number=number, text=text)
        for number, text in enumerate(rules, start=1)
    )
    if created_by is not None:
        Membership.objects.create(group=group, user=created_by, role=GroupRole.FACILITATOR)
    return group


def join_group(*, user: User, group: Group) -> Membership:
    """Join an open group; joining twice returns the existing membership.

    Groups joined by request or invitation get their own flows; until then they refuse here.
    """
    if not group.is_open:
        raise PermissionDenied("This group is not open to join.")
    membership, _ = Membership.objects.get_or_create(group=group, user=user)
    return membership


def leave_group(*, user: User, group: Group) -> None:
    """Leave a group; leaving a group one is not in does nothing."""
    Membership.objects.filter(group=group, user=user).delete()


def add_member(*, user: User, group: Group, role: GroupRole = GroupRole.MEMBER) -> Membership:
    """Make `user` a member whatever the join policy (operators, invitations, demo data)."""
    membership, created = Membership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
