"""SQLite: keep the write-ahead log open for the life of the process.

Without persistent connections (CONN_MAX_AGE 0, Django's advice under ASGI) every request and
every `database_sync_to_async` call opens a connection and closes it. When the connection that
closes is the last one on the file, SQLite checkpoints the WAL into the database, fsyncs it and
deletes the WAL; the next write creates and syncs a new one. On the benchmark machine that was
about 15 ms per database call (docs/performance.md), most of the fixed cost of a live message.

One idle connection per database file per process, opened with the first connection Django
makes, keeps the WAL open: the others then open and close in well under a millisecond, and
SQLite checkpoints as usual (every 1,000 pages, and when the process exits). It holds no
transaction, so it never blocks a writer or a checkpoint. Durability is what the PRAGMAs in
halqa/core/env.py say (WAL, synchronous=NORMAL): a commit survives the process crashing; the
last commits before a power cut or an operating-system crash may be lost, never corrupted.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import threading
from typing import Any

_keepers: dict[tuple[int, str], sqlite3.Connection] = {}
_lock = threading.Lock()


def keep_wal_open(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` handler: the first connection to a SQLite file opens its keeper."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    name = str(connection.settings_dict["NAME"])
    key = (os.getpid(), name)  # never use a connection across fork()
    if key in _keepers:
        return
    with _lock:
        if key in _keepers:
            return
        keeper = sqlite3.connect(name, timeout=20, isolation_level=None, check_same_thread=False)
        try:
            keeper.execute("PRAGMA schema_version").fetchone()  # opens the file and its WAL
        except sqlite3.Error:
            keeper.close()
            return  # no keeper: slower, not wrong; the connection itself reports the error
        _keepers[key] = keeper


@atexit.register
def _close() -> None:
    """At exit the keeper is the last connection: closing it checkpoints the WAL."""
    pid = os.getpid()
    for (owner, _), keeper in list(_keepers.items()):
        if owner == pid:
            keeper.close()
