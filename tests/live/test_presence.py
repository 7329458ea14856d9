"""Presence: a count of connections per room, with entries that expire, and bounded broadcasts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from halqa.live import presence


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_presence_broadcasts_every_change_in_small_rooms_and_bursts_in_big_ones() -> None:
    assert presence.should_broadcast(424242, 3)
    assert presence.should_broadcast(424242, 3)
    assert presence.should_broadcast(424242, 500)
    assert not presence.should_broadcast(424242, 501)


def test_presence_counts_and_forgets_connections() -> None:
    assert presence.touch(515151, "a") == 1
    assert presence.touch(515151, "b") == 2
    assert presence.touch(515151, "b") == 2
    assert presence.leave(515151, "a") == 1
    assert presence.count(515151) == 1
    assert presence.leave(515151, "b") == 0


def test_presence_forgets_connections_that_stop_beating(monkeypatch: pytest.MonkeyPatch) -> None:
    presence.touch(616161, "ghost")
    monkeypatch.setattr(presence.time, "time", lambda: 10**12)
    assert presence.count(616161) == 0
