"""The crisis card after posting: helplines, grounding, and the "talk" / "I'm safe" choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from halqa.moderation.enums import URGENT
from halqa.moderation.models import Case
from halqa.safety.crisis import ASKED_TO_TALK, open_crisis_case
from halqa.safety.enums import CardChoice
from halqa.safety.models import CardAnswer, SupportThread

ANSWER = reverse("safety:card_answer")


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.cookies["halqa_language"] = language
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ar", "والله تعبت من كل شي، بدي أموت وخلص", "تحدّث إلى مشرف"),
        ("en", "I want to die, I cannot do this anymore", "Talk to a moderator"),
    ],
)
def test_crisis_card_shows_helplines_choice_and_grounding_after_posting(
    language: str,
    text: str,
    expected: str,
    make_group: Callable[..., Any],
    make_member: Callable[..., Any],
) -> None:
    member = make_member(country="JO", language=language)
    group = make_group(members=(member,))
    client = _client(member, language)
    new = reverse("groups:conversations:new_thread", args=[group.slug])
    response = client.post(new, {"title": "Tonight", "body": text, "token": "t1"}, follow=True)
    page = response.content.decode()
    assert 'class="card crisis-card"' in page
    assert "911" in page or "tel:" in page  # Jordan's emergency number and helplines
    assert expected in page
    assert page.count('class="grounding-steps"') == 1
    assert reverse("safety:card_answer") in page
    # The publish path opened exactly one urgent case for the message, and removed nothing.
    case = Case.objects.get()
    assert case.subject == member
    assert case.urgency >= URGENT
    assert case.post is not None
    assert case.post.state == "published"


def test_card_answer_talk_without_javascript_raises_case_and_opens_thread(
    make_group: Callable[..., Any], make_post: Callable[..., Any]
) -> None:
    post = make_post(make_group(), body="…")
    case = open_crisis_case(author=post.author, level="ideation", post=post)
    response = _client(post.author).post(ANSWER, {"choice": "talk"})
    thread = SupportThread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:support_thread", args=[thread.pk])
    assert case is not None
    assert thread.case_id == case.pk
    assert thread.member == post.author
    assert Case.objects.get().urgency == ASKED_TO_TALK
    assert CardAnswer.objects.get().choice == CardChoice.TALK


def test_card_answer_talk_with_htmx_returns_the_partial(make_member: Callable[..., Any]) -> None:
    member = make_member()
    response = _client(member).post(ANSWER, {"choice": "talk"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="crisis-card-choice"' in body
    assert reverse("safety:support_thread", args=[SupportThread.objects.get().pk]) in body
    # Without a crisis message first, asking still opens an urgent case for the member.
    assert Case.objects.get().subject == member


def test_card_answer_safe_is_recorded_for_moderators_and_shows_grounding(
    make_group: Callable[..., Any], make_post: Callable[..., Any]
) -> None:
    post = make_post(make_group(), body="…")
    case = open_crisis_case(author=post.author, level="ideation", post=post)
    response = _client(post.author).post(ANSWER, {"choice": "safe"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="grounding-steps"' in body
    answer = CardAnswer.objects.get()
    assert case is not None
    assert answer.case_id == case.pk
    assert answer.choice == CardChoice.SAFE
    assert not SupportThread.objects.exists()
    assert Case.objects.get().urgency == 90  # "safe" never lowers or closes the case


def test_card_answer_safe_without_a_case_records_nothing(make_member: Callable[..., Any]) -> None:
    response = _client(make_member()).post(ANSWER, {"choice": "safe"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert not CardAnswer.objects.exists()
    assert not Case.objects.exists()


def test_card_answer_refuses_an_unknown_choice(make_member: Callable[..., Any]) -> None:
    response = _client(make_member()).post(ANSWER, {"choice": "delete-everything"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_card_answer_needs_login_and_post(client: Client, make_member: Callable[..., Any]) -> None:
    assert client.post(ANSWER, {"choice": "talk"}).status_code == 302
    assert _client(make_member()).get(ANSWER).status_code == 405
    assert not Case.objects.exists()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_grounding_page_in_both_languages(client: Client, language: str) -> None:
    client.cookies["halqa_language"] = language
    response = client.get(reverse("safety:grounding"))
    assert response.status_code == 200
    assert 'class="grounding-steps"' in response.content.decode()


def test_card_answer_twice_in_a_row_is_recorded_once(make_member: Callable[..., Any]) -> None:
    client = _client(make_member())
    client.post(ANSWER, {"choice": "talk"})
    client.post(ANSWER, {"choice": "talk"})
    client.post(ANSWER, {"choice": "safe"})
    assert list(CardAnswer.objects.values_list("choice", flat=True)) == ["safe", "talk"]
    assert SupportThread.objects.count() == 1


def test_card_answer_talk_out_of_hours_says_the_on_call_team_was_told(
    make_member: Callable[..., Any], settings: Any, monkeypatch: Any
) -> None:
    import datetime

    settings.MODERATION_HOURS = "09:00-21:00"
    three_am = datetime.datetime(2026, 11, 24, 3, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr("halqa.safety.hours.timezone.now", lambda: three_am)
    response = _client(make_member()).post(ANSWER, {"choice": "talk"}, HTTP_HX_REQUEST="true")
    assert "on-call team has been told" in response.content.decode()
