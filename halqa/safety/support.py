"""The one-to-one support thread between the moderators of a case and the member it concerns.

Only the member and the moderators who may act on the case read it; a moderator's first
message counts as the case's first response; the member is notified without any content.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from django.urls import reverse

from halqa.accounts.models import User
from halqa.conversations.publish import Verdict, prepare_message
from halqa.moderation import events as moderation_events
from halqa.moderation.cases import open_case, record_first_response
from halqa.moderation.models import Case
from halqa.moderation.queries import may_act_on
from halqa.notifications.actions import notify
from halqa.notifications.enums import Kind
from halqa.safety.models import SupportMessage, SupportThread
from halqa.screening import CrisisLevel


def thread_url(thread: SupportThread) -> str:
    return reverse("safety:support_thread", args=[thread.pk])


def is_case_moderator(user: Any, case: Case) -> bool:
    """A moderator who may act on the case (never the member it concerns)."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.pk != case.subject_id
        and (may_act_on(user, case))
    )


def access_support_thread(user: Any, thread_id: int) -> SupportThread:
    """The thread, for its member or a moderator of its case; 404 for everyone else."""
    thread = (
        SupportThread.objects.select_related("case", "case__group", "member")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if user.pk != thread.member_id and not is_case_moderator(user, thread.case):
        raise Http404
    return thread


def threads_of(member: User) -> list[SupportThread]:
    return list(SupportThread.objects.filter(member=member).select_related("case"))


def messages_in(thread: SupportThread) -> list[SupportMessage]:
    return list(thread.messages.select_related("author"))


@transaction.atomic
def support_thread_for(case: Case) -> SupportThread:
    """The case's thread, opened on first use (by a moderator or by the member asking)."""
    thread, _ = SupportThread.objects.get_or_create(case=case, defaults={"member": case.subject})
    return thread


@transaction.atomic
def send_support_message(*, author: User, thread: SupportThread, body: str) -> SupportMessage:
    """`thread` comes from access_support_thread(author, ...); raises ValidationError on bad text.

    Screened like every message: a member's words of plan raise their case to the top.
    """
    verdict = _screened(author, body)
    from_member = author.pk == thread.member_id
    message = SupportMessage.objects.create(
        thread=thread,
        author=author,
        from_member=from_member,
        body=verdict.body,
        screening=verdict.record,
    )
    case = thread.case
    if from_member:
        _member_wrote(case, verdict.crisis)
    else:
        record_first_response(case, author)
        notify(recipient=thread.member, kind=Kind.SUPPORT_MESSAGE, url=thread_url(thread))
    return message


def _screened(author: User, body: str) -> Verdict:
    """Screened like every message, but never refused for personal data (a member may need to
    say where they are), the posting rate or a mute: this conversation may be a lifeline."""
    return prepare_message(
        author=author,
        body=body,
        confirm_personal_data=True,
        rate_limited=False,
        sanctions=False,
    )


def _member_wrote(case: Case, level: CrisisLevel) -> None:
    """Tell the moderators working the case (a push, no content); a plan raises its urgency."""
    if level == CrisisLevel.PLAN and case.is_open:
        from halqa.safety.crisis import URGENCY

        open_case(
            kind=case.kind,
            subject=case.subject,
            reason=case.reason,
            post=case.post,
            live_message=case.live_message,
            urgency=URGENCY[CrisisLevel.PLAN],
        )
    people: set[int | None] = {case.claimed_by_id} if case.claimed_by_id else set()
    people |= set(
        SupportMessage.objects.filter(thread__case=case, from_member=False)
        .exclude(author=None)
        .values_list("author_id", flat=True)
    )
    payload = {"type": "support_message", "case": case.pk}
    transaction.on_commit(lambda: _push(people, payload))


def _push(user_ids: set[int | None], payload: dict[str, Any]) -> None:
    for user_id in user_ids:
        if user_id is not None:
            moderation_events.send(user_id, payload)
