"""Recovery codes: ten, one-time, hashed, regenerated; the pages that show and use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from halqa.accounts.actions import (
    InvalidCredentials,
    LoginThrottled,
    recover_password,
    regenerate_recovery_codes,
    sign_up,
)
from halqa.accounts.models import RecoveryCode, User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.20"
NEW_PASSWORD = "olive trees in the evening"


@pytest.fixture
def joined() -> tuple[User, list[str]]:
    return sign_up(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, confirm_min_age=True)


def _recover(code: str, password: str = NEW_PASSWORD, pseudonym: str = "quiet_harbor") -> Any:
    return recover_password(
        pseudonym=pseudonym, code=code, new_password=password, client_address=ADDRESS
    )


def test_recover_password_sets_password_and_gives_new_codes(
    joined: tuple[User, list[str]],
) -> None:
    user, codes = joined
    recovered, fresh = _recover(codes[3])
    assert recovered == user
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert len(fresh) == 10
    assert not set(fresh) & set(codes)


@pytest.mark.parametrize(
    "spelling", [str.upper, lambda c: c.replace("-", " "), lambda c: c.replace("-", "")]
)
def test_recover_password_forgives_spelling(joined: tuple[User, list[str]], spelling: Any) -> None:
    _user, codes = joined
    _recover(spelling(codes[0]))


def test_recovery_code_works_once(joined: tuple[User, list[str]]) -> None:
    _user, codes = joined
    _recover(codes[0])
    with pytest.raises(InvalidCredentials):
        _recover(codes[0], password="another new password here")


@pytest.mark.parametrize("code", ["", "aaaa-bbbb-cccc", "x" * 500, "k7qp-2m9x"])
def test_recover_password_wrong_code(joined: tuple[User, list[str]], code: str) -> None:
    with pytest.raises(InvalidCredentials):
        _recover(code)


def test_recover_password_other_members_code(joined: tuple[User, list[str]]) -> None:
    _other, other_codes = sign_up(
        pseudonym="Calm_River", password=GOOD_PASSWORD, confirm_min_age=True
    )
    with pytest.raises(InvalidCredentials):
        _recover(other_codes[0])


def test_recover_password_weak_password_keeps_code(joined: tuple[User, list[str]]) -> None:
    _user, codes = joined
    with pytest.raises(ValidationError) as error:
        _recover(codes[0], password="12345")
    assert "new_password" in error.value.message_dict
    _recover(codes[0])


def test_recover_password_is_throttled(joined: tuple[User, list[str]]) -> None:
    _user, codes = joined
    for _ in range(settings.LOGIN_ATTEMPTS):
        with pytest.raises(InvalidCredentials):
            _recover("aaaa-bbbb-cccc")
    with pytest.raises(LoginThrottled):
        _recover(codes[0])


def test_regenerate_recovery_codes_invalidates_old(joined: tuple[User, list[str]]) -> None:
    user, old = joined
    new = regenerate_recovery_codes(user=user)
    assert len(new) == 10
    assert RecoveryCode.objects.filter(user=user).count() == 10
    with pytest.raises(InvalidCredentials):
        _recover(old[0])
    _recover(new[0])


# ---- pages ------------------------------------------------------------------------------------


@pytest.fixture
def new_client(signup_data: dict[str, Any]) -> Client:
    client = Client()
    client.post("/accounts/signup/", signup_data)
    return client


def test_recovery_codes_page_shows_codes_once(new_client: Client) -> None:
    html = new_client.get("/accounts/recovery-codes/").content.decode()
    codes = new_client.session["halqa_recovery_codes"]
    assert len(codes) == 10
    assert all(code in html for code in codes)
    response = new_client.post("/accounts/recovery-codes/", {"action": "saved"})
    assert response.status_code == 302
    assert "halqa_recovery_codes" not in new_client.session
    again = new_client.get("/accounts/recovery-codes/")
    assert again.status_code == 302
    assert again["Location"] == "/accounts/settings/"


def test_recovery_codes_download_without_javascript(new_client: Client) -> None:
    codes = new_client.session["halqa_recovery_codes"]
    response = new_client.post("/accounts/recovery-codes/", {"action": "download"})
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    assert all(code in response.content.decode() for code in codes)


def test_recovery_codes_page_needs_login(client: Client) -> None:
    assert client.get("/accounts/recovery-codes/").status_code == 302


def test_settings_regenerate_codes_page(member_client: Client) -> None:
    response = member_client.post("/accounts/settings/recovery-codes/")
    assert response["Location"] == "/accounts/recovery-codes/"
    assert len(member_client.session["halqa_recovery_codes"]) == 10


def test_recover_page_logs_in_and_shows_new_codes(
    client: Client, joined: tuple[User, list[str]]
) -> None:
    _user, codes = joined
    data = {
        "pseudonym": "Quiet_Harbor",
        "code": codes[0],
        "new_password": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    response = client.post("/accounts/recover/", data)
    assert response["Location"] == "/accounts/recovery-codes/"
    assert len(client.session["halqa_recovery_codes"]) == 10


@pytest.mark.parametrize(
    "change",
    [
        {"code": "wrong-code-here"},
        {"code": ""},
        {"new_password": "123", "new_password2": "123"},
        {"new_password2": "not the same"},
        {"pseudonym": ""},
        {"code": "c" * 5000},
    ],
)
def test_recover_page_bad_input(
    client: Client, joined: tuple[User, list[str]], change: dict[str, str]
) -> None:
    _user, codes = joined
    data = {
        "pseudonym": "Quiet_Harbor",
        "code": codes[0],
        "new_password": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        **change,
    }
    response = client.post("/accounts/recover/", data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_recover_page_arabic_wrong_code(client: Client, joined: tuple[User, list[str]]) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    data = {"pseudonym": "Quiet_Harbor", "code": "aaaa-bbbb-cccc", "new_password": NEW_PASSWORD}
    html = client.post("/accounts/recover/", {**data, "new_password2": NEW_PASSWORD}).content
    assert "رمز الاسترداد" in html.decode()


def test_recover_password_signs_every_api_device_out(make_member) -> None:
    from halqa.accounts.actions import recover_password, regenerate_recovery_codes
    from halqa.accounts.models import DeviceToken
    from halqa.accounts.tokens import issue_token

    user = make_member(pseudonym="Lost_Phone")
    code = regenerate_recovery_codes(user=user)[0]
    issue_token(user=user, name="old phone")
    recover_password(
        pseudonym="Lost_Phone", code=code, new_password="a new calm sea 2026", client_address="x"
    )
    assert not DeviceToken.objects.filter(user=user).exists()


def test_change_password_signs_api_devices_out(make_member) -> None:
    from halqa.accounts.actions import change_password
    from halqa.accounts.models import DeviceToken
    from halqa.accounts.tokens import issue_token
    from tests.conftest import PASSWORD

    user = make_member(pseudonym="Careful_One")
    issue_token(user=user, name="tablet")
    change_password(user=user, old_password=PASSWORD, new_password="a new calm sea 2026")
    assert not DeviceToken.objects.filter(user=user).exists()
