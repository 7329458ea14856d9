import html
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from halqa.accounts.models import User
from halqa.safety.models import Helpline

from .conftest import verified_client

CRISIS = "/crisis/"
ENGLISH = {"halqa_language": "en"}


def page(response: HttpResponseBase) -> str:
    assert isinstance(response, HttpResponse)
    return html.unescape(response.content.decode())


def english_client() -> Client:
    client = Client()
    client.cookies.load(ENGLISH)
    return client


def test_crisis_url_name() -> None:
    assert reverse("safety:crisis") == CRISIS


@pytest.mark.django_db
def test_crisis_page_arabic_by_default_without_login() -> None:
    response = Client().get(CRISIS, {"country": "SA"})
    body = page(response)
    assert response.status_code == 200
    assert 'dir="rtl"' in body
    assert "لست وحدك." in body
    assert "رقم الطوارئ في المملكة العربية السعودية" in body
    assert 'href="tel:911"' in body
    assert "findahelpline.com" in body
    assert "befrienders.org" in body


@pytest.mark.django_db
def test_crisis_page_english_shows_numbers_helplines_and_sources() -> None:
    response = english_client().get(CRISIS, {"country": "lb"})
    body = page(response)
    assert 'dir="ltr"' in body
    assert "Emergency number in Lebanon" in body
    assert 'href="tel:140"' in body
    assert 'href="tel:112"' in body
    assert 'href="tel:1564"' in body
    assert "Not yet checked by this site's team" in body
    assert "progress.guide" in body
    assert "libphonenumber short-number metadata" in body
    assert 'rel="noreferrer noopener"' in body


@pytest.mark.django_db
def test_crisis_page_is_never_cached() -> None:
    response = Client().get(CRISIS)
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.django_db
def test_crisis_page_hides_conflicting_entries() -> None:
    body = page(english_client().get(CRISIS, {"country": "PS"}))
    assert "Sawa" not in body
    assert 'href="tel:101"' in body
    assert "We don't yet have a helpline in Palestine" in body


@pytest.mark.django_db
def test_crisis_page_shows_checked_single_source_entry_with_date(operator: User) -> None:
    line = Helpline.objects.get(country_code="SA", phone="937")
    Helpline.objects.filter(pk=line.pk).update(checked_at="2026-11-20", checked_by=operator)
    body = page(english_client().get(CRISIS, {"country": "SA"}))
    assert 'href="tel:937"' in body
    assert "Last checked by this site's team on" in body


@pytest.mark.django_db
def test_crisis_page_uses_member_country(make_member: Callable[..., User]) -> None:
    client = english_client()
    client.force_login(make_member(country="EG"))
    body = page(client.get(CRISIS))
    assert 'href="tel:122"' in body
    assert 'href="tel:123"' in body
    assert 'href="tel:16023"' in body


@pytest.mark.django_db
def test_crisis_page_query_overrides_member_country(make_member: Callable[..., User]) -> None:
    client = english_client()
    client.force_login(make_member(country="EG"))
    body = page(client.get(CRISIS, {"country": "JO"}))
    assert 'href="tel:911"' in body
    assert 'href="tel:122"' not in body


@pytest.mark.django_db
def test_crisis_page_uses_default_country(settings: pytest.FixtureRequest) -> None:
    settings.DEFAULT_COUNTRY = "QA"  # type: ignore[attr-defined]
    body = page(english_client().get(CRISIS))
    assert 'href="tel:999"' in body
    assert 'href="tel:16000"' in body


@pytest.mark.django_db
def test_crisis_page_without_country_shows_picker_and_directory(
    settings: pytest.FixtureRequest,
) -> None:
    settings.DEFAULT_COUNTRY = ""  # type: ignore[attr-defined]
    body = page(english_client().get(CRISIS))
    assert 'name="country"' in body
    assert '<option value="SA">Saudi Arabia</option>' in body
    assert "findahelpline.com" in body
    assert "tel:" not in body


@pytest.mark.django_db
def test_crisis_page_picker_names_in_arabic() -> None:
    body = page(Client().get(CRISIS, {"country": "PS"}))
    assert '<option value="EG">مصر</option>' in body
    assert '<option value="PS" selected>فلسطين</option>' in body


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["ZZ", "<script>alert(1)</script>", "S" * 5000, "١٢", "SAU"])
def test_crisis_page_bad_country_gives_clear_message(country: str) -> None:
    response = english_client().get(CRISIS, {"country": country})
    body = page(response)
    assert response.status_code == 200
    assert "We don't recognise that country" in body
    assert "<script>alert" not in response.content.decode()
    assert "findahelpline.com" in body


@pytest.mark.django_db
def test_crisis_page_country_without_data_falls_back_to_112() -> None:
    body = page(english_client().get(CRISIS, {"country": "ES"}))
    assert 'href="tel:112"' in body
    assert '<option value="ES" selected>Spain</option>' in body


