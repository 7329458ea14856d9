"""Escalate unanswered urgent cases now: a safety net beside the task each case schedules."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from halqa.safety.escalation import sweep


class Command(BaseCommand):
    help = "Notify operators and the on-call list of urgent cases no one answered in time."

    def handle(self, *args: Any, **options: Any) -> None:
        count = sweep()
        self.stdout.write(f"{count} urgent case(s) escalated")
