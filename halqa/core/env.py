"""Typed readers for settings that come from the environment; a bad value fails loudly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(
    name: str, sqlite_path: Path, *, pool_max: int = 0, pool_timeout: int = 5
) -> dict[str, Any]:
    """PostgreSQL (or any dj-database-url) when `name` is set, else SQLite in WAL mode.

    On PostgreSQL with `pool_max` > 0 each process keeps a pool of at most `pool_max`
    connections; a request that finds them all busy for `pool_timeout` seconds fails with
    psycopg_pool.PoolTimeout, which Django raises as OperationalError: a 503 with Retry-After
    (halqa/core/errors.py), never PostgreSQL's "too many clients" for everyone.
    """
    url = env_str(name)
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            "OPTIONS": {
                # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at
                # BEGIN so concurrent writers queue on busy_timeout instead of deadlocking.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        # No persistent connections under ASGI (Django's advice, and the pool requires it): each
        # request may run in a new thread, and each kept a connection for 60 s; 300 members on
        # two servers then filled PostgreSQL's max_connections (bench/soak, docs/reliability.md).
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a database URL: {error}") from None
    if pool_max and config["ENGINE"] == "django.db.backends.postgresql":
        # Django hands the connection back to the pool at the end of every request, whichever
        # thread ran it. min_size 1: an idle process holds one connection, not four.
        pool = {"min_size": 1, "max_size": pool_max, "timeout": pool_timeout}
        config["OPTIONS"] = {**config.get("OPTIONS", {}), "pool": pool}
    return config


def secret_key(name: str, key_file: Path) -> str:
    """The key from the environment, else one generated once and kept in `key_file`."""
    value = env_str(name)
    if value:
        return value
    if key_file.exists():
        return key_file.read_text().strip()
    from django.core.management.utils import get_random_secret_key

    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
