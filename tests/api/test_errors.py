"""Bad input of every kind: the right status, an ErrorOut, a message in the client's language."""

from __future__ import annotations

import io
import json

import pytest

from halqa.accounts.models import DeviceToken
from tests.api.conftest import assert_error
from tests.conftest import PASSWORD

LANGS = pytest.mark.parametrize("lang", ["ar", "en"])
GOOD = {"pseudonym": "Gentle_Meadow", "password": PASSWORD, "confirm_min_age": True}

SIGNUP_BAD = [
    ({"pseudonym": "quiet_harbor"}, "pseudonym"),  # taken
    ({"pseudonym": "Quiet-Harbor"}, "pseudonym"),  # taken, other spelling
    ({"pseudonym": "qu1et_harb0r"}, "pseudonym"),  # look-alike
    ({"pseudonym": "admin"}, "pseudonym"),  # reserved
    ({"pseudonym": "the_moderator"}, "pseudonym"),  # reserved
    ({"pseudonym": "مشرف"}, "pseudonym"),  # reserved, Arabic
    ({"pseudonym": ""}, "pseudonym"),  # empty
    ({"pseudonym": "   "}, "pseudonym"),  # blank
    ({"pseudonym": "a" * 31}, "pseudonym"),  # too long for the rules
    ({"pseudonym": "a" * 101}, "pseudonym"),  # too long for the schema
    ({"password": "short"}, "password"),
    ({"password": "1234567890123"}, "password"),  # numeric
    ({"password": "password1234"}, "password"),  # common
    ({"password": "x" * 257}, "password"),  # too long for the schema
    ({"confirm_min_age": False}, "confirm_min_age"),
    ({"confirm_min_age": None}, "confirm_min_age"),
    ({"confirm_min_age": "yes"}, "confirm_min_age"),  # wrong type
    ({"pseudonym": 12345}, "pseudonym"),  # wrong type
    ({"password": ["a", "list"]}, "password"),  # wrong type
]


@LANGS
@pytest.mark.parametrize(("change", "field"), SIGNUP_BAD)
def test_signup_refuses_bad_input_with_a_localised_message(api, member, lang, change, field):
    response = api.post("/api/accounts/signup", {**GOOD, **change}, lang=lang)
    body = assert_error(response, 422, lang)
    assert field in body["fields"]


@LANGS
@pytest.mark.parametrize("missing", ["pseudonym", "password", "confirm_min_age"])
def test_signup_refuses_a_missing_field(api, db, lang, missing):
    body = {k: v for k, v in GOOD.items() if k != missing}
    response = api.post("/api/accounts/signup", body, lang=lang)
    assert missing in assert_error(response, 422, lang)["fields"]


@LANGS
def test_signup_refuses_an_empty_body(api, db, lang):
    assert_error(api.post("/api/accounts/signup", lang=lang), 422, lang)


MALFORMED = [
    b'{"pseudonym": ',
    b"not json",
    b"[1, 2, 3]",
    b'"a string"',
    b"\xff\xfe\x00",
]


@LANGS
@pytest.mark.parametrize("raw", MALFORMED)
def test_malformed_json_is_a_400(api, db, lang, raw):
    body = assert_error(api.post("/api/accounts/signup", raw=raw, lang=lang), 400, lang)
    assert body["code"] == "malformed_json"


@LANGS
@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"pseudonym": "quiet\x00river", "password": PASSWORD}, ["pseudonym"]),
        ({"pseudonym": "quiet", "password": PASSWORD, "extra": [{"k\x00": 1}]}, ["extra.0"]),
    ],
)
def test_a_nul_anywhere_in_a_json_body_is_a_field_error_before_any_endpoint_runs(
    api, db, lang, body, fields
):
    """PostgreSQL refuses NUL in text: one check in the API's parser, for every endpoint."""
    raw = json.dumps(body).encode()
    error = assert_error(api.post("/api/accounts/signup", raw=raw, lang=lang), 422, lang)
    assert error["code"] == "invalid"
    assert sorted(error["fields"]) == fields


