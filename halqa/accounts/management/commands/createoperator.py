"""`halqa createoperator`: the first operator account, checked like any sign-up."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import override

from halqa.accounts.actions import sign_up
from halqa.accounts.enums import Role


class Command(BaseCommand):
    help = "Create an operator account and print its recovery codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pseudonym", default="", help="the operator's pseudonym")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            default="",
            help="read the password from this environment variable instead of asking",
        )
        parser.add_argument("--language", default="ar", choices=["ar", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        pseudonym = options["pseudonym"] or input("Pseudonym: ")
        password = self._password(options["password_from_env"])
        with override("en"):
            try:
                user, codes = sign_up(
                    pseudonym=pseudonym,
                    password=password,
                    confirm_min_age=True,
                    language=options["language"],
                    role=Role.OPERATOR,
                )
            except ValidationError as error:
                lines = [f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms]
                raise CommandError("\n".join(lines)) from None
        self.stdout.write(f"Operator {user.pseudonym} created.")
        self.stdout.write("Recovery codes (shown once; each works once):")
        for code in codes:
            self.stdout.write(f"  {code}")
        self.stdout.write("Log in and set up two-factor authentication before using staff pages.")

    def _password(self, variable: str) -> str:
        if variable:
            value = os.environ.get(variable)
            if value is None:
                raise CommandError(f"The environment variable {variable} is not set.")
            return value
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords are not the same.")
        return first
