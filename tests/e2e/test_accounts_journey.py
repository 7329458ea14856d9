"""One member's whole journey through the account pages, in a real browser (Arabic first).

Sign up in Arabic on an RTL page, keep the recovery codes, log out and in, recover a forgotten
password with a code, switch to English, download the data, and delete the account.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

NEW_PASSWORD = "a slow boat on the nile"
FIRST_PASSWORD = "olive trees after rain"


def log_in(page: Any, pseudonym: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def log_out(page: Any) -> None:
    page.locator("header form[action='/accounts/logout/'] button").click()
    expect(page.locator("header a[href='/accounts/login/']")).to_be_visible()


def read_download(page: Any, button: Any) -> str:
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def sign_up_in_arabic(page: Any) -> tuple[str, list[str]]:
    page.goto("/accounts/signup/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text("انضم إلى حلقة")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # In RTL the site name sits at the inline start of the header: the right-hand side.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    # A suggestion fills in the pseudonym field (HTMX).
    suggestion = page.locator(".suggestions button").first
    name = suggestion.inner_text().strip()
    suggestion.click()
    expect(page.locator("#id_pseudonym")).to_have_value(name)
    page.locator("#id_password").fill(FIRST_PASSWORD)
    page.locator("#id_password2").fill(FIRST_PASSWORD)
    page.locator("#id_confirm_min_age").check()
    page.locator("main form .actions button[type=submit]").click()
    expect(page).to_have_url("/accounts/recovery-codes/")
    expect(page.locator("h1")).to_have_text("رموز الاسترداد الخاصة بك")
    codes = [code.strip() for code in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    return name, codes


def keep_codes(page: Any, name: str, codes: list[str]) -> None:
    text = read_download(page, page.locator("button[value=download]"))
    assert all(code in text for code in codes)
    page.locator("button[value=saved]").click()
    expect(page).to_have_url("/")
    expect(page.locator("h1")).to_contain_text(name)
    # Shown once: the codes page now sends the member to the settings.
    page.goto("/accounts/recovery-codes/")
    expect(page).to_have_url("/accounts/settings/")
    expect(page.locator("#recovery-codes")).to_have_count(0)


def recover_with_code(page: Any, name: str, code: str) -> list[str]:
    page.goto("/accounts/recover/")
    page.locator("#id_pseudonym").fill(name)
    page.locator("#id_code").fill(code)
    page.locator("#id_new_password").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url("/accounts/recovery-codes/")
    new_codes = [c.strip() for c in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(new_codes) == 10
    page.locator("button[value=saved]").click()
    expect(page).to_have_url("/")
    return new_codes


def switch_to_english(page: Any) -> None:
    page.locator(".language-switcher button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("header nav a[href='/accounts/settings/']")).to_have_text("Settings")
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] < page.viewport_size["width"] / 2
    # The choice sticks on the next page.
    page.goto("/accounts/settings/")
    expect(page.locator("h1")).to_have_text("Settings")


def export_data(page: Any, name: str) -> None:
    button = page.locator("#data-heading ~ form button")
    data = json.loads(read_download(page, button))
    assert json.dumps(data, ensure_ascii=False).count(name) >= 1
    assert data["profile"]["pseudonym"] == name
    assert data["profile"]["language"] == "en"


def delete_account(page: Any, name: str) -> None:
    page.goto("/accounts/settings/")
    page.locator("a[href='/accounts/settings/delete/']").click()
    expect(page.locator("h1")).to_have_text("Delete my account")
    page.locator("#id_pseudonym").fill(name + "x")
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.locator("button.danger").click()
    expect(page.locator("#id_pseudonym ~ .errorlist")).to_be_visible()  # a typo keeps it
    page.locator("#id_pseudonym").fill(name)
    page.locator("#id_password").fill(NEW_PASSWORD)
    page.locator("button.danger").click()
    expect(page).to_have_url("/")
    expect(page.locator(".messages")).to_contain_text("deleted")
    expect(page.locator("header a[href='/accounts/login/']")).to_be_visible()


def test_account_journey_from_sign_up_to_deletion(page: Any) -> None:
    name, codes = sign_up_in_arabic(page)
    keep_codes(page, name, codes)

    log_out(page)
    log_in(page, name, FIRST_PASSWORD)
    expect(page).to_have_url("/")
    expect(page.locator("h1")).to_contain_text(name)
    log_out(page)

    new_codes = recover_with_code(page, name, codes[0])
    assert not set(new_codes) & set(codes)
    log_out(page)
    page.goto("/accounts/recover/")  # the old codes are gone, the used one first of all
    page.locator("#id_pseudonym").fill(name)
    page.locator("#id_code").fill(codes[1])
    page.locator("#id_new_password").fill(FIRST_PASSWORD)
    page.locator("#id_new_password2").fill(FIRST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .errorlist")).to_be_visible()
    expect(page).to_have_url("/accounts/recover/")
    log_in(page, name, FIRST_PASSWORD)  # the old password is gone
    expect(page.locator("main .errorlist")).to_be_visible()
    expect(page).to_have_url("/accounts/login/")
    log_in(page, name, NEW_PASSWORD)
    expect(page).to_have_url("/")

    switch_to_english(page)
    export_data(page, name)
    delete_account(page, name)
    log_in(page, name, NEW_PASSWORD)
    expect(page.locator("main .errorlist")).to_be_visible()
