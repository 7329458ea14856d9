# ruff: noqa: F811 - pytest fixtures imported from tests.trust.fixtures
"""DESIGN §4 end to end: for each row, what the author sees, what others see, what the queue gets.

Clear-cut texts go through the real screening engine; borderline rows inject a Screening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from halqa.conversations import actions
from halqa.conversations.models import Post
from halqa.conversations.publish import PersonalDataFound
from halqa.moderation.enums import CaseKind, ContentState
from halqa.moderation.models import Case
from halqa.screening import CrisisLevel, PersonalDataKind, Span
from halqa.trust.models import MemberTrust
from tests.trust.fixtures import circle, inject, screening  # noqa: F401

ABUSE = "يا حمار يا كلب يا حقير"  # the engine: abuse 1.0
IDEATION = "I want to kill myself, I can't do this anymore"
PLAN = "I have pills saved and tonight I will take them all to end my life"
PHONE_AR = "اتصلوا بي على رقمي ٠٧٩١٢٣٤٥٦٧ إذا أردتم الكلام"


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["halqa_language"] = "en"
    client.force_login(user)
    return client


def _thread(circle: dict[str, Any]) -> Any:
    return actions.start_thread(
        author=circle["reader"], group=circle["group"], title="Evenings", body="How are you all?"
    )


def _page(user: Any, thread: Any) -> str:
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/"
    return _client(user).get(url).content.decode()


def test_abuse_high_is_held_seen_by_author_only_and_queued(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body=ABUSE)
    assert post.state == ContentState.HELD
    mine = _page(circle["author"], thread)
    assert "Waiting for a moderator" in mine
    assert "حمار" in mine
    assert "Be kind: the message may hurt someone" in mine  # the rule, named to the author
    others = _page(circle["reader"], thread)
    assert "حمار" not in others
    assert f"post-{post.pk}" not in others
    assert "حمار" in _page(circle["moderator"], thread)  # moderators see it whole
    case = Case.objects.get(post=post)
    assert case.kind == CaseKind.ABUSE
    assert case.urgency == 45


def test_abuse_medium_is_published_and_queued_low(
    circle: dict[str, Any], inject: Callable[..., None]
) -> None:
    thread = _thread(circle)
    inject(screening(abuse=0.6))
    post = actions.reply(author=circle["author"], thread=thread, body="you never listen to anyone")
    assert post.state == ContentState.PUBLISHED
    assert "you never listen" in _page(circle["reader"], thread)
    case = Case.objects.get(post=post)
    assert case.kind == CaseKind.ABUSE
    assert case.urgency == 20


def test_distress_is_published_without_a_case(
    circle: dict[str, Any], inject: Callable[..., None]
) -> None:
    thread = _thread(circle)
    inject(screening(crisis=CrisisLevel.DISTRESS))
    post = actions.reply(
        author=circle["author"], thread=thread, body="Today was really heavy for me"
    )
    assert post.state == ContentState.PUBLISHED
    assert not post.method_hidden
    assert not Case.objects.filter(post=post).exists()


def test_ideation_is_published_with_crisis_card_and_urgent_case(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    client = _client(circle["author"])
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/reply/"
    response = client.post(url, {"body": IDEATION, "token": "t-1"}, follow=True)
    post = Post.objects.get(client_token="t-1")
    assert post.state == ContentState.PUBLISHED
    assert not post.method_hidden
    assert "crisis" in response.content.decode().lower()
    assert "kill myself" in _page(circle["reader"], thread)  # peers can respond
    case = Case.objects.get(post=post)
    assert case.kind == CaseKind.CRISIS
    assert case.urgency >= 80


def test_plan_hides_method_from_others_only(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body=PLAN)
    assert post.state == ContentState.PUBLISHED
    assert post.method_hidden
    others = _page(circle["reader"], thread)
    assert "pills" not in others
    assert "a moderator will look at it" in others
    assert "reply with support" in others
    assert "pills" in _page(circle["author"], thread)
    assert "pills" in _page(circle["moderator"], thread)
    case = Case.objects.get(post=post)
    assert case.kind == CaseKind.CRISIS
    assert case.urgency == 100


def test_personal_data_asks_first_then_masks_for_others(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    with pytest.raises(PersonalDataFound) as found:
        actions.reply(author=circle["author"], thread=thread, body=PHONE_AR)
    kind, start, end = found.value.spans[0]
    assert kind == "phone"
    assert PHONE_AR[start:end] == "٠٧٩١٢٣٤٥٦٧"
    assert not Post.objects.filter(author=circle["author"]).exists()  # nothing stored
    post = actions.reply(
        author=circle["author"], thread=thread, body=PHONE_AR, confirm_personal_data=True
    )
    assert post.masked_spans == [[start, end]]
    others = _page(circle["reader"], thread)
    assert "٠٧٩١٢٣٤٥٦٧" not in others
    assert "•••" in others
    assert "٠٧٩١٢٣٤٥٦٧" in _page(circle["author"], thread)
    assert not Case.objects.filter(post=post).exists()


def test_links_from_new_members_are_held_and_from_trusted_published(
    circle: dict[str, Any],
) -> None:
    thread = _thread(circle)
    body = "This helped me a lot: https://example.org/sleep"
    held = actions.reply(author=circle["author"], thread=thread, body=body)
    assert held.state == ContentState.HELD
    assert Case.objects.get(post=held).kind == CaseKind.HELD
    MemberTrust.objects.create(user=circle["author"], level=1)
    published = actions.reply(author=circle["author"], thread=thread, body=body + " again")
    assert published.state == ContentState.PUBLISHED


def test_editing_a_held_post_screens_it_again(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body=ABUSE)
    assert post.state == ContentState.HELD
    actions.edit_post(editor=circle["author"], post=post, body="Sorry, I was angry. I'm calmer.")
    post.refresh_from_db()
    assert post.state == ContentState.PUBLISHED
    assert "calmer" in _page(circle["reader"], thread)


def test_held_post_stays_editable_after_the_edit_window(circle: dict[str, Any]) -> None:
    from datetime import timedelta

    from django.utils import timezone

    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body=ABUSE)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(days=1))
    post.refresh_from_db()
    assert actions.still_editable(post)
    actions.edit_post(editor=circle["author"], post=post, body="I'm sorry, let me say it kindly.")


def test_a_moderators_hide_survives_the_authors_edit(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body="A quiet evening here")
    Post.objects.filter(pk=post.pk).update(state=ContentState.HIDDEN)
    post.refresh_from_db()
    actions.edit_post(editor=circle["author"], post=post, body="A quiet evening here, again")
    post.refresh_from_db()
    assert post.state == ContentState.HIDDEN


def test_removed_post_shows_others_a_notice_with_the_rule(circle: dict[str, Any]) -> None:
    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body="Something unkind here")
    Post.objects.filter(pk=post.pk).update(
        state=ContentState.REMOVED, removed_rule="2. Respect privacy."
    )
    others = _page(circle["reader"], thread)
    assert "Something unkind" not in others
    assert "rule 2: Respect privacy." in others


def test_held_opening_post_hides_the_thread_from_others(circle: dict[str, Any]) -> None:
    thread = actions.start_thread(
        author=circle["author"], group=circle["group"], title="Hello", body=ABUSE
    )
    listing = f"/groups/{circle['group'].slug}/threads/"
    assert "Hello" not in _client(circle["reader"]).get(listing).content.decode()
    url = f"/groups/{thread.group.slug}/threads/{thread.pk}/"
    assert _client(circle["reader"]).get(url).status_code == 404
    assert _client(circle["author"]).get(url).status_code == 200
    assert _client(circle["moderator"]).get(url).status_code == 200


def test_held_reply_tells_nobody(circle: dict[str, Any]) -> None:
    from halqa.notifications.models import Notification

    thread = _thread(circle)
    actions.reply(author=circle["author"], thread=thread, body=ABUSE + " @reader_one")
    assert not Notification.objects.filter(recipient=circle["reader"]).exists()


def test_a_held_reply_is_not_counted_nor_shown_as_activity_until_approved(
    circle: dict[str, Any],
) -> None:
    """A count or a fresh "last activity" would tell others something is waiting."""
    from halqa.conversations.models import Thread
    from halqa.moderation import actions as moderation
    from halqa.moderation.cases import open_case

    thread = _thread(circle)
    actions.reply(author=circle["reader"], thread=thread, body="Evenings are hard for me too.")
    before = Thread.objects.get(pk=thread.pk)
    post = actions.reply(author=circle["author"], thread=thread, body=ABUSE)
    assert post.state == ContentState.HELD
    after = Thread.objects.get(pk=thread.pk)
    assert (after.reply_count, after.last_activity_at) == (1, before.last_activity_at)
    assert "1 reply" in _page(circle["reader"], thread)
    case = Case.objects.get(post=post)
    moderation.claim(case, circle["moderator"])
    moderation.approve(case, circle["moderator"])
    assert Thread.objects.get(pk=thread.pk).reply_count == 2
    flag = open_case(kind=CaseKind.FLAG, subject=post.author, reason="flag:abuse", post=post)
    moderation.claim(flag, circle["moderator"])
    moderation.hide(flag, circle["moderator"])
    assert Thread.objects.get(pk=thread.pk).reply_count == 1


def test_screening_results_are_in_no_member_payload(circle: dict[str, Any]) -> None:
    from halqa.accounts.tokens import issue_token

    thread = _thread(circle)
    post = actions.reply(author=circle["author"], thread=thread, body=PLAN)
    secrets = ("model_version", "crisis_probability", "abuse_label", "crisis:plan:method")
    for user in (circle["author"], circle["reader"]):
        page = _page(user, thread)
        token = issue_token(user=user, name="phone")
        api = Client().get(
            f"/api/conversations/groups/{thread.group.slug}/threads/{thread.pk}",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert api.status_code == 200
        for secret in secrets:
            assert secret not in page
            assert secret not in api.content.decode()
    assert "crisis:plan:method" in str(post.screening)  # it is stored, for moderators


def test_watched_words_hold_mask_and_flag(circle: dict[str, Any]) -> None:
    from halqa.trust.models import WatchedWord

    group = circle["group"]
    WatchedWord.objects.create(group=group, pattern="casino", match="exact", action="hold")
    WatchedWord.objects.create(group=group, pattern="المستشفى", match="exact", action="mask")
    WatchedWord.objects.create(group=group, pattern="diet", match="prefix", action="flag")
    thread = _thread(circle)
    held = actions.reply(author=circle["author"], thread=thread, body="Come to the Casino tonight")
    assert held.state == ContentState.HELD
    assert Case.objects.get(post=held).kind == CaseKind.HELD
    masked = actions.reply(author=circle["author"], thread=thread, body="رحت للمستشفى اليوم")
    assert masked.state == ContentState.PUBLISHED
    assert masked.masked_spans == [[4, 12]]
    assert "للمستشفى" not in _page(circle["reader"], thread)
    flagged = actions.reply(author=circle["author"], thread=thread, body="My dieting plan is hard")
    assert flagged.state == ContentState.PUBLISHED
    assert Case.objects.get(post=flagged).kind == CaseKind.FLAG


def test_api_asks_about_personal_data_then_posts_anyway(circle: dict[str, Any]) -> None:
    from halqa.accounts.tokens import issue_token

    thread = _thread(circle)
    token = issue_token(user=circle["author"], name="phone")
    url = f"/api/conversations/groups/{thread.group.slug}/threads/{thread.pk}/posts"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = Client().post(url, {"body": PHONE_AR}, content_type="application/json", **headers)
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "personal_data"
    assert data["resend_with"] == {"confirm_personal_data": True}
    assert data["spans"][0]["kind"] == PersonalDataKind.PHONE
    again = {"body": PHONE_AR, "confirm_personal_data": True}
    response = Client().post(url, again, content_type="application/json", **headers)
    assert response.status_code == 201
    assert response.json()["body"] == PHONE_AR  # its author sees it whole


def test_injected_personal_data_span(circle: dict[str, Any], inject: Callable[..., None]) -> None:
    thread = _thread(circle)
    inject(screening(spans=[Span(PersonalDataKind.EMAIL, 9, 18)]))
    with pytest.raises(PersonalDataFound):
        actions.reply(author=circle["author"], thread=thread, body="write to x@y.org, friends")


def test_a_threads_title_is_judged_with_its_opening_post(circle: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    group = circle["group"]
    with pytest.raises(ValidationError) as refused:  # titles show unmasked in lists
        actions.start_thread(author=circle["author"], group=group, title=PHONE_AR, body="Hello")
    assert refused.value.message_dict["title"]
    assert not Post.objects.filter(author=circle["author"]).exists()
    held = actions.start_thread(author=circle["author"], group=group, title=ABUSE, body="Hello")
    assert held.posts.get().state == ContentState.HELD
    crisis = actions.start_thread(author=circle["author"], group=group, title=IDEATION, body="Hi")
    opening = crisis.posts.get()
    assert opening.state == ContentState.PUBLISHED
    assert opening.screening["crisis"] == "ideation"
    assert opening.screening["title"]["policy"]["crisis"] == "ideation"
    assert Case.objects.get(post=opening).kind == CaseKind.CRISIS


def test_each_text_of_a_new_thread_is_screened_once(
    circle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from halqa.screening import screen

    screened: list[str] = []

    def counting(text: str, **kwargs: Any) -> Any:
        screened.append(text)
        return screen(text, **kwargs)

    monkeypatch.setattr("halqa.conversations.publish.screen", counting)
    actions.start_thread(author=circle["author"], group=circle["group"], title="Hi", body="Hello")
    assert sorted(screened) == ["Hello", "Hi"]
