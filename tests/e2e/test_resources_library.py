"""The library in a real browser: find an exercise in Arabic by a word with a prefix, step
through it (HTMX, and without JavaScript), and screenshots of the library, search results and
an exercise in Arabic and English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

ARABIC_BREATHING = "التنفّس الهادئ: زفير أطول من الشهيق"
ENGLISH_GROUNDING = "Grounding with your senses: 5-4-3-2-1"


@pytest.fixture
def library(transactional_db: None, make_member: Any) -> None:
    from django.utils import timezone

    from halqa.resources import demo

    demo.seed({"Lantern": make_member(pseudonym="Lantern", role="operator")}, timezone.now())


def _context(chromium: Any, live_server: Any, language: str, *, javascript: bool = True) -> Any:
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 412, "height": 900},
        java_script_enabled=javascript,
    )
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "halqa_language", "value": language, "domain": host, "path": "/"}]
    )
    context.set_default_timeout(10_000)
    return context


def test_find_arabic_exercise_by_prefixed_word_and_step_through(
    chromium: Any, live_server: Any, library: None
) -> None:
    context = _context(chromium, live_server, "ar")
    try:
        page = context.new_page()
        page.goto("/resources/")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        screenshot(page, "resources-library-ar")
        page.locator("input[name=q]").fill("بالتنفّس")
        page.locator("form[role=search] button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"q="))
        hit = page.locator("#results article").first
        expect(hit.locator("h3 a")).to_contain_text("الهادئ")
        expect(hit.locator("mark").first).to_have_text("التنفّس")
        screenshot(page, "resources-search-ar")
        hit.locator("h3 a").click()
        expect(page.locator("h1")).to_have_text(ARABIC_BREATHING)
        page.locator("#stepper a.button").click()
        expect(page.locator("#stepper h2")).to_contain_text("الخطوة 1 من 6")
        expect(page.locator(".resource-step")).to_contain_text("اجلس أو قف")
        screenshot(page, "resources-exercise-ar")
        for number in range(2, 7):
            page.locator("#stepper a[rel=next]").click()
            expect(page.locator(".resource-step")).to_have_attribute("data-step", str(number))
        page.locator("#stepper a[rel=next]").click()
        expect(page.locator("#stepper h2")).to_have_text("أحسنت")
        expect(page).to_have_url(re.compile(r"/resources/\d+/$"))  # HTMX swapped, no reload
        page.goto("/resources/?q=منظمة+الصحة+العالمية")
        page.locator("#results article h3 a").first.click()
        page.locator("a.button[href$='/leave/']").click()
        expect(page.locator("h1")).to_have_text("أنت تغادر حلقة")
        expect(page.locator("main a.button")).to_contain_text("who.int")
        screenshot(page, "resources-leave-ar")
    finally:
        context.close()


def test_english_exercise_steps_without_javascript(
    chromium: Any, live_server: Any, library: None
) -> None:
    context = _context(chromium, live_server, "en", javascript=False)
    try:
        page = context.new_page()
        page.goto("/resources/?q=grounding")
        screenshot(page, "resources-search-en")
        page.get_by_role("link", name=re.compile("Grounding with your senses")).click()
        expect(page.locator("h1")).to_have_text(ENGLISH_GROUNDING)
        page.get_by_role("link", name="Begin").click()
        expect(page).to_have_url(re.compile(r"\?step=1$"))
        page.get_by_role("link", name="Next step").click()
        expect(page.locator("#stepper h2")).to_have_text("Step 2 of 7")
        expect(page.locator(".resource-step")).to_contain_text("five things you can see")
        screenshot(page, "resources-exercise-en")
        page.goto("/resources/")
        screenshot(page, "resources-library-en")
    finally:
        context.close()


def test_thread_shows_suggestions_in_the_readers_language(
    chromium: Any, live_server: Any, library: None, make_member: Any, make_group: Any
) -> None:
    from halqa.conversations.actions import start_thread
    from halqa.resources.hooks import _refresh

    author = make_member()
    group = make_group(members=(author,), slug="sleep-circle", name="حلقة النوم")
    thread = start_thread(
        author=author, group=group, title="لا أنام", body="الأرق يلازمني منذ أسابيع، ماذا أفعل؟"
    )
    _refresh(thread.pk)  # what runs after the commit of a real request
    for language in ("ar", "en"):
        context = _context(chromium, live_server, language)
        try:
            page = context.new_page()
            page.goto(f"/groups/{group.slug}/threads/{thread.pk}/")
            suggestions = page.locator(".resource-suggestions")
            expect(suggestions.locator("li").first).to_have_attribute("lang", language)
            screenshot(page, f"resources-thread-suggestions-{language}")
        finally:
            context.close()
