"""`manage.py seed_demo`: add the demo groups and members (idempotent) and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from halqa.core.demo import seed_demo


class Command(BaseCommand):
    help = "Create demo members, groups and conversations (safe to run twice) and print logins."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = seed_demo()
        self.stdout.write(summary.describe())
