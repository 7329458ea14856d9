"""JSON shapes of the live API; the same message fields as the WebSocket (docs/websocket.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

from halqa.live import events
from halqa.live.models import LiveMessage, LiveSession


class In(Schema):
    model_config = ConfigDict(strict=True)


class SessionOut(Schema):
    id: int
    group: str = Field(examples=["anxiety-circle"])
    title: str
    starts_at: datetime
    ends_at: datetime
    facilitator: str | None
    is_open: bool
    slow_mode_seconds: int
    last_seq: int

    @staticmethod
    def of(session: LiveSession) -> SessionOut:
        facilitator = session.facilitator.pseudonym if session.facilitator else None
        return SessionOut(
            id=session.pk,
            group=session.group.slug,
            title=session.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            facilitator=facilitator,
            is_open=session.is_open,
            slow_mode_seconds=session.slow_mode_seconds,
            last_seq=session.last_seq,
        )


class MessageOut(Schema):
    id: int
    seq: int
    author: str
    body_html: str
    created: datetime
    pinned: bool

    @staticmethod
    def of(message: LiveMessage) -> MessageOut:
        payload = events.message_payload(message)
        return MessageOut(**{k: v for k, v in payload.items() if k != "type"})


class PostedOut(MessageOut):
    crisis_help: bool = Field(
        description="The author should see their country's crisis help now (GET /api/…)."
    )


class MessageIn(In):
    body: Annotated[str, Field(max_length=20_000)]
    client_id: Annotated[str, Field(max_length=64)] = ""


class ScheduleIn(In):
    title: Annotated[str, Field(max_length=140)]
    starts_at: datetime
    ends_at: datetime

    model_config = ConfigDict(strict=False)  # ISO 8601 strings for the times


class SlowModeIn(In):
    seconds: int