@LANGS
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_that_is_not_declared_json_is_refused(api, db, lang, content_type):
    """A cross-site form can send text/plain that parses as JSON: refuse anything but JSON."""
    raw = json.dumps(GOOD)
    response = api.post("/api/accounts/signup", raw=raw, content_type=content_type, lang=lang)
    assert assert_error(response, 415, lang)["code"] == "unsupported_media_type"


@LANGS
def test_a_two_megabyte_body_is_a_413(api, db, lang):
    raw = json.dumps({**GOOD, "padding": "x" * 2_000_000})
    response = api.post("/api/accounts/signup", raw=raw, lang=lang)
    assert assert_error(response, 413, lang)["code"] == "too_large"


@LANGS
def test_login_with_a_wrong_password_is_a_401(api, member, lang):
    body = {"pseudonym": "quiet_harbor", "password": "not the right one"}
    assert_error(api.post("/api/accounts/login", body, lang=lang), 401, lang)


@LANGS
def test_login_with_an_unknown_pseudonym_is_the_same_401(api, db, lang):
    body = {"pseudonym": "nobody_here", "password": PASSWORD}
    assert_error(api.post("/api/accounts/login", body, lang=lang), 401, lang)


@LANGS
def test_login_is_throttled_with_retry_after(api, member, lang):
    body = {"pseudonym": "quiet_harbor", "password": "not the right one"}
    for _ in range(20):
        response = api.post("/api/accounts/login", body, lang=lang)
        if response.status_code == 429:
            break
    assert_error(response, 429, lang)
    assert int(response["Retry-After"]) > 0


@LANGS
def test_signup_is_throttled_per_address(api, db, lang):
    for i in range(30):
        api.post("/api/accounts/signup", {**GOOD, "pseudonym": f"Calm_Shore_{i}"})
    response = api.post("/api/accounts/signup", {**GOOD, "pseudonym": "Late_Dawn"}, lang=lang)
    assert_error(response, 429, lang)
    assert int(response["Retry-After"]) > 0


def _signup_codes(api):
    response = api.post("/api/accounts/signup", GOOD)
    assert response.status_code == 201, response.content
    return response.json()["recovery_codes"]


def _recover(api, code, lang):
    body = {"pseudonym": "Gentle_Meadow", "code": code, "new_password": "green olives under rain"}
    return api.post("/api/accounts/recover", body, lang=lang)


@LANGS
def test_recover_refuses_a_wrong_code(api, db, lang):
    _signup_codes(api)
    response = _recover(api, "aaaa-bbbb-cccc", lang)
    assert response.status_code in {400, 401, 422}
    assert_error(response, response.status_code, lang)


@LANGS
def test_recover_refuses_a_reused_code(api, db, lang):
    codes = _signup_codes(api)
    assert _recover(api, codes[0], lang).status_code == 200
    response = _recover(api, codes[0], lang)
    assert response.status_code in {400, 401, 422}
    assert_error(response, response.status_code, lang)


@LANGS
def test_recover_refuses_a_weak_new_password(api, db, lang):
    codes = _signup_codes(api)
    body = {"pseudonym": "Gentle_Meadow", "code": codes[0], "new_password": "short"}
    response = api.post("/api/accounts/recover", body, lang=lang)
    assert "new_password" in assert_error(response, 422, lang)["fields"]


PROTECTED = [
    ("GET", "/api/accounts/me"),
    ("PATCH", "/api/accounts/me"),
    ("DELETE", "/api/accounts/me"),
    ("GET", "/api/accounts/tokens"),
    ("DELETE", "/api/accounts/tokens/1"),
    ("POST", "/api/accounts/logout"),
    ("POST", "/api/accounts/recovery-codes"),
    ("GET", "/api/accounts/export"),
]
BAD_AUTH = [
    {},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer hq_wrong"},
    {"Authorization": "Bearer not-even-ours"},
    {"Authorization": "Basic cXVpZXQ6aGFyYm9y"},
    {"Authorization": "Bearer " + "x" * 5000},
]


