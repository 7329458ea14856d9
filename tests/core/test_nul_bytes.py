"""halqa.core.middleware.refuse_nul_bytes: a NUL in an address is a 400 before any view runs,
the HTML page for pages and the API's JSON error shape under /api/."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from halqa.accounts.tokens import issue_token

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/api/notifications/?page=%00", "/api/groups/%00", "/api/nowhere%00/?a=1", "/api/?x=a%00b"],
)
def test_an_api_address_with_a_nul_gets_the_json_error(member, address):
    token = issue_token(user=member, name="t")
    client = Client(headers={"authorization": f"Bearer {token}", "accept-language": "en"})
    response = client.get(address)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body == {
        "code": "bad_request",
        "message": "The address contains a character (NUL) that is not allowed.",
        "fields": {},
    }
    assert response["Content-Language"] == "en"
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_api_nul_error_is_arabic_by_default_and_needs_no_token():
    response = Client().post("/api/accounts/login?next=%00", "{}", content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request"
    assert ARABIC.search(body["message"])
    assert response["Content-Language"] == "ar"


@pytest.mark.django_db
def test_a_page_address_with_a_nul_still_gets_the_html_page():
    response = Client().get("/groups/?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"<html" in response.content


@pytest.mark.django_db
def test_an_address_without_a_nul_goes_through(member):
    token = issue_token(user=member, name="t")
    response = Client(headers={"authorization": f"Bearer {token}"}).get("/api/notifications/")
    assert response.status_code == 200
