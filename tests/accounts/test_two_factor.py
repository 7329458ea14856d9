"""Two-factor authentication for staff roles, through the staff home page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.actions import InvalidCredentials, confirm_two_factor, log_in, start_two_factor
from halqa.accounts.models import User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def _confirmed(user: User) -> TOTPDevice:
    device = start_two_factor(user=user)
    return confirm_two_factor(user=user, code=_code(device))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_home_is_404_for_members(member_client: Client) -> None:
    assert member_client.get("/accounts/staff/").status_code == 404


def test_staff_home_asks_anonymous_to_log_in(client: Client) -> None:
    response = client.get("/accounts/staff/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["moderator", "expert", "operator"])
def test_staff_home_needs_two_factor_setup(make_member: Callable[..., User], role: str) -> None:
    client = _client(make_member(role=role))
    response = client.get("/accounts/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=")


def test_two_factor_setup_shows_qr_and_secret(make_member: Callable[..., User]) -> None:
    client = _client(make_member(role="moderator"))
    html = client.get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in html
    assert "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get()
    assert not device.confirmed
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    assert secret[:4] in html


def test_two_factor_setup_page_end_to_end(make_member: Callable[..., User]) -> None:
    user = make_member(role="moderator")
    client = _client(user)
    client.get("/accounts/two-factor/setup/?next=/accounts/staff/")
    device = TOTPDevice.objects.get()
    bad = client.post("/accounts/two-factor/setup/?next=/accounts/staff/", {"code": "000000"})
    assert bad.status_code == 200
    assert 'class="errorlist' in bad.content.decode()
    response = client.post(
        "/accounts/two-factor/setup/?next=/accounts/staff/", {"code": _code(device)}
    )
    assert response["Location"] == "/accounts/staff/"
    client.cookies["halqa_language"] = "en"
    page = client.get("/accounts/staff/")
    assert page.status_code == 200
    assert "Moderator" in page.content.decode()


def test_staff_with_device_must_verify_each_session(make_member: Callable[..., User]) -> None:
    user = make_member(role="operator")
    device = _confirmed(user)
    client = _client(user)
    response = client.get("/accounts/staff/")
    assert response["Location"].startswith("/accounts/two-factor/?next=")
    wrong = client.post("/accounts/two-factor/?next=/accounts/staff/", {"code": "123"})
    assert wrong.status_code == 200
    assert 'class="errorlist' in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1  # the code used to confirm the device may still be the current one
    device.save()
    ok = client.post("/accounts/two-factor/?next=/accounts/staff/", {"code": _code(device)})
    assert ok["Location"] == "/accounts/staff/"
    assert client.get("/accounts/staff/").status_code == 200


def test_login_page_sends_staff_to_two_factor(
    make_member: Callable[..., User], client: Client
) -> None:
    user = make_member(pseudonym="Calm_Lantern", role="expert")
    data = {"pseudonym": "Calm_Lantern", "password": GOOD_PASSWORD}
    assert client.post("/accounts/login/", data)["Location"].startswith(
        "/accounts/two-factor/setup/"
    )
    _confirmed(user)
    client.logout()
    assert client.post("/accounts/login/", data)["Location"].startswith(
        "/accounts/two-factor/?next="
    )


def test_login_page_member_not_asked_for_two_factor(
    make_member: Callable[..., User], client: Client
) -> None:
    make_member(pseudonym="Calm_Lantern", role="facilitator")
    data = {"pseudonym": "Calm_Lantern", "password": GOOD_PASSWORD}
    assert client.post("/accounts/login/", data)["Location"] == "/"


def test_confirm_two_factor_wrong_code(make_member: Callable[..., User]) -> None:
    user = make_member(role="moderator")
    start_two_factor(user=user)
    with pytest.raises(ValidationError) as error:
        confirm_two_factor(user=user, code="abc")
    assert "code" in error.value.message_dict


def test_log_in_with_otp_code(make_member: Callable[..., User]) -> None:
    user = make_member(pseudonym="Calm_Lantern", role="moderator")
    device = _confirmed(user)
    device.last_t = -1
    device.save()
    found = log_in(
        pseudonym="Calm_Lantern",
        password=GOOD_PASSWORD,
        client_address="::1",
        otp_code=_code(device),
    )
    assert found.otp_device == device
    with pytest.raises(InvalidCredentials):
        log_in(pseudonym="Calm_Lantern", password=GOOD_PASSWORD, client_address="::1", otp_code="1")


def test_setup_page_redirects_when_already_set_up(make_member: Callable[..., User]) -> None:
    user = make_member(role="moderator")
    _confirmed(user)
    response = _client(user).get("/accounts/two-factor/setup/")
    assert response.status_code == 302
    assert TOTPDevice.objects.count() == 1
