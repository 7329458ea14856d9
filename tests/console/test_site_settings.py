"""Site settings beyond the name: the logo, the languages offered and the default country."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from halqa.accounts.tokens import issue_token
from halqa.console import logo, site
from halqa.console.models import SiteSettings
from tests.console import images

SETTINGS = {"site_name": "Cedar Circle", "registration": "", "languages": ""}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _upload(client: Client, data: bytes, name: str = "logo.png") -> object:
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    return client.post("/console/settings/logo/", {"logo": upload})


def _page(lang: str = "en", path: str = "/accounts/login/", client: Client | None = None) -> str:
    client = client or Client()
    client.cookies["halqa_language"] = lang
    return client.get(path).content.decode()


# ---- the logo check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "size"),
    [
        (images.png(64, 32), "image/png", (64, 32)),
        (images.jpeg(120, 40), "image/jpeg", (120, 40)),
        (images.webp_lossless(64, 32), "image/webp", (64, 32)),
        (images.webp_extended(300, 100), "image/webp", (300, 100)),
        (images.webp_lossy(200, 50), "image/webp", (200, 50)),
    ],
)
def test_check_logo_reads_type_and_size_from_the_bytes(data, content_type, size):
    image = logo.check_logo(data)
    assert (image.content_type, (image.width, image.height)) == (content_type, size)


BAD = [
    (b"", "empty"),
    (SVG, "type"),
    (b"GIF89a" + b"\x00" * 40, "type"),
    (b"<html><img src=x onerror=alert(1)></html>", "type"),
    (images.png()[:-12], "damaged"),  # no IEND
    (images.png()[:40] + b"\x00" + images.png()[41:], "damaged"),  # a checksum fails
    (images.jpeg()[:20], "damaged"),
    (images.webp_lossless()[:-3], "damaged"),
    (images.png(8, 8), "dimensions"),
    (images.png(4000, 20), "dimensions"),
    (images.png() + b"\x00" * logo.MAX_BYTES, "size"),
]


@pytest.mark.parametrize(("data", "code"), BAD)
def test_check_logo_refuses_with_a_reason(data, code):
    with pytest.raises(ValidationError) as refused:
        logo.check_logo(data)
    assert refused.value.code == code
    with translation.override("ar"):
        message = str(refused.value.messages[0])
    assert not message.isascii()  # said in Arabic too


# ---- uploading, showing and serving the logo -------------------------------------------------


def test_uploaded_logo_is_in_every_pages_header_with_the_site_name(operator_client):
    operator_client.post("/console/settings/", SETTINGS)
    data = images.png()
    assert _upload(operator_client, data).status_code == 302
    row = SiteSettings.objects.get(pk=1)
    assert bytes(row.logo) == data
    url = f"/console/logo/{row.logo_hash}/"
    for lang in ("ar", "en"):
        for path in ("/", "/accounts/login/", "/crisis/"):
            html = _page(lang, path)
            assert f'<img src="{url}" alt="Cedar Circle"' in html, (lang, path)


def test_logo_is_served_with_a_validator_and_a_long_cache(
    operator_client, django_assert_num_queries
):
    data = images.webp_lossless()
    _upload(operator_client, data, "logo.webp")
    version = SiteSettings.objects.get(pk=1).logo_hash
    url = f"/console/logo/{version}/"
    response = Client().get(url)
    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "image/webp"
    assert response["ETag"] == f'"{version}"'
    assert "immutable" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    with django_assert_num_queries(0):
        again = Client().get(url, HTTP_IF_NONE_MATCH=f'"{version}"')
    assert again.status_code == 304
    old = Client().get("/console/logo/0123abcd/")
    assert old.status_code == 302
    assert old["Location"] == url


def test_a_refused_upload_says_why_and_keeps_the_old_logo(operator_client):
    _upload(operator_client, images.png())
    before = SiteSettings.objects.get(pk=1).logo_hash
    response = _upload(operator_client, SVG, "logo.svg")
    assert response.status_code == 200
    assert "Please upload a PNG, JPEG or WebP image." in response.content.decode()
    assert SiteSettings.objects.get(pk=1).logo_hash == before
    too_big = _upload(operator_client, b"\x89PNG" + b"\x00" * (logo.MAX_BYTES + 1))
    assert "at most 200 KB" in too_big.content.decode()
    missing = operator_client.post("/console/settings/logo/", {})
    assert missing.status_code == 200


def test_arabic_refusal_for_an_svg_logo(make_member):
    from tests.conftest import verified_staff_client

    operator = make_member(pseudonym="night_owl", role="operator")
    client = verified_staff_client(operator, language="ar")
    response = _upload(client, SVG, "logo.svg")
    assert response.status_code == 200
    assert "PNG" in response.content.decode()
    assert "Please upload" not in response.content.decode()


def test_removing_the_logo_shows_the_name_again(operator_client):
    operator_client.post("/console/settings/", SETTINGS)
    _upload(operator_client, images.jpeg(), "logo.jpg")
    version = SiteSettings.objects.get(pk=1).logo_hash
    assert operator_client.post("/console/settings/logo/remove/").status_code == 302
    html = _page("en", "/")
    assert "/console/logo/" not in html
    assert "Cedar Circle" in html
    assert Client().get(f"/console/logo/{version}/").status_code == 404


def test_neutral_titles_hide_the_logo(operator_client, member, member_client):
    _upload(operator_client, images.png())
    member.neutral_titles = True
    member.save(update_fields=["neutral_titles"])
    assert "/console/logo/" not in member_client.get("/accounts/settings/").content.decode()


def test_only_operators_change_the_logo(member_client):
    assert _upload(member_client, images.png()).status_code == 404
    assert member_client.post("/console/settings/logo/remove/").status_code == 404
    assert not SiteSettings.objects.filter(logo_hash__gt="").exists()


# ---- languages offered ------------------------------------------------------------------------


def _offer(client: Client, languages: str, default: str = "") -> None:
    data = {**SETTINGS, "languages": languages, "default_language": default}
    assert client.post("/console/settings/", data).status_code == 302


def test_one_language_offered_removes_the_switcher_and_the_other_language(operator_client):
    _offer(operator_client, "en")
    html = _page("ar", "/accounts/login/")  # an Arabic cookie from before
    assert '<html lang="en" dir="ltr">' in html
    assert "language-switcher" not in html
    switched = Client()
    switched.post("/language/", {"language": "ar", "next": "/"})
    assert "halqa_language" not in switched.cookies
    assert '<html lang="en"' in switched.get("/").content.decode()


def test_both_languages_with_english_by_default(operator_client):
    _offer(operator_client, "", "en")
    assert '<html lang="en"' in Client().get("/").content.decode()
    html = _page("ar", "/")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'name="language" value="en"' in html


def test_a_member_cannot_choose_a_language_the_site_does_not_offer(
    operator_client, member, member_client
):
    _offer(operator_client, "ar")
    data = {"language": "en", "country": "", "neutral_titles": ""}
    response = member_client.post("/accounts/settings/", data)
    assert response.status_code == 200
    assert response.context["preferences_form"].errors["language"]
    member.refresh_from_db()
    assert member.language == "ar"
    form_html = response.content.decode()
    assert 'value="en"' not in form_html.split('id="preferences-heading"')[1].split("</form>")[0]


def test_api_follows_the_languages_offered(operator_client, member):
    _offer(operator_client, "en")
    token = issue_token(user=member, name="phone")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    me = client.get("/api/accounts/me", HTTP_ACCEPT_LANGUAGE="ar")
    assert me["Content-Language"] == "en"  # Accept-Language falls back to the site's language
    refused = client.patch("/api/accounts/me", {"language": "ar"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["fields"]["language"]
    body = {"pseudonym": "Olive_Grove", "password": "a calm river at dawn 42"}
    created = Client().post(
        "/api/accounts/signup", {**body, "confirm_min_age": True}, content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["member"]["language"] == "en"


# ---- default country --------------------------------------------------------------------------


def test_console_default_country_wins_over_the_environment(operator_client, settings, member):
    from halqa.safety.queries import home_country

    settings.DEFAULT_COUNTRY = "EG"
    assert home_country(member) == "EG"
    operator_client.post("/console/settings/", {**SETTINGS, "default_country": "JO"})
    assert SiteSettings.objects.get(pk=1).default_country == "JO"
    assert home_country(member) == "JO"
    assert Client().get("/crisis/").context["country"] == "JO"  # the crisis page too
    operator_client.post("/console/settings/", {**SETTINGS, "default_country": ""})
    assert home_country(member) == "EG"  # empty again: the environment's


def test_unknown_default_country_is_a_form_error(operator_client):
    response = operator_client.post("/console/settings/", {**SETTINGS, "default_country": "XX"})
    assert response.status_code == 200
    assert response.context["form"].errors["default_country"]
    assert not SiteSettings.objects.filter(pk=1).exists()


def test_settings_page_shows_what_is_saved(operator_client):
    operator_client.post(
        "/console/settings/",
        {**SETTINGS, "languages": "", "default_language": "en", "default_country": "MA"},
    )
    form = operator_client.get("/console/settings/").context["form"]
    assert form.initial["default_language"] == "en"
    assert form.initial["default_country"] == "MA"


# ---- Redis outage -----------------------------------------------------------------------------


def test_settings_save_and_apply_while_the_cache_is_down(operator_client, monkeypatch):
    from redis import ConnectionError as RedisConnectionError

    def refuse(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(site.cache, "get", refuse)
    monkeypatch.setattr(site.cache, "set", refuse)
    response = operator_client.post(
        "/console/settings/", {**SETTINGS, "languages": "en", "default_country": "LB"}
    )
    assert response.status_code == 302
    assert _page("ar", "/").startswith("<!doctype html>")
    assert '<html lang="en"' in _page("ar", "/")
    assert site.default_country() == "LB"
    assert _upload(operator_client, images.png()).status_code == 302
    assert "/console/logo/" in _page("en", "/")
