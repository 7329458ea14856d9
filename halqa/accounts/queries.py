"""Reads for account pages."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils import timezone

from halqa.accounts.models import MemberSession, RecoveryCode, User
from halqa.accounts.pseudonyms import candidate_pseudonyms, pseudonym_key


def suggested_pseudonyms(language: str, count: int = 3) -> list[str]:
    """`count` friendly pseudonyms in `language` that nobody has taken yet."""
    candidates = candidate_pseudonyms(language, count * 3)
    keys = [pseudonym_key(name) for name in candidates]
    taken = set(User.objects.filter(pseudonym_key__in=keys).values_list("pseudonym_key", flat=True))
    return [name for name, key in zip(candidates, keys, strict=True) if key not in taken][:count]


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def active_sessions(user: User) -> QuerySet[MemberSession]:
    """The member's browser sessions that have not expired, most recently used first."""
    return MemberSession.objects.filter(user=user, expire_date__gt=timezone.now()).order_by(
        F("last_seen").desc(nulls_last=True), "-signed_in_at"
    )
