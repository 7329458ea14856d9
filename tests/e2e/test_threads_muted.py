"""A thread in a real browser for a reader who muted a topic: a post screening found about it
folds behind the same neutral note as a muted word, and opens on click. Screenshots in Arabic
and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_threads import SLUG, group, log_in, new_context  # noqa: F401 (a fixture)

NOTES = {
    "ar": "مخفية حسب الكلمات والمواضيع التي كتمتها. افتحها لتقرأ.",
    "en": "Hidden by your muted words and topics. Open to read.",
}


def test_thread_folds_a_screened_post_for_who_muted_the_topic(
    chromium: Any,
    live_server: Any,
    group: Any,  # noqa: F811
    make_member: Callable[..., Any],
) -> None:
    from halqa.conversations import actions, reader_actions
    from halqa.conversations.models import Post
    from halqa.groups.actions import add_member

    author, reader = make_member(pseudonym="steady_lantern"), make_member(pseudonym="amal_r")
    for member in (author, reader):
        add_member(user=member, group=group)
    thread = actions.start_thread(author=author, group=group, title="الليل", body="الليل طويل")
    heavy = actions.reply(author=author, thread=thread, body="لا أرى معنى لأي شيء")
    Post.objects.filter(pk=heavy.pk).update(screening={"crisis": "ideation"})
    reader_actions.mute_topic(user=reader, topic="suicide")
    url = f"/groups/{SLUG}/threads/{thread.pk}/"
    context = new_context(chromium, live_server)
    try:
        page = log_in(context, "amal_r", url)
        for language in ("ar", "en"):
            context.add_cookies(
                [{"name": "halqa_language", "value": language, "url": live_server.url}]
            )
            page.reload()
            post = page.locator(f"#post-{heavy.pk}")
            expect(post.locator("details.collapsed > summary")).to_have_text(NOTES[language])
            expect(post.locator("details.collapsed .body")).not_to_be_visible()
            opening = page.locator(f"#post-{thread.posts.get(is_opening=True).pk}")
            expect(opening.locator("details.collapsed")).to_have_count(0)
            screenshot(page, f"thread-folded-{language}")
            post.locator("details.collapsed > summary").click()
            expect(post.locator(".body")).to_have_text("لا أرى معنى لأي شيء")
    finally:
        context.close()
