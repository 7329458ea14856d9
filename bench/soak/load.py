"""Simulated members: page views, thread posts and replies (JSON API), live messages (WebSocket).

Each member has a session cookie (pages, WebSocket) and an API token, one WebSocket in their
room, and acts every `think` seconds on average (exponential pauses): a page, an API read, a
new thread, a reply or a live message. Everything goes through `origin` (a server or the
balancer), speaking docs/api.md and docs/websocket.md as a well-behaved client does: a request
refused at the connection (a dead server) is retried with the same `client_id`, and a dropped
WebSocket reconnects with backoff to `?after=<last seq>` and resends what was not acknowledged.

What is recorded: the latency of every request and WebSocket step by endpoint, every error (any
answer that is not the expected one; any WebSocket `error` frame), and for every room the seq
of every acknowledged message, so that loss, duplicates and order can be counted per client.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import requests

SESSION_COOKIE = "halqa_session"
TIMEOUT = 30
BODIES = [
    "Thank you all for being here tonight.",
    "I tried the breathing exercise and it helped a little.",
    "Sending strength to everyone in this circle.",
    "Does anyone else find evenings harder than mornings?",
    "شكراً لكم على هذا المساء",
    "أتمنى لكم جميعاً ليلة هادئة",
    "Walking outside after work made my day lighter.",
    "Me too, I know that feeling well.",
]
# (weight, action) — mostly reading, as in any forum.
MIX = {"page": 55, "api_read": 10, "thread": 3, "reply": 14, "live": 18}


@dataclass
class Stats:
    """Latencies by endpoint label and errors, stamped with monotonic time."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[float, str, str]] = field(default_factory=list)  # (time, label, what)
    retried: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, label: str, seconds: float) -> None:
        with self.lock:
            self.latencies[label].append(seconds)

    def error(self, label: str, what: str) -> None:
        with self.lock:
            self.errors.append((time.monotonic(), label, what[:300]))


@dataclass
class Room:
    """One live room: which client_id was acknowledged as which seq, and when it was sent."""

    session_id: int
    slug: str
    threads: list[int]
    seq_of: dict[str, int] = field(default_factory=dict)
    sent_at: dict[str, float] = field(default_factory=dict)
    clients: list[LiveClient] = field(default_factory=list)

    def last_acked(self) -> int:
        return max(self.seq_of.values(), default=0)


