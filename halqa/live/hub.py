"""One channel-layer subscription per live room per process, fanned out to its connections.

Channels' usual pattern puts every connection in the room's group: each message then costs, per
connection, a copy in the channel layer, a task wake-up and dispatch, and a JSON encoding. Here
each process subscribes once per room (events.subscribe); an event arrives once per process, is
encoded at most once per version (what others see, its author's, moderators'), and is offered to
every local connection (LiveConsumer.offer), which keeps its own order and gap repair.

The room's timer does once per room what each connection used to do on its own: read the
presence count every CHECK seconds and tell the connections whose count is stale; every
HEARTBEAT seconds refresh the room's presence entries, re-check each connection's access (in
slices, so that the one database thread is never held long) and repair a lost tail.
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from asgiref.sync import sync_to_async

from halqa.groups.models import Membership
from halqa.live import events, presence, queries
from halqa.live.db import live_db
from halqa.live.models import LiveSession

ACCESS_SLICE = 500  # connections whose access one database call re-checks
RESUBSCRIBE = 20.0  # seconds; join the group again: a Redis restarted empty forgot it (and
# layers forget group members after a day anyway); one cheap ZADD per room per process
RETRY = 1.0  # seconds to wait after the channel layer failed to deliver

log = logging.getLogger(__name__)


class Event:
    """A room event as the channel layer delivered it, encoded at most once per version."""

    __slots__ = ("_texts", "data", "payload")

    def __init__(self, data: dict[str, Any]) -> None:
        self.data: dict[str, Any] = data
        self.payload: dict[str, Any] = data["payload"]
        self._texts: dict[str, str] = {}

    def version(self, user_id: int, moderator: bool) -> str:
        """Which payload this reader gets (events.broadcast_message_on_commit)."""
        if "mine" in self.data and self.data.get("author_id") == user_id:
            return "mine"
        if moderator and "full" in self.data:
            return "full"
        return "payload"

    def text(self, version: str = "payload") -> str:
        text = self._texts.get(version)
        if text is None:
            text = self._texts[version] = json.dumps(self.data[version], ensure_ascii=False)
        return text


class Repair:
    """The room's last seq, read by the heartbeat: a connection behind it reads the gap."""

    __slots__ = ("last_seq",)

    def __init__(self, last_seq: int) -> None:
        self.last_seq = last_seq


class Refuse:
    """The heartbeat found that this connection may no longer read the room."""


REFUSE = Refuse()


class Member(Protocol):
    """What the hub needs of a connection (LiveConsumer)."""

    connection: str  # its presence entry
    user: Any  # the signed-in user of the connection
    last_presence: int
    last_sent: int

    def offer(self, item: Event | Repair | Refuse) -> None: ...


class Room:
    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        self.members: dict[Member, None] = {}  # an ordered set
        self.channel: str | None = None
        self.closed = False
        self.unsubscribed = False  # the channel layer failed the subscription: try again
        self.tasks: list[asyncio.Task[None]] = []
        self.opened: asyncio.Future[None] = asyncio.ensure_future(self._open())
        self.opened.add_done_callback(_retrieve)

    async def _open(self) -> None:
        try:
            channel = await events.subscribe(self.session_id)
        except asyncio.CancelledError:
            self.closed = True  # the joiners leave; the next one opens the room again
            raise
        except Exception as error:  # the layer is down: the heartbeat delivers, and subscribes
            log.warning("live room %s: not subscribed (%s)", self.session_id, type(error).__name__)
            channel, self.unsubscribed = None, True
        if self.closed:  # everyone left while subscribing
            if channel is not None:
                await events.unsubscribe(self.session_id, channel)
            return
        self._listen(channel)
        self.tasks.append(asyncio.create_task(self._tick()))

    def _listen(self, channel: str | None) -> None:
        self.channel = channel
        if channel is not None:
            self.tasks.append(asyncio.create_task(self._read(channel)))

    async def _read(self, channel: str) -> None:
        while True:
            try:
                event = Event(await events.next_event(channel))
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the layer is down: the heartbeat repairs the gap
                log.warning("live room %s: no event (%s)", self.session_id, type(error).__name__)
                await asyncio.sleep(RETRY)
                continue
            for member in list(self.members):
                member.offer(event)

    async def _tick(self) -> None:
        """Each step on its own: Redis away must not stop the database's tail repair."""
        loop, ticks = asyncio.get_running_loop(), 0
        subscribed = loop.time()
        while True:
            await asyncio.sleep(presence.CHECK)
            ticks += 1
            if ticks % max(1, round(presence.HEARTBEAT / presence.CHECK)) == 0:
                await self._try("presence", self._touch)
                await self._try("access", self._recheck)
                await self._try("repair", self._repair)
                if self.unsubscribed or (self.channel and loop.time() > subscribed + RESUBSCRIBE):
                    await self._try("subscription", self._subscribe_again)
                    subscribed = loop.time()
            await self._try("presence", self._count)

    async def _try(self, step: str, function: Callable[[], Awaitable[None]]) -> None:
        try:
            await function()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # try again on the next tick
            log.warning("live room %s: %s (%s)", self.session_id, step, type(error).__name__)

    async def _touch(self) -> None:
        connections = [member.connection for member in self.members]
        await sync_to_async(_touch, thread_sensitive=False)(self.session_id, connections)

    async def _recheck(self) -> None:
        members = list(self.members)
        for start in range(0, len(members), ACCESS_SLICE):
            part = [m for m in members[start : start + ACCESS_SLICE] if m in self.members]
            allowed = await live_db(_may_read)(self.session_id, part)
            for member, ok in zip(part, allowed, strict=True):
                if not ok:
                    member.offer(REFUSE)

    async def _repair(self) -> None:
        last_seq = await live_db(_last_seq)(self.session_id)
        repair = Repair(last_seq)
        for member in list(self.members):
            if member.last_sent < last_seq:
                member.offer(repair)

    async def _subscribe_again(self) -> None:
        if self.channel is not None:
            await events.resubscribe(self.session_id, self.channel)
            return
        channel = await events.subscribe(self.session_id)
        self.unsubscribed = False
        if self.closed and channel is not None:
            await events.unsubscribe(self.session_id, channel)
            return
        self._listen(channel)
        log.info("live room %s: subscribed again", self.session_id)

    async def _count(self) -> None:
        self.tell_presence(
            await sync_to_async(presence.count, thread_sensitive=False)(self.session_id)
        )

    def tell_presence(self, count: int) -> None:
        event: Event | None = None
        for member in list(self.members):
            if member.last_presence != count:
                event = event or Event({"payload": events.presence_payload(count)})
                member.offer(event)

    def close(self) -> asyncio.Future[None] | None:
        """Stop the room's tasks; what is left to await: the unsubscription."""
        self.closed = True
        for task in self.tasks:
            task.cancel()
        if self.channel is None:
            return None
        return asyncio.ensure_future(events.unsubscribe(self.session_id, self.channel))


