"""Two-factor for staff on pages that members use too (the support thread, the case tools)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from halqa.accounts.decorators import two_factor_redirect
from halqa.accounts.models import User
from halqa.moderation.models import Case
from halqa.moderation.queries import may_act_on


def two_factor_gate(request: HttpRequest, case: Case | None = None) -> HttpResponse | None:
    """A redirect to set up or enter a code when staff are not verified this session.

    With `case`, group moderators who may act on it are asked too, as the moderation pages ask
    them (never the member the case is about).
    """
    user = request.user
    if not isinstance(user, User) or user.otp_device is not None:
        return None
    acting = case is not None and user.pk != case.subject_id and may_act_on(user, case)
    if not user.is_staff_role and not acting:
        return None
    return two_factor_redirect(request)
