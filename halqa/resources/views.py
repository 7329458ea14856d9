"""Library pages: browse and search, a resource, the leaving notice, my resources."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST, require_safe

from halqa.core.htmx import render_partial
from halqa.resources import actions, media
from halqa.resources.enums import Kind
from halqa.resources.forms import FilterForm, RatingForm
from halqa.resources.queries import (
    access_resource,
    is_saved,
    library_page,
    rating_of,
    saved_by,
)
from halqa.resources.search import Filters, search


def _language() -> str:
    return (get_language() or "ar")[:2]


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """Browse with filters; with a query, ranked search over resources (and, signed in, threads)."""
    form = FilterForm(request.GET)
    values = form.values()
    query = values.pop("q")
    context: dict[str, Any] = {"form": form, "query": query}
    if query:
        filters = Filters(**values)
        context["results"] = search(
            query, user=request.user, filters=filters, page=request.GET.get("page")
        )
    else:
        context["page"] = library_page(request.GET.get("page"), prefer=_language(), **values)
    context["querystring"] = _without_page(request)
    return render_partial(request, "resources/library.html", "results", context)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    context = {
        "resource": resource,
        "saved": is_saved(request.user, resource),
        "rating": rating_of(request.user, resource),
        "rating_form": RatingForm(),
    }
    if resource.kind == Kind.EXERCISE:
        context.update(_step(request, resource))
        return render_partial(request, "resources/detail.html", "stepper", context)
    return render(request, "resources/detail.html", context)


def _step(request: HttpRequest, resource: Any) -> dict[str, Any]:
    """Which step of an exercise to show (?step=N, 1-based; 0 is the introduction)."""
    total = len(resource.steps)
    raw = request.GET.get("step", "0")
    number = int(raw) if raw.isdigit() and len(raw) < 4 else 0
    number = min(number, total + 1)  # total + 1: the closing screen
    return {
        "step": number,
        "total": total,
        "step_text": resource.steps[number - 1] if 1 <= number <= total else "",
        "finished": number == total + 1,
    }


@require_GET
def leave(request: HttpRequest, resource_id: int) -> HttpResponse:
    """The notice before an external page: where it goes, and that Halqa does not control it."""
    resource = access_resource(request.user, resource_id)
    if not resource.is_external:
        return redirect("resources:detail", resource_id=resource.pk)
    host = (urlsplit(resource.url).hostname or "").removeprefix("www.")
    return render(request, "resources/leave.html", {"resource": resource, "host": host})


@require_safe
def video(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    """An uploaded video, to whoever may read the resource (a draft's: its editors only), whole
    or by byte range."""
    resource = access_resource(request.user, resource_id)
    if not resource.has_video_file:
        raise Http404
    return media.serve(request, resource.video.name or "")


@require_POST
@login_required
def save(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    if request.POST.get("action") == "remove":
        actions.unsave_resource(user=request.user, resource=resource)  # type: ignore[arg-type]
    else:
        actions.save_resource(user=request.user, resource=resource)  # type: ignore[arg-type]
    context = {"resource": resource, "saved": is_saved(request.user, resource)}
    if getattr(request, "htmx", None):
        return render(request, "resources/detail.html#save", context)
    if request.POST.get("next") == "mine":
        return redirect("resources:mine")
    return redirect(resource_url(resource))


def resource_url(resource: Any) -> str:
    from django.urls import reverse

    return reverse("resources:detail", kwargs={"resource_id": resource.pk})


@require_POST
@login_required
def rate(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = access_resource(request.user, resource_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            actions.rate(user=request.user, resource=resource, score=form.cleaned_data["score"])  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
    context = {
        "resource": resource,
        "rating": rating_of(request.user, resource),
        "rating_form": form,
        "rated_now": form.is_valid(),
    }
    if getattr(request, "htmx", None) or not form.is_valid():
        status = 200 if form.is_valid() else 400
        name = (
            "resources/detail.html#rating"
            if getattr(request, "htmx", None)
            else "resources/detail.html"
        )
        if not getattr(request, "htmx", None):
            context["saved"] = is_saved(request.user, resource)
            if resource.kind == Kind.EXERCISE:
                context.update(_step(request, resource))
        return render(request, name, context, status=status)
    return redirect(resource_url(resource))


@require_GET
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "resources/mine.html", {"resources": saved_by(request.user)})
