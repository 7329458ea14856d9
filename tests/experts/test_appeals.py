"""Decisions on ask-an-expert content are appealed like thread posts: the author finds the
notice from the question page, appeals once, a different moderator decides, and a granted
appeal puts the content back. Both languages."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.test import Client

from halqa.accounts.models import User
from halqa.experts import actions
from halqa.experts.models import Answer, Question
from halqa.moderation.enums import Action, CaseKind, ContentState
from halqa.moderation.models import Appeal, AuditEntry, Case
from halqa.moderation.views import latest_notice_for
from tests.experts.conftest import plain_client, verified_client

ABUSE = "يا حمار يا كلب يا حقير"  # held by the screening engine (DESIGN §4)
CALM = "I cannot fall asleep again and the days are heavy. What can I try?"


def _in(client: Client, language: str) -> Client:
    client.cookies["halqa_language"] = language
    return client


def _removed(item: Question | Answer, moderator: User) -> AuditEntry:
    field = "expert_question" if isinstance(item, Question) else "expert_answer"
    case = Case.objects.get(**{field: item})
    assert case.kind == CaseKind.EXPERT
    client = _in(verified_client(moderator), "en")
    client.post(f"/moderation/cases/{case.pk}/claim/")
    response = client.post(f"/moderation/cases/{case.pk}/act/remove/", {"reason": "insults"})
    assert response.status_code == 302
    return AuditEntry.objects.get(action=Action.REMOVE)


@pytest.mark.parametrize(
    ("language", "link", "says"),
    [
        ("en", "See why, or appeal", "went against Halqa's rules"),
        ("ar", "اعرف السبب أو اعترض", "خالفت قواعد حلقة"),
    ],
)
def test_removed_answer_is_appealed_and_restored(
    member: User, make_member: Callable[..., User], language: str, link: str, says: str
) -> None:
    first = make_member(pseudonym="steady_lamp", role="moderator")
    second = make_member(pseudonym="calm_river", role="moderator")
    question = actions.ask(asker=member, title="Nights", body=CALM, topic="sleep")
    author = make_member(pseudonym="sharp_tongue")
    answer = actions.reply(author=author, question=question, body=ABUSE, expert=None)
    entry = _removed(answer, first)
    notice_url = f"/moderation/notices/{entry.pk}/"

    own = _in(plain_client(author), language)
    page = own.get(f"/experts/questions/{question.pk}/").content.decode()
    assert f'<a href="{notice_url}">{link}</a>' in page
    others = plain_client(member).get(f"/experts/questions/{question.pk}/").content.decode()
    assert notice_url not in others  # the asker does not see the answer's notice
    notice = html.unescape(own.get(notice_url).content.decode())
    assert says in notice  # no group: not "a rule of the group"
    assert 'name="statement"' in notice

    assert own.post(notice_url, {"statement": "I was angry, not cruel"}).status_code == 302
    appeal = Appeal.objects.get(action=entry)
    assert appeal.case.excluded_moderator == first  # a different moderator decides
    assert own.post(notice_url, {"statement": "again"}).status_code == 400  # once

    refused = _in(verified_client(first), "en")
    refused.post(f"/moderation/cases/{appeal.case.pk}/claim/")
    assert Case.objects.get(pk=appeal.case.pk).claimed_by is None
    decider = _in(verified_client(second), "en")
    decider.post(f"/moderation/cases/{appeal.case.pk}/claim/")
    response = decider.post(
        f"/moderation/cases/{appeal.case.pk}/act/appeal/", {"grant": "yes", "reason": "fair"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.state == ContentState.PUBLISHED
    assert "حمار" in plain_client(member).get(f"/experts/questions/{question.pk}/").content.decode()


def test_removed_question_shows_its_asker_the_appeal_link(
    member: User, make_member: Callable[..., User]
) -> None:
    question = actions.ask(asker=member, title="Nights", body=ABUSE, topic="sleep")
    entry = _removed(question, make_member(role="moderator"))
    page = _in(plain_client(member), "en").get(f"/experts/questions/{question.pk}/")
    assert f'href="/moderation/notices/{entry.pk}/"' in page.content.decode()
    assert latest_notice_for(question) == entry


def test_an_answers_notice_is_never_a_live_message_with_the_same_id(
    member: User, make_member: Callable[..., User]
) -> None:
    """Entries name expert content in their detail, not in the post or live-message columns:
    the lookup must not take another item's decision for it."""
    question = actions.ask(asker=member, title="Nights", body=CALM, topic="sleep")
    author = make_member()
    answer = actions.reply(author=author, question=question, body=CALM, expert=None)
    AuditEntry.objects.create(
        actor=None, action=Action.REMOVE, subject=author, live_message_id_value=answer.pk
    )
    assert latest_notice_for(answer) is None
