"""The notification pages, in Arabic and English, without JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from halqa.accounts.models import User
from halqa.notifications import actions
from halqa.notifications.context import unread
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification, NotificationPreference

MakeNotification = Callable[..., Notification]
LIST = "/notifications/"


def test_list_shows_who_and_where_in_english(
    english: Client, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    assert notification.actor is not None
    assert notification.group is not None
    page = english.get(LIST).content.decode()
    assert 'dir="ltr"' in page
    assert "replied to your thread in" in page
    assert notification.actor.pseudonym in page
    assert notification.group.name in page
    assert "Mark all as read" in page


def test_list_speaks_arabic_by_default(
    member_client: Client, member: User, make_notification: MakeNotification
) -> None:
    make_notification(recipient=member, kind=Kind.MENTION)
    page = member_client.get(LIST).content.decode()
    assert 'dir="rtl"' in page
    assert "ذكرك" in page
    assert "جديد" in page


def test_list_is_empty_kindly(english: Client, member: User) -> None:
    page = english.get(LIST).content.decode()
    assert "Nothing new." in page
    assert "Mark all as read" not in page


def test_list_hides_names_when_asked(
    english: Client, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    actions.set_preferences(user=member, enabled={}, hide_names=True)
    page = english.get(LIST).content.decode()
    assert "You have a new notification" in page
    assert notification.actor is not None
    assert notification.group is not None
    assert notification.actor.pseudonym not in page
    assert notification.group.name not in page


def test_list_shows_only_my_notifications(
    english: Client,
    member: User,
    make_member: Callable[..., User],
    make_notification: MakeNotification,
) -> None:
    other = make_notification(recipient=make_member())
    assert other.group is not None
    assert other.group.name not in english.get(LIST).content.decode()


def test_list_pages_newest_first(
    english: Client, member: User, make_notification: MakeNotification
) -> None:
    rows = [make_notification(recipient=member) for _ in range(21)]
    first = english.get(LIST).content.decode()
    second = english.get(LIST, {"page": "2"}).content.decode()
    assert rows[-1].group is not None
    assert rows[0].group is not None
    assert rows[-1].group.name + "\u2069" in first
    assert rows[0].group.name + "\u2069" in second
    assert rows[0].group.name + "\u2069" not in first


@pytest.mark.parametrize("page", ["abc", "-1", "99999", "", "1" * 400])
def test_list_bad_page_is_not_an_error(english: Client, member: User, page: str) -> None:
    assert english.get(LIST, {"page": page}).status_code == 200


def test_list_query_count_is_pinned(
    english: Client,
    member: User,
    make_notification: MakeNotification,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for _ in range(5):
        make_notification(recipient=member)
    # session, user, count (paginator), rows with actor and group, hide-names
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(7):
        english.get(LIST)


def test_list_needs_login(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_open_marks_read_and_goes_there(
    member_client: Client, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member, url="/groups/grief/threads/7/")
    response = member_client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/groups/grief/threads/7/"
    notification.refresh_from_db()
    assert not notification.is_unread


def test_open_needs_post(
    member_client: Client, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    assert (
        member_client.get(reverse("notifications:open", args=[notification.pk])).status_code == 405
    )
    notification.refresh_from_db()
    assert notification.is_unread


def test_open_another_members_notification_is_404(
    member_client: Client, make_member: Callable[..., User], make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=make_member())
    response = member_client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.is_unread


def test_follow_link_resolves_only_after_login_and_only_for_its_recipient(
    member: User, make_member: Callable[..., User], make_notification: MakeNotification
) -> None:
    """The hide_names link names no group: not before login, not in the login page's `next`."""
    notification = make_notification(recipient=member, url="/groups/grief-and-loss/threads/7/")
    link = f"/notifications/{notification.pk}/go/"
    assert reverse("notifications:follow", args=[notification.pk]) == link
    visitor = Client().get(link)
    assert visitor.status_code == 302
    assert "grief" not in visitor["Location"]
    assert visitor["Location"].startswith(reverse("accounts:login"))
    stranger = Client()
    stranger.force_login(make_member())
    assert stranger.get(link).status_code == 404
    owner = Client()
    owner.force_login(member)
    followed = owner.get(link)
    assert (followed.status_code, followed["Location"]) == (302, notification.url)
    assert owner.post(link).status_code == 405
    notification.refresh_from_db()
    assert notification.is_unread  # a GET changes nothing; opening from the list marks it read
    Notification.objects.filter(pk=notification.pk).update(url="https://elsewhere.example/")
    assert owner.get(link)["Location"] == LIST


def test_open_never_leaves_the_site(
    member_client: Client, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    Notification.objects.filter(pk=notification.pk).update(url="https://elsewhere.example/")
    response = member_client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == LIST


def test_read_all_marks_everything(
    english: Client, member: User, make_notification: MakeNotification
) -> None:
    for _ in range(3):
        make_notification(recipient=member)
    response = english.post(reverse("notifications:read_all"), follow=True)
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_read_all_in_arabic(member_client: Client, member: User) -> None:
    response = member_client.post(reverse("notifications:read_all"), follow=True)
    assert "عُلّمت كل إشعاراتك كمقروءة." in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Replies to my threads", "Hide who and where"]),
        ("ar", ["الردود على مواضيعي", "إخفاء مَن وأين"]),
    ],
)
def test_preferences_page_lists_every_kind(
    member_client: Client, member: User, lang: str, words: list[str]
) -> None:
    member_client.cookies["halqa_language"] = lang
    page = member_client.get(reverse("notifications:preferences")).content.decode()
    for word in words:
        assert word in page
    for kind in Kind:
        assert f'name="{kind.value}"' in page
    assert page.count("checked") == len(Kind)  # every kind on, names shown


def test_preferences_page_saves_choices(english: Client, member: User) -> None:
    data = {kind.value: "on" for kind in Kind if kind != Kind.REACTION} | {"hide_names": "on"}
    response = english.post(reverse("notifications:preferences"), data, follow=True)
    assert "Your notification choices are saved." in response.content.decode()
    off = NotificationPreference.objects.filter(user=member, enabled=False)
    assert list(off.values_list("kind", flat=True)) == [Kind.REACTION]
    assert actions.notify(recipient=member, kind=Kind.REACTION, url="/x/") is None


def test_preferences_page_ignores_unknown_fields(english: Client, member: User) -> None:
    data = {"gossip": "on", "reply": "x" * 10_000, "hide_names": "\x00"}
    response = english.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert not NotificationPreference.objects.filter(kind="gossip").exists()


def test_unread_context_is_one_count_for_members(
    member: User,
    make_notification: MakeNotification,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    make_notification(recipient=member)
    request = RequestFactory().get("/")
    request.user = member
    with django_assert_num_queries(1):
        assert unread(request) == {"UNREAD_NOTIFICATIONS": 1}


def test_unread_context_costs_visitors_nothing(
    db: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}
