"""Browser check: an operator with two-factor opens the console, renames the site, and reads
the health and metrics pages (screenshots in Arabic and English)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.console import images
from tests.e2e.conftest import screenshot
from tests.e2e.test_crisis_card import _context, _log_in

NAME = {"ar": "دائرة الأرز", "en": "Cedar Circle"}


@pytest.fixture
def operator(transactional_db: None, make_member: Any, make_group: Any) -> Iterator[Any]:
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.console import heartbeat, site
    from halqa.conversations.actions import reply, start_thread
    from halqa.groups.actions import add_member
    from halqa.moderation.cases import open_case
    from halqa.moderation.enums import CaseKind

    user = make_member(pseudonym="night_keeper", role="operator")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    make_member(pseudonym="new_moderator", role="moderator")  # no two-factor yet
    group = make_group()
    writers = [make_member() for _ in range(3)]
    for writer in writers:
        add_member(user=writer, group=group)
    thread = start_thread(author=writers[0], group=group, title="Evenings", body="A calm evening.")
    for writer in writers[1:]:
        reply(author=writer, thread=thread, body="Me too.")
    case = open_case(kind=CaseKind.CRISIS, subject=writers[1], reason="crisis:ideation", urgency=90)
    case.first_response_at = case.opened_at + timedelta(minutes=6)
    case.save(update_fields=["first_response_at"])
    heartbeat.beat("worker-host:1", now=timezone.now() - timedelta(seconds=20))
    yield user
    site.forget()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_operator_console(chromium: Any, live_server: Any, operator: Any, lang: str) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    operator.language = lang
    operator.save(update_fields=["language"])
    context = _context(chromium, live_server.url, lang)
    page = context.new_page()
    _log_in(page, "night_keeper")
    device = TOTPDevice.objects.get(user=operator)
    page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("two-factor"))

    page.goto("/accounts/staff/")
    page.locator("a[href='/console/']").first.click()
    expect(page.locator("main a[href='/console/health/']").first).to_be_visible()
    expect(page.locator("main a[href='/crisis/manage/']")).to_be_visible()
    screenshot(page, f"{lang}-console-home")

    page.locator("main a[href='/console/settings/']").first.click()
    page.locator("#id_site_name").fill(NAME[lang])
    page.locator("#settings-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("header")).to_contain_text(NAME[lang])
    expect(page).to_have_title(re.compile(NAME[lang]))
    page.locator("#id_logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": images.png(160, 48)}]
    )
    page.locator("#logo form[enctype] button[type=submit]").click()
    logo = page.locator("header .brand img")
    expect(logo).to_have_attribute("alt", NAME[lang])
    # the new page's <img> may still be loading when its attributes are there
    page.wait_for_function(
        "() => { const i = document.querySelector('header .brand img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    assert logo.evaluate("img => img.naturalWidth") == 160
    screenshot(page, f"{lang}-console-settings")

    page.goto("/console/health/")
    expect(page.locator("#check-database .status.ok")).to_be_visible()
    expect(page.locator("#check-worker .status.ok")).to_be_visible()
    screenshot(page, f"{lang}-console-health")

    page.goto("/console/staff/")
    expect(page.locator("#missing-2fa")).to_contain_text("new_moderator")
    screenshot(page, f"{lang}-console-staff")

    page.goto("/console/metrics/")
    expect(page.locator("#posts rect.fill")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("calm evening")
    screenshot(page, f"{lang}-console-metrics")
    context.close()
