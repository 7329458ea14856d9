"""The notifications API: the member's own notifications, read state and choices."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from pytest_django import DjangoAssertNumQueries

from halqa.accounts.models import User
from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification
from tests.api.conftest import JsonClient, assert_error

MakeNotification = Callable[..., Notification]
BASE = "/api/notifications/"


def test_api_list_gives_sentences_not_content(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    body = api.get(BASE, token=token).json()
    assert body["count"] == 1
    assert body["unread_count"] == 1
    item = body["items"][0]
    assert item["id"] == notification.pk
    assert item["kind"] == "reply"
    assert item["unread"] is True
    assert item["actor"] == notification.actor.pseudonym  # type: ignore[union-attr]
    assert item["group"]["slug"] == notification.group.slug  # type: ignore[union-attr]
    assert "replied to your thread in" in item["text"]


def test_api_list_in_arabic(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    make_notification(recipient=member, kind=Kind.SESSION_SOON)
    item = api.get(BASE, token=token, lang="ar").json()["items"][0]
    assert "جلسة مباشرة" in item["text"]


def test_api_list_filters_unread_and_pages(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    rows = [make_notification(recipient=member) for _ in range(22)]
    api.post(f"{BASE}{rows[-1].pk}/read", token=token)
    unread = api.get(f"{BASE}?unread=true", token=token).json()
    assert unread["count"] == 21
    assert rows[-1].pk not in [item["id"] for item in unread["items"]]
    second = api.get(f"{BASE}?page=2", token=token).json()
    assert [item["id"] for item in second["items"]] == [rows[1].pk, rows[0].pk]
    assert second["pages"] == 2
    assert api.get(f"{BASE}?page=3", token=token).json()["items"] == []


@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "page=-4", "page=" + "9" * 40, "unread=maybe"]
)
def test_api_list_bad_query_is_a_clear_error(api: JsonClient, token: str, query: str) -> None:
    assert_error(api.get(f"{BASE}?{query}", token=token), 422)
    assert_error(api.get(f"{BASE}?{query}", token=token, lang="ar"), 422, "ar")


def test_api_needs_a_token(api: JsonClient, db: None) -> None:
    assert_error(api.get(BASE), 401)
    assert_error(api.post(f"{BASE}read-all"), 401)


def test_api_read_one(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member)
    body = api.post(f"{BASE}{notification.pk}/read", token=token).json()
    assert body["unread"] is False
    assert body["read_at"]
    notification.refresh_from_db()
    assert not notification.is_unread


def test_api_read_another_members_notification_is_404(
    api: JsonClient,
    token: str,
    make_member: Callable[..., User],
    make_notification: MakeNotification,
) -> None:
    notification = make_notification(recipient=make_member())
    assert_error(api.post(f"{BASE}{notification.pk}/read", token=token), 404)
    assert_error(api.post(f"{BASE}999999/read", token=token), 404)
    notification.refresh_from_db()
    assert notification.is_unread


def test_api_read_all(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    for _ in range(3):
        make_notification(recipient=member)
    assert api.post(f"{BASE}read-all", token=token).json() == {"marked": 3, "unread_count": 0}
    assert api.post(f"{BASE}read-all", token=token).json() == {"marked": 0, "unread_count": 0}


def test_api_preferences_default_to_everything_on(api: JsonClient, token: str) -> None:
    body = api.get(f"{BASE}preferences", token=token).json()
    assert body == {"kinds": dict.fromkeys(Kind.values, True), "hide_names": False}


def test_api_preferences_change_only_what_is_sent(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    api.call("PUT", f"{BASE}preferences", {"kinds": {"reaction": False}}, token=token)
    body = api.call("PUT", f"{BASE}preferences", {"hide_names": True}, token=token).json()
    assert body["kinds"]["reaction"] is False
    assert body["kinds"]["reply"] is True
    assert body["hide_names"] is True
    make_notification(recipient=member)
    item = api.get(BASE, token=token).json()["items"][0]
    assert item["text"] == "You have a new notification"
    assert item["actor"] is None
    assert item["group"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"kinds": {"gossip": True}},
        {"kinds": {"reply": "yes"}},
        {"kinds": ["reply"]},
        {"hide_names": "true"},
        {"kinds": {"x" * 10_000: True}},
    ],
)
def test_api_preferences_bad_input_is_a_clear_error(
    api: JsonClient, token: str, member: User, body: object
) -> None:
    assert_error(api.call("PUT", f"{BASE}preferences", body, token=token), 422)
    assert_error(api.call("PUT", f"{BASE}preferences", body, token=token, lang="ar"), 422, "ar")
    assert not member.notification_preferences.exists()


def test_api_preferences_refuse_non_json(api: JsonClient, token: str) -> None:
    assert_error(api.call("PUT", f"{BASE}preferences", raw="{", token=token), 400)
    assert_error(
        api.call(
            "PUT", f"{BASE}preferences", raw="kinds=1", content_type="text/plain", token=token
        ),
        415,
    )


def test_api_list_query_count_is_pinned(
    api: JsonClient,
    token: str,
    member: User,
    make_notification: MakeNotification,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for _ in range(5):
        make_notification(recipient=member)
    api.get(BASE, token=token)  # the token's last use is stamped at most once a while
    # token with member, count, rows with actor and group, hide-names, unread count
    with django_assert_num_queries(5):
        assert len(api.get(BASE, token=token).json()["items"]) == 5


def test_api_hidden_names_link_by_id_not_by_group(
    api: JsonClient, token: str, member: User, make_notification: MakeNotification
) -> None:
    notification = make_notification(recipient=member, url="/groups/grief-and-loss/threads/7/")
    shown = api.get(BASE, token=token).json()["items"][0]
    assert shown["url"] == "/groups/grief-and-loss/threads/7/"
    api.call("PUT", f"{BASE}preferences", {"hide_names": True}, token=token)
    hidden = api.get(BASE, token=token).json()["items"][0]
    assert hidden["url"] == f"/notifications/{notification.pk}/go/"
    read = api.post(f"{BASE}{notification.pk}/read", token=token).json()
    assert read["url"] == hidden["url"]
    assert "grief" not in json.dumps(api.get(BASE, token=token).json()).lower()
