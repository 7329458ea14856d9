"""Settings: preferences, password, a break, export, deletion, neutral titles."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from halqa.accounts.actions import (
    change_password,
    delete_account,
    set_break,
    sign_up,
    update_preferences,
)
from halqa.accounts.export import export_member, register_export_section
from halqa.accounts.models import DeviceToken, RecoveryCode, User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "olive trees in the evening"


def test_update_preferences(member: User) -> None:
    update_preferences(user=member, language="en", country="ma", neutral_titles=True)
    member.refresh_from_db()
    assert (member.language, member.country, member.neutral_titles) == ("en", "MA", True)


@pytest.mark.parametrize(("language", "country"), [("de", ""), ("ar", "QQ"), ("ar", "EGY")])
def test_update_preferences_refuses_unknown(member: User, language: str, country: str) -> None:
    with pytest.raises(ValidationError):
        update_preferences(user=member, language=language, country=country, neutral_titles=False)


def test_change_password(member: User) -> None:
    change_password(user=member, old_password=GOOD_PASSWORD, new_password=NEW_PASSWORD)
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [("wrong", NEW_PASSWORD, "old_password"), (GOOD_PASSWORD, "123", "new_password")],
)
def test_change_password_refuses(member: User, old: str, new: str, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        change_password(user=member, old_password=old, new_password=new)
    assert list(error.value.message_dict) == [field]


def test_set_break(member: User) -> None:
    set_break(user=member, on_break=True)
    member.refresh_from_db()
    assert member.on_break
    set_break(user=member, on_break=False)
    member.refresh_from_db()
    assert not member.on_break


def test_export_member_has_everything_but_hashes() -> None:
    user, codes = sign_up(
        pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, confirm_min_age=True, country="TN"
    )
    DeviceToken.objects.create(user=user, name="phone", key_hash="f" * 64, prefix="hq_abcd")
    data = export_member(user)
    text = json.dumps(data)
    assert data["profile"]["pseudonym"] == "Quiet_Harbor"
    assert data["profile"]["country"] == "TN"
    assert data["profile"]["role"] == "member"
    assert data["recovery_codes"]["count"] == 10
    assert data["device_tokens"][0]["name"] == "phone"
    for secret in [user.password, "f" * 64, *codes]:
        assert secret not in text
    for code_hash in RecoveryCode.objects.values_list("code_hash", flat=True):
        assert code_hash not in text


def test_export_member_includes_registered_sections(member: User) -> None:
    register_export_section("test_section", lambda user: {"pseudonym": user.pseudonym})
    assert export_member(member)["test_section"] == {"pseudonym": "quiet_harbor"}


def test_delete_account_removes_owned_rows() -> None:
    user, _codes = sign_up(pseudonym="Quiet_Harbor", password=GOOD_PASSWORD, confirm_min_age=True)
    delete_account(user=user)
    assert not User.objects.exists()
    assert not RecoveryCode.objects.exists()


# ---- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "en"])
def test_settings_page_renders(member_client: Client, language: str) -> None:
    member_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = member_client.get("/accounts/settings/").content.decode()
    assert f'lang="{language}"' in html
    assert 'action="/accounts/settings/export/"' in html


def test_settings_page_saves_preferences_and_cookie(member_client: Client, member: User) -> None:
    data = {"language": "en", "country": "LB", "neutral_titles": "on"}
    response = member_client.post("/accounts/settings/", data)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    member.refresh_from_db()
    assert (member.language, member.country, member.neutral_titles) == ("en", "LB", True)


@pytest.mark.parametrize("data", [{"language": "xx"}, {"language": "ar", "country": "ZZZ"}])
def test_settings_page_bad_input(member_client: Client, data: dict[str, str]) -> None:
    response = member_client.post("/accounts/settings/", data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_neutral_titles_hide_site_name(member_client: Client, member: User) -> None:
    member_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        "<title>Settings · Halqa</title>"
        in member_client.get("/accounts/settings/").content.decode()
    )
    update_preferences(user=member, language="en", country="", neutral_titles=True)
    html = member_client.get("/accounts/settings/").content.decode()
    assert "<title>Notes</title>" in html


def test_password_page(member_client: Client, member: User) -> None:
    data = {
        "old_password": GOOD_PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    response = member_client.post("/accounts/settings/password/", data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert member_client.get("/accounts/settings/").status_code == 200  # still logged in


@pytest.mark.parametrize(
    "data",
    [
        {"old_password": "wrong", "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        {"old_password": GOOD_PASSWORD, "new_password": "short", "new_password2": "short"},
        {"old_password": GOOD_PASSWORD, "new_password": NEW_PASSWORD, "new_password2": "x"},
        {},
    ],
)
def test_password_page_bad_input(member_client: Client, data: dict[str, str]) -> None:
    response = member_client.post("/accounts/settings/password/", data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_break_page(member_client: Client, member: User) -> None:
    member_client.post("/accounts/settings/break/", {"on_break": "1"})
    member.refresh_from_db()
    assert member.on_break
    html = member_client.get("/accounts/settings/").content.decode()
    assert 'name="on_break" value="0"' in html  # can still log in, read, and come back
    member_client.post("/accounts/settings/break/", {"on_break": "0"})
    member.refresh_from_db()
    assert not member.on_break


def test_export_page_downloads_json(member_client: Client) -> None:
    assert member_client.get("/accounts/settings/export/").status_code == 405
    response = member_client.post("/accounts/settings/export/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["profile"]["pseudonym"] == "quiet_harbor"


def test_delete_page_confirms_then_deletes(member_client: Client) -> None:
    member_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = member_client.get("/accounts/settings/delete/").content.decode()
    assert "deleted" in html
    data = {"pseudonym": "Quiet_Harbor", "password": GOOD_PASSWORD}
    response = member_client.post("/accounts/settings/delete/", data)
    assert response.status_code == 302
    assert not User.objects.exists()
    assert member_client.get("/accounts/settings/").status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"pseudonym": "someone_else", "password": GOOD_PASSWORD},
        {"pseudonym": "quiet_harbor", "password": "wrong"},
        {},
    ],
)
def test_delete_page_refuses_without_confirmation(
    member_client: Client, data: dict[str, str]
) -> None:
    response = member_client.post("/accounts/settings/delete/", data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert User.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/settings/",
        "/accounts/settings/delete/",
        "/accounts/two-factor/setup/",
    ],
)
def test_settings_pages_need_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_every_account_page_renders_in_both_languages(
    member_client: Client, make_member: Callable[..., User]
) -> None:
    anonymous = Client()
    for language in ("ar", "en"):
        for client in (member_client, anonymous):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in (
            "/accounts/settings/",
            "/accounts/settings/delete/",
            "/accounts/two-factor/setup/",
        ):
            assert member_client.get(url).status_code == 200
        for url in ("/accounts/signup/", "/accounts/login/", "/accounts/recover/"):
            html = anonymous.get(url).content.decode()
            assert ('dir="rtl"' in html) == (language == "ar")


def test_settings_page_query_count(
    member_client: Client, django_assert_num_queries: Callable[..., Any]
) -> None:
    member_client.get("/accounts/settings/")  # warm the session
    # session, user, unused recovery codes, two-factor device
    # + the header's moderation link (does the member moderate a group?)
    with django_assert_num_queries(6):
        assert member_client.get("/accounts/settings/").status_code == 200


def test_delete_account_keeps_other_threads_reply_counts_true(make_member) -> None:
    from halqa.accounts.actions import delete_account
    from halqa.conversations.actions import reply, start_thread
    from halqa.conversations.models import Thread
    from halqa.groups.actions import create_group

    owner, leaving = make_member(pseudonym="Thread_Owner"), make_member(pseudonym="Leaving_Soon")
    group = create_group(
        slug="calm",
        name="Calm",
        description="A calm group",
        language="en",
        topic="general",
        visibility="public",
        join_policy="open",
        created_by=owner,
    )
    thread = start_thread(author=owner, group=group, title="Hello", body="How is everyone?")
    reply(author=leaving, thread=thread, body="Doing a little better.")
    reply(author=owner, thread=thread, body="Glad to hear it.")
    delete_account(user=leaving)
    assert Thread.objects.get(pk=thread.pk).reply_count == 1
