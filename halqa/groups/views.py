"""Group pages: the directory, a group's page, joining and leaving."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from halqa.conversations.queries import threads_in
from halqa.groups import actions
from halqa.groups.forms import DirectoryFilter
from halqa.groups.queries import access_group, can_read, directory


@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None)
    groups = directory(request.user, **form.filters())
    return render(request, "groups/directory.html", {"form": form, "groups": groups})


@require_GET
def group_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    readable = can_read(request.user, group)
    threads = threads_in(group, request.GET.get("page")) if readable else None
    context = {"group": group, "readable": readable, "threads": threads}
    return render(request, "groups/group.html", context)


@require_POST
@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    try:
        actions.join_group(user=request.user, group=group)  # type: ignore[arg-type]
    except PermissionDenied:
        return _membership_changed(request, slug, group.join_policy_sentence)
    return _membership_changed(request, slug, pgettext("join message", "Welcome to the group."))


@require_POST
@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    actions.leave_group(user=request.user, group=group)  # type: ignore[arg-type]
    return _membership_changed(request, slug, pgettext("leave message", "You left the group."))


def _membership_changed(request: HttpRequest, slug: str, note: str | Promise) -> HttpResponse:
    """HTMX swaps the membership box in place; without JavaScript, back to the group's page."""
    if getattr(request, "htmx", False):
        group = access_group(request.user, slug)
        context = {"group": group, "note": note}
        return render(request, "groups/membership.html", context)
    messages.info(request, str(note))
    return redirect("groups:group", slug=slug)
