"""Joining, logging in and out, recovery codes, and recovering a forgotten password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from halqa.accounts.actions import AccountError, LoginThrottled, log_in, recover_password, sign_up
from halqa.accounts.forms import LoginForm, RecoverForm, SignUpForm
from halqa.accounts.models import User
from halqa.accounts.queries import suggested_pseudonyms
from halqa.accounts.throttle import signup_wait
from halqa.accounts.twofactor import has_two_factor
from halqa.core.navigation import safe_next, set_language_cookie

SESSION_CODES = "halqa_recovery_codes"
SESSION_CODES_NEXT = "halqa_recovery_codes_next"


# ---- helpers shared by the account views ------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The client address for throttling only (hashed at once, never stored).

    Behind a proxy (HALQA_BEHIND_PROXY) the proxy's X-Forwarded-For entry is used.
    """
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def show_codes(request: HttpRequest, codes: list[str], next_url: str = "/") -> HttpResponse:
    """Keep fresh codes in the session until the member says they are saved, then forget them."""
    request.session[SESSION_CODES] = codes
    request.session[SESSION_CODES_NEXT] = next_url
    return redirect("accounts:recovery_codes")


def _after_login(request: HttpRequest, user: User) -> str:
    target = safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL))
    if not user.is_staff_role:
        return target
    name = "accounts:two_factor" if has_two_factor(user) else "accounts:two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': target})}"


# ---- sign-up ----------------------------------------------------------------------------------


def _signup_context(form: SignUpForm, language: str) -> dict[str, object]:
    return {
        "form": form,
        "suggestions": suggested_pseudonyms(language),
        "suggestion_language": language,
        "min_age": settings.MINIMUM_AGE,
    }


def _language_from(request: HttpRequest) -> str:
    from halqa.console.site import languages

    offered, default = languages()
    chosen = request.POST.get("language") or request.GET.get("language") or get_language()
    return chosen if chosen in offered else default


def _try_sign_up(request: HttpRequest, form: SignUpForm) -> HttpResponse | None:
    data = form.cleaned_data
    if signup_wait(client_address(request)):  # one counter with the API's sign-up
        form.add_error(None, str(LoginThrottled.message))
        context = _signup_context(form, data.get("language") or _language_from(request))
        return render(request, "accounts/signup.html", context, status=429)
    try:
        user, codes = sign_up(
            pseudonym=data["pseudonym"],
            password=data["password"],
            confirm_min_age=data["confirm_min_age"],
            language=data["language"] or _language_from(request),
            country=data["country"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    auth_login(request, user)
    return set_language_cookie(show_codes(request, codes), user.language)


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    from halqa.console.site import registration_open

    if request.method == "GET" and not registration_open():  # say so before anyone types
        messages.info(
            request, pgettext("account error", "New sign-ups are closed on this site for now.")
        )
    language = _language_from(request)
    if request.method == "POST" and "suggestion" in request.POST:
        # Without JavaScript a suggestion button submits the form: fill it in, check nothing.
        initial = {"pseudonym": request.POST["suggestion"][:60], "language": language}
        form = SignUpForm(initial={**initial, "country": request.POST.get("country", "")})
    elif request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid() and (response := _try_sign_up(request, form)):
            return response
    else:
        form = SignUpForm(initial={"language": language})
    return render(request, "accounts/signup.html", _signup_context(form, language))


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """More suggestions (HTMX): the list only."""
    context = _signup_context(SignUpForm(), _language_from(request))
    return render(request, "accounts/signup.html#suggestions", context)


@require_GET
def pseudonym_field(request: HttpRequest) -> HttpResponse:
    """The pseudonym field filled with a chosen suggestion (HTMX)."""
    form = SignUpForm(initial={"pseudonym": request.GET.get("pseudonym", "")[:60]})
    return render(request, "accounts/signup.html#pseudonym-field", {"form": form})


# ---- logging in and out -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = log_in(
                pseudonym=form.cleaned_data["pseudonym"],
                password=form.cleaned_data["password"],
                client_address=client_address(request),
            )
        except AccountError as error:
            form.add_error(None, str(error.message))
            status = 429 if isinstance(error, LoginThrottled) else 200
        else:
            auth_login(request, user)
            return set_language_cookie(redirect(_after_login(request, user)), user.language)
    context = {"form": form, "next": safe_next(request, "")}
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("core:home")


# ---- recovery codes and recovering a password -------------------------------------------------


def _codes_text(codes: list[str]) -> str:
    heading = pgettext(
        "recovery codes file",
        "%(site)s recovery codes. Each code works once. Keep them somewhere private.",
    ) % {"site": settings.SITE_NAME}
    return "\n".join([heading, timezone.now().date().isoformat(), "", *codes, ""])


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.get(SESSION_CODES)
    if not codes:
        messages.info(
            request,
            pgettext(
                "recovery codes",
                "Recovery codes are shown only once. You can make new ones here at any time.",
            ),
        )
        return redirect("accounts:settings")
    if request.method == "POST" and request.POST.get("action") == "download":
        response = HttpResponse(_codes_text(codes), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="halqa-recovery-codes.txt"'
        return response
    if request.method == "POST" and request.POST.get("action") == "saved":
        request.session.pop(SESSION_CODES, None)
        return redirect(request.session.pop(SESSION_CODES_NEXT, "/"))
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


def _try_recover(request: HttpRequest, form: RecoverForm) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        user, codes = recover_password(
            pseudonym=data["pseudonym"],
            code=data["code"],
            new_password=data["new_password"],
            client_address=client_address(request),
        )
    except AccountError as error:
        form.add_error(None, str(error.message))
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    auth_login(request, user)
    messages.success(
        request,
        pgettext(
            "recovery codes",
            "Your new password is set. Here are ten new recovery codes: the old ones no "
            "longer work.",
        ),
    )
    return set_language_cookie(show_codes(request, codes), user.language)


@require_http_methods(["GET", "POST"])
def recover(request: HttpRequest) -> HttpResponse:
    form = RecoverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and (response := _try_recover(request, form)):
        return response
    return render(request, "accounts/recover.html", {"form": form})
