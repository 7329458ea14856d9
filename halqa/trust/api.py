"""trust over JSON: the caller's trust level, and coaching for a draft (nothing stored)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import Throttled

from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.conversations.publish import MAX_LENGTH
from halqa.conversations.schemas import CrisisHelpOut
from halqa.trust import coaching, levels
from halqa.trust.models import MemberTrust
from halqa.trust.schemas import CoachingOut, DraftIn, LevelOut

router = Router(tags=["trust"])
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 413, 415, 422, 429), ErrorOut)


@router.get("/me", response={200: LevelOut, **ERRORS})
def my_level(request: HttpRequest) -> dict[str, Any]:
    """The caller's trust level and the limits that go with it."""
    user = current_member(request)
    site = levels.site_policy()
    level = levels.level_of(user, site)
    return {
        "level": level,
        "set_by_operator": MemberTrust.objects.filter(user=user).exists(),
        "messages_per_minute": levels.per_minute(site, level),
        "live_seconds_between": site.live_seconds_level0 if level == 0 else 0,
        "links_held": level == 0 and site.hold_new_member_links,
    }


@router.post("/coach", response={200: CoachingOut, **ERRORS})
def coach(request: HttpRequest, data: DraftIn) -> dict[str, Any]:
    """Coaching for a draft as the member types: never stored, never logged."""
    user = current_member(request)
    if not coaching.allowed(user):
        raise Throttled(wait=60)
    text = data.body.strip()[:MAX_LENGTH]
    decision, found = coaching.judge(user, text) if text else (None, [])
    crisis = decision is not None and bool(decision.crisis)  # judged as the page judges it
    return {
        "crisis_help": CrisisHelpOut.of(user) if crisis else None,
        "leave_out_method": crisis and decision is not None and decision.method_hidden,
        "personal_data": [{"kind": k, "start": s, "end": e} for k, s, e in found],
    }
