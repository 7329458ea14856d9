"""Shapes of the journal API. They bound input; the actions decide what is valid."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, Strict

from halqa.journal.actions import BODY_MAX, ITEM_MAX, ITEMS_MAX, TITLE_MAX
from halqa.journal.enums import PlanEvent, Prompt, Section


class In(Schema):
    model_config = ConfigDict(strict=True, extra="forbid")


class EntryIn(In):
    title: Annotated[str, Field(max_length=TITLE_MAX)] = ""
    body: Annotated[str, Field(min_length=1, max_length=BODY_MAX)]
    prompt: Annotated[Prompt | None, Strict(False)] = Field(
        None, description="One of the reflection prompts, or null."
    )


class EntryOut(Schema):
    id: int
    title: str
    body: str
    prompt: Prompt | None
    prompt_text: str | None = Field(description="The prompt in the reader's language.")
    created_at: datetime
    edited_at: datetime | None


class EntryPageOut(Schema):
    items: list[EntryOut]
    page: int
    pages: int
    count: int


Items = Annotated[list[Annotated[str, Field(max_length=ITEM_MAX)]], Field(max_length=ITEMS_MAX)]


class PlanIn(In):
    sections: dict[Annotated[Section, Strict(False)], Items] = Field(
        description="The sections to replace; sections not given keep their items."
    )


class SharingIn(In):
    shared: bool


class StepOut(Schema):
    section: Section
    title: str
    explanation: str
    items: list[str]


class LogOut(Schema):
    event: PlanEvent
    viewer: str | None = Field(description="The moderator's pseudonym for a view.")
    at: datetime


class PlanOut(Schema):
    steps: list[StepOut]
    shared_with_moderators: bool
    updated_at: datetime | None
    log: list[LogOut]
