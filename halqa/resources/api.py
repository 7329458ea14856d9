"""resources over JSON: the same queries and actions as the pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Query, Router, Schema, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import authenticate_token, current_member
from halqa.conversations.markdown import render
from halqa.resources import actions
from halqa.resources.models import Resource
from halqa.resources.queries import access_resource, is_saved, library_page, rating_of, saved_by
from halqa.resources.schemas import (
    PageOut,
    RatingIn,
    ResourceDetailOut,
    SavedOut,
    SearchOut,
)
from halqa.resources.search import Filters, Results, search

router = Router(tags=["resources"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 413, 415, 422), ErrorOut)


class LibraryFilters(Schema):
    kind: str = ""
    topic: str = ""
    language: str = ""
    page: int = 1


class SearchFilters(LibraryFilters):
    q: str = ""
    source: str = ""


def _caller(request: HttpRequest) -> User | AnonymousUser:
    """The member behind an optional bearer token, for operations open to everyone."""
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    user = authenticate_token(raw.strip()) if scheme.lower() == "bearer" else None
    return user or AnonymousUser()


def _out(resource: Resource) -> dict[str, Any]:
    return {
        "id": resource.pk,
        "kind": resource.kind,
        "language": resource.language,
        "title": resource.title,
        "summary": resource.summary,
        "minutes": resource.minutes,
        "topics": resource.topics,
        "reviewed": resource.is_reviewed,
        "published_at": resource.published_at,
    }


@router.get("/", auth=None, response={200: PageOut, **ERRORS}, summary="The library")
def library(request: HttpRequest, filters: Query[LibraryFilters]) -> dict[str, Any]:
    """Published resources, 12 a page, in the Accept-Language first; unknown filters ignored."""
    page = library_page(
        filters.page,
        kind=filters.kind,
        topic=filters.topic,
        language=filters.language,
        prefer=(get_language() or "ar")[:2],
    )
    return {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_out(r) for r in page],
    }


@router.get("/search", auth=None, response={200: SearchOut, **ERRORS}, summary="Search")
def search_library(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    """Ranked resources and, with a token, the threads and replies the caller may read; 10 a
    page."""
    found: Results = search(
        filters.q[:200],
        user=_caller(request),
        filters=Filters(
            kind=filters.kind, topic=filters.topic, language=filters.language, source=filters.source
        ),
        page=filters.page,
    )
    return {
        "query": found.query,
        "page": found.page,
        "has_next": found.has_next,
        "results": [
            {
                "type": hit.source,
                "title_html": str(hit.title),
                "snippet_html": str(hit.snippet),
                "resource": _out(hit.resource) if hit.resource else None,
                "group": hit.thread.group.slug if hit.thread else None,
                "thread_id": hit.thread.pk if hit.thread else None,
                "post_id": hit.post.pk if hit.post else None,
            }
            for hit in found.hits
        ],
    }


@router.get("/saved", response={200: PageOut, **ERRORS}, summary="My resources")
def saved(request: HttpRequest) -> dict[str, Any]:
    """The caller's saved resources (still published), most recent first, in one page."""
    results = [_out(r) for r in saved_by(current_member(request))]
    return {"page": 1, "pages": 1, "results": results}


def _detail(user: Any, resource: Resource) -> dict[str, Any]:
    return {
        **_out(resource),
        "body_html": str(render(resource.body)) if resource.body else "",
        "steps": resource.steps,
        "external_url": resource.url if resource.is_external else None,
        "video_url": (
            reverse("resources:video", args=[resource.pk]) if resource.has_video_file else None
        ),
        "translation_id": resource.translation_id,
        "reviewed_by": resource.reviewed_by.pseudonym if resource.reviewed_by else None,
        "reviewed_at": resource.reviewed_at,
        "checked_against": resource.source_note,
        "saved": is_saved(user, resource),
        "my_rating": rating_of(user, resource),
    }


@router.get(
    "/{resource_id}", auth=None, response={200: ResourceDetailOut, **ERRORS}, summary="A resource"
)
def detail(request: HttpRequest, resource_id: int) -> dict[str, Any]:
    user = _caller(request)
    return _detail(user, access_resource(user, resource_id))


@router.put("/{resource_id}/saved", response={200: SavedOut, **ERRORS}, summary="Save")
def save(request: HttpRequest, resource_id: int) -> dict[str, bool]:
    user = current_member(request)
    actions.save_resource(user=user, resource=access_resource(user, resource_id))
    return {"saved": True}


@router.delete("/{resource_id}/saved", response={200: SavedOut, **ERRORS}, summary="Unsave")
def unsave(request: HttpRequest, resource_id: int) -> dict[str, bool]:
    user = current_member(request)
    actions.unsave_resource(user=user, resource=access_resource(user, resource_id))
    return {"saved": False}


@router.put("/{resource_id}/rating", response={204: None, **ERRORS}, summary="Rate")
def rate(request: HttpRequest, resource_id: int, data: RatingIn) -> Status[None]:
    """How helpful it was, 1-5: private to the caller, used only as a smoothed mean in ranking."""
    user = current_member(request)
    actions.rate(user=user, resource=access_resource(user, resource_id), score=data.score)
    return Status(204, None)
