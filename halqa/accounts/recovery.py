"""Recovery codes: ten one-time codes instead of a password-reset e-mail.

Codes are random and high-entropy (12 characters from 31 ≈ 59 bits), so a fast keyed hash
(HMAC-SHA256 with the site secret) is enough: a slow password hash protects weak secrets, and
these are not weak. Without SECRET_KEY a stolen table is useless.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

COUNT = 10
# Lowercase base32 without the characters people confuse (0/o, 1/l/i).
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_GROUPS, _GROUP_LENGTH = 3, 4
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def new_code() -> str:
    """A code like "k7qp-2m9x-4hvt"."""
    groups = (
        "".join(secrets.choice(ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
    return "-".join(groups)


def normalise(code: str) -> str:
    """What the member typed, without spaces, dashes, capitals or Arabic-Indic digits."""
    text = code.translate(_ARABIC_DIGITS).lower()
    return "".join(c for c in text if c.isalnum())


def hash_code(code: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(
        secret, f"halqa-recovery:{normalise(code)}".encode(), hashlib.sha256
    ).hexdigest()


def matches(code: str, code_hash: str) -> bool:
    return hmac.compare_digest(hash_code(code), code_hash)
