"""The member's growth data in their export: notes decrypted, for the owner only."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.growth.localtime import zone_of
from halqa.growth.models import (
    CheckIn,
    Commitment,
    Encouragement,
    Goal,
    MoodEntry,
    PartnerShare,
    Partnership,
)


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "template": goal.template,
        "cadence": goal.cadence,
        "weekdays": goal.weekdays,
        "times_per_week": goal.times_per_week,
        "reminder_time": goal.reminder_time.isoformat() if goal.reminder_time else None,
        "state": goal.state,
        "created_at": goal.created_at.isoformat(),
        "checkins": [
            {"day": row.day.isoformat(), "status": row.status, "note": row.note}
            for row in CheckIn.objects.filter(goal=goal).order_by("day")
        ],
        "shared_with_groups": list(
            Commitment.objects.filter(goal=goal).values_list("group__slug", flat=True)
        ),
    }


def _partnership(row: Partnership, user: User) -> dict[str, Any]:
    other = row.partner_of(user)
    share = PartnerShare.objects.filter(partnership=row, user=user).first()
    return {
        "partner": other.pseudonym if other else None,
        "state": row.state,
        "invited_by_me": row.inviter_id == user.pk,
        "created_at": row.created_at.isoformat(),
        "my_sharing": {
            "goals": [goal.pk for goal in share.goals.all()],
            "notes": share.notes,
            "mood": share.mood,
            "nudges": share.nudges,
        }
        if share
        else None,
        "encouragement_i_sent": [
            {"body": e.body, "created_at": e.created_at.isoformat()}
            for e in Encouragement.objects.filter(partnership=row, sender=user)
        ],
    }


def export_growth(user: User) -> dict[str, Any]:
    partnerships = Partnership.objects.filter(inviter=user) | Partnership.objects.filter(
        invitee=user
    )
    return {
        "time_zone": zone_of(user).key,
        "goals": [_goal(goal) for goal in Goal.objects.filter(owner=user).order_by("created_at")],
        "mood": [
            {
                "day": entry.day.isoformat(),
                "score": entry.score,
                "emotions": entry.emotions,
                "note": entry.note,
                "created_at": entry.created_at.isoformat(),
            }
            for entry in MoodEntry.objects.filter(owner=user).order_by("created_at")
        ],
        "partnerships": [
            _partnership(row, user) for row in partnerships.select_related("inviter", "invitee")
        ],
    }
