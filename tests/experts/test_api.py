"""The experts JSON API: licence details never come out, private questions stay private,
expert answers need a token issued after verification (with the two-factor code)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from halqa.accounts.models import DeviceToken, User
from halqa.accounts.tokens import issue_token
from halqa.experts import actions
from halqa.experts.models import Answer, Application, Expert, Question
from tests.api.conftest import JsonClient
from tests.experts.conftest import BODY, LICENCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


def token(user: User) -> str:
    return issue_token(user=user, name="phone")


def test_apply_and_read_back_without_licence(api: JsonClient, member: User) -> None:
    body = {
        "profession": "Counsellor",
        "specialties": ["grief", "anxiety"],
        "languages": ["ar"],
        "licence_number": LICENCE,
        "licence_body": BODY,
    }
    raw = token(member)
    response = api.post("/api/experts/applications", body, token=raw)
    assert response.status_code == 201
    assert LICENCE not in response.content.decode()
    assert response.json()["state"] == "pending"
    mine = api.get("/api/experts/applications", token=raw)
    assert LICENCE not in mine.content.decode()
    assert BODY not in mine.content.decode()
    again = api.post("/api/experts/applications", body, token=raw)
    assert again.status_code == 422
    assert again.json()["code"] == "invalid"


def test_apply_with_bad_values_is_a_json_error(api: JsonClient, member: User) -> None:
    response = api.post(
        "/api/experts/applications",
        {
            "profession": "",
            "specialties": [],
            "languages": ["xx"],
            "licence_number": "1",
            "licence_body": "B",
        },
        token=token(member),
    )
    assert response.status_code == 422
    assert "profession" in response.json()["fields"]
    assert not Application.objects.exists()


def test_experts_list_and_detail(
    api: JsonClient, make_expert: Callable[..., Expert], member: User
) -> None:
    expert = make_expert(display_name="Dr. Salma")
    raw = token(member)
    listed = api.get("/api/experts/", token=raw).json()
    assert [e["display_name"] for e in listed] == ["Dr. Salma"]
    assert LICENCE not in api.get("/api/experts/", token=raw).content.decode()
    assert api.get(f"/api/experts/{expert.pk}", token=raw).json()["profession"]
    assert api.get("/api/experts/999999", token=raw).status_code == 404
    assert api.get("/api/experts/").status_code == 401


def test_private_question_through_api(
    api: JsonClient,
    make_expert: Callable[..., Expert],
    make_member: Callable[..., User],
    member: User,
) -> None:
    expert = make_expert()
    asked = api.post(
        "/api/experts/questions",
        {
            "title": "Panic at work",
            "body": "My heart races in meetings.",
            "topic": "panic",
            "private": True,
        },
        token=token(member),
    )
    assert asked.status_code == 201
    question_id = asked.json()["id"]
    other = token(make_member())
    assert api.get(f"/api/experts/questions/{question_id}", token=other).status_code == 404
    assert api.get("/api/experts/questions", token=other).json()["count"] == 0
    expert_token = token(expert.user)
    assert api.get(f"/api/experts/questions/{question_id}", token=expert_token).status_code == 200
    assert api.get("/api/experts/questions", token=expert_token).json()["count"] == 1


def test_token_from_before_verification_cannot_act_as_expert(
    api: JsonClient, make_application: Callable[..., Application], operator: User, member: User
) -> None:
    old = token(member)
    DeviceToken.objects.filter(user=member).update(created=timezone.now() - timedelta(minutes=5))
    actions.approve(operator=operator, application=make_application(user=member))
    question = actions.ask(
        asker=operator, title="Sleep", body="Help me sleep", topic="sleep", private=True
    )
    assert api.get(f"/api/experts/questions/{question.pk}", token=old).status_code == 404
    fresh = token(member)
    assert api.get(f"/api/experts/questions/{question.pk}", token=fresh).status_code == 200


def test_answer_and_mark_helpful(
    api: JsonClient,
    make_expert: Callable[..., Expert],
    make_member: Callable[..., User],
    member: User,
) -> None:
    expert = make_expert(display_name="Dr. Salma")
    question = actions.ask(asker=member, title="Grief", body="My father died.", topic="grief")
    answered = api.post(
        f"/api/experts/questions/{question.pk}/answers",
        {"body": "I am sorry. Grief comes in waves."},
        token=token(expert.user),
    )
    assert answered.status_code == 201
    assert answered.json()["by_expert"] is True
    assert answered.json()["expert_name"] == "Dr. Salma"
    follow = api.post(
        f"/api/experts/questions/{question.pk}/answers",
        {"body": "Same for me."},
        token=token(make_member()),
    )
    assert follow.json()["by_expert"] is False
    stranger = api.post(
        f"/api/experts/questions/{question.pk}/helpful",
        {"answer": answered.json()["id"]},
        token=token(make_member()),
    )
    assert stranger.status_code == 404
    raw = token(member)
    marked = api.post(
        f"/api/experts/questions/{question.pk}/helpful",
        {"answer": answered.json()["id"]},
        token=raw,
    )
    assert marked.status_code == 200
    assert marked.json()["helpful_answer"] == answered.json()["id"]
    assert marked.json()["answers"][0]["helpful"] is True
    assert (
        Question.objects.get().helpful_answer_id == Answer.objects.filter(by_expert=True).get().pk
    )


def test_ask_with_crisis_words_returns_crisis_help(api: JsonClient, member: User) -> None:
    response = api.post(
        "/api/experts/questions",
        {"title": "Tired", "body": "I want to kill myself tonight", "topic": "depression"},
        token=token(member),
    )
    assert response.status_code == 201
    assert response.json()["crisis_help"]["url"] == "/crisis/"


def test_topics_in_the_request_language(api: JsonClient, member: User) -> None:
    raw = token(member)
    arabic = api.get("/api/experts/topics", token=raw, lang="ar").json()
    english = api.get("/api/experts/topics", token=raw, lang="en").json()
    assert {"code": "sleep", "label": "Sleep"} in english
    assert {"code": "sleep", "label": "النوم"} in arabic
