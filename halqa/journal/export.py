"""The journal and the safety plan in the member's data export, decrypted for their owner."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.journal import queries
from halqa.journal.models import PlanLogEntry


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _log(row: PlanLogEntry) -> dict[str, Any]:
    return {"event": row.event, "viewer": row.viewer_pseudonym or None, "at": row.at}


def plan_data(user: User) -> dict[str, Any]:
    """Every step with its guidance and items, whether it is shared, and its log."""
    plan = queries.safety_plan_of(user)
    steps, unreadable = queries.plan_steps(plan)
    return {
        "steps": [
            {
                "section": item.step.section,
                "title": str(item.step.title),
                "explanation": str(item.step.explanation),
                "items": item.items,
            }
            for item in steps
        ],
        "unreadable": unreadable,
        "shared_with_moderators": bool(plan and plan.shared_with_moderators),
        "updated_at": plan.updated_at if plan else None,
        "log": [_log(row) for row in queries.plan_log_for(user)],
    }


def export_journal(user: User) -> dict[str, Any]:
    entries = []
    for entry in queries.entries_for(user):
        shown = queries.open_entry(entry)
        entries.append(
            {
                "title": shown.title,
                "body": shown.body,
                "prompt": shown.prompt or None,
                "unreadable": shown.unreadable,
                "created_at": _when(entry.created_at),
                "edited_at": _when(entry.edited_at),
            }
        )
    plan = plan_data(user)
    plan["updated_at"] = _when(plan["updated_at"])
    plan["log"] = [{**row, "at": _when(row["at"])} for row in plan["log"]]
    return {"entries": entries, "safety_plan": plan}