@pytest.mark.django_db
def test_crisis_page_country_without_any_number_points_to_directory() -> None:
    body = page(english_client().get(CRISIS, {"country": "JP"}))
    assert "that we could confirm" in body
    assert "findahelpline.com" in body


@pytest.mark.django_db
def test_crisis_page_query_count(django_assert_num_queries: Callable[..., Any]) -> None:
    client = Client()
    with django_assert_num_queries(4):
        client.get(CRISIS, {"country": "LB"})


@pytest.mark.django_db
def test_crisis_page_rejects_post() -> None:
    assert Client().post(CRISIS).status_code == 405
    assert Client().head(CRISIS).status_code == 200


@pytest.mark.django_db
def test_crisis_link_on_home_page() -> None:
    body = page(Client().get("/"))
    assert f'href="{CRISIS}"' in body


@pytest.mark.django_db
def test_crisis_page_neutral_title(make_member: Callable[..., User]) -> None:
    client = english_client()
    client.force_login(make_member(neutral_titles=True, country="SA"))
    body = page(client.get(CRISIS))
    assert "<title>Notes</title>" in body


# Operators' page


@pytest.mark.django_db
def test_manage_page_hidden_from_members(member_client: Client) -> None:
    assert member_client.get("/crisis/manage/").status_code == 404


@pytest.mark.django_db
def test_manage_page_sends_visitors_to_login() -> None:
    response = Client().get("/crisis/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_manage_page_asks_unverified_operator_for_two_factor(operator: User) -> None:
    client = Client()
    client.force_login(operator)
    response = client.get("/crisis/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    response = client.post("/crisis/manage/1/check/", {"note": "x"})
    assert response.status_code == 302
    assert not Helpline.objects.filter(checked_at__isnull=False).exists()


@pytest.mark.django_db
def test_manage_page_hidden_from_verified_moderator(make_member: Callable[..., User]) -> None:
    client = verified_client(make_member(role="moderator"))
    assert client.get("/crisis/manage/").status_code == 404


@pytest.mark.django_db
def test_manage_page_lists_every_entry(
    operator_client: Client, django_assert_num_queries: Callable[..., Any]
) -> None:
    operator_client.cookies.load(ENGLISH)
    with django_assert_num_queries(5):
        response = operator_client.get("/crisis/manage/")
    body = page(response)
    assert response.status_code == 200
    assert body.count('action="/crisis/manage/') == 22
    assert "Never checked by this site's team." in body
    assert "Sawa helpline" in body


@pytest.mark.django_db
def test_manage_page_warns_about_stale_check(operator_client: Client, operator: User) -> None:
    Helpline.objects.filter(phone="1564").update(checked_at="2024-01-01", checked_by=operator)
    operator_client.cookies.load(ENGLISH)
    body = page(operator_client.get("/crisis/manage/"))
    assert "more than twelve months old" in body


@pytest.mark.django_db
def test_mark_checked_records_date_and_operator(operator_client: Client, operator: User) -> None:
    line = Helpline.objects.get(country_code="SA", phone="937")
    response = operator_client.post(f"/crisis/manage/{line.pk}/check/", {"note": "called"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.checked_by == operator
    assert line.checked_at is not None
    assert line.check_note == "called"


@pytest.mark.django_db
def test_mark_checked_conflict_without_note_refused(operator_client: Client) -> None:
    line = Helpline.objects.get(country_code="PS")
    operator_client.cookies.load(ENGLISH)
    response = operator_client.post(f"/crisis/manage/{line.pk}/check/", {"note": ""}, follow=True)
    assert "Say how you resolved" in page(response)
    line.refresh_from_db()
    assert line.checked_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["x" * 1001, "x" * 100_000])
def test_mark_checked_oversized_note_refused(operator_client: Client, note: str) -> None:
    line = Helpline.objects.get(country_code="SA", phone="937")
    operator_client.cookies.load(ENGLISH)
    response = operator_client.post(f"/crisis/manage/{line.pk}/check/", {"note": note}, follow=True)
    assert "The note is too long." in page(response)
    line.refresh_from_db()
    assert line.checked_at is None


@pytest.mark.django_db
def test_mark_checked_unknown_entry_404(operator_client: Client) -> None:
    assert operator_client.post("/crisis/manage/999999/check/").status_code == 404


@pytest.mark.django_db
def test_mark_checked_hidden_from_members(member_client: Client) -> None:
    line = Helpline.objects.first()
    assert line is not None
    assert member_client.post(f"/crisis/manage/{line.pk}/check/").status_code == 404
    line.refresh_from_db()
    assert line.checked_at is None


@pytest.mark.django_db
def test_mark_checked_get_not_allowed(operator_client: Client) -> None:
    line = Helpline.objects.first()
    assert line is not None
    assert operator_client.get(f"/crisis/manage/{line.pk}/check/").status_code == 405
