"""Demo moderation: "زيتونة" on duty, a few reports on existing demo posts, one handled.

Idempotent: each report is keyed on (reporter, reason); nothing is created twice. The reports are
about ordinary demo posts (a member worried by a line, a member unsure about a link) — the
kind of cases a queue holds on a calm evening. Nothing here is shown as real data elsewhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from halqa.accounts.models import User
from halqa.conversations.models import Post
from halqa.moderation import actions
from halqa.moderation.actions import CRISIS_LEVELS
from halqa.moderation.enums import CaseState, ContentState
from halqa.moderation.flags import flag
from halqa.moderation.models import Case, Flag, ModeratorStatus

# (reporter, post author, group slug, reason, note, handled hours ago or None, opened hours ago)
REPORTS = (
    (
        "MorningTea",
        "BlueHeron",
        "sleep-and-stress",
        "other",
        "Not sure if mentioning a specific tea brand counts as advertising?",
        20.0,
        20.3,
    ),
    (
        "سنديانة",
        "قمر_الليل",
        "depression-step-by-step",
        "danger",
        "أحببت أن يطمئن أحد المشرفين عليها، كتبت أنها تعبت كثيرًا هذا الأسبوع.",
        None,
        0.4,
    ),
    (
        "قمر_الليل",
        "غيمة_بيضاء",
        "caring-for-loved-ones",
        "personal_data",
        "ذكرت أين تسكن أختها، ربما الأفضل إخفاؤه.",
        None,
        2.0,
    ),
)


def _post(users: dict[str, User], author: str, slug: str, reporter: str) -> Post | None:
    """An ordinary reply to report: published, not screened as a crisis, without an open case;
    the named author's in that group if there is one, else anyone's there, else anywhere."""
    ordinary = (
        Post.objects.filter(is_opening=False, deleted_at=None, state=ContentState.PUBLISHED)
        .exclude(screening__crisis__in=CRISIS_LEVELS)
        .exclude(moderation_cases__state__in=(CaseState.OPEN, CaseState.CLAIMED))
        .exclude(author__role__in=("moderator", "operator"))
        .exclude(author=users[reporter])
        .order_by("created_at", "id")
    )
    in_group = ordinary.filter(thread__group__slug=slug)
    return in_group.filter(author=users[author]).first() or in_group.first() or ordinary.first()


def seed(users: dict[str, User], now: datetime) -> None:
    moderator = users["زيتونة"]
    status, _ = ModeratorStatus.objects.get_or_create(user=moderator)
    if not status.on_duty:
        actions.set_on_duty(moderator, True)
    for reporter, author, slug, reason, note, handled, opened in REPORTS:
        if Flag.objects.filter(reporter=users[reporter], reason=reason).exists():
            continue
        post = _post(users, author, slug, reporter)
        if post is None:
            continue
        record, _ = flag(reporter=users[reporter], reason=reason, note=note, post=post)
        case = record.case
        if case is None:
            continue
        opened_at = now - timedelta(hours=opened)
        Flag.objects.filter(pk=record.pk).update(created_at=opened_at)
        Case.objects.filter(pk=case.pk).update(opened_at=opened_at)
        if handled is not None:
            case.refresh_from_db()
            actions.dismiss(case, moderator, reason="لا مخالفة للقواعد؛ سؤال في محله.")
            Case.objects.filter(pk=case.pk).update(
                first_response_at=opened_at + timedelta(minutes=14),
                resolved_at=opened_at + timedelta(minutes=16),
                state=CaseState.RESOLVED,
            )
