"""Growth in a real browser: set a goal, check in over several days, see the streak and the
mood chart in Arabic (right to left) and English; two members become partners through an
invite link and see exactly what was shared. Screenshots go to test-artifacts/screenshots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import ARTIFACTS, screenshot

STREAK = {"en": "5 days in a row", "ar": "5 أيام على التوالي"}


def new_page(chromium: Any, live_server: Any, lang: str) -> Any:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 412, "height": 900}, locale="en-US"
    )
    context.add_cookies([{"name": "halqa_language", "value": lang, "url": live_server.url}])
    context.set_default_timeout(10_000)
    return context.new_page()


def log_in(page: Any, pseudonym: str, then: str) -> None:
    page.goto(f"/accounts/login/?next={then}")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(then)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_goal_streak_and_mood_chart(
    chromium: Any, live_server: Any, make_member: Callable[..., Any], make_group: Any, lang: str
) -> None:
    from halqa.growth import actions
    from halqa.growth.models import Goal

    member = make_member(pseudonym=f"walker_{lang}", language=lang)
    make_group(slug=f"walkers-{lang}", name="Evening walkers", members=(member,))
    page = new_page(chromium, live_server, lang)
    log_in(page, member.pseudonym, "/growth/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")

    page.goto("/growth/goals/new/")
    page.locator("#id_template").select_option("walk")
    page.locator("input[name=cadence][value=daily]").check()
    page.locator("#id_reminder_time").fill("18:30")
    screenshot(page, f"growth-goal-form-{lang}")
    page.locator("main form button[type=submit]").click()
    goal = Goal.objects.get(owner=member)
    expect(page).to_have_url(f"/growth/goals/{goal.pk}/")

    # Earlier days are seeded through the actions; today is checked in through the page.
    now = timezone.now()
    for back in range(1, 5):
        actions.record_checkin(goal=goal, status="done", day=(now - timedelta(days=back)).date())
    for back, score in enumerate([4, 3, 2, 3, 4, 5]):
        actions.log_mood(
            owner=member, score=score, emotions=["calm"], now=now - timedelta(days=back + 1)
        )
    page.goto("/growth/")
    page.locator(".growth-checkin button[value=done]").click()
    expect(page.locator(".growth-goal .growth-streak").first).to_have_text(STREAK[lang])
    page.locator(".growth-face").nth(3).click()
    page.locator(".growth-mood-quick button[type=submit]").click()
    expect(page).to_have_url("/growth/mood/")
    screenshot(page, f"growth-mood-{lang}")

    chart = page.locator("svg.growth-svg").first
    expect(chart).to_be_visible()
    expect(chart.locator("title").first).not_to_be_empty()
    xs = [
        float(x)
        for x in chart.locator("circle.point").evaluate_all(
            "cs => cs.map(c => c.getAttribute('cx'))"
        )
    ]
    assert len(xs) == 7
    assert xs == sorted(xs, reverse=(lang == "ar"))  # oldest first: right to left in Arabic
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".growth-chart").first.screenshot(path=str(ARTIFACTS / f"growth-chart-{lang}.png"))
    page.goto("/growth/mood/?days=90")
    expect(page.locator("figcaption").first).to_contain_text("7")

    page.goto("/growth/")
    screenshot(page, f"growth-dashboard-{lang}")
    page.goto(f"/growth/goals/{goal.pk}/")
    page.locator("form[action$='/share/'] button").click()
    screenshot(page, f"growth-goal-{lang}")
    page.goto(f"/groups/walkers-{lang}/")
    expect(page.locator("#commitments")).to_be_visible()
    page.locator("#commitments").screenshot(path=str(ARTIFACTS / f"growth-group-{lang}.png"))
    page.context.close()


def test_partners_through_an_invite_link(
    chromium: Any, live_server: Any, make_member: Callable[..., Any]
) -> None:
    from halqa.growth import actions

    amal = make_member(pseudonym="amal_ar", language="ar")
    make_member(pseudonym="heron_en", language="en")
    walk = actions.save_goal(owner=amal, title="المشي بعد العصر")
    actions.save_goal(owner=amal, title="هدف خاص جدًا")
    actions.record_checkin(goal=walk, status="done", note="ملاحظة خاصة")

    first = new_page(chromium, live_server, "ar")
    log_in(first, "amal_ar", "/growth/partners/")
    first.locator("form[action$='/partners/link/'] button").click()
    link = first.locator("#invite-link").input_value()
    assert "/growth/partners/join/" in link

    second = new_page(chromium, live_server, "en")
    log_in(second, "heron_en", "/growth/")
    second.goto(link)
    second.locator("main form button[type=submit]").click()
    expect(second.locator("h1")).to_contain_text("amal_ar")
    partner_url = second.url

    first.goto(partner_url)
    first.get_by_label("المشي بعد العصر").check()
    first.locator("#id_mood").check()
    first.locator(".growth-share-form button[type=submit]").click()

    second.reload()
    theirs = second.locator("section[aria-labelledby=theirs-heading]")
    expect(theirs).to_contain_text("المشي بعد العصر")
    expect(theirs).not_to_contain_text("هدف خاص جدًا")
    expect(theirs).not_to_contain_text("ملاحظة خاصة")
    second.locator("#id_body").fill("Proud of you!")
    second.locator("form[action$='/encourage/'] button").click()
    screenshot(second, "growth-partner-en")
    first.reload()
    expect(first.locator("main")).to_contain_text("Proud of you!")
    screenshot(first, "growth-partner-ar")

    first.locator("form[action$='/end/'] button").click()
    second.reload()
    expect(second.locator("main")).not_to_contain_text("المشي بعد العصر")
    first.context.close()
    second.context.close()
