"""The process keeps each SQLite file's WAL open (halqa.core.sqlite_wal), so that closing a
connection does not checkpoint, fsync and delete the WAL every time (docs/performance.md)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from halqa.core import sqlite_wal


def _write_and_close(path: Path) -> None:
    """What each request or database_sync_to_async call does: open, write, commit, close."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO note (body) VALUES ('x')")
    connection.execute("COMMIT")
    connection.close()


def _django_connection(name: object, *, memory: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        vendor="sqlite", settings_dict={"NAME": name}, is_in_memory_db=lambda: memory
    )


Keepers = dict[tuple[int, str], sqlite3.Connection]


@pytest.fixture
def keepers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Keepers]:
    fresh: Keepers = {}
    monkeypatch.setattr(sqlite_wal, "_keepers", fresh)
    yield fresh
    for keeper in fresh.values():
        keeper.close()


def test_without_a_keeper_the_last_close_removes_the_wal(tmp_path: Path) -> None:
    """The cost the keeper avoids: the last connection out checkpoints and deletes the WAL."""
    database = tmp_path / "site.sqlite3"
    _write_and_close(database)
    assert not Path(f"{database}-wal").exists()


def test_with_the_keeper_closing_a_connection_keeps_the_wal(
    tmp_path: Path, keepers: Keepers
) -> None:
    database = tmp_path / "site.sqlite3"
    _write_and_close(database)  # the file exists, as after migrate
    sqlite_wal.keep_wal_open(None, _django_connection(database))
    sqlite_wal.keep_wal_open(None, _django_connection(database))  # again: still one keeper
    assert len(keepers) == 1
    for _ in range(3):
        _write_and_close(database)
        assert Path(f"{database}-wal").exists()
    check = sqlite3.connect(database)
    assert check.execute("SELECT count(*) FROM note").fetchone() == (4,)
    check.close()


def test_no_keeper_for_memory_or_other_databases(tmp_path: Path, keepers: Keepers) -> None:
    sqlite_wal.keep_wal_open(None, _django_connection(":memory:", memory=True))
    postgres = SimpleNamespace(vendor="postgresql", settings_dict={"NAME": "halqa"})
    sqlite_wal.keep_wal_open(None, postgres)
    assert keepers == {}
