"""Group pages: the directory, a group's page, joining and leaving."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from halqa.conversations.queries import threads_in
from halqa.core.htmx import render_partial
from halqa.groups import actions
from halqa.groups.forms import DirectoryFilter
from halqa.groups.models import Group
from halqa.groups.queries import access_group, can_read, directory


@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None)
    groups = directory(request.user, **form.filters())
    context = {"form": form, "groups": groups}
    return render_partial(request, "groups/directory.html", "results", context)


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
    """HTMX swaps the membership box in place; without JavaScript, back to the group's page.

    Someone who just left a hidden group can no longer see it: they go to the directory.
    """
    group = _visible_group(request, slug)
    if group is None:
        messages.info(request, str(note))
        target = reverse("groups:directory")
        return (
            HttpResponse(headers={"HX-Redirect": target}) if _is_htmx(request) else redirect(target)
        )
    if _is_htmx(request):
        return render(request, "groups/membership.html", {"group": group, "note": note})
    messages.info(request, str(note))
    return redirect("groups:group", slug=slug)


def _visible_group(request: HttpRequest, slug: str) -> Group | None:
    try:
        return access_group(request.user, slug)
    except Http404:
        return None


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
