"""How many connections are in a room, across processes, without ghosts.

Each connection is an entry with an expiry time, refreshed by its consumer's heartbeat; a
process that dies leaves entries that expire after TTL seconds. With Redis (REDIS_URL) the
entries are a sorted set scored by expiry; without it, one process holds them in memory.
"""

from __future__ import annotations

import threading
import time
from functools import cache

import redis
from django.conf import settings
from django.core.cache import cache as django_cache

HEARTBEAT = 20  # seconds between refreshes
CHECK = 5  # seconds between each connection's look at the count
TTL = 60  # an entry not refreshed for this long is gone
SMALL_ROOM = 30  # up to this many, every join and leave is broadcast at once
BURST_SECONDS = 2  # above it, at most one broadcast per room in this time; CHECK does the rest

_lock = threading.Lock()
_local: dict[int, dict[str, float]] = {}


@cache
def _client(url: str) -> redis.Redis[bytes]:
    return redis.Redis.from_url(url)


def _redis() -> redis.Redis[bytes] | None:
    config = settings.CACHES["default"]
    if "redis" not in str(config.get("BACKEND", "")).lower():
        return None
    location = config["LOCATION"]
    return _client(location if isinstance(location, str) else next(iter(location)))


def _key(session_id: int) -> str:
    return django_cache.make_key(f"live:presence:{session_id}")


def touch(session_id: int, connection: str) -> int:
    """Add or refresh `connection` in the room; the number of connections now."""
    now = time.time()
    client = _redis()
    if client is None:
        with _lock:
            room = _local.setdefault(session_id, {})
            room[connection] = now + TTL
            return _count_local(room, now)
    key = _key(session_id)
    pipe = client.pipeline()
    pipe.zadd(key, {connection: now + TTL})
    pipe.zremrangebyscore(key, "-inf", now)
    pipe.zcard(key)
    pipe.expire(key, TTL)
    return int(pipe.execute()[2])


def leave(session_id: int, connection: str) -> int:
    """Remove `connection`; the number of connections left."""
    now = time.time()
    client = _redis()
    if client is None:
        with _lock:
            room = _local.get(session_id, {})
            room.pop(connection, None)
            count = _count_local(room, now)
            if not room:
                _local.pop(session_id, None)
            return count
    key = _key(session_id)
    pipe = client.pipeline()
    pipe.zrem(key, connection)
    pipe.zremrangebyscore(key, "-inf", now)
    pipe.zcard(key)
    return int(pipe.execute()[2])


def count(session_id: int) -> int:
    now = time.time()
    client = _redis()
    if client is None:
        with _lock:
            return _count_local(_local.get(session_id, {}), now)
    key = _key(session_id)
    return int(client.zcount(key, now, "+inf"))


def count_for_page(session_id: int) -> int:
    """The count a room page opens with. With Redis away it shows 0 rather than failing the
    page (the soak run's Redis restart made the room page a 500); the live count corrects it."""
    try:
        return count(session_id)
    except redis.RedisError:
        return 0


def should_broadcast(session_id: int, count: int) -> bool:
    """Whether a join or leave is told to the room now: always in small rooms, and in big
    ones once per burst, so that 500 people arriving do not send 500 × 500 updates."""
    if count <= SMALL_ROOM:
        return True
    return bool(django_cache.add(f"live:presence-sent:{session_id}", 1, BURST_SECONDS))


def _count_local(room: dict[str, float], now: float) -> int:
    for connection in [name for name, expiry in room.items() if expiry <= now]:
        del room[connection]
    return len(room)
