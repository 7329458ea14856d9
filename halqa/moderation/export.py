"""The member's part of "export my data": their reports, decisions about them, appeals.

Reporters of the member are never included; moderators appear as the site, not by name.
"""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.moderation.models import Appeal, AuditEntry, Flag, Sanction


def export_moderation(user: User) -> dict[str, Any]:
    return {
        "reports_sent": [
            {
                "reason": f.reason,
                "note": f.note,
                "created_at": f.created_at.isoformat(),
                "post": f.post_id,
                "live_message": f.live_message_id,
            }
            for f in Flag.objects.filter(reporter=user).order_by("created_at")
        ],
        "decisions_about_me": [
            {
                "action": e.action,
                "rule": e.rule,
                "group": e.group.name if e.group else None,
                "created_at": e.created_at.isoformat(),
            }
            for e in AuditEntry.objects.filter(subject=user)
            .exclude(action__in=("claim", "release", "handover", "debrief"))
            .select_related("group")
            .order_by("created_at")
        ],
        "sanctions": [
            {
                "kind": s.kind,
                "starts_at": s.starts_at.isoformat(),
                "ends_at": s.ends_at.isoformat() if s.ends_at else None,
                "lifted_at": s.lifted_at.isoformat() if s.lifted_at else None,
            }
            for s in Sanction.objects.filter(user=user).order_by("starts_at")
        ],
        "appeals": [
            {
                "statement": a.statement,
                "state": a.state,
                "created_at": a.created_at.isoformat(),
            }
            for a in Appeal.objects.filter(appellant=user).order_by("created_at")
        ],
    }
