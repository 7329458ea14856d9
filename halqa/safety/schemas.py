"""JSON shapes of the safety API (halqa.safety.api)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from halqa.safety.enums import CardChoice


class CardAnswerIn(Schema):
    choice: CardChoice


class CardAnswerOut(Schema):
    case: int | None
    support_thread: int | None
    moderated_now: bool


class SupportMessageIn(Schema):
    body: Annotated[str, Field(max_length=10_000)]


class SupportMessageOut(Schema):
    id: int
    from_member: bool
    moderator: str | None
    body: str
    created_at: datetime


class SupportThreadOut(Schema):
    id: int
    case: int
    member: str
    created_at: datetime


class SupportThreadDetailOut(SupportThreadOut):
    messages: list[SupportMessageOut]


class ContactIn(Schema):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    phone: Annotated[str, Field(min_length=1, max_length=40)]
    location: Annotated[str, Field(max_length=300)] = ""


class ContactOut(Schema):
    name: str
    phone: str
    location: str


class ContactViewOut(Schema):
    viewed_at: datetime
    moderator: str
    case: int | None
    reason: str


class RevealIn(Schema):
    reason: Annotated[str, Field(max_length=500)]


class RevealOut(Schema):
    contact: ContactOut | None
