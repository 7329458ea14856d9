"""The demo library: enough real items in both languages, every one sourced, idempotent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from halqa.resources import demo
from halqa.resources.models import Resource, Suggestion
from halqa.resources.search import search


def test_demo_seed_is_idempotent_and_sourced(make_member: Any) -> None:
    users = {"Lantern": make_member(role="operator")}
    demo.seed(users, timezone.now())
    count = Resource.objects.count()
    demo.seed(users, timezone.now())
    assert Resource.objects.count() == count >= 20
    assert set(Resource.objects.values_list("language", flat=True)) == {"ar", "en"}
    assert not Resource.objects.filter(source_note="").exists()
    assert not Resource.objects.filter(reviewed_by__isnull=False).exists()  # nobody reviewed it
    assert all(r.translation for r in Resource.objects.filter(language="ar"))


def test_demo_threads_get_suggestions(make_member: Any, make_group: Any) -> None:
    from halqa.conversations.actions import start_thread

    author = make_member()
    group = make_group(members=(author,))
    thread = start_thread(
        author=author, group=group, title="لا أستطيع النوم", body="الأرق يلازمني كل ليلة"
    )
    demo.seed({"Lantern": make_member(role="operator")}, timezone.now())
    chosen = Suggestion.objects.filter(thread=thread, language="ar").select_related("resource")
    assert "sleep" in chosen[0].resource.topics
    assert search("بالأرق", user=author).hits
