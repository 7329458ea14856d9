"""experts over JSON: the same queries and actions as the pages.

Acting as an expert (private questions, expert answers) needs a token issued after the
verification: staff tokens are issued only with the two-factor code (accounts/api.login).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from ninja import Field as NinjaField
from ninja import Query, Router, Schema, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member, current_token
from halqa.conversations.api import _crisis_help
from halqa.experts import actions, queries
from halqa.experts.enums import Topic
from halqa.experts.models import Answer, Application, Expert, OfficeHours, Question
from halqa.experts.schemas import (
    AnswerIn,
    AnswerOut,
    ApplicationIn,
    ApplicationOut,
    ExpertOut,
    HelpfulIn,
    QuestionDetailOut,
    QuestionIn,
    QuestionPageOut,
    TopicOut,
)

router = Router(tags=["experts"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 413, 415, 422), ErrorOut)
PER_PAGE = 20


class QuestionFilter(Schema):
    topic: str = ""
    page: Annotated[int, NinjaField(ge=1, le=100_000)] = 1


def _acting(request: HttpRequest) -> tuple[User, Expert | None]:
    user = current_member(request)
    return user, queries.acting_expert(user, token_created=current_token(request).created)


def _hours(row: OfficeHours) -> dict[str, Any]:
    session = row.session
    return {
        "session_id": session.pk,
        "title": session.title,
        "group": session.group.slug,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
    }


def _expert(expert: Expert) -> dict[str, Any]:
    upcoming = getattr(expert, "upcoming", [])
    return {
        "id": expert.pk,
        "pseudonym": expert.user.pseudonym,
        "display_name": expert.display_name,
        "profession": expert.profession,
        "specialties": expert.specialties,
        "languages": expert.languages,
        "verified_at": expert.verified_at,
        "office_hours": [_hours(row) for row in upcoming],
    }


@router.get("/", response={200: list[ExpertOut], **ERRORS}, summary="Verified experts")
def list_experts(request: HttpRequest) -> list[dict[str, Any]]:
    current_member(request)
    return [_expert(expert) for expert in queries.directory()]


@router.get("/topics", response={200: list[TopicOut], **ERRORS}, summary="Topics")
def list_topics(request: HttpRequest) -> list[dict[str, str]]:
    return [{"code": code, "label": str(label)} for code, label in Topic.choices]


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS}, summary="Mine")
def my_applications(request: HttpRequest) -> list[Application]:
    """My applications and their decisions; licence details are never returned."""
    return list(queries.own_applications(current_member(request)))


@router.post("/applications", response={201: ApplicationOut, **ERRORS}, summary="Apply")
def apply(request: HttpRequest, data: ApplicationIn) -> Status[Any]:
    application = actions.apply(user=current_member(request), **data.dict())
    return Status(201, application)


@router.get("/questions", response={200: QuestionPageOut, **ERRORS}, summary="Questions")
def list_questions(request: HttpRequest, filters: Query[QuestionFilter]) -> dict[str, Any]:
    """Public questions, mine, and private ones for experts; newest activity first."""
    user, expert = _acting(request)
    rows = queries.questions_visible_to(user, expert)
    if filters.topic in Topic.values:
        rows = rows.filter(topic=filters.topic)
    paginator = Paginator(rows, PER_PAGE)
    page = paginator.page(filters.page) if filters.page <= paginator.num_pages else []
    return {
        "items": [_question(q) for q in page],
        "page": filters.page,
        "pages": paginator.num_pages,
        "count": paginator.count,
    }


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": question.pk,
        "title": question.title,
        "topic": question.topic,
        "private": question.private,
        "asker": question.asker.pseudonym,
        "created_at": question.created_at,
        "last_activity_at": question.last_activity_at,
        "expert_answer_count": question.expert_answer_count,
        "helpful_answer": question.helpful_answer_id,
        "state": question.state,
    }


def _answer(answer: Answer, question: Question, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": answer.pk,
        "author": answer.author.pseudonym,
        "expert_name": (names.get(answer.author_id) or None) if answer.by_expert else None,
        "by_expert": answer.by_expert,
        "helpful": answer.pk == question.helpful_answer_id,
        "body": answer.body,
        "created_at": answer.created_at,
        "state": answer.state,
    }


def _detail(user: User, question: Question, *, crisis: bool = False) -> dict[str, Any]:
    names = queries.badge_names()
    answers = [_answer(a, question, names) for a in queries.answers_for(question, user)]
    help_now = crisis and question.needs_crisis_help
    return {
        **_question(question),
        "body": question.body,
        "answers": answers,
        "crisis_help": _crisis_help(user) if help_now else None,
    }


@router.post("/questions", response={201: QuestionDetailOut, **ERRORS}, summary="Ask")
def ask(request: HttpRequest, data: QuestionIn) -> Status[Any]:
    """Ask the experts; `crisis_help` carries the asker's helplines when the words need it."""
    user = current_member(request)
    question = actions.ask(asker=user, **data.dict())
    return Status(201, _detail(user, question, crisis=True))


@router.get("/questions/{question_id}", response={200: QuestionDetailOut, **ERRORS})
def question_detail(request: HttpRequest, question_id: int) -> dict[str, Any]:
    user, expert = _acting(request)
    return _detail(user, queries.access_question(user, question_id, expert))


@router.post("/questions/{question_id}/answers", response={201: AnswerOut, **ERRORS})
def answer(request: HttpRequest, question_id: int, data: AnswerIn) -> Status[Any]:
    """An expert's answer (highlighted) or a member's follow-up."""
    user, expert = _acting(request)
    question = queries.access_question(user, question_id, expert)
    created = actions.reply(author=user, question=question, body=data.body, expert=expert)
    out = _answer(created, question, queries.badge_names())
    out["crisis_help"] = _crisis_help(user) if created.needs_crisis_help else None
    return Status(201, out)


@router.post("/questions/{question_id}/helpful", response={200: QuestionDetailOut, **ERRORS})
def mark_helpful(request: HttpRequest, question_id: int, data: HelpfulIn) -> dict[str, Any]:
    """The asker marks the answer that helped (`null` clears the mark)."""
    user, expert = _acting(request)
    question = queries.access_question(user, question_id, expert)
    if question.asker_id != user.pk:
        raise Http404
    chosen = None
    if data.answer is not None:
        chosen = question.answers.filter(pk=data.answer).first()
        if chosen is None:
            raise Http404
    actions.mark_helpful(user=user, question=question, answer=chosen)
    return _detail(user, question)


@router.get("/{expert_id}", response={200: ExpertOut, **ERRORS}, summary="One expert")
def expert_detail(request: HttpRequest, expert_id: int) -> dict[str, Any]:
    current_member(request)
    for expert in queries.directory():
        if expert.pk == expert_id:
            return _expert(expert)
    raise Http404
