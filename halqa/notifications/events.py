"""Live badge updates: the only module that touches the channel layer.

Each member's open pages listen on the group `notifications.user.<id>`; they receive
`{"type": "unread", "count": n}` and never anything a member wrote.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from halqa.core import push
from halqa.core.push import Payload
from halqa.notifications import queries


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
    push.send(group_name(user_id), payload)
