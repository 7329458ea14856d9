"""JSON shapes of the live API; the same message fields as the WebSocket (docs/websocket.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

from halqa.conversations.publish import MAX_LENGTH
from halqa.conversations.schemas import CrisisHelpOut
from halqa.conversations.showing import ReaderChoices, folds_live_message
from halqa.conversations.visibility import view_of
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
    body_html: str = Field(description="as the caller may see it (masked, a note, a notice)")
    created: datetime
    pinned: bool
    state: str = Field(
        "published", description='to its author: "published", "held" (waiting for a moderator)…'
    )
    note: str = Field("", description="to its author: what others see and why")
    muted: bool = Field(
        False,
        description="contains a word, or is about a topic, the caller muted: show it folded, "
        "without saying which (it may be what screening found)",
    )

    @staticmethod
    def of(
        message: LiveMessage,
        *,
        viewer_id: int | None = None,
        moderator: bool = False,
        choices: ReaderChoices | None = None,
    ) -> MessageOut | None:
        """The message as the caller may see it; None when they may not see it at all.
        `choices`: the caller's muted words and topics, for `muted`."""
        payload = events.message_payload(message, viewer_id=viewer_id, moderator=moderator)
        if payload is None:
            return None
        out = MessageOut(**{k: v for k, v in payload.items() if k != "type"})
        if choices:
            view = view_of(message, viewer_id=viewer_id, moderator=moderator)
            out.muted = folds_live_message(message, view, choices)
        return out


class PostedOut(MessageOut):
    crisis_help: CrisisHelpOut | None = Field(
        description="when screening saw signs that the author may be in danger: their "
        "country's crisis help, to show at once (the same object as in conversations)"
    )


class MessageIn(In):
    # No max_length here: the publish path measures the cleaned text against its one limit
    # (publish.MAX_LENGTH), as for the form and the socket, and explains in the reader's language.
    body: str = Field(
        description=f"Markdown, 1 to {MAX_LENGTH:,} characters once control characters are removed"
    )
    client_id: Annotated[str, Field(max_length=64)] = ""
    confirm_personal_data: bool = Field(
        False, description="post anyway after a 422 personal_data answer: others see it masked"
    )


class ScheduleIn(In):
    title: Annotated[str, Field(max_length=140)]
    starts_at: datetime
    ends_at: datetime

    model_config = ConfigDict(strict=False)  # ISO 8601 strings for the times


class SlowModeIn(In):
    seconds: int
