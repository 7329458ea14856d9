"""`halqa backup` and `halqa restore`, for real: the CLI in its own processes, production settings.

A site is migrated and filled through the product's actions (members, a group, a thread with
replies, a live session with messages, journal entries, a resource with an uploaded video); it is
backed up while a server process holds it open, restored into an empty database, and the restored
site must have every row of every table (compared table by table), every member, post, live
message and journal entry, the journal readable with the site's key and unreadable with another
one, and every media file, byte for byte.

    python -m tests.core.test_backup seed|inventory   (what the subprocesses run)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.scaleout import harness

ROOT = Path(__file__).resolve().parents[2]
VIDEO = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + bytes(range(256)) * 64


# --- what runs inside the site's processes -----------------------------------------------------


def _seed() -> dict[str, Any]:
    import django

    django.setup()
    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.conversations.actions import reply, start_thread
    from halqa.groups.actions import add_member, create_group
    from halqa.groups.enums import GroupRole
    from halqa.journal.actions import create_entry
    from halqa.live.actions import open_room, post_live_message, schedule_session

    host = User.objects.create_user("backup_host")
    group = create_group(
        slug="backup-circle", name="Backup circle", description="Kept.", created_by=host
    )
    add_member(user=host, group=group, role=GroupRole.FACILITATOR)
    members = [User.objects.create_user(name) for name in ("نجمة_الصبح", "Willow", "Cedar")]
    for user in members:
        add_member(user=user, group=group)
    thread = start_thread(
        author=members[0], group=group, title="Nights", body="The nights are long this week."
    )
    reply(author=members[1], thread=thread, body="You are not alone in this.")
    reply(author=members[2], thread=thread, body="الليل يطول، لكننا هنا معك.")
    now = timezone.now()
    session = schedule_session(
        group=group,
        title="Evening circle",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
        by=host,
    )
    open_room(by=host, session=session)
    post_live_message(author=host, session=session, body="Welcome, everyone.")
    for index, user in enumerate(members):
        post_live_message(author=user, session=session, body=f"Hello from member {index}")
    for index, user in enumerate(members):
        create_entry(author=user, title=f"Day {index}", body=f"Private thought number {index}")
    from django.core.files.base import ContentFile

    from halqa.resources.actions import create_resource

    create_resource(
        author=None,
        state="published",
        kind="video",
        language="en",
        title="Grounding, shown",
        summary="Five things you can see.",
        video=ContentFile(VIDEO, name="v.mp4"),
    )
    return {}


def _inventory() -> dict[str, Any]:
    """Rows per table, and every member, post, live message and journal entry."""
    import django

    django.setup()
    from django.db import connection

    from halqa.accounts.models import User
    from halqa.conversations.models import Post
    from halqa.core import crypto
    from halqa.journal.models import Entry
    from halqa.live.models import LiveMessage

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = cursor.fetchone()[0]
    journal: list[str | None] = []
    for entry in Entry.objects.order_by("pk"):
        try:
            journal.append(entry.opened()["body"])
        except crypto.DecryptionError:
            journal.append(None)
    from django.conf import settings

    from halqa.resources.models import Resource

    root = Path(settings.MEDIA_ROOT)
    media = {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
    return {
        "tables": tables,
        "media": media,
        "videos": sorted(Resource.objects.exclude(video="").values_list("video", flat=True)),
        "members": sorted(User.objects.values_list("pseudonym", flat=True)),
        "posts": list(Post.objects.order_by("pk").values_list("body", flat=True)),
        "live": list(LiveMessage.objects.order_by("pk").values_list("body", flat=True)),
        "journal": journal,
    }


# --- helpers -----------------------------------------------------------------------------------


def _halqa(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "halqa.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _ok(env: dict[str, str], *args: str) -> str:
    result = _halqa(env, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _error(env: dict[str, str], *args: str) -> str:
    """The command fails with exactly one line on stderr, no traceback."""
    result = _halqa(env, *args)
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("halqa: error: "), result.stderr
    return lines[0]


def _script(env: dict[str, str], what: str) -> dict[str, Any]:
    out = harness.run(env, sys.executable, "-m", "tests.core.test_backup", what, timeout=300)
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


def _site(tmp_path: Path, name: str, key: str, database_url: str = "") -> dict[str, str]:
    var = tmp_path / name
    var.mkdir()
    env = harness.base_env(var, database_url=database_url)
    env["HALQA_ENCRYPTION_KEYS"] = key
    return env


def _new_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _assert_everything_back(before: dict[str, Any], after: dict[str, Any]) -> None:
    # Every table, every row: a table left out of the backup fails here.
    assert after["tables"] == before["tables"]
    assert len(before["members"]) == 4
    assert after["members"] == before["members"]
    assert "The nights are long this week." in after["posts"]
    assert "الليل يطول، لكننا هنا معك." in after["posts"]
    assert after["posts"] == before["posts"]
    assert len(after["posts"]) == 3
    assert after["live"] == before["live"]
    assert len(after["live"]) == 4
    assert after["journal"] == [f"Private thought number {index}" for index in range(3)]
    # The uploaded video: its row and its file, byte for byte.
    assert len(before["videos"]) == 1
    assert after["videos"] == before["videos"]
    assert list(after["media"]) == before["videos"]
    assert after["media"] == before["media"]
    assert after["media"][before["videos"][0]] == hashlib.sha256(VIDEO).hexdigest()


def _members(backup: Path) -> list[str]:
    with tarfile.open(backup) as archive:
        return archive.getnames()


@dataclass
class Populated:
    """One migrated, filled SQLite site, and a backup of it taken while a server ran."""

    env: dict[str, str]
    key: str
    before: dict[str, Any]
    backup: Path
    backup_output: str


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Populated:
    tmp_path = tmp_path_factory.mktemp("backup")
    key = _new_key()
    env = _site(tmp_path, "source", key)
    _ok(env, "migrate")
    _script(env, "seed")
    before = _script(env, "inventory")
    backup = tmp_path / "halqa-backup.sqlite3"
    # Online: a server has the database open (WAL mode) while the backup is taken.
    with harness.servers(env, 1, tmp_path):
        out = _ok(env, "backup", str(backup))
    return Populated(env=env, key=key, before=before, backup=backup, backup_output=out)


# --- SQLite ------------------------------------------------------------------------------------


def test_sqlite_backup_while_serving_restores_everything(tmp_path, populated):
    out = populated.backup_output
    assert "NOT in this backup" in out
    assert "HALQA_ENCRYPTION_KEYS" in out
    assert populated.key not in populated.backup.read_bytes().decode("latin-1")
    assert not Path(f"{populated.backup}-wal").exists()  # one self-contained file
    names = _members(populated.backup)
    assert names[:2] == ["halqa-backup.json", "database.sqlite3"]
    assert names[2:] == [f"media/{video}" for video in populated.before["videos"]]
    assert "1 media files" in out

    target = _site(tmp_path, "target", populated.key)
    out = _ok(target, "restore", str(populated.backup))
    assert "NOT in this backup" in out
    _assert_everything_back(populated.before, _script(target, "inventory"))
    left = os.listdir(tmp_path / "target")
    assert "halqa.sqlite3" in left
    assert not [name for name in left if "restore" in name]

    # Another key opens nothing: journal entries stay sealed.
    stranger = {**target, "HALQA_ENCRYPTION_KEYS": _new_key()}
    assert _script(stranger, "inventory")["journal"] == [None, None, None]

    # Now the site has members: refused without --force and untouched; replaced with it.
    target["KEEPER_PW"] = "a long passphrase for the keeper"
    _ok(target, "createoperator", "--pseudonym", "Keeper", "--password-from-env", "KEEPER_PW")
    with_keeper = _script(target, "inventory")
    assert "Keeper" in with_keeper["members"]
    assert "already has members" in _error(target, "restore", str(populated.backup))
    assert _script(target, "inventory") == with_keeper
    _ok(target, "restore", "--force", str(populated.backup))
    _assert_everything_back(populated.before, _script(target, "inventory"))


def test_sqlite_restore_into_a_migrated_database_without_members(tmp_path, populated):
    empty = _site(tmp_path, "empty", populated.key)
    _ok(empty, "migrate")  # tables but no member: no --force needed
    _ok(empty, "restore", str(populated.backup))
    _assert_everything_back(populated.before, _script(empty, "inventory"))


def test_bad_paths_and_damaged_backups_are_one_clear_line_and_change_nothing(tmp_path, populated):
    source = populated.env
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert "does not exist" in _error(source, "backup", str(tmp_path / "no" / "such" / "b.db"))
    assert "does not exist" in _error(source, "backup", str(a_file / "b.db"))
    assert "is a folder" in _error(source, "backup", str(tmp_path))
    assert "does not exist" in _error(source, "restore", str(tmp_path / "missing.sqlite3"))
    assert "not a Halqa backup" in _error(source, "restore", str(a_file))

    data = populated.backup.read_bytes()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(data[: len(data) // 3])
    scrambled = tmp_path / "scrambled.sqlite3"
    middle = len(data) // 2
    scrambled.write_bytes(data[:middle] + bytes(4096 * 4) + data[middle + 4096 * 4 :])
    foreign = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    pg_dump_like = tmp_path / "pg.dump"
    pg_dump_like.write_bytes(b"PGDMP" + bytes(100))

    target = _site(tmp_path, "target", populated.key)
    database = tmp_path / "target" / "halqa.sqlite3"
    for bad, says in (
        (truncated, "damaged"),
        (scrambled, "damaged"),
        (foreign, "not a Halqa database"),
        (pg_dump_like, "PostgreSQL backup but this site uses SQLite"),
    ):
        assert says in _error(target, "restore", str(bad)), bad
        assert not database.exists()  # nothing half-restored
        assert [name for name in os.listdir(tmp_path / "target") if "restore" in name] == []

    # Same into a live site: it keeps its own data, every row of every table.
    for bad in (truncated, scrambled, foreign):
        _error(source, "restore", "--force", str(bad))
    assert _script(source, "inventory") == populated.before


def _media_of(env: dict[str, str]) -> Path:
    return Path(env["HALQA_VAR_DIR"]) / "media"


def test_restore_replaces_the_media_and_older_database_only_backups_still_restore(
    tmp_path, populated
):
    target = _site(tmp_path, "target", populated.key)
    (_media_of(target) / "videos").mkdir(parents=True)
    (_media_of(target) / "videos" / "stale.mp4").write_bytes(b"not from the backup")
    _ok(target, "restore", str(populated.backup))
    _assert_everything_back(populated.before, _script(target, "inventory"))  # stale one gone
    assert not [name for name in os.listdir(tmp_path) if "media-restore" in name]

    # A backup from before archives: the SQLite file alone. The database comes back; the
    # site's media files are left as they are.
    old = tmp_path / "old.sqlite3"
    with tarfile.open(populated.backup) as archive:
        member = archive.extractfile("database.sqlite3")
        assert member is not None
        old.write_bytes(member.read())
    legacy = _site(tmp_path, "legacy", populated.key)
    _media_of(legacy).mkdir()
    (_media_of(legacy) / "kept.txt").write_bytes(b"kept")
    _ok(legacy, "restore", str(old))
    after = _script(legacy, "inventory")
    assert after["tables"] == populated.before["tables"]
    assert list(after["media"]) == ["kept.txt"]


def _archive(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with tarfile.open(path, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name in links:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return path


def test_archives_with_unsafe_or_missing_members_are_refused_and_change_nothing(
    tmp_path, populated
):
    with tarfile.open(populated.backup) as archive:
        member = archive.extractfile("database.sqlite3")
        assert member is not None
        database = member.read()
    manifest = b'{"format": 1}'
    good = {"halqa-backup.json": manifest, "database.sqlite3": database}
    cases = {
        "escape": _archive(tmp_path / "escape.tar", good | {"media/../../evil.txt": b"x"}),
        "absolute": _archive(tmp_path / "absolute.tar", good | {"/srv/evil.txt": b"x"}),
        "stranger": _archive(tmp_path / "stranger.tar", good | {"notes.txt": b"x"}),
        "link": _archive(tmp_path / "link.tar", good, links=("media/passwd",)),
        "no database": _archive(tmp_path / "nodb.tar", {"halqa-backup.json": manifest}),
    }
    target = _site(tmp_path, "target", populated.key)
    _media_of(target).mkdir()
    (_media_of(target) / "kept.txt").write_bytes(b"kept")
    for what, bad in cases.items():
        line = _error(target, "restore", str(bad))
        assert "not a Halqa backup" in line, what
        assert not (tmp_path / "target" / "halqa.sqlite3").exists()
        assert [p.name for p in _media_of(target).iterdir()] == ["kept.txt"]
    assert not list(tmp_path.rglob("evil.txt"))
    assert not [name for name in os.listdir(tmp_path / "target") if "restore" in name]


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture
def postgres_admin_url() -> str:
    import psycopg

    url = os.environ.get("HALQA_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        message = f"PostgreSQL is not reachable at {url}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.mark.services
def test_postgresql_backup_restores_everything_into_an_empty_database(tmp_path, postgres_admin_url):
    key = _new_key()
    with (
        harness.postgres_database(postgres_admin_url) as source_url,
        harness.postgres_database(postgres_admin_url) as target_url,
    ):
        source = _site(tmp_path, "source", key, source_url)
        _ok(source, "migrate")
        _script(source, "seed")
        before = _script(source, "inventory")
        backup = tmp_path / "halqa.dump"
        out = _ok(source, "backup", str(backup))
        assert "NOT in this backup" in out
        assert _members(backup)[:2] == ["halqa-backup.json", "database.dump"]
        with tarfile.open(backup) as archive:
            dump = archive.extractfile("database.dump")
            assert dump is not None
            assert dump.read(5) == b"PGDMP"

        target = _site(tmp_path, "target", key, target_url)
        _ok(target, "restore", str(backup))
        _assert_everything_back(before, _script(target, "inventory"))
        stranger = {**target, "HALQA_ENCRYPTION_KEYS": _new_key()}
        assert _script(stranger, "inventory")["journal"] == [None, None, None]

        # Now it has members: refused without --force, and a damaged dump changes nothing.
        assert "already has members" in _error(target, "restore", str(backup))
        damaged = tmp_path / "damaged.dump"
        damaged.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
        _error(target, "restore", "--force", str(damaged))
        assert _script(target, "inventory") == before
        _ok(target, "restore", "--force", str(backup))
        _assert_everything_back(before, _script(target, "inventory"))


def test_postgresql_without_pg_dump_on_path_says_so(tmp_path):
    env = _site(tmp_path, "site", _new_key(), "postgresql://nobody:s3cret@127.0.0.1:1/none")
    env["PATH"] = str(tmp_path / "empty-bin")
    line = _error(env, "backup", str(tmp_path / "x.dump"))
    assert "pg_dump was not found on PATH" in line
    assert "s3cret" not in line


if __name__ == "__main__":
    action = {"seed": _seed, "inventory": _inventory}[sys.argv[1]]
    print(json.dumps(action(), ensure_ascii=False), flush=True)
