"""Every write to groups and memberships goes through here."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.groups.enums import (
    GroupLanguage,
    GroupRole,
    JoinPolicy,
    MembershipChange,
    RequestStatus,
    Topic,
    Visibility,
)
from halqa.groups.models import (
    Group,
    GroupRule,
    InviteLink,
    JoinRequest,
    Membership,
    MembershipEvent,
)
from halqa.groups.queries import is_site_staff

SLUG_LENGTH = 50
RESERVED_SLUGS = frozenset({"new", "join", "invites"})  # paths of their own under /groups/


def unique_slug(name: str) -> str:
    """An ASCII slug from the name; names in Arabic script get a short random one."""
    base = slugify(name)[:SLUG_LENGTH].strip("-")
    slug = base or f"group-{secrets.token_hex(3)}"
    while slug in RESERVED_SLUGS or Group.objects.filter(slug=slug).exists():
        slug = f"{base or 'group'}-{secrets.token_hex(3)}"
    return slug


class GroupError(ValidationError):
    """A refused membership change, with a calm sentence for the person who tried it."""


LAST_FACILITATOR = pgettext_lazy(
    "group error",
    "A group needs at least one facilitator. Make someone else a facilitator first.",
)


def _record(
    *,
    group: Group,
    member: User | None,
    actor: User | None,
    change: MembershipChange,
    role: str = "",
    reason: str = "",
) -> MembershipEvent:
    return MembershipEvent.objects.create(
        group=group, member=member, actor=actor, change=change, role=role, reason=reason[:300]
    )


def _is_last_facilitator(membership: Membership) -> bool:
    if membership.role != GroupRole.FACILITATOR:
        return False
    facilitators = Membership.objects.select_for_update().filter(
        group_id=membership.group_id, role=GroupRole.FACILITATOR
    )
    return len(facilitators) <= 1


def _manage_url(group: Group) -> str:
    return reverse("groups:manage", args=[group.slug])


def _group_url(group: Group) -> str:
    return reverse("groups:group", args=[group.slug])


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
    facilitator: User | None = None,
) -> Group:
    """Create a group with its numbered rules. `facilitator` (by default its creator, if any)
    becomes its first facilitator."""
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
    _write_rules(group, rules)
    first = facilitator or created_by
    if first is not None:
        Membership.objects.create(group=group, user=first, role=GroupRole.FACILITATOR)
    return group


def _write_rules(group: Group, rules: Sequence[str]) -> None:
    group.rules.all().delete()
    GroupRule.objects.bulk_create(
        GroupRule(group=group, number=number, text=text)
        for number, text in enumerate(rules, start=1)
    )


@transaction.atomic
def update_group(
    *,
    group: Group,
    name: str,
    description: str,
    rules: Sequence[str],
    language: GroupLanguage,
    topic: Topic,
    visibility: Visibility,
    join_policy: JoinPolicy,
) -> Group:
    """Edit a group's details and replace its rules; the slug (its address) stays."""
    if visibility == Visibility.HIDDEN:
        join_policy = JoinPolicy.INVITE
    group.name, group.description, group.language = name, description, language
    group.topic, group.visibility, group.join_policy = topic, visibility, join_policy
    group.full_clean()
    group.save()
    _write_rules(group, rules)
    return group


def join_group(*, user: User, group: Group) -> Membership:
    """Join an open group; joining twice returns the existing membership.

    Groups joined by request or invitation get their own flows; until then they refuse here.
    """
    if not group.is_open:
        raise PermissionDenied("This group is not open to join.")
    membership, _ = Membership.objects.get_or_create(group=group, user=user)
    return membership


@transaction.atomic
def leave_group(*, user: User, group: Group) -> None:
    """Leave a group; leaving a group one is not in does nothing. The last facilitator stays."""
    membership = Membership.objects.filter(group=group, user=user).first()
    if membership is None:
        return
    if _is_last_facilitator(membership):
        raise GroupError(LAST_FACILITATOR, code="last_facilitator")
    membership.delete()


