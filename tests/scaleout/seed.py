"""Seed a scale-out site: a group, its members, an open live session, a session cookie each.

    DJANGO_SETTINGS_MODULE=halqa.settings python -m tests.scaleout.seed MEMBERS

Runs against whatever database the environment names (the one the servers use), through the
same actions the product uses, and prints one JSON line: the live session's id and one signed-in
session key per member (minted the way Django's test client's `force_login` does). Members get
no usable password: nobody can sign in as them, and hashing 500 passwords would take a minute.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta


def main(members: int) -> dict[str, object]:
    import django

    django.setup()

    from django.utils import timezone

    from halqa.accounts.models import User
    from halqa.groups.actions import add_member, create_group
    from halqa.live.actions import open_room, schedule_session
    from halqa.trust.models import MemberTrust
    from tests.sessions import signed_in_session

    facilitator = User.objects.create_user("scaleout_host")
    group = create_group(
        slug="scaleout",
        name="Scale-out",
        description="Two servers, one room.",
        created_by=facilitator,
    )
    users = [User.objects.create_user(f"scaleout_{number}") for number in range(members)]
    for user in users:
        add_member(user=user, group=group)
    # Established members: the run measures delivery, not the slower pace of new accounts.
    MemberTrust.objects.bulk_create(
        MemberTrust(user=user, level=2, set_by=facilitator) for user in users
    )
    now = timezone.now()
    session = schedule_session(
        group=group,
        title="Scale-out",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=3),
        by=facilitator,
    )
    open_room(by=facilitator, session=session)

    cookies = [signed_in_session(user) for user in users]
    return {"session_id": session.pk, "cookies": cookies}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))), flush=True)
