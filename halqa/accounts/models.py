"""Members: a pseudonym and a password, nothing that identifies a person."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.enums import STAFF_ROLES, Browser, DeviceKind, Language, Role
from halqa.accounts.pseudonyms import pseudonym_key


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(pseudonym_key=pseudonym_key(username or ""))

    def create_user(self, pseudonym: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(pseudonym=pseudonym, pseudonym_key=pseudonym_key(pseudonym), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    pseudonym = models.CharField(pgettext_lazy("field", "pseudonym"), max_length=30)
    pseudonym_key = models.CharField(max_length=120, unique=True, editable=False)
    language = models.CharField(
        pgettext_lazy("field", "language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ARABIC,
    )
    country = models.CharField(pgettext_lazy("field", "country"), max_length=2, blank=True)
    role = models.CharField(
        pgettext_lazy("field", "role"), max_length=12, choices=Role.choices, default=Role.MEMBER
    )
    is_active = models.BooleanField(default=True)
    # Taking a break: hidden from groups and no notifications, the account stays as it is.
    on_break = models.BooleanField(pgettext_lazy("field", "taking a break"), default=False)
    neutral_titles = models.BooleanField(
        pgettext_lazy("field", "neutral tab titles"), default=False
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()
    # Set by django-otp's middleware (or by actions.log_in) to the device that verified the member.
    otp_device: Any = None

    USERNAME_FIELD = "pseudonym_key"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def is_staff_role(self) -> bool:
        """Moderators, experts and operators: they must use two-factor authentication."""
        return self.role in STAFF_ROLES

    @property
    def is_staff(self) -> bool:
        return self.role == Role.OPERATOR

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.is_active and self.role == Role.OPERATOR

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and self.role == Role.OPERATOR


class RecoveryCode(models.Model):
    """One of the member's one-time recovery codes; only its keyed hash is kept (recovery.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class DeviceToken(models.Model):
    """A per-device API token; only its hash and a short prefix (to tell them apart) are kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="device_tokens")
    name = models.CharField(pgettext_lazy("field", "device name"), max_length=60)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class MemberSession(AbstractBaseSession):
    """A browser session (SESSION_ENGINE = halqa.accounts.sessions): Django's row, plus whose
    it is and what the member needs to recognise it. Every column but the key and the data is
    copied from the session's own data on each save (sessions.SessionStore)."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="browser_sessions"
    )
    public_id = models.CharField(max_length=24, db_index=True)
    device = models.CharField(max_length=10, choices=DeviceKind.choices, blank=True)
    browser = models.CharField(max_length=10, choices=Browser.choices, blank=True)
    signed_in_at = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_member_session"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from halqa.accounts.sessions import SessionStore

        return SessionStore
