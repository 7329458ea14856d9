"""Contextual suggestions: fitting, in the reader's language, reviewed first, stored once."""

from __future__ import annotations

from typing import Any

from halqa.conversations.actions import start_thread
from halqa.resources.enums import State
from halqa.resources.models import Suggestion
from halqa.resources.suggest import for_crisis, suggest_for_text
from tests.groups.conftest import client_for


def test_suggestions_fit_the_text_and_the_language(make_resource: Any) -> None:
    sleep_ar = make_resource(title="النوم الهادئ", language="ar", topics=["sleep"])
    make_resource(title="Sleep well", language="en", topics=["sleep"])
    make_resource(title="الحزن", language="ar", topics=["grief"], body="عن الفقد")
    assert suggest_for_text("لا أستطيع النوم من الأرق", "ar") == [sleep_ar]
    assert [r.title for r in suggest_for_text("I can't sleep", "en")] == ["Sleep well"]
    assert suggest_for_text("the weather is nice", "en") == []
    assert suggest_for_text("anything", "fr") == []


def test_reviewed_resources_come_first(make_resource: Any, make_member: Any) -> None:
    expert = make_member(role="expert")
    plain = make_resource(title="Panic attacks explained", topics=["panic"])
    reviewed = make_resource(title="About panic", topics=["panic"], reviewed_by=expert)
    assert suggest_for_text("I had a panic attack", "en")[:2] == [reviewed, plain]


def test_at_most_three_and_never_drafts(make_resource: Any) -> None:
    for n in range(5):
        make_resource(title=f"Worry {n}", topics=["anxiety"])
    make_resource(title="Worry draft", topics=["anxiety"], state=State.DRAFT)
    chosen = suggest_for_text("I worry all the time", "en")
    assert len(chosen) == 3
    assert all(r.state == State.PUBLISHED for r in chosen)


def test_thread_suggestions_are_stored_when_published_and_shown(
    make_resource: Any, make_member: Any, make_group: Any, django_capture_on_commit_callbacks: Any
) -> None:
    grief = make_resource(title="Living with grief", topics=["grief"])
    author = make_member()
    group = make_group(members=(author,))
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(
            author=author, group=group, title="My father died", body="The grief is heavy."
        )
    assert list(Suggestion.objects.filter(thread=thread, language="en")) == [
        Suggestion.objects.get(thread=thread, language="en", resource=grief)
    ]
    page = client_for(author).get(f"/groups/{group.slug}/threads/{thread.pk}/")
    assert "Living with grief" in page.content.decode()


def test_crisis_suggestions_put_crisis_resources_first(make_resource: Any) -> None:
    crisis = make_resource(title="What to do right now", topics=["crisis"])
    make_resource(title="Sleep", topics=["sleep"])
    assert for_crisis(None, "en") == [crisis]
