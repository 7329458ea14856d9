"""What the soak run does to the site outside the members' traffic (run as a subprocess,
against whatever database the environment names, through the product's own actions):

python -m bench.soak.site seed MEMBERS ROOM_SIZE   # groups, members, rooms, threads; JSON
python -m bench.soak.site reminders GROUP_SLUG SECONDS COUNT  # sessions whose reminder is due soon
python -m bench.soak.site delivered SESSION_ID...  # the reminders' tasks and notifications
python -m bench.soak.site stored < acknowledged.json  # which acknowledged writes are stored

Members get no usable password (hashing hundreds would take minutes): each gets a session
cookie minted the way Django's test client's `force_login` does, and an API token.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

THREADS_PER_GROUP = 3


def seed(members: str, room_size: str) -> dict[str, Any]:
    from halqa.accounts.models import User
    from halqa.trust.models import MemberTrust

    host = User.objects.create_user("soak_host")
    users = [User.objects.create_user(f"soak_{number}") for number in range(int(members))]
    # Established members: the run measures the site, not the slower pace of new accounts.
    MemberTrust.objects.bulk_create(MemberTrust(user=u, level=2, set_by=host) for u in users)
    size = int(room_size)
    rooms = [
        _room(host, number, users[start : start + size])
        for number, start in enumerate(range(0, len(users), size))
    ]
    people = [
        {"pseudonym": user.pseudonym, "room": index // size, **_credentials(user)}
        for index, user in enumerate(users)
    ]
    return {"rooms": rooms, "members": people}


def _room(host: Any, number: int, users: list[Any]) -> dict[str, Any]:
    from django.utils import timezone

    from halqa.conversations.actions import start_thread
    from halqa.groups.actions import add_member, create_group
    from halqa.groups.enums import GroupRole
    from halqa.live.actions import open_room, schedule_session

    group = create_group(
        slug=f"soak-{number}",
        name=f"Soak circle {number}",
        description="Under load.",
        created_by=host,
    )
    add_member(user=host, group=group, role=GroupRole.FACILITATOR)
    for user in users:
        add_member(user=user, group=group)
    threads = [  # by members, in turn: posting limits are per member and minute
        start_thread(
            author=users[n % len(users)],
            group=group,
            title=f"Evening check-in {n}",
            body="How is everyone doing this evening?",
        ).pk
        for n in range(THREADS_PER_GROUP)
    ]
    now = timezone.now()
    session = schedule_session(
        group=group,
        title="Soak",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=3),
        by=host,
    )
    open_room(by=host, session=session)
    return {"slug": group.slug, "session_id": session.pk, "threads": threads}


def _credentials(user: Any) -> dict[str, str]:
    from halqa.accounts.tokens import issue_token
    from tests.sessions import signed_in_session

    return {"cookie": signed_in_session(user), "token": issue_token(user=user, name="soak")}


def reminders(slug: str, seconds: str, count: str) -> dict[str, Any]:
    """`count` sessions whose "starting soon" reminder falls due in `seconds` to 2×`seconds`."""
    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.groups.models import Group
    from halqa.live.actions import schedule_session
    from halqa.live.tasks import REMIND_BEFORE

    host = User.objects.get(pseudonym="soak_host")
    now, due = timezone.now(), []
    for n in range(int(count)):
        lead = float(seconds) * (1 + n / max(1, int(count) - 1))
        starts = now + REMIND_BEFORE + timedelta(seconds=lead)
        session = schedule_session(
            group=Group.objects.get(slug=slug),
            title=f"Reminder {n}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            by=host,
        )
        due.append({"session_id": session.pk, "due": (starts - REMIND_BEFORE).timestamp()})
    return {"sessions": due}


def delivered(*session_ids: str) -> dict[str, Any]:
    """Per session: task states, notifications per recipient, first and last creation time."""
    from django.db.models import Count, Max, Min
    from django_tasks_db.models import DBTaskResult

    from halqa.notifications.models import Notification

    out = {}
    for session_id in session_ids:
        tasks = [
            row.status
            for row in DBTaskResult.objects.filter(task_path__endswith="remind_session_soon")
            if row.args_kwargs.get("args") == [int(session_id)]
        ]
        rows = Notification.objects.filter(kind="session_soon", url=f"/live/{session_id}/")
        per = rows.values("recipient").annotate(n=Count("id"))
        times = rows.aggregate(first=Min("created_at"), last=Max("created_at"))
        out[session_id] = {
            "tasks": tasks,
            "recipients": len(per),
            "max_per_recipient": max((row["n"] for row in per), default=0),
            "first": times["first"].timestamp() if times["first"] else None,
            "last": times["last"].timestamp() if times["last"] else None,
        }
    return out


def stored() -> dict[str, Any]:
    """Of the acknowledged writes read from stdin ({"live": {session: [seq]}, "threads": [id],
    "posts": [id]}), how many the database does not hold, and SQLite's integrity check."""
    from django.db import connection

    from halqa.conversations.models import Post, Thread
    from halqa.live.models import LiveMessage

    wanted = json.load(sys.stdin)
    missing_live = 0
    for session_id, seqs in wanted["live"].items():
        have = set(
            LiveMessage.objects.filter(session_id=int(session_id), seq__in=seqs).values_list(
                "seq", flat=True
            )
        )
        missing_live += len(set(seqs) - have)
    threads = set(wanted["threads"]) - set(
        Thread.objects.filter(pk__in=wanted["threads"]).values_list("pk", flat=True)
    )
    posts = set(wanted["posts"]) - set(
        Post.objects.filter(pk__in=wanted["posts"]).values_list("pk", flat=True)
    )
    integrity = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            integrity = [row[0] for row in cursor.execute("PRAGMA integrity_check").fetchall()]
    return {
        "missing_live": missing_live,
        "missing_threads": len(threads),
        "missing_posts": len(posts),
        "integrity": integrity,
    }


if __name__ == "__main__":
    import django

    django.setup()
    actions: dict[str, Callable[..., dict[str, Any]]] = {
        "seed": seed,
        "reminders": reminders,
        "delivered": delivered,
        "stored": stored,
    }
    print(json.dumps(actions[sys.argv[1]](*sys.argv[2:])), flush=True)
