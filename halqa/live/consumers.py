"""The live room over WebSocket: the protocol in docs/websocket.md.

Thin: authenticate, access_session, join the room's group, catch up from the database, relay.
The consumer handles one event at a time, so live events that arrive during a catch-up wait in
the channel layer's queue (subscribed before the database read) and are then sent only if their
seq is newer than the last one sent; a gap is filled from the database before a later seq.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from halqa.live import events, presence, queries
from halqa.live.actions import LiveError, post_live_message
from halqa.live.models import LiveSession

MAX_FRAME = 16_384
BATCH = 200
CLOSE_NOT_SIGNED_IN = 4401
CLOSE_NOT_FOUND = 4404


class LiveConsumer(AsyncWebsocketConsumer):  # type: ignore[misc]
    session_id: int
    language: str
    last_sent: int
    last_presence: int
    joined = False
    heartbeat: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        await self.accept()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_SIGNED_IN)
            return
        session = await database_sync_to_async(self._access)()
        if session is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.session_id, self.language = session.pk, user.language or settings.LANGUAGE_CODE
        self.lock, self.last_sent, self.last_presence = asyncio.Lock(), 0, -1
        # Subscribe before reading the database: nothing committed meanwhile can be missed.
        await self.channel_layer.group_add(events.group_name(self.session_id), self.channel_name)
        self.joined = True
        await self._send(events.state_payload(session))
        await self._catch_up(self._after_from_url())
        count = await sync_to_async(presence.touch)(self.session_id, self.channel_name)
        await self._presence_changed(count, joining=True)
        self.heartbeat = asyncio.create_task(self._beat())

    async def disconnect(self, code: int) -> None:
        if not self.joined:
            return
        if self.heartbeat is not None:
            self.heartbeat.cancel()
        await self.channel_layer.group_discard(
            events.group_name(self.session_id), self.channel_name
        )
        count = await sync_to_async(presence.leave)(self.session_id, self.channel_name)
        await self._presence_changed(count, joining=False)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.joined:
            return  # refused at connect: the close is on its way
        if text_data is None:
            return await self._error("invalid_json", _NOT_JSON)
        if len(text_data) > MAX_FRAME or len(text_data.encode("utf-8")) > MAX_FRAME:
            return await self._error("too_large", _TOO_LARGE)
        try:
            frame = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested thousands deep
            frame = None
        if not isinstance(frame, dict):
            return await self._error("invalid_json", _NOT_JSON)
        kind = frame.get("type")
        if kind == "send":
            return await self._on_send(frame)
        if kind == "resume":
            after = queries.parse_seq(frame.get("after"))
            if after is None:
                return await self._error("invalid", _BAD_AFTER)
            return await self._catch_up(after)
        if kind == "ping":
            return await self._send({"type": "pong"})
        await self._error("unknown_type", _UNKNOWN)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Room events skip Channels' per-event database clean-up: a full room gets hundreds a
        second, and the clean-up runs on the one thread the writers need. Delivery touches the
        database only through database_sync_to_async, which cleans up around itself."""
        if message.get("type") == events.EVENT_TYPE:
            await self.live_event(message)
            return
        await super().dispatch(message)

    async def live_event(self, event: dict[str, Any]) -> None:
        payload = event["payload"]
        if payload["type"] == "message":
            async with self.lock:
                await self._deliver(payload)
            return
        if payload["type"] == "presence":
            self.last_presence = payload["count"]
        await self._send(payload)

    # -- sending a message -------------------------------------------------------------------

    async def _on_send(self, frame: dict[str, Any]) -> None:
        body, client_id = frame.get("body"), frame.get("client_id", "")
        if not isinstance(client_id, str) or len(client_id) > 64:
            return await self._error("invalid", _BAD_CLIENT_ID)
        if not isinstance(body, str):
            return await self._error("invalid", _EMPTY, client_id)
        try:
            seq, crisis = await database_sync_to_async(self._post)(body, client_id)
        except LiveError as error:
            return await self._error(error.code, error.message, client_id, error.retry_after)
        except ValidationError as error:
            with translation.override(self.language):
                text = error.messages[0]
            return await self._error("invalid", text, client_id)
        ack = {"type": "ack", "client_id": client_id, "seq": seq}
        await self._send({**ack, "crisis_help": True} if crisis else ack)

    def _post(self, body: str, client_id: str) -> tuple[int, bool]:
        user = self.scope["user"]
        try:
            session = queries.access_session(user, self.session_id)
        except Http404:
            raise LiveError("not_member", _NOT_MEMBER) from None
        message = post_live_message(author=user, session=session, body=body, client_id=client_id)
        return message.seq, message.needs_crisis_help

    # -- catch-up and ordered delivery -------------------------------------------------------

    async def _catch_up(self, after: int | None) -> None:
        async with self.lock:
            if after is None:
                history = await database_sync_to_async(self._history)()
                for payload in history:
                    await self._send(payload)
                self.last_sent = history[-1]["seq"] if history else 0
            else:
                self.last_sent = after
                await self._fill(None)
            await self._send({"type": "ready", "seq": self.last_sent})

    async def _deliver(self, payload: dict[str, Any]) -> None:
        """Send a live message in order: drop what was sent, fill a gap from the database."""
        seq = int(payload["seq"])
        if seq <= self.last_sent:
            return
        if seq > self.last_sent + 1:
            await self._fill(seq)
        await self._send(payload)
        self.last_sent = seq

    async def _fill(self, before: int | None) -> None:
        """Send the stored messages after last_sent (and before `before`), in order."""
        while True:
            batch = await database_sync_to_async(self._payloads)(self.last_sent, before)
            for payload in batch:
                await self._send(payload)
                self.last_sent = payload["seq"]
            if len(batch) < BATCH:
                return

    async def _presence_changed(self, count: int, *, joining: bool) -> None:
        if await sync_to_async(presence.should_broadcast)(self.session_id, count):
            await events.abroadcast(self.session_id, events.presence_payload(count))
        elif joining:  # a newcomer in a busy room still learns the count at once
            self.last_presence = count
            await self._send(events.presence_payload(count))

    async def _beat(self) -> None:
        """Keep this connection counted, tell the client when the count changes, and every
        HEARTBEAT seconds re-check access and repair a tail whose broadcast was lost."""
        ticks = 0
        while True:
            await asyncio.sleep(presence.CHECK)
            ticks += 1
            if ticks % (presence.HEARTBEAT // presence.CHECK) == 0:
                await sync_to_async(presence.touch)(self.session_id, self.channel_name)
                if not await self._still_allowed():
                    return
            count = await sync_to_async(presence.count)(self.session_id)
            if count != self.last_presence:
                self.last_presence = count
                await self._send(events.presence_payload(count))

    async def _still_allowed(self) -> bool:
        if await database_sync_to_async(self._access)() is None:
            await self.close(code=CLOSE_NOT_FOUND)  # left the group, or the group went private
            return False
        last_seq = await database_sync_to_async(self._last_seq)()
        if last_seq > self.last_sent:
            async with self.lock:
                await self._fill(None)
        return True

    # -- database reads (in a worker thread) -------------------------------------------------

    def _access(self) -> LiveSession | None:
        with contextlib.suppress(Http404):
            session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
            return queries.access_session(self.scope["user"], session_id)
        return None

    def _history(self) -> list[dict[str, Any]]:
        session = LiveSession(pk=self.session_id)
        return [events.message_payload(m) for m in queries.recent_messages(session)]

    def _payloads(self, after: int, before: int | None) -> list[dict[str, Any]]:
        messages = queries.messages_after(self.session_id, after, limit=BATCH, before=before)
        return [events.message_payload(m) for m in messages]

    def _last_seq(self) -> int:
        values = LiveSession.objects.filter(pk=self.session_id).values_list("last_seq", flat=True)
        return values.first() or 0

    # -- frames ------------------------------------------------------------------------------

    def _after_from_url(self) -> int | None:
        query = self.scope.get("query_string", b"").decode("latin-1")
        for part in query.split("&"):
            name, _, value = part.partition("=")
            if name == "after":
                return queries.parse_seq(value)
        return None

    async def _send(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(payload, ensure_ascii=False))

    async def _error(
        self,
        code: str,
        message: Promise | str,
        client_id: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        with translation.override(self.language if hasattr(self, "language") else None):
            text = str(message)
        payload: dict[str, Any] = {"type": "error", "code": code, "message": text}
        payload["client_id"] = client_id
        if retry_after is not None:
            payload["retry_after"] = retry_after
        await self._send(payload)


_NOT_JSON = pgettext_lazy("live error", "The server could not read this: it was not valid JSON.")
_TOO_LARGE = pgettext_lazy(
    "live error", "This message is too long to send here: please shorten it or use the form."
)
_UNKNOWN = pgettext_lazy("live error", "The server did not understand this request.")
_BAD_AFTER = pgettext_lazy("live error", "“after” must be a whole number of zero or more.")
_BAD_CLIENT_ID = pgettext_lazy("live error", "This message could not be sent: please try again.")
_EMPTY = pgettext_lazy("message error", "Please write something before sending.")
_NOT_MEMBER = pgettext_lazy("live error", "Only members of this group can send messages here.")
