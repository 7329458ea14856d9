"""Slowing down password and recovery-code guessing, without keeping anyone's address.

Failures are counted in the cache (Redis when configured) under two keys: one for the
pseudonym tried, one for the client address. Neither is stored as such: both are keyed
HMAC-SHA256 digests, and the address key changes every UTC day, so yesterday's counts can not
be linked to today's and no table of addresses can be built from the cache.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.cache import cache

# Many members may share one address (a clinic's Wi-Fi, a carrier's NAT): allow more there.
ADDRESS_FACTOR = 4


def _daily_key(day: date) -> bytes:
    material = f"halqa-throttle:{day.isoformat()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).digest()


def address_hash(address: str, *, day: date | None = None) -> str:
    """A digest of the client address that rotates daily; the address itself is never kept."""
    day = day or datetime.now(UTC).date()
    return hmac.new(_daily_key(day), address.encode(), hashlib.sha256).hexdigest()


def _name_hash(key: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"halqa-name:{key}".encode(), hashlib.sha256).hexdigest()


def _cache_keys(scope: str, name_key: str, address: str) -> list[tuple[str, int]]:
    limit = settings.LOGIN_ATTEMPTS
    return [
        (f"halqa:throttle:{scope}:name:{_name_hash(name_key)}", limit),
        (f"halqa:throttle:{scope}:addr:{address_hash(address)}", limit * ADDRESS_FACTOR),
    ]


def retry_after(scope: str, name_key: str, address: str) -> int:
    """Seconds to wait before another attempt is allowed; 0 when one is allowed now."""
    wait = 0
    now = int(time.time())
    for key, limit in _cache_keys(scope, name_key, address):
        if int(cache.get(f"{key}:count", 0)) >= limit:
            until = int(cache.get(f"{key}:until", now + settings.LOGIN_WINDOW_SECONDS))
            wait = max(wait, until - now, 1)
    return wait


def record_failure(scope: str, name_key: str, address: str) -> None:
    window = settings.LOGIN_WINDOW_SECONDS
    until = int(time.time()) + window
    for key, _limit in _cache_keys(scope, name_key, address):
        # Integers only: the cache never pickles what we store.
        cache.add(f"{key}:until", until, window)
        cache.add(f"{key}:count", 0, window)
        try:
            cache.incr(f"{key}:count")
        except ValueError:  # expired between add and incr
            cache.set(f"{key}:count", 1, window)


def reset_name(scope: str, name_key: str) -> None:
    """After a success: the pseudonym is unlocked; the address keeps its count."""
    key = f"halqa:throttle:{scope}:name:{_name_hash(name_key)}"
    cache.delete_many([f"{key}:count", f"{key}:until"])


# Sign-ups from one address in one clock hour, through the page and the API together.
SIGNUPS_PER_HOUR = 30


def signup_wait(address: str) -> int:
    """Count one sign-up from `address`; the seconds to wait when it is over SIGNUPS_PER_HOUR
    in this clock hour, else 0. The cache holds integers under the keyed hash of the address."""
    now = int(time.time())
    key = f"halqa:throttle:signup:{address_hash(address)}:{now // 3600}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        count = 1
    return 3600 - now % 3600 if count > SIGNUPS_PER_HOUR else 0
