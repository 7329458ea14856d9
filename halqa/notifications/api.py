"""Notifications over JSON: the same queries and actions as the pages."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Field as NinjaField
from ninja import Query, Router, Schema

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.notifications import actions, queries
from halqa.notifications.models import Notification
from halqa.notifications.schemas import (
    NotificationOut,
    NotificationPageOut,
    PreferencesIn,
    PreferencesOut,
    ReadAllOut,
)
from halqa.notifications.texts import describe, link_of

router = Router(tags=["notifications"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 404, 413, 415, 422), ErrorOut)
PER_PAGE = 20
MAX_PAGE = 100_000


class ListFilter(Schema):
    unread: bool = False
    page: Annotated[int, NinjaField(ge=1, le=MAX_PAGE)] = 1


def _out(notification: Notification, *, hide_names: bool) -> dict[str, Any]:
    actor, group = notification.actor, notification.group
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "text": describe(notification, hide_names=hide_names),
        "actor": actor.pseudonym if actor and not hide_names else None,
        "group": {"slug": group.slug, "name": group.name} if group and not hide_names else None,
        "url": link_of(notification, hide_names=hide_names),
        "created_at": notification.created_at,
        "read_at": notification.read_at,
        "unread": notification.is_unread,
    }


@router.get("/", response={200: NotificationPageOut, **ERRORS}, summary="My notifications")
def list_notifications(request: HttpRequest, filters: Query[ListFilter]) -> dict[str, Any]:
    """Newest first, 20 a page; `?unread=true` for the unread ones only."""
    user = current_member(request)
    paginator = Paginator(queries.notifications_for(user, unread_only=filters.unread), PER_PAGE)
    rows = paginator.page(filters.page) if filters.page <= paginator.num_pages else []
    hide = queries.hides_names(user)
    return {
        "items": [_out(row, hide_names=hide) for row in rows],
        "page": filters.page,
        "pages": paginator.num_pages,
        "count": paginator.count,
        "unread_count": queries.unread_count(user),
    }


@router.post(
    "/{notification_id}/read", response={200: NotificationOut, **ERRORS}, summary="Mark read"
)
def read_one(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    user = current_member(request)
    notification = queries.access_notification(user, notification_id)
    actions.mark_read(notification=notification)
    return _out(notification, hide_names=queries.hides_names(user))


@router.post("/read-all", response={200: ReadAllOut, **ERRORS}, summary="Mark all read")
def read_all(request: HttpRequest) -> dict[str, int]:
    user = current_member(request)
    marked = actions.mark_all_read(user=user)
    return {"marked": marked, "unread_count": queries.unread_count(user)}


def _preferences(user: User) -> dict[str, Any]:
    return {"kinds": queries.preferences_of(user), "hide_names": queries.hides_names(user)}


@router.get("/preferences", response={200: PreferencesOut, **ERRORS}, summary="My choices")
def get_preferences(request: HttpRequest) -> dict[str, Any]:
    return _preferences(current_member(request))


@router.put("/preferences", response={200: PreferencesOut, **ERRORS}, summary="Change my choices")
def put_preferences(request: HttpRequest, data: PreferencesIn) -> dict[str, Any]:
    user = current_member(request)
    enabled = {kind.value: on for kind, on in data.kinds.items()}
    actions.set_preferences(user=user, enabled=enabled, hide_names=data.hide_names)
    return _preferences(user)
