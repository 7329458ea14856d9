"""Sessions and tokens: revocation, log out everywhere, two-factor bypass attempts, CSRF on
every state change."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from halqa.accounts.models import DeviceToken, User
from halqa.accounts.tokens import issue_token
from tests.api.conftest import JsonClient
from tests.conftest import PASSWORD
from tests.security.conftest import World, verified_client
from tests.security.routes import page_routes

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "olive trees by the winter sea 47"


def _me(token: str) -> int:
    return JsonClient().get("/api/accounts/me", token=token).status_code


# ---- tokens ---------------------------------------------------------------------------------


def test_revoking_a_device_token_ends_it_and_only_it(member: User, make_member: Any) -> None:
    phone, laptop = (issue_token(user=member, name=n) for n in ("phone", "laptop"))
    other = make_member(pseudonym="someone_else")
    theirs = issue_token(user=other, name="phone")
    client = JsonClient()
    listed = client.get("/api/accounts/tokens", token=laptop).json()
    phone_id = next(t["id"] for t in listed if t["name"] == "phone")
    their_id = other.device_tokens.get().pk
    # Someone else's device: the same 404 as no device at all, and it keeps working.
    assert (
        client.call("DELETE", f"/api/accounts/tokens/{their_id}", token=laptop).status_code == 404
    )
    assert _me(theirs) == 200
    assert (
        client.call("DELETE", f"/api/accounts/tokens/{phone_id}", token=laptop).status_code == 204
    )
    assert _me(phone) == 401
    assert _me(laptop) == 200
    assert client.post("/api/accounts/logout", token=laptop).status_code == 204
    assert _me(laptop) == 401


def test_password_recovery_signs_every_device_out(member: User) -> None:
    from halqa.accounts.actions import regenerate_recovery_codes

    token = issue_token(user=member, name="phone")
    code = regenerate_recovery_codes(user=member)[0]
    body = {"pseudonym": member.pseudonym, "code": code, "new_password": "a new quiet morning"}
    assert JsonClient().post("/api/accounts/recover", body).status_code == 200
    assert _me(token) == 401


def test_password_change_signs_other_browser_sessions_out(member: User) -> None:
    token = issue_token(user=member, name="phone")
    here, elsewhere = Client(), Client()
    here.force_login(member)
    elsewhere.force_login(member)
    response = here.post(
        "/accounts/settings/password/",
        {
            "old_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD), response.content.decode()[-3000:]
    assert _me(token) == 401  # and every API device
    assert here.get("/accounts/settings/").status_code == 200
    assert elsewhere.get("/accounts/settings/").status_code == 302


def test_a_deactivated_members_token_and_session_stop_working(member: User) -> None:
    token = issue_token(user=member, name="phone")
    client = Client()
    client.force_login(member)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert _me(token) == 401
    assert client.get("/accounts/settings/").status_code == 302


# ---- log out everywhere -----------------------------------------------------------------------


def _browser(member: User) -> Client:
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    response = client.post(
        "/accounts/login/", {"pseudonym": member.pseudonym, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_an_ended_session_cannot_read_or_write(member: User) -> None:
    """After "log out everywhere else", the other browser's cookie opens nothing: no page, no
    form (its CSRF token was valid a moment ago), and logging back in needs the password."""
    here, there = _browser(member), _browser(member)
    page = there.get("/accounts/settings/")
    token = page.context["csrf_token"]
    assert here.post("/accounts/settings/sessions/end-others/").status_code == 302
    assert there.get("/accounts/settings/").status_code == 302
    assert there.get("/accounts/settings/sessions/").status_code == 302
    changed = there.post(
        "/accounts/settings/",
        {"language": "en", "country": "", "csrfmiddlewaretoken": token},
    )
    assert changed.status_code == 302  # to the login page, nothing saved
    member.refresh_from_db()
    assert member.language == "ar"
    assert here.get("/accounts/settings/").status_code == 200


def test_log_out_everywhere_over_the_api_keeps_only_the_calling_token(member: User) -> None:
    browser = _browser(member)
    caller, other = (issue_token(user=member, name=n) for n in ("caller", "other"))
    client = JsonClient()
    listed = client.get("/api/accounts/sessions", token=caller)
    assert listed.status_code == 200
    assert [s["device"] for s in listed.json()] == ["computer"]
    assert set(listed.json()[0]) == {"id", "device", "browser", "signed_in_at", "last_seen"}
    ended = client.post("/api/accounts/logout-everywhere", token=caller)
    assert ended.status_code == 200
    assert ended.json() == {"sessions_ended": 1, "tokens_revoked": 1}
    assert _me(other) == 401
    assert _me(caller) == 200
    assert browser.get("/accounts/settings/").status_code == 302


def test_ending_a_session_over_the_api(member: User, make_member: Any) -> None:
    browser = _browser(member)
    stranger = make_member(pseudonym="someone_else")
    theirs = _browser(stranger)
    token = issue_token(user=member, name="phone")
    client = JsonClient()
    session_id = client.get("/api/accounts/sessions", token=token).json()[0]["id"]
    their_id = stranger.browser_sessions.get().public_id
    assert (
        client.call("DELETE", f"/api/accounts/sessions/{their_id}", token=token).status_code == 404
    )
    assert theirs.get("/accounts/settings/").status_code == 200
    assert (
        client.call("DELETE", f"/api/accounts/sessions/{session_id}", token=token).status_code
        == 204
    )
    assert browser.get("/accounts/settings/").status_code == 302
    assert (
        client.call("DELETE", f"/api/accounts/sessions/{session_id}", token=token).status_code
        == 404
    )
    assert client.get("/api/accounts/sessions").status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_ended_session_cannot_open_a_websocket(make_member: Any) -> None:
    from channels.db import database_sync_to_async
    from channels.testing import WebsocketCommunicator
    from django.db import connections

    from halqa.accounts.actions import end_other_sessions
    from halqa.asgi import application

    def two_browsers() -> tuple[User, str, str]:
        user = make_member(pseudonym="evening_tide")
        kept, ended = _browser(user), _browser(user)
        return user, kept.cookies["halqa_session"].value, ended.cookies["halqa_session"].value

    async def opens(cookie: str) -> bool:
        headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
        headers.append((b"cookie", f"halqa_session={cookie}".encode()))
        socket = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
        try:
            connected, _ = await socket.connect()
            if connected:
                first = await socket.receive_output(timeout=2)
                connected = first["type"] != "websocket.close"
            return connected
        finally:
            await socket.disconnect()

    user, kept, ended = await database_sync_to_async(two_browsers)()
    try:
        assert await opens(ended)  # before: the socket opens with either cookie
        await database_sync_to_async(end_other_sessions)(user=user, keep_session=kept)
        assert not await opens(ended)
        assert await opens(kept)
    finally:
        await database_sync_to_async(connections.close_all)()


# ---- two-factor bypass attempts ---------------------------------------------------------------

STAFF_PREFIXES = ("/moderation/", "/console/", "/experts/review/", "/crisis/manage/")


def _unverified(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["site_moderator", "operator", "expert", "group_moderator"])
def test_no_page_opens_to_staff_without_two_factor(world: World, role: str) -> None:
    """Every page a plain member may not open must not open to an unverified staff session
    either (it asks for the code, or hides itself), while the verified session opens some."""
    staff = world.actors[role].user
    assert staff is not None
    unverified = _unverified(staff)
    # The comparison: the same member without the staff role (for a group moderator, a plain
    # member of the group).
    plain = world.actors["member" if role == "group_moderator" else "non_member"].client
    verified = world.actors[role].client
    opened_when_verified = 0
    role_in_group = role == "group_moderator"
    leaks = []
    for route in page_routes():
        url = route.url(world.ids)
        response = unverified.get(url)
        if response.status_code != 200:
            assert response.status_code < 500, url
            if verified.get(url).status_code == 200 and plain.get(url).status_code != 200:
                opened_when_verified += 1
                location = response.get("Location", "")
                if response.status_code == 302:
                    assert location.startswith("/accounts/two-factor"), (url, location)
            continue
        if url.startswith("/accounts/two-factor/") or (url.endswith("/manage/") and role_in_group):
            continue  # where the code is asked for; a group's own roles manage it without one
        if plain.get(url).status_code != 200 and not url.startswith("/live/"):
            leaks.append(url)
    assert not leaks, f"open to {role} without two-factor: {leaks}"
    assert opened_when_verified > 0


def test_staff_api_login_without_the_code_gets_no_token(make_member: Any) -> None:
    from halqa.accounts.actions import confirm_two_factor, start_two_factor

    staff = make_member(pseudonym="harbour_pilot", role="moderator")
    from django_otp.oath import totp

    device = start_two_factor(user=staff)
    confirm_two_factor(user=staff, code=f"{totp(device.bin_key):06d}")
    client = JsonClient()
    body = {"pseudonym": staff.pseudonym, "password": PASSWORD}
    refused = client.post("/api/accounts/login", body)
    assert refused.status_code == 401
    assert refused.json()["code"] == "otp_required"
    wrong = client.post("/api/accounts/login", {**body, "otp_code": "000000"})
    assert wrong.status_code == 401
    assert not staff.device_tokens.exists()


def test_a_token_issued_before_becoming_an_expert_does_not_act_as_expert(
    make_member: Any,
) -> None:
    from halqa.experts.actions import apply, approve, ask

    operator = make_member(pseudonym="harbour_master", role="operator")
    applicant = make_member(pseudonym="future_expert")
    token = issue_token(user=applicant, name="phone")
    DeviceToken.objects.filter(user=applicant).update(created=timezone.now() - timedelta(minutes=5))
    application = apply(
        user=applicant,
        profession="psychologist",
        specialties=["anxiety"],
        languages=["ar"],
        licence_number="L-1",
        licence_body="Council",
    )
    approve(operator=operator, application=application)
    private = ask(
        asker=operator, title="Sleep", body="I cannot sleep.", topic="sleep", private=True
    )
    # Issued without a second factor: it stays a member's token, never an expert's.
    url = f"/api/experts/questions/{private.pk}"
    assert JsonClient().get(url, token=token).status_code == 404
    assert _me(token) == 200


def test_a_token_issued_before_becoming_a_moderator_stops_working(make_member: Any) -> None:
    from halqa.console.actions import change_role

    operator = make_member(pseudonym="harbour_master", role="operator")
    member = make_member(pseudonym="soon_moderator")
    token = issue_token(user=member, name="phone")
    change_role(actor=operator, subject=member, role="moderator")
    assert JsonClient().get("/api/moderation/cases", token=token).status_code in (401, 403)


# ---- CSRF ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "member", "operator"])
def test_every_post_route_enforces_csrf(world: World, role: str) -> None:
    actor = world.actors[role]
    client = Client(enforce_csrf_checks=True)
    if actor.user is not None:
        client = (
            verified_client(actor.user) if role == "operator" else Client(enforce_csrf_checks=True)
        )
        client.handler.enforce_csrf_checks = True
        client.force_login(actor.user) if role != "operator" else None
    unprotected = []
    for route in page_routes():
        url = route.url(world.ids)
        if client.post(url, {"x": "1"}).status_code != 403:
            unprotected.append(url)
    assert not unprotected, unprotected


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_moderation_socket_refuses_a_session_without_two_factor(make_member: Any) -> None:
    from channels.db import database_sync_to_async
    from channels.testing import WebsocketCommunicator
    from django.db import connections

    from halqa.asgi import application

    def cookie() -> str:
        client = _unverified(make_member(pseudonym="night_watch", role="moderator"))
        return client.cookies["halqa_session"].value

    value = await database_sync_to_async(cookie)()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    headers.append((b"cookie", f"halqa_session={value}".encode()))
    socket = WebsocketCommunicator(application, "/ws/moderation/", headers=headers)
    try:
        connected, _ = await socket.connect()
        if connected:
            assert not await socket.receive_nothing(timeout=1), "the socket stayed open"
            frame = await socket.receive_output(timeout=1)
            assert frame["type"] == "websocket.close", frame
    finally:
        await socket.disconnect()
        await database_sync_to_async(connections.close_all)()
