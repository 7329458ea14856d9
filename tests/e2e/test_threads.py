"""A thread in a real browser: join, post, a reply and a reaction, the notification arrives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

SLUG = "evening-talks"


@pytest.fixture
def group(transactional_db: None) -> Any:
    from halqa.groups.actions import create_group

    return create_group(
        slug=SLUG, name="أحاديث المساء", description="نتحدث بهدوء عن يومنا.", rules=["كن لطيفًا."]
    )


def log_in(context: Any, pseudonym: str, next_url: str) -> Any:
    page = context.new_page()
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(next_url)
    return page


def new_context(chromium: Any, live_server: Any) -> Any:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 412, "height": 900})
    context.set_default_timeout(10_000)
    return context


def test_join_post_reply_react_notify(
    chromium: Any, live_server: Any, group: Any, make_member: Callable[..., Any]
) -> None:
    from halqa.groups.actions import add_member

    make_member(pseudonym="quiet_harbor")
    helper = make_member(pseudonym="steady_lantern")
    add_member(user=helper, group=group)
    first, second = new_context(chromium, live_server), new_context(chromium, live_server)
    try:
        # The first member joins the open group and starts a thread.
        author = log_in(first, "quiet_harbor", f"/groups/{SLUG}/")
        author.locator(f"#membership-{SLUG} button[type=submit]").click()
        expect(author.locator(f"form[action='/groups/{SLUG}/leave/']")).to_be_visible()
        author.goto(f"/groups/{SLUG}/threads/")
        author.locator(f"a[href='/groups/{SLUG}/threads/new/']").first.click()
        author.locator("#id_title").fill("كيف تنامون؟")
        author.locator("#id_body").fill("أجد صعوبة في **النوم** هذه الأيام.")
        author.locator("main form button[type=submit]").click()
        expect(author.locator("h1")).to_have_text("كيف تنامون؟")
        expect(author.locator("article.post.opening strong", has_text="النوم")).to_be_visible()
        thread_url = author.url

        # Another member sees it as new, replies and sends strength (HTMX, in place).
        helper_page = log_in(second, "steady_lantern", f"/groups/{SLUG}/threads/")
        expect(helper_page.locator(".badge.new")).to_be_visible()
        helper_page.goto(thread_url)
        helper_page.locator("#id_body").fill("أنا أيضاً، المشي مساءً يساعدني.")
        helper_page.locator("#reply button[type=submit]").click()
        expect(helper_page.locator("article.post:not(.opening) .body")).to_contain_text("المشي")
        reactions = helper_page.locator("article.post.opening .reactions")
        reactions.locator("button[value=strength]").click()
        expect(reactions.locator("button[aria-pressed=true] .count")).to_have_text("1")

        # The first member sees the badge (live, or on the next page) and finds both in the list.
        author.reload()
        expect(author.locator("[data-notifications-badge]")).to_have_text("2")
        author.goto("/notifications/")
        expect(author.locator("li.notification.unread")).to_have_count(2)
    finally:
        first.close()
        second.close()
