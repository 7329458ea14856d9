"""The task worker's heartbeat: a row per worker process, touched every INTERVAL seconds."""

from __future__ import annotations

import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

INTERVAL = 30  # seconds between beats
STALE_AFTER = timedelta(minutes=2)  # the health page warns after this long without a beat


def worker_name() -> str:
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


def beat(worker: str, now: datetime | None = None) -> None:
    from halqa.console.models import Heartbeat

    now = now or timezone.now()
    Heartbeat.objects.update_or_create(worker=worker, defaults={"seen_at": now})
    Heartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()  # workers long gone


def latest() -> datetime | None:
    from halqa.console.models import Heartbeat

    return Heartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def _loop(worker: str, stop: threading.Event) -> None:
    while True:
        try:
            close_old_connections()
            beat(worker)
        except DatabaseError:
            pass  # the database is away for now: the page will show the beat as late
        finally:
            connection.close()
        if stop.wait(INTERVAL):
            return


def start_heartbeat() -> threading.Event:
    """Beat in a daemon thread for the life of the process; set the returned event to stop."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_loop, args=(worker_name(), stop), name="halqa-heartbeat", daemon=True
    )
    thread.start()
    return stop
