"""WebSocket clients in one live room: they connect, some send, all record what they receive.

Shared by the scale-out test and the fan-out benchmark. A receiver stamps each frame with
`time.monotonic()` (system-wide on Linux) before anything else, so delivery times are
comparable with the senders' send times. Speaks docs/websocket.md: `send` with a `client_id`
→ `ack` to the sender and `message` (with its `seq`) to everyone in the room.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Inbox:
    """Everything one connection received after its `ready`: (monotonic time, frame)."""

    frames: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    messages: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    acks: dict[str, int] = field(default_factory=dict)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    # A sender's window: one slot back per ack or error about one of its messages.
    slots: asyncio.Semaphore | None = None

    def seqs(self) -> list[int]:
        return [frame["seq"] for _, frame in self.frames if frame.get("type") == "message"]


@dataclass
class RoomRun:
    inboxes: list[Inbox]
    sent_at: dict[str, float]  # client_id → monotonic time of sending
    bodies: dict[str, str]  # client_id → body sent
    first_send: float = 0.0
    last_receipt: float = 0.0
    timed_out: bool = False

    def seq_of(self) -> dict[str, int]:
        acks: dict[str, int] = {}
        for inbox in self.inboxes:
            acks.update(inbox.acks)
        return acks


async def _listen(connection: Any, inbox: Inbox) -> None:
    async for raw in connection:
        now = time.monotonic()
        frame = json.loads(raw)
        kind = frame.get("type")
        if kind == "ready":
            inbox.ready.set()
        elif kind == "message" and inbox.ready.is_set():  # not the history caught up on joining
            inbox.frames.append((now, frame))
            inbox.messages += 1
        elif kind == "ack":
            inbox.acks[frame["client_id"]] = frame["seq"]
            if inbox.slots is not None:
                inbox.slots.release()
        elif kind == "error":
            inbox.errors.append(frame)
            if inbox.slots is not None and frame.get("client_id"):
                inbox.slots.release()


async def run_room(
    openers: Sequence[Callable[[], Any]],
    *,
    senders: Sequence[int],
    count: int,
    interval: float = 0.0,
    window: int = 8,
    settle: float = 30.0,
    connect_batch: int = 25,
    on_send: Callable[[], None] | None = None,
    on_done: Callable[[], None] | None = None,
) -> RoomRun:
    """Connect every opener, send `count` messages in turn from the `senders`, wait for all.

    With `interval`, messages leave on a fixed clock (open loop: the benchmark); without,
    each sender keeps at most `window` messages waiting for their ack (the scale-out test).
    Returns when every connection has `count` messages, or when nothing more arrived for
    `settle` seconds.
    """
    inboxes = [Inbox() for _ in openers]
    connections: list[Any] = []
    listeners: list[asyncio.Task[None]] = []
    run = RoomRun(inboxes=inboxes, sent_at={}, bodies={})
    try:
        # In batches, each ready (caught up) before the next: a room fills over time, and a
        # burst of hundreds of handshakes at once measures the burst, not the fan-out.
        for start in range(0, len(openers), connect_batch):
            batch = await asyncio.gather(*(o() for o in openers[start : start + connect_batch]))
            for connection, inbox in zip(batch, inboxes[start:], strict=False):
                connections.append(connection)
                listeners.append(asyncio.create_task(_listen(connection, inbox)))
            waiting = [inbox.ready.wait() for inbox in inboxes[start : start + len(batch)]]
            await asyncio.wait_for(asyncio.gather(*waiting), timeout=60)
        if on_send is not None:
            on_send()
        await _send_all(run, connections, senders, count, interval, window)
        deadline, seen = time.monotonic() + settle, -1
        while time.monotonic() < deadline:
            received = sum(inbox.messages for inbox in inboxes)
            if all(inbox.messages >= count for inbox in inboxes):
                break
            if received > seen:  # still arriving: wait up to `settle` more
                deadline, seen = time.monotonic() + settle, received
            for listener in listeners:
                if listener.done() and listener.exception() is not None:
                    raise listener.exception()  # type: ignore[misc]
            await asyncio.sleep(0.05)
        else:
            run.timed_out = True
        if on_done is not None:
            on_done()
        run.last_receipt = max(
            (inbox.frames[-1][0] for inbox in inboxes if inbox.frames), default=0
        )
        await asyncio.sleep(0.2)  # a duplicate arriving late would still be counted
        return run
    finally:
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*(c.close() for c in connections), return_exceptions=True)
        await asyncio.gather(*listeners, return_exceptions=True)


async def _send_all(
    run: RoomRun,
    connections: list[Any],
    senders: Sequence[int],
    count: int,
    interval: float,
    window: int,
) -> None:
    if not interval:
        for index in senders:
            run.inboxes[index].slots = asyncio.Semaphore(window)
    run.first_send = time.monotonic()
    for number in range(count):
        index = senders[number % len(senders)]
        cid = f"m{number}-{run.first_send:.0f}"
        body = f"message {number} from sender {index}"
        if interval:
            delay = run.first_send + number * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        else:
            slots = run.inboxes[index].slots
            assert slots is not None
            await asyncio.wait_for(slots.acquire(), timeout=30)
        run.bodies[cid] = body
        run.sent_at[cid] = time.monotonic()
        await connections[index].send(json.dumps({"type": "send", "body": body, "client_id": cid}))
