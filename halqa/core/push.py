"""Pushes to one member's open pages over the channel layer, shared by the apps that push.

An app names a group per member (`notifications.user.<id>`, `moderation.user.<id>`), sends
payloads to it with `send` (ids and counts, never anything a member wrote), and serves the socket
with a `MemberConsumer` subclass that says which group a member joins and who may open it.

The channel layer failing (Redis down or restarting) never crashes a socket: a failed push is
logged and dropped, and a socket whose layer fails closes with 1013 (try again later), so the
page reconnects with backoff and gets the current state once the layer is back.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import redis
from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer

from halqa.accounts.models import User

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
# The consumer method that relays a payload (`push.relay` → `MemberConsumer.push_relay`).
RELAY = "push.relay"
UNAUTHORISED = 4401
TRY_AGAIN_LATER = 1013  # RFC 6455: the server cannot serve this socket now
LAYER_ERRORS = (redis.RedisError, OSError)  # what channels-redis raises when Redis is away


def send(group: str, payload: Payload) -> None:
    """Relay `payload` to every socket in `group`; a failure is logged, never raised."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": RELAY, "payload": payload})
    except Exception as error:  # the write is committed; a missed push must not fail it
        logger.warning("%s push failed: %s", group.split(".", 1)[0], type(error).__name__)


class MemberConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    """A socket for one signed-in member: joins their group, relays pushes, ignores input."""

    group: str | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Channels ends the consumer with the first failed channel-layer call ("Exception in
        ASGI application"); here the socket closes with 1013 and the page reconnects."""
        try:
            await super().__call__(scope, receive, send)
        except LAYER_ERRORS as error:
            logger.warning("push socket: channel layer failed (%s)", type(error).__name__)
            with contextlib.suppress(Exception):  # the socket may already be gone
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
            with contextlib.suppress(*LAYER_ERRORS):
                await self.disconnect(TRY_AGAIN_LATER)

    def group_for(self, user: User) -> str:
        raise NotImplementedError

    async def allowed(self, user: User) -> bool:
        """Whether this active member may open the socket (subclasses narrow it)."""
        return True

    async def joined(self, user: User) -> None:
        """Runs once the socket is accepted (e.g. to send the current state)."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        if not isinstance(user, User) or not user.is_active or not await self.allowed(user):
            # Accept first: a close before the handshake reaches browsers as 1006, not 4401,
            # and the page's script would keep reconnecting.
            await self.accept()
            await self.close(code=UNAUTHORISED)
            return
        await self.accept()  # first: a layer that fails then closes with 1013, not 1006
        self.group = self.group_for(user)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.joined(user)  # the state after joining: no push in between is missed

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Clients have nothing to say here; whatever they send is ignored."""

    async def push_relay(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])
