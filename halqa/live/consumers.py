"""The live room over WebSocket: the protocol in docs/websocket.md.

Thin: authenticate, access_session, join the room's hub, catch up from the database, relay.
The process subscribes to the room's channel-layer group once (halqa.live.hub) and offers each
event, encoded once, to every connection. A connection queues what it is offered and sends it
from its own task, one item at a time, so a slow reader delays nobody else. Live events that
arrive during a catch-up wait in that queue (joined before the database read) and are then sent
only if their seq is newer than the last one sent; a gap is filled from the database first.

Outages (make soak, docs/reliability.md): a channel layer or Redis that fails never closes a
connection (events and presence log and go on; the hub's heartbeat repairs from the database).
A database that cannot answer (OperationalError, what halqa.core.errors serves as a 503) answers
a `send` or `resume` with the error `unavailable` and keeps the connection; on connect, it
closes with 4503.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections import deque
from typing import Any

import redis
from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from halqa.conversations.publish import (
    PersonalDataFound,
    crisis_help_for,
    personal_data_payload,
)
from halqa.conversations.visibility import is_moderator
from halqa.live import events, hub, presence, queries
from halqa.live.actions import LiveError, post_live_message
from halqa.live.db import live_db, live_db_write
from halqa.live.models import LiveSession

MAX_FRAME = 16_384
MAX_QUEUED_FRAMES = 16  # a client's frames waiting to be handled; beyond it, reading waits
BATCH = 200
CLOSE_NOT_SIGNED_IN = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_UNAVAILABLE = 4503  # the database could not answer: reconnect with backoff and resume
CLOSE_FAILED = 1011

log = logging.getLogger(__name__)


class LiveConsumer(AsyncWebsocketConsumer):  # type: ignore[misc]
    # No channel of its own: the room's events come through the hub (one subscription per
    # process); an alias that names no layer makes Channels skip the per-connection channel.
    channel_layer_alias = "live-connections-use-the-hub"

    session_id: int
    language: str
    connection: str
    last_sent = 0
    last_presence = -1
    joined = False
    live = False  # caught up: offered events are sent as they come
    pump: asyncio.Task[None] | None = None
    reader: asyncio.Task[None] | None = None  # handles the client's frames, one at a time
    wake: asyncio.Future[None] | None = None  # set while the pump waits for an offer
    user: Any
    user_id: int
    moderator = False  # moderates the group: sees held and hidden messages whole

    async def connect(self) -> None:
        await self.accept()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_NOT_SIGNED_IN)
            return
        try:
            await self._open(user)
        except OperationalError:
            log.warning("live connection: database unavailable on connect")
            await self._error("unavailable", _UNAVAILABLE_CONNECT)
            await self._leave(CLOSE_UNAVAILABLE)

    async def _open(self, user: Any) -> None:
        self.language = user.language or settings.LANGUAGE_CODE
        session = await live_db(self._access)()
        if session is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.session_id = session.pk
        self.user, self.user_id = user, user.pk
        self.moderator = await live_db(is_moderator)(user, session.group)
        self.lock, self.inbox = asyncio.Lock(), deque[hub.Event | hub.Repair | hub.Refuse]()
        self.frames = asyncio.Queue[tuple[str | None, bytes | None]](maxsize=MAX_QUEUED_FRAMES)
        self.connection = uuid.uuid4().hex
        # Join before reading the database: nothing committed meanwhile can be missed.
        self.joined = True
        await hub.join(self.session_id, self)
        await self._send(events.state_payload(session))
        await self._catch_up(self._after_from_url())
        count = await _presence(presence.touch, self.session_id, self.connection)
        await self._presence_changed(count, joining=True)
        self.live = True
        self.pump = asyncio.create_task(self._pump())

    async def disconnect(self, code: int) -> None:
        if not self.joined:
            return
        self.live = False
        await hub.leave(self.session_id, self)
        if self.pump is not None:
            self.pump.cancel()
        if self.reader is not None:  # a send already in the database thread still finishes
            self.reader.cancel()  # there; its client resends with the same client_id
        count = await _presence(presence.leave, self.session_id, self.connection)
        await self._presence_changed(count, joining=False)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Queue the frame for this connection's reader task and return at once, so the server
        goes on reading the socket: a frame that waits for a busy database (a send, a resume)
        must not hold back the keepalive pongs behind it (uvicorn reads nothing more until the
        application asks for the next message, and closes 1011 when a pong is 20 s late).
        Frames are still handled one at a time, in the order they came; a client that floods
        meets the bounded queue and is read no faster than it is served."""
        if not self.joined:
            return  # refused at connect: the close is on its way
        await self.frames.put((text_data, bytes_data))
        if self.reader is None:
            self.reader = asyncio.create_task(self._read_frames())

    async def _read_frames(self) -> None:
        try:
            while self.joined:
                text_data, bytes_data = await self.frames.get()
                await self._frame(text_data, bytes_data)
        except Exception as error:  # this connection only: the others go on
            log.warning("live connection failed reading a frame (%s)", type(error).__name__)
            await self._leave(CLOSE_FAILED)

    async def _frame(self, text_data: str | None, bytes_data: bytes | None) -> None:
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
            return await self._resume(after)
        if kind == "ping":
            return await self._send({"type": "pong"})
        await self._error("unknown_type", _UNKNOWN)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Frames from the client skip Channels' per-event database clean-up (a hop onto the
        one database thread before each frame): this consumer reads and writes the database
        only through live_db (Channels' DatabaseSyncToAsync), which cleans up around itself."""
        if message.get("type") == "websocket.receive":
            await self.websocket_receive(message)
            return
        await super().dispatch(message)

    # -- what the hub offers (halqa.live.hub) -------------------------------------------------

    def offer(self, item: hub.Event | hub.Repair | hub.Refuse) -> None:
        """Queue a room event (or the heartbeat's repair or refusal); sent by this connection's
        own task, in the order offered. Before the catch-up is done, it only waits."""
        self.inbox.append(item)
        if self.wake is not None and not self.wake.done():
            self.wake.set_result(None)

    async def _pump(self) -> None:
        """Send what is offered, one item at a time, for as long as the connection lives."""
        loop = asyncio.get_running_loop()
        try:
            while self.live:
                while self.inbox and self.live:
                    await self._handle_or_wait(self.inbox.popleft())
                if self.live:
                    self.wake = loop.create_future()
                    await self.wake
                    self.wake = None
        except Exception as error:  # this connection only: the others go on
            log.warning("live connection failed (%s)", type(error).__name__)
            await self._leave(CLOSE_FAILED)

    async def _handle_or_wait(self, item: hub.Event | hub.Repair | hub.Refuse) -> None:
        """A database that cannot answer only delays: last_sent did not move past what was
        sent, so the next event or the heartbeat's repair reads the gap again."""
        try:
            await self._handle(item)
        except OperationalError:
            log.warning("live room %s: database unavailable, delivery delayed", self.session_id)

    async def _handle(self, item: hub.Event | hub.Repair | hub.Refuse) -> None:
        if isinstance(item, hub.Event):
            payload = item.payload
            if payload["type"] == "message":
                version = item.version(self.user_id, self.moderator)
                seq, skip = int(payload["seq"]), bool(item.data[version].get("skip"))
                async with self.lock:
                    await self._deliver(seq, item.text(version), skip=skip)
                return
            if payload["type"] == "presence":
                self.last_presence = payload["count"]
            await self._send_text(item.text())
        elif isinstance(item, hub.Repair):
            if item.last_seq > self.last_sent:
                async with self.lock:
                    await self._fill(None)
        else:
            await self._leave(CLOSE_NOT_FOUND)  # left the group, or the group went private

    async def _leave(self, code: int) -> None:
        self.live = False
        if self.joined:
            await hub.leave(self.session_id, self)
        with contextlib.suppress(Exception):  # the socket may already be gone
            await self.close(code=code)

    # -- sending a message -------------------------------------------------------------------

    async def _on_send(self, frame: dict[str, Any]) -> None:
        body, client_id = frame.get("body"), frame.get("client_id", "")
        if not isinstance(client_id, str) or len(client_id) > 64:
            return await self._error("invalid", _BAD_CLIENT_ID)
        if not isinstance(body, str):
            return await self._error("invalid", _EMPTY, client_id)
        confirm = frame.get("confirm_personal_data") is True
        try:
            seq, crisis_help = await live_db_write(self._post)(body, client_id, confirm)
        except OperationalError:
            log.warning("live room %s: database unavailable, send refused", self.session_id)
            return await self._error("unavailable", _UNAVAILABLE, client_id)
        except PersonalDataFound as error:
            return await self._personal_data(error, client_id)
        except LiveError as error:
            return await self._error(error.code, error.message, client_id, error.retry_after)
        except ValidationError as error:
            with translation.override(self.language):
                text = error.messages[0]
            return await self._error("invalid", text, client_id)
        ack = {"type": "ack", "client_id": client_id, "seq": seq}
        await self._send({**ack, "crisis_help": crisis_help})

    async def _personal_data(self, error: PersonalDataFound, client_id: str) -> None:
        """Ask the author first (docs/websocket.md): resend with confirm_personal_data."""
        with translation.override(self.language):
            payload = personal_data_payload(error)
        await self._send({"type": "error", **payload, "client_id": client_id})

    def _post(self, body: str, client_id: str, confirm: bool) -> tuple[int, dict[str, Any] | None]:
        user = self.scope["user"]
        try:
            session = queries.access_session(user, self.session_id)
        except Http404:
            raise LiveError("not_member", _NOT_MEMBER) from None
        with translation.override(self.language):  # the note to the author, in their language
            message = post_live_message(
                author=user,
                session=session,
                body=body,
                client_id=client_id,
                confirm_personal_data=confirm,
            )
            crisis_help = crisis_help_for(user) if message.needs_crisis_help else None
        return message.seq, crisis_help

    # -- catch-up and ordered delivery -------------------------------------------------------

    async def _catch_up(self, after: int | None) -> None:
        async with self.lock:
            if after is None:
                last, history = await live_db(self._history)()
                for payload in history:
                    await self._send(payload)
                self.last_sent = last
            else:
                self.last_sent = after
                await self._fill(None)
            await self._send({"type": "ready", "seq": self.last_sent})

    async def _deliver(self, seq: int, text: str, *, skip: bool) -> None:
        """Send a live message (encoded) in order: drop what was sent, fill a gap from the
        database first. A message this reader may not see (held, hidden) arrives as a bare seq
        marked `skip`: it only moves the position on."""
        if seq <= self.last_sent:
            return
        if seq > self.last_sent + 1:
            await self._fill(seq)
        if not skip:
            await self._send_text(text)
        self.last_sent = seq

    async def _fill(self, before: int | None) -> None:
        """Send the stored messages after last_sent (and before `before`), in order."""
        while True:
            batch = await live_db(self._payloads)(self.last_sent, before)
            for seq, payload in batch:
                if payload is not None:
                    await self._send(payload)
                self.last_sent = seq
            if len(batch) < BATCH:
                return

    async def _resume(self, after: int) -> None:
        try:
            await self._catch_up(after)
        except OperationalError:
            log.warning("live room %s: database unavailable, resume refused", self.session_id)
            await self._error("unavailable", _UNAVAILABLE_RESUME)

    async def _presence_changed(self, count: int | None, *, joining: bool) -> None:
        if count is None:
            return  # Redis away: the room's timer sends the count once it is back
        if await _presence(presence.should_broadcast, self.session_id, count):
            await events.abroadcast(self.session_id, events.presence_payload(count))
        elif joining:  # a newcomer in a busy room still learns the count at once
            self.last_presence = count
            await self._send(events.presence_payload(count))

    # -- database reads (in a worker thread) -------------------------------------------------

    def _access(self) -> LiveSession | None:
        with contextlib.suppress(Http404):
            session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
            return queries.access_session(self.scope["user"], session_id)
        return None

    def _seen(self, message: Any) -> dict[str, Any] | None:
        with translation.override(self.language):  # the author's note, in their language
            return events.message_payload(message, viewer_id=self.user_id, moderator=self.moderator)

    def _history(self) -> tuple[int, list[dict[str, Any]]]:
        """(the last seq, the recent messages this reader may see)."""
        messages = queries.recent_messages(LiveSession(pk=self.session_id))
        shown = [p for p in map(self._seen, messages) if p is not None]
        return (messages[-1].seq if messages else 0), shown

    def _payloads(self, after: int, before: int | None) -> list[tuple[int, dict[str, Any] | None]]:
        messages = queries.messages_after(self.session_id, after, limit=BATCH, before=before)
        return [(m.seq, self._seen(m)) for m in messages]

    # -- frames ------------------------------------------------------------------------------

    def _after_from_url(self) -> int | None:
        query = self.scope.get("query_string", b"").decode("latin-1")
        for part in query.split("&"):
            name, _, value = part.partition("=")
            if name == "after":
                return queries.parse_seq(value)
        return None

    async def _send(self, payload: dict[str, Any]) -> None:
        await self._send_text(json.dumps(payload, ensure_ascii=False))

    async def _send_text(self, text: str) -> None:
        await self.base_send({"type": "websocket.send", "text": text})

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


async def _presence(function: Any, *args: Any) -> Any:
    """Presence (Redis or memory) off the database thread, which the writers need. None when
    Redis fails: a count is not worth a connection (entries expire, the room's timer recounts)."""
    try:
        return await sync_to_async(function, thread_sensitive=False)(*args)
    except (redis.RedisError, OSError) as error:
        log.warning("live presence failed (%s)", type(error).__name__)
        return None


_NOT_JSON = pgettext_lazy("live error", "The server could not read this: it was not valid JSON.")
_TOO_LARGE = pgettext_lazy(
    "live error", "This message is too long to send here: please shorten it or use the form."
)
_UNKNOWN = pgettext_lazy("live error", "The server did not understand this request.")
_BAD_AFTER = pgettext_lazy("live error", "“after” must be a whole number of zero or more.")
_BAD_CLIENT_ID = pgettext_lazy("live error", "This message could not be sent: please try again.")
_EMPTY = pgettext_lazy("message error", "Please write something before sending.")
_NOT_MEMBER = pgettext_lazy("live error", "Only members of this group can send messages here.")
_UNAVAILABLE = pgettext_lazy(
    "live error",
    "Not sent: the server is busy and nothing was saved. Your text is kept; try again in a moment.",
)
_UNAVAILABLE_RESUME = pgettext_lazy(
    "live error", "The server is busy and could not load the messages. Try again in a moment."
)
_UNAVAILABLE_CONNECT = pgettext_lazy(
    "live error", "The server is busy right now. Reconnecting in a moment."
)
