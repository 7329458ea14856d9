"""Live sessions over JSON: the same actions as the pages (docs/websocket.md)."""

from __future__ import annotations

import json
import math
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from pydantic import Field

from halqa.accounts import tokens
from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.conversations.publish import PersonalDataFound, personal_data_response
from halqa.conversations.schemas import CrisisHelpOut, PublishErrorOut
from halqa.conversations.showing import ReaderChoices
from halqa.conversations.visibility import is_moderator
from halqa.live import actions, queries
from halqa.live.schemas import MessageIn, MessageOut, PostedOut, ScheduleIn, SessionOut, SlowModeIn

router = Router(tags=["live"])
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys(
    (400, 401, 403, 404, 409, 413, 415, 422, 429), ErrorOut
)
ERRORS[422] = PublishErrorOut  # code personal_data carries its spans and crisis_help
STATUS = {"not_member": 403, "muted": 403, "closed": 409, "slow_mode": 429, "invalid": 422}


def _member(request: HttpRequest) -> User:
    return tokens.current_member(request)


def _refused(error: actions.LiveError) -> HttpResponse:
    body = {"code": error.code, "message": str(error.message), "fields": {}}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=STATUS.get(error.code, 400),
        content_type="application/json",
    )
    if error.retry_after:
        response["Retry-After"] = str(math.ceil(error.retry_after))
    return response


@router.get("/groups/{slug}/sessions", response={200: list[SessionOut], **ERRORS})
def list_sessions(request: HttpRequest, slug: str) -> list[SessionOut]:
    group = queries.access_live_group(_member(request), slug)
    return [
        SessionOut.of(session) for session in queries.sessions_of(group).select_related("group")
    ]


@router.post("/groups/{slug}/sessions", response={201: SessionOut, **ERRORS})
def schedule(request: HttpRequest, slug: str, data: ScheduleIn) -> Status[SessionOut]:
    user = _member(request)
    group = queries.access_live_group(user, slug)
    session = actions.schedule_session(by=user, group=group, **data.model_dump())
    return Status(201, SessionOut.of(session))


@router.get("/sessions/{session_id}", response={200: SessionOut, **ERRORS})
def session_detail(request: HttpRequest, session_id: int) -> SessionOut:
    return SessionOut.of(queries.access_session(_member(request), session_id))


@router.get("/sessions/{session_id}/messages", response={200: list[MessageOut], **ERRORS})
def list_messages(
    request: HttpRequest,
    session_id: int,
    after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=queries.PAGE_LENGTH)] = queries.PAGE_LENGTH,
) -> list[MessageOut]:
    """Messages with seq > `after`, oldest first: page on with the last seq you got."""
    user = _member(request)
    session = queries.access_session(user, session_id)
    moderator = is_moderator(user, session.group)
    messages = queries.messages_after(session.pk, after, limit=limit)
    choices = ReaderChoices.of(user)
    shown = (
        MessageOut.of(m, viewer_id=user.pk, moderator=moderator, choices=choices) for m in messages
    )
    return [out for out in shown if out is not None]


@router.post("/sessions/{session_id}/messages", response={201: PostedOut, **ERRORS})
def post_message(
    request: HttpRequest, session_id: int, data: MessageIn
) -> Status[PostedOut] | HttpResponse:
    user = _member(request)
    session = queries.access_session(user, session_id)
    try:
        message = actions.post_live_message(author=user, session=session, **data.model_dump())
    except PersonalDataFound as error:
        return personal_data_response(error)
    except actions.LiveError as error:
        return _refused(error)
    out = MessageOut.of(message, viewer_id=user.pk)
    assert out is not None  # noqa: S101 - its author always sees their message
    crisis_help = CrisisHelpOut.of(user) if message.needs_crisis_help else None
    return Status(201, PostedOut(**out.model_dump(), crisis_help=crisis_help))


@router.post("/sessions/{session_id}/open", response={200: SessionOut, **ERRORS})
def open_room(request: HttpRequest, session_id: int) -> SessionOut:
    user = _member(request)
    session = queries.access_session(user, session_id)
    return SessionOut.of(actions.open_room(by=user, session=session))


@router.post("/sessions/{session_id}/close", response={200: SessionOut, **ERRORS})
def close_room(request: HttpRequest, session_id: int) -> SessionOut:
    user = _member(request)
    session = queries.access_session(user, session_id)
    return SessionOut.of(actions.close_room(by=user, session=session))


@router.post("/sessions/{session_id}/slow-mode", response={200: SessionOut, **ERRORS})
def slow_mode(request: HttpRequest, session_id: int, data: SlowModeIn) -> SessionOut:
    user = _member(request)
    session = queries.access_session(user, session_id)
    return SessionOut.of(actions.set_slow_mode(by=user, session=session, seconds=data.seconds))


@router.post(
    "/sessions/{session_id}/messages/{message_id}/{change}", response={200: MessageOut, **ERRORS}
)
def change_message(
    request: HttpRequest,
    session_id: int,
    message_id: int,
    change: Annotated[str, Field(pattern="^(pin|unpin|mute-author|unmute-author)$")],
) -> MessageOut | HttpResponse:
    """`pin`, `unpin`, `mute-author` or `unmute-author` (in this room only): facilitators."""
    user = _member(request)
    session = queries.access_session(user, session_id)
    message = queries.access_message(session, message_id)
    try:
        if change in ("pin", "unpin"):
            change_pin = actions.pin_message if change == "pin" else actions.unpin_message
            message = change_pin(by=user, message=message)
        elif change == "mute-author":
            actions.mute_member(by=user, session=session, user=message.author)
        else:
            actions.unmute_member(by=user, session=session, user=message.author)
    except actions.LiveError as error:
        return _refused(error)
    return MessageOut.of(message, viewer_id=user.pk, moderator=True)  # type: ignore[return-value]
