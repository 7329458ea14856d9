"""Where the member is signed in: browser sessions and app tokens, each endable, or all at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import npgettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from halqa.accounts.actions import end_other_sessions, end_session
from halqa.accounts.models import User
from halqa.accounts.queries import active_sessions
from halqa.accounts.tokens import revoke_token, tokens_for


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - login_required ran first
    return request.user


@require_GET
@never_cache
@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    context = {
        "sessions": list(active_sessions(user)),
        "current_key": request.session.session_key,
        "tokens": list(tokens_for(user)),
    }
    return render(request, "accounts/sessions.html", context)


@require_POST
@login_required
def end(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _member(request)
    if public_id == request.session.get("_halqa_sid"):
        # Ending this very session is logging out: the page's own button does that.
        messages.info(request, pgettext("sessions", "To end this session, log out."))
    elif end_session(user=user, public_id=public_id):
        messages.success(request, pgettext("sessions", "That session is ended."))
    else:
        messages.info(request, pgettext("sessions", "That session had already ended."))
    return redirect("accounts:sessions")


@require_POST
@login_required
def end_others(request: HttpRequest) -> HttpResponse:
    ended, revoked = end_other_sessions(
        user=_member(request), keep_session=request.session.session_key
    )
    sessions_text = npgettext(
        "sessions", "%(count)d other session ended", "%(count)d other sessions ended", ended
    ) % {"count": ended}
    tokens_text = npgettext(
        "sessions", "%(count)d app logged out", "%(count)d apps logged out", revoked
    ) % {"count": revoked}
    messages.success(
        request,
        pgettext("sessions", "Done: %(sessions)s, %(tokens)s.")
        % {"sessions": sessions_text, "tokens": tokens_text},
    )
    return redirect("accounts:sessions")


@require_POST
@login_required
def revoke_app(request: HttpRequest, token_id: int) -> HttpResponse:
    if revoke_token(user=_member(request), token_id=token_id):
        messages.success(request, pgettext("sessions", "That app is logged out."))
    else:
        messages.info(request, pgettext("sessions", "That app was already logged out."))
    return redirect("accounts:sessions")
