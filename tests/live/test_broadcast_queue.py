"""events._send_event in a server thread: queued on the loop, sent in order, the thread freed."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from halqa.live import events

pytestmark = pytest.mark.asyncio


class SlowLayer:
    """A channel layer whose sends take a random while, recording the order they finish."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        await asyncio.sleep(random.uniform(0, 0.005))
        self.sent.append(message["payload"]["n"])


async def test_sends_from_a_database_thread_leave_in_order_without_waiting(monkeypatch) -> None:
    layer = SlowLayer()
    monkeypatch.setattr(events, "get_channel_layer", lambda: layer)

    def store_fifty() -> int:  # what a database thread does after each commit
        for n in range(50):
            events.broadcast(7, {"n": n})
        return len(layer.sent)

    sent_while_storing = await sync_to_async(store_fifty, thread_sensitive=False)()
    assert sent_while_storing < 50  # the thread did not wait for the sends
    for _ in range(500):
        if len(layer.sent) == 50:
            break
        await asyncio.sleep(0.01)
    assert layer.sent == list(range(50))
    assert not events._queued  # nothing left counted once all are sent
