"""Every write to trust settings: the site policy, a group's overrides and watched words, and a
member's level. Callers have checked who may do it (views: operators, group moderators)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from halqa.accounts.models import User
from halqa.groups.models import Group
from halqa.trust import levels, watch
from halqa.trust.models import GroupPolicy, MemberTrust, SitePolicy, WatchedWord

logger = logging.getLogger("halqa.trust")


@transaction.atomic
def update_site_policy(*, by: User, **fields: Any) -> SitePolicy:
    policy = levels.site_policy()
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.updated_at, policy.updated_by = timezone.now(), by
    policy.full_clean()
    policy.save()
    logger.info("site policy changed by user=%s fields=%s", by.pk, ",".join(sorted(fields)))
    return policy


@transaction.atomic
def set_group_policy(*, by: User, group: Group, **fields: Any) -> GroupPolicy:
    """The group's overrides; a None field follows the site again."""
    policy, _ = GroupPolicy.objects.get_or_create(group=group)
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.updated_at = timezone.now()
    policy.full_clean()
    policy.save()
    logger.info("group policy changed group=%s by user=%s", group.pk, by.pk)
    return policy


@transaction.atomic
def add_watched_word(
    *, by: User, group: Group, pattern: str, match: str, action: str
) -> WatchedWord:
    """Raises ValidationError for an empty, over-long or unsafe pattern."""
    pattern = watch.check_pattern(pattern, match)
    word, _ = WatchedWord.objects.update_or_create(
        group=group, pattern=pattern, match=match, defaults={"action": action, "created_by": by}
    )
    logger.info("watched word %s set in group=%s by user=%s", word.pk, group.pk, by.pk)
    return word


@transaction.atomic
def remove_watched_word(*, by: User, word: WatchedWord) -> None:
    logger.info("watched word %s removed from group=%s by user=%s", word.pk, word.group_id, by.pk)
    word.delete()


@transaction.atomic
def set_member_level(*, by: User, member: User, level: int | None) -> int:
    """An operator's choice of level (None: computed again). Returns the level now."""
    if level is None:
        MemberTrust.objects.filter(user=member).delete()
    else:
        MemberTrust.objects.update_or_create(
            user=member, defaults={"level": level, "set_by": by, "set_at": timezone.now()}
        )
    logger.info("trust level of user=%s set to %s by user=%s", member.pk, level, by.pk)
    return levels.level_of(member)
