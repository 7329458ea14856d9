"""Opening cases and timing the first response: the entry points other apps call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from halqa.accounts.models import User
from halqa.moderation import events
from halqa.moderation.enums import DEFAULT_URGENCY, CaseKind, CaseState
from halqa.moderation.models import Case

if TYPE_CHECKING:
    from halqa.conversations.models import Post
    from halqa.experts.models import Answer, Question
    from halqa.groups.models import Group
    from halqa.live.models import LiveMessage


def _group_of(post: Post | None, live_message: LiveMessage | None) -> Group | None:
    if post is not None:
        return post.thread.group
    if live_message is not None:
        return live_message.session.group
    return None


CONTENT_FIELDS = ("post", "live_message", "expert_question", "expert_answer")


def _existing(subject: User, content: Mapping[str, object]) -> Case | None:
    """The open case on the same content (`content`: the one Case field naming it, or none)."""
    cases = Case.objects.select_for_update(of=("self",)).exclude(state=CaseState.RESOLVED)
    if content:
        return cases.filter(**content).first()
    # A case about a member (no content): one open case per member.
    return (
        cases.filter(subject=subject, **{f"{name}__isnull": True for name in CONTENT_FIELDS})
        .exclude(kind=CaseKind.APPEAL)
        .first()
    )


@transaction.atomic
def open_case(
    *,
    kind: str,
    subject: User,
    reason: str,
    group: Group | None = None,
    post: Post | None = None,
    live_message: LiveMessage | None = None,
    expert_question: Question | None = None,
    expert_answer: Answer | None = None,
    urgency: int | None = None,
    opened_by: User | None = None,
) -> Case:
    """Open a case, or return the open case on the same item, raised to the more urgent kind.

    One open case per post, live message, expert question or answer (per member for cases
    without content; appeals always open their own). The group is taken from the content when
    not given. On-duty moderators who may work it are told after commit (`ws/moderation/`),
    when it is new or became more urgent.
    """
    kind = CaseKind(kind)
    level = DEFAULT_URGENCY[kind] if urgency is None else int(urgency)
    if group is None:
        group = _group_of(post, live_message)
    given = {
        "post": post,
        "live_message": live_message,
        "expert_question": expert_question,
        "expert_answer": expert_answer,
    }
    content = {name: item for name, item in given.items() if item is not None}
    existing = None if kind == CaseKind.APPEAL else _existing(subject, content)
    if existing is not None:
        if level > existing.urgency:
            existing.urgency = level
            existing.kind = kind
            existing.reason = reason[:200]
            existing.save(update_fields=["urgency", "kind", "reason"])
            events.case_opened_on_commit(existing.pk)
        return existing
    try:
        with transaction.atomic():
            case = Case.objects.create(
                kind=kind,
                urgency=level,
                subject=subject,
                reason=reason[:200],
                group=group,
                opened_by=opened_by,
                **content,
            )
    except IntegrityError:
        # Another request opened it between our look and our insert: use theirs.
        found = _existing(subject, content)
        if found is None:
            raise
        return found
    events.case_opened_on_commit(case.pk)
    return case


def record_first_response(case: Case, by: User) -> None:
    """The first moderator response (claim, action, message) sets `first_response_at` once."""
    if case.first_response_at is not None:
        return
    now = timezone.now()
    updated = Case.objects.filter(pk=case.pk, first_response_at__isnull=True).update(
        first_response_at=now
    )
    if updated:
        case.first_response_at = now
    else:
        case.refresh_from_db(fields=["first_response_at"])
