"""The journal and the safety plan in a browser: write an entry in Arabic and see it listed;
fill a step of the safety plan and open the printable view (also without JavaScript).
Screenshots in Arabic and English go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot

BODY = "مشيت اليوم على شاطئ البحر وشعرت بهدوء لم أعرفه منذ أسابيع."


@pytest.fixture
def writer(make_member: Callable[..., Any], transactional_db: None) -> Any:
    from halqa.safety.actions import import_emergency_numbers, import_helplines

    import_helplines()
    import_emergency_numbers()
    return make_member(pseudonym="غيمة_هادئة", country="JO")


def _context(chromium: Any, live_server: Any, lang: str, **options: Any) -> Any:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 412, "height": 900}, **options
    )
    context.set_default_timeout(30_000)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookie = {"name": "halqa_language", "value": lang, "domain": host, "path": "/"}
    context.add_cookies([cookie])
    return context


@pytest.fixture
def open_as(chromium: Any, live_server: Any, writer: Any) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []

    def open_page(lang: str, **options: Any) -> Any:
        context = _context(chromium, live_server, lang, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator("#id_pseudonym").fill(writer.pseudonym)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()
        # Logging in switches to the member's own language; the test wants `lang`.
        host = live_server.url.split("//", 1)[1].split(":")[0]
        context.add_cookies(
            [{"name": "halqa_language", "value": lang, "domain": host, "path": "/"}]
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


def _no_overflow(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


def test_write_an_arabic_entry_and_see_it_listed(open_as: Callable[..., Any]) -> None:
    page = open_as("ar")
    page.goto("/accounts/settings/")
    page.get_by_role("link", name="يومياتي").click()
    expect(page).to_have_url("/journal/")
    page.get_by_role("link", name="اكتب تدوينة جديدة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_prompt").select_option("gratitude")
    page.locator("#id_title").fill("البحر")
    page.locator("#id_body").fill(BODY)
    screenshot(page, "ar-journal-new-phone")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/journal/\d+/$"))
    expect(page.locator(".journal-body")).to_contain_text(BODY)
    page.get_by_role("link", name="العودة إلى يومياتي").click()
    entry = page.locator(".journal-entry").first
    expect(entry.locator(".journal-title")).to_have_text("البحر")
    expect(entry.locator(".journal-excerpt")).to_contain_text("شاطئ البحر")
    expect(entry.locator(".journal-prompt")).to_have_text("ما الشيء الذي تشعر بالامتنان له اليوم؟")
    _no_overflow(page)
    screenshot(page, "ar-journal-list-phone")
    english = open_as("en")
    english.goto("/journal/")
    expect(english.locator(".journal-prompt").first).to_have_text(
        "What is one thing you are grateful for today?"
    )
    _no_overflow(english)
    screenshot(english, "en-journal-list-phone")


def test_fill_a_safety_plan_step_and_print_it(open_as: Callable[..., Any]) -> None:
    page = open_as("ar")
    page.goto("/journal/safety-plan/")
    expect(page.locator("h1")).to_have_text("خطة أماني")
    page.locator("#coping a.button").click()
    page.locator("#id_items").fill("التنفس البطيء\nالمشي حول الحيّ")
    page.get_by_role("button", name="احفظ هذه الخطوة").click()
    expect(page.locator("#coping .plan-items li")).to_have_count(2)
    page.locator("#professionals a.button").click()
    suggestions = page.locator(".plan-suggestions input[type=checkbox]")
    expect(suggestions.first).to_be_visible()
    suggestions.first.check()
    page.get_by_role("button", name="احفظ هذه الخطوة").click()
    expect(page.locator("#professionals .plan-items li")).to_have_count(1)
    _no_overflow(page)
    screenshot(page, "ar-safety-plan-phone")
    page.get_by_role("link", name="نسخة للطباعة").click()
    expect(page).to_have_url("/journal/safety-plan/print/")
    expect(page.locator(".site-header")).to_have_count(0)
    expect(page.locator("#coping .plan-items li").first).to_have_text("التنفس البطيء")
    expect(page.get_by_role("button", name="اطبع")).to_be_visible()
    screenshot(page, "ar-safety-plan-print-phone")
    page.emulate_media(media="print")
    expect(page.locator(".screen-only")).to_be_hidden()

    english = open_as("en")
    english.goto("/journal/safety-plan/")
    english.locator("#reasons a.button").click()
    screenshot(english, "en-safety-plan-step-phone")
    english.locator("#id_items").fill("My mother")
    english.get_by_role("button", name="Save this step").click()
    expect(english.locator("#reasons .plan-items li")).to_have_text("My mother")
    _no_overflow(english)
    screenshot(english, "en-safety-plan-phone")

    no_js = open_as("en", java_script_enabled=False)
    no_js.goto("/journal/safety-plan/print/")
    expect(no_js.locator("#reasons .plan-items li")).to_have_text("My mother")
    expect(no_js.locator("[data-print]")).to_be_hidden()  # the Print button needs JavaScript
    screenshot(no_js, "en-safety-plan-print-phone")


def test_a_moderator_opens_a_shared_plan_and_the_member_sees_it(
    open_as: Callable[..., Any],
    writer: Any,
    make_member: Callable[..., Any],
    chromium: Any,
    live_server: Any,
) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.journal import actions

    actions.save_safety_plan(owner=writer, sections={"reasons": ["أمي", "قطّتي"]})
    page = open_as("ar")
    page.goto("/journal/safety-plan/")
    page.get_by_role("button", name="شارك خطتي مع المشرفين").click()
    expect(page.locator("#sharing strong")).to_have_text("مُشارَكة: يستطيع المشرفون فتح خطة أمانك.")

    moderator = make_member(pseudonym="Steady_Moderator", role="moderator", language="en")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    context = _context(chromium, live_server, "en")
    staff = context.new_page()
    staff.goto(f"/journal/safety-plan/shared/{writer.pk}/")
    staff.locator("#id_pseudonym").fill(moderator.pseudonym)
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("main form button[type=submit]").click()
    expect(staff).to_have_url(re.compile(r"/accounts/two-factor/\?next="))
    staff.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    staff.locator("main form button[type=submit]").click()
    expect(staff).to_have_url(f"/journal/safety-plan/shared/{writer.pk}/")
    expect(staff.locator("#reasons .plan-items li")).to_have_count(2)
    screenshot(staff, "en-shared-safety-plan-phone")
    context.close()

    page.reload()
    expect(page.locator(".plan-log li").first).to_contain_text("Steady_Moderator")
    screenshot(page, "ar-safety-plan-shared-log-phone")
