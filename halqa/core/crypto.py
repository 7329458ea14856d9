"""Encryption at rest for private text (journals, notes) with key rotation.

Keys come from HALQA_ENCRYPTION_KEYS, newest first (Fernet keys, comma-separated). Old keys
stay in the list until `halqa rotate-keys` (halqa.core.encrypted) has re-encrypted everything
with the first one. Without keys (demo, tests), one key is generated once and kept under var/.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(Exception):
    """The text was encrypted with a key that is no longer configured, or was altered."""


@cache
def _fernet() -> MultiFernet:
    keys = list(settings.ENCRYPTION_KEYS) or [_demo_key()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "HALQA_ENCRYPTION_KEYS must be comma-separated Fernet keys (32 url-safe base64 bytes)"
        ) from None


def _demo_key() -> str:
    path = settings.ENCRYPTION_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("cannot decrypt with the configured keys") from None


def rotate(token: str) -> str:
    """Re-encrypt with the newest key."""
    try:
        return _fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("cannot decrypt with the configured keys") from None


def reset_keys() -> None:
    """Forget the cached keys (after settings change, in tests)."""
    _fernet.cache_clear()
