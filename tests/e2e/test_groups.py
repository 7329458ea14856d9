"""Joining and leaving a group in a real browser: in place with HTMX, and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

SLUG = "evening-walks"


@pytest.fixture
def group(transactional_db: None) -> Any:
    from halqa.groups.actions import create_group

    return create_group(
        slug=SLUG, name="مشي المساء", description="نمشي معًا ونتحدث بهدوء.", rules=["كن لطيفًا."]
    )


@pytest.fixture
def no_js_page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 412, "height": 900}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def log_in(page: Any, pseudonym: str) -> None:
    page.goto(f"/accounts/login/?next=/groups/{SLUG}/")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"/groups/{SLUG}/")


def is_member(group: Any, user: Any) -> bool:
    return bool(group.memberships.filter(user=user).exists())


def test_join_and_leave_in_place_with_htmx(
    page: Any, group: Any, make_member: Callable[..., Any]
) -> None:
    member = make_member(pseudonym="quiet_harbor")
    log_in(page, "quiet_harbor")
    page.evaluate("window.stillTheSamePage = true")
    page.locator(f"#membership-{SLUG} button[type=submit]").click()
    expect(page.locator(f"#membership-{SLUG} [role=status]")).to_be_visible()
    expect(page.locator(f"form[action='/groups/{SLUG}/leave/']")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in place, no reload
    assert is_member(group, member)
    page.locator(f"#membership-{SLUG} button[type=submit]").click()
    expect(page.locator(f"form[action='/groups/{SLUG}/join/']")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    assert not is_member(group, member)


def test_join_without_javascript(
    no_js_page: Any, group: Any, make_member: Callable[..., Any]
) -> None:
    member = make_member(pseudonym="quiet_harbor")
    log_in(no_js_page, "quiet_harbor")
    no_js_page.locator(f"#membership-{SLUG} button[type=submit]").click()
    expect(no_js_page).to_have_url(f"/groups/{SLUG}/")
    expect(no_js_page.locator(f"form[action='/groups/{SLUG}/leave/']")).to_be_visible()
    assert is_member(group, member)
