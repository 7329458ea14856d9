"""The member's live-session messages, for export."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.live.models import LiveMessage


def export_live(user: User) -> dict[str, Any]:
    messages = (
        LiveMessage.objects.filter(author=user)
        .select_related("session__group")
        .order_by("created_at", "pk")
    )
    return {
        "messages": [
            {
                "group": m.session.group.slug,
                "session": m.session.title,
                "body": m.body,
                "created_at": m.created_at.isoformat(),
                "screening": m.screening,
            }
            for m in messages
        ]
    }
