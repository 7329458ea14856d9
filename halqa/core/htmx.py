"""The few HTMX helpers views share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def render_partial(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """Render `template#partial` for an HTMX request, the whole page otherwise."""
    htmx = getattr(request, "htmx", None)
    name = f"{template}#{partial}" if htmx else template
    return render(request, name, context)
