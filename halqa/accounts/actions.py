"""Every write to an account goes through here. Pages, the API and commands call these."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts import recovery, throttle
from halqa.accounts.countries import is_country
from halqa.accounts.enums import Language, Role
from halqa.accounts.models import DeviceToken, MemberSession, RecoveryCode, User
from halqa.accounts.pseudonyms import MESSAGES, pseudonym_key, validate_pseudonym
from halqa.accounts.twofactor import DEVICE_NAME, verify_code

LOGIN = "login"
RECOVER = "recover"


class AccountError(Exception):
    """A refusal the member should read; `.code` for programs, `.message` (localised) for people."""

    code = "account_error"
    message: Promise | str = pgettext_lazy("account error", "Something went wrong.")

    def __init__(self, message: Promise | str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.code))


class InvalidCredentials(AccountError):
    code = "invalid_credentials"
    # The same words whether or not the pseudonym exists: nobody learns who is a member.
    message = pgettext_lazy(
        "account error", "That pseudonym and password do not match. Please try again."
    )


class LoginThrottled(AccountError):
    code = "throttled"
    message = pgettext_lazy(
        "account error",
        "Too many attempts. For your safety, please wait a few minutes and try again.",
    )

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


def _invalid_code() -> InvalidCredentials:
    return InvalidCredentials(
        pgettext_lazy(
            "account error",
            "That pseudonym and recovery code do not match, or the code was already used.",
        )
    )


# ---- sign-up ----------------------------------------------------------------------------------


def _field_errors(errors: dict[str, list[Any]], field: str, error: ValidationError) -> None:
    errors.setdefault(field, []).extend(error.error_list)


def _clean_pseudonym(pseudonym: str, errors: dict[str, list[Any]]) -> str:
    try:
        name = validate_pseudonym(pseudonym)
    except ValidationError as error:
        _field_errors(errors, "pseudonym", error)
        return ""
    site_key = pseudonym_key(settings.SITE_NAME)
    if len(site_key) >= 3 and site_key in pseudonym_key(name):  # the operator's own site name
        _field_errors(errors, "pseudonym", ValidationError(MESSAGES["reserved"], code="reserved"))
    elif User.objects.filter(pseudonym_key=pseudonym_key(name)).exists():
        _field_errors(errors, "pseudonym", ValidationError(MESSAGES["taken"], code="taken"))
    return name


def _check_password(password: str, user: User, field: str, errors: dict[str, list[Any]]) -> None:
    if not password:
        message = pgettext_lazy("password error", "Please choose a password.")
        _field_errors(errors, field, ValidationError(message, code="required"))
        return
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        _field_errors(errors, field, error)


def _check_choices(language: str, country: str, errors: dict[str, list[Any]]) -> None:
    from halqa.console.site import languages

    if language not in Language.values:
        message = pgettext_lazy("account error", "Please choose Arabic or English.")
        _field_errors(errors, "language", ValidationError(message, code="invalid_choice"))
    elif language not in languages()[0]:
        message = pgettext_lazy("account error", "This site is not offered in that language.")
        _field_errors(errors, "language", ValidationError(message, code="not_offered"))
    if country and not is_country(country):
        message = pgettext_lazy("account error", "Please choose a country from the list.")
        _field_errors(errors, "country", ValidationError(message, code="invalid_choice"))


def _check_sign_up(
    pseudonym: str, password: str, confirm_min_age: bool, language: str, country: str
) -> str:
    errors: dict[str, list[Any]] = {}
    from halqa.console.site import registration_open

    if not registration_open():
        message = pgettext_lazy("account error", "New sign-ups are closed on this site for now.")
        raise ValidationError({NON_FIELD_ERRORS: [ValidationError(message, code="closed")]})
    name = _clean_pseudonym(pseudonym, errors)
    _check_password(password, User(pseudonym=name or pseudonym), "password", errors)
    _check_choices(language, country, errors)
    if not confirm_min_age:
        age = pgettext_lazy("account error", "Please confirm that you are %(age)d or older.")
        error = ValidationError(age, code="min_age", params={"age": settings.MINIMUM_AGE})
        _field_errors(errors, "confirm_min_age", error)
    if errors:
        raise ValidationError(errors)
    return name


def sign_up(
    *,
    pseudonym: str,
    password: str,
    confirm_min_age: bool,
    language: str = "ar",
    country: str = "",
    role: str = Role.MEMBER,
) -> tuple[User, list[str]]:
    """A new account and its 10 recovery codes (plain, to show once); ValidationError by field."""
    country = (country or "").upper()
    name = _check_sign_up(pseudonym, password, confirm_min_age, language, country)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                pseudonym=name, password=password, language=language, country=country, role=role
            )
            codes = _replace_codes(user)
    except IntegrityError:  # the same key taken a moment ago by someone else
        error = ValidationError(MESSAGES["taken"], code="taken")
        raise ValidationError({"pseudonym": [error]}) from None
    return user, codes


# ---- logging in and recovering ----------------------------------------------------------------


def _find_user(key: str) -> User | None:
    return User.objects.filter(pseudonym_key=key, is_active=True).first()


def _check_throttle(scope: str, key: str, client_address: str) -> None:
    wait = throttle.retry_after(scope, key, client_address)
    if wait:
        raise LoginThrottled(wait)


def log_in(*, pseudonym: str, password: str, client_address: str, otp_code: str = "") -> User:
    """The member whose pseudonym and password these are; does not touch the session.

    When `otp_code` is given and the member has a confirmed TOTP device, it must be right, and
    the verified device is left on `user.otp_device` for the caller (django_otp.login).
    """
    key = pseudonym_key(pseudonym or "")
    _check_throttle(LOGIN, key, client_address)
    user = _find_user(key)
    if user is None:
        User().set_password(password)  # spend the same time as a real check
        throttle.record_failure(LOGIN, key, client_address)
        raise InvalidCredentials
    if not user.check_password(password) or (otp_code and not _verify_otp(user, otp_code)):
        throttle.record_failure(LOGIN, key, client_address)
        raise InvalidCredentials
    throttle.reset_name(LOGIN, key)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return user


def _verify_otp(user: User, otp_code: str) -> bool:
    device = verify_code(user, otp_code)
    if device is None:
        return False
    user.otp_device = device
    return True


def _matching_code(user: User | None, code: str) -> RecoveryCode | None:
    if user is None:
        return None
    found = None
    for row in RecoveryCode.objects.filter(user=user, used_at__isnull=True):
        if recovery.matches(code, row.code_hash):  # constant time, and look at every row
            found = row
    return found


@transaction.atomic
def recover_password(
    *, pseudonym: str, code: str, new_password: str, client_address: str
) -> tuple[User, list[str]]:
    """Set a new password with one recovery code; returns the member and 10 fresh codes.

    All earlier codes stop working: the member saves the new set, shown once.
    """
    key = pseudonym_key(pseudonym or "")
    _check_throttle(RECOVER, key, client_address)
    user = _find_user(key)
    row = _matching_code(user, code or "")
    if user is None or row is None:
        throttle.record_failure(RECOVER, key, client_address)
        raise _invalid_code()
    errors: dict[str, list[Any]] = {}
    _check_password(new_password, user, "new_password", errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Whoever needed recovery may have lost a device: sign every API client and browser out.
    DeviceToken.objects.filter(user=user).delete()
    MemberSession.objects.filter(user=user).delete()
    throttle.reset_name(RECOVER, key)
    return user, _replace_codes(user)


# ---- recovery codes ---------------------------------------------------------------------------


def _replace_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [recovery.new_code() for _ in range(recovery.COUNT)]
    now = timezone.now()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=recovery.hash_code(code), created=now) for code in codes
    )
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    """Ten new codes; every earlier code stops working."""
    return _replace_codes(user)


# ---- settings ---------------------------------------------------------------------------------


def change_password(*, user: User, old_password: str, new_password: str) -> None:
    """Raises ValidationError on `old_password` (wrong) or `new_password` (too weak)."""
    errors: dict[str, list[Any]] = {}
    if not user.check_password(old_password or ""):
        message = pgettext_lazy("password error", "Your current password is not right.")
        _field_errors(errors, "old_password", ValidationError(message, code="wrong_password"))
    else:
        _check_password(new_password, user, "new_password", errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    DeviceToken.objects.filter(user=user).delete()  # web sessions end through Django's hash


def change_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def update_preferences(*, user: User, language: str, country: str, neutral_titles: bool) -> User:
    country = (country or "").upper()
    errors: dict[str, list[Any]] = {}
    _check_choices(language, country, errors)
    if errors:
        raise ValidationError(errors)
    user.language, user.country, user.neutral_titles = language, country, neutral_titles
    user.save(update_fields=["language", "country", "neutral_titles"])
    return user


def set_break(*, user: User, on_break: bool) -> User:
    """A break hides the member from groups and pauses notifications; nothing is deleted."""
    user.on_break = on_break
    user.save(update_fields=["on_break"])
    return user


@transaction.atomic
@transaction.atomic
def delete_account(*, user: User) -> None:
    """Deletes the account and everything it owns (CASCADE), including the member's posts."""
    from halqa.conversations.actions import remove_posts_of

    remove_posts_of(user=user)  # first, so other people's threads keep true reply counts
    user.delete()