_rooms: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Room]] = (
    weakref.WeakKeyDictionary()
)


def _local() -> dict[int, Room]:
    """The rooms of this event loop (one per process; tests run one loop per test)."""
    loop = asyncio.get_running_loop()
    rooms = _rooms.get(loop)
    if rooms is None:
        rooms = _rooms[loop] = {}
    return rooms


async def join(session_id: int, member: Member) -> None:
    """Add a connection to the room; returns once this process is subscribed to the room, so
    that nothing committed from then on can be missed. If the channel layer failed the
    subscription, it returns all the same: the heartbeat's repair delivers from the database and
    subscribes again until the layer is back."""
    rooms = _local()
    room = rooms.get(session_id)
    if room is None or room.closed:
        room = rooms[session_id] = Room(session_id)
    room.members[member] = None
    try:
        await asyncio.shield(room.opened)
    except BaseException:
        await leave(session_id, member)
        raise


async def leave(session_id: int, member: Member) -> None:
    """Remove a connection (again is harmless); the last one out unsubscribes the process."""
    rooms = _local()
    room = rooms.get(session_id)
    if room is None or member not in room.members:
        return
    del room.members[member]
    if room.members:
        return
    del rooms[session_id]
    unsubscribing = room.close()
    if unsubscribing is not None:
        await unsubscribing


def members(session_id: int) -> int:
    """How many connections of this process are in the room."""
    room = _local().get(session_id)
    return len(room.members) if room else 0


def _retrieve(future: asyncio.Future[None]) -> None:
    """The joiners get a failed subscription's error; none is left unretrieved if they left."""
    if not future.cancelled():
        future.exception()


# -- in worker threads --------------------------------------------------------------------------


def _touch(session_id: int, connections: list[str]) -> None:
    for connection in connections:
        presence.touch(session_id, connection)


def _may_read(session_id: int, members: list[Member]) -> list[bool]:
    """Whether each member may still read the room: queries.access_session's rule
    (can_read_group), with every member's role in the group read in one query."""
    session = LiveSession.objects.select_related("group").filter(pk=session_id).first()
    if session is None:
        return [False] * len(members)
    group = session.group
    ids = {member.user.pk for member in members}
    roles = Membership.objects.filter(group=group, user_id__in=ids).values_list("user_id", "role")
    known: dict[int, str | None] = dict.fromkeys(ids)
    known.update((user_id, str(role)) for user_id, role in roles)
    group.__dict__["_live_roles"] = known  # what queries.group_role would read, one by one
    return [queries.can_read_group(member.user, group) for member in members]


def _last_seq(session_id: int) -> int:
    values = LiveSession.objects.filter(pk=session_id).values_list("last_seq", flat=True)
    return values.first() or 0
