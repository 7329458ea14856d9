"""Two-factor authentication pages, and the staff home page that needs it."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from halqa.accounts.actions import confirm_two_factor, start_two_factor
from halqa.accounts.decorators import staff_required
from halqa.accounts.forms import TwoFactorForm
from halqa.accounts.models import User
from halqa.accounts.twofactor import has_two_factor, qr_svg, secret_text, verify_code
from halqa.core.navigation import safe_next


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required ran first
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if has_two_factor(user):
        return redirect(safe_next(request, "/accounts/staff/"))
    form = TwoFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            device = confirm_two_factor(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            django_otp.login(request, device)
            messages.success(request, pgettext("two-factor", "Two-factor authentication is on."))
            return redirect(safe_next(request, "/accounts/staff/"))
    device = start_two_factor(user=user)
    context = {"form": form, "qr": qr_svg(device), "secret": secret_text(device)}
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if not has_two_factor(user):
        return redirect("accounts:two_factor_setup")
    form = TwoFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = verify_code(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(safe_next(request, "/accounts/staff/"))
        message = pgettext(
            "two-factor error",
            "That code did not work. Check the time on your phone and try the newest code.",
        )
        form.add_error("code", message)
    return render(request, "accounts/two_factor.html", {"form": form})


@require_GET
@staff_required()
def staff_home(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    context = {"role": user.get_role_display(), "two_factor": has_two_factor(user)}
    return render(request, "accounts/staff_home.html", context)