# ---- sessions -----------------------------------------------------------------------------------


def end_session(*, user: User, public_id: str) -> bool:
    """End one of `user`'s browser sessions; False when there is no such session of theirs."""
    if not public_id or len(public_id) > 24:
        return False
    deleted, _ = MemberSession.objects.filter(user=user, public_id=public_id).delete()
    return deleted > 0


@transaction.atomic
def end_other_sessions(
    *, user: User, keep_session: str | None = None, keep_token: int | None = None
) -> tuple[int, int]:
    """Log out everywhere else: every browser session but `keep_session` (a session key) and
    every API token but `keep_token` end. Returns how many sessions and tokens ended."""
    sessions = MemberSession.objects.filter(user=user)
    if keep_session:
        sessions = sessions.exclude(session_key=keep_session)
    tokens = DeviceToken.objects.filter(user=user)
    if keep_token is not None:
        tokens = tokens.exclude(pk=keep_token)
    ended, _ = sessions.delete()
    revoked, _ = tokens.delete()
    return ended, revoked


# ---- two-factor authentication ----------------------------------------------------------------


@transaction.atomic
def start_two_factor(*, user: User) -> TOTPDevice:
    """The member's unconfirmed TOTP device (new secret if none), to show as a QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_two_factor(*, user: User, code: str) -> TOTPDevice:
    """Confirms the device started by start_two_factor; ValidationError on `code` if wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    digits = "".join(c for c in code or "" if c.isdigit())
    if device is None or not digits or not device.verify_token(digits):
        message = pgettext_lazy(
            "two-factor error",
            "That code did not work. Check the time on your phone and try the newest code.",
        )
        raise ValidationError({"code": [ValidationError(message, code="wrong_code")]})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device
