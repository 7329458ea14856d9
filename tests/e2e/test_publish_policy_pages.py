"""Screenshots of the operators' publish-policy page and a group's watched-words page, ar/en."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot


def _verified_cookie(user: Any) -> str:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key or ""


@pytest.mark.parametrize("language", ["ar", "en"])
def test_policy_pages(
    chromium: Any,
    live_server: Any,
    transactional_db: None,
    make_member: Callable[..., Any],
    make_group: Callable[..., Any],
    language: str,
) -> None:
    from halqa.trust.models import WatchedWord

    operator = make_member(pseudonym="keeper", role="operator", language=language)
    group = make_group(slug="walks", name="Evening walks")
    WatchedWord.objects.create(group=group, pattern="كازينو", match="exact", action="hold")
    WatchedWord.objects.create(group=group, pattern=r"casino\d*", match="regex", action="flag")
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 412, "height": 900})
    context.add_cookies(
        [
            {"name": "halqa_session", "value": _verified_cookie(operator), "url": live_server.url},
            {"name": "halqa_language", "value": language, "url": live_server.url},
        ]
    )
    page = context.new_page()
    try:
        page.goto("/trust/policy/")
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, f"{language}-trust-policy")
        page.goto("/trust/groups/walks/")
        expect(page.locator(".watched-pattern", has_text="كازينو")).to_be_visible()
        page.locator("#id_pattern").fill("(a+)+")
        page.locator("#id_match").select_option("regex")
        page.locator("form:has(#id_pattern) button[type=submit]").click()
        expect(page.locator(".errorlist")).to_be_visible()
        screenshot(page, f"{language}-trust-group")
    finally:
        context.close()
