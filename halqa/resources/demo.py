"""Demo library: the resources of demo_content.py, published by the demo operator, and the
search index and suggestions for the demo threads. Idempotent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from halqa.accounts.models import User
from halqa.conversations.models import Thread
from halqa.resources.demo_content import ITEMS, SINGLES
from halqa.resources.enums import State
from halqa.resources.indexing import index_resource, refresh_thread
from halqa.resources.models import Resource


def seed(users: dict[str, User], now: datetime) -> None:
    author = users["Lantern"]
    for item in ITEMS:
        english = _resource(item, item["en"], "en", author, now)
        arabic = _resource(item, item["ar"], "ar", author, now)
        _link(english, arabic)
    for item in SINGLES:
        _resource(item, item, item["language"], author, now)
    # The demo threads were started before the library existed: index them and choose again.
    for thread in Thread.objects.select_related("group"):
        refresh_thread(thread)


def _resource(
    item: dict[str, Any], text: dict[str, Any], language: str, author: User, now: datetime
) -> Resource:
    existing = Resource.objects.filter(title=text["title"], language=language).first()
    if existing is not None:
        return existing
    resource = Resource.objects.create(
        kind=item["kind"],
        language=language,
        title=text["title"],
        summary=text["summary"],
        body=text.get("body", ""),
        steps=text.get("steps", []),
        url=item.get("url", ""),
        minutes=item["minutes"],
        topics=item["topics"],
        source_note=item["source"],
        author=author,
        state=State.PUBLISHED,
        published_at=now,
        updated_at=now,
    )
    index_resource(resource)
    return resource


def _link(english: Resource, arabic: Resource) -> None:
    if english.translation_id != arabic.pk:
        Resource.objects.filter(pk=english.pk).update(translation=arabic)
    if arabic.translation_id != english.pk:
        Resource.objects.filter(pk=arabic.pk).update(translation=english)
