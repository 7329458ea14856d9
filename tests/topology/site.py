"""What the topology test does to the site outside the member journey (run as a subprocess):

python -m tests.topology.site group          # a facilitator and an open group; prints JSON
python -m tests.topology.site session SLUG   # an open live session starting in 10 minutes
python -m tests.topology.site reminders ID   # the reminder's task and notifications
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any


def group() -> dict[str, Any]:
    from halqa.accounts.models import User
    from halqa.groups.actions import add_member, create_group
    from halqa.groups.enums import GroupRole

    host = User.objects.create_user("topology_host")
    made = create_group(
        slug="topology-circle",
        name="Topology circle",
        description="Two servers behind one balancer.",
        created_by=host,
    )
    add_member(user=host, group=made, role=GroupRole.FACILITATOR)
    return {"slug": made.slug}


def session(slug: str) -> dict[str, Any]:
    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.groups.models import Group
    from halqa.live.actions import open_room, schedule_session

    host = User.objects.get(pseudonym="topology_host")
    now = timezone.now()
    made = schedule_session(
        group=Group.objects.get(slug=slug),
        title="Evening circle",
        starts_at=now + timedelta(minutes=10),  # inside the 15-minute reminder window
        ends_at=now + timedelta(minutes=70),
        by=host,
    )
    open_room(by=host, session=made)
    return {"session_id": made.pk}


def reminders(session_id: str) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from halqa.notifications.models import Notification

    tasks = [
        {"status": row.status, "worker_ids": row.worker_ids, "args": row.args_kwargs}
        for row in DBTaskResult.objects.filter(task_path__endswith="remind_session_soon")
        if row.args_kwargs.get("args") == [int(session_id)]
    ]
    notified = sorted(
        Notification.objects.filter(kind="session_soon", url=f"/live/{session_id}/").values_list(
            "recipient__pseudonym", flat=True
        )
    )
    return {"tasks": tasks, "notified": notified}


if __name__ == "__main__":
    import django

    django.setup()
    actions: dict[str, Callable[..., dict[str, Any]]] = {
        "group": group,
        "session": session,
        "reminders": reminders,
    }
    print(json.dumps(actions[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False), flush=True)
