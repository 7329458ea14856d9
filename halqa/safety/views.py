"""The crisis page (open to everyone, no JavaScript, never cached) and the operators' check page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from halqa.accounts.enums import Role
from halqa.accounts.models import User
from halqa.safety import queries
from halqa.safety.actions import mark_helpline_checked
from halqa.safety.forms import CheckForm
from halqa.safety.models import Helpline

DIRECTORIES = (
    ("Find A Helpline", "findahelpline.com", "https://findahelpline.com/"),
    ("Befrienders Worldwide", "befrienders.org", "https://www.befrienders.org/"),
)


@require_GET
@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    language = get_language() or "ar"
    asked = request.GET.get("country", "").strip() or None
    country, problem = _choose_country(request, asked)
    context: dict[str, Any] = {
        "country": country,
        "problem": problem,
        "choices": queries.country_choices(language),
        "directories": DIRECTORIES,
        "language": language,
    }
    if country:
        context["country_name"] = queries.country_name(country, language)
        context["emergency_numbers"] = queries.emergency_numbers_for(country)
        context["helplines"] = queries.helplines_for(country)
    return render(request, "safety/crisis.html", context)


def _choose_country(request: HttpRequest, asked: str | None) -> tuple[str | None, str]:
    """?country=, then the member's country, then the site's default; a message if unusable."""
    if asked is not None:
        country = queries.normalise_country(asked)
        if country:
            return country, ""
        return None, pgettext(
            "crisis page", "We don't recognise that country. Please choose yours from the list."
        )
    user_country = getattr(request.user, "country", "") if request.user.is_authenticated else ""
    for candidate in (user_country, settings.DEFAULT_COUNTRY):
        if country := queries.normalise_country(candidate):
            return country, ""
    return None, ""


def _operator(request: HttpRequest) -> User:
    """The operator making the request; Http404 for anyone else (never reveal the page exists)."""
    # Local check until halqa.accounts.decorators.staff_required exists (it also enforces 2FA).
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)()
    if not (isinstance(user, User) and user.role == Role.OPERATOR and verified):
        raise Http404
    return user


@never_cache
def manage(request: HttpRequest) -> HttpResponse:
    _operator(request)
    entries = list(queries.all_helplines())
    return render(request, "safety/manage.html", {"entries": entries, "form": CheckForm()})


@require_POST
def mark_checked(request: HttpRequest, helpline_id: int) -> HttpResponse:
    operator = _operator(request)
    helpline = get_object_or_404(Helpline, pk=helpline_id)
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, pgettext("helpline check", "The note is too long."))
    else:
        try:
            mark_helpline_checked(
                helpline=helpline, operator=operator, note=form.cleaned_data["note"]
            )
            messages.success(request, pgettext("helpline check", "Marked as checked today."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(reverse("safety:manage") + f"#helpline-{helpline.pk}")
