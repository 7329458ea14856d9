"""Shapes of the notifications API. A notification carries a sentence, never content."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, Strict

from halqa.notifications.enums import Kind


class GroupRef(Schema):
    slug: str
    name: str


class NotificationOut(Schema):
    id: int
    kind: Kind
    text: str = Field(
        description="Built in the reader's language; names who and where, never what was written."
    )
    actor: str | None = Field(description="The actor's pseudonym; null when names are hidden.")
    group: GroupRef | None = Field(description="Null when names are hidden or for no group.")
    url: str = Field(
        description="A path on this site to open; with hide_names, /notifications/{id}/go/, "
        "which names no group and leads on after login."
    )
    created_at: datetime
    read_at: datetime | None
    unread: bool


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    page: int
    pages: int
    count: int
    unread_count: int


class ReadAllOut(Schema):
    marked: int = Field(description="How many were unread.")
    unread_count: int


class PreferencesOut(Schema):
    kinds: dict[Kind, bool]
    hide_names: bool


class PreferencesIn(Schema):
    """Only what is sent changes; an unknown kind is refused."""

    model_config = ConfigDict(strict=True)

    # A kind arrives as its JSON string; strict mode would want the enum itself.
    kinds: dict[Annotated[Kind, Strict(False)], bool] = Field(default_factory=dict)
    hide_names: bool | None = None
