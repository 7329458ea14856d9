"""`halqa backup PATH` and `halqa restore PATH`: the database and the uploaded media files.

A backup is one uncompressed tar archive (`halqa-backup.json`, then the database, then
`media/...`: every file under MEDIA_ROOT, such as resource videos). Restoring also accepts the
older single-file backups (a SQLite file or a `pg_dump -Fc` archive), which hold the database
only and leave the media files as they are. Members of an archive are checked before anything
is written: plain files with the expected names only (no links, no absolute paths, no "..").
A restore stages the media beside MEDIA_ROOT, restores the database (all or nothing, below), and
only then swaps the media folder into place.

SQLite: the backup is a SQLite file made with SQLite's online backup API while the site runs
(consistent and WAL-safe: readers and the writer go on; the copy is one snapshot). A restore
first copies the backup into a temporary file beside the site's database and checks it, then
copies it into the site's database in one SQLite transaction (or moves it into place when there
is no database yet): a failure at any step leaves the site's database as it was.

PostgreSQL: `pg_dump -Fc` and `pg_restore --single-transaction` from the PostgreSQL client tools,
with the connection taken from DATABASE_URL; the password goes to them in the environment
(PGPASSWORD), never on a command line and never in a message.

The encryption keys (HALQA_ENCRYPTION_KEYS, or var/encryption_key) are never part of a backup:
without them, journal entries, check-in and mood notes and safety plans cannot be read back.
Nothing else from var/ is included either (secret key, static files, models).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
TAR_MAGIC_AT, TAR_MAGIC = 257, b"ustar"
MANIFEST = "halqa-backup.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
KEYS_NOTICE = (
    "The encryption keys are NOT in this backup (HALQA_ENCRYPTION_KEYS, or var/encryption_key "
    "when that is unset): keep them safe, apart from the backup. Without them journal entries, "
    "check-in and mood notes and safety plans cannot be read."
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line for the operator."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    vendor: str
    size: int
    media: int | None = None  # media files written or restored; None: not part of it

    def describe(self, verb: str) -> str:
        media = "" if self.media is None else f", {self.media:,} media files"
        return f"{verb} {self.path} ({self.vendor}{media}, {self.size:,} bytes)"


def _database() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _vendor(database: dict[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"backups support SQLite and PostgreSQL, not {engine}")


# --- paths -------------------------------------------------------------------------------------


def _writable_target(path: Path) -> Path:
    """The absolute target of a backup; its folder must exist and be writable."""
    path = path.expanduser().absolute()
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup file's name")
    folder = path.parent
    if not folder.is_dir():
        raise BackupError(f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(f"folder {folder} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise BackupError(f"{path} exists and is not writable")
    return path


def _readable_backup(path: Path) -> tuple[Path, str]:
    """The absolute path of a backup file and what it is ("archive", or an older database-only
    backup: "sqlite" or "postgresql")."""
    path = path.expanduser().absolute()
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a backup file")
    try:
        with path.open("rb") as file:
            head = file.read(TAR_MAGIC_AT + len(TAR_MAGIC))
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror}") from None
    if head[TAR_MAGIC_AT:].startswith(TAR_MAGIC):
        return path, "archive"
    if head.startswith(SQLITE_MAGIC):
        return path, "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return path, "postgresql"
    raise BackupError(f"{path} is not a Halqa backup (not a Halqa archive, SQLite or pg_dump -Fc)")


def _temporary_beside(path: Path, suffix: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(descriptor)
    return Path(name)


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)


# --- entry points ------------------------------------------------------------------------------


def backup(path: Path) -> Outcome:
    """Write a consistent backup of the site's database and media files to `path` (one tar
    archive, replaced atomically)."""
    database = _database()
    target = _writable_target(path)
    vendor = _vendor(database)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        dump = staging / DATABASE_MEMBERS[vendor]
        if vendor == "sqlite":
            _sqlite_backup(Path(database["NAME"]).absolute(), dump)
        else:
            _pg_dump(database, dump)
        # The database first: a file uploaded while the media are copied is at worst unused.
        count = _write_archive(staging / "archive.tar", vendor, dump)
        os.replace(staging / "archive.tar", target)
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    label = "SQLite" if vendor == "sqlite" else "PostgreSQL custom format"
    return Outcome(path=target, vendor=label, size=target.stat().st_size, media=count)


def restore(path: Path, *, force: bool = False) -> Outcome:
    """Replace the site's database (and, from an archive, its media files) with the backup at
    `path`.

    Refuses a database that already has members unless `force`; checks the whole backup before
    touching the site's database; all or nothing.
    """
    database = _database()
    source, made_by = _readable_backup(path)
    vendor = _vendor(database)
    if made_by != "archive":  # an older backup: the database only
        _check_vendor(source, made_by, vendor)
        _restore_database(database, vendor, source, source, force=force)
        return Outcome(path=source, vendor=_label(vendor), size=source.stat().st_size)
    media_root = _media_root()
    with _staging(media_root) as staging:
        made_by, count = _unpack(source, staging)
        _check_vendor(source, made_by, vendor)
        dump = staging / DATABASE_MEMBERS[made_by]
        _restore_database(database, vendor, dump, source, force=force)
        _swap_media(staging / "media", media_root, staging / "old-media")
    return Outcome(path=source, vendor=_label(vendor), size=source.stat().st_size, media=count)


def _label(vendor: str) -> str:
    return "SQLite" if vendor == "sqlite" else "PostgreSQL custom format"


def _check_vendor(source: Path, made_by: str, vendor: str) -> None:
    if made_by != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"{source} is a {names[made_by]} backup but this site uses {names[vendor]}"
        )


def _restore_database(
    database: dict[str, Any], vendor: str, dump: Path, named: Path, *, force: bool
) -> None:
    if vendor == "sqlite":
        _sqlite_restore(dump, Path(database["NAME"]).absolute(), force=force, named=named)
    else:
        _pg_restore(database, dump, force=force, named=named)


# --- media and the archive ---------------------------------------------------------------------


def _media_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT).absolute()


def _media_files(root: Path) -> Iterator[Path]:
    """Every regular file under the media root (links are not followed), in a stable order."""
    if not root.is_dir():
        return
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _write_archive(target: Path, vendor: str, dump: Path) -> int:
    root = _media_root()
    media = list(_media_files(root))
    manifest = json.dumps({"format": 1, "database": vendor, "media_files": len(media)}).encode()
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as archive:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(manifest)
        info.mtime = int(dump.stat().st_mtime)
        with tempfile.TemporaryFile() as data:
            data.write(manifest)
            data.seek(0)
            archive.addfile(info, data)
        archive.add(dump, arcname=DATABASE_MEMBERS[vendor], recursive=False)
        for path in media:
            name = PurePosixPath("media", *path.relative_to(root).parts)
            archive.add(path, arcname=str(name), recursive=False)
    return len(media)


@contextmanager
def _staging(media_root: Path) -> Iterator[Path]:
    """A folder beside the media root (same file system, so the swap is a rename)."""
    parent = media_root.parent
    if not parent.is_dir():
        raise BackupError(f"folder {parent} of the media files does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=parent))
    except OSError as error:
        raise BackupError(f"folder {parent} is not writable: {error.strerror}") from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _member_name(source: Path, member: tarfile.TarInfo) -> PurePosixPath:
    name = PurePosixPath(member.name)
    known = member.name == MANIFEST or member.name in DATABASE_MEMBERS.values()
    in_media = len(name.parts) > 1 and name.parts[0] == "media"
    unsafe = name.is_absolute() or ".." in name.parts or "\\" in member.name
    if unsafe or not (known or in_media) or not (member.isfile() or (in_media and member.isdir())):
        raise BackupError(f"{source} is not a Halqa backup: it holds {member.name!r}")
    return name


def _unpack(source: Path, staging: Path) -> tuple[str, int]:
    """Check every member, then write the database and media into `staging`; returns what made
    the database ("sqlite"/"postgresql") and how many media files there are."""
    try:
        with tarfile.open(source, "r:") as archive:
            members = [(_member_name(source, m), m) for m in archive.getmembers()]
            names = {str(name) for name, _ in members}
            made_by = next((v for v, n in DATABASE_MEMBERS.items() if n in names), "")
            if MANIFEST not in names or not made_by:
                raise BackupError(f"{source} is not a Halqa backup: the database is missing")
            (staging / "media").mkdir()
            count = 0
            for name, member in members:
                if member.isfile():
                    _extract(archive, member, staging / Path(*name.parts))
                    count += name.parts[0] == "media"
    except (tarfile.TarError, EOFError) as error:
        raise BackupError(f"{source} is damaged: {error}") from None
    except OSError as error:
        raise BackupError(f"cannot unpack {source}: {error.strerror}") from None
    return made_by, count


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    data = archive.extractfile(member)
    if data is None:  # pragma: no cover - plain files always have data
        raise tarfile.TarError(f"{member.name} has no data")
    with data, target.open("xb") as out:
        shutil.copyfileobj(data, out, 1024 * 1024)
        if out.tell() != member.size:
            raise tarfile.TarError(f"{member.name} is truncated")


def _swap_media(new: Path, root: Path, old: Path) -> None:
    """Put the restored media in place of the site's (two renames; the old ones go last)."""
    try:
        if root.exists():
            os.replace(root, old)
        os.replace(new, root)
    except OSError as error:
        if old.exists() and not root.exists():
            os.replace(old, root)
        raise BackupError(
            f"the database is restored but the media files could not be put in place at "
            f"{root}: {error.strerror}"
        ) from None


