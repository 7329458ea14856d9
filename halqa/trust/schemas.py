"""Shapes of the trust API: they parse; trust.levels and trust.coaching decide."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

from halqa.conversations.schemas import CrisisHelpOut


class LevelOut(Schema):
    level: int = Field(description="0 (new), 1 or 2 (trusted)")
    set_by_operator: bool
    messages_per_minute: int = Field(description="thread messages a minute at this level")
    live_seconds_between: int = Field(description="live-room pace at this level (0: none)")
    links_held: bool = Field(description="links in messages wait for a moderator")


class DraftIn(Schema):
    model_config = ConfigDict(strict=True)
    body: Annotated[str, Field(max_length=20_000)]


class SpanOut(Schema):
    kind: str
    start: int
    end: int


class CoachingOut(Schema):
    crisis_help: CrisisHelpOut | None = Field(
        description="show support and these helplines now (the crisis card, as threads and "
        "live rooms give it), or null"
    )
    leave_out_method: bool = Field(description="ask gently to leave out self-harm details")
    personal_data: list[SpanOut] = Field(description="spans of the draft to consider removing")
