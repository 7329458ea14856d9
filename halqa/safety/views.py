"""The crisis page (open to everyone, no JavaScript, never cached) and the operators' check page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from halqa.accounts.decorators import staff_required
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


@require_safe
@never_cache
def crisis(request: HttpRequest) -> HttpResponse:
    language = get_language() or "ar"
    asked = request.GET.get("country", "").strip() or None
    country, problem = _choose_country(request, asked)
    context: dict[str, Any] = {
        "country": country,
        "problem": problem,
        "choices": queries.country_choices(language, also=country),
        "directories": DIRECTORIES,
        "language": language,
    }
    if country:
        context["country_name"] = queries.country_name(country, language)
        numbers = queries.emergency_numbers_for(country)
        context["emergency_numbers"] = numbers
        context["emergency_sources"] = list(dict.fromkeys(number.source for number in numbers))
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
    return queries.home_country(request.user), ""


def _operator(request: HttpRequest) -> User:
    """The operator let in by staff_required (typed for the action's signature)."""
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


@never_cache
@staff_required(Role.OPERATOR)
def manage(request: HttpRequest) -> HttpResponse:
    entries = list(queries.all_helplines())
    return render(request, "safety/manage.html", {"entries": entries, "form": CheckForm()})


@require_POST
@staff_required(Role.OPERATOR)
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


REVEALS_SHOWN = 200


@never_cache
@staff_required(Role.OPERATOR)
def reveals(request: HttpRequest) -> HttpResponse:
    """Every reveal of a safety contact (who, when, which case, why; never the contact), for the
    operators' monthly review under the crisis protocol."""
    from halqa.safety.models import CaseAlert, ContactView

    views = ContactView.objects.select_related("member", "case")[:REVEALS_SHOWN]
    alerts = CaseAlert.objects.select_related("case").order_by("-sent_at", "-id")[:REVEALS_SHOWN]
    return render(request, "safety/reveals.html", {"views": views, "alerts": alerts})