# --- SQLite ------------------------------------------------------------------------------------


def _sqlite_backup(database: Path, target: Path) -> None:
    if not database.exists():
        raise BackupError(f"there is no database at {database} (run `halqa migrate` first)")
    temporary = _temporary_beside(target, ".sqlite3")
    try:
        source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)  # one snapshot; the site's writers wait at most one step
                # One self-contained file: no WAL beside it.
                copy.execute("PRAGMA journal_mode=DELETE")
                _check_sqlite(copy, temporary)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup failed: {error}") from None
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror}") from None
    finally:
        _remove(temporary)


def _check_sqlite(connection: sqlite3.Connection, path: Path) -> None:
    try:
        (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged: {error}") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")
    if "django_migrations" not in tables:
        raise BackupError(f"{path} is a SQLite file but not a Halqa database")


def _sqlite_has_members(connection: sqlite3.Connection) -> bool:
    from halqa.accounts.models import User

    table = User._meta.db_table
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if not exists:
        return False
    query = f'SELECT 1 FROM "{table}" LIMIT 1'  # noqa: S608 (our own table's name)
    return connection.execute(query).fetchone() is not None


def _sqlite_restore(source: Path, database: Path, *, force: bool, named: Path) -> None:
    """`named`: the backup as the operator knows it (`source` may be unpacked from it)."""
    folder = database.parent
    if not folder.is_dir():
        raise BackupError(f"folder {folder} of the site's database does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(f"folder {folder} of the site's database is not writable")
    temporary = _temporary_beside(database, ".restore")
    try:
        # 1. The backup, copied and checked in full before the site's database is touched.
        backup_file = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            staged = sqlite3.connect(temporary)
            try:
                backup_file.backup(staged)
                _check_sqlite(staged, named)
                staged.execute("PRAGMA journal_mode=DELETE")
            finally:
                staged.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{named} is damaged: {error}") from None
        finally:
            backup_file.close()
        # 2. The swap.
        if not database.exists():
            _remove(Path(f"{database}-wal"))  # a stray WAL must never meet the new file
            os.replace(temporary, database)
            return
        site = sqlite3.connect(database, timeout=30)
        try:
            if _sqlite_has_members(site) and not force:
                raise BackupError(
                    f"the database at {database} already has members: "
                    "restore into an empty database, or add --force to replace it"
                )
            staged = sqlite3.connect(f"{temporary.as_uri()}?mode=ro", uri=True)
            try:
                staged.backup(site)  # in one step: one transaction on the site's database
            finally:
                staged.close()
        finally:
            site.close()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite restore failed, the database is unchanged: {error}") from None
    except OSError as error:
        raise BackupError(f"restore failed, the database is unchanged: {error}") from None
    finally:
        _remove(temporary)


# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools "
            "(e.g. apt install postgresql-client) of the server's major version or newer"
        )
    return found