class LiveClient:
    """One member's WebSocket in their room, reconnecting and resuming as docs/websocket.md says."""

    def __init__(self, origin: str, cookie: str, name: str, room: Room, stats: Stats) -> None:
        self.url = origin.replace("http://", "ws://") + f"/ws/live/{room.session_id}/"
        self.origin, self.cookie, self.name, self.room, self.stats = (
            origin,
            cookie,
            name,
            room,
            stats,
        )
        self.ws: Any = None
        self.ready = asyncio.Event()
        self.closing = False
        self.start_seq: int | None = None  # the room's last seq when this client first joined
        self.last_seq = 0
        self.seen: set[int] = set()
        self.received: list[tuple[float, int]] = []
        self.duplicates = self.out_of_order = self.reconnects = 0
        self.pending: dict[str, str] = {}  # client_id → body, until acknowledged or refused
        self.unavailable: dict[str, int] = {}  # client_id → `unavailable` answers so far
        self._later: set[asyncio.Task[None]] = set()
        self.sent = 0
        self._connect_started = 0.0

    async def run(self) -> None:
        from websockets.asyncio.client import connect

        backoff = 1.0  # docs/websocket.md: 1 s, 2 s, 4 s … up to 30 s, with jitter
        while not self.closing:
            after = f"?after={self.last_seq}" if self.start_seq is not None else ""
            self._connect_started = time.monotonic()
            try:
                async with connect(
                    self.url + after,
                    origin=self.origin,  # type: ignore[arg-type]
                    additional_headers={"Cookie": f"{SESSION_COOKIE}={self.cookie}"},
                    compression=None,
                    proxy=None,
                    open_timeout=2 * TIMEOUT,  # a loaded server answers late: no retry storm
                    ping_interval=None,
                    max_queue=None,
                ) as ws:
                    self.ws = ws
                    async for raw in ws:
                        if await self._frame(json.loads(raw)):
                            backoff = 1.0
                    self._dropped(ws.close_code, ws.close_reason)
            except Exception as error:  # any failure: reconnect, as a browser would
                received = getattr(error, "rcvd", None)
                code, reason = getattr(received, "code", None), getattr(received, "reason", "")
                self._dropped(code, reason, error)
            finally:
                self.ws = None
                self.ready.clear()
            if not self.closing:
                self.reconnects += 1
                await asyncio.sleep(backoff * (0.5 + random.random()))
                backoff = min(backoff * 2, 30)

    def _dropped(
        self, code: int | None, reason: str | None, error: Exception | None = None
    ) -> None:
        """A refusal or a server failure is an error; a lost connection is a reconnect."""
        if self.closing:
            return
        if code is not None and (code >= 4000 or code == 1011):
            why = f" ({reason})" if reason else ""
            self.stats.error("ws connection", f"closed with code {code}{why}")
        else:
            why = f"closed {code}" if error is None else type(error).__name__
            self.stats.retried[f"ws reconnect ({why})"] += 1

    async def _frame(self, frame: dict[str, Any]) -> bool:
        """Handle one frame; True for `ready` (the connection is good again)."""
        kind, now = frame.get("type"), time.monotonic()
        if kind == "ready":
            if self.start_seq is None:
                self.start_seq = self.last_seq = int(frame["seq"])
            self.stats.ok("ws connect→ready", now - self._connect_started)
            self.ready.set()
            for client_id, body in list(self.pending.items()):  # not acknowledged: send again
                await self._send_frame(client_id, body)
            return True
        if kind == "message" and self.start_seq is not None:
            self._message(now, int(frame["seq"]))
        elif kind == "ack":
            client_id = frame["client_id"]
            self.room.seq_of[client_id] = int(frame["seq"])
            if self.pending.pop(client_id, None) is not None:
                self.stats.ok("live send→ack", now - self.room.sent_at[client_id])
        elif kind == "error":
            client_id = frame.get("client_id") or ""
            self.stats.error("live send", f"error frame {frame.get('code')}")
            if frame.get("code") == "unavailable" and client_id in self.pending:
                # Nothing was stored: resend later with the same client_id, as live.js does.
                self.unavailable[client_id] = self.unavailable.get(client_id, 0) + 1
                delay = min(2.0 * 2 ** (self.unavailable[client_id] - 1), 30.0)
                task = asyncio.create_task(self._resend_after(client_id, delay))
                self._later.add(task)
                task.add_done_callback(self._later.discard)
            else:
                self.pending.pop(client_id, None)
        return False

    async def _resend_after(self, client_id: str, delay: float) -> None:
        await asyncio.sleep(delay)
        body = self.pending.get(client_id)
        if body is not None and self.ready.is_set() and not self.closing:
            self.stats.retried["live send (resent after unavailable)"] += 1
            await self._send_frame(client_id, body)

    def _message(self, now: float, seq: int) -> None:
        if seq in self.seen:
            self.duplicates += 1
            return
        if seq < self.last_seq:
            self.out_of_order += 1
        self.seen.add(seq)
        self.received.append((now, seq))
        self.last_seq = max(self.last_seq, seq)

    async def send(self) -> None:
        self.sent += 1
        client_id = f"{self.name}-{self.sent}"
        body = random.choice(BODIES)
        self.pending[client_id] = body
        self.room.sent_at[client_id] = time.monotonic()
        if self.ready.is_set():
            await self._send_frame(client_id, body)

    async def _send_frame(self, client_id: str, body: str) -> None:
        frame = json.dumps({"type": "send", "body": body, "client_id": client_id})
        with suppress(Exception):  # the connection dropped: resent after reconnecting
            await self.ws.send(frame)

    async def close(self) -> None:
        self.closing = True
        for task in list(self._later):
            task.cancel()
        if self.ws is not None:
            await self.ws.close()


class Member:
    """One simulated member: a `requests` session (pages with the cookie, API with the token)."""

    def __init__(self, origin: str, data: dict[str, Any], room: Room, http: Http) -> None:
        self.origin, self.room, self.http = origin, room, http
        self.name, self.token = data["pseudonym"], data["token"]
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.cookies.set(SESSION_COOKIE, data["cookie"])
        self.live: LiveClient | None = None
        self.writes = 0
        self.threads: list[int] = []  # acknowledged (201) threads and posts, checked afterwards
        self.posts: list[int] = []

    async def act(self, kind: str) -> None:
        slug, room = self.room.slug, self.room
        if kind == "live" and self.live is not None:
            await self.live.send()
            return
        if kind == "page":
            label, path = random.choice(
                [
                    ("page group", f"/groups/{slug}/"),
                    ("page thread list", f"/groups/{slug}/threads/"),
                    ("page thread", f"/groups/{slug}/threads/{random.choice(room.threads)}/"),
                    ("page live room", f"/live/{room.session_id}/"),
                    ("page notifications", "/notifications/"),
                ]
            )
            await self.http.call(self, label, "GET", path)
        elif kind == "api_read":
            await self.http.call(
                self, "api GET threads", "GET", f"/api/conversations/groups/{slug}/threads"
            )
        elif kind == "thread":
            made = await self.http.call(
                self,
                "api POST thread",
                "POST",
                f"/api/conversations/groups/{slug}/threads",
                body={"title": "A small win today", "body": random.choice(BODIES)},
            )
            if made is not None:
                room.threads.append(made["thread"]["id"])
                self.threads.append(made["thread"]["id"])
        else:
            thread = random.choice(room.threads)
            made = await self.http.call(
                self,
                "api POST reply",
                "POST",
                f"/api/conversations/groups/{slug}/threads/{thread}/posts",
                body={"body": random.choice(BODIES)},
            )
            if made is not None:
                self.posts.append(made["id"])


