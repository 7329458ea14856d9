"""Reads for account pages."""

from __future__ import annotations

from halqa.accounts.models import RecoveryCode, User
from halqa.accounts.pseudonyms import candidate_pseudonyms, pseudonym_key


def suggested_pseudonyms(language: str, count: int = 3) -> list[str]:
    """`count` friendly pseudonyms in `language` that nobody has taken yet."""
    candidates = candidate_pseudonyms(language, count * 3)
    keys = [pseudonym_key(name) for name in candidates]
    taken = set(User.objects.filter(pseudonym_key__in=keys).values_list("pseudonym_key", flat=True))
    return [name for name, key in zip(candidates, keys, strict=True) if key not in taken][:count]


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