def _pg_connection(database: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, and an environment carrying the password."""
    arguments = []
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    arguments += ["--dbname", str(database["NAME"]), "--no-password"]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return arguments, env


def _run(arguments: list[str], env: dict[str, str], secret: str, what: str) -> None:
    try:
        result = subprocess.run(  # noqa: S603 (pg_dump/pg_restore, arguments as a list)
            arguments, env=env, capture_output=True, text=True, check=False, timeout=24 * 3600
        )
    except OSError as error:
        raise BackupError(f"{what} could not start: {error.strerror}") from None
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        detail = next(
            (line for line in lines if "error" in line.lower()), lines[0] if lines else ""
        )
        if secret:
            detail = detail.replace(secret, "***")
        raise BackupError(f"{what} failed: {detail or f'exit status {result.returncode}'}")


def _pg_dump(database: dict[str, Any], target: Path) -> None:
    tool = _pg_tool("pg_dump")
    connection, env = _pg_connection(database)
    temporary = _temporary_beside(target, ".dump")
    try:
        _run(
            [
                tool,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(temporary),
                *connection,
            ],
            env,
            str(database.get("PASSWORD") or ""),
            "pg_dump",
        )
        os.replace(temporary, target)
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)


def _pg_has_members() -> bool:
    from django.db import connection

    from halqa.accounts.models import User

    if User._meta.db_table not in connection.introspection.table_names():
        return False
    return User.objects.exists()


def _pg_restore(database: dict[str, Any], source: Path, *, force: bool, named: Path) -> None:
    tool = _pg_tool("pg_restore")
    secret = str(database.get("PASSWORD") or "")
    connection, env = _pg_connection(database)
    # The whole archive is read (its table of contents) before anything is changed.
    _run([tool, "--list", str(source)], env, secret, f"reading {named}")
    if _pg_has_members() and not force:
        raise BackupError(
            f"the database {database['NAME']} already has members: "
            "restore into an empty database, or add --force to replace it"
        )
    from django.db import connections

    connections.close_all()  # our own session must not hold locks on what is dropped
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",  # all or nothing
            "--exit-on-error",
            *connection,
            str(source),
        ],
        env,
        secret,
        "pg_restore (nothing was changed)",
    )
