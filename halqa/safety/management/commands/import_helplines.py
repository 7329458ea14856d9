from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from halqa.safety.actions import (
    EMERGENCY_FILE,
    HELPLINES_FILE,
    import_emergency_numbers,
    import_helplines,
)


class Command(BaseCommand):
    help = "Load (or update) helplines and emergency numbers; keeps operators' check dates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--helplines", type=Path, default=HELPLINES_FILE)
        parser.add_argument("--emergency", type=Path, default=EMERGENCY_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        helplines = import_helplines(options["helplines"])
        emergency = import_emergency_numbers(options["emergency"])
        self.stdout.write(
            f"helplines: {helplines.created} created, {helplines.updated} updated; "
            f"emergency numbers: {emergency.created} created, {emergency.updated} updated"
        )
