"""Accounts over JSON: the same actions as the pages, with per-device tokens instead of sessions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import pgettext, pgettext_lazy
from ninja import Router, Status
from ninja.errors import Throttled

from halqa.accounts import actions, queries, tokens
from halqa.accounts.export import export_member
from halqa.accounts.models import DeviceToken, User
from halqa.accounts.schemas import (
    BrowserSessionOut,
    DeleteIn,
    ErrorOut,
    LoggedOutOut,
    LoginIn,
    MeOut,
    PreferencesIn,
    RecoverIn,
    RecoveryCodesOut,
    SessionOut,
    SignupIn,
    SignupOut,
    TokenOut,
)
from halqa.accounts.throttle import signup_wait
from halqa.accounts.views import client_address
from halqa.console import site

router = Router()

ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 404, 413, 415, 422, 429), ErrorOut)


class TwoFactorRequired(actions.InvalidCredentials):
    code = "otp_required"
    message = pgettext_lazy(
        "api error",
        "Staff accounts also need the code from their authenticator app (otp_code). "
        "If two-factor authentication is not set up yet, please set it up on the website first.",
    )


def _check_signup_rate(request: HttpRequest) -> None:
    """At most throttle.SIGNUPS_PER_HOUR per client address and clock hour (page and API)."""
    wait = signup_wait(client_address(request))
    if wait:
        raise Throttled(wait=wait)


def _device_name(name: str) -> str:
    return name or pgettext("api device", "Unnamed device")


@router.post(
    "/signup",
    auth=None,
    response={201: SignupOut, **ERRORS},
    summary="Create an account",
)
def signup(request: HttpRequest, data: SignupIn) -> Status[dict[str, Any]]:
    """Sign up with a pseudonym and a password; answers a device token and recovery codes."""
    _check_signup_rate(request)
    user, codes = actions.sign_up(
        pseudonym=data.pseudonym,
        password=data.password,
        confirm_min_age=data.confirm_min_age,
        language=data.language or site.languages()[1],
        country=data.country,
    )
    token = tokens.issue_token(user=user, name=_device_name(data.device_name))
    return Status(201, {"token": token, "recovery_codes": codes, "member": user})


@router.post("/login", auth=None, response={200: SessionOut, **ERRORS}, summary="Log in")
def login(request: HttpRequest, data: LoginIn) -> dict[str, Any]:
    """A new token for a named device. Staff accounts also send their `otp_code`."""
    user = actions.log_in(
        pseudonym=data.pseudonym,
        password=data.password,
        client_address=client_address(request),
        otp_code=data.otp_code,
    )
    # Staff see others' data: a token for them needs the second factor, as the pages do.
    if user.is_staff_role and getattr(user, "otp_device", None) is None:
        raise TwoFactorRequired
    token = tokens.issue_token(user=user, name=_device_name(data.device_name))
    return {"token": token, "member": user}


@router.post(
    "/recover", auth=None, response={200: SignupOut, **ERRORS}, summary="Recover with a code"
)
def recover(request: HttpRequest, data: RecoverIn) -> dict[str, Any]:
    """Set a new password with a recovery code; every device is signed out, new codes issued."""
    user, codes = actions.recover_password(
        pseudonym=data.pseudonym,
        code=data.code,
        new_password=data.new_password,
        client_address=client_address(request),
    )
    tokens.revoke_all_tokens(user=user)
    token = tokens.issue_token(user=user, name=_device_name(data.device_name))
    return {"token": token, "recovery_codes": codes, "member": user}


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The signed-in member")
def me(request: HttpRequest) -> User:
    return tokens.current_member(request)


@router.patch("/me", response={200: MeOut, **ERRORS}, summary="Change preferences")
def update_me(request: HttpRequest, data: PreferencesIn) -> User:
    """Change language, country or neutral titles; fields left out stay as they are."""
    user = tokens.current_member(request)
    return actions.update_preferences(
        user=user,
        language=user.language if data.language is None else data.language,
        country=user.country if data.country is None else data.country,
        neutral_titles=user.neutral_titles if data.neutral_titles is None else data.neutral_titles,
    )


@router.post(
    "/recovery-codes", response={200: RecoveryCodesOut, **ERRORS}, summary="New recovery codes"
)
def recovery_codes(request: HttpRequest) -> dict[str, list[str]]:
    """Replace all recovery codes; the old ones stop working."""
    codes = actions.regenerate_recovery_codes(user=tokens.current_member(request))
    return {"recovery_codes": codes}


@router.get("/tokens", response={200: list[TokenOut], **ERRORS}, summary="Signed-in devices")
def list_tokens(request: HttpRequest) -> list[DeviceToken]:
    return list(tokens.tokens_for(tokens.current_member(request)))


@router.delete("/tokens/{token_id}", response={204: None, **ERRORS}, summary="Revoke a device")
def revoke(request: HttpRequest, token_id: int) -> Status[None]:
    if not tokens.revoke_token(user=tokens.current_member(request), token_id=token_id):
        raise Http404
    return Status(204, None)


@router.post("/logout", response={204: None, **ERRORS}, summary="Revoke this device's token")
def logout(request: HttpRequest) -> Status[None]:
    token = tokens.current_token(request)
    tokens.revoke_token(user=tokens.current_member(request), token_id=token.pk)
    return Status(204, None)


@router.get(
    "/sessions", response={200: list[BrowserSessionOut], **ERRORS}, summary="Browser sessions"
)
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    """The member's browser sessions (the website), most recently used first."""
    found = queries.active_sessions(tokens.current_member(request))
    return [
        {
            "id": row.public_id,
            "device": row.device,
            "browser": row.browser,
            "signed_in_at": row.signed_in_at,
            "last_seen": row.last_seen,
        }
        for row in found
    ]


@router.delete(
    "/sessions/{session_id}", response={204: None, **ERRORS}, summary="End a browser session"
)
def end_session(request: HttpRequest, session_id: str) -> Status[None]:
    if not actions.end_session(user=tokens.current_member(request), public_id=session_id):
        raise Http404
    return Status(204, None)


@router.post(
    "/logout-everywhere",
    response={200: LoggedOutOut, **ERRORS},
    summary="Log out everywhere else",
)
def logout_everywhere(request: HttpRequest) -> dict[str, int]:
    """End every browser session and revoke every token except the one making this call."""
    ended, revoked = actions.end_other_sessions(
        user=tokens.current_member(request), keep_token=tokens.current_token(request).pk
    )
    return {"sessions_ended": ended, "tokens_revoked": revoked}


@router.get("/export", response={200: dict[str, Any], **ERRORS}, summary="Export my data")
def export(request: HttpRequest) -> dict[str, Any]:
    """Everything Halqa keeps about the member, as JSON."""
    return export_member(tokens.current_member(request))


@router.delete("/me", response={204: None, **ERRORS}, summary="Delete my account")
def delete_me(request: HttpRequest, data: DeleteIn) -> Status[None]:
    """Delete the account for good, confirmed with the pseudonym and the password."""
    user = tokens.current_member(request)
    try:
        confirmed = actions.log_in(
            pseudonym=data.pseudonym,
            password=data.password,
            client_address=client_address(request),
            otp_code=data.otp_code,
        )
    except actions.InvalidCredentials as error:
        # A 401 would tell the client its token is bad; the token is fine, the confirmation is not.
        raise ValidationError({"password": [error.message]}) from error
    if confirmed.pk != user.pk:
        message = pgettext("api error", "This is not the pseudonym of this account.")
        raise ValidationError({"pseudonym": [message]})
    actions.delete_account(user=user)
    return Status(204, None)