class Http:
    """Blocking `requests` calls in a thread pool, timed inside the thread."""

    def __init__(self, origin: str, stats: Stats, threads: int = 96) -> None:
        self.origin, self.stats = origin, stats
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="soak-http")

    async def call(
        self, member: Member, label: str, method: str, path: str, body: dict[str, Any] | None = None
    ) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, self._call, member, label, method, path, body)

    def _call(
        self, member: Member, label: str, method: str, path: str, body: dict[str, Any] | None
    ) -> Any:
        headers = {"Accept-Language": random.choice(["ar", "en"])}
        if path.startswith("/api/"):
            headers["Authorization"] = f"Bearer {member.token}"
        if body is not None:
            member.writes += 1
            body = {**body, "client_id": f"{member.name}-w{member.writes}"}  # safe to resend
        started = time.monotonic()
        for attempt in range(4):
            try:
                response = member.session.request(
                    method,
                    self.origin + path,
                    json=body,
                    headers=headers,
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                break
            except requests.ConnectionError:  # refused or dropped before an answer: resend
                self.stats.retried[label] += 1
                time.sleep(0.5 * (attempt + 1))
            except requests.RequestException as error:
                self.stats.error(label, type(error).__name__)
                return None
        else:
            self.stats.error(label, "no answer after 4 attempts")
            return None
        if response.status_code not in (200, 201):
            self.stats.error(label, f"HTTP {response.status_code} {response.text[:200]!r}")
            return None
        self.stats.ok(label, time.monotonic() - started)
        return response.json() if path.startswith("/api/") else None


async def live_members(
    members: list[Member], *, think: float, until: float, stop: asyncio.Event
) -> None:
    """Every member acts every `think` seconds on average until `until` (monotonic)."""
    actions, weights = list(MIX), list(MIX.values())

    async def life(member: Member) -> None:
        await asyncio.sleep(random.uniform(0, think))
        while time.monotonic() < until and not stop.is_set():
            await member.act(random.choices(actions, weights)[0])
            await asyncio.sleep(random.expovariate(1 / think))

    await asyncio.gather(*(life(member) for member in members))


async def connect_all(
    clients: list[LiveClient], batch: int = 25, within: float = 120
) -> list[asyncio.Task[None]]:
    """Open every WebSocket, `batch` at a time, each batch caught up before the next, for at
    most `within` seconds: those not ready by then go on trying while the load runs."""
    tasks: list[asyncio.Task[None]] = []
    deadline = time.monotonic() + within
    for start in range(0, len(clients), batch):
        group = clients[start : start + batch]
        tasks += [asyncio.create_task(client.run()) for client in group]
        waiting = asyncio.gather(*(client.ready.wait() for client in group))
        with suppress(TimeoutError):
            await asyncio.wait_for(waiting, timeout=max(0.1, deadline - time.monotonic()))
    return tasks


async def drain(rooms: list[Room], clients: list[LiveClient], timeout: float = 45) -> None:
    """Wait until every send is acknowledged or refused and every client has every acked seq."""

    def done() -> bool:
        if any(client.pending for client in clients):
            return False
        return all(c.last_seq >= room.last_acked() for room in rooms for c in room.clients)

    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)  # a duplicate arriving late is still counted


async def run_faults(
    faults: list[tuple[float, str, Callable[[], object]]], t0: float, log: list[tuple[float, str]]
) -> None:
    """Run each fault (a blocking call, in a thread) at its offset from `t0`; log when."""
    for offset, what, action in sorted(faults, key=lambda fault: fault[0]):
        await asyncio.sleep(max(0, t0 + offset - time.monotonic()))
        log.append((round(time.monotonic() - t0, 1), what))
        await asyncio.to_thread(action)
