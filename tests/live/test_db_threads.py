"""halqa.live.db: the rooms' database work on HALQA_LIVE_DB_THREADS threads of their own."""

from __future__ import annotations

import asyncio
import threading

import pytest

from halqa.live import db

# live_db cleans up database connections around each call, as Channels does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "_executor", None)


def _where() -> str:
    return threading.current_thread().name


def _together(barrier: threading.Barrier) -> str:
    barrier.wait()  # passes only when all the calls run at the same time
    return _where()


@pytest.mark.asyncio
async def test_several_threads_work_at_once(settings, fresh_pool: None) -> None:
    settings.HALQA_LIVE_DB_THREADS = 3
    barrier = threading.Barrier(3, timeout=10)
    names = await asyncio.gather(*(db.live_db(_together)(barrier) for _ in range(3)))
    assert len(set(names)) == 3
    assert all(name.startswith("halqa-live-db") for name in names)


@pytest.mark.asyncio
async def test_one_thread_is_channels_own(settings, fresh_pool: None) -> None:
    settings.HALQA_LIVE_DB_THREADS = 1
    names = await asyncio.gather(*(db.live_db(_where)() for _ in range(2)))
    assert len(set(names)) == 1
    assert not names[0].startswith("halqa-live-db")
