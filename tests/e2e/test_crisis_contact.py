"""Browser checks: "I'm safe for now" without JavaScript shows grounding; a member stores a
safety contact; the handling on-duty moderator reveals it with a reason; the member sees the log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_crisis_card import _context, _log_in

REASON = {
    "ar": "كتب العضو أنه تناول الحبوب قبل ساعة ولم يعد يرد.",
    "en": "Member wrote they took pills an hour ago and stopped answering.",
}


@pytest.fixture
def moderator(transactional_db: None, make_member: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.moderation.models import ModeratorStatus

    user = make_member(pseudonym="steady_mod", role="moderator")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    ModeratorStatus.objects.create(user=user, on_duty=True)
    return user


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_safe_for_now_contact_reveal_and_log(
    chromium: Any, live_server: Any, moderator: Any, make_member: Any, lang: str
) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.moderation.enums import CaseState
    from halqa.moderation.models import Case
    from halqa.safety.crisis import open_crisis_case_of, raise_for_talk

    member = make_member(pseudonym=f"quiet_{lang}", language=lang, country="JO")
    context = _context(chromium, live_server.url, lang)
    page = context.new_page()
    _log_in(page, member.pseudonym)
    page.goto("/crisis/contact/")
    page.locator("#id_name").fill("أختي هدى" if lang == "ar" else "My sister Huda")
    page.locator("#id_phone").fill("+962 79 555 0199")
    page.locator("#id_location").fill("إربد، الحي الشرقي" if lang == "ar" else "Irbid, east side")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, f"{lang}-safety-contact")

    case = raise_for_talk(member)  # as if the card's "talk" had been pressed
    assert open_crisis_case_of(member) == case
    Case.objects.filter(pk=case.pk).update(state=CaseState.CLAIMED, claimed_by=moderator)
    staff = _context(chromium, live_server.url, lang)
    staff_page = staff.new_page()
    _log_in(staff_page, "steady_mod")
    device = TOTPDevice.objects.get(user=moderator)
    staff_page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    staff_page.locator("main form button[type=submit]").click()
    expect(staff_page).not_to_have_url(re.compile("two-factor"))
    staff_page.goto(f"/crisis/cases/{case.pk}/")
    staff_page.locator("#id_reason").fill(REASON[lang])
    staff_page.locator("form[action$='/contact/'] button").click()
    expect(staff_page.locator(".contact-revealed")).to_contain_text("+962 79 555 0199")
    screenshot(staff_page, f"{lang}-safety-contact-revealed")
    staff.close()

    page.goto("/crisis/contact/")
    expect(page.locator("#views-heading + ul li")).to_contain_text(REASON[lang])
    expect(page.locator("#views-heading + ul li")).to_contain_text("steady_mod")
    context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_im_safe_for_now_without_javascript(
    chromium: Any,
    live_server: Any,
    transactional_db: None,
    make_member: Any,
    make_group: Any,
    lang: str,
) -> None:
    from halqa.moderation.models import Case
    from halqa.safety.models import CardAnswer
    from tests.e2e.test_crisis_card import MESSAGES

    member = make_member(pseudonym=f"calm_{lang}", language=lang, country="JO")
    make_group(slug="evenings", members=(member,))
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 412, "height": 900}
    )
    context.set_default_timeout(10_000)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "halqa_language", "value": lang, "domain": host, "path": "/"}])
    page = context.new_page()
    _log_in(page, member.pseudonym)
    page.goto("/groups/evenings/threads/new/")
    title, body = MESSAGES[lang]
    page.locator("#id_title").fill(title)
    page.locator("#id_body").fill(body)
    page.locator("main form.composer button[type=submit]").click()
    page.locator(".crisis-card form:has(input[value=safe]) button").click()
    expect(page).to_have_url("/crisis/card/answer/")
    expect(page.locator(".card-answer")).to_be_visible()
    expect(page.locator(".grounding-steps li")).to_have_count(5)
    screenshot(page, f"{lang}-crisis-safe-for-now")
    case = Case.objects.get(subject=member)
    assert CardAnswer.objects.get(case=case).choice == "safe"
    assert case.state == "open"  # "safe" is noted for moderators; the case stays theirs
    context.close()
