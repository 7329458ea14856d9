"""Database work of live connections, on a few threads of their own.

Channels' `database_sync_to_async` runs every WebSocket's database calls in a process on one
thread, while each HTTP request gets its own. Under load (make soak: 300 members, a server
killed and its rooms reconnecting to the other) a live message then waited behind every other
connection's catch-up: acknowledgements took tens of seconds while pages took one or two. Here
reads (connecting, catching up, filling a gap, re-checking access) share HALQA_LIVE_DB_THREADS
threads (4 by default, each with its database connection while it works), and stores keep
Channels' one thread to themselves (`live_db_write`): one after the other, their broadcasts
after commit leave the process in seq order, as readers expect (a message that overtakes the one
before it makes each of the room's connections read the gap from the database).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.db import DatabaseSyncToAsync
from django.conf import settings

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _threads() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            size = settings.HALQA_LIVE_DB_THREADS
            _executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="halqa-live-db")
        return _executor


def live_db(function: Callable[..., Any]) -> Any:
    """`await live_db(f)(*args)`: f in a live database thread, connections cleaned around it."""
    if settings.HALQA_LIVE_DB_THREADS <= 1:
        return DatabaseSyncToAsync(function)  # Channels' own single thread
    return DatabaseSyncToAsync(function, thread_sensitive=False, executor=_threads())


def live_db_write(function: Callable[..., Any]) -> Any:
    """`await live_db_write(f)(*args)`: f on Channels' database thread, one store at a time."""
    return DatabaseSyncToAsync(function)
