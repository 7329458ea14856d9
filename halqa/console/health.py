"""The health checks behind the console's health page and /api/console/health.

Each check answers {"name", "ok", "figures"...}; nothing here reads member content.
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min, Q
from django.utils import timezone

from halqa.console import heartbeat

DISK_WARN_FREE = 0.10  # warn below 10 % free
DISK_WARN_BYTES = 1024**3  # or below 1 GiB free


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def database() -> dict[str, Any]:
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"name": "database", "ok": False, "vendor": connection.vendor, "latency_ms": None}
    return {"name": "database", "ok": True, "vendor": connection.vendor, "latency_ms": _ms(start)}


def redis() -> dict[str, Any] | None:
    """None without REDIS_URL (the site then runs on one machine without it)."""
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    import redis as redis_lib

    start = time.perf_counter()
    try:
        client = redis_lib.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
        client.close()
    except (redis_lib.RedisError, OSError):
        return {"name": "redis", "ok": False, "latency_ms": None}
    return {"name": "redis", "ok": True, "latency_ms": _ms(start)}


def worker(now: datetime) -> dict[str, Any]:
    seen = heartbeat.latest()
    age = None if seen is None else max((now - seen).total_seconds(), 0)
    ok = age is not None and age <= heartbeat.STALE_AFTER.total_seconds()
    return {"name": "worker", "ok": ok, "last_seen": seen, "age_seconds": age}


def queue(now: datetime) -> dict[str, Any]:
    """Tasks ready to run and not yet taken (django-tasks' database backend)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready()
    immediate = Q(run_after=get_date_max())
    oldest = ready.aggregate(
        enqueued=Min("enqueued_at", filter=immediate), due=Min("run_after", filter=~immediate)
    )
    since = [value for value in (oldest["enqueued"], oldest["due"]) if value is not None]
    age = max((now - min(since)).total_seconds(), 0) if since else None
    pending = ready.count()
    ok = age is None or age <= heartbeat.STALE_AFTER.total_seconds()
    return {"name": "queue", "ok": ok, "pending": pending, "oldest_age_seconds": age}


def _database_dir() -> Path:
    name = connection.settings_dict.get("NAME")
    if (
        connection.vendor == "sqlite"
        and name
        and str(name) != ":memory:"
        and "mode=memory" not in str(name)
    ):
        return Path(str(name)).resolve().parent
    return Path(settings.VAR_DIR)


def disk() -> dict[str, Any]:
    path = _database_dir()
    while not path.exists() and path != path.parent:
        path = path.parent
    usage = shutil.disk_usage(path)
    share = usage.free / usage.total if usage.total else 0
    ok = share >= DISK_WARN_FREE and usage.free >= DISK_WARN_BYTES
    return {
        "name": "disk",
        "ok": ok,
        "free_bytes": usage.free,
        "total_bytes": usage.total,
        "free_share": round(share, 3),
    }


def helplines() -> dict[str, Any]:
    from halqa.safety.models import CHECK_VALID_FOR, Helpline

    limit = timezone.localdate() - CHECK_VALID_FOR
    old = Helpline.objects.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=limit)).count()
    return {"name": "helplines", "ok": old == 0, "unchecked_12_months": old}


def checks(now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or timezone.now()
    found = [database(), redis(), worker(now), queue(now), disk(), helplines()]
    return [check for check in found if check is not None]


def report(now: datetime | None = None) -> dict[str, Any]:
    found = checks(now)
    return {"ok": all(check["ok"] for check in found), "checks": found}
