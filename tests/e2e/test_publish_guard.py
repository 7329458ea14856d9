"""A member posts personal data in Arabic (Arabic-Indic digits), takes "remove it for me", and
sends; coaching shows while writing. Screenshots of the guard and the coaching note, ar and en."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot

SLUG = "quiet-evenings"
PHONE = "٠٧٩١٢٣٤٥٦٧"
TEXT = f"مرحبا جميعا، من يحب يتكلم معي هذا رقمي {PHONE}"


@pytest.fixture
def group(transactional_db: None) -> Any:
    from halqa.groups.actions import create_group

    return create_group(
        slug=SLUG, name="أمسيات هادئة", description="نتحدث بهدوء.", rules=["كن لطيفًا."]
    )


def _page(chromium: Any, live_server: Any, pseudonym: str, language: str) -> Any:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 412, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies([{"name": "halqa_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_pseudonym").fill(pseudonym)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    return page


@pytest.mark.parametrize("language", ["ar", "en"])
def test_personal_data_remove_it_for_me(
    chromium: Any,
    live_server: Any,
    group: Any,
    make_member: Callable[..., Any],
    language: str,
) -> None:
    from halqa.conversations.models import Post
    from halqa.groups.actions import add_member

    author = make_member(pseudonym="lonely_owl", language=language, country="JO")
    add_member(user=author, group=group)
    page = _page(chromium, live_server, "lonely_owl", language)
    try:
        page.goto(f"/groups/{SLUG}/threads/new/")
        page.locator("#id_title").fill("مساء الخير")
        page.locator("#id_body").type(TEXT, delay=5)
        # Coaching while writing: the number is pointed out before posting.
        coaching = page.locator("#coaching .coaching-personal mark")
        expect(coaching).to_contain_text(PHONE)
        screenshot(page, f"{language}-coaching-personal-data")
        page.locator("main form .actions button[type=submit]").last.click()

        # The guard: the number highlighted in the text, nothing stored yet.
        guard = page.locator("[data-personal-data-guard]")
        expect(guard.locator("mark")).to_contain_text(PHONE)
        assert not Post.objects.exists()
        screenshot(page, f"{language}-personal-data-guard")

        guard.locator("button[value=remove]").click()
        body = page.locator("#id_body")
        expect(body).to_have_value(TEXT.replace(PHONE, "•••"))
        page.locator("main form .actions button[type=submit]").last.click()
        expect(page.locator("article.post.opening .body")).to_contain_text("•••")
        post = Post.objects.get()
        assert PHONE not in post.body
        assert post.masked_spans == []
    finally:
        page.context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_coaching_note_for_a_crisis_draft(
    chromium: Any,
    live_server: Any,
    group: Any,
    make_member: Callable[..., Any],
    language: str,
) -> None:
    from halqa.groups.actions import add_member

    author = make_member(pseudonym="tired_sparrow", language=language, country="JO")
    add_member(user=author, group=group)
    page = _page(chromium, live_server, "tired_sparrow", language)
    try:
        page.goto(f"/groups/{SLUG}/threads/new/")
        draft = "I have pills saved and tonight I will take them all to end my life"
        if language == "ar":
            draft = "ما عاد بدي عيش، جمعت حبوب وبدي آخذها كلها الليلة"
        page.locator("#id_body").type(draft, delay=5)
        note = page.locator("#coaching .coaching-crisis")
        expect(note).to_be_visible()
        expect(note.locator(".coaching-method")).to_be_visible()
        screenshot(page, f"{language}-coaching-crisis")
    finally:
        page.context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_held_and_hidden_messages_as_author_and_reader_see_them(
    chromium: Any,
    live_server: Any,
    group: Any,
    make_member: Callable[..., Any],
    language: str,
) -> None:
    from halqa.conversations.actions import reply, start_thread
    from halqa.groups.actions import add_member

    author = make_member(pseudonym="stormy_day", language=language)
    reader = make_member(pseudonym="kind_reader", language=language)
    for user in (author, reader):
        add_member(user=user, group=group)
    thread = start_thread(author=reader, group=group, title="مساء الخير", body="كيف كان يومكم؟")
    reply(author=author, thread=thread, body="يا حمار يا كلب يا حقير")
    reply(author=author, thread=thread, body="I have pills saved and tonight I will take them all")
    url = f"/groups/{SLUG}/threads/{thread.pk}/"
    mine = _page(chromium, live_server, "stormy_day", language)
    theirs = _page(chromium, live_server, "kind_reader", language)
    try:
        mine.goto(url)
        expect(mine.locator(".moderation-note.held")).to_be_visible()
        screenshot(mine, f"{language}-held-as-author")
        theirs.goto(url)
        expect(theirs.locator(".moderation-placeholder")).to_be_visible()
        expect(theirs.locator("main")).not_to_contain_text("حمار")
        expect(theirs.locator("main")).not_to_contain_text("pills")
        screenshot(theirs, f"{language}-hidden-as-reader")
    finally:
        mine.context.close()
        theirs.context.close()
