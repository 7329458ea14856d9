"""The `halqa` command: serve, migrate, demo, createoperator, worker, check, screening."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

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
    commands.add_parser("screening", help="train, evaluate and explain the screening models")
    return parser


def _add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)


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
        proxy_headers=bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)),
        server_header=False,
    )
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
