"""Short browser checks: the crisis link and sign-up without JavaScript, quick exit, language
switching, neutral tab titles and taking a break."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

EXIT_PATH = "/static/halqa/css/halqa.css"  # a neutral page of the live server itself


@pytest.fixture
def no_js_page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 412, "height": 900}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def helplines(transactional_db: None) -> None:
    from halqa.safety.actions import import_emergency_numbers, import_helplines

    import_helplines()
    import_emergency_numbers()


def log_in(page: Any, pseudonym: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()


def test_crisis_link_works_without_login_and_without_javascript(
    no_js_page: Any, helplines: None
) -> None:
    page = no_js_page
    page.goto("/groups/")
    page.locator("header .crisis-link").click()
    expect(page).to_have_url("/crisis/")
    expect(page.locator("h1")).to_have_text("لست وحدك.")
    page.locator("#crisis-country").select_option("EG")
    page.locator(".country-picker button[type=submit]").click()
    expect(page).to_have_url("/crisis/?country=EG")
    expect(page.locator(".emergency a.number[href='tel:123']")).to_be_visible()
    expect(page.locator("article.helpline").first).to_be_visible()


def test_sign_up_works_without_javascript(no_js_page: Any) -> None:
    page = no_js_page
    page.goto("/accounts/signup/")
    page.locator("#suggestions a").click()  # "More suggestions" is a plain link too
    expect(page.locator(".suggestions button").first).to_be_visible()
    suggestion = page.locator(".suggestions button").nth(1)
    name = suggestion.inner_text().strip()
    assert name
    suggestion.click()  # submits the form; the page comes back with the name filled in
    expect(page.locator("#id_pseudonym")).to_have_value(name)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_confirm_min_age").check()
    page.locator("main form .actions button[type=submit]").click()
    expect(page).to_have_url("/accounts/recovery-codes/")
    expect(page.locator("#recovery-codes code")).to_have_count(10)


def history_length(page: Any) -> int:
    return int(page.evaluate("history.length"))


def test_quick_exit_replaces_the_history_entry(page: Any, live_server: Any, settings: Any) -> None:
    settings.QUICK_EXIT_URL = live_server.url + EXIT_PATH
    page.goto("/")
    page.goto("/groups/")
    before = history_length(page)
    page.locator("header .quick-exit").click()
    expect(page).to_have_url(EXIT_PATH)
    assert history_length(page) == before
    page.go_back()
    expect(page).to_have_url("/")  # the page the member left from is not in the history


def test_escape_three_times_leaves_too(page: Any, live_server: Any, settings: Any) -> None:
    settings.QUICK_EXIT_URL = live_server.url + EXIT_PATH
    page.goto("/crisis/")
    before = history_length(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(EXIT_PATH)
    assert history_length(page) == before


def test_language_switcher_changes_direction_and_stays_on_the_page(page: Any) -> None:
    page.goto("/crisis/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator(".language-switcher button[value=en]").click()
    expect(page).to_have_url("/crisis/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_have_text("You're not alone.")
    page.goto("/groups/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".language-switcher [aria-current=true]")).to_have_attribute("value", "en")
    page.locator(".language-switcher button[value=ar]").click()
    expect(page).to_have_url("/groups/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_neutral_tab_titles(
    page: Any, transactional_db: None, make_member: Callable[..., Any]
) -> None:
    member = make_member(pseudonym="quiet_harbor")
    log_in(page, "quiet_harbor")
    page.goto("/accounts/settings/")
    expect(page).to_have_title("الإعدادات · حلقة")
    page.locator("#id_neutral_titles").check()
    page.locator("#preferences-heading ~ form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page).to_have_title("ملاحظات")
    expect(page.locator(".brand")).to_have_text("ملاحظات")
    for path in ("/groups/", "/crisis/", "/"):
        page.goto(path)
        expect(page).to_have_title("ملاحظات")
    member.refresh_from_db()
    assert member.neutral_titles


def test_take_a_break_and_come_back(
    page: Any, transactional_db: None, make_member: Callable[..., Any]
) -> None:
    member = make_member(pseudonym="quiet_harbor")
    log_in(page, "quiet_harbor")
    page.goto("/accounts/settings/")
    page.locator("button[name=on_break][value='1']").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("button[name=on_break][value='0']")).to_be_visible()
    member.refresh_from_db()
    assert member.on_break
    page.locator("button[name=on_break][value='0']").click()
    expect(page.locator("button[name=on_break][value='1']")).to_be_visible()
    member.refresh_from_db()
    assert not member.on_break
