"""Guards for staff pages: the right role, and two-factor authentication in this session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

from halqa.accounts.enums import STAFF_ROLES, Role
from halqa.accounts.models import User
from halqa.accounts.twofactor import has_two_factor

View = Callable[..., HttpResponse]


def two_factor_redirect(request: HttpRequest) -> HttpResponse:
    """To set up two-factor (or enter this session's code), then back to this page."""
    user = request.user
    enrolled = isinstance(user, User) and has_two_factor(user)
    response = redirect("accounts:two_factor" if enrolled else "accounts:two_factor_setup")
    response["Location"] += "?" + urlencode({"next": request.get_full_path()})
    return response


def staff_required(*roles: str) -> Callable[[View], View]:
    """Only members with one of `roles` (all staff roles when none are given); others get 404.

    Moderators, experts and operators are sent to set up, or to enter, their two-factor code
    first; the page opens once this session is verified.
    """
    allowed = set(roles) or set(STAFF_ROLES)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in allowed:
                raise Http404
            if Role(user.role) in STAFF_ROLES and getattr(user, "otp_device", None) is None:
                return two_factor_redirect(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
