"""Ask an expert in the browser, see the expert's answer highlighted, mark it helpful; and
screenshots of the experts pages (directory, answered question, operator review) in Arabic
and English, saved in test-artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import log_in
from tests.e2e.conftest import screenshot

PASSWORD = "a calm river at dawn"
VIEWPORTS = {"phone": {"width": 412, "height": 900}, "desktop": {"width": 1280, "height": 900}}


def _log_in(page: Any, pseudonym: str, password: str) -> None:
    log_in(page, pseudonym, password)
    expect(page.locator("header form[action='/accounts/logout/']")).to_be_visible()


def test_ask_an_expert_and_see_the_highlighted_answer(page: Any, transactional_db: None) -> None:
    from halqa.accounts.models import User
    from halqa.experts import actions
    from halqa.experts.models import Question

    asker = User.objects.create_user(pseudonym="quiet_harbor", password=PASSWORD, language="en")
    operator = User.objects.create_user(
        pseudonym="night_keeper", password=PASSWORD, role="operator"
    )
    doctor = User.objects.create_user(pseudonym="cedar", password=PASSWORD, language="en")
    application = actions.apply(
        user=doctor,
        profession="Clinical psychologist",
        specialties=["sleep"],
        languages=["en"],
        licence_number="PSY-1",
        licence_body="Board",
        display_name="Dr. Cedar",
    )
    expert = actions.approve(operator=operator, application=application)

    _log_in(page, "quiet_harbor", PASSWORD)
    page.goto("/experts/questions/ask/")
    page.locator("#id_title").fill("I wake up at 3am every night")
    page.locator("#id_body").fill("I cannot fall asleep again. What can I try?")
    page.locator("#id_topic").select_option("sleep")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/experts/questions/\d+/$"))
    expect(page.locator("h1")).to_have_text("I wake up at 3am every night")

    question = Question.objects.get()
    actions.reply(author=asker, question=question, body="It started two months ago.", expert=None)
    actions.reply(
        author=doctor, question=question, body="Keep the same wake-up time.", expert=expert
    )
    page.reload()
    answer = page.locator("article.expert-answer")
    expect(answer).to_have_count(1)
    expect(answer.locator(".expert-badge")).to_have_text("Verified expert")
    expect(answer.locator(".expert-name")).to_have_text("Dr. Cedar")
    expect(answer).to_contain_text("Keep the same wake-up time.")
    # The highlight is visible, not only a class name: the expert answer has the accent border.
    border = answer.evaluate("node => getComputedStyle(node).borderInlineStartWidth")
    assert border == "4px"
    expect(page.locator("article.answer").first).to_contain_text("It started two months ago.")

    answer.get_by_role("button", name="This helped me").click()
    first = page.locator("article.answer").first
    expect(first).to_have_class(re.compile("helpful-answer"))
    expect(first).to_contain_text("This answer helped the person who asked")


@pytest.fixture
def demo(chromium: Any, live_server: Any, transactional_db: None) -> dict[str, Any]:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.accounts.models import User
    from halqa.core.demo import DEMO_PASSWORD, seed_demo
    from halqa.experts.models import Application, Question

    seed_demo()
    operator = User.objects.get(pseudonym="Lantern")
    device = TOTPDevice.objects.create(user=operator, name="halqa", confirmed=True)
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_pseudonym").fill("Lantern")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("two-factor"))
    state = context.storage_state()
    context.close()
    return {
        "url": live_server.url,
        "state": state,
        "question": Question.objects.exclude(helpful_answer=None).get().pk,
        "application": Application.objects.get(state="pending").pk,
    }


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_experts_screenshots(chromium: Any, demo: dict[str, Any], lang: str, size: str) -> None:
    context = chromium.new_context(
        base_url=demo["url"], viewport=VIEWPORTS[size], storage_state=demo["state"]
    )
    host = demo["url"].split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "halqa_language", "value": lang, "domain": host, "path": "/"}])
    page = context.new_page()
    pages = {
        "experts-directory": "/experts/",
        "experts-questions": "/experts/questions/",
        "experts-ask": "/experts/questions/ask/",
        "experts-apply": "/experts/apply/",
        "experts-question": f"/experts/questions/{demo['question']}/",
        "experts-review": f"/experts/review/{demo['application']}/",
    }
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: {overflow}px wider than the screen"
        screenshot(page, f"{lang}-{size}-{name}")
    expect(page.locator(".licence-number")).to_have_text("DEMO-1234")
    context.close()


def test_expert_answers_in_a_second_browser_after_two_factor(
    chromium: Any, live_server: Any, transactional_db: None
) -> None:
    """The asker and the expert in two browsers; the expert must enter their code first."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.accounts.models import User
    from halqa.experts import actions

    User.objects.create_user(pseudonym="quiet_harbor", password=PASSWORD, language="en")
    operator = User.objects.create_user(pseudonym="keeper", password=PASSWORD, role="operator")
    doctor = User.objects.create_user(pseudonym="cedar", password=PASSWORD, language="en")
    application = actions.apply(
        user=doctor,
        profession="Counsellor",
        specialties=["grief"],
        languages=["en"],
        licence_number="C-7",
        licence_body="Board",
    )
    actions.approve(operator=operator, application=application)
    device = TOTPDevice.objects.create(user=doctor, name="phone", confirmed=True)

    asker = chromium.new_context(base_url=live_server.url, locale="en-US").new_page()
    _log_in(asker, "quiet_harbor", PASSWORD)
    asker.goto("/experts/questions/ask/")
    asker.locator("#id_title").fill("How do I talk about my mother?")
    asker.locator("#id_body").fill("She died last spring and I avoid the subject.")
    asker.locator("#id_topic").select_option("grief")
    asker.locator("#id_private").check()
    asker.locator("main form button[type=submit]").click()
    expect(asker.locator(".private-badge")).to_be_visible()
    question_url = asker.url

    expert = chromium.new_context(base_url=live_server.url, locale="en-US").new_page()
    expert.goto("/accounts/login/")
    expert.locator("#id_pseudonym").fill("cedar")
    expert.locator("#id_password").fill(PASSWORD)
    expert.locator("main form button[type=submit]").click()
    expert.goto(question_url)  # private: the code comes first
    expect(expert).to_have_url(re.compile(r"/accounts/two-factor/\?next="))
    expert.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    expert.locator("main form button[type=submit]").click()
    expect(expert).to_have_url(question_url)
    expect(expert.locator("#reply-heading")).to_have_text("Answer as an expert")
    expert.locator("#id_body").fill("Grief has no schedule. Start with one memory you like.")
    expert.locator("main form[action$='/reply/'] button[type=submit]").click()
    expect(expert.locator("article.expert-answer")).to_have_count(1)

    asker.reload()
    answer = asker.locator("article.expert-answer")
    expect(answer).to_contain_text("Grief has no schedule.")
    expect(answer.locator(".expert-badge")).to_be_visible()
