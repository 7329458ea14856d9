"""The header's unread badge: one COUNT query per page for members, none for visitors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from halqa.accounts.models import User
from halqa.notifications.queries import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    return {"UNREAD_NOTIFICATIONS": unread_count(user)}
