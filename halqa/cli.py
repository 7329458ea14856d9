"""The `halqa` command: serve, migrate, demo, createoperator, worker, check, rotate-keys, backup,
restore, screening."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

SETTINGS = "halqa.settings"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["screening"]:
        from halqa.screening.cli import main as screening_main

        return screening_main(args[1:])
    parser = _parser()
    options = parser.parse_args(args)
    handler: Callable[[argparse.Namespace], int] = options.handler
    try:
        return handler(options)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # one clear line for the operator, never a traceback
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"halqa: error: {message}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="halqa", description="Run and manage a Halqa site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve HTTP and WebSockets (uvicorn, ASGI)")
    _add_server_options(serve)
    serve.set_defaults(handler=_serve)
    commands.add_parser("migrate", help="create or update the database").set_defaults(
        handler=_migrate
    )
    demo = commands.add_parser("demo", help="seed demo groups, members and threads, then serve")
    demo.add_argument("--no-serve", action="store_true", help="only seed, do not serve")
    _add_server_options(demo)
    demo.set_defaults(handler=_demo)
    operator = commands.add_parser("createoperator", help="create an operator account")
    operator.add_argument("--pseudonym")
    operator.add_argument("--password-from-env", metavar="VAR")
    operator.set_defaults(handler=_createoperator)
    commands.add_parser("worker", help="run background tasks").set_defaults(handler=_worker)
    check = commands.add_parser("check", help="check the configuration")
    check.add_argument("--deploy", action="store_true", help="also check production security")
    check.set_defaults(handler=_check)
    commands.add_parser(
        "rotate-keys", help="re-encrypt everything encrypted with the newest key"
    ).set_defaults(handler=_rotate_keys)
    backup = commands.add_parser("backup", help="write a consistent backup of the database")
    backup.add_argument("path", type=Path, metavar="PATH", help="the backup file to write")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="restore the database from a backup")
    restore.add_argument("path", type=Path, metavar="PATH", help="the backup file to read")
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already has members"
    )
    restore.set_defaults(handler=_restore)
    commands.add_parser("screening", help="train, evaluate and explain the screening models")
    return parser


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--limit-concurrency",
        type=int,
        default=None,
        metavar="N",
        help="per worker process, answer 503 to a new HTTP request once N connections are open "
        "(WebSockets count) or N tasks run; default HALQA_MAX_CONCURRENCY, else no limit",
    )


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _manage(*arguments: str) -> None:
    from django.core.management import call_command

    call_command(*arguments)


def _migrate(options: argparse.Namespace) -> int:
    _setup()
    _manage("migrate", "--noinput", "--verbosity", "1")
    return 0


def _serve(options: argparse.Namespace) -> int:
    _setup()
    import uvicorn
    from django.conf import settings

    _manage("collectstatic", "--noinput", "--verbosity", "0")
    print(f"Halqa is serving on http://{options.host}:{options.port}/", flush=True)
    uvicorn.run(
        "halqa.asgi:application",
        host=options.host,
        port=options.port,
        workers=options.workers,
        ws="websockets-sansio",
        lifespan="off",
        access_log=False,  # access lines carry client addresses (DESIGN §5)
        log_level="warning",  # so do its WebSocket lines ('<address> - "WebSocket …" [accepted]')
        proxy_headers=bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)),
        server_header=False,
        limit_concurrency=_limit_concurrency(options),
    )
    return 0


def _limit_concurrency(options: argparse.Namespace) -> int | None:
    """uvicorn's limit_concurrency: beyond it uvicorn itself answers a plain-text 503 (no page of
    ours, no Retry-After). WebSocket handshakes are never refused by it but each open one counts,
    so N must sit well above the live connections a process carries (docs/deploy.md)."""
    from halqa.core.env import env_int

    limit = options.limit_concurrency
    if limit is None:
        limit = env_int("HALQA_MAX_CONCURRENCY", 0)
    if limit < 0:
        raise SystemExit("--limit-concurrency must be 0 (no limit) or more")
    return limit or None


def _demo(options: argparse.Namespace) -> int:
    _setup()
    from halqa.core.demo import seed_demo

    _manage("migrate", "--noinput", "--verbosity", "0")
    summary = seed_demo()
    print(summary.describe(), flush=True)
    return 0 if options.no_serve else _serve(options)


def _createoperator(options: argparse.Namespace) -> int:
    _setup()
    arguments = ["createoperator"]
    if options.pseudonym:
        arguments += ["--pseudonym", options.pseudonym]
    if options.password_from_env:
        arguments += ["--password-from-env", options.password_from_env]
    _manage(*arguments)
    return 0


def _worker(options: argparse.Namespace) -> int:
    _setup()
    from halqa.console.heartbeat import start_heartbeat
    from halqa.core.housekeeping import start_housekeeping

    start_heartbeat()  # the console's health page shows how long ago this worker was alive
    start_housekeeping()  # the escalation sweep each minute, expired sessions hourly: no cron
    _manage("db_worker")
    return 0


def _check(options: argparse.Namespace) -> int:
    _setup()
    arguments = ["check", "--fail-level", "WARNING"]
    if options.deploy:
        arguments.append("--deploy")
    from django.core.management.base import SystemCheckError

    try:
        _manage(*arguments)
    except SystemCheckError as error:
        print(str(error).strip(), file=sys.stderr)
        return 1
    return 0


def _rotate_keys(options: argparse.Namespace) -> int:
    _setup()
    _manage("rotate_keys")
    return 0


def _backup(options: argparse.Namespace) -> int:
    _setup()
    from halqa.core.backup import KEYS_NOTICE, backup

    outcome = backup(options.path)
    print(outcome.describe("Backed up the database to"), flush=True)
    print(KEYS_NOTICE, flush=True)
    return 0


def _restore(options: argparse.Namespace) -> int:
    _setup()
    from halqa.core.backup import KEYS_NOTICE, restore

    outcome = restore(options.path, force=options.force)
    print(outcome.describe("Restored the database from"), flush=True)
    print("Next: `halqa migrate` (a backup from an older version), then restart every")
    print("`halqa serve` and `halqa worker` process.")
    print(KEYS_NOTICE, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
