"""The liveness URL answers without a session and says nothing about the site."""

from django.test import Client


def test_healthz_answers_ok_to_anyone(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "Set-Cookie" not in response.headers
