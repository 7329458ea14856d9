"""Groups over JSON: the same queries and actions as the pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from ninja import Query, Router, Schema, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import authenticate_token, current_member
from halqa.groups import actions
from halqa.groups.enums import GroupRole
from halqa.groups.models import Group, InviteLink, JoinRequest, Membership
from halqa.groups.queries import (
    access_group,
    access_invite,
    access_join_request,
    access_managed_group,
    access_membership,
    can_facilitate,
    can_read,
    directory,
    invite_for,
    invite_links,
    members_of,
    pending_requests,
    request_of,
    role_in,
)
from halqa.groups.schemas import (
    GroupDetailOut,
    GroupOut,
    InviteIn,
    InviteOut,
    InvitePreviewOut,
    JoinRequestOut,
    MemberOut,
    MembershipOut,
    RemoveIn,
    RoleIn,
)

router = Router(tags=["groups"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 413, 415, 422), ErrorOut)


class DirectoryFilters(Schema):
    topic: str | None = None
    language: str | None = None


def _caller(request: HttpRequest) -> User | AnonymousUser:
    """The member behind an optional bearer token, for operations open to everyone."""
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    user = authenticate_token(raw.strip()) if scheme.lower() == "bearer" else None
    return user or AnonymousUser()


@router.get("/", auth=None, response={200: list[GroupOut], **ERRORS}, summary="Directory")
def group_directory(request: HttpRequest, filters: Query[DirectoryFilters]) -> list[Group]:
    """Groups the caller may see, with member counts, those in the Accept-Language first;
    a bearer token is optional."""
    user = _caller(request)
    groups = directory(user, topic=filters.topic, language=filters.language, prefer=get_language())
    return list(groups)


@router.get("/{slug}", auth=None, response={200: GroupDetailOut, **ERRORS}, summary="A group")
def group_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    user = _caller(request)
    group = access_group(user, slug)
    join_request = None if group.is_member else request_of(user, group)
    return {
        **{name: getattr(group, name) for name in GroupOut.model_fields},
        "rules": list(group.rules.all()),
        "my_role": role_in(user, group),
        "request_status": join_request.status if join_request else None,
        "readable": can_read(user, group),
        "can_facilitate": can_facilitate(user, group),
    }


def _membership(membership: Membership) -> dict[str, Any]:
    return {
        "group": membership.group.slug,
        "role": membership.role,
        "joined_at": membership.joined_at,
    }


@router.post("/{slug}/join", response={200: MembershipOut, **ERRORS}, summary="Join")
def join(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Join an open group (403 for groups joined by request or invitation)."""
    user = current_member(request)
    membership = actions.join_group(user=user, group=access_group(user, slug))
    return _membership(membership)


@router.post("/{slug}/leave", response={204: None, **ERRORS}, summary="Leave")
def leave(request: HttpRequest, slug: str) -> Status[None]:
    user = current_member(request)
    actions.leave_group(user=user, group=access_group(user, slug))
    return Status(204, None)


def _request(join_request: JoinRequest) -> dict[str, Any]:
    return {
        "id": join_request.pk,
        "pseudonym": join_request.user.pseudonym,
        "status": join_request.status,
        "created_at": join_request.created_at,
    }


@router.post("/{slug}/request", response={201: JoinRequestOut, **ERRORS}, summary="Ask to join")
def ask_to_join(request: HttpRequest, slug: str) -> Status[dict[str, Any]]:
    """Ask the facilitators of a group joined by request; the request carries no text."""
    user = current_member(request)
    join_request = actions.request_to_join(user=user, group=access_group(user, slug))
    return Status(201, _request(join_request))


@router.delete("/{slug}/request", response={204: None, **ERRORS}, summary="Withdraw a request")
def cancel_request(request: HttpRequest, slug: str) -> Status[None]:
    user = current_member(request)
    actions.cancel_request(user=user, group=access_group(user, slug))
    return Status(204, None)


def _invite_state(invite: InviteLink) -> str:
    if invite.revoked_at is not None:
        return "revoked"
    if invite.is_expired:
        return "expired"
    return "used_up" if invite.is_used_up else "usable"


@router.get(
    "/invites/{token}",
    auth=None,
    response={200: InvitePreviewOut, **ERRORS},
    summary="What an invite link leads to",
)
def invite_preview(request: HttpRequest, token: str) -> dict[str, Any]:
    invite = invite_for(token)
    if invite is None:
        raise Http404
    group = invite.group
    state = _invite_state(invite)
    return {
        "group": group.slug,
        "name": group.name,
        "description": group.description,
        "state": state,
    }


