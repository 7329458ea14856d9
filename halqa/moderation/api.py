"""moderation over JSON: the same queries and actions as the pages.

Members send flags. Site moderators (moderator and operator roles, whose tokens need the
two-factor code) list, read, claim and act on cases; group moderators use the web pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import pgettext
from ninja import Field, Query, Router, Schema, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.moderation import actions, flags, queries
from halqa.moderation.actions import Refused
from halqa.moderation.enums import CaseKind, CaseState, FlagReason, SanctionKind
from halqa.moderation.models import Case, Flag

router = Router(tags=["moderation"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 413, 415, 422, 429), ErrorOut
)
PER_PAGE = 50


class FlagIn(Schema):
    reason: FlagReason
    note: Annotated[str, Field(max_length=flags.NOTE_LENGTH)] = ""
    post: int | None = None
    live_message: int | None = None
    member: Annotated[str, Field(max_length=80)] | None = None


class FlagOut(Schema):
    id: int
    reason: str
    created: bool
    created_at: datetime


class CaseOut(Schema):
    id: int
    kind: str
    urgency: int
    state: str
    group: str | None
    subject: str
    post: int | None
    live_message: int | None
    expert_question: int | None = Field(None, description="ask an expert: the question")
    expert_answer: int | None = Field(None, description="ask an expert: the answer")
    reason: str
    flag_count: int
    opened_at: datetime
    first_response_at: datetime | None
    claimed_by: str | None
    resolved_at: datetime | None


class CasePageOut(Schema):
    items: list[CaseOut]
    page: int
    pages: int
    count: int


class CaseDetailOut(CaseOut):
    body: str | None
    content_state: str | None
    screening: dict[str, Any]
    flags: list[dict[str, Any]]
    history: list[dict[str, Any]]
    suggested_step: str


class CaseFilter(Schema):
    group: str = ""
    kind: CaseKind | Literal[""] = ""
    state: CaseState | Literal[""] = ""
    page: Annotated[int, Field(ge=1, le=100_000)] = 1


class ActIn(Schema):
    action: Literal[
        "approve",
        "hide",
        "remove",
        "redact",
        "clear_method",
        "dismiss",
        "resolve",
        "release",
        "sanction",
        "appeal",
    ]
    reason: Annotated[str, Field(max_length=2000)] = ""
    rule: int | None = None
    body: Annotated[str, Field(max_length=10_000)] | None = None
    kind: SanctionKind | None = None
    hours: Annotated[int, Field(ge=1, le=24 * 365)] | None = None
    site_wide: bool = False
    grant: bool | None = None


def _refused(refused: Refused) -> Status[Any]:
    status = 403 if refused.code in ("forbidden", "own_decision", "site_only") else 409
    if refused.code in ("rate",):
        status = 429
    return Status(status, {"code": refused.code, "message": str(refused.message), "fields": {}})


def _missing(field: str) -> Status[Any]:
    message = pgettext("moderation api", "This field is required for this action.")
    return Status(422, {"code": "invalid", "message": message, "fields": {field: [message]}})


def _moderator(request: HttpRequest) -> User:
    user = current_member(request)
    if not queries.is_site_moderator(user):
        raise PermissionDenied
    return user


def _case_out(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "kind": case.kind,
        "urgency": case.urgency,
        "state": case.state,
        "group": case.group.slug if case.group else None,
        "subject": case.subject.pseudonym,
        "post": case.post_id,
        "live_message": case.live_message_id,
        "expert_question": case.expert_question_id,
        "expert_answer": case.expert_answer_id,
        "reason": case.reason,
        "flag_count": case.flag_count,
        "opened_at": case.opened_at,
        "first_response_at": case.first_response_at,
        "claimed_by": case.claimed_by.pseudonym if case.claimed_by else None,
        "resolved_at": case.resolved_at,
    }


@router.post("/flags", response={201: FlagOut, 200: FlagOut, **ERRORS}, summary="Flag something")
def create_flag(request: HttpRequest, data: FlagIn) -> Any:
    """Report a post, a live message or a member (exactly one). The same member flagging the
    same item again gets 200 and the first flag; 429 after too many flags in an hour."""
    user = current_member(request)
    given = [x for x in (data.post, data.live_message, data.member) if x]
    if len(given) != 1:
        message = pgettext("moderation api", "Give exactly one of post, live_message or member.")
        return Status(422, {"code": "invalid", "message": message, "fields": {}})
    if data.post:
        target: dict[str, Any] = {"post": flags.flaggable_post(user, data.post)}
    elif data.live_message:
        target = {"live_message": flags.flaggable_message(user, data.live_message)}
    else:
        target = {"member": flags.flaggable_member(user, data.member or "")}
    try:
        record, created = flags.flag(reporter=user, reason=data.reason, note=data.note, **target)
    except Refused as refused:
        return _refused(refused)
    out = {
        "id": record.pk,
        "reason": record.reason,
        "created": created,
        "created_at": record.created_at,
    }
    return Status(201 if created else 200, out)


@router.get("/cases", response={200: CasePageOut, **ERRORS}, summary="The queue")
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> Any:
    """Open and claimed cases, most urgent first, then the oldest (site moderators)."""
    user = _moderator(request)
    group_id = None
    if filters.group:
        from halqa.groups.models import Group

        found = Group.objects.filter(slug=filters.group).first()
        if found is None:
            raise Http404
        group_id = found.pk
    cases = queries.queue(user, group=group_id, kind=filters.kind, state=filters.state)
    paginator = Paginator(cases, PER_PAGE)
    rows = paginator.page(filters.page) if filters.page <= paginator.num_pages else []
    return {
        "items": [_case_out(case) for case in rows],
        "page": filters.page,
        "pages": paginator.num_pages,
        "count": paginator.count,
    }


def _detail(case: Case) -> dict[str, Any]:
    item = case.item
    out = _case_out(case)
    out.update(
        {
            "body": item.body if item is not None else None,
            "content_state": item.state if item is not None else None,
            "screening": item.screening if item is not None else {},
            "flags": [
                {
                    "reason": f.reason,
                    "note": f.note,
                    "reporter": f.reporter.pseudonym,
                    "created_at": f.created_at.isoformat(),
                }
                for f in Flag.objects.filter(case=case).select_related("reporter")
            ],
            "history": [
                {
                    "action": e.action,
                    "actor": e.actor.pseudonym if e.actor else None,
                    "rule": e.rule,
                    "reason": e.reason,
                    "content_hash": e.content_hash,
                    "created_at": e.created_at.isoformat(),
                }
                for e in case.audit.select_related("actor").order_by("created_at", "id")
            ],
            "suggested_step": actions.next_step(case.subject),
        }
    )
    return out


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS}, summary="One case")
def get_case(request: HttpRequest, case_id: int) -> Any:
    user = _moderator(request)
    return _detail(queries.access_case(user, case_id))


@router.post("/cases/{case_id}/claim", response={200: CaseOut, **ERRORS}, summary="Claim")
def claim_case(request: HttpRequest, case_id: int) -> Any:
    """409 when another moderator has it."""
    user = _moderator(request)
    case = queries.access_case(user, case_id)
    try:
        actions.claim(case, user)
    except Refused as refused:
        return _refused(refused)
    return _case_out(queries.access_case(user, case_id))


@router.post("/cases/{case_id}/act", response={200: CaseDetailOut, **ERRORS}, summary="Act")
def act_on_case(request: HttpRequest, case_id: int, data: ActIn) -> Any:
    """One action on the case (see docs/api.md for each action's fields)."""
    user = _moderator(request)
    case = queries.access_case(user, case_id)
    try:
        if data.action in ("approve", "hide", "clear_method", "dismiss", "resolve"):
            getattr(actions, data.action)(case, user, data.reason)
        elif data.action == "release":
            actions.release(case, user)
        elif data.action == "remove":
            actions.remove(case, user, rule=data.rule, reason=data.reason)
        elif data.action == "redact":
            actions.redact(case, user, data.body or "", data.reason)
        elif data.action == "sanction":
            if data.kind is None:
                return _missing("kind")
            actions.sanction(
                case,
                user,
                kind=data.kind,
                reason=data.reason,
                rule=data.rule,
                hours=data.hours,
                site_wide=data.site_wide,
            )
        elif data.action == "appeal":
            if data.grant is None:
                return _missing("grant")
            actions.decide_appeal(case, user, grant=data.grant, reason=data.reason)
    except Refused as refused:
        return _refused(refused)
    return _detail(queries.access_case(user, case_id))
