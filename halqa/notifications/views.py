"""Notification pages: the list, opening one, marking all read, preferences. No JS needed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.models import User
from halqa.notifications import actions, queries
from halqa.notifications.forms import PreferencesForm
from halqa.notifications.models import Notification
from halqa.notifications.texts import describe

PER_PAGE = 20


@dataclass(frozen=True)
class Shown:
    notification: Notification
    text: str


def _member(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required ran first; this is for the types
        raise PermissionDenied
    return request.user


@login_required
@require_http_methods(["GET", "HEAD"])
def inbox(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    page = Paginator(queries.notifications_for(user), PER_PAGE).get_page(request.GET.get("page"))
    hide = queries.hides_names(user)
    shown = [Shown(row, describe(row, hide_names=hide)) for row in page]
    return render(request, "notifications/list.html", {"page": page, "shown": shown})


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = queries.access_notification(_member(request), notification_id)
    actions.mark_read(notification=notification)
    return _to_target(notification)


@login_required
@require_http_methods(["GET", "HEAD"])
def follow(request: HttpRequest, notification_id: int) -> HttpResponse:
    """The link a notification gives when names are hidden: it names no group, and leads on
    only for its recipient, after login (a shared phone's browser shows nothing personal)."""
    return _to_target(queries.access_notification(_member(request), notification_id))


def _to_target(notification: Notification) -> HttpResponse:
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(user=_member(request))
    messages.success(
        request, pgettext("notifications message", "All your notifications are marked as read.")
    )
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            hide = bool(form.cleaned_data["hide_names"])
            actions.set_preferences(user=user, enabled=form.enabled(), hide_names=hide)
            messages.success(
                request, pgettext("notifications message", "Your notification choices are saved.")
            )
            return redirect("notifications:preferences")
    else:
        initial = {**queries.preferences_of(user), "hide_names": queries.hides_names(user)}
        form = PreferencesForm(initial=initial)
    return render(request, "notifications/preferences.html", {"form": form})
