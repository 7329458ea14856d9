import re

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_home_is_arabic_and_right_to_left_by_default():
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.django_db
def test_language_switch_sets_cookie_and_english_is_left_to_right():
    client = Client()
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "target"),
    [("xx", "/"), ("", "/"), ("en", "https://evil.example/"), ("en", "//evil.example/")],
)
def test_language_switch_refuses_bad_values_and_foreign_redirects(language, target):
    response = Client().post("/language/", {"language": language, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.django_db
def test_language_switch_is_remembered_on_the_profile(member, member_client):
    member_client.post("/language/", {"language": "en", "next": "/"})
    member.refresh_from_db()
    assert member.language == "en"


@pytest.mark.django_db
def test_every_page_carries_the_security_headers():
    response = Client().get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_have_no_inline_script_and_nothing_from_other_hosts(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(
        r"""(?:src|href)=["'](?:https?:)?//""",
        html.replace(f'href="{settings.QUICK_EXIT_URL}"', ""),
    ), "a resource from another host"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_crisis_link_and_quick_exit_are_on_every_page(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/").content.decode()
    assert 'href="/crisis/"' in html
    assert "data-quick-exit" in html


@pytest.mark.django_db
def test_unknown_page_is_a_localised_404_not_a_500():
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/groups/join/%00/", "/groups/?topic=%00", "/crisis/?country=E%00G", "/x%00y/"]
)
def test_nul_bytes_in_an_address_get_a_calm_400_not_a_500(url):
    response = Client().get(url)
    assert response.status_code == 400
    assert 'dir="rtl"' in response.content.decode()
