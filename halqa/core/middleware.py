"""Response headers every page carries (DESIGN §5: nothing from another host, no inline script)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import pgettext

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def language(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """The site's default language (console) unless the member chose another it offers (cookie);
    API clients may send Accept-Language.

    Browsers' Accept-Language is ignored for pages on purpose: Halqa is Arabic-first, and a
    shared or borrowed device should not decide the language for the member.
    """
    from halqa.console.site import languages

    def middleware(request: HttpRequest) -> HttpResponse:
        supported, default = languages()
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if lang not in supported and request.path.startswith("/api/"):
            lang = translation.get_language_from_request(request)
        if lang not in supported:
            lang = default
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", lang)
        return response

    return middleware


def refuse_nul_bytes(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A NUL byte in an address has no meaning, and PostgreSQL refuses it in every query.

    Pages get the 400 page; the JSON API gets its own error shape ({"code", "message",
    "fields"}, code `bad_request`), in the language the `language` middleware chose.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
        if any("\x00" in value for value in values):
            if request.path.startswith("/api/"):
                from halqa.api import error_response  # imports every app's router: not at load

                message = pgettext(
                    "api error", "The address contains a character (NUL) that is not allowed."
                )
                return error_response(400, "bad_request", message)
            from django.shortcuts import render

            return render(request, "400.html", status=400)
        return get_response(request)

    return middleware
