"""Dating the use of signed-in browser sessions, so members can tell theirs apart."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

from halqa.accounts.sessions import note_use


def note_session_use(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """After the view (which may have logged the member in or out), date the session's use.

    Only sessions that carry a signed-in member: API requests with a token and anonymous
    visitors get no session from this.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session, user = getattr(request, "session", None), getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        if session.get(SESSION_KEY) == str(user.pk):
            note_use(session)
        return response

    return middleware
