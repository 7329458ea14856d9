"""Where a member is logged in: browser sessions listed coarsely, ended one by one or all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from halqa.accounts.actions import end_other_sessions
from halqa.accounts.models import MemberSession, User
from halqa.accounts.sessions import SEEN, note_use, summarise
from halqa.accounts.tokens import issue_token
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.mark.parametrize(
    ("agent", "kind", "browser"),
    [
        (PHONE, "phone", "chrome"),
        (LAPTOP, "computer", "firefox"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "phone",
            "safari",
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1",
            "tablet",
            "chrome",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "computer",
            "edge",
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
            "SamsungBrowser/25.0 Chrome/121.0.0.0 Safari/537.36",
            "tablet",
            "samsung",
        ),
        ("curl/8.5.0", "other", "other"),
        ("", "other", "other"),
    ],
)
def test_summarise_keeps_only_the_device_kind_and_browser_family(agent, kind, browser):
    assert summarise(agent) == (kind, browser)


def _log_in(member: User, agent: str = LAPTOP, lang: str = "en") -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    client.cookies["halqa_language"] = lang
    response = client.post(
        "/accounts/login/", {"pseudonym": member.pseudonym, "password": PASSWORD}
    )
    assert response.status_code == 302
    client.cookies["halqa_language"] = lang  # logging in set the member's own language
    return client


def test_logging_in_records_a_coarse_session_and_no_user_agent(member):
    _log_in(member, PHONE)
    row = MemberSession.objects.get(user=member)
    assert (row.device, row.browser) == ("phone", "chrome")
    assert row.signed_in_at is not None
    assert row.last_seen is not None
    assert len(row.public_id) >= 16
    stored = " ".join(str(getattr(row, f.attname)) for f in MemberSession._meta.fields)
    assert "Pixel" not in stored
    assert "Android" not in stored


def test_last_seen_is_written_at_most_once_a_day():
    session: dict[str, str] = {}
    morning = timezone.now().replace(hour=8, minute=0)
    note_use(session, now=morning)
    first = dict(session)
    note_use(session, now=morning + timedelta(hours=3))
    assert session == first  # unchanged: the session is not saved again that day
    note_use(session, now=morning + timedelta(days=1))
    assert session[SEEN] != first[SEEN]
    assert session[SEEN].startswith(f"{timezone.localdate(morning + timedelta(days=1))}T00:00:00")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_sessions_page_lists_every_session_and_app(member, lang, django_assert_max_num_queries):
    phone = _log_in(member, PHONE, lang)
    laptop = _log_in(member, LAPTOP, lang)
    phone.get("/")
    issue_token(user=member, name="Tablet app")
    with django_assert_max_num_queries(8):
        response = laptop.get("/accounts/settings/sessions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="session') == 2
    assert html.count("session current") == 1
    assert "Tablet app" in html
    assert "Firefox" in html
    if lang == "ar":
        assert "هاتف" in html  # "Phone"
        assert 'dir="rtl"' in html
    else:
        assert "Phone" in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_ending_one_session_signs_only_that_browser_out(member):
    phone = _log_in(member, PHONE)
    laptop = _log_in(member, LAPTOP)
    phone.get("/")
    target = MemberSession.objects.get(user=member, device="phone").public_id
    response = laptop.post(f"/accounts/settings/sessions/{target}/end/")
    assert response.status_code == 302
    assert phone.get("/accounts/settings/").status_code == 302  # to the login page
    assert laptop.get("/accounts/settings/").status_code == 200
    assert MemberSession.objects.filter(user=member).count() == 1


def test_this_session_is_not_ended_from_its_own_list(member):
    laptop = _log_in(member, LAPTOP)
    own = MemberSession.objects.get(user=member).public_id
    response = laptop.post(f"/accounts/settings/sessions/{own}/end/", follow=True)
    assert "To end this session, log out." in response.content.decode()
    assert laptop.get("/accounts/settings/").status_code == 200


def test_someone_elses_session_cannot_be_ended(member, make_member):
    other = make_member(pseudonym="harbour_light")
    theirs = _log_in(other, PHONE)
    theirs.get("/")
    their_id = MemberSession.objects.get(user=other).public_id
    mine = _log_in(member, LAPTOP)
    response = mine.post(f"/accounts/settings/sessions/{their_id}/end/", follow=True)
    assert "That session had already ended." in response.content.decode()
    assert theirs.get("/accounts/settings/").status_code == 200


def test_log_out_everywhere_else_from_the_page(member):
    phone = _log_in(member, PHONE)
    tablet = _log_in(member, PHONE)
    laptop = _log_in(member, LAPTOP)
    token = issue_token(user=member, name="phone app")
    response = laptop.post("/accounts/settings/sessions/end-others/", follow=True)
    html = response.content.decode()
    assert "2 other sessions ended" in html
    assert "1 app logged out" in html
    for ended in (phone, tablet):
        assert ended.get("/accounts/settings/").status_code == 302
    assert laptop.get("/accounts/settings/").status_code == 200
    api = Client().get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 401


def test_revoking_an_app_from_the_page(member, make_member):
    laptop = _log_in(member, LAPTOP)
    token = issue_token(user=member, name="phone app")
    token_id = member.device_tokens.get().pk
    other_token = issue_token(user=make_member(pseudonym="harbour_light"), name="x")
    other_id = User.objects.get(pseudonym="harbour_light").device_tokens.get().pk
    laptop.post(f"/accounts/settings/apps/{other_id}/revoke/")
    laptop.post(f"/accounts/settings/apps/{token_id}/revoke/")
    assert Client().get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert (
        Client().get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {other_token}").status_code
        == 200
    )


def test_end_other_sessions_keeps_what_it_is_told_to(member):
    laptop = _log_in(member, LAPTOP)
    _log_in(member, PHONE)
    keep = issue_token(user=member, name="keep")
    issue_token(user=member, name="drop")
    kept_id = member.device_tokens.get(name="keep").pk
    key = laptop.session.session_key
    assert end_other_sessions(user=member, keep_session=key, keep_token=kept_id) == (1, 1)
    assert list(
        MemberSession.objects.filter(user=member).values_list("session_key", flat=True)
    ) == [key]
    assert Client().get("/api/accounts/me", HTTP_AUTHORIZATION=f"Bearer {keep}").status_code == 200


def test_deleting_the_account_ends_its_sessions(member):
    _log_in(member, PHONE)
    from halqa.accounts.actions import delete_account

    delete_account(user=member)
    assert not MemberSession.objects.exists()


def test_existing_sessions_survive_the_switch_of_session_store(member):
    """The migration copies django_session's live rows: nobody is logged out by the upgrade."""
    import importlib

    from django.apps import apps
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore as OldStore

    old = OldStore()
    old[SESSION_KEY] = str(member.pk)
    old["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    old["_auth_user_hash"] = member.get_session_auth_hash()
    old.create()
    migration = importlib.import_module("halqa.accounts.migrations.0002_member_sessions")
    migration.keep_signed_in(apps, None)
    copied = MemberSession.objects.get(session_key=old.session_key)
    assert copied.user_id == member.pk
    client = Client()
    client.cookies["halqa_session"] = old.session_key
    assert client.get("/accounts/settings/").status_code == 200


def test_export_lists_sessions_without_their_keys(member):
    from halqa.accounts.export import export_member

    browser = _log_in(member, PHONE)
    key = browser.session.session_key
    exported = export_member(member)["browser_sessions"]
    assert [(s["device"], s["browser"]) for s in exported] == [("phone", "chrome")]
    assert key not in str(exported)


def test_a_password_change_drops_the_other_sessions_from_the_list(member):
    laptop = _log_in(member, LAPTOP)
    _log_in(member, PHONE)
    new = "olive trees by the winter sea 47"
    response = laptop.post(
        "/accounts/settings/password/",
        {"old_password": PASSWORD, "new_password": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert MemberSession.objects.filter(user=member).count() == 1
    assert laptop.get("/accounts/settings/").status_code == 200


def test_password_recovery_ends_every_browser_session(member):
    from halqa.accounts.actions import recover_password, regenerate_recovery_codes

    browser = _log_in(member, PHONE)
    code = regenerate_recovery_codes(user=member)[0]
    recover_password(
        pseudonym=member.pseudonym,
        code=code,
        new_password="a new quiet morning by the sea",
        client_address="127.0.0.1",
    )
    assert not MemberSession.objects.filter(user=member).exists()
    assert browser.get("/accounts/settings/").status_code == 302


def test_staff_end_their_other_sessions_and_stay_verified_here(make_member):
    from tests.conftest import verified_staff_client

    operator = make_member(pseudonym="harbour_master", role="operator")
    here, there = verified_staff_client(operator), verified_staff_client(operator)
    assert there.get("/console/").status_code == 200
    assert here.post("/accounts/settings/sessions/end-others/").status_code == 302
    assert there.get("/console/").status_code == 302  # logged out: to the login page
    assert here.get("/console/").status_code == 200  # still two-factor verified
