"""Shapes of the accounts API: they parse and bound input; the actions decide what is valid."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.utils.translation import npgettext, pgettext
from ninja import Field, Schema
from pydantic import ConfigDict

# Generous outer bounds: the actions apply the real rules and give the same errors as the pages.
PSEUDONYM_MAX = 100
PASSWORD_MAX = 256
DEVICE_NAME_MAX = 60
CODE_MAX = 64

Pseudonym = Annotated[
    str,
    Field(
        max_length=PSEUDONYM_MAX,
        examples=["quiet_harbor"],
        description="3 to 30 letters (Arabic or Latin), digits, _ or -.",
    ),
]
Password = Annotated[
    str, Field(max_length=PASSWORD_MAX, examples=["a long passphrase of your own"])
]
DeviceName = Annotated[str, Field(max_length=DEVICE_NAME_MAX, examples=["My phone"])]
LanguageCode = Annotated[str, Field(max_length=2, examples=["ar"])]
CountryCode = Annotated[str, Field(max_length=2, examples=["JO"])]
OtpCode = Annotated[str, Field(max_length=12)]


class In(Schema):
    """Input: JSON types are taken as they are (no "true" for true, no 1 for "1")."""

    model_config = ConfigDict(strict=True)


class SignupIn(In):
    pseudonym: Pseudonym
    password: Password
    confirm_min_age: bool
    language: LanguageCode = ""  # the site's default language
    country: CountryCode = ""
    device_name: DeviceName = ""


class LoginIn(In):
    pseudonym: Pseudonym
    password: Password
    device_name: DeviceName = ""
    otp_code: OtpCode = ""


class RecoverIn(In):
    pseudonym: Pseudonym
    code: Annotated[str, Field(max_length=CODE_MAX)]
    new_password: Password
    device_name: DeviceName = ""


class PreferencesIn(In):
    """Only the fields sent are changed."""

    language: LanguageCode | None = None
    country: CountryCode | None = None
    neutral_titles: bool | None = None


class DeleteIn(In):
    """Deleting an account is confirmed with the pseudonym and the password."""

    pseudonym: Pseudonym
    password: Password
    otp_code: OtpCode = ""


class MeOut(Schema):
    id: int
    pseudonym: str
    language: str
    country: str
    role: str
    on_break: bool
    neutral_titles: bool
    date_joined: datetime


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: datetime
    last_used_at: datetime | None


class BrowserSessionOut(Schema):
    """A browser session of the member: coarse facts only (no address, no full User-Agent)."""

    id: str = Field(description="Public id, to end it with DELETE /accounts/sessions/{id}.")
    device: str = Field(description="phone, tablet, computer, other, or empty when unknown.")
    browser: str = Field(description="chrome, edge, firefox, opera, safari, samsung, other.")
    signed_in_at: datetime | None
    last_seen: datetime | None = Field(description="The start of the day it was last used.")


class LoggedOutOut(Schema):
    sessions_ended: int
    tokens_revoked: int


class SessionOut(Schema):
    """A new device token (shown once) and the member it belongs to."""

    token: str
    member: MeOut


class SignupOut(Schema):
    """The token and the recovery codes are shown once: the server keeps only their hashes."""

    token: str
    recovery_codes: list[str]
    member: MeOut


class RecoveryCodesOut(Schema):
    recovery_codes: list[str]


class ErrorOut(Schema):
    code: str = Field(examples=["invalid"])
    message: str
    fields: dict[str, list[str]] = Field(default_factory=dict)


# ---- the messages of ErrorOut (here so that the accounts catalogue carries them) ----


def status_message(status: int) -> str:
    """The ErrorOut message for a status, in the active language."""
    messages = {
        400: pgettext("api error", "The request body is not valid JSON."),
        401: pgettext(
            "api error",
            "This needs a valid token: send the header Authorization: Bearer and your token.",
        ),
        403: pgettext("api error", "You are not allowed to do this."),
        404: pgettext("api error", "Nothing was found here."),
        405: pgettext("api error", "This method is not allowed here."),
        413: pgettext("api error", "The request is too large."),
        415: pgettext(
            "api error", "Send the body as JSON, with the header Content-Type: application/json."
        ),
        422: pgettext("api error", "Some fields need attention."),
        429: pgettext("api error", "Too many attempts. Please wait a little and try again."),
        503: pgettext(
            "api error",
            "The server is busy right now and nothing was saved. Please try again in a minute.",
        ),
    }
    fallback = pgettext("api error", "Something went wrong on our side. Please try again later.")
    return messages.get(status, fallback)


STATUS_CODES = {
    400: "malformed_json",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "throttled",
    500: "server_error",
    503: "unavailable",
}


def nul_message() -> str:
    return pgettext("api field", "This contains a character (NUL) that is not allowed.")


def field_message(error: dict[str, Any]) -> str:
    """A message for one of pydantic's errors (missing field, wrong JSON type, too long)."""
    kind = error.get("type", "")
    if kind == "missing":
        return pgettext("api field", "This field is required.")
    if kind == "string_too_long":
        limit = int(error.get("ctx", {}).get("max_length", 0))
        return npgettext(
            "api field",
            "Use at most %(limit)d character.",
            "Use at most %(limit)d characters.",
            limit,
        ) % {"limit": limit}
    if kind == "string_type":
        return pgettext("api field", "This should be text.")
    if kind == "bool_type":
        return pgettext("api field", "This should be true or false.")
    if kind in {"int_type", "int_parsing"}:
        return pgettext("api field", "This should be a whole number.")
    return pgettext("api field", "This value is not valid.")
