"""Permission-checked lookups and multi-row reads for groups."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from halqa.accounts.enums import Role
from halqa.groups.enums import GroupLanguage, GroupRole, RequestStatus, Topic, Visibility
from halqa.groups.models import Group, InviteLink, JoinRequest, Membership


class GroupCounts(TypedDict):
    member_count: int  # members on a break are not counted
    is_member: bool  # whether the asking user belongs to the group
    my_role: str | None  # the asking user's role in the group


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    AnnotatedGroup = WithAnnotations[Group, GroupCounts]
else:
    AnnotatedGroup = Group

FEATURED_LIMIT = 6
MAX_TOKEN_LENGTH = 64
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_TOKEN_LENGTH}}}")


def _member_count() -> Count:
    # Members on a break are hidden, from lists and from counts alike.
    active = Q(memberships__user__on_break=False, memberships__user__is_active=True)
    return Count("memberships", filter=active)


def _is_member(user: Any) -> Exists | Value:
    if not getattr(user, "is_authenticated", False):
        return Value(False)
    return Exists(Membership.objects.filter(group=OuterRef("pk"), user=user))


def _my_role(user: Any) -> Subquery | Value:
    if not getattr(user, "is_authenticated", False):
        return Value(None, output_field=CharField())
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    return Subquery(mine.values("role")[:1])


def _annotated(user: Any) -> QuerySet[AnnotatedGroup]:
    return Group.objects.annotate(
        member_count=_member_count(), is_member=_is_member(user), my_role=_my_role(user)
    )


def _visible_to(user: Any) -> Q:
    visible = ~Q(visibility=Visibility.HIDDEN)
    if getattr(user, "is_authenticated", False):
        visible |= Q(memberships__user=user)
    return visible


SITE_STAFF_ROLES = frozenset({Role.OPERATOR, Role.MODERATOR})


def is_site_staff(user: Any) -> bool:
    """Site operators and moderators: they may see and look after every group."""
    return bool(getattr(user, "is_authenticated", False) and user.role in SITE_STAFF_ROLES)


def access_group(user: Any, slug: str, *, for_writing: bool = False) -> AnnotatedGroup:
    """The group with `slug`, annotated with member_count and is_member.

    Raises Http404 for a hidden group the user does not belong to (site staff excepted): its
    existence stays secret. With `for_writing`, also raises PermissionDenied unless the user is
    a member of the group and not on a break.
    """
    group = _annotated(user).filter(slug=slug).first()
    if group is None:
        raise Http404
    if group.visibility == Visibility.HIDDEN and not group.is_member and not is_site_staff(user):
        raise Http404
    if for_writing and (not group.is_member or user.on_break):
        raise PermissionDenied
    group._annotated_for = getattr(user, "pk", None)  # type: ignore[attr-defined]
    return group


def _annotated_for(user: Any, group: Group) -> bool:
    """Whether `group` came from access_group for this very user (its annotations are theirs)."""
    marker = getattr(group, "_annotated_for", False)
    return marker is not False and marker == getattr(user, "pk", None)


def is_member(user: Any, group: Group) -> bool:
    return role_in(user, group) is not None


def role_in(user: Any, group: Group) -> str | None:
    """The user's role in the group ("member", "facilitator", "moderator"), or None.

    A group from access_group(user, ...) already knows the role of that same user.
    """
    if _annotated_for(user, group):
        role = getattr(group, "my_role")  # noqa: B009 - set by the annotations above
        return None if role is None else str(role)
    membership = membership_of(user, group)
    return None if membership is None else str(membership.role)


def can_facilitate(user: Any, group: Group) -> bool:
    """Facilitators and moderators of the group, and site operators and moderators."""
    if is_site_staff(user):
        return True
    return role_in(user, group) in (GroupRole.FACILITATOR, GroupRole.MODERATOR)


def can_read(user: Any, group: Group) -> bool:
    """Public conversations are for everyone; the rest only for members."""
    if group.visibility == Visibility.PUBLIC:
        return True
    if _annotated_for(user, group):
        return bool(getattr(group, "is_member"))  # noqa: B009 - set by the annotations above
    return membership_of(user, group) is not None


def membership_of(user: Any, group: Group) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(group=group, user=user).first()


def directory(
    user: Any,
    *,
    topic: str | None = None,
    language: str | None = None,
    prefer: str | None = None,
) -> list[AnnotatedGroup]:
    """Groups the user may see, with member counts, in one query. Unknown filters are ignored.

    With `prefer` (the page's language), groups in that language come first, then bilingual
    ones, then the rest.
    """
    groups = _annotated(user).filter(pk__in=Group.objects.filter(_visible_to(user)).values("pk"))
    if topic in Topic.values:
        groups = groups.filter(topic=topic)
    if language in (GroupLanguage.ARABIC, GroupLanguage.ENGLISH):
        groups = groups.filter(language__in=(language, GroupLanguage.BOTH))
    if prefer not in (GroupLanguage.ARABIC, GroupLanguage.ENGLISH):
        return list(groups.order_by("name", "id"))
    return list(groups.order_by(_language_order(prefer), "name", "id"))


def _language_order(prefer: str) -> Case:
    """0 for groups in the reader's language, 1 for bilingual ones, 2 for the rest."""
    return Case(
        When(language=prefer, then=Value(0)),
        When(language=GroupLanguage.BOTH, then=Value(1)),
        default=Value(2),
    )


def featured_groups(user: Any, prefer: str = "") -> list[AnnotatedGroup]:
    """A few groups for the home page: the member's own groups first, then public ones, those
    in the reader's language (`prefer`) before the others."""
    mine = Q(memberships__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    candidates = Group.objects.filter(mine | Q(visibility=Visibility.PUBLIC)).values("pk")
    groups = _annotated(user).filter(pk__in=candidates)
    groups = groups.order_by(
        F("is_member").desc(), _language_order(prefer), F("member_count").desc(), "name"
    )
    return list(groups[:FEATURED_LIMIT])


def access_managed_group(user: Any, slug: str) -> AnnotatedGroup:
    """The group for its management page: Http404 for anyone who cannot facilitate it."""
    group = access_group(user, slug)
    if not can_facilitate(user, group):
        raise Http404
    return group


def access_join_request(group: Group, request_id: int) -> JoinRequest:
    """A pending request to join `group` (already checked with access_managed_group)."""
    found = (
        JoinRequest.objects.select_related("user", "group")
        .filter(group=group, pk=request_id, status=RequestStatus.PENDING)
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_membership(group: Group, membership_id: int) -> Membership:
    found = (
        Membership.objects.select_related("user", "group")
        .filter(group=group, pk=membership_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_invite(group: Group, invite_id: int) -> InviteLink:
    found = InviteLink.objects.filter(group=group, pk=invite_id).first()
    if found is None:
        raise Http404
    return found


def invite_for(token: str) -> InviteLink | None:
    """The invite link with this token, whatever its state; None for a malformed or unknown one."""
    # Tokens are url-safe base64; anything else (a NUL byte, say) never reaches the database.
    if not TOKEN_SHAPE.fullmatch(token or ""):
        return None
    return InviteLink.objects.select_related("group").filter(token=token).first()


def pending_requests(group: Group) -> list[JoinRequest]:
    """Pending requests, oldest first; members on a break wait out of sight."""
    requests = JoinRequest.objects.filter(
        group=group, status=RequestStatus.PENDING, user__on_break=False, user__is_active=True
    )
    return list(requests.select_related("user"))


def request_of(user: Any, group: Group) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.filter(group=group, user=user).first()


def invite_links(group: Group) -> list[InviteLink]:
    return list(InviteLink.objects.filter(group=group))


def members_of(group: Group) -> list[Membership]:
    """Memberships with their users, facilitators first; members on a break are left out."""
    memberships = Membership.objects.filter(
        group=group, user__on_break=False, user__is_active=True
    ).select_related("user")
    role_order = Case(
        When(role=GroupRole.FACILITATOR, then=Value(0)),
        When(role=GroupRole.MODERATOR, then=Value(1)),
        default=Value(2),
    )
    return list(memberships.order_by(role_order, "user__pseudonym_key"))
