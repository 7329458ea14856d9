"""Journal and safety plan over JSON: the same queries and actions as the pages."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Field as NinjaField
from ninja import Query, Router, Schema, Status

from halqa.accounts.models import User
from halqa.accounts.schemas import ErrorOut
from halqa.accounts.tokens import current_member
from halqa.journal import actions, queries
from halqa.journal.export import plan_data
from halqa.journal.models import Entry
from halqa.journal.schemas import EntryIn, EntryOut, EntryPageOut, PlanIn, PlanOut, SharingIn

router = Router(tags=["journal"])

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 404, 413, 415, 422), ErrorOut)
MAX_PAGE = 100_000
PER_PAGE = 20


class Paging(Schema):
    page: Annotated[int, NinjaField(ge=1, le=MAX_PAGE)] = 1


def _out(entry: Entry) -> dict[str, Any]:
    shown = queries.open_entry(entry)
    return {
        "id": entry.pk,
        "title": shown.title,
        "body": shown.body,
        "prompt": shown.prompt_key or None,
        "prompt_text": shown.prompt or None,
        "created_at": entry.created_at,
        "edited_at": entry.edited_at,
    }


def _fields(data: EntryIn) -> dict[str, str]:
    return {"title": data.title, "body": data.body, "prompt": data.prompt or ""}


@router.get("/entries", response={200: EntryPageOut, **ERRORS}, summary="My journal entries")
def list_entries(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Newest first, 20 a page, decrypted for their author."""
    paginator = Paginator(queries.entries_for(current_member(request)), PER_PAGE)
    rows = paginator.page(paging.page) if paging.page <= paginator.num_pages else []
    return {
        "items": [_out(row) for row in rows],
        "page": paging.page,
        "pages": paginator.num_pages,
        "count": paginator.count,
    }


@router.post("/entries", response={201: EntryOut, **ERRORS}, summary="Write an entry")
def create_entry(request: HttpRequest, data: EntryIn) -> Status[dict[str, Any]]:
    entry = actions.create_entry(author=current_member(request), **_fields(data))
    return Status(201, _out(entry))


@router.get("/entries/{entry_id}", response={200: EntryOut, **ERRORS}, summary="One entry")
def get_entry(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return _out(queries.access_entry(current_member(request), entry_id))


@router.put("/entries/{entry_id}", response={200: EntryOut, **ERRORS}, summary="Rewrite an entry")
def update_entry(request: HttpRequest, entry_id: int, data: EntryIn) -> dict[str, Any]:
    entry = queries.access_entry(current_member(request), entry_id)
    return _out(actions.update_entry(entry=entry, **_fields(data)))


@router.delete("/entries/{entry_id}", response={204: None, **ERRORS}, summary="Delete an entry")
def delete_entry(request: HttpRequest, entry_id: int) -> Status[None]:
    actions.delete_entry(entry=queries.access_entry(current_member(request), entry_id))
    return Status(204, None)


def _plan(user: User) -> dict[str, Any]:
    return plan_data(user)


@router.get("/safety-plan", response={200: PlanOut, **ERRORS}, summary="My safety plan")
def get_plan(request: HttpRequest) -> dict[str, Any]:
    """Every step with its guidance and items (empty steps too), sharing and the view log."""
    return _plan(current_member(request))


@router.put("/safety-plan", response={200: PlanOut, **ERRORS}, summary="Change my safety plan")
def put_plan(request: HttpRequest, data: PlanIn) -> dict[str, Any]:
    user = current_member(request)
    sections = {section.value: items for section, items in data.sections.items()}
    actions.save_safety_plan(owner=user, sections=sections)
    return _plan(user)


@router.put(
    "/safety-plan/sharing", response={200: PlanOut, **ERRORS}, summary="Share with moderators"
)
def put_sharing(request: HttpRequest, data: SharingIn) -> dict[str, Any]:
    """`{"shared": true}` lets moderators open the plan (each view is logged); false stops it."""
    user = current_member(request)
    actions.set_plan_sharing(owner=user, shared=data.shared)
    return _plan(user)
