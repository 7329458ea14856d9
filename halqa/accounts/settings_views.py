"""The member's settings: preferences, password, recovery codes, a break, export, deletion."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from halqa.accounts.actions import (
    change_password,
    delete_account,
    end_other_sessions,
    regenerate_recovery_codes,
    set_break,
    update_preferences,
)
from halqa.accounts.export import export_member
from halqa.accounts.forms import ChangePasswordForm, DeleteAccountForm, PreferencesForm
from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.accounts.queries import unused_recovery_codes
from halqa.accounts.twofactor import has_two_factor
from halqa.accounts.views import show_codes
from halqa.core.navigation import set_language_cookie


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required ran first
    return request.user


def _preferences_form(user: User, data: object = None) -> PreferencesForm:
    initial = {"language": user.language, "country": user.country}
    return PreferencesForm(data, initial={**initial, "neutral_titles": user.neutral_titles})


def _page(request: HttpRequest, **forms: object) -> HttpResponse:
    user = _member(request)
    context = {
        "preferences_form": forms.get("preferences_form") or _preferences_form(user),
        "password_form": forms.get("password_form") or ChangePasswordForm(),
        "unused_codes": unused_recovery_codes(user),
        "two_factor": has_two_factor(user),
    }
    return render(request, "accounts/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """GET: every setting; POST: the preferences form (language, country, neutral titles)."""
    if request.method == "GET":
        return _page(request)
    user = _member(request)
    form = _preferences_form(user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_preferences(
                user=user,
                language=data["language"] or user.language,
                country=data["country"],
                neutral_titles=data["neutral_titles"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, pgettext("settings", "Your settings are saved."))
            return set_language_cookie(redirect("accounts:settings"), user.language)
    return _page(request, preferences_form=form)


@login_required
@require_POST
def password(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = ChangePasswordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change_password(
                user=user, old_password=data["old_password"], new_password=data["new_password"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            update_session_auth_hash(request, user)
            # The other sessions no longer match the password; drop them from the list too.
            end_other_sessions(user=user, keep_session=request.session.session_key)
            messages.success(request, pgettext("settings", "Your password is changed."))
            return redirect("accounts:settings")
    return _page(request, password_form=form)


@login_required
@require_POST
def new_codes(request: HttpRequest) -> HttpResponse:
    codes = regenerate_recovery_codes(user=_member(request))
    return show_codes(request, codes, next_url="/accounts/settings/")


@login_required
@require_POST
def take_break(request: HttpRequest) -> HttpResponse:
    on_break = request.POST.get("on_break") == "1"
    set_break(user=_member(request), on_break=on_break)
    if on_break:
        text = pgettext(
            "settings",
            "Your break has started. Take all the time you need; we are here when you come back.",
        )
    else:
        text = pgettext("settings", "Welcome back. Your groups can see you again.")
    messages.success(request, text)
    return redirect("accounts:settings")


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    data = json.dumps(export_member(_member(request)), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    filename = f"halqa-export-{timezone.now().date().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _check_delete(user: User, form: DeleteAccountForm) -> None:
    data = form.cleaned_data
    if pseudonym_key(data.get("pseudonym", "")) != user.pseudonym_key:
        message = pgettext("delete account", "This is not your pseudonym. Please type it exactly.")
        form.add_error("pseudonym", ValidationError(message, code="mismatch"))
    if not user.check_password(data.get("password", "")):
        message = pgettext("password error", "Your current password is not right.")
        form.add_error("password", ValidationError(message, code="wrong_password"))


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        _check_delete(user, form)
        if form.is_valid():
            delete_account(user=user)
            auth_logout(request)
            text = pgettext("delete account", "Your account and everything in it are deleted.")
            messages.success(request, text)
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})
