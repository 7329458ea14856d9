"""Operators' writes: site settings and logo, roles, staff invites. Every role change is logged."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.countries import is_country
from halqa.accounts.enums import STAFF_ROLES, Role
from halqa.accounts.models import User
from halqa.accounts.tokens import revoke_all_tokens
from halqa.console import site
from halqa.console.logo import check_logo
from halqa.console.models import (
    DefaultLanguage,
    Languages,
    Registration,
    RoleChange,
    SiteSettings,
    StaffInvite,
)

INVITE_DAYS = 7
INVITE_ROLES = (Role.MODERATOR,)


class Refused(Exception):
    def __init__(self, code: str, message: object) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def is_operator(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.role == Role.OPERATOR


def _require_operator(user: User) -> None:
    if not is_operator(user):
        raise PermissionDenied


@transaction.atomic
def save_settings(
    *,
    actor: User,
    site_name: str,
    registration: str,
    languages: str = "",
    default_language: str = "",
    default_country: str = "",
) -> SiteSettings:
    """Name, sign-up, languages offered and the default country; ValidationError by field."""
    _require_operator(actor)
    name = " ".join(site_name.split())
    default_language = default_language or settings.LANGUAGE_CODE
    default_country = (default_country or "").upper()
    _check_settings(name, registration, languages, default_language, default_country)
    row, _ = SiteSettings.objects.update_or_create(
        pk=1,
        defaults={
            "site_name": name,
            "registration": registration,
            "languages": languages,
            # One language offered: it is the default too.
            "default_language": languages or default_language,
            "default_country": default_country,
            "updated_at": timezone.now(),
            "updated_by": actor,
        },
    )
    _changed()
    return row


def _check_settings(
    name: str, registration: str, languages: str, default_language: str, country: str
) -> None:
    choose = pgettext_lazy("console error", "Please choose one of the options.")
    errors: dict[str, list[object]] = {}
    if len(name) > 60:
        message = pgettext_lazy("console error", "The site name can have at most 60 characters.")
        errors["site_name"] = [message]
    if registration not in Registration.values:
        errors["registration"] = [choose]
    if languages not in Languages.values:
        errors["languages"] = [choose]
    if default_language not in DefaultLanguage.values:
        errors["default_language"] = [choose]
    if country and not is_country(country):
        message = pgettext_lazy("console error", "Please choose a country from the list.")
        errors["default_country"] = [message]
    if errors:
        raise ValidationError(errors)


def _changed() -> None:
    site.changed()  # this process at once (and this transaction sees the new row)
    transaction.on_commit(site.changed)  # other processes reload after the commit


@transaction.atomic
def set_logo(*, actor: User, data: bytes) -> SiteSettings:
    """Store a checked PNG, JPEG or WebP (logo.check_logo) as the site's logo."""
    _require_operator(actor)
    image = check_logo(data)
    row, _ = SiteSettings.objects.get_or_create(pk=1)
    row.logo = data
    row.logo_type = image.content_type
    row.logo_hash = hashlib.sha256(data).hexdigest()
    row.updated_at, row.updated_by = timezone.now(), actor
    row.save(update_fields=["logo", "logo_type", "logo_hash", "updated_at", "updated_by"])
    _changed()
    return row


@transaction.atomic
def remove_logo(*, actor: User) -> None:
    _require_operator(actor)
    SiteSettings.objects.filter(pk=1).update(
        logo=None, logo_type="", logo_hash="", updated_at=timezone.now(), updated_by=actor
    )
    _changed()


def _log(actor: User | None, subject: User, old: str, how: str) -> None:
    RoleChange.objects.create(
        actor=actor,
        actor_name=actor.pseudonym if actor else "",
        subject=subject,
        subject_name=subject.pseudonym,
        old_role=old,
        new_role=subject.role,
        how=how,
    )


def signs_devices_out(old: str, new: str) -> bool:
    """A change to or from a staff role ends the member's API tokens (see _set_role)."""
    return old != new and (old in STAFF_ROLES or new in STAFF_ROLES)


def _set_role(subject: User, role: str) -> str:
    """Give `subject` the role and return the old one, inside the caller's transaction.

    A token issued to a member was issued without the two-factor code, and a staff role's
    rights must not reach a device that never gave it; a former staff member's devices stop
    too. The member signs in again on each device (with the code, for a staff role).
    """
    old = subject.role
    subject.role = role
    subject.save(update_fields=["role"])
    if signs_devices_out(old, role):
        revoke_all_tokens(user=subject)
    return old


@transaction.atomic
def change_role(*, actor: User, subject: User, role: str) -> User:
    """Give `subject` another role; never one's own, never the last operator away."""
    _require_operator(actor)
    if role not in Role.values:
        raise Refused("invalid", pgettext_lazy("console error", "There is no such role."))
    if subject.pk == actor.pk:
        message = pgettext_lazy("console error", "You cannot change your own role.")
        raise Refused("own_role", message)
    subject = User.objects.select_for_update().get(pk=subject.pk)
    if subject.role == role:
        return subject
    if subject.role == Role.OPERATOR:
        others = User.objects.select_for_update().filter(role=Role.OPERATOR, is_active=True)
        if others.exclude(pk=subject.pk).count() == 0:
            message = pgettext_lazy("console error", "The site needs at least one operator.")
            raise Refused("last_operator", message)
    old = _set_role(subject, role)
    _log(actor, subject, old, RoleChange.How.CHANGED)
    return subject


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_invite(*, actor: User, role: str = Role.MODERATOR) -> tuple[StaffInvite, str]:
    """A one-time invite and its raw key (shown once; only the hash is kept)."""
    _require_operator(actor)
    if role not in INVITE_ROLES:
        raise Refused("invalid", pgettext_lazy("console error", "There is no such role."))
    raw = secrets.token_urlsafe(24)
    invite = StaffInvite.objects.create(
        key_hash=_digest(raw),
        role=role,
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITE_DAYS),
    )
    return invite, raw


def revoke_invite(*, actor: User, invite_id: int) -> bool:
    _require_operator(actor)
    return bool(
        StaffInvite.objects.filter(
            pk=invite_id, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    )


def find_invite(raw: str) -> StaffInvite | None:
    if not raw or len(raw) > 100:
        return None
    invite = StaffInvite.objects.filter(key_hash=_digest(raw)).first()
    return invite if invite is not None and invite.usable() else None


@transaction.atomic
def accept_invite(*, user: User, raw: str) -> User:
    """The member who opens the link takes the role; the link then stops working."""
    invite = find_invite(raw)
    if invite is None:
        message = pgettext_lazy(
            "console error", "This invite link has expired, was withdrawn or was already used."
        )
        raise Refused("invalid_invite", message)
    invite = StaffInvite.objects.select_for_update().get(pk=invite.pk)
    if not invite.usable():
        raise Refused("invalid_invite", pgettext_lazy("console error", "This invite was used."))
    if user.role in (Role.OPERATOR, invite.role):
        message = pgettext_lazy("console error", "You have this role, or a wider one, already.")
        raise Refused("already", message)
    subject = User.objects.select_for_update().get(pk=user.pk)
    old = _set_role(subject, invite.role)
    invite.accepted_by = subject
    invite.accepted_at = timezone.now()
    invite.save(update_fields=["accepted_by", "accepted_at"])
    _log(invite.created_by, subject, old, RoleChange.How.INVITE)
    return subject
