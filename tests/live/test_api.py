"""Live sessions over JSON: the same rules as the room, with since_id (`after`) paging."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.accounts.tokens import issue_token
from halqa.conversations.publish import MAX_LENGTH
from halqa.conversations.schemas import CrisisHelpOut
from halqa.live import actions
from halqa.live.models import LiveMessage, LiveSession
from tests.api.conftest import JsonClient, assert_error


@pytest.fixture
def api() -> JsonClient:
    return JsonClient()


def _token(room: dict[str, Any], who: str) -> str:
    return issue_token(user=room[who], name="phone")


def test_api_lists_sessions_and_detail(room: dict[str, Any], api: JsonClient) -> None:
    token = _token(room, "amal")
    sessions = api.get(f"/api/live/groups/{room['group'].slug}/sessions", token=token)
    assert sessions.status_code == 200
    assert [s["title"] for s in sessions.json()] == ["Evening circle"]
    detail = api.get(f"/api/live/sessions/{room['session'].pk}", token=token).json()
    assert (detail["is_open"], detail["facilitator"], detail["last_seq"]) == (True, "calm_lead", 0)


def test_api_hides_private_sessions_from_outsiders(room: dict[str, Any], api: JsonClient) -> None:
    token = _token(room, "outsider")
    session_id = room["session"].pk
    assert_error(api.get(f"/api/live/sessions/{session_id}", token=token), 404)
    assert_error(api.get(f"/api/live/sessions/{session_id}/messages", token=token), 404)
    assert_error(api.get(f"/api/live/groups/{room['group'].slug}/sessions", token=token), 404)
    sent = api.post(f"/api/live/sessions/{session_id}/messages", {"body": "hi"}, token=token)
    assert_error(sent, 404)
    assert_error(api.get(f"/api/live/sessions/{session_id}"), 401)


def test_api_posts_and_pages_messages_after_seq(room: dict[str, Any], api: JsonClient) -> None:
    token = _token(room, "amal")
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    for n in range(5):
        response = api.post(url, {"body": f"m{n}", "client_id": f"c{n}"}, token=token)
        assert response.status_code == 201
    again = api.post(url, {"body": "m0", "client_id": "c0"}, token=token)
    assert again.json()["seq"] == 1
    assert LiveMessage.objects.count() == 5
    page = api.get(f"{url}?after=2&limit=2", token=token).json()
    assert [m["seq"] for m in page] == [3, 4]
    assert page[0]["body_html"] == "<p>m2</p>\n"
    assert page[0]["author"] == "amal_r"
    assert [m["seq"] for m in api.get(f"{url}?after=4", token=token).json()] == [5]


@pytest.mark.parametrize("query", ["after=-1", "after=abc", "limit=0", "limit=1000"])
def test_api_refuses_bad_paging(room: dict[str, Any], api: JsonClient, query: str) -> None:
    url = f"/api/live/sessions/{room['session'].pk}/messages?{query}"
    assert_error(api.get(url, token=_token(room, "amal")), 422)


@pytest.mark.parametrize(
    "body",
    [
        {"body": ""},
        {"body": "\x00\x01"},
        {"body": "a" * 10_001},
        {"body": "a" * 30_000},
        {},
        {"body": 5},
        {"body": "hi", "client_id": "x" * 65},
    ],
)
def test_api_refuses_bad_messages(room: dict[str, Any], api: JsonClient, body: Any) -> None:
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    assert_error(api.post(url, body, token=_token(room, "amal")), 422)
    assert not LiveMessage.objects.exists()


@pytest.mark.parametrize("length", [MAX_LENGTH + 1, 2 * MAX_LENGTH + 1])
def test_api_message_limit_is_the_publish_paths(
    room: dict[str, Any], api: JsonClient, length: int
) -> None:
    """One limit (publish.MAX_LENGTH) and one explanation, however far over it a body is."""
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    token = _token(room, "amal")
    body = assert_error(api.post(url, {"body": "a" * length}, token=token), 422)
    assert body["fields"] == {
        "body": [f"This message is too long: please keep it under {MAX_LENGTH} characters."]
    }
    padded = "a" * MAX_LENGTH + "\n  "  # measured once cleaned, as for the form and the socket
    assert api.post(url, {"body": padded}, token=token).status_code == 201


def test_api_explains_refusals_in_arabic(room: dict[str, Any], api: JsonClient) -> None:
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    token = _token(room, "amal")
    actions.set_slow_mode(by=room["lead"], session=room["session"], seconds=30)
    assert api.post(url, {"body": "one"}, token=token).status_code == 201
    slow = api.post(url, {"body": "two"}, token=token, lang="ar")
    body = assert_error(slow, 429, lang="ar")
    assert body["code"] == "slow_mode"
    assert int(slow["Retry-After"]) > 0
    actions.close_room(by=room["lead"], session=room["session"])
    assert (
        assert_error(api.post(url, {"body": "x"}, token=_token(room, "sami")), 409)["code"]
        == "closed"
    )


def test_api_facilitator_actions(room: dict[str, Any], api: JsonClient) -> None:
    message = actions.post_live_message(author=room["amal"], session=room["session"], body="x")
    base = f"/api/live/sessions/{room['session'].pk}"
    lead, amal = _token(room, "lead"), _token(room, "amal")
    assert_error(api.post(f"{base}/close", token=amal), 403)
    assert api.post(f"{base}/close", token=lead).json()["is_open"] is False
    assert (
        api.post(f"{base}/slow-mode", {"seconds": 60}, token=lead).json()["slow_mode_seconds"] == 60
    )
    assert_error(api.post(f"{base}/slow-mode", {"seconds": 7}, token=lead), 422)
    assert api.post(f"{base}/messages/{message.pk}/pin", token=lead).json()["pinned"] is True
    assert api.post(f"{base}/messages/{message.pk}/mute-author", token=lead).status_code == 200
    assert_error(api.post(f"{base}/messages/{message.pk}/explode", token=lead), 422)
    assert_error(api.post(f"{base}/messages/999999/pin", token=lead), 404)
    assert api.post(f"{base}/open", token=lead).json()["is_open"] is True
    refused = api.post(f"{base}/messages", {"body": "hello"}, token=amal)
    assert assert_error(refused, 403)["code"] == "muted"


def test_api_schedules_sessions(room: dict[str, Any], api: JsonClient) -> None:
    url = f"/api/live/groups/{room['group'].slug}/sessions"
    data = {
        "title": "Sunday",
        "starts_at": "2030-01-05T18:00:00Z",
        "ends_at": "2030-01-05T19:00:00Z",
    }
    assert api.post(url, data, token=_token(room, "lead")).status_code == 201
    assert_error(api.post(url, data, token=_token(room, "amal")), 403)
    assert_error(
        api.post(url, {**data, "ends_at": "2030-01-05T17:00:00Z"}, token=_token(room, "lead")), 422
    )
    assert_error(api.post(url, {**data, "starts_at": "tomorrow"}, token=_token(room, "lead")), 422)
    assert LiveSession.objects.filter(title="Sunday").count() == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_api_refuses_sessions_in_the_past_or_too_long(
    room: dict[str, Any], api: JsonClient, lang: str
) -> None:
    url = f"/api/live/groups/{room['group'].slug}/sessions"
    token = _token(room, "lead")
    past = {"title": "Old", "starts_at": "2020-01-05T18:00:00Z", "ends_at": "2020-01-05T19:00:00Z"}
    body = assert_error(api.post(url, past, token=token, lang=lang), 422, lang)
    assert list(body["fields"]) == ["starts_at"]
    marathon = {**past, "starts_at": "2030-01-05T08:00:00Z", "ends_at": "2030-01-05T20:00:00Z"}
    body = assert_error(api.post(url, marathon, token=token, lang=lang), 422, lang)
    assert list(body["fields"]) == ["ends_at"]
    assert not LiveSession.objects.filter(title="Old").exists()


def test_api_crisis_help_is_the_conversations_object(room: dict[str, Any], api: JsonClient) -> None:
    amal = room["amal"]
    amal.country = "EG"
    amal.save(update_fields=["country"])
    url = f"/api/live/sessions/{room['session'].pk}/messages"
    token = _token(room, "amal")
    calm = api.post(url, {"body": "Good evening"}, token=token).json()
    assert calm["crisis_help"] is None
    worried = api.post(url, {"body": "ياريت أنام وما أصحى، تعبت من كل شي"}, token=token)
    assert worried.status_code == 201
    help_now = worried.json()["crisis_help"]
    assert help_now == CrisisHelpOut.of(amal).model_dump()
    assert help_now["url"] == "/crisis/"
    assert help_now["emergency_numbers"]  # Egypt's, as the thread API gives them
    assert set(help_now) == set(CrisisHelpOut.model_fields)
