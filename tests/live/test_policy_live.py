"""The publish policy in live rooms: held bodies never reach others (socket, history, polling,
API); plan/method messages show others a placeholder; personal data is asked about first."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async

from halqa.accounts.tokens import issue_token
from halqa.groups.models import Membership
from halqa.live import actions
from halqa.moderation.enums import ContentState
from halqa.moderation.models import Case
from tests.live.conftest import client_for
from tests.live.test_consumer import _close_worker_connections, _join, _next  # noqa: F401

ABUSE = "يا حمار يا كلب يا حقير"
PLAN = "I have pills saved and tonight I will take them all to end my life"
PHONE_AR = "رقمي ٠٧٩١٢٣٤٥٦٧ اتصلوا بي"

pytestmark = [pytest.mark.django_db(transaction=True)]


@database_sync_to_async
def _post(user: Any, session: Any, body: str, **kwargs: Any) -> Any:
    return actions.post_live_message(author=user, session=session, body=body, **kwargs)


@pytest.mark.asyncio
async def test_held_message_goes_to_its_author_only(room: dict[str, Any]) -> None:
    session = room["session"]
    author, _ = await _join(room["amal"], session.pk)
    other, _ = await _join(room["sami"], session.pk)
    held = await _post(room["amal"], session, ABUSE)
    assert held.state == ContentState.HELD
    mine = await _next(author, "message")
    assert mine["state"] == "held"
    assert "حمار" in mine["body_html"]
    assert mine["note"]
    clean = await _post(room["amal"], session, "Good evening everyone")
    seen = await _next(other, "message")
    assert seen["seq"] == clean.seq  # the held one was skipped, the order kept
    assert "Good evening" in seen["body_html"]
    await author.disconnect()
    await other.disconnect()
    # A newcomer's history never holds it either.
    late, frames = await _join(room["sami"], session.pk)
    bodies = " ".join(f.get("body_html", "") for f in frames)
    assert "حمار" not in bodies
    assert "Good evening" in bodies
    await late.disconnect()


@pytest.mark.asyncio
async def test_plan_message_shows_others_a_placeholder(room: dict[str, Any]) -> None:
    session = room["session"]
    other, _ = await _join(room["sami"], session.pk)
    message = await _post(room["amal"], session, PLAN)
    assert message.method_hidden
    seen = await _next(other, "message")
    assert "pills" not in seen["body_html"]
    assert "moderation-placeholder" in seen["body_html"]
    await other.disconnect()
    assert await database_sync_to_async(Case.objects.filter(live_message=message).exists)()


@pytest.mark.asyncio
async def test_personal_data_over_the_socket_asks_then_posts_masked(room: dict[str, Any]) -> None:
    session = room["session"]
    author, _ = await _join(room["amal"], session.pk)
    await author.send_json_to({"type": "send", "body": PHONE_AR, "client_id": "c1"})
    asked = await _next(author, "error")
    assert asked["code"] == "personal_data"
    assert asked["client_id"] == "c1"
    assert asked["message"]
    assert asked["body"] == PHONE_AR
    assert asked["crisis_help"] is None  # no crisis: no card (with one: the API's object)
    assert asked["spans"][0]["kind"] == "phone"
    assert PHONE_AR[asked["spans"][0]["start"] : asked["spans"][0]["end"]] == "٠٧٩١٢٣٤٥٦٧"
    frame = {"type": "send", "body": PHONE_AR, "client_id": "c1", "confirm_personal_data": True}
    await author.send_json_to(frame)
    other, history = await _join(room["sami"], session.pk)
    shown = [f for f in history if f["type"] == "message"]
    assert "٠٧٩١٢٣٤٥٦٧" not in shown[-1]["body_html"]
    assert "•••" in shown[-1]["body_html"]
    await author.disconnect()
    await other.disconnect()


@pytest.mark.asyncio
async def test_personal_data_over_the_socket_with_crisis_carries_the_card(
    room: dict[str, Any],
) -> None:
    """The socket's personal_data error has the API's crisis_help object, not a bool."""
    session = room["session"]
    author, _ = await _join(room["amal"], session.pk)
    body = f"I want to kill myself, I can't do this anymore. {PHONE_AR}"
    await author.send_json_to({"type": "send", "body": body, "client_id": "c2"})
    asked = await _next(author, "error")
    assert asked["code"] == "personal_data"
    assert set(asked["crisis_help"]) == {"emergency_numbers", "helplines", "url"}
    assert asked["crisis_help"]["url"] == "/crisis/"
    await author.disconnect()


@pytest.mark.asyncio
async def test_ack_carries_the_crisis_card_object_or_null(room: dict[str, Any]) -> None:
    """The ack's crisis_help is the API's object when help is due, else null (never a bool)."""
    session = room["session"]
    author, _ = await _join(room["amal"], session.pk)
    await author.send_json_to({"type": "send", "body": "Good evening all", "client_id": "c3"})
    calm = await _next(author, "ack", skip=("presence", "message"))
    assert calm["crisis_help"] is None
    body = "I want to kill myself, I can't do this anymore."
    await author.send_json_to({"type": "send", "body": body, "client_id": "c4"})
    worried = await _next(author, "ack", skip=("presence", "message"))
    assert set(worried["crisis_help"]) == {"emergency_numbers", "helplines", "url"}
    assert worried["crisis_help"]["url"] == "/crisis/"
    await author.disconnect()


def test_room_page_polling_and_api_hide_held_bodies(room: dict[str, Any]) -> None:
    session = room["session"]
    held = actions.post_live_message(author=room["amal"], session=session, body=ABUSE)
    page = client_for(room["sami"]).get(f"/live/{session.pk}/").content.decode()
    assert "حمار" not in page
    mine = client_for(room["amal"]).get(f"/live/{session.pk}/").content.decode()
    assert "حمار" in mine
    poll = client_for(room["sami"]).get(f"/live/{session.pk}/messages/?after=0")
    assert "حمار" not in poll.content.decode()
    token = issue_token(user=room["sami"], name="phone")
    api = client_for(room["sami"]).get(
        f"/api/live/sessions/{session.pk}/messages", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 200
    assert [m["id"] for m in api.json()] == []
    Membership.objects.filter(group=room["group"], user=room["lead"]).update(role="moderator")
    seen = client_for(room["lead"]).get(f"/live/{session.pk}/").content.decode()
    assert "حمار" in seen  # moderators see it whole
    assert held.pk


def test_room_form_guard_remove_it_for_me(room: dict[str, Any]) -> None:
    url = f"/live/{room['session'].pk}/"
    client = client_for(room["amal"])
    asked = client.post(url, {"body": PHONE_AR, "client_id": "f1"})
    page = asked.content.decode()
    assert "<mark" in page
    assert "٠٧٩١٢٣٤٥٦٧" in page
    removed = client.post(url, {"body": PHONE_AR, "client_id": "f1", "personal_data": "remove"})
    assert "رقمي ••• اتصلوا بي" in removed.content.decode()


def test_api_asks_about_personal_data_then_posts_masked(room: dict[str, Any]) -> None:
    token = issue_token(user=room["amal"], name="phone")
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client = client_for(room["amal"])
    asked = client.post(url, {"body": PHONE_AR}, content_type="application/json", **headers)
    assert asked.status_code == 422
    assert asked.json()["code"] == "personal_data"
    assert asked.json()["crisis_help"] is None
    again = {"body": PHONE_AR, "confirm_personal_data": True}
    posted = client.post(url, again, content_type="application/json", **headers)
    assert posted.status_code == 201
    assert "٠٧٩١٢٣٤٥٦٧" in posted.json()["body_html"]  # its author sees it whole
    other = issue_token(user=room["sami"], name="phone")
    seen = client_for(room["sami"]).get(url, HTTP_AUTHORIZATION=f"Bearer {other}").json()
    assert "٠٧٩١٢٣٤٥٦٧" not in seen[0]["body_html"]
    assert "•••" in seen[0]["body_html"]


def test_new_members_keep_a_slower_pace_and_trusted_ones_do_not(
    room: dict[str, Any], settings: Any
) -> None:
    from halqa.trust.models import MemberTrust

    settings.TRUST_RATE_LIMITS = True
    session = room["session"]
    MemberTrust.objects.create(user=room["amal"], level=0)
    MemberTrust.objects.create(user=room["sami"], level=2)
    actions.post_live_message(author=room["amal"], session=session, body="Hello all")
    with pytest.raises(actions.LiveError) as slowed:
        actions.post_live_message(author=room["amal"], session=session, body="And again")
    assert slowed.value.code == "slow_mode"
    assert slowed.value.retry_after
    for body in ("Hello", "And again"):
        actions.post_live_message(author=room["sami"], session=session, body=body)
