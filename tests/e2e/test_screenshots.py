"""Full-page screenshots of the main pages, Arabic and English, phone and desktop width.

They are saved in test-artifacts/screenshots/ for people to look at. The test itself checks what
a machine can: each page answers in the right language and direction, and nothing is wider than
the screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import log_in
from tests.e2e.conftest import screenshot

VIEWPORTS = {"phone": {"width": 412, "height": 900}, "desktop": {"width": 1280, "height": 900}}
MEMBER = "قمر_الليل"
OPERATOR = "Lantern"


@dataclass
class Site:
    url: str
    member_state: dict[str, Any]
    operator_state: dict[str, Any]
    thread_urls: dict[str, str]
    live_room: str


def _log_in(page: Any, pseudonym: str, password: str) -> None:
    log_in(page, pseudonym, password)


def _operator_logs_in(page: Any, password: str, device: Any) -> None:
    from django_otp.oath import totp

    _log_in(page, OPERATOR, password)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/\?next="))
    page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("two-factor"))


def _storage_state(chromium: Any, url: str, log_in: Callable[[Any], None]) -> dict[str, Any]:
    """Log in once and keep the cookies, so every screenshot context starts logged in."""
    context = chromium.new_context(base_url=url)
    page = context.new_page()
    log_in(page)
    expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()
    state: dict[str, Any] = context.storage_state()
    context.close()
    return state


@pytest.fixture
def site(chromium: Any, live_server: Any, transactional_db: None) -> Site:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.accounts.models import User
    from halqa.conversations.models import Thread
    from halqa.core.demo import DEMO_PASSWORD, seed_demo
    from halqa.live.models import LiveSession
    from halqa.safety.actions import import_emergency_numbers, import_helplines

    seed_demo()
    import_helplines()
    import_emergency_numbers()
    operator = User.objects.get(pseudonym=OPERATOR)
    device = TOTPDevice.objects.create(user=operator, name="halqa", confirmed=True)
    thread_urls = {
        slug: f"/groups/{slug}/threads/"
        f"{Thread.objects.filter(group__slug=slug).order_by('pk').first().pk}/"  # type: ignore[union-attr]
        for slug in ("anxiety-and-stress", "grief-and-loss")
    }
    member = _storage_state(
        chromium, live_server.url, lambda page: _log_in(page, MEMBER, DEMO_PASSWORD)
    )
    operator_state = _storage_state(
        chromium, live_server.url, lambda page: _operator_logs_in(page, DEMO_PASSWORD, device)
    )
    room = LiveSession.objects.get(is_open=True, group__slug="anxiety-and-stress")
    return Site(live_server.url, member, operator_state, thread_urls, f"/live/{room.pk}/")


def _context(chromium: Any, site: Site, lang: str, size: str, state: Any = None) -> Any:
    context = chromium.new_context(
        base_url=site.url, viewport=VIEWPORTS[size], storage_state=state, locale="en-US"
    )
    context.set_default_timeout(10_000)
    host = site.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "halqa_language", "value": lang, "domain": host, "path": "/"}])
    return context


def _shoot(page: Any, path: str, name: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path}: {response.status}"
    if "api-docs" in name:  # Swagger UI draws itself after loading the (large) schema: slow
        expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=30_000)
    _check(page, name)
    screenshot(page, name)


def _check(page: Any, name: str) -> None:
    lang = name.split("-", 1)[0]
    if "api-docs" not in name:  # Swagger UI is ninja's own page, in English
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow}px wider than the screen"


def _anonymous_pages(chromium: Any, site: Site, lang: str, size: str) -> None:
    context = _context(chromium, site, lang, size)
    page = context.new_page()
    for slug, path in (
        ("home", "/"),
        ("signup", "/accounts/signup/"),
        ("login", "/accounts/login/"),
        ("recover", "/accounts/recover/"),
        ("crisis", "/crisis/"),
        ("crisis-eg", "/crisis/?country=EG"),
        ("directory", "/groups/"),
        ("api-docs", "/api/docs"),
    ):
        _shoot(page, path, f"{lang}-{slug}-{size}")
    _shoot(page, "/no-such-page/", f"{lang}-404-{size}", status=404)
    page.goto("/accounts/signup/")  # a sign-up form with errors
    page.locator("main form .actions button[type=submit]").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    _check(page, f"{lang}-signup-errors-{size}")
    screenshot(page, f"{lang}-signup-errors-{size}")
    context.close()


def _member_pages(chromium: Any, site: Site, lang: str, size: str) -> None:
    context = _context(chromium, site, lang, size, site.member_state)
    page = context.new_page()
    _shoot(page, "/", f"{lang}-home-member-{size}")
    _shoot(page, "/groups/anxiety-and-stress/", f"{lang}-group-{size}")
    _shoot(page, "/groups/grief-and-loss/", f"{lang}-group-en-{size}")
    _shoot(page, site.thread_urls["anxiety-and-stress"], f"{lang}-thread-{size}")
    _shoot(page, site.thread_urls["grief-and-loss"], f"{lang}-thread-en-{size}")
    _shoot(page, "/accounts/settings/", f"{lang}-settings-{size}")
    _shoot(page, "/accounts/settings/delete/", f"{lang}-delete-{size}")
    _shoot(page, "/groups/anxiety-and-stress/threads/new/", f"{lang}-new-thread-{size}")
    _shoot(page, "/live/groups/anxiety-and-stress/sessions/", f"{lang}-live-sessions-{size}")
    _shoot(page, site.live_room, f"{lang}-live-room-{size}")
    _shoot(page, "/notifications/", f"{lang}-notifications-{size}")
    _shoot(page, "/notifications/preferences/", f"{lang}-notification-preferences-{size}")
    page.goto("/accounts/settings/")
    page.locator("#codes-heading ~ form button[type=submit]").click()
    expect(page).to_have_url("/accounts/recovery-codes/")
    _check(page, f"{lang}-recovery-codes-{size}")
    screenshot(page, f"{lang}-recovery-codes-{size}")
    context.close()


def _operator_pages(chromium: Any, site: Site, lang: str, size: str) -> None:
    context = _context(chromium, site, lang, size, site.operator_state)
    page = context.new_page()
    _shoot(page, "/crisis/manage/", f"{lang}-helplines-manage-{size}")
    _shoot(page, "/accounts/staff/", f"{lang}-staff-home-{size}")
    _shoot(page, "/groups/new/", f"{lang}-group-new-{size}")
    _shoot(page, "/groups/anxiety-and-stress/manage/", f"{lang}-group-manage-{size}")
    context.close()


def test_screenshots_of_the_main_pages(chromium: Any, site: Site) -> None:
    # One test, not four: the demo data takes seconds to create and the pages only read it.
    for lang in ("ar", "en"):
        for size in VIEWPORTS:
            _anonymous_pages(chromium, site, lang, size)
            _member_pages(chromium, site, lang, size)
            _operator_pages(chromium, site, lang, size)
