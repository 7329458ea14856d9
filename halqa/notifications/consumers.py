"""The unread badge over a WebSocket: members only, their own count, nothing else."""

from __future__ import annotations

from channels.db import database_sync_to_async

from halqa.accounts.models import User
from halqa.core.push import MemberConsumer
from halqa.notifications import events, queries


class NotificationConsumer(MemberConsumer):
    def group_for(self, user: User) -> str:
        return events.group_name(user.pk)

    async def joined(self, user: User) -> None:
        count = await database_sync_to_async(queries.unread_count)(user)
        await self.send_json(events.unread_payload(count))
