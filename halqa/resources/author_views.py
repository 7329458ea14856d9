"""Authoring and review for experts and operators (two-factor required, like every staff page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.decorators import staff_required
from halqa.accounts.enums import Role
from halqa.resources import actions
from halqa.resources.forms import ResourceForm
from halqa.resources.models import Resource
from halqa.resources.queries import access_resource, for_editors
from halqa.resources.views import resource_url

editors = staff_required(Role.EXPERT, Role.OPERATOR)


@editors
def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "resources/manage.html", {"by_state": for_editors()})


def _add_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = "steps_text" if name == "steps" else name
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@editors
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = actions.create_resource(author=request.user, **form.content())  # type: ignore[arg-type]
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(resource_url(resource))
    status = 400 if form.errors else 200
    return render(request, "resources/form.html", {"form": form}, status=status)


@editors
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    # The form writes what it cleans into its instance: give it a copy of its own, so the
    # action still sees the stored values and can tell what changed.
    editing = Resource.objects.get(pk=resource.pk)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_resource(editor=request.user, resource=resource, **form.content())  # type: ignore[arg-type]
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect(resource_url(resource))
    status = 400 if form.errors else 200
    context = {"form": form, "resource": resource}
    return render(request, "resources/form.html", context, status=status)


STEPS: dict[str, Callable[..., Any]] = {
    "submit": lambda user, resource: actions.submit_for_review(user=user, resource=resource),
    "publish": lambda user, resource: actions.publish(reviewer=user, resource=resource),
    "send_back": lambda user, resource: actions.send_back(reviewer=user, resource=resource),
    "retire": lambda user, resource: actions.retire(user=user, resource=resource),
}


@editors
@require_POST
def move(request: HttpRequest, resource_id: int, step: str) -> HttpResponse:
    """Submit for review, publish, send back or retire (the action enforces who may)."""
    resource = access_resource(request.user, resource_id)
    if step not in STEPS:
        return redirect("resources:manage")
    try:
        STEPS[step](request.user, resource)
    except PermissionDenied:
        messages.error(
            request, pgettext("resource review", "Someone other than the author must review it.")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(resource_url(resource))
