"""Live badge updates: the only module that touches the channel layer.

Each member's open pages listen on the group `notifications.user.<id>`; they receive
`{"type": "unread", "count": n}` and never anything a member wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from halqa.notifications import queries

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
# The consumer method that relays a payload (`notification.event` → `notification_event`).
RELAY = "notification.event"


def group_name(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def unread_payload(count: int) -> Payload:
    return {"type": "unread", "count": count}


def broadcast_on_commit(user_id: int, payload: Payload) -> None:
    """Send `payload` to the member's open pages once the surrounding transaction commits."""
    transaction.on_commit(lambda: _send(user_id, payload))


def unread_on_commit(user_ids: Iterable[int]) -> None:
    """After commit, push each member's unread count, counted then so racing writes agree."""
    ids = sorted(set(user_ids))
    if ids:
        transaction.on_commit(lambda: _send_counts(ids))


def _send_counts(user_ids: list[int]) -> None:
    counts = queries.unread_counts(user_ids)
    for user_id in user_ids:
        _send(user_id, unread_payload(counts.get(user_id, 0)))


def _send(user_id: int, payload: Payload) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(user_id), {"type": RELAY, "payload": payload})
    except Exception as error:  # the write is committed; a missed badge update must not fail it
        logger.warning("notification push failed: %s", type(error).__name__)
