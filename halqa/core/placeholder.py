"""TEMPORARY while the apps are being written in parallel; deleted before the first landing."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse("placeholder")
