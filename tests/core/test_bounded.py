"""Overload is bounded: a process holds at most HALQA_DB_POOL_MAX PostgreSQL connections, and a
request that waits too long for one is our 503 (Retry-After, "nothing was saved", the API's
`unavailable`), never PostgreSQL's "too many clients" for everyone; `halqa serve
--limit-concurrency` / HALQA_MAX_CONCURRENCY lets uvicorn refuse work beyond N (issue 8).

The end-to-end tests run the real `halqa serve` (production settings) on a database of their
own, like tests/scaleout: the pool has to be on where members are served, not only in tests.
"""

from __future__ import annotations

import argparse
import json
import secrets
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest
from django.core.exceptions import ImproperlyConfigured

from halqa import cli
from halqa.core import env
from tests.scaleout import harness
from tests.scaleout.conftest import postgres_url  # noqa: F401 (a fixture, shared)

PG = "postgresql://halqa@db.example:5432/halqa"


def test_postgresql_gets_a_bounded_pool_and_no_persistent_connections(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", PG)
    config = env.env_database("DATABASE_URL", tmp_path / "x", pool_max=7, pool_timeout=3)
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 7, "timeout": 3}
    assert config["CONN_MAX_AGE"] == 0  # Django refuses a pool with persistent connections
    assert config["CONN_HEALTH_CHECKS"] is True  # the pool checks a connection before handing it


def test_pool_max_zero_leaves_the_pool_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", PG)
    config = env.env_database("DATABASE_URL", tmp_path / "x", pool_max=0)
    assert "pool" not in config.get("OPTIONS", {})


