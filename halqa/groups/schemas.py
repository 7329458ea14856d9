"""Shapes of the groups API: they parse and bound input; the actions decide what is allowed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class In(Schema):
    model_config = ConfigDict(strict=True)


class GroupOut(Schema):
    slug: str
    name: str
    description: str
    topic: str
    language: str
    visibility: str
    join_policy: str
    member_count: int
    is_member: bool


class RuleOut(Schema):
    number: int
    text: str


class GroupDetailOut(GroupOut):
    rules: list[RuleOut]
    my_role: str | None = Field(description='"member", "facilitator", "moderator" or null')
    request_status: str | None = Field(description='"pending", "declined" or null')
    readable: bool = Field(description="whether the caller may read the conversations")
    can_facilitate: bool


class MembershipOut(Schema):
    group: str = Field(description="the group's slug")
    role: str
    joined_at: datetime


class JoinRequestOut(Schema):
    id: int
    pseudonym: str
    status: str
    created_at: datetime


class InviteIn(In):
    label: Annotated[str, Field(max_length=60)] = ""
    # JSON has no date type: an ISO 8601 string is parsed even in strict mode.
    expires_at: Annotated[datetime, Field(strict=False)] | None = None
    max_uses: Annotated[int, Field(ge=1, le=10_000)] | None = None


class InviteOut(Schema):
    id: int
    token: str
    url: str
    label: str
    created_at: datetime
    expires_at: datetime | None
    max_uses: int | None
    uses: int
    revoked: bool
    usable: bool


class InvitePreviewOut(Schema):
    group: str = Field(description="the group's slug")
    name: str
    description: str
    state: str = Field(description='"usable", "revoked", "expired" or "used_up"')


class MemberOut(Schema):
    id: int
    pseudonym: str
    role: str
    joined_at: datetime


class RoleIn(In):
    role: Literal["member", "facilitator", "moderator"]


class RemoveIn(In):
    reason: Annotated[str, Field(min_length=1, max_length=300)]
