"""Sign-up: the action and the page, in Arabic and English."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.translation import override

from halqa.accounts.actions import sign_up
from halqa.accounts.models import RecoveryCode, User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db


def _sign_up(**fields: Any) -> tuple[User, list[str]]:
    data = {"pseudonym": "Quiet_Harbor", "password": GOOD_PASSWORD, "confirm_min_age": True}
    return sign_up(**{**data, **fields})


def _errors(**fields: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        _sign_up(**fields)
    return error.value.message_dict


@pytest.mark.parametrize(("pseudonym", "language"), [("Quiet_Harbor", "en"), ("نسمة_هادئة", "ar")])
def test_sign_up_creates_member_with_ten_codes(db: None, pseudonym: str, language: str) -> None:
    user, codes = _sign_up(pseudonym=pseudonym, language=language, country="jo")
    assert (user.pseudonym, user.language, user.country, user.role) == (
        pseudonym,
        language,
        "JO",
        "member",
    )
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", code) for code in codes)
    assert RecoveryCode.objects.filter(user=user).count() == 10
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes)


def test_sign_up_hashes_password(db: None) -> None:
    user, _codes = _sign_up()
    assert GOOD_PASSWORD not in user.password
    assert user.check_password(GOOD_PASSWORD)


def test_production_password_hasher_is_argon2() -> None:
    from halqa import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    "second",
    ["quiet_harbor", "QUIET-HARBOR", "quiet_harb0r", "QuietHarbor", "Ｑｕｉｅｔ_Ｈａｒｂｏｒ"],
)
def test_sign_up_refuses_taken_and_look_alike(db: None, second: str) -> None:
    _sign_up()
    assert "pseudonym" in _errors(pseudonym=second)


def test_sign_up_refuses_taken_arabic_variant(db: None) -> None:
    _sign_up(pseudonym="نسمة_هادئة")
    assert "pseudonym" in _errors(pseudonym="نسمه_هادىه")


@pytest.mark.parametrize("pseudonym", ["", "ab", "x" * 31, "admin", "مشرف", "نسمةa", "Ѕara"])
def test_sign_up_refuses_bad_pseudonyms(db: None, pseudonym: str) -> None:
    assert list(_errors(pseudonym=pseudonym)) == ["pseudonym"]


@pytest.mark.parametrize(
    "password", ["", "short", "1234567890123", "password123", "quiet_harbor1", "Quiet_Harbor"]
)
def test_sign_up_refuses_weak_passwords(db: None, password: str) -> None:
    assert list(_errors(password=password)) == ["password"]


def test_sign_up_needs_minimum_age(db: None) -> None:
    with override("en"):
        errors = _errors(confirm_min_age=False)
    assert errors == {
        "confirm_min_age": [f"Please confirm that you are {settings.MINIMUM_AGE} or older."]
    }


@pytest.mark.parametrize(("language", "country"), [("fr", ""), ("ar", "ZZ"), ("ar", "XYZ")])
def test_sign_up_refuses_unknown_language_or_country(db: None, language: str, country: str) -> None:
    assert _errors(language=language, country=country)


def test_sign_up_closed_registration(db: None, settings: Any) -> None:
    settings.REGISTRATION_OPEN = False
    assert "__all__" in _errors()


# ---- the page ---------------------------------------------------------------------------------


def test_signup_page_creates_account_and_sets_language_cookie(
    client: Client, signup_data: dict[str, Any]
) -> None:
    response = client.post("/accounts/signup/", signup_data)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/recovery-codes/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert User.objects.get().pseudonym == "Quiet_Harbor"


def test_signup_page_in_arabic(client: Client, signup_data: dict[str, Any]) -> None:
    page = client.get("/accounts/signup/")
    assert 'dir="rtl"' in page.content.decode()
    signup_data.update(pseudonym="نسمة_هادئة", language="ar", country="EG")
    response = client.post("/accounts/signup/", signup_data)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert User.objects.get().country == "EG"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pseudonym", ""),
        ("pseudonym", "admin"),
        ("pseudonym", "x" * 500),
        ("password", "123"),
        ("password2", "something else entirely"),
        ("confirm_min_age", ""),
        ("country", "NOPE"),
        ("language", "zz"),
        ("password", "p" * 5000),
    ],
)
def test_signup_page_shows_errors_not_500(
    client: Client, signup_data: dict[str, Any], field: str, value: str
) -> None:
    signup_data[field] = value
    response = client.post("/accounts/signup/", signup_data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not User.objects.exists()


def test_signup_page_arabic_error_messages(client: Client, signup_data: dict[str, Any]) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    signup_data.update(pseudonym="admin", confirm_min_age="")
    html = client.post("/accounts/signup/", signup_data).content.decode()
    assert "هذا الاسم محجوز" in html
    assert "يُرجى تأكيد أن عمرك 16 عامًا أو أكثر." in html


def test_signup_page_taken_pseudonym(
    client: Client, make_member: Callable[..., User], signup_data: dict[str, Any]
) -> None:
    make_member(pseudonym="quiet_harbor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.post("/accounts/signup/", signup_data).content.decode()
    assert "already in use" in html


def test_signup_form_asks_for_no_email_phone_or_name(client: Client) -> None:
    for language in ("ar", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get("/accounts/signup/").content.decode()
        form = html[html.index('<form method="post" action="/accounts/signup/"') :]
        form = form[: form.index("</form>")].lower()
        for word in ("email", "e-mail", "phone", 'type="tel"', "first_name", "last_name"):
            assert word not in form


def test_signup_page_labels_and_autocomplete(client: Client) -> None:
    html = client.get("/accounts/signup/").content.decode()
    assert 'autocomplete="username"' in html
    assert html.count('autocomplete="new-password"') == 2
    for field in ("pseudonym", "language", "country", "password", "password2", "confirm_min_age"):
        assert f'for="id_{field}"' in html
    assert f"{settings.MINIMUM_AGE}" in html


def test_signup_page_offers_three_suggestions(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/accounts/signup/").content.decode()
    assert html.count('name="suggestion"') == 3
    assert 'hx-get="/accounts/signup/suggestions/"' in html


def test_suggestions_partial_in_chosen_language(client: Client) -> None:
    html = client.get(
        "/accounts/signup/suggestions/?language=ar", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in html
    names = re.findall(r'name="suggestion" value="([^"]+)"', html)
    assert len(names) == 3
    assert all(not name.replace("_", "").isascii() for name in names)


def test_suggestion_without_javascript_fills_the_field(
    client: Client, signup_data: dict[str, Any]
) -> None:
    response = client.post("/accounts/signup/", {**signup_data, "suggestion": "Calm_River"})
    assert response.status_code == 200
    assert 'value="Calm_River"' in response.content.decode()
    assert not User.objects.exists()


def test_pseudonym_field_partial(client: Client) -> None:
    html = client.get("/accounts/signup/pseudonym/?pseudonym=Calm_River").content.decode()
    assert 'id="pseudonym-field"' in html
    assert 'value="Calm_River"' in html


@pytest.mark.parametrize("password", ["short", "1234567890123", "password123"])
def test_signup_page_weak_password_in_arabic(
    client: Client, signup_data: dict[str, Any], password: str
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    signup_data.update(password=password, password2=password)
    html = client.post("/accounts/signup/", signup_data).content.decode()
    errors = html[html.index('id="id_password"') :]
    errors = errors[errors.index('class="errorlist"') : errors.index("</ul>")]
    assert "كلمة المرور" in errors
    assert "password" not in errors.lower()


def test_sign_up_refuses_the_sites_own_name(db: None, settings: Any) -> None:
    settings.SITE_NAME = "Safe Space"
    assert "pseudonym" in _errors(pseudonym="safe_space_team")
    assert "pseudonym" in _errors(pseudonym="SafeSpace")
