"""Queue again every goal reminder and partner-nudge chain, e.g. after restoring a backup
without its task queue. Older queued reminders stop by themselves (their version is stale)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from halqa.growth.enums import GoalState, PartnershipState
from halqa.growth.models import Goal, Partnership
from halqa.growth.nudges import schedule_nudge_check
from halqa.growth.tasks import schedule_goal_reminder


class Command(BaseCommand):
    help = "Queue every active goal's next reminder and every partnership's nudge check again."

    def handle(self, *args: Any, **options: Any) -> None:
        goals = Goal.objects.filter(state=GoalState.ACTIVE, reminder_time__isnull=False)
        count = 0
        for goal in goals.iterator():
            with transaction.atomic():
                goal.reminder_version += 1
                goal.save(update_fields=["reminder_version"])
            schedule_goal_reminder(goal.pk)
            count += 1
        partnerships = Partnership.objects.filter(state=PartnershipState.ACTIVE)
        for pk in partnerships.values_list("pk", flat=True):
            schedule_nudge_check(pk)
        self.stdout.write(f"{count} reminders and {partnerships.count()} nudge checks queued")