def add_member(*, user: User, group: Group, role: GroupRole = GroupRole.MEMBER) -> Membership:
    """Make `user` a member whatever the join policy (operators, invitations, demo data)."""
    membership, created = Membership.objects.get_or_create(
        group=group, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


# After a decline, facilitators are not asked again at once (nor notified over and over).
ASK_AGAIN_AFTER = timedelta(days=7)
ASK_AGAIN_LATER = pgettext_lazy(
    "group error",
    "Your request was not accepted this time. You can ask again in a few days.",
)


@transaction.atomic
def request_to_join(*, user: User, group: Group) -> JoinRequest:
    """Ask the facilitators of a by-request group; asking again after a decline asks anew."""
    if group.join_policy != JoinPolicy.REQUEST or group.visibility == Visibility.HIDDEN:
        raise PermissionDenied("This group does not take requests.")
    if Membership.objects.filter(group=group, user=user).exists():
        raise GroupError(pgettext_lazy("group error", "You are already a member of this group."))
    join_request, created = JoinRequest.objects.get_or_create(group=group, user=user)
    if not created and join_request.status == RequestStatus.PENDING:
        return join_request
    if not created and timezone.now() - join_request.created_at < ASK_AGAIN_AFTER:
        raise GroupError(ASK_AGAIN_LATER, code="declined_recently")
    join_request.status = RequestStatus.PENDING
    join_request.created_at = timezone.now()
    join_request.save(update_fields=["status", "created_at"])
    _notify_facilitators(group=group, actor=user)
    return join_request


def _notify_facilitators(*, group: Group, actor: User) -> None:
    from halqa.notifications.actions import notify_many

    facilitators = User.objects.filter(
        memberships__group=group,
        memberships__role__in=(GroupRole.FACILITATOR, GroupRole.MODERATOR),
    )
    notify_many(
        recipients=facilitators,
        kind="join_request",
        url=_manage_url(group),
        actor=actor,
        group=group,
    )


@transaction.atomic
def cancel_request(*, user: User, group: Group) -> None:
    """Withdraw one's own pending request; nothing happens when there is none."""
    JoinRequest.objects.filter(group=group, user=user, status=RequestStatus.PENDING).delete()


@transaction.atomic
def approve_request(*, actor: User, join_request: JoinRequest) -> Membership:
    """`actor` must be able to facilitate the group (see queries.can_facilitate)."""
    from halqa.notifications.actions import notify

    group, user = join_request.group, join_request.user
    membership, _ = Membership.objects.get_or_create(group=group, user=user)
    join_request.delete()
    _record(group=group, member=user, actor=actor, change=MembershipChange.APPROVED)
    notify(recipient=user, kind="join_approved", url=_group_url(group), actor=actor, group=group)
    return membership


@transaction.atomic
def decline_request(*, actor: User, join_request: JoinRequest) -> None:
    """The member sees their request was not accepted; no notification is pushed at them."""
    join_request.status = RequestStatus.DECLINED
    join_request.save(update_fields=["status"])
    _record(
        group=join_request.group,
        member=join_request.user,
        actor=actor,
        change=MembershipChange.DECLINED,
    )


@transaction.atomic
def create_invite(
    *,
    actor: User,
    group: Group,
    label: str = "",
    expires_at: datetime | None = None,
    max_uses: int | None = None,
) -> InviteLink:
    return InviteLink.objects.create(
        group=group,
        token=secrets.token_urlsafe(18),
        label=label.strip()[:60],
        created_by=actor,
        expires_at=expires_at,
        max_uses=max_uses,
    )


@transaction.atomic
def revoke_invite(*, invite: InviteLink) -> InviteLink:
    if invite.revoked_at is None:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])
    return invite


INVITE_UNUSABLE = pgettext_lazy("group error", "This invite link can no longer be used.")


@transaction.atomic
def join_by_invite(*, user: User, token: str) -> Membership:
    """Join the invite's group whatever its policy; a member already in it uses no invite."""
    invite = InviteLink.objects.select_for_update().select_related("group").get(token=token)
    group = invite.group
    existing = Membership.objects.filter(group=group, user=user).first()
    if existing is not None:
        return existing
    if not invite.is_usable:
        raise GroupError(INVITE_UNUSABLE, code="invite_unusable")
    invite.uses += 1
    invite.save(update_fields=["uses"])
    JoinRequest.objects.filter(group=group, user=user).delete()
    membership = Membership.objects.create(group=group, user=user)
    return membership


@transaction.atomic
def change_role(*, actor: User, membership: Membership, role: GroupRole) -> Membership:
    """`actor` must be able to facilitate the group. Only site staff make or unmake group
    moderators; the last facilitator stays one."""
    role = GroupRole(role)
    if role == membership.role:
        return membership
    moderator_change = GroupRole.MODERATOR in (role, membership.role)
    if moderator_change and not is_site_staff(actor):
        raise PermissionDenied("Only site staff change group moderators.")
    if _is_last_facilitator(membership):
        raise GroupError(LAST_FACILITATOR, code="last_facilitator")
    membership.role = role
    membership.save(update_fields=["role"])
    _record(
        group=membership.group,
        member=membership.user,
        actor=actor,
        change=MembershipChange.ROLE_CHANGED,
        role=role,
    )
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership, reason: str) -> None:
    """`actor` must be able to facilitate the group; the reason stays in the audit row."""
    if membership.role == GroupRole.MODERATOR and not is_site_staff(actor):
        raise PermissionDenied("Only site staff remove group moderators.")
    if _is_last_facilitator(membership):
        raise GroupError(LAST_FACILITATOR, code="last_facilitator")
    membership.delete()
    _record(
        group=membership.group,
        member=membership.user,
        actor=actor,
        change=MembershipChange.REMOVED,
        reason=reason.strip(),
    )
