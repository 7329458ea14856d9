"""The OpenAPI document and the docs page: complete, and within our Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from django.test import Client

ACCOUNT_PATHS = {
    "/api/accounts/signup": {"post"},
    "/api/accounts/login": {"post"},
    "/api/accounts/recover": {"post"},
    "/api/accounts/me": {"get", "patch", "delete"},
    "/api/accounts/recovery-codes": {"post"},
    "/api/accounts/tokens": {"get"},
    "/api/accounts/tokens/{token_id}": {"delete"},
    "/api/accounts/logout": {"post"},
    "/api/accounts/export": {"get"},
}


@pytest.fixture
def schema(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_account_endpoint(schema):
    for path, methods in ACCOUNT_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), path


def test_openapi_declares_bearer_tokens_and_open_sign_up(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert "security" not in schema["paths"]["/api/accounts/signup"]["post"]
    assert schema["paths"]["/api/accounts/me"]["get"]["security"]


def test_openapi_documents_the_error_shape(schema):
    responses = schema["paths"]["/api/accounts/signup"]["post"]["responses"]
    assert {"201", "422", "429"} <= set(responses)
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {
        "code",
        "message",
        "fields",
    }


def test_docs_page_has_no_inline_script_and_nothing_from_another_host(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, content in scripts:
        # A JSON data block is not executed; anything else must come from a file.
        if 'type="application/json"' not in attributes:
            assert "src=" in attributes
            assert not content.strip()
    assert "<style" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_docs_page_static_files_are_served(db):
    client = Client()
    html = client.get("/api/docs").content.decode()
    for url in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html):
        response = client.get(url)
        response.close()  # a file response: release the file
        assert response.status_code == 200, url
