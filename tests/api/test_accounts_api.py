"""Every accounts endpoint, the way a client uses it."""

from __future__ import annotations

from halqa.accounts.models import DeviceToken, User
from halqa.accounts.tokens import authenticate_token
from tests.conftest import PASSWORD

NEW_PASSWORD = "green olives under rain"


def signup(api, pseudonym="Gentle_Meadow", **extra):
    body = {"pseudonym": pseudonym, "password": PASSWORD, "confirm_min_age": True, **extra}
    return api.post("/api/accounts/signup", body)


def test_signup_creates_the_member_and_answers_a_token_and_codes(api, db):
    response = signup(api, language="en", country="JO", device_name="phone")
    assert response.status_code == 201, response.content
    body = response.json()
    user = User.objects.get(pk=body["member"]["id"])
    assert user.pseudonym == "Gentle_Meadow"
    assert (user.language, user.country) == ("en", "JO")
    assert authenticate_token(body["token"]) == user
    assert DeviceToken.objects.get(user=user).name == "phone"
    assert len(body["recovery_codes"]) >= 8
    assert body["member"]["pseudonym"] == "Gentle_Meadow"
    assert body["member"]["role"] == "member"


def test_signup_defaults_to_arabic(api, db):
    response = signup(api)
    assert response.status_code == 201
    assert response.json()["member"]["language"] == "ar"


def test_signup_needs_no_csrf_cookie(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    body = {"pseudonym": "Calm_Shore", "password": PASSWORD, "confirm_min_age": True}
    response = client.post("/api/accounts/signup", body, content_type="application/json")
    assert response.status_code == 201


def test_login_answers_a_new_token_for_the_device(api, member):
    body = {"pseudonym": "quiet_harbor", "password": PASSWORD, "device_name": "laptop"}
    response = api.post("/api/accounts/login", body)
    assert response.status_code == 200, response.content
    assert authenticate_token(response.json()["token"]) == member
    assert response.json()["member"]["pseudonym"] == "quiet_harbor"
    assert DeviceToken.objects.get(user=member).name == "laptop"


def test_login_twice_gives_two_devices(api, member):
    body = {"pseudonym": "quiet_harbor", "password": PASSWORD}
    first = api.post("/api/accounts/login", body).json()["token"]
    second = api.post("/api/accounts/login", body).json()["token"]
    assert first != second
    assert DeviceToken.objects.filter(user=member).count() == 2


def test_me_describes_the_member(api, member, token):
    response = api.get("/api/accounts/me", token=token)
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == member.pk
    assert set(body) == {
        "id",
        "pseudonym",
        "language",
        "country",
        "role",
        "on_break",
        "neutral_titles",
        "date_joined",
    }


def test_patch_me_changes_only_what_is_sent(api, member, token):
    response = api.patch("/api/accounts/me", {"neutral_titles": True}, token=token)
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert member.neutral_titles is True
    assert member.language == "ar"
    response = api.patch("/api/accounts/me", {"language": "en", "country": "EG"}, token=token)
    assert response.json()["language"] == "en"
    assert response.json()["country"] == "EG"
    assert response.json()["neutral_titles"] is True


def test_recovery_codes_are_replaced(api, token):
    first = api.post("/api/accounts/recovery-codes", token=token)
    second = api.post("/api/accounts/recovery-codes", token=token)
    assert first.status_code == second.status_code == 200
    assert set(first.json()["recovery_codes"]).isdisjoint(second.json()["recovery_codes"])


def test_recover_sets_the_password_and_signs_devices_out(api, db):
    body = signup(api).json()
    old_token = body["token"]
    response = api.post(
        "/api/accounts/recover",
        {
            "pseudonym": "gentle_meadow",
            "code": body["recovery_codes"][0],
            "new_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200, response.content
    user = User.objects.get(pk=body["member"]["id"])
    assert user.check_password(NEW_PASSWORD)
    assert authenticate_token(old_token) is None
    assert authenticate_token(response.json()["token"]) == user
    assert response.json()["recovery_codes"]


def test_tokens_lists_devices_without_secrets(api, member, make_token, token):
    make_token(member, "tablet")
    response = api.get("/api/accounts/tokens", token=token)
    assert response.status_code == 200
    listed = response.json()
    assert {t["name"] for t in listed} == {"tablet", "test device"}
    assert all(set(t) == {"id", "name", "prefix", "created", "last_used_at"} for t in listed)
    assert token not in response.content.decode()


def test_tokens_list_has_a_fixed_number_of_queries(
    api, member, make_token, token, django_assert_num_queries
):
    for i in range(5):
        make_token(member, f"device {i}")
    api.get("/api/accounts/tokens", token=token)  # the first use records last_used_at
    with django_assert_num_queries(2):  # authenticate, list
        assert len(api.get("/api/accounts/tokens", token=token).json()) == 6


def test_revoke_token_signs_that_device_out(api, member, make_token, token):
    other = make_token(member, "lost phone")
    other_id = DeviceToken.objects.get(name="lost phone").pk
    response = api.delete(f"/api/accounts/tokens/{other_id}", token=token)
    assert response.status_code == 204
    assert authenticate_token(other) is None
    assert authenticate_token(token) == member


def test_revoke_token_of_someone_else_is_not_found(api, make_member, make_token, token):
    make_token(make_member(), "theirs")
    theirs = DeviceToken.objects.get(name="theirs").pk
    response = api.delete(f"/api/accounts/tokens/{theirs}", token=token)
    assert response.status_code == 404
    assert DeviceToken.objects.filter(pk=theirs).exists()


def test_logout_revokes_only_the_current_token(api, member, make_token, token):
    other = make_token(member, "laptop")
    response = api.post("/api/accounts/logout", token=token)
    assert response.status_code == 204
    assert authenticate_token(token) is None
    assert authenticate_token(other) == member
    assert api.get("/api/accounts/me", token=token).status_code == 401


def test_export_answers_the_members_data_as_json(api, member, token):
    response = api.get("/api/accounts/export", token=token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "quiet_harbor" in response.content.decode()


def test_delete_me_deletes_the_account(api, member, token):
    body = {"pseudonym": "quiet_harbor", "password": PASSWORD}
    response = api.delete("/api/accounts/me", body, token=token)
    assert response.status_code == 204, response.content
    assert not User.objects.filter(pk=member.pk, is_active=True).exists()
    assert api.get("/api/accounts/me", token=token).status_code == 401


def test_delete_me_refuses_a_wrong_password(api, member, token):
    body = {"pseudonym": "quiet_harbor", "password": "not the password at all"}
    response = api.delete("/api/accounts/me", body, token=token)
    assert response.status_code == 422
    assert "password" in response.json()["fields"]
    assert User.objects.filter(pk=member.pk, is_active=True).exists()


def test_delete_me_refuses_another_members_credentials(api, member, make_member, token):
    make_member(pseudonym="bright_cedar")
    body = {"pseudonym": "bright_cedar", "password": PASSWORD}
    response = api.delete("/api/accounts/me", body, token=token)
    assert response.status_code == 422
    assert "pseudonym" in response.json()["fields"]
    assert User.objects.filter(pk=member.pk, is_active=True).exists()
