"""`halqa rotate-keys` (or `manage.py rotate_keys`): re-encrypt every encrypted column with the
newest key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from halqa.core.encrypted import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt everything Halqa encrypts (journals, safety plans, notes, safety contacts, "
        "licences, reports, appeals, redactions) with the first key of HALQA_ENCRYPTION_KEYS. "
        "Afterwards the older keys can be removed from the list."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rotate_all()
        for column, count in counts.items():
            self.stdout.write(f"{column}: {count}")
        self.stdout.write(f"Re-encrypted {sum(counts.values())} values with the newest key.")
