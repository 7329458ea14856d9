"""Contextual suggestions: up to three published resources that fit a text.

A resource fits when it shares a topic with the text (keywords, topics.py) or the text's words
find it in the search index; topic matches count double. Only the reader's language; among
fitting resources, ones reviewed by an expert come first.
"""

from __future__ import annotations

from django.db.models import F

from halqa.conversations.models import Thread
from halqa.resources import text as terms
from halqa.resources.enums import Language, State
from halqa.resources.models import Resource, SearchEntry, Suggestion
from halqa.resources.search import ranked_resource_ids
from halqa.resources.topics import topics_in

LIMIT = 3
CANDIDATES = 20


def suggest_for_text(text: str, language: str, limit: int = LIMIT) -> list[Resource]:
    """The best `limit` resources for `text` in `language` (ar/en); [] when nothing fits."""
    if language not in Language.values or not text.strip():
        return []
    scores: dict[int, float] = {}
    groups = terms.query_groups(text, limit=40)
    for rank, resource_id in enumerate(ranked_resource_ids(groups, language=language)):
        scores[resource_id] = 1.0 if rank == 0 else 0.6 if rank < 5 else 0.3
    for topic, weight in topics_in(text).items():
        for resource_id in _with_topic(topic, language):
            scores[resource_id] = scores.get(resource_id, 0.0) + 2.0 * min(weight, 2)
    fitting = [rid for rid, score in scores.items() if score >= 1.0]
    resources = Resource.objects.filter(pk__in=fitting, state=State.PUBLISHED)
    ranked = sorted(
        resources,
        key=lambda r: (r.reviewed_by_id is None, -scores[r.pk], -r.helpfulness, r.pk),
    )
    return ranked[:limit]


def _with_topic(topic: str, language: str) -> list[int]:
    entries = SearchEntry.objects.filter(
        resource__isnull=False, language=language, topics__contains=f" {topic} "
    )
    return list(entries.order_by("-boost", "id").values_list("resource_id", flat=True)[:CANDIDATES])


def store_for_thread(thread: Thread, text: str) -> None:
    """Compute the thread's suggestions once, for readers of each language, and keep them."""
    Suggestion.objects.filter(thread=thread).delete()
    rows = [
        Suggestion(thread=thread, language=language, resource=resource, position=position)
        for language in Language.values
        for position, resource in enumerate(suggest_for_text(text, language))
    ]
    Suggestion.objects.bulk_create(rows)


def suggestions_for(thread: Thread, language: str) -> list[Resource]:
    """What was stored for the thread, for a reader of `language`, still published."""
    chosen = Suggestion.objects.filter(
        thread=thread, language=language, resource__state=State.PUBLISHED
    ).select_related("resource")
    return [row.resource for row in chosen.order_by("position")]


def for_crisis(thread: Thread | None, language: str) -> list[Resource]:
    """Up to three resources for someone in crisis: crisis-topic items (reviewed first), then
    what was stored for their thread."""
    from halqa.resources.enums import Topic

    crisis = Resource.objects.filter(
        pk__in=_with_topic(Topic.CRISIS, language), state=State.PUBLISHED
    ).order_by(F("reviewed_by").asc(nulls_last=True), "-helpfulness", "pk")
    chosen = list(crisis[:LIMIT])
    if thread is not None and len(chosen) < LIMIT:
        chosen += [r for r in suggestions_for(thread, language) if r not in chosen]
    return chosen[:LIMIT]
