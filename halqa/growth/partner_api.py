"""Partnership endpoints of the growth API (mounted on the same router)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Status

from halqa.accounts.models import User
from halqa.accounts.tokens import current_member
from halqa.growth import partners, queries
from halqa.growth.api import ERRORS, _week, router
from halqa.growth.models import Encouragement, Partnership
from halqa.growth.schemas import (
    EncouragementIn,
    EncouragementOut,
    InviteLinkOut,
    InvitePartnerIn,
    PartnerPageOut,
    PartnershipOut,
    ShareIO,
)


def _partnership_out(row: Partnership, user: User) -> dict[str, Any]:
    other = row.partner_of(user)
    return {
        "id": row.pk,
        "partner": other.pseudonym if other else None,
        "state": row.state,
        "invited_by_me": row.inviter_id == user.pk,
        "created_at": row.created_at,
    }


def _shared_out(shared: queries.Shared) -> dict[str, Any]:
    share = shared.share
    goals = [
        {
            "id": s.goal.pk,
            "title": s.goal.title,
            "cadence": s.goal.cadence,
            "state": s.goal.state,
            "streak": s.streak,
            "weeks": [_week(week) for week in s.weeks],
            "checkins": [
                {
                    "day": c.day,
                    "status": c.status,
                    "note": c.note if share and share.notes else None,
                }
                for c in shared.checkins.get(s.goal.pk, [])
            ],
        }
        for s in shared.goals
    ]
    mood = [m.__dict__ for m in shared.mood] if share and share.mood else None
    return {"goals": goals, "notes": bool(share and share.notes), "mood": mood}


@router.get("/partnerships", response={200: list[PartnershipOut], **ERRORS}, summary="Partners")
def list_partnerships(request: HttpRequest) -> list[dict[str, Any]]:
    user = current_member(request)
    return [_partnership_out(row, user) for row in queries.partnerships_of(user)]


@router.post(
    "/partnerships", response={201: PartnershipOut, **ERRORS}, summary="Invite by pseudonym"
)
def invite(request: HttpRequest, data: InvitePartnerIn) -> Status[dict[str, Any]]:
    user = current_member(request)
    row = partners.invite_partner(inviter=user, pseudonym=data.pseudonym)
    return Status(201, _partnership_out(row, user))


@router.post(
    "/partnerships/links", response={201: InviteLinkOut, **ERRORS}, summary="A new invite link"
)
def create_link(request: HttpRequest) -> Status[dict[str, Any]]:
    row, token = partners.create_invite_link(inviter=current_member(request))
    return Status(201, {"id": row.pk, "token": token, "expires_at": row.expires_at})


@router.post(
    "/partnerships/join/{token}", response={200: PartnershipOut, **ERRORS}, summary="Accept a link"
)
def join(request: HttpRequest, token: str) -> dict[str, Any]:
    user = current_member(request)
    row = queries.invite_for_token(token)
    if row is None:
        from django.http import Http404

        raise Http404
    return _partnership_out(partners.accept(partnership=row, user=user), user)


@router.get(
    "/partnerships/{partnership_id}", response={200: PartnerPageOut, **ERRORS}, summary="Shared"
)
def partner_page(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
    """Exactly what each partner shares; nothing once the partnership has ended."""
    user = current_member(request)
    row = queries.access_partnership(user, partnership_id)
    other = row.partner_of(user)
    theirs = queries.shared_by(row, other) if other else queries.Shared(user, None, [], {}, [])
    mine = queries.shared_by(row, user)
    share = mine.share
    choices = {
        "goals": [g.pk for g in share.goals.all()] if share else [],
        "notes": bool(share and share.notes),
        "mood": bool(share and share.mood),
        "nudges": bool(share and share.nudges),
    }
    return {
        "partnership": _partnership_out(row, user),
        "theirs": _shared_out(theirs),
        "mine": _shared_out(mine),
        "my_choices": choices,
    }


def _verb(request: HttpRequest, partnership_id: int, verb: str) -> dict[str, Any]:
    user = current_member(request)
    row = queries.access_partnership(user, partnership_id)
    out = _partnership_out(row, user)
    if verb == "accept":
        partners.accept(partnership=row, user=user)
    elif verb == "decline":
        partners.decline(partnership=row, user=user)
    elif verb == "end":
        partners.end_partnership(partnership=row, user=user)
    else:  # withdraw: the row is gone afterwards, so answer with what it was
        partners.revoke_invite(partnership=row, user=user)
        return out
    return _partnership_out(row, user)


PARTNERSHIP_VERBS = {
    "accept": "Accept an invitation",
    "decline": "Decline an invitation",
    "end": "End a partnership",
    "revoke": "Withdraw my invitation",
}


def _register(verb: str, summary: str) -> None:
    def view(request: HttpRequest, partnership_id: int) -> dict[str, Any]:
        return _verb(request, partnership_id, verb)

    view.__name__ = f"partnership_{verb}"
    router.post(
        f"/partnerships/{{partnership_id}}/{verb}",
        response={200: PartnershipOut, **ERRORS},
        summary=summary,
        operation_id=f"growth_partnership_{verb}",
    )(view)


for _verb_name, _summary in PARTNERSHIP_VERBS.items():
    _register(_verb_name, _summary)


@router.put(
    "/partnerships/{partnership_id}/share",
    response={200: ShareIO, **ERRORS},
    summary="What I share",
)
def put_share(request: HttpRequest, partnership_id: int, data: ShareIO) -> dict[str, Any]:
    user = current_member(request)
    row = queries.access_partnership(user, partnership_id)
    partners.set_share(
        partnership=row,
        user=user,
        goal_ids=data.goals,
        notes=data.notes,
        mood=data.mood,
        nudges=data.nudges,
    )
    return data.dict()


@router.post(
    "/partnerships/{partnership_id}/encouragements",
    response={201: EncouragementOut, **ERRORS},
    summary="Send encouragement",
)
def encourage(
    request: HttpRequest, partnership_id: int, data: EncouragementIn
) -> Status[dict[str, Any]]:
    user = current_member(request)
    row = queries.access_partnership(user, partnership_id)
    note: Encouragement = partners.encourage(partnership=row, sender=user, body=data.body)
    return Status(
        201,
        {"id": note.pk, "sender": user.pseudonym, "body": note.body, "created_at": note.created_at},
    )
