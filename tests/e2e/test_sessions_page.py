"""Browser check: a member logged in on a phone and a laptop ends the phone's session from the
laptop, then logs out everywhere else (screenshots in Arabic and English)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_crisis_card import _context, _log_in

PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_member_ends_another_session(
    chromium: Any, live_server: Any, transactional_db: None, make_member: Any, lang: str
) -> None:
    from halqa.accounts.tokens import issue_token

    member = make_member(pseudonym="quiet_lantern", language=lang)
    issue_token(user=member, name="Halqa for Android")
    phone = chromium.new_context(
        base_url=live_server.url, user_agent=PHONE_AGENT, viewport={"width": 412, "height": 900}
    )
    phone_page = phone.new_page()
    _log_in(phone_page, "quiet_lantern")
    laptop = _context(chromium, live_server.url, lang)
    page = laptop.new_page()
    _log_in(page, "quiet_lantern")

    page.goto("/accounts/settings/")
    screenshot(page, f"{lang}-settings")
    page.locator("a[href='/accounts/settings/sessions/']").click()
    sessions = page.locator("#browser-sessions li.session")
    expect(sessions).to_have_count(2)
    expect(page.locator("#app-tokens")).to_contain_text("Halqa for Android")
    screenshot(page, f"{lang}-sessions")

    page.locator("#browser-sessions li.session:not(.current) button").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(sessions).to_have_count(1)
    phone_page.goto("/accounts/settings/")
    expect(phone_page).to_have_url(f"{live_server.url}/accounts/login/?next=/accounts/settings/")

    page.locator("form[action='/accounts/settings/sessions/end-others/'] button").click()
    expect(page.locator("#app-tokens li")).to_have_count(0)
    screenshot(page, f"{lang}-sessions-after")
    phone.close()
    laptop.close()
