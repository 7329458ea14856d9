"""Shapes of the experts API: they parse; the actions decide what is allowed. Licence details
go in and never come out."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from halqa.conversations.schemas import CrisisHelpOut


class In(Schema):
    model_config = ConfigDict(strict=True)


class ApplicationIn(In):
    profession: str
    specialties: list[str] = Field(description="topic codes, see GET /api/experts/topics")
    languages: list[str] = Field(description='"ar", "en", "fr", "ku", "tr", "fa"')
    licence_number: str
    licence_body: str = Field(description="the body that issued the licence")
    display_name: str = Field("", description="professional name shown once verified (optional)")


class ApplicationOut(Schema):
    id: int
    profession: str
    specialties: list[str]
    languages: list[str]
    display_name: str
    state: str
    submitted_at: datetime
    decided_at: datetime | None
    decline_reason: str


class OfficeHoursOut(Schema):
    session_id: int
    title: str
    group: str = Field(description="the group's slug")
    starts_at: datetime
    ends_at: datetime


class ExpertOut(Schema):
    id: int
    pseudonym: str
    display_name: str
    profession: str
    specialties: list[str]
    languages: list[str]
    verified_at: datetime
    office_hours: list[OfficeHoursOut]


class TopicOut(Schema):
    code: str
    label: str


class QuestionIn(In):
    title: str
    body: str
    topic: str
    private: bool = Field(False, description="only verified experts and the asker can see it")


class AnswerIn(In):
    body: str


class HelpfulIn(In):
    answer: int | None = Field(description="the answer that helped, or null to clear")


class AnswerOut(Schema):
    id: int
    author: str
    expert_name: str | None = Field(description="professional display name, for expert answers")
    by_expert: bool
    helpful: bool
    body: str
    created_at: datetime
    state: str = Field(
        description='"published"; the author\'s own may also be "held" (waiting for a moderator), '
        '"hidden" or "removed"'
    )
    crisis_help: CrisisHelpOut | None = None


class QuestionOut(Schema):
    id: int
    title: str
    topic: str
    private: bool
    asker: str
    created_at: datetime
    last_activity_at: datetime
    expert_answer_count: int
    helpful_answer: int | None
    state: str = Field(
        description='"published"; the author\'s own may also be "held" (waiting for a moderator), '
        '"hidden" or "removed"'
    )


class QuestionDetailOut(QuestionOut):
    body: str
    answers: list[AnswerOut] = Field(description="the helpful answer first, then by time")
    crisis_help: CrisisHelpOut | None = None


class QuestionPageOut(Schema):
    items: list[QuestionOut]
    page: int
    pages: int
    count: int
