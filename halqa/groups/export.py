"""The member's part of groups in "export my data": memberships, requests, what was decided."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.groups.models import InviteLink, JoinRequest, Membership, MembershipEvent


def export_groups(user: User) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("group")
    requests = JoinRequest.objects.filter(user=user).select_related("group")
    # Decisions about the member; who took them stays with the group.
    events = MembershipEvent.objects.filter(member=user).select_related("group")
    invites = InviteLink.objects.filter(created_by=user).select_related("group")
    return {
        "memberships": [
            {"group": m.group.slug, "role": m.role, "joined_at": m.joined_at.isoformat()}
            for m in memberships
        ],
        "join_requests": [
            {"group": r.group.slug, "status": r.status, "created_at": r.created_at.isoformat()}
            for r in requests
        ],
        "membership_changes": [
            {
                "group": e.group.slug,
                "change": e.change,
                "role": e.role,
                "reason": e.reason,
                "at": e.created_at.isoformat(),
            }
            for e in events
        ],
        "invite_links_created": [
            {"group": i.group.slug, "label": i.label, "created_at": i.created_at.isoformat()}
            for i in invites
        ],
    }
