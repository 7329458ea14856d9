"""The moderators' live queue: on-duty moderators' pages hear `case_opened` (ids, no content).

Like the moderation pages, the socket opens only for a session that passed two-factor: WebSocket
scopes have no OTPMiddleware, so the consumer reads django-otp's session key itself.
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from halqa.accounts.models import User
from halqa.core.push import MemberConsumer
from halqa.moderation import events, queries


def _verified(user: User, session: Any) -> bool:
    """The session passed two-factor with a confirmed device of `user`, as OTPMiddleware checks."""
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not isinstance(persistent_id, str) or not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and bool(device.confirmed)


def _allowed(user: User, session: Any) -> bool:
    return bool(queries.is_moderator(user)) and _verified(user, session)


class ModerationConsumer(MemberConsumer):
    def group_for(self, user: User) -> str:
        return events.group_name(user.pk)

    async def allowed(self, user: User) -> bool:
        return bool(await database_sync_to_async(_allowed)(user, self.scope.get("session")))
