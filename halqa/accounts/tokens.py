"""Per-device API tokens: shown once, stored only as a SHA-256, revocable one by one."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from halqa.accounts.models import DeviceToken, User

PREFIX = "hq_"
PUBLIC_CHARS = 8  # "hq_" and five characters: enough to tell devices apart, useless to guess
MAX_RAW_LENGTH = 100
# Writing on every request would turn each read into a write; an hour is precise enough.
TOUCH_EVERY = timedelta(hours=1)
# A client that logs in on every start would pile up tokens; the least recently used go first.
MAX_DEVICES = 30


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(*, user: User, name: str) -> str:
    """A new token for one device; the raw value is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    DeviceToken.objects.create(
        user=user, name=name.strip()[:60], key_hash=_digest(raw), prefix=raw[:PUBLIC_CHARS]
    )
    _prune(user)
    return raw


def _prune(user: User) -> None:
    last_use = Coalesce("last_used_at", "created")
    stale = DeviceToken.objects.filter(user=user).order_by(last_use.desc(), "-id")[MAX_DEVICES:]
    stale_ids = list(stale.values_list("id", flat=True))
    if stale_ids:
        DeviceToken.objects.filter(pk__in=stale_ids).delete()


def token_for(raw: str) -> DeviceToken | None:
    """The live token matching `raw`, or None; tokens of deactivated members never match."""
    if not raw.startswith(PREFIX) or len(raw) > MAX_RAW_LENGTH:
        return None
    digest = _digest(raw)
    token = DeviceToken.objects.select_related("user").filter(key_hash=digest).first()
    # The lookup is by hash already; compare_digest keeps the final check constant-time.
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    if not token.user.is_active:
        return None
    _touch(token)
    return token


def authenticate_token(raw: str) -> User | None:
    token = token_for(raw)
    return token.user if token else None


def _touch(token: DeviceToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        DeviceToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def tokens_for(user: User) -> QuerySet[DeviceToken]:
    return DeviceToken.objects.filter(user=user).order_by("-created", "-id")


def revoke_token(*, user: User, token_id: int) -> bool:
    """Revoke one of `user`'s tokens; False when there is no such token of theirs."""
    deleted, _ = DeviceToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def revoke_all_tokens(*, user: User) -> None:
    """Sign every device out, e.g. after a password recovery."""
    DeviceToken.objects.filter(user=user).delete()


class TokenAuth(HttpBearer):
    """`Authorization: Bearer hq_…`; sets request.auth and request.user to the member."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = token_for(token.strip())
        if found is None:
            return None
        request.device_token = found  # type: ignore[attr-defined]
        request.user = found.user
        return found.user


def current_member(request: HttpRequest) -> User:
    """The member behind a token-authenticated request."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError
    return user


def current_token(request: HttpRequest) -> DeviceToken:
    token = getattr(request, "device_token", None)
    if not isinstance(token, DeviceToken):
        raise AuthenticationError
    return token