@router.post(
    "/invites/{token}/join", response={200: MembershipOut, **ERRORS}, summary="Join by invite"
)
def join_by_invite(request: HttpRequest, token: str) -> dict[str, Any]:
    """Join with an invite link; a revoked, expired or used-up link answers 422."""
    if invite_for(token) is None:
        raise Http404
    membership = actions.join_by_invite(user=current_member(request), token=token)
    return _membership(membership)


# ---- facilitators: requests, invite links, members ----


def _managed(request: HttpRequest, slug: str) -> tuple[User, Group]:
    user = current_member(request)
    return user, access_managed_group(user, slug)


@router.get("/{slug}/requests", response={200: list[JoinRequestOut], **ERRORS}, summary="Requests")
def list_requests(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    _, group = _managed(request, slug)
    return [_request(join_request) for join_request in pending_requests(group)]


@router.post(
    "/{slug}/requests/{request_id}/approve",
    response={200: MemberOut, **ERRORS},
    summary="Approve a request",
)
def approve(request: HttpRequest, slug: str, request_id: int) -> dict[str, Any]:
    user, group = _managed(request, slug)
    join_request = access_join_request(group, request_id)
    return _member(actions.approve_request(actor=user, join_request=join_request))


@router.post(
    "/{slug}/requests/{request_id}/decline",
    response={204: None, **ERRORS},
    summary="Decline a request",
)
def decline(request: HttpRequest, slug: str, request_id: int) -> Status[None]:
    user, group = _managed(request, slug)
    actions.decline_request(actor=user, join_request=access_join_request(group, request_id))
    return Status(204, None)


def _invite(request: HttpRequest, invite: InviteLink) -> dict[str, Any]:
    path = reverse("groups:invite", args=[invite.token])
    return {
        "id": invite.pk,
        "token": invite.token,
        "url": request.build_absolute_uri(path),
        "label": invite.label,
        "created_at": invite.created_at,
        "expires_at": invite.expires_at,
        "max_uses": invite.max_uses,
        "uses": invite.uses,
        "revoked": invite.revoked_at is not None,
        "usable": invite.is_usable,
    }


@router.get("/{slug}/invites", response={200: list[InviteOut], **ERRORS}, summary="Invite links")
def list_invites(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    _, group = _managed(request, slug)
    return [_invite(request, invite) for invite in invite_links(group)]


IN_THE_PAST = pgettext_lazy("invite form error", "Choose a time in the future.")


@router.post("/{slug}/invites", response={201: InviteOut, **ERRORS}, summary="New invite link")
def create_invite(request: HttpRequest, slug: str, data: InviteIn) -> Status[dict[str, Any]]:
    user, group = _managed(request, slug)
    expires_at = data.expires_at
    if expires_at is not None and timezone.is_naive(expires_at):
        expires_at = timezone.make_aware(expires_at)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [IN_THE_PAST]})
    invite = actions.create_invite(
        actor=user, group=group, label=data.label, expires_at=expires_at, max_uses=data.max_uses
    )
    return Status(201, _invite(request, invite))


@router.post(
    "/{slug}/invites/{invite_id}/revoke",
    response={200: InviteOut, **ERRORS},
    summary="Revoke an invite link",
)
def revoke_invite(request: HttpRequest, slug: str, invite_id: int) -> dict[str, Any]:
    _, group = _managed(request, slug)
    invite = actions.revoke_invite(invite=access_invite(group, invite_id))
    return _invite(request, invite)


def _member(membership: Membership) -> dict[str, Any]:
    return {
        "id": membership.pk,
        "pseudonym": membership.user.pseudonym,
        "role": membership.role,
        "joined_at": membership.joined_at,
    }


@router.get("/{slug}/members", response={200: list[MemberOut], **ERRORS}, summary="Members")
def list_members(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Members with their roles; members taking a break are left out."""
    _, group = _managed(request, slug)
    return [_member(membership) for membership in members_of(group)]


@router.patch(
    "/{slug}/members/{membership_id}",
    response={200: MemberOut, **ERRORS},
    summary="Change a member's role",
)
def change_role(
    request: HttpRequest, slug: str, membership_id: int, data: RoleIn
) -> dict[str, Any]:
    user, group = _managed(request, slug)
    membership = access_membership(group, membership_id)
    return _member(
        actions.change_role(actor=user, membership=membership, role=GroupRole(data.role))
    )


@router.post(
    "/{slug}/members/{membership_id}/remove",
    response={204: None, **ERRORS},
    summary="Remove a member",
)
def remove_member(
    request: HttpRequest, slug: str, membership_id: int, data: RemoveIn
) -> Status[None]:
    """Remove someone from the group; the reason is kept in the group's audit record."""
    user, group = _managed(request, slug)
    membership = access_membership(group, membership_id)
    actions.remove_member(actor=user, membership=membership, reason=data.reason)
    return Status(204, None)
