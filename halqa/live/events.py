"""Payloads of the live protocol (docs/websocket.md) and the only door to the channel layer.

Actions call `broadcast_on_commit()`: a message reaches the room only once it is stored.
A broadcast that the channel layer fails (Redis down or restarting) is logged and dropped, never
raised: the message is stored, its sender gets the ack, and every connection's heartbeat repairs
the tail from the database (halqa.live.hub).
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.utils.html import escape

from halqa.conversations.markdown import render
from halqa.conversations.visibility import Seen, author_note, removed_notice, view_of
from halqa.live.models import LiveMessage, LiveSession
from halqa.moderation.enums import ContentState

log = logging.getLogger(__name__)

Payload = dict[str, Any]
EVENT_TYPE = "live.event"  # handled by LiveConsumer.live_event


def group_name(session_id: int) -> str:
    return f"live.session.{session_id}"


def message_payload(
    message: LiveMessage, *, viewer_id: int | None = None, moderator: bool = False
) -> Payload | None:
    """The message as one reader may see it (conversations.visibility); None: not at all.

    Without a viewer: what every other member sees. Its author also gets `state` and a `note`
    on what others see; held and hidden bodies never reach anyone else.
    """
    view = view_of(message, viewer_id=viewer_id, moderator=moderator)
    if view.seen == Seen.NOTHING:
        return None
    if view.seen == Seen.REMOVED:
        html = f'<p class="removed meta moderation-notice">{escape(removed_notice(message))}</p>'
    elif view.seen == Seen.PLACEHOLDER:
        html = f'<p class="moderation-placeholder">{escape(view.body)}</p>'
    else:
        html = str(render(view.body))
    payload: Payload = {
        "type": "message",
        "seq": message.seq,
        "id": message.pk,
        "author": message.author.pseudonym,
        "body_html": html,
        "created": message.created_at.isoformat().replace("+00:00", "Z"),
        "pinned": message.pinned,
    }
    if view.mine:
        payload["state"] = str(message.state)
        payload["note"] = note = author_note(message)
        if note:  # clients that only show body_html still tell the author
            payload["body_html"] = _note_html(message, note) + html
    return payload


def _note_html(message: LiveMessage, note: str) -> str:
    held = message.state == ContentState.HELD
    css = "held" if held else "calm" if message.method_hidden else ""
    badge = f'<span class="badge">{escape(ContentState.HELD.label)}</span> ' if held else ""
    return f'<div class="moderation-note {css}" role="note">{badge}{escape(note)}</div>'


def broadcast_message_on_commit(message: LiveMessage) -> None:
    """Send a stored message to the room after commit: everyone gets what others may see
    (or only its seq, to keep their order, when they may see nothing); its author and the
    group's moderators get it whole (LiveConsumer.live_event picks)."""
    public = message_payload(message)
    event: dict[str, Any] = {"payload": public or {"type": "message", "seq": message.seq}}
    if public is None:
        event["payload"]["skip"] = True
    mine = message_payload(message, viewer_id=message.author_id)
    full = message_payload(message, moderator=True)
    if mine != public:
        event["author_id"], event["mine"] = message.author_id, mine
    if full != public:
        event["full"] = full
    transaction.on_commit(lambda: _send_event(message.session_id, event))


def _send_event(session_id: int, event: dict[str, Any]) -> None:
    """Hand the event to the channel layer. In a server, where this runs in a database thread
    of the process's event loop, it is queued on that loop and this returns at once: the one
    thread that stores every live message of the process must not wait for the loop (busy
    with hundreds of sockets) to run group_send. The loop sends the queued events one at a time
    in the order queued, as the waiting did. Elsewhere (the worker, tests) it waits."""
    layer = get_channel_layer()
    if layer is None:
        return
    loop = _server_loop()
    if loop is None:
        async_to_sync(_group_send)(layer, session_id, event)
        return
    try:
        loop.call_soon_threadsafe(_queue, loop, layer, session_id, event)
    except RuntimeError as error:  # the loop is closing: the heartbeat's repair delivers it
        _failed(session_id, error)


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop that called this thread through sync_to_async, if it still runs (how
    asgiref's async_to_sync finds it too); None in plain threads and outside a server."""
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop: asyncio.AbstractEventLoop | None = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


# Per loop: the last queued send. Each send waits for the one before it, so the loop sends in
# the order queued; when all are sent nothing is left pending.
_last_send: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task[None]] = (
    weakref.WeakKeyDictionary()
)
_queued: dict[asyncio.AbstractEventLoop, int] = {}
MAX_QUEUED = 10_000  # beyond it (a channel layer that hangs), drop: the repair delivers


