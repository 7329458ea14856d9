"""The room without JavaScript: pages, form posts, the polling fragment, facilitator controls."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from halqa.live import actions
from halqa.live.models import LiveMessage, LiveSession, RoomMute
from tests.live.conftest import client_for

ARABIC = re.compile(r"[\u0600-\u06ff]")


def _room_url(room: dict[str, Any]) -> str:
    return f"/live/{room['session'].pk}/"


def _post(room: dict[str, Any], who: str, body: str, client_id: str = "") -> Any:
    return client_for(room[who]).post(_room_url(room), {"body": body, "client_id": client_id})


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_room_page_renders_in_both_languages(room: dict[str, Any], lang: str) -> None:
    actions.post_live_message(author=room["sami"], session=room["session"], body="**hi** there")
    response = client_for(room["amal"], lang).get(_room_url(room))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang == "ar")
    assert "<strong>hi</strong> there" in html
    assert "live message 1 in session" not in html  # not mistaken for the site's messages
    assert 'data-ws-path="/ws/live/' in html
    assert 'hx-trigger="every 3s"' in html
    main = html.split("<main", 1)[1].split("<footer", 1)[0].split("Evening circle", 1)[1]
    assert bool(ARABIC.search(main)) == (lang == "ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_sessions_page_lists_and_offers_schedule_to_facilitators(
    room: dict[str, Any], lang: str
) -> None:
    url = f"/live/groups/{room['group'].slug}/sessions/"
    response = client_for(room["lead"], lang).get(url)
    assert response.status_code == 200
    assert b"Evening circle" in response.content
    assert b'name="starts_at"' in response.content
    member_page = client_for(room["amal"], lang).get(url)
    assert b'name="starts_at"' not in member_page.content


def test_sessions_page_query_count_is_fixed(
    room: dict[str, Any], make_session: Callable[..., LiveSession], django_assert_num_queries: Any
) -> None:
    client = client_for(room["amal"])
    client.get(f"/live/groups/{room['group'].slug}/sessions/")  # warm the session
    for _ in range(5):
        make_session(group=room["group"], facilitator=room["lead"])
    # session, user, group, membership, sessions with facilitators, the notification badge
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(7):
        client.get(f"/live/groups/{room['group'].slug}/sessions/")


def test_room_page_query_count_is_fixed(
    room: dict[str, Any], django_assert_num_queries: Any
) -> None:
    client = client_for(room["amal"])
    client.get(_room_url(room))
    for n in range(10):
        actions.post_live_message(author=room["sami"], session=room["session"], body=f"m{n}")
    # + the header's moderation link (does the member moderate a group?)
    # + the reader's muted words and muted topics (folded messages)
    with django_assert_num_queries(10):
        client.get(_room_url(room))


def test_schedule_session_by_form(room: dict[str, Any]) -> None:
    url = f"/live/groups/{room['group'].slug}/sessions/"
    data = {
        "title": "Morning check-in",
        "starts_at": "2030-01-02T09:00",
        "ends_at": "2030-01-02T10:00",
    }
    response = client_for(room["lead"]).post(url, data)
    session = LiveSession.objects.get(title="Morning check-in")
    assert response.status_code == 302
    assert response["Location"] == f"/live/{session.pk}/"
    bad = client_for(room["lead"]).post(url, {**data, "ends_at": "2030-01-02T08:00"})
    assert bad.status_code == 400
    assert b"The session must end after it starts." in bad.content
    garbage = client_for(room["lead"]).post(url, {"title": "", "starts_at": "soon", "ends_at": ""})
    assert garbage.status_code == 400
    assert client_for(room["amal"]).post(url, data).status_code == 403
    assert LiveSession.objects.filter(title="Morning check-in").count() == 1


@pytest.mark.parametrize(
    ("lang", "starts", "ends", "error"),
    [
        ("en", "2020-01-02T09:00", "2020-01-02T10:00", "This time has already passed"),
        ("ar", "2020-01-02T09:00", "2020-01-02T10:00", "هذا الوقت مضى"),
        ("en", "2030-01-02T09:00", "2030-01-02T23:00", "A session can last at most 8 hours."),
        ("ar", "2030-01-02T09:00", "2030-01-02T23:00", "يمكن أن تستمر الجلسة 8 ساعات على الأكثر."),
    ],
)
def test_schedule_form_refuses_past_and_overlong_sessions(
    room: dict[str, Any], lang: str, starts: str, ends: str, error: str
) -> None:
    url = f"/live/groups/{room['group'].slug}/sessions/"
    data = {"title": "Too late", "starts_at": starts, "ends_at": ends}
    response = client_for(room["lead"], lang).post(url, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert 'value="Too late"' in response.content.decode()  # nothing typed is lost
    assert not LiveSession.objects.filter(title="Too late").exists()


def test_private_group_sessions_are_404_to_outsiders_and_visitors(room: dict[str, Any]) -> None:
    session_id = room["session"].pk
    for client in (client_for(room["outsider"]), Client()):
        assert client.get(f"/live/{session_id}/").status_code == 404
        assert client.get(f"/live/{session_id}/messages/?after=0").status_code == 404
        assert client.get(f"/live/groups/{room['group'].slug}/sessions/").status_code == 404
        assert client.post(f"/live/{session_id}/", {"body": "hi"}).status_code == 404
    assert client_for(room["amal"]).get("/live/999999/").status_code == 404
    assert client_for(room["amal"]).get("/live/groups/no-such-group/sessions/").status_code == 404


def test_public_group_room_is_readable_but_only_members_send(
    make_member: Any, make_group: Any, make_session: Any
) -> None:
    member, reader = make_member(), make_member()
    session = make_session(group=make_group(visibility="public", members=(member,)))
    actions.post_live_message(author=member, session=session, body="welcome")
    assert b"welcome" in Client().get(f"/live/{session.pk}/").content
    response = client_for(reader).post(f"/live/{session.pk}/", {"body": "hi"})
    assert response.status_code == 400
    assert b"Only members of this group can send messages here." in response.content
    assert LiveMessage.objects.count() == 1


def test_form_post_shows_the_message_and_stores_once_on_resubmit(room: dict[str, Any]) -> None:
    response = _post(room, "amal", "I made it through today", client_id="form-1")
    assert response.status_code == 200
    assert b"I made it through today" in response.content
    assert _post(room, "amal", "I made it through today", client_id="form-1").status_code == 200
    assert LiveMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Please write something before sending."),
        ("\x00\x01\x02", "Please write something before sending."),
        ("a" * 20_000, "This message is too long"),
        ("b" * 40_000, "This message is too long"),
    ],
)
def test_form_post_bad_input_gets_clear_error(room: dict[str, Any], body: str, error: str) -> None:
    response = _post(room, "amal", body)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not LiveMessage.objects.exists()


def test_form_post_with_forged_client_id_is_refused_clearly(room: dict[str, Any]) -> None:
    response = _post(room, "amal", "hello", client_id="x" * 65)
    assert response.status_code == 400
    assert "at most 64 characters" in response.content.decode()
    assert not LiveMessage.objects.exists()


def test_form_post_refusals_are_explained(room: dict[str, Any]) -> None:
    actions.set_slow_mode(by=room["lead"], session=room["session"], seconds=60)
    assert _post(room, "amal", "first").status_code == 200
    slow = _post(room, "amal", "second")
    assert slow.status_code == 400
    assert b"Slow mode is on" in slow.content
    actions.close_room(by=room["lead"], session=room["session"])
    closed = _post(room, "sami", "hello")
    assert closed.status_code == 400
    assert b"This room is closed for now" in closed.content
    assert LiveMessage.objects.count() == 1


def test_form_post_with_crisis_text_shows_help_card(room: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(LiveMessage, "needs_crisis_help", property(lambda self: True))
    room["amal"].country = "JO"
    room["amal"].save()
    response = _post(room, "amal", "some words")
    html = response.content.decode()
    assert response.status_code == 200
    card = html.split("data-live-crisis", 1)[1].split(">", 1)[0]
    assert "hidden" not in card
    assert 'href="/crisis/"' in html


def test_visitor_post_goes_to_login(make_group: Any, make_session: Any) -> None:
    session = make_session(group=make_group(visibility="public"))
    response = Client().post(f"/live/{session.pk}/", {"body": "hi"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_polling_fragment_returns_newer_messages_and_next_poller(room: dict[str, Any]) -> None:
    for n in range(3):
        actions.post_live_message(author=room["sami"], session=room["session"], body=f"poll {n}")
    response = client_for(room["amal"]).get(f"/live/{room['session'].pk}/messages/?after=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "poll 0" not in html
    assert "poll 1" in html
    assert "poll 2" in html
    assert f"/live/{room['session'].pk}/messages/?after=3" in html
    assert "<html" not in html


@pytest.mark.parametrize("after", ["", "abc", "-1", "1.5", "99999999999999", "١"])
def test_polling_fragment_refuses_bad_after(room: dict[str, Any], after: str) -> None:
    response = client_for(room["amal"]).get(f"/live/{room['session'].pk}/messages/?after={after}")
    assert response.status_code == 400


def test_facilitator_controls(room: dict[str, Any]) -> None:
    message = actions.post_live_message(author=room["amal"], session=room["session"], body="hey")
    lead = client_for(room["lead"])
    url = f"/live/{room['session'].pk}/control/"
    assert lead.post(url, {"action": "close"}).status_code == 302
    assert lead.post(url, {"action": "slow_mode", "seconds": "30"}).status_code == 302
    assert lead.post(url, {"action": "pin", "message": message.pk}).status_code == 302
    assert lead.post(url, {"action": "mute", "message": message.pk}).status_code == 302
    session = LiveSession.objects.get(pk=room["session"].pk)
    assert (session.is_open, session.slow_mode_seconds) == (False, 30)
    assert LiveMessage.objects.get(pk=message.pk).pinned
    assert RoomMute.objects.filter(user=room["amal"]).exists()
    page = lead.get(_room_url(room)).content.decode()
    assert "Slow mode: 30 seconds" in " ".join(page.split())
    assert "Done." in page
    assert 'value="unmute"' in page
    assert 'value="unpin"' in page
    assert 'value="open"' in page


@pytest.mark.parametrize(
    "data",
    [
        {"action": "slow_mode", "seconds": "7"},
        {"action": "dance"},
        {"action": "pin", "message": "x"},
        {"action": "pin", "message": "999999"},
        {},
    ],
)
def test_facilitator_controls_bad_input(room: dict[str, Any], data: dict[str, str]) -> None:
    response = client_for(room["lead"]).post(f"/live/{room['session'].pk}/control/", data)
    assert response.status_code in (302, 404)
    assert LiveSession.objects.get(pk=room["session"].pk).slow_mode_seconds == 0


def test_members_cannot_use_controls(room: dict[str, Any]) -> None:
    response = client_for(room["amal"]).post(
        f"/live/{room['session'].pk}/control/", {"action": "close"}
    )
    assert response.status_code == 403
    assert LiveSession.objects.get(pk=room["session"].pk).is_open
