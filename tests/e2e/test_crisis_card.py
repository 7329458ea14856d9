"""A member posts a crisis message, sees the crisis card with their country's helplines, asks to
talk to a moderator, and the moderator's private reply appears in the support thread."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.browser import browser_context, log_in
from tests.e2e.conftest import screenshot

MESSAGES = {
    "ar": ("الليلة صعبة", "والله تعبت من كل شي، بدي أموت وخلص"),
    "en": ("Tonight", "I want to die, I cannot do this anymore"),
}
REPLIES = {
    "ar": "نحن هنا معك الليلة. هل أنت بأمان الآن؟",
    "en": "We are here with you tonight. Are you safe right now?",
}
TALK = {"ar": "تحدّث إلى مشرف", "en": "Talk to a moderator"}


def _context(chromium: Any, url: str, lang: str) -> Any:
    return browser_context(chromium, url, lang, width=412, locale="en-US")


def _log_in(page: Any, pseudonym: str) -> None:
    log_in(page, pseudonym, PASSWORD)


@pytest.fixture
def people(transactional_db: None, make_member: Any, make_group: Any) -> dict[str, Any]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.moderation.models import ModeratorStatus
    from halqa.safety.actions import import_emergency_numbers, import_helplines

    import_helplines()
    import_emergency_numbers()
    moderator = make_member(pseudonym="steady_mod", role="moderator", language="en")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    ModeratorStatus.objects.create(user=moderator, on_duty=True)
    member_ar = make_member(pseudonym="غيمة_بيضاء", country="JO", language="ar")
    member_en = make_member(pseudonym="MorningTea", country="GB", language="en")
    group = make_group(slug="evenings", members=(member_ar, member_en))
    return {
        "moderator": moderator,
        "device": device,
        "ar": member_ar,
        "en": member_en,
        "group": group,
    }


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_crisis_card_talk_to_a_moderator_and_private_reply(
    chromium: Any, live_server: Any, people: dict[str, Any], lang: str
) -> None:
    from django_otp.oath import totp

    from halqa.moderation.models import Case

    member = people[lang]
    context = _context(chromium, live_server.url, lang)
    page = context.new_page()
    _log_in(page, member.pseudonym)
    page.goto("/groups/evenings/threads/new/")
    title, body = MESSAGES[lang]
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill(body)
    page.locator("main form.composer button[type=submit]").click()

    card = page.locator(".crisis-card")
    expect(card).to_be_visible()
    emergency = "911" if lang == "ar" else "999"  # Jordan, the United Kingdom
    expect(card.locator(f".emergency a.number[href='tel:{emergency}']")).to_be_visible()
    expect(card.locator("article.helpline").first).to_be_visible()
    expect(card.locator(".grounding-details")).to_be_visible()
    screenshot(page, f"{lang}-crisis-card")

    card.get_by_role("button", name=TALK[lang]).click()  # HTMX: the choice block is replaced
    expect(card.locator(".card-answer")).to_be_visible()
    card.locator("#crisis-card-choice a.button").click()
    expect(page).to_have_url(re.compile(r"/crisis/support/\d+/$"))
    thread_url = page.url

    case = Case.objects.get(subject=member)
    type(member).objects.filter(pk=people["moderator"].pk).update(language=lang)
    moderator_context = _context(chromium, live_server.url, lang)
    moderator_page = moderator_context.new_page()
    _log_in(moderator_page, "steady_mod")
    expect(moderator_page).to_have_url(re.compile(r"/accounts/two-factor/"))
    moderator_page.locator("#id_code").fill(f"{totp(people['device'].bin_key):06d}")
    moderator_page.locator("main form button[type=submit]").click()
    expect(moderator_page).not_to_have_url(re.compile("two-factor"))
    moderator_page.goto(f"/crisis/cases/{case.pk}/")
    expect(moderator_page.locator(".case-tools")).to_be_visible()
    screenshot(moderator_page, f"{lang}-crisis-case-tools")
    moderator_page.locator(".case-tools textarea[name=body]").fill(REPLIES[lang])
    moderator_page.locator(".case-tools form[action$='/message/'] button").click()
    expect(moderator_page.locator(".support-message.from-moderator")).to_contain_text(REPLIES[lang])
    moderator_context.close()

    page.goto(thread_url)
    expect(page.locator(".support-message.from-moderator")).to_contain_text(REPLIES[lang])
    page.locator("textarea[name=body]").fill("شكرًا" if lang == "ar" else "Thank you.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".support-message.from-member")).to_have_count(1)
    screenshot(page, f"{lang}-support-thread")
    case.refresh_from_db()
    assert case.first_response_at is not None
    context.close()
