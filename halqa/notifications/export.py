"""The member's notifications in their data export: kinds, places and times, no other member."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.notifications import queries
from halqa.notifications.models import Notification


def _item(notification: Notification) -> dict[str, Any]:
    read_at = notification.read_at
    return {
        "kind": notification.kind,
        "group": notification.group.name if notification.group else None,
        "url": notification.url,
        "created_at": notification.created_at.isoformat(),
        "read_at": read_at.isoformat() if read_at else None,
    }


def export_notifications(user: User) -> dict[str, Any]:
    return {
        "preferences": queries.preferences_of(user),
        "hide_names": queries.hides_names(user),
        "items": [
            _item(row)
            for row in Notification.objects.filter(recipient=user)
            .select_related("group")
            .order_by("-created_at", "-id")
        ],
    }
