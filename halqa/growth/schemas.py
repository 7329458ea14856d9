"""Shapes of the growth API. Notes appear only in the owner's own responses."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class In(Schema):
    model_config = ConfigDict(strict=True)


class SettingsIO(In):
    time_zone: Annotated[str, Field(max_length=64, description="An IANA zone, e.g. Africa/Cairo")]


class WeekOut(Schema):
    start: date
    done: int
    planned: int
    percent: int


class GoalOut(Schema):
    id: int
    title: str
    template: str
    cadence: str
    weekdays: list[int] = Field(description="Monday = 0 … Sunday = 6")
    times_per_week: int
    reminder_time: time | None = Field(description="In the member's time zone")
    state: str
    created_at: datetime
    streak: int = Field(description="Days in a row (weeks in a row for a weekly goal)")
    weeks: list[WeekOut] = Field(description="The last four weeks, this one last")
    today: str | None = Field(description='"done", "not_today" or null')


Cadence = Literal["daily", "weekdays", "weekly"]


class GoalIn(In):
    title: Annotated[str, Field(max_length=120)] = ""
    template: Literal["", "therapy", "medication", "walk", "sleep", "reach_out"] = ""
    cadence: Cadence = "daily"
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = []
    times_per_week: Annotated[int, Field(ge=1, le=7)] = 1
    reminder_time: Annotated[time, Field(strict=False)] | None = None


class GoalPatch(In):
    title: Annotated[str, Field(max_length=120)] | None = None
    cadence: Cadence | None = None
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] | None = None
    times_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    reminder_time: Annotated[time, Field(strict=False)] | None = None
    clear_reminder: bool = False
    state: Literal["active", "paused", "archived"] | None = None


class CheckInIn(In):
    status: Literal["done", "not_today"]
    note: Annotated[str, Field(max_length=2000)] = ""
    day: Annotated[date, Field(strict=False)] | None = Field(
        default=None, description="A past local day; today when left out"
    )


class CheckInOut(Schema):
    day: date
    status: str
    note: str | None = Field(
        description="Only in the owner's responses, or a partner's when shared"
    )


class MoodIn(In):
    score: Annotated[int, Field(ge=1, le=5)]
    emotions: list[str] = []
    note: Annotated[str, Field(max_length=2000)] = ""


class MoodOut(Schema):
    id: int
    day: date
    score: int
    emotions: list[str]
    note: str
    created_at: datetime


class MoodPageOut(Schema):
    items: list[MoodOut]
    low_mood: bool = Field(description="The low-mood rule matched: offer the crisis card")


class InvitePartnerIn(In):
    pseudonym: Annotated[str, Field(max_length=30)]


class ShareIO(In):
    goals: list[int] = []
    notes: bool = False
    mood: bool = False
    nudges: bool = False


class PartnershipOut(Schema):
    id: int
    partner: str | None
    state: str
    invited_by_me: bool
    created_at: datetime


class InviteLinkOut(Schema):
    id: int
    token: str = Field(description="Shown once; open /growth/partners/join/{token}/")
    expires_at: datetime


class SharedGoalOut(Schema):
    id: int
    title: str
    cadence: str
    state: str
    streak: int
    weeks: list[WeekOut]
    checkins: list[CheckInOut]


class SharedMoodOut(Schema):
    day: date
    score: int
    emotions: list[str]


class SharedOut(Schema):
    goals: list[SharedGoalOut]
    notes: bool
    mood: list[SharedMoodOut] | None = Field(description="null when mood is not shared")


class PartnerPageOut(Schema):
    partnership: PartnershipOut
    theirs: SharedOut
    mine: SharedOut
    my_choices: ShareIO


class EncouragementIn(In):
    body: Annotated[str, Field(max_length=500)]


class EncouragementOut(Schema):
    id: int
    sender: str
    body: str
    created_at: datetime
