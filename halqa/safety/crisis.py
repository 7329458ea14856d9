"""Opening the urgent case behind a crisis message; never removes or sanctions anything.

Urgency, higher first: plan/method/imminent (100) > the member asked to talk (95) > ideation
(90); all are at or above moderation's URGENT, so they carry a response timer and escalate.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from halqa.accounts.models import User
from halqa.moderation.cases import open_case
from halqa.moderation.enums import CaseKind, CaseState
from halqa.moderation.models import Case
from halqa.safety import escalation
from halqa.safety.enums import CardChoice
from halqa.screening import CrisisLevel

if TYPE_CHECKING:
    from halqa.conversations.models import Post
    from halqa.experts.models import Answer, Question
    from halqa.live.models import LiveMessage

URGENCY = {CrisisLevel.IDEATION: 90, CrisisLevel.PLAN: 100}
ASKED_TO_TALK = 95
# The same answer again within this window is a double click, not news for the moderators.
REPEAT_WINDOW = datetime.timedelta(minutes=1)


@transaction.atomic
def open_crisis_case(
    *,
    author: User,
    level: str,
    post: Post | None = None,
    live_message: LiveMessage | None = None,
    expert_question: Question | None = None,
    expert_answer: Answer | None = None,
) -> Case | None:
    """The urgent case for a stored crisis message (ideation or plan); None for lower levels.

    A second call for the same message returns the same case (raised if the level rose).
    """
    urgency = URGENCY.get(CrisisLevel(level))
    if urgency is None:
        return None
    case = open_case(
        kind=CaseKind.CRISIS,
        subject=author,
        reason=f"crisis:{level}",
        post=post,
        live_message=live_message,
        expert_question=expert_question,
        expert_answer=expert_answer,
        urgency=urgency,
    )
    escalation.watch_on_commit(case.pk)
    return case


def open_crisis_case_of(member: User) -> Case | None:
    """The member's most recent unresolved crisis or danger case, if any."""
    return (
        Case.objects.filter(subject=member, kind__in=(CaseKind.CRISIS, CaseKind.DANGER))
        .exclude(state=CaseState.RESOLVED)
        .order_by("-opened_at", "-id")
        .first()
    )


@transaction.atomic
def raise_for_talk(member: User) -> Case:
    """ "Talk to a moderator": raise the member's open crisis case, or open one without content."""
    current = open_crisis_case_of(member)
    post = current.post if current else None
    live_message = current.live_message if current else None
    case = open_case(
        kind=current.kind if current else CaseKind.CRISIS,
        subject=member,
        reason=current.reason if current else "crisis:asked",
        post=post,
        live_message=live_message,
        urgency=ASKED_TO_TALK,
    )
    escalation.watch_on_commit(case.pk)
    return case


@transaction.atomic
def answer_card(*, member: User, choice: str) -> Case | None:
    """Record the member's answer on their open crisis case, for its moderators.

    "Talk to a moderator" raises the case (opening one if needed) and opens the support
    thread; "I'm safe for now" only notes it (None when the member has no open case).
    """
    from halqa.safety.models import CardAnswer
    from halqa.safety.support import support_thread_for

    choice = CardChoice(choice)
    current = open_crisis_case_of(member)
    if current is not None and _just_answered(current, choice):
        return current  # a double click or a resent form: nothing new to tell anyone
    case = current
    if choice == CardChoice.TALK:
        case = raise_for_talk(member)
        support_thread_for(case)
    if case is not None:
        CardAnswer.objects.create(case=case, member=member, choice=choice)
    return case


def _just_answered(case: Case, choice: str) -> bool:
    from halqa.safety.models import CardAnswer

    since = timezone.now() - REPEAT_WINDOW
    return CardAnswer.objects.filter(case=case, choice=choice, created_at__gte=since).exists()


def last_answer(case: Case) -> str | None:
    from halqa.safety.models import CardAnswer

    answer = CardAnswer.objects.filter(case=case).first()
    return answer.choice if answer else None