def _queue(
    loop: asyncio.AbstractEventLoop, layer: Any, session_id: int, event: dict[str, Any]
) -> None:
    """On the loop: send after the previously queued event."""
    if _queued.get(loop, 0) >= MAX_QUEUED:
        _failed(session_id, OverflowError())
        return
    _queued[loop] = _queued.get(loop, 0) + 1
    before = _last_send.get(loop)
    _last_send[loop] = loop.create_task(_send_after(before, loop, layer, session_id, event))


async def _send_after(
    before: asyncio.Task[None] | None,
    loop: asyncio.AbstractEventLoop,
    layer: Any,
    session_id: int,
    event: dict[str, Any],
) -> None:
    try:
        if before is not None and not before.done():
            await asyncio.wait([before])
        await _group_send(layer, session_id, event)
    finally:
        _queued[loop] -= 1
        if not _queued[loop]:
            del _queued[loop]


def _failed(session_id: int, error: Exception) -> None:
    """Only the error's type: a channel-layer error may quote the event, i.e. what was written."""
    log.warning("live room %s: broadcast failed (%s)", session_id, type(error).__name__)


def state_payload(session: LiveSession) -> Payload:
    return {"type": "state", "open": session.is_open, "slow_mode": session.slow_mode_seconds}


def pin_payload(message: LiveMessage) -> Payload:
    return {"type": "pin", "id": message.pk, "seq": message.seq, "pinned": message.pinned}


def presence_payload(count: int) -> Payload:
    return {"type": "presence", "count": count}


def broadcast_on_commit(session_id: int, payload: Payload) -> None:
    """Send `payload` to everyone in the room once the current transaction commits."""
    transaction.on_commit(lambda: broadcast(session_id, payload))


def broadcast(session_id: int, payload: Payload) -> None:
    """Never raises: see the module's docstring."""
    _send_event(session_id, {"payload": payload})


async def abroadcast(session_id: int, payload: Payload) -> None:
    """From async code (the consumer's presence changes); never raises."""
    layer = get_channel_layer()
    if layer is not None:  # a failure: the rooms' timers send the count again every CHECK s
        await _group_send(layer, session_id, {"payload": payload})


async def _group_send(layer: Any, session_id: int, event: dict[str, Any]) -> None:
    """Never raises: a stored message that is not sent reaches the room by the heartbeat's
    repair from the database."""
    try:
        await layer.group_send(group_name(session_id), {"type": EVENT_TYPE, **event})
    except Exception as error:
        _failed(session_id, error)


# -- one subscription per room per process (halqa.live.hub) ------------------------------------


async def subscribe(session_id: int) -> str | None:
    """A new channel of this process in the room's group; None without a channel layer."""
    layer = get_channel_layer()
    if layer is None:
        return None
    channel = str(await layer.new_channel(prefix="live-hub"))
    await layer.group_add(group_name(session_id), channel)
    return channel


async def resubscribe(session_id: int, channel: str) -> None:
    """Join again: layers forget group members after a day (`group_expiry`)."""
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_add(group_name(session_id), channel)


async def unsubscribe(session_id: int, channel: str) -> None:
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_discard(group_name(session_id), channel)


async def next_event(channel: str) -> dict[str, Any]:
    """The next room event on a channel from subscribe()."""
    layer = get_channel_layer()
    if layer is None:  # subscribe() gave no channel without a layer
        raise RuntimeError("no channel layer")
    event: dict[str, Any] = await layer.receive(channel)
    return event
