"""Live pushes to moderators' queue pages: the only module here that touches the channel layer.

Each on-duty moderator's queue page listens on `moderation.user.<id>` and receives
`{"type": "case_opened", "case": id, "kind": ..., "urgency": n, "group": slug-or-null}` —
never anything a member wrote.
"""

from __future__ import annotations

from django.db import transaction

from halqa.core import push
from halqa.core.push import Payload


def group_name(user_id: int) -> str:
    return f"moderation.user.{user_id}"


def case_opened_on_commit(case_id: int) -> None:
    """After commit, tell every on-duty moderator who may work the case that it opened."""
    transaction.on_commit(lambda: _send_case_opened(case_id))


def _send_case_opened(case_id: int) -> None:
    from halqa.moderation import queries
    from halqa.moderation.models import Case

    case = Case.objects.select_related("group").filter(pk=case_id).first()
    if case is None:
        return
    payload: Payload = {
        "type": "case_opened",
        "case": case.pk,
        "kind": case.kind,
        "urgency": case.urgency,
        "group": case.group.slug if case.group else None,
    }
    for user in queries.on_duty_for(case):
        send(user.pk, payload)


def send(user_id: int, payload: Payload) -> None:
    push.send(group_name(user_id), payload)
