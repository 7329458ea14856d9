"""growth over JSON: the same queries and actions as the pages, with the same permissions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.growth import actions, queries
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.lowmood import sustained_low
from halqa.growth.models import Goal, MoodEntry
from halqa.growth.schemas import (
    CheckInIn,
    CheckInOut,
    GoalIn,
    GoalOut,
    GoalPatch,
    MoodIn,
    MoodOut,
    MoodPageOut,
    SettingsIO,
)

router = Router(tags=["growth"])
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 413, 415, 422), ErrorOut)


@router.get("/settings", response={200: SettingsIO, **ERRORS}, summary="My time zone")
def get_settings(request: HttpRequest) -> dict[str, str]:
    return {"time_zone": zone_of(current_member(request)).key}


@router.put("/settings", response={200: SettingsIO, **ERRORS}, summary="Change my time zone")
def put_settings(request: HttpRequest, data: SettingsIO) -> dict[str, str]:
    row = actions.set_time_zone(user=current_member(request), time_zone=data.time_zone)
    return {"time_zone": row.time_zone}


def _week(week: Any) -> dict[str, Any]:
    return {
        "start": week.start,
        "done": week.done,
        "planned": week.planned,
        "percent": week.percent,
    }


def _goal_out(summary: queries.GoalSummary) -> dict[str, Any]:
    goal = summary.goal
    return {
        **{f: getattr(goal, f) for f in ("id", "title", "template", "cadence", "weekdays")},
        **{f: getattr(goal, f) for f in ("times_per_week", "reminder_time", "state", "created_at")},
        "streak": summary.streak,
        "weeks": [_week(week) for week in summary.weeks],
        "today": summary.today.status if summary.today else None,
    }


def _one(user: User, goal: Goal) -> dict[str, Any]:
    (summary,) = queries.summaries([goal], local_today(zone_of(user)))
    return _goal_out(summary)


@router.get("/goals", response={200: list[GoalOut], **ERRORS}, summary="My goals")
def list_goals(request: HttpRequest) -> list[dict[str, Any]]:
    _, rows = queries.goal_summaries(current_member(request))
    return [_goal_out(summary) for summary in rows]


@router.post("/goals", response={201: GoalOut, **ERRORS}, summary="Set a goal")
def create_goal(request: HttpRequest, data: GoalIn) -> Status[dict[str, Any]]:
    user = current_member(request)
    goal = actions.save_goal(owner=user, **data.dict())
    return Status(201, _one(user, goal))


@router.get("/goals/{goal_id}", response={200: GoalOut, **ERRORS}, summary="One goal")
def get_goal(request: HttpRequest, goal_id: int) -> dict[str, Any]:
    user = current_member(request)
    return _one(user, queries.access_own_goal(user, goal_id))


@router.patch("/goals/{goal_id}", response={200: GoalOut, **ERRORS}, summary="Change a goal")
def patch_goal(request: HttpRequest, goal_id: int, data: GoalPatch) -> dict[str, Any]:
    user = current_member(request)
    goal = queries.access_own_goal(user, goal_id)
    fields = ("title", "cadence", "weekdays", "times_per_week", "reminder_time")
    # A field sent as null keeps its value, like a field left out; a null reminder_time clears
    # the reminder, as it always has.
    given = {
        field: value
        for field, value in data.dict(exclude_unset=True).items()
        if value is not None or field == "reminder_time"
    }
    if any(field in given for field in fields) or data.clear_reminder:
        values = {field: given.get(field, getattr(goal, field)) for field in fields}
        if data.clear_reminder:
            values["reminder_time"] = None
        actions.save_goal(owner=user, goal=goal, template=goal.template, **values)
    if data.state is not None and data.state != goal.state:
        actions.set_goal_state(goal=goal, state=data.state)
    return _one(user, goal)


@router.delete("/goals/{goal_id}", response={204: None, **ERRORS}, summary="Delete a goal")
def delete_goal(request: HttpRequest, goal_id: int) -> Status[None]:
    actions.delete_goal(goal=queries.access_own_goal(current_member(request), goal_id))
    return Status(204, None)


@router.get(
    "/goals/{goal_id}/checkins", response={200: list[CheckInOut], **ERRORS}, summary="Check-ins"
)
def list_checkins(request: HttpRequest, goal_id: int) -> list[dict[str, Any]]:
    goal = queries.access_own_goal(current_member(request), goal_id)
    return [
        {"day": r.day, "status": r.status, "note": r.note}
        for r in queries.recent_checkins(goal, 90)
    ]


@router.post("/goals/{goal_id}/checkins", response={201: CheckInOut, **ERRORS}, summary="Check in")
def create_checkin(request: HttpRequest, goal_id: int, data: CheckInIn) -> Status[dict[str, Any]]:
    goal = queries.access_own_goal(current_member(request), goal_id)
    row = actions.record_checkin(goal=goal, status=data.status, note=data.note, day=data.day)
    return Status(201, {"day": row.day, "status": row.status, "note": row.note})


def _mood_out(entry: MoodEntry) -> dict[str, Any]:
    fields = ("id", "day", "score", "emotions", "note", "created_at")
    return {field: getattr(entry, field) for field in fields}


@router.get("/mood", response={200: MoodPageOut, **ERRORS}, summary="My mood entries")
def list_mood(request: HttpRequest) -> dict[str, Any]:
    """The last 90 days, newest first."""
    user = current_member(request)
    since = local_today(zone_of(user)).toordinal() - 89
    from datetime import date

    rows = queries.mood_entries(user, date.fromordinal(since))
    return {"items": [_mood_out(row) for row in rows], "low_mood": sustained_low(user)}


@router.post("/mood", response={201: MoodOut, **ERRORS}, summary="Note my mood")
def create_mood(request: HttpRequest, data: MoodIn) -> Status[dict[str, Any]]:
    entry = actions.log_mood(owner=current_member(request), **data.dict())
    return Status(201, _mood_out(entry))


@router.delete("/mood/{entry_id}", response={204: None, **ERRORS}, summary="Delete a mood entry")
def delete_mood(request: HttpRequest, entry_id: int) -> Status[None]:
    actions.delete_mood(entry=queries.access_own_mood(current_member(request), entry_id))
    return Status(204, None)


from halqa.growth import partner_api  # noqa: E402,F401 - registers the partnership endpoints
