"""The unread badge over a WebSocket: members only, their own count, nothing else."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from halqa.accounts.models import User
from halqa.notifications import events, queries

UNAUTHORISED = 4401


class NotificationConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    group: str | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if not isinstance(user, User) or not user.is_active:
            # Accept first: a close before the handshake reaches browsers as 1006, not 4401,
            # and notifications.js would keep reconnecting for a signed-out page.
            await self.accept()
            await self.close(code=UNAUTHORISED)
            return
        self.group = events.group_name(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        count = await database_sync_to_async(queries.unread_count)(user)
        await self.send_json(events.unread_payload(count))

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Clients have nothing to say here; whatever they send is ignored."""

    async def notification_event(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])
