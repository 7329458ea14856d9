"""Group pages: the directory, a group's page, joining, asking to join, invites and leaving."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.conversations.queries import threads_in
from halqa.core.htmx import render_partial
from halqa.groups import actions
from halqa.groups.forms import DirectoryFilter
from halqa.groups.models import Group
from halqa.groups.queries import (
    access_group,
    can_facilitate,
    can_read,
    directory,
    invite_for,
    request_of,
)


@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None)
    groups = directory(request.user, **form.filters(), prefer=get_language())
    context = {"form": form, "groups": groups}
    return render_partial(request, "groups/directory.html", "results", context)


@require_GET
def group_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    readable = can_read(request.user, group)
    threads = threads_in(group, request.GET.get("page"), request.user) if readable else None
    context = {
        "group": group,
        "readable": readable,
        "threads": threads,
        "join_request": None if group.is_member else request_of(request.user, group),
        "can_facilitate": can_facilitate(request.user, group),
        "new_thread_url": _new_thread_url(group) if group.is_member else None,
    }
    return render(request, "groups/group.html", context)


def _new_thread_url(group: Group) -> str | None:
    """The thread composer, once the conversations app names it."""
    try:
        return reverse("groups:conversations:new_thread", args=[group.slug])
    except NoReverseMatch:
        return None


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
    try:
        actions.leave_group(user=request.user, group=group)  # type: ignore[arg-type]
    except ValidationError as error:
        return _membership_changed(request, slug, " ".join(error.messages))
    return _membership_changed(request, slug, pgettext("leave message", "You left the group."))


@require_POST
@login_required
def ask_to_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    try:
        actions.request_to_join(user=request.user, group=group)  # type: ignore[arg-type]
    except PermissionDenied:
        messages.info(request, str(group.join_policy_sentence))
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            pgettext(
                "join request message",
                "Your request was sent. The facilitators will look at it soon.",
            ),
        )
    return redirect("groups:group", slug=slug)


@require_POST
@login_required
def cancel_request(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request.user, slug)
    actions.cancel_request(user=request.user, group=group)  # type: ignore[arg-type]
    messages.info(request, pgettext("join request message", "Your request was withdrawn."))
    return redirect("groups:group", slug=slug)


@require_http_methods(["GET", "POST"])
def invite_page(request: HttpRequest, token: str) -> HttpResponse:
    """Only the holder of the link sees the group behind it; a dead link explains itself."""
    invite = invite_for(token)
    if invite is None:
        return render(request, "groups/invite.html", {"invite": None}, status=404)
    user = request.user
    member = user.is_authenticated and invite.group.memberships.filter(user=user).exists()
    if request.method == "POST" and user.is_authenticated:
        return _use_invite(request, invite.group, token)
    status = 200 if invite.is_usable or member else 410
    context = {"invite": invite, "group": invite.group, "already_member": member}
    return render(request, "groups/invite.html", context, status=status)


def _use_invite(request: HttpRequest, group: Group, token: str) -> HttpResponse:
    try:
        actions.join_by_invite(user=request.user, token=token)  # type: ignore[arg-type]
    except ValidationError:
        return redirect("groups:invite", token=token)
    messages.success(request, pgettext("join message", "Welcome to the group."))
    return redirect("groups:group", slug=group.slug)


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
