"""A member reports a message; a moderator with two-factor works the queue and removes it under
a rule; the author opens the notification, reads the kind notice and appeals. In Arabic and
English, with screenshots of the queue, the case, the notice and the dashboard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.browser import browser_context, log_in
from tests.e2e.conftest import screenshot

REASON = {"ar": "إعلان لمنتج", "en": "Advertising a product"}
APPEAL = {
    "ar": "كنت أشارك تجربتي فقط، ولم أقصد الإعلان.",
    "en": "I was only sharing what helped me, not advertising.",
}
PENDING = {
    "ar": "اعتراضك لدى مشرف آخر",
    "en": "Your appeal is with a different moderator",
}


def _context(chromium: Any, url: str, lang: str) -> Any:
    return browser_context(chromium, url, lang, width=1100, locale="en-US")


def _log_in(page: Any, pseudonym: str) -> None:
    log_in(page, pseudonym, PASSWORD)


@pytest.fixture
def people(transactional_db: None, make_member: Any, make_group: Any) -> dict[str, Any]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.conversations.actions import reply, start_thread
    from halqa.moderation.models import ModeratorStatus

    moderator = make_member(pseudonym="steady_mod", role="moderator")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    ModeratorStatus.objects.create(user=moderator, on_duty=True)
    author = make_member(pseudonym="BlueHeron")
    reporter = make_member(pseudonym="Pebble")
    group = make_group(
        slug="evenings",
        name="Evenings",
        members=(author, reporter),
        rules=["No advertising or selling.", "Respect privacy."],
    )
    thread = start_thread(author=reporter, group=group, title="Sleep", body="What helps you?")
    post = reply(author=author, thread=thread, body="Try SleepWell Pro pillows, 20% off today!")
    return {"moderator": moderator, "device": device, "author": author, "post": post}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_report_remove_with_rule_notice_and_appeal(
    chromium: Any, live_server: Any, people: dict[str, Any], lang: str
) -> None:
    from django_otp.oath import totp

    from halqa.accounts.models import User
    from halqa.moderation.models import Appeal, Case

    User.objects.update(language=lang)  # the page language follows the member's choice
    post = people["post"]
    thread_url = f"/groups/evenings/threads/{post.thread_id}/"
    # The reporter uses the Report button under the message (HTMX answers in place).
    reporter = _context(chromium, live_server.url, lang).new_page()
    _log_in(reporter, "Pebble")
    reporter.goto(thread_url)
    panel = reporter.locator(f"#post-{post.pk} details.flag-button")
    panel.locator("summary").click()
    panel.locator("input[name=reason][value=spam]").check()
    panel.locator("textarea[name=note]").fill("Looks like an advert")
    panel.locator("button[type=submit]").click()
    expect(panel.locator(".flag-done")).to_be_visible()
    expect(reporter).to_have_url(f"{live_server.url}{thread_url}")
    screenshot(reporter, f"{lang}-moderation-reported")
    reporter.context.close()
    case = Case.objects.get(post=post)

    # The moderator signs in with two-factor and works the queue.
    context = _context(chromium, live_server.url, lang)
    page = context.new_page()
    _log_in(page, "steady_mod")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    page.locator("#id_code").fill(f"{totp(people['device'].bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("two-factor"))
    page.goto("/moderation/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    row = page.locator(f"[data-case-row][data-case-url='/moderation/cases/{case.pk}/']")
    expect(row).to_be_visible()
    # Blurred until opened: the text is inside a closed <details>.
    expect(row.locator(".blurred-content")).not_to_be_visible()
    screenshot(page, f"{lang}-moderation-queue")
    # Keyboard: j focuses the first case, c claims it (then the case page opens).
    page.keyboard.press("j")
    page.keyboard.press("c")
    expect(page).to_have_url(f"{live_server.url}/moderation/cases/{case.pk}/")
    page.locator("[data-content] summary").click()
    expect(page.locator("[data-content] .blurred-content")).to_contain_text("SleepWell")
    page.keyboard.press("r")
    expect(page.locator("#remove")).to_have_attribute("open", "")
    page.locator("#remove select[name=rule]").select_option("1")
    page.locator("#remove textarea[name=reason]").fill(REASON[lang])
    screenshot(page, f"{lang}-moderation-case")
    page.locator("#remove button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/moderation/")
    expect(page.locator(".messages")).to_be_visible()
    page.goto("/moderation/dashboard/")
    expect(page.locator(".bar-chart svg").first).to_be_visible()
    screenshot(page, f"{lang}-moderation-dashboard")
    page.goto("/moderation/audit/")
    expect(page.locator("table.audit")).to_contain_text(REASON[lang])
    context.close()

    post.refresh_from_db()
    assert post.state == "removed"
    assert post.removed_rule.startswith("1.")

    # The author sees the notice on their message, with the way to appeal.
    author_context = _context(chromium, live_server.url, lang)
    author = author_context.new_page()
    _log_in(author, "BlueHeron")
    author.goto("/notifications/")
    expect(author.locator("form[action*='/open/'] button")).to_have_count(1)
    author.goto(thread_url)
    notice = author.locator(f"#post-{post.pk}")
    expect(notice).to_contain_text("No advertising or selling.")
    screenshot(author, f"{lang}-moderation-removed-notice")
    notice.locator("a[href^='/moderation/notices/']").click()
    expect(author).to_have_url(re.compile(r"/moderation/notices/\d+/$"))
    expect(author.locator(".notice blockquote")).to_contain_text("No advertising or selling.")
    expect(author.locator("main")).not_to_contain_text("Pebble")
    expect(author.locator("main")).not_to_contain_text("steady_mod")
    author.locator("textarea[name=statement]").fill(APPEAL[lang])
    screenshot(author, f"{lang}-moderation-notice")
    author.locator("main form button[type=submit]").click()
    expect(author.locator("main")).to_contain_text(PENDING[lang])
    author_context.close()
    appeal = Appeal.objects.get()
    assert appeal.case.excluded_moderator == people["moderator"]