@LANGS
@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("headers", BAD_AUTH)
def test_protected_endpoints_refuse_missing_or_wrong_tokens(api, db, lang, method, path, headers):
    response = api.call(method, path, {}, lang=lang, headers=headers)
    assert assert_error(response, 401, lang)["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"


@LANGS
def test_a_revoked_token_is_refused(api, member, token, lang):
    DeviceToken.objects.filter(user=member).delete()
    assert_error(api.get("/api/accounts/me", token=token, lang=lang), 401, lang)


@LANGS
def test_a_deactivated_members_token_is_refused(api, member, token, lang):
    member.is_active = False
    member.save()
    assert_error(api.get("/api/accounts/me", token=token, lang=lang), 401, lang)


@LANGS
def test_patch_me_refuses_an_unknown_language(api, token, lang):
    response = api.patch("/api/accounts/me", {"language": "xx"}, token=token, lang=lang)
    assert response.status_code == 422
    assert_error(response, 422, lang)


@LANGS
def test_patch_me_refuses_wrong_types(api, token, lang):
    response = api.patch("/api/accounts/me", {"neutral_titles": "yes"}, token=token, lang=lang)
    assert "neutral_titles" in assert_error(response, 422, lang)["fields"]


@LANGS
def test_revoke_token_with_a_non_number_id_is_a_422(api, token, lang):
    response = api.delete("/api/accounts/tokens/abc", token=token, lang=lang)
    assert "token_id" in assert_error(response, 422, lang)["fields"]


@LANGS
def test_revoke_token_unknown_id_is_a_404(api, token, lang):
    response = api.delete("/api/accounts/tokens/999999", token=token, lang=lang)
    assert assert_error(response, 404, lang)["code"] == "not_found"


@LANGS
def test_unknown_api_path_is_a_json_404(api, db, lang):
    assert_error(api.get("/api/nothing/here", lang=lang), 404, lang)


@LANGS
def test_the_api_root_is_a_json_404(api, db, lang):
    assert_error(api.get("/api/", lang=lang), 404, lang)


@LANGS
def test_wrong_method_is_a_json_405(api, db, lang):
    response = api.call("PUT", "/api/accounts/signup", GOOD, lang=lang)
    assert assert_error(response, 405, lang)["code"] == "method_not_allowed"
    assert "POST" in response["Allow"]


@LANGS
def test_delete_me_without_a_confirmation_is_a_422(api, token, lang):
    response = api.delete("/api/accounts/me", {}, token=token, lang=lang)
    assert {"pseudonym", "password"} <= set(assert_error(response, 422, lang)["fields"])


def test_an_unexpected_error_is_a_json_500_without_details(api, db, monkeypatch, caplog):
    from halqa.accounts import actions

    def broken(**kwargs):
        raise RuntimeError("what they typed: " + kwargs["pseudonym"])

    monkeypatch.setattr(actions, "sign_up", broken)
    response = api.post("/api/accounts/signup", GOOD)
    body = assert_error(response, 500)
    assert "typed" not in response.content.decode()
    assert body["code"] == "server_error"
    assert "RuntimeError" in caplog.text
    assert GOOD["pseudonym"] not in caplog.text
    assert PASSWORD not in caplog.text


def test_an_unsupported_language_gets_arabic(api, db):
    response = api.get("/api/accounts/me", lang="fr")
    assert_error(response, 401, "ar")
    assert response["Content-Language"] == "ar"


def test_english_is_chosen_with_accept_language(api, db):
    response = api.get("/api/accounts/me", lang="en-GB,en;q=0.9")
    assert_error(response, 401, "en")
    assert response["Content-Language"] == "en"


def test_the_language_cookie_wins_over_accept_language(api, db):
    api.client.cookies["halqa_language"] = "en"
    assert_error(api.get("/api/accounts/me", lang="ar"), 401, "en")


def test_a_large_body_without_content_length_is_refused(db):
    """Chunked uploads carry no Content-Length, so Django's own check does not see them."""
    from django.core.exceptions import RequestDataTooBig
    from django.core.handlers.asgi import ASGIRequest

    from halqa.api import JsonParser

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/accounts/signup",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json")],
    }
    request = ASGIRequest(scope, io.BytesIO(b'{"a": "' + b"x" * 2_000_000 + b'"}'))
    with pytest.raises(RequestDataTooBig):
        JsonParser().parse_body(request)
