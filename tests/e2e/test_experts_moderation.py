"""Ask an expert under the publish policy, in a real browser: a hurtful question is held (its
asker sees "waiting for a moderator", nobody else sees it), the moderator finds it in the queue as
"Ask an expert", follows the link to the question and approves it. In Arabic and English, with
screenshots of the held question and the case."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.browser import browser_context, log_in
from tests.e2e.conftest import screenshot

ABUSE = "يا حمار يا كلب يا حقير"  # the screening engine: abuse 1.0, held
WAITING = {"ar": "بانتظار مشرف", "en": "Waiting for a moderator"}
TOLD = {"ar": "أُبلغ الخبراء", "en": "have been told"}
KIND = {"ar": "اسأل مختصًا", "en": "Ask an expert"}
REASON = {"ar": "موجّهة إلى شخص", "en": "Said to someone"}  # why screening held it


def _context(chromium: Any, url: str, lang: str) -> Any:
    return browser_context(chromium, url, lang, width=1100, locale="en-US")


def _log_in(page: Any, pseudonym: str) -> None:
    log_in(page, pseudonym, PASSWORD)


@pytest.fixture
def people(transactional_db: None, make_member: Any) -> dict[str, Any]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    moderator = make_member(pseudonym="steady_mod", role="moderator")
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    make_member(pseudonym="Willow")
    make_member(pseudonym="Passerby")
    return {"device": device}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_held_question_waits_and_is_approved_from_the_queue(
    chromium: Any, live_server: Any, people: dict[str, Any], lang: str
) -> None:
    from django_otp.oath import totp

    from halqa.accounts.models import User
    from halqa.experts.models import Question
    from halqa.moderation.models import Case

    User.objects.update(language=lang)
    asker = _context(chromium, live_server.url, lang)
    page = asker.new_page()
    _log_in(page, "Willow")
    page.goto("/experts/questions/ask/")
    page.locator("#id_title").fill("Nights")
    page.locator("#id_body").fill(ABUSE)
    page.locator("#id_topic").select_option("sleep")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/experts/questions/\d+/$"))
    expect(page.locator(".content-state")).to_contain_text(WAITING[lang])
    expect(page.locator("main")).not_to_contain_text(TOLD[lang])
    screenshot(page, f"{lang}-expert-question-held")
    question = Question.objects.get()
    question_url = f"/experts/questions/{question.pk}/"
    asker.close()

    stranger = _context(chromium, live_server.url, lang)
    other = stranger.new_page()
    _log_in(other, "Passerby")
    assert other.goto(question_url).status == 404
    stranger.close()

    case = Case.objects.get(expert_question=question)
    context = _context(chromium, live_server.url, lang)
    page = context.new_page()
    _log_in(page, "steady_mod")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    page.locator("#id_code").fill(f"{totp(people['device'].bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("two-factor"))
    page.goto("/moderation/")
    row = page.locator(f"[data-case-row][data-case-url='/moderation/cases/{case.pk}/']")
    expect(row.locator(".kind")).to_have_text(KIND[lang])
    row.locator("a[data-open]").click()
    expect(page.locator(f"a[href='{question_url}']")).to_be_visible()
    page.locator("[data-content] summary").click()
    expect(page.locator("[data-content] .blurred-content")).to_contain_text("حمار")
    expect(page.locator("ul.reasons")).to_contain_text(REASON[lang])
    screenshot(page, f"{lang}-expert-case")
    page.locator("[data-approve] button").click()
    expect(page).to_have_url(f"{live_server.url}/moderation/")
    context.close()

    question.refresh_from_db()
    assert question.state == "published"
