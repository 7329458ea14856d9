"""Pages that belong to no app: the home page and the language switch."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from halqa.console.site import offered_languages
from halqa.core.navigation import safe_next, set_language_cookie
from halqa.groups.queries import featured_groups


def home(request: HttpRequest) -> HttpResponse:
    groups = featured_groups(request.user, prefer=get_language() or "")
    return render(request, "core/home.html", {"groups": groups})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered in a cookie and on the member's profile."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request))
    if language in dict(offered_languages()):
        set_language_cookie(response, language)
        if request.user.is_authenticated:
            from halqa.accounts.actions import change_language

            change_language(user=request.user, language=language)
    return response
