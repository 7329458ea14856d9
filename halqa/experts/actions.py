"""Every write of the experts app: applications, decisions, roles, questions, answers, office
hours. Notifications carry who and where, never what anyone wrote or any licence detail."""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.conversations.actions import clean_title
from halqa.conversations.publish import after_store, prepare_message
from halqa.core import crypto
from halqa.experts import queries
from halqa.experts.enums import ApplicationState, Language, Topic
from halqa.experts.models import (
    NAME_LENGTH,
    PROFESSION_LENGTH,
    Answer,
    Application,
    Expert,
    OfficeHours,
    Question,
)
from halqa.groups.models import Group
from halqa.groups.queries import is_member
from halqa.live import actions as live_actions
from halqa.moderation.enums import ContentState
from halqa.notifications.actions import notify, notify_many
from halqa.notifications.enums import Kind

logger = logging.getLogger(__name__)
LICENCE_LENGTH = 120
REASON_LENGTH = 1000
APPLY_URL = "/experts/apply/"


def _error(field: str, message: StrOrPromise, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _line(value: str, field: str, limit: int, *, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise _error(field, pgettext_lazy("expert error", "Please fill in this field."), "required")
    if len(text) > limit:
        message = pgettext_lazy("expert error", "Please keep this under %(limit)d characters.")
        raise ValidationError(
            {field: ValidationError(message, code="too_long", params={"limit": limit})}
        )
    return text


def _choices(values: list[str], allowed: list[str], field: str) -> list[str]:
    chosen = [value for value in allowed if value in set(values)]
    if not chosen or len(chosen) != len(set(values)):
        message = pgettext_lazy("expert error", "Please choose at least one from the list.")
        raise _error(field, message)
    return chosen


@transaction.atomic
def apply(
    *,
    user: User,
    profession: str,
    specialties: list[str],
    languages: list[str],
    licence_number: str,
    licence_body: str,
    display_name: str = "",
) -> Application:
    """Store an application; the licence details are encrypted at once."""
    if queries.expert_of(user) is not None:
        raise _error("__all__", pgettext_lazy("expert error", "You are already a verified expert."))
    fields = {
        "profession": _line(profession, "profession", PROFESSION_LENGTH),
        "specialties": _choices(specialties, list(Topic.values), "specialties"),
        "languages": _choices(languages, list(Language.values), "languages"),
        "display_name": _line(display_name, "display_name", NAME_LENGTH, required=False),
        "licence_number": crypto.encrypt(_line(licence_number, "licence_number", LICENCE_LENGTH)),
        "licence_body": crypto.encrypt(_line(licence_body, "licence_body", LICENCE_LENGTH)),
    }
    try:
        with transaction.atomic():
            return Application.objects.create(applicant=user, **fields)
    except IntegrityError:
        message = pgettext_lazy("expert error", "Your application is already waiting for review.")
        raise _error("__all__", message) from None


def licence_details(*, operator: User, application: Application) -> tuple[str, str]:
    """(number, issuing body) decrypted for an operator; empty once decided."""
    if operator.role != Role.OPERATOR:
        raise PermissionDenied
    if not application.has_licence_details:
        return "", ""
    return crypto.decrypt(application.licence_number), crypto.decrypt(application.licence_body)


def _decide(operator: User, application: Application, state: str) -> Application:
    if operator.role != Role.OPERATOR:
        raise PermissionDenied
    if application.applicant_id == operator.pk:
        raise PermissionDenied  # nobody verifies themself, operators included
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state != ApplicationState.PENDING:
        message = pgettext_lazy("expert error", "This application was already decided.")
        raise _error("__all__", message, "decided")
    locked.state = state
    locked.decided_at = timezone.now()
    locked.decided_by = operator
    locked.decided_by_name = operator.pseudonym
    locked.licence_number = locked.licence_body = ""  # deleted: only the decision stays
    return locked


@transaction.atomic
def approve(*, operator: User, application: Application) -> Expert:
    application = _decide(operator, application, ApplicationState.APPROVED)
    application.save()
    expert, _ = Expert.objects.update_or_create(
        user=application.applicant,
        defaults={
            "profession": application.profession,
            "specialties": application.specialties,
            "languages": application.languages,
            "display_name": application.display_name,
            "verified_at": application.decided_at or timezone.now(),
            "verified_by": operator,
            "verified_by_name": operator.pseudonym,
            "is_active": True,
        },
    )
    applicant = application.applicant
    if applicant.role in (Role.MEMBER, Role.FACILITATOR):
        set_role(user=applicant, role=Role.EXPERT)
    notify(recipient=applicant, kind=Kind.EXPERT_DECISION, url=APPLY_URL, actor=operator)
    return expert


@transaction.atomic
def decline(*, operator: User, application: Application, reason: str) -> Application:
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_LENGTH:
        message = pgettext_lazy(
            "expert error", "Please give the applicant a reason (up to %(limit)d characters)."
        )
        raise ValidationError(
            {"reason": ValidationError(message, code="invalid", params={"limit": REASON_LENGTH})}
        )
    application = _decide(operator, application, ApplicationState.DECLINED)
    application.decline_reason = reason
    application.save()
    notify(
        recipient=application.applicant, kind=Kind.EXPERT_DECISION, url=APPLY_URL, actor=operator
    )
    return application


@transaction.atomic
def update_profile(*, expert: Expert, display_name: str) -> Expert:
    """The expert changes or removes the professional name shown next to their pseudonym."""
    expert.display_name = _line(display_name, "display_name", NAME_LENGTH, required=False)
    Expert.objects.filter(pk=expert.pk).update(display_name=expert.display_name)
    return expert


def set_role(*, user: User, role: str) -> User:
    """Change the site role only (accounts has no action for it); 2FA follows from the role."""
    User.objects.filter(pk=user.pk).update(role=Role(role))
    user.role = Role(role)
    return user


@transaction.atomic
def revoke(*, operator: User, expert: Expert) -> Expert:
    """An operator withdraws a verification: no badge, no expert pages; role back to member."""
    if operator.role != Role.OPERATOR:
        raise PermissionDenied
    Expert.objects.filter(pk=expert.pk).update(is_active=False)
    expert.is_active = False
    if expert.user.role == Role.EXPERT:
        set_role(user=expert.user, role=Role.MEMBER)
    return expert


@transaction.atomic
def ask(*, asker: User, title: str, body: str, topic: str, private: bool = False) -> Question:
    """Post a question; screened and decided like every message (a held question waits for a
    moderator, seen only by its asker). Experts of the topic are told of a published one."""
    if topic not in Topic.values:
        raise _error("topic", pgettext_lazy("expert error", "Please choose a topic from the list."))
    title = clean_title(title)
    # Judged with the body, as a thread's title: personal details refused, crisis taken in.
    verdict = prepare_message(author=asker, body=body, title=title)
    question = Question.objects.create(
        asker=asker,
        title=title,
        body=verdict.body,
        topic=topic,
        private=private,
        screening=verdict.record,
        state=verdict.decision.state,
    )
    # Crisis and moderation cases as for every message (the crisis case names the member).
    after_store(verdict, author=asker, expert_question=question)
    if question.state == ContentState.PUBLISHED:
        _tell_experts(question)
    return question


def _tell_experts(question: Question) -> None:
    notify_many(
        recipients=[
            u for u in queries.experts_for_topic(question.topic) if u.pk != question.asker_id
        ],
        kind=Kind.EXPERT_QUESTION,
        url=question_url(question),
        actor=None if question.private else question.asker,
    )


def question_url(question: Question) -> str:
    return f"/experts/questions/{question.pk}/"


@transaction.atomic
def reply(*, author: User, question: Question, body: str, expert: Expert | None) -> Answer:
    """An expert's answer (`expert` from queries.acting_expert) or a member's follow-up.

    `question` must come from queries.access_question for the same author."""
    verdict = prepare_message(author=author, body=body)
    answer = Answer.objects.create(
        question=question,
        author=author,
        body=verdict.body,
        by_expert=expert is not None,
        screening=verdict.record,
        state=verdict.decision.state,
    )
    after_store(verdict, author=author, expert_answer=answer)
    if answer.state != ContentState.PUBLISHED:
        return answer  # held: only its author sees it, until a moderator approves it
    counted = {"expert_answer_count": F("expert_answer_count") + 1} if expert else {}
    Question.objects.filter(pk=question.pk).update(last_activity_at=answer.created_at, **counted)
    if expert is not None:
        _tell_asker(answer)
    return answer


def _tell_asker(answer: Answer) -> None:
    notify(
        recipient=answer.question.asker,
        kind=Kind.EXPERT_ANSWER,
        url=f"{question_url(answer.question)}#answer-{answer.pk}",
        actor=answer.author,
    )


def after_moderation(*, item: Question | Answer, previous_state: str) -> None:
    """A moderator changed a question's or answer's state (moderation.actions): keep the
    count of expert answers true, and tell who would have been told had it been published."""
    question = item if isinstance(item, Question) else item.question
    published = Answer.objects.filter(
        question=question, by_expert=True, state=ContentState.PUBLISHED
    )
    Question.objects.filter(pk=question.pk).update(expert_answer_count=published.count())
    if previous_state != ContentState.HELD or item.state != ContentState.PUBLISHED:
        return
    if isinstance(item, Question):
        _tell_experts(item)
    elif item.by_expert:
        _tell_asker(item)


@transaction.atomic
def mark_helpful(*, user: User, question: Question, answer: Answer | None) -> Question:
    """The asker marks the answer that helped (None clears it); only answers by others."""
    if question.asker_id != user.pk:
        raise PermissionDenied
    if answer is not None and (
        answer.question_id != question.pk
        or answer.author_id == user.pk
        or answer.state != ContentState.PUBLISHED
    ):
        message = pgettext_lazy("expert error", "You can mark only an answer someone gave you.")
        raise _error("answer", message)
    Question.objects.filter(pk=question.pk).update(helpful_answer=answer)
    question.helpful_answer = answer
    return question


@transaction.atomic
def schedule_office_hours(
    *,
    expert: Expert,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
) -> OfficeHours:
    """A live session in `group` held by the expert, who must be a member of the group.

    The expert is the session's facilitator (so they can open the room), whether or not they
    facilitate the group; title and times are checked as for every session."""
    user = expert.user
    if not is_member(user, group):
        raise PermissionDenied
    session = live_actions.create_session(
        by=user, group=group, title=title, starts_at=starts_at, ends_at=ends_at, facilitator=user
    )
    return OfficeHours.objects.create(expert=expert, session=session)
