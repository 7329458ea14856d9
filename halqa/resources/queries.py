"""Permission-checked lookups and listings for the library."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from halqa.resources.actions import can_author
from halqa.resources.enums import Kind, Language, State, Topic
from halqa.resources.models import Rating, Resource, SavedResource

PER_PAGE = 12


def access_resource(user: Any, resource_id: int) -> Resource:
    """A published resource for anyone; other states only for authors and reviewers who passed
    two-factor authentication in this session (else 404; so never over the API)."""
    resource = (
        Resource.objects.select_related("author", "reviewed_by", "translation")
        .filter(pk=resource_id)
        .first()
    )
    if resource is None or (resource.state != State.PUBLISHED and not _editor(user)):
        raise Http404
    return resource


def _editor(user: Any) -> bool:
    return can_author(user) and getattr(user, "otp_device", None) is not None


def published(
    *, kind: str = "", topic: str = "", language: str = "", prefer: str = ""
) -> QuerySet[Resource]:
    """Published resources, filtered (unknown values ignored), the reader's language first."""
    resources = Resource.objects.filter(state=State.PUBLISHED).select_related("reviewed_by")
    if kind in Kind.values:
        resources = resources.filter(kind=kind)
    if language in Language.values:
        resources = resources.filter(language=language)
    if topic in Topic.values:
        resources = resources.filter(pk__in=_with_topic(topic))
    first = Case(
        When(language=prefer, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return resources.order_by(first, "-published_at", "-id")


def _with_topic(topic: str) -> list[int]:
    # JSON containment differs between SQLite and PostgreSQL; the entry's padded string doesn't.
    from halqa.resources.models import SearchEntry

    return list(
        SearchEntry.objects.filter(
            resource__isnull=False, topics__contains=f" {topic} "
        ).values_list("resource_id", flat=True)
    )


def library_page(page: Any = 1, **filters: str) -> Page[Resource]:
    return Paginator(published(**filters), PER_PAGE).get_page(page)


def saved_by(user: Any) -> list[Resource]:
    """The member's saved resources that are still published, most recently saved first."""
    saved = SavedResource.objects.filter(user=user, resource__state=State.PUBLISHED)
    return [row.resource for row in saved.select_related("resource")]


def is_saved(user: Any, resource: Resource) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SavedResource.objects.filter(user=user, resource=resource).exists()


def rating_of(user: Any, resource: Resource) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Rating.objects.filter(user=user, resource=resource).values_list("score", flat=True).first()
    )


def for_editors() -> dict[str, list[Resource]]:
    """Every resource by state, for the authoring and review page."""
    rows = Resource.objects.select_related("author", "reviewed_by").order_by("-updated_at", "-id")
    by_state: dict[str, list[Resource]] = {state: [] for state in State.values}
    for resource in rows:
        by_state[resource.state].append(resource)
    return by_state
