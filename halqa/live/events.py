"""Payloads of the live protocol (docs/websocket.md) and the only door to the channel layer.

Actions call `broadcast_on_commit()`: a message reaches the room only once it is stored.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from halqa.conversations.markdown import render
from halqa.live.models import LiveMessage, LiveSession

Payload = dict[str, Any]
EVENT_TYPE = "live.event"  # handled by LiveConsumer.live_event


def group_name(session_id: int) -> str:
    return f"live.session.{session_id}"


def message_payload(message: LiveMessage) -> Payload:
    return {
        "type": "message",
        "seq": message.seq,
        "id": message.pk,
        "author": message.author.pseudonym,
        "body_html": str(render(message.body)),
        "created": message.created_at.isoformat().replace("+00:00", "Z"),
        "pinned": message.pinned,
    }


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
    layer = get_channel_layer()
    if layer is not None:
        event = {"type": EVENT_TYPE, "payload": payload}
        async_to_sync(layer.group_send)(group_name(session_id), event)


async def abroadcast(session_id: int, payload: Payload) -> None:
    """From async code (the consumer's presence changes)."""
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(group_name(session_id), {"type": EVENT_TYPE, "payload": payload})
