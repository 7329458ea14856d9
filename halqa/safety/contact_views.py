"""The member's safety contact page: store, change or delete it, and see who looked at it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.models import User
from halqa.core.crypto import DecryptionError
from halqa.safety import contact
from halqa.safety.forms import SafetyContactForm


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 (login_required)
    return request.user


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def contact_settings(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    try:
        stored = contact.contact_of(member)
    except DecryptionError:
        stored = None  # a key was dropped: the member can store it again
    form = SafetyContactForm(request.POST or None, initial=stored or {})
    if request.method == "POST" and form.is_valid():
        contact.save_safety_contact(member=member, **form.cleaned_data)
        messages.success(request, pgettext("safety contact", "Your safety contact is saved."))
        return redirect("safety:contact")
    context = {"form": form, "stored": stored, "views": contact.views_of(member)}
    return render(request, "safety/contact.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def contact_delete(request: HttpRequest) -> HttpResponse:
    if contact.delete_safety_contact(member=_member(request)):
        messages.success(request, pgettext("safety contact", "Your safety contact is deleted."))
    return redirect("safety:contact")
