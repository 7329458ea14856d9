"""Permission-checked lookups for experts, applications and questions.

"Acting as an expert" needs a verified expert who proved the second factor: in a page session
(`user.otp_device`), or through an API token issued after verification (staff tokens need the
code, accounts/api.login). See `acting_expert`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from halqa.accounts.enums import STAFF_ROLES, Role
from halqa.accounts.models import User
from halqa.experts.enums import ApplicationState
from halqa.experts.models import Answer, Application, Expert, OfficeHours, Question
from halqa.moderation.enums import CaseState, ContentState
from halqa.moderation.models import Case
from halqa.moderation.queries import is_site_moderator

STAFF_ROLE_VALUES = [str(role) for role in STAFF_ROLES]


def verified_experts() -> QuerySet[Expert]:
    """Active experts whose role still needs two-factor authentication."""
    return Expert.objects.filter(
        is_active=True, user__is_active=True, user__role__in=STAFF_ROLE_VALUES
    )


def expert_of(user: Any) -> Expert | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return verified_experts().filter(user_id=user.pk).select_related("user").first()


def acting_expert(user: Any, *, token_created: datetime | None = None) -> Expert | None:
    """The user's expert record if they may act as one now: verified, and two-factor proven
    in this session (pages) or by a token issued since verification (API)."""
    expert = expert_of(user)
    if expert is None:
        return None
    if token_created is not None:
        return expert if token_created >= expert.verified_at else None
    return expert if getattr(user, "otp_device", None) is not None else None


def badge_names() -> dict[int, str]:
    """{user id: professional display name or ""} for every verified expert: one query."""
    return dict(verified_experts().values_list("user_id", "display_name"))


def directory() -> list[Expert]:
    experts = list(verified_experts().select_related("user").order_by("user__pseudonym"))
    upcoming = upcoming_office_hours()
    for expert in experts:
        expert.upcoming = [hours for hours in upcoming if hours.expert_id == expert.pk]  # type: ignore[attr-defined]
    return experts


def upcoming_office_hours(*, group: Any = None) -> list[OfficeHours]:
    rows = OfficeHours.objects.select_related("session__group", "expert__user").filter(
        session__ends_at__gt=timezone.now(), expert__is_active=True
    )
    if group is not None:
        rows = rows.filter(session__group=group)
    return list(rows.order_by("session__starts_at", "id")[:50])


def own_applications(user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("decided_by")


def pending_applications() -> QuerySet[Application]:
    return Application.objects.filter(state=ApplicationState.PENDING).select_related("applicant")


def access_application(operator: Any, application_id: int) -> Application:
    """Operators only (the caller checked two-factor); Http404 otherwise."""
    if getattr(operator, "role", None) != Role.OPERATOR:
        raise Http404
    application = (
        Application.objects.select_related("applicant", "decided_by")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise Http404
    return application


def questions_visible_to(user: Any, expert: Expert | None) -> QuerySet[Question]:
    """Published questions the user may read: public ones, their own, and private ones for an
    expert acting as one (`acting_expert`). Also the filter for any search over questions."""
    if not getattr(user, "is_authenticated", False):
        return Question.objects.none()
    rows = Question.objects.select_related("asker")
    shown = Q(state=ContentState.PUBLISHED)
    if expert is None:
        shown &= Q(private=False)
    return rows.filter(shown | Q(asker_id=user.pk))


def access_question(user: Any, question_id: int, expert: Expert | None) -> Question:
    """A question the user may read; Http404 otherwise. Site moderators (two-factor proven in
    this session) also open one, whatever its state or privacy, while it or one of its answers
    is the subject of an open moderation case: to review it from their queue."""
    question = questions_visible_to(user, expert).filter(pk=question_id).first()
    if question is None and reviews(user) and _in_moderation(question_id):
        question = Question.objects.select_related("asker").filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question


def _in_moderation(question_id: int) -> bool:
    about = Q(expert_question_id=question_id) | Q(expert_answer__question_id=question_id)
    return Case.objects.filter(about).exclude(state=CaseState.RESOLVED).exists()


def reviews(user: Any) -> bool:
    """A site moderator or operator acting as one: sees held, hidden and removed content."""
    return is_site_moderator(user) and getattr(user, "otp_device", None) is not None


def answers_for(question: Question, viewer: Any = None) -> list[Answer]:
    """Published answers, and the viewer's own in any state (a held one says it waits for a
    moderator; site moderators see all): the helpful one first, then by time."""
    shown = Q(state=ContentState.PUBLISHED)
    if reviews(viewer):
        shown = Q()
    elif getattr(viewer, "is_authenticated", False):
        shown |= Q(author_id=viewer.pk)
    rows = list(
        question.answers.filter(shown).select_related("author").order_by("created_at", "id")
    )
    return sorted(rows, key=lambda a: (a.pk != question.helpful_answer_id, a.created_at, a.pk))


def experts_for_topic(topic: str) -> list[User]:
    """Verified experts whose specialties include `topic` (filtered here: JSON containment is
    not portable to SQLite, and experts are few)."""
    experts = verified_experts().select_related("user")
    return [expert.user for expert in experts if topic in expert.specialties]


def office_hours_sessions(session_ids: list[int]) -> set[int]:
    """Which of these live sessions are experts' office hours (one query), for lists of
    sessions that want to label them."""
    rows = OfficeHours.objects.filter(session_id__in=session_ids, expert__is_active=True)
    return set(rows.values_list("session_id", flat=True))