def test_sqlite_never_gets_a_pool(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", tmp_path / "x", pool_max=10)
    assert "pool" not in config["OPTIONS"]


def test_the_settings_read_the_pool_size_and_timeout(monkeypatch):
    import importlib

    import halqa.settings

    monkeypatch.setenv("DATABASE_URL", PG)
    monkeypatch.setenv("HALQA_DB_POOL_MAX", "3")
    monkeypatch.setenv("HALQA_DB_POOL_TIMEOUT", "2")
    try:
        settings = importlib.reload(halqa.settings)
        assert settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"] == 3
        assert settings.DATABASES["default"]["OPTIONS"]["pool"]["timeout"] == 2
        monkeypatch.setenv("HALQA_DB_POOL_MAX", "ten")
        with pytest.raises(ImproperlyConfigured, match="HALQA_DB_POOL_MAX"):
            importlib.reload(halqa.settings)
    finally:
        monkeypatch.undo()
        importlib.reload(halqa.settings)


def test_a_pool_timeout_reaches_django_as_operational_error():
    """errors.py answers 503 for django.db.OperationalError; psycopg_pool's PoolTimeout is a
    psycopg OperationalError, which Django's error wrapper turns into its own."""
    import psycopg
    from django.db import OperationalError
    from django.db.utils import DatabaseErrorWrapper
    from psycopg_pool import PoolTimeout

    backend = SimpleNamespace(Database=psycopg, errors_occurred=False)  # as the backend has it
    with pytest.raises(OperationalError), DatabaseErrorWrapper(backend):
        raise PoolTimeout("couldn't get a connection after 1.00 sec")


@pytest.mark.parametrize(("flag", "variable", "expected"), [(None, None, None), (5, "9", 5)])
def test_limit_concurrency_comes_from_the_flag_else_the_environment(
    monkeypatch, flag, variable, expected
):
    monkeypatch.delenv("HALQA_MAX_CONCURRENCY", raising=False)
    if variable:
        monkeypatch.setenv("HALQA_MAX_CONCURRENCY", variable)
    assert cli._limit_concurrency(argparse.Namespace(limit_concurrency=flag)) == expected
    monkeypatch.setenv("HALQA_MAX_CONCURRENCY", "200")
    assert cli._limit_concurrency(argparse.Namespace(limit_concurrency=None)) == 200
    assert cli._limit_concurrency(argparse.Namespace(limit_concurrency=0)) is None


@pytest.mark.services
def test_a_burst_waits_for_a_redis_cache_connection_instead_of_failing(monkeypatch, redis_url):
    """redis-py's default pool raises MaxConnectionsError at once when all are taken (46 times in
    the soak's `kill` run); the cache's pool blocks: the request waits for one to come back."""
    import importlib

    from django.core.cache.backends.redis import RedisCache

    import halqa.settings

    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("HALQA_REDIS_POOL_MAX", "1")
    try:
        options = importlib.reload(halqa.settings).CACHES["default"]["OPTIONS"]
    finally:
        monkeypatch.undo()
        importlib.reload(halqa.settings)
    cache = RedisCache(redis_url, {"OPTIONS": options, "KEY_PREFIX": f"bounded-{uuid4().hex}"})
    pool = cache._cache._get_connection_pool(write=True)
    held = pool.get_connection()  # the only connection, busy elsewhere
    threading.Timer(0.5, pool.release, [held]).start()
    cache.set("burst", 1, 30)  # waits for it instead of raising MaxConnectionsError
    assert cache.get("burst") == 1
    cache.delete("burst")


# --- end to end: `halqa serve` on PostgreSQL ---------------------------------------------------


@pytest.fixture(scope="module")
def migrated(postgres_url: str, tmp_path_factory: Any) -> Iterator[tuple[dict[str, str], Path]]:  # noqa: F811
    tmp = tmp_path_factory.mktemp("bounded")
    with harness.postgres_database(
        postgres_url, name=f"halqa_bounded_{secrets.token_hex(4)}"
    ) as database_url:
        environment = harness.base_env(tmp / "var", database_url=database_url)
        harness.migrate(environment)
        yield environment, tmp


def _get(url: str, language: str = "en") -> tuple[int, Any, str]:
    """Status, headers (looked up case-insensitively) and text of a GET without proxies."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept-Language": language})  # noqa: S310
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _waiting_on_a_lock(admin: Any, database: str) -> bool:
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
        [database],
    ).fetchone()
    return bool(row and row[0])


@pytest.mark.services
@pytest.mark.xdist_group("bounded")  # one migrated database for both
def test_a_full_pool_is_a_localised_503_and_postgresql_never_sees_more(migrated):
    import psycopg

    environment, tmp = migrated
    database = environment["DATABASE_URL"].rsplit("/", 1)[1]
    environment = {**environment, "HALQA_DB_POOL_MAX": "1", "HALQA_DB_POOL_TIMEOUT": "1"}
    with harness.servers(environment, 1, tmp) as (server,):
        assert _get(f"{server.origin}/")[0] == 200  # the pool's one connection is open
        with psycopg.connect(environment["DATABASE_URL"]) as holder:
            # The first request's query waits on this lock, holding the pool's only connection.
            holder.execute("LOCK TABLE groups_group IN ACCESS EXCLUSIVE MODE")
            first: list[int] = []
            waiting = threading.Thread(target=lambda: first.append(_get(f"{server.origin}/")[0]))
            waiting.start()
            with psycopg.connect(environment["DATABASE_URL"], autocommit=True) as admin:
                deadline = time.monotonic() + 30
                while not _waiting_on_a_lock(admin, database):
                    assert time.monotonic() < deadline, harness.tail(server.log)
                    time.sleep(0.1)

                status, headers, page = _get(f"{server.origin}/")
                assert status == 503, page[:500]
                assert headers["Retry-After"] == "60"
                assert "What you just sent was not saved" in page
                assert "لم يُحفظ ما أرسلته للتو" in page

                for language, words in (("en", "nothing was saved"), ("ar", "لم يُحفظ شيء")):
                    status, headers, body = _get(f"{server.origin}/api/groups/", language)
                    assert status == 503, body[:500]
                    assert headers["Retry-After"] == "60"
                    assert json.loads(body)["code"] == "unavailable"
                    assert words in json.loads(body)["message"]

                # The server never opened a second connection to PostgreSQL.
                count = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> ALL(%s)",
                    [database, [holder.info.backend_pid, admin.info.backend_pid]],
                ).fetchone()
                assert count == (1,)
            holder.rollback()  # the lock goes; the waiting request finishes normally
        waiting.join(timeout=60)
        assert first == [200]
        assert _get(f"{server.origin}/")[0] == 200
        assert "too many clients" not in harness.tail(server.log, 100_000)


@pytest.mark.services
@pytest.mark.xdist_group("bounded")  # one migrated database for both
def test_beyond_max_concurrency_uvicorn_answers_a_plain_503(migrated):
    environment, tmp = migrated
    environment = {**environment, "HALQA_MAX_CONCURRENCY": "2"}
    with harness.servers(environment, 1, tmp) as (server,):
        assert _get(f"{server.origin}/")[0] == 200  # one connection: under the limit
        with socket.create_connection(("127.0.0.1", server.port)):  # an idle second one
            time.sleep(0.2)  # let the server accept it
            status, headers, body = _get(f"{server.origin}/")
        assert status == 503
        assert body == "Service Unavailable"  # uvicorn's own words: no page, no Retry-After
        assert "Retry-After" not in headers
        assert _get(f"{server.origin}/")[0] == 200
