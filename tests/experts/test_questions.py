"""Ask an expert: screening, privacy of private questions, highlighted and helpful answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from halqa.accounts.models import User
from halqa.experts import actions, queries
from halqa.experts.models import Answer, Expert, Question
from halqa.notifications.models import Notification
from tests.experts.conftest import plain_client, verified_client


@pytest.fixture
def ask(member: User) -> Callable[..., Question]:
    def make(*, asker: User = member, private: bool = False, topic: str = "sleep") -> Question:
        return actions.ask(
            asker=asker,
            title="I wake up at 3am every night",
            body="I cannot fall asleep again and the days are heavy. What can I try?",
            topic=topic,
            private=private,
        )

    return make


def test_ask_stores_screening_and_notifies_matching_experts_without_content(
    make_expert: Callable[..., Expert], ask: Callable[..., Question]
) -> None:
    sleep_expert = make_expert(specialties=["sleep"])
    grief_expert = make_expert(specialties=["grief"])
    question = ask()
    assert question.screening["model_version"]
    notes = Notification.objects.filter(kind="expert_question")
    assert [n.recipient_id for n in notes] == [sleep_expert.user_id]
    assert notes[0].url == f"/experts/questions/{question.pk}/"
    assert not Notification.objects.filter(recipient=grief_expert.user, kind="expert_question")


def test_ask_refuses_empty_body_and_unknown_topic(member: User) -> None:
    with pytest.raises(ValidationError) as error:
        actions.ask(asker=member, title="Help", body="   ", topic="sleep")
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.ask(asker=member, title="Help", body="text", topic="horoscopes")
    assert "topic" in error.value.message_dict


def test_ask_page_shows_crisis_card_for_words_of_crisis(member: User) -> None:
    client = plain_client(member)
    response = client.post(
        "/experts/questions/ask/",
        {"title": "I can't go on", "body": "I want to kill myself tonight", "topic": "depression"},
        follow=True,
    )
    assert response.status_code == 200
    assert "crisis-card" in response.content.decode()
    question = Question.objects.get()
    assert question.needs_crisis_help
    again = client.get(f"/experts/questions/{question.pk}/")
    assert "crisis-card" not in again.content.decode()  # shown once, right after posting


def test_ask_page_keeps_text_on_error(member: User) -> None:
    response = plain_client(member).post(
        "/experts/questions/ask/", {"title": "", "body": "my words stay here", "topic": "sleep"}
    )
    assert response.status_code == 400
    assert "my words stay here" in response.content.decode()


def test_private_question_visible_only_to_asker_and_experts(
    make_expert: Callable[..., Expert],
    make_member: Callable[..., User],
    ask: Callable[..., Question],
    member: User,
) -> None:
    question = ask(private=True)
    url = f"/experts/questions/{question.pk}/"
    other = make_member()
    expert = make_expert()
    assert plain_client(member).get(url).status_code == 200
    assert plain_client(other).get(url).status_code == 404
    assert question.title not in plain_client(other).get("/experts/questions/").content.decode()
    assert verified_client(expert.user).get(url).status_code == 200
    listed = verified_client(expert.user).get("/experts/questions/").content.decode()
    assert question.title in listed
    moderator = make_member(role="moderator")
    assert verified_client(moderator).get(url).status_code == 404
    assert list(queries.questions_visible_to(other, None)) == []


def test_expert_without_two_factor_session_is_sent_to_enter_code(
    make_expert: Callable[..., Expert], ask: Callable[..., Question]
) -> None:
    expert = make_expert()
    question = ask(private=True)
    client = plain_client(expert.user)
    response = client.get(f"/experts/questions/{question.pk}/")
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
    response = client.post(f"/experts/questions/{question.pk}/reply/", {"body": "Try this."})
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
    assert not Answer.objects.exists()
    office = client.get("/experts/office-hours/new/")
    assert office.status_code == 302
    assert "/accounts/two-factor" in office["Location"]


def test_member_cannot_reach_expert_pages(member: User) -> None:
    assert plain_client(member).get("/experts/office-hours/new/").status_code == 404


def test_expert_answer_is_highlighted_and_asker_notified(
    make_expert: Callable[..., Expert], ask: Callable[..., Question], member: User
) -> None:
    expert = make_expert()
    question = ask()
    client = verified_client(expert.user)
    response = client.post(
        f"/experts/questions/{question.pk}/reply/", {"body": "Keep a regular wake time."}
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.by_expert
    question.refresh_from_db()
    assert question.expert_answer_count == 1
    page = plain_client(member).get(f"/experts/questions/{question.pk}/").content.decode()
    assert 'class="post answer expert-answer"' in page
    assert "expert-badge" in page
    note = Notification.objects.get(recipient=member, kind="expert_answer")
    assert note.url == f"/experts/questions/{question.pk}/#answer-{answer.pk}"


def test_member_follow_up_is_not_highlighted(
    make_member: Callable[..., User], ask: Callable[..., Question]
) -> None:
    question = ask()
    other = make_member()
    response = plain_client(other).post(
        f"/experts/questions/{question.pk}/reply/", {"body": "Same here, following."}
    )
    assert response.status_code == 302
    assert not Answer.objects.get().by_expert
    assert not Notification.objects.filter(kind="expert_answer").exists()


def test_helpful_answer_is_pinned_first_and_only_asker_marks(
    make_expert: Callable[..., Expert],
    make_member: Callable[..., User],
    ask: Callable[..., Question],
    member: User,
) -> None:
    question = ask()
    first = actions.reply(
        author=make_expert().user, question=question, body="First idea.", expert=Expert()
    )
    second = actions.reply(
        author=make_expert().user, question=question, body="Second idea.", expert=Expert()
    )
    other = make_member()
    url = f"/experts/questions/{question.pk}/helpful/"
    assert plain_client(other).post(url, {"answer": second.pk}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.mark_helpful(user=other, question=question, answer=second)
    assert plain_client(member).post(url, {"answer": second.pk}).status_code == 302
    question.refresh_from_db()
    assert question.helpful_answer_id == second.pk
    assert [a.pk for a in queries.answers_for(question)] == [second.pk, first.pk]
    page = plain_client(member).get(f"/experts/questions/{question.pk}/").content.decode()
    assert page.index(f'id="answer-{second.pk}"') < page.index(f'id="answer-{first.pk}"')
    assert "helpful-answer" in page


def test_asker_cannot_mark_own_follow_up(ask: Callable[..., Question], member: User) -> None:
    question = ask()
    own = actions.reply(author=member, question=question, body="More detail.", expert=None)
    with pytest.raises(ValidationError):
        actions.mark_helpful(user=member, question=question, answer=own)


def test_question_list_query_count_is_fixed(
    ask: Callable[..., Question],
    member: User,
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(15):
        ask()
    client = plain_client(member)
    client.get("/experts/questions/")
    with django_assert_max_num_queries(8):
        response = client.get("/experts/questions/")
    assert response.content.decode().count('href="/experts/questions/') >= 15


def test_crisis_words_in_a_question_or_answer_open_an_urgent_case(
    make_member: Callable[..., User], member: User
) -> None:
    from halqa.moderation.models import Case

    question = actions.ask(
        asker=member, title="Tired", body="I want to kill myself tonight", topic="depression"
    )
    case = Case.objects.get(subject=member)
    assert case.kind == "crisis"
    assert case.urgency >= 90
    other = make_member()
    actions.reply(author=other, question=question, body="I want to end my life too", expert=None)
    assert Case.objects.filter(subject=other, kind="crisis").exists()


def test_everyday_question_opens_no_case(member: User) -> None:
    from halqa.moderation.models import Case

    actions.ask(asker=member, title="Sleep", body="How many hours should I sleep?", topic="sleep")
    assert not Case.objects.exists()


def test_question_list_filters_keep_through_pages(
    make_expert: Callable[..., Expert], ask: Callable[..., Question], member: User
) -> None:
    for _ in range(21):
        ask(topic="sleep")
    answered = ask(topic="sleep")
    expert = make_expert()
    actions.reply(author=expert.user, question=answered, body="An answer.", expert=expert)
    ask(topic="grief")
    client = plain_client(member)
    page = client.get("/experts/questions/?topic=sleep&waiting=1").content.decode()
    assert 'href="?topic=sleep&amp;waiting=1&amp;page=2"' in page
    second = client.get("/experts/questions/?topic=sleep&waiting=1&page=2").content.decode()
    assert len(re.findall(r'href="/experts/questions/\d+/"', second)) == 1
    assert f'href="/experts/questions/{answered.pk}/"' not in page + second


def test_crisis_words_in_the_title_alone_count_as_crisis(member: User) -> None:
    """As for a thread's opening post: the title's verdict is taken into the question's."""
    from halqa.moderation.models import Case

    question = actions.ask(
        asker=member,
        title="I want to kill myself tonight",
        body="How do I get through the night?",
        topic="depression",
    )
    assert question.needs_crisis_help
    assert Case.objects.get(subject=member).kind == "crisis"


def test_a_title_with_personal_details_is_refused(member: User) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.ask(
            asker=member,
            title="Write to me at quiet.harbor@example.com",
            body="I cannot sleep at all.",
            topic="sleep",
        )
    assert "title" in raised.value.message_dict
    assert not Question.objects.exists()
