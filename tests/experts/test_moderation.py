"""Ask an expert under the publish policy: held questions and answers wait for a moderator,
seen by their author only, and the moderation queue approves or removes them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from halqa.accounts.models import User
from halqa.accounts.tokens import issue_token
from halqa.experts import actions
from halqa.experts.models import Answer, Expert, Question
from halqa.moderation.enums import CaseKind, CaseState, ContentState
from halqa.moderation.models import Case
from halqa.notifications.models import Notification
from tests.api.conftest import JsonClient
from tests.experts.conftest import plain_client, verified_client

ABUSE = "يا حمار يا كلب يا حقير"  # the screening engine: abuse 1.0, held (DESIGN §4)
CALM = "I cannot fall asleep again and the days are heavy. What can I try?"


def _english(client: Client) -> Client:
    client.cookies["halqa_language"] = "en"
    return client


@pytest.fixture
def moderator(make_member: Callable[..., User]) -> Client:
    return _english(verified_client(make_member(pseudonym="steady_lamp", role="moderator")))


def _ask(asker: User, body: str = CALM) -> Question:
    return actions.ask(asker=asker, title="Nights", body=body, topic="sleep")


def _url(question: Question) -> str:
    return f"/experts/questions/{question.pk}/"


def test_held_question_is_seen_by_its_asker_only_and_queued(
    member: User, make_member: Callable[..., User], make_expert: Callable[..., Expert]
) -> None:
    make_expert(specialties=["sleep"])
    question = _ask(member, ABUSE)
    assert question.state == ContentState.HELD
    case = Case.objects.get(expert_question=question)
    assert case.kind == CaseKind.EXPERT
    assert case.group is None
    assert not Notification.objects.filter(kind="expert_question").exists()

    mine = _english(plain_client(member)).get(_url(question)).content.decode()
    assert "Waiting for a moderator" in mine
    assert "حمار" in mine
    other = plain_client(make_member(pseudonym="passer_by"))
    assert other.get(_url(question)).status_code == 404
    assert "حمار" not in other.get("/experts/questions/").content.decode()
    passer_by = User.objects.get(pseudonym="passer_by")
    path = f"/api/experts/questions/{question.pk}"
    assert (
        JsonClient().get(path, token=issue_token(user=passer_by, name="phone")).status_code == 404
    )
    own = JsonClient().get(path, token=issue_token(user=member, name="phone")).json()
    assert own["state"] == "held"


def test_moderator_approves_a_held_question_from_the_queue(
    member: User,
    make_member: Callable[..., User],
    make_expert: Callable[..., Expert],
    moderator: Client,
) -> None:
    expert = make_expert(specialties=["sleep"])
    question = _ask(member, ABUSE)
    case = Case.objects.get(expert_question=question)

    queue = moderator.get("/moderation/").content.decode()
    assert "Ask an expert" in queue
    page = moderator.get(f"/moderation/cases/{case.pk}/").content.decode()
    assert f'href="/experts/questions/{question.pk}/"' in page
    assert "The question (ask an expert)" in page
    assert moderator.get(_url(question)).status_code == 200  # the link works for moderators

    moderator.post(f"/moderation/cases/{case.pk}/claim/")
    response = moderator.post(f"/moderation/cases/{case.pk}/act/approve/", {"reason": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    case.refresh_from_db()
    assert question.state == ContentState.PUBLISHED
    assert case.state == CaseState.RESOLVED
    # Published now: the experts of the topic hear of it, and other members can read it.
    assert Notification.objects.filter(kind="expert_question", recipient=expert.user).exists()
    assert plain_client(make_member(pseudonym="passer_by")).get(_url(question)).status_code == 200


def test_held_answer_waits_then_is_removed_from_the_queue(
    member: User, make_member: Callable[..., User], moderator: Client
) -> None:
    question = _ask(member)
    author = make_member(pseudonym="sharp_tongue")
    answer = actions.reply(author=author, question=question, body=ABUSE, expert=None)
    assert answer.state == ContentState.HELD
    case = Case.objects.get(expert_answer=answer)
    assert case.kind == CaseKind.EXPERT

    asker_page = plain_client(member).get(_url(question)).content.decode()
    assert "حمار" not in asker_page
    own = _english(plain_client(author)).get(_url(question)).content.decode()
    assert "حمار" in own
    assert "Waiting for a moderator" in own
    path = f"/api/experts/questions/{question.pk}"
    api = JsonClient().get(path, token=issue_token(user=member, name="phone")).json()
    assert api["answers"] == []
    theirs = JsonClient().get(path, token=issue_token(user=author, name="phone")).json()
    assert [a["state"] for a in theirs["answers"]] == ["held"]

    page = moderator.get(f"/moderation/cases/{case.pk}/").content.decode()
    assert f'href="/experts/questions/{question.pk}/#answer-{answer.pk}"' in page
    moderator.post(f"/moderation/cases/{case.pk}/claim/")
    # No group, so no group rule: the written reason is enough.
    refused = moderator.post(f"/moderation/cases/{case.pk}/act/remove/", {"reason": ""})
    assert refused.status_code == 400
    response = moderator.post(
        f"/moderation/cases/{case.pk}/act/remove/", {"reason": "insults another member"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == ContentState.REMOVED
    assert Case.objects.get(pk=case.pk).state == CaseState.RESOLVED
    own = _english(plain_client(author)).get(_url(question)).content.decode()
    assert "Removed by a moderator" in own
    assert "حمار" not in plain_client(member).get(_url(question)).content.decode()


def test_held_expert_answer_is_counted_and_told_only_once_approved(
    member: User, make_expert: Callable[..., Expert], moderator: Client
) -> None:
    expert = make_expert(specialties=["sleep"])
    question = _ask(member)
    answer = actions.reply(author=expert.user, question=question, body=ABUSE, expert=expert)
    question.refresh_from_db()
    assert question.expert_answer_count == 0
    assert not Notification.objects.filter(kind="expert_answer").exists()
    with pytest.raises(actions.ValidationError):  # not visible, so not markable
        actions.mark_helpful(user=member, question=question, answer=answer)

    case = Case.objects.get(expert_answer=answer)
    moderator.post(f"/moderation/cases/{case.pk}/claim/")
    moderator.post(f"/moderation/cases/{case.pk}/act/approve/", {"reason": ""})
    question.refresh_from_db()
    assert Answer.objects.get(pk=answer.pk).state == ContentState.PUBLISHED
    assert question.expert_answer_count == 1
    assert Notification.objects.filter(kind="expert_answer", recipient=member).count() == 1


def test_moderation_api_names_the_question(member: User, make_member: Callable[..., User]) -> None:
    question = _ask(member, ABUSE)
    case = Case.objects.get(expert_question=question)
    token = issue_token(user=make_member(pseudonym="api_mod", role="moderator"), name="phone")
    body = JsonClient().get(f"/api/moderation/cases/{case.pk}", token=token).json()
    assert body["kind"] == CaseKind.EXPERT
    assert body["expert_question"] == question.pk
    assert body["expert_answer"] is None
    assert body["content_state"] == ContentState.HELD


def test_moderators_cannot_redact_expert_content(member: User, moderator: Client) -> None:
    question = _ask(member, ABUSE)
    case = Case.objects.get(expert_question=question)
    moderator.post(f"/moderation/cases/{case.pk}/claim/")
    response = moderator.post(
        f"/moderation/cases/{case.pk}/act/redact/", {"body": "kinder words", "reason": "x"}
    )
    assert response.status_code == 409
    question.refresh_from_db()
    assert question.body == ABUSE


def test_crisis_in_a_question_opens_one_urgent_case_about_it(member: User) -> None:
    question = _ask(member, "I want to kill myself, I can't do this anymore")
    assert question.state == ContentState.PUBLISHED
    case = Case.objects.get(subject=member)
    assert case.kind == CaseKind.CRISIS
    assert case.expert_question == question


def test_private_question_opens_for_a_moderator_only_while_in_moderation(
    member: User, moderator: Client
) -> None:
    calm = actions.ask(asker=member, title="Nights", body=CALM, topic="sleep", private=True)
    held = actions.ask(asker=member, title="Nights", body=ABUSE, topic="sleep", private=True)
    assert moderator.get(_url(calm)).status_code == 404
    assert moderator.get(_url(held)).status_code == 200
    Case.objects.filter(expert_question=held).update(state=CaseState.RESOLVED)
    assert moderator.get(_url(held)).status_code == 404  # only while the case is open
