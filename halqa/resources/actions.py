"""Every write to the library: authoring, review, publishing, saving and rating.

Authors are experts and operators. A resource moves draft -> in review -> published, and any
state -> retired; the reviewer who publishes is never its author. Only an expert's approval is
recorded as "reviewed by"; an operator may publish without one. The search index follows every
change after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.resources.enums import Kind, State
from halqa.resources.indexing import index_resource
from halqa.resources.models import Rating, Resource, SavedResource

logger = logging.getLogger("halqa.resources")

AUTHOR_ROLES = frozenset({Role.EXPERT, Role.OPERATOR})
EDITABLE_FIELDS = (
    "kind", "language", "title", "summary", "body", "url", "video", "minutes", "steps",
    "topics", "translation", "source_note",
)  # fmt: skip
PRIOR_RATINGS = 3  # a new resource starts as if three members had found it middling


def can_author(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in AUTHOR_ROLES)


def _check_author(user: User) -> None:
    if not can_author(user):
        raise PermissionDenied


def _reindex_on_commit(resource: Resource) -> None:
    transaction.on_commit(lambda: index_resource(resource))


def _validate(fields: dict[str, Any]) -> None:
    kind = fields.get("kind")
    video = bool(fields.get("video"))
    if kind == Kind.VIDEO and video and fields.get("url"):
        message = pgettext_lazy("resource error", "Give the video an address or a file, not both.")
        raise ValidationError({"url": ValidationError(message, code="both")})
    if video and kind != Kind.VIDEO:
        message = pgettext_lazy("resource error", "Only a video takes a video file.")
        raise ValidationError({"video": ValidationError(message, code="not_video")})
    if kind == Kind.LINK and not fields.get("url"):
        message = pgettext_lazy("resource error", "Links and videos need an address.")
        raise ValidationError({"url": ValidationError(message, code="required")})
    if kind == Kind.VIDEO and not video and not fields.get("url"):
        message = pgettext_lazy("resource error", "A video needs an address or a file.")
        raise ValidationError({"url": ValidationError(message, code="required")})
    if kind == Kind.EXERCISE and not fields.get("steps"):
        message = pgettext_lazy("resource error", "An exercise needs at least one step.")
        raise ValidationError({"steps": ValidationError(message, code="required")})
    if kind == Kind.ARTICLE and not fields.get("body"):
        message = pgettext_lazy("resource error", "An article needs its text.")
        raise ValidationError({"body": ValidationError(message, code="required")})


@contextmanager
def _new_video_removed_on_failure(resource: Resource, *, old: str = "") -> Iterator[None]:
    """The storage writes an uploaded video when the row is saved, before the database has
    taken it: if the save then fails (a database error, anything), remove the new file, so no
    orphan stays on disk. A caller's own transaction that rolls back later is theirs to clean."""
    try:
        yield
    except BaseException:
        name = resource.video.name if resource.video else ""
        if name and name != old:
            try:
                resource.video.storage.delete(name)
            except OSError:
                logger.exception("resource video %s could not be removed after a failed save", name)
            resource.video.name = old
        raise


def create_resource(*, author: User | None, state: str = State.DRAFT, **fields: Any) -> Resource:
    """A new resource (a draft unless `state` says otherwise: demo data and imports)."""
    if author is not None:
        _check_author(author)
    _validate(fields)
    resource = Resource(author=author, state=state, **fields)
    with _new_video_removed_on_failure(resource), transaction.atomic():
        resource.save(force_insert=True)
        if state == State.PUBLISHED:
            resource.published_at = resource.published_at or timezone.now()
            resource.save(update_fields=["published_at"])
        _reindex_on_commit(resource)
    return resource


def update_resource(*, editor: User, resource: Resource, **fields: Any) -> Resource:
    """Change a resource's content; an expert's review is for the text they read, so it goes."""
    _check_author(editor)
    merged = {name: fields.get(name, getattr(resource, name)) for name in EDITABLE_FIELDS}
    _validate(merged)
    changed = [name for name in EDITABLE_FIELDS if merged[name] != getattr(resource, name)]
    if not changed:
        return resource
    old_video = resource.video.name or ""
    with _new_video_removed_on_failure(resource, old=old_video), transaction.atomic():
        for name in changed:
            setattr(resource, name, merged[name])
        resource.reviewed_by, resource.reviewed_at = None, None
        if resource.state == State.PUBLISHED and editor.role != Role.OPERATOR:
            resource.state = State.IN_REVIEW  # an expert's change is reviewed again
        resource.updated_at = timezone.now()
        resource.save()
        if old_video and old_video != resource.video.name:
            transaction.on_commit(lambda: resource.video.storage.delete(old_video))
        _reindex_on_commit(resource)
    return resource


def _move(resource: Resource, state: str, **extra: Any) -> Resource:
    resource.state = state
    for name, value in extra.items():
        setattr(resource, name, value)
    resource.updated_at = timezone.now()
    resource.save()
    _reindex_on_commit(resource)
    return resource


@transaction.atomic
def submit_for_review(*, user: User, resource: Resource) -> Resource:
    _check_author(user)
    if resource.state != State.DRAFT:
        raise _state_error()
    return _move(resource, State.IN_REVIEW)


@transaction.atomic
def publish(*, reviewer: User, resource: Resource) -> Resource:
    """Approve a resource in review. The reviewer may not be its author."""
    _check_author(reviewer)
    if resource.author_id == reviewer.pk:
        raise PermissionDenied
    if resource.state != State.IN_REVIEW:
        raise _state_error()
    now = timezone.now()
    review = {"reviewed_by": reviewer, "reviewed_at": now} if reviewer.role == Role.EXPERT else {}
    return _move(resource, State.PUBLISHED, published_at=resource.published_at or now, **review)


@transaction.atomic
def send_back(*, reviewer: User, resource: Resource) -> Resource:
    """Return a resource in review to its author as a draft."""
    _check_author(reviewer)
    if resource.state != State.IN_REVIEW:
        raise _state_error()
    return _move(resource, State.DRAFT)


@transaction.atomic
def retire(*, user: User, resource: Resource) -> Resource:
    """Take a resource out of the library (kept for the record, findable by nobody)."""
    _check_author(user)
    return _move(resource, State.RETIRED)


def _state_error() -> ValidationError:
    message = pgettext_lazy("resource error", "This resource has moved on; reload the page.")
    return ValidationError(message, code="state")


def save_resource(*, user: User, resource: Resource) -> None:
    SavedResource.objects.get_or_create(user=user, resource=resource)


def unsave_resource(*, user: User, resource: Resource) -> None:
    SavedResource.objects.filter(user=user, resource=resource).delete()


@transaction.atomic
def rate(*, user: User, resource: Resource, score: int) -> Rating:
    """Record how helpful the member found it (1-5); only a smoothed mean is ever used."""
    if not 1 <= score <= 5:
        message = pgettext_lazy("resource error", "Choose a rating from 1 to 5.")
        raise ValidationError({"score": ValidationError(message, code="invalid")})
    rating, _ = Rating.objects.update_or_create(
        user=user, resource=resource, defaults={"score": score, "rated_at": timezone.now()}
    )
    found = Rating.objects.filter(resource=resource).aggregate(mean=Avg("score"), n=Count("pk"))
    mean, n = float(found["mean"] or 3), int(found["n"])
    smoothed = (mean * n + 3 * PRIOR_RATINGS) / (n + PRIOR_RATINGS)
    Resource.objects.filter(pk=resource.pk).update(helpfulness=(smoothed - 1) / 4)
    resource.refresh_from_db(fields=["helpfulness"])
    _reindex_on_commit(resource)
    return rating
