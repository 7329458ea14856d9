"""Members flagging a post, a live message or a member: de-duplicated, rate-limited, and out of
hours, N independent flags hide an item until a moderator looks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.moderation.actions import Refused, audit, tell_member
from halqa.moderation.cases import open_case
from halqa.moderation.enums import Action, CaseKind, ContentState, FlagReason
from halqa.moderation.models import Flag

NOTE_LENGTH = 500


def flaggable_post(user: Any, post_id: Any) -> Any:
    """A post `user` can read and did not write; Http404 otherwise."""
    from halqa.conversations.models import Post
    from halqa.conversations.queries import access_post

    try:
        number = int(post_id)
    except (TypeError, ValueError):
        raise Http404 from None
    post = Post.objects.select_related("thread__group").filter(pk=number).first()
    if post is None or post.deleted_at is not None:
        raise Http404
    found = access_post(user, post.thread.group.slug, post.thread_id, post.pk)
    return found


def flaggable_message(user: Any, message_id: Any) -> Any:
    from halqa.live.models import LiveMessage
    from halqa.live.queries import access_session

    try:
        number = int(message_id)
    except (TypeError, ValueError):
        raise Http404 from None
    message = LiveMessage.objects.filter(pk=number).first()
    if message is None:
        raise Http404
    message.session = access_session(user, message.session_id)
    visible = message.state == ContentState.PUBLISHED or message.author_id == user.pk
    if not visible:
        raise Http404
    return message


def flaggable_member(user: Any, pseudonym: str) -> User:
    from halqa.accounts.pseudonyms import pseudonym_key

    if "\x00" in (pseudonym or ""):  # no pseudonym has one, and PostgreSQL refuses it in a query
        raise Http404
    target = User.objects.filter(pseudonym_key=pseudonym_key(pseudonym or ""), is_active=True)
    found = target.first()
    if found is None:
        raise Http404
    return found


def _refuse_rate(reporter: User) -> None:
    since = timezone.now() - timedelta(hours=1)
    if Flag.objects.filter(reporter=reporter, created_at__gte=since).count() >= (
        settings.FLAGS_PER_HOUR
    ):
        raise Refused(
            pgettext_lazy(
                "flag error",
                "You have sent many reports in the last hour. Thank you for looking out for "
                "others; please try again a little later. If someone is in danger right now, "
                "call your local emergency number.",
            ),
            "rate",
        )


def _is_out_of_hours() -> bool:
    from halqa.safety.hours import is_moderated_now

    return not is_moderated_now()


@transaction.atomic
def flag(
    *,
    reporter: User,
    reason: str,
    note: str = "",
    post: Any = None,
    live_message: Any = None,
    member: User | None = None,
) -> tuple[Flag, bool]:
    """Record a flag (or return the reporter's earlier one on the same item: `created` False).

    Callers resolve the item with the `flaggable_*` lookups first (read access).
    """
    try:
        reason = FlagReason(reason)
    except ValueError:
        raise Refused(pgettext_lazy("flag error", "Choose a reason."), "reason") from None
    item = post or live_message
    target = item.author if item is not None else member
    if target is None:
        raise Http404
    if target.pk == reporter.pk:
        raise Refused(
            pgettext_lazy("flag error", "You cannot report your own message or yourself."), "self"
        )
    earlier = Flag.objects.filter(reporter=reporter)
    if post is not None:
        earlier = earlier.filter(post=post)
    elif live_message is not None:
        earlier = earlier.filter(live_message=live_message)
    else:
        earlier = earlier.filter(member=target, post__isnull=True, live_message__isnull=True)
    found = earlier.first()
    if found is not None:
        return found, False
    _refuse_rate(reporter)
    record = Flag(
        reporter=reporter, reason=reason, post=post, live_message=live_message, member=target
    )
    record.note = note.strip()[:NOTE_LENGTH]
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same member's double submit
        return earlier.get(), False
    kind = CaseKind.DANGER if reason == FlagReason.DANGER else CaseKind.FLAG
    case = open_case(
        kind=kind,
        subject=target,
        reason=f"flag:{reason}",
        post=post,
        live_message=live_message,
        opened_by=reporter,
    )
    if kind == CaseKind.DANGER:
        # Out of hours, or with nobody on duty, the on-call list is called now; unanswered,
        # the operators too (halqa.safety.escalation; each alert once per case).
        from halqa.safety.escalation import watch_on_commit

        watch_on_commit(case.pk)
    Flag.objects.filter(pk=record.pk).update(case=case)
    record.case = case
    independent = Flag.objects.filter(case=case).values("reporter").distinct().count()
    type(case).objects.filter(pk=case.pk).update(flag_count=independent)
    case.flag_count = independent
    _maybe_hide(case, item)
    return record, True


def _maybe_hide(case: Any, item: Any) -> None:
    """Out of hours, enough independent flags (not "in danger" ones) hide an item for review."""
    if item is None or item.state != ContentState.PUBLISHED:
        return
    reporters = (
        Flag.objects.filter(case=case)
        .exclude(reason=FlagReason.DANGER)
        .values("reporter")
        .distinct()
        .count()
    )
    if reporters < settings.FLAGS_TO_HIDE or not _is_out_of_hours():
        return
    item.state = ContentState.HIDDEN
    item.save(update_fields=["state"])
    if hasattr(item, "thread_id"):
        from halqa.conversations.actions import recount_replies

        recount_replies(item.thread_id)
    entry = audit(
        actor=None,
        action=Action.AUTO_HIDE,
        case=case,
        item=item,
        reason="out of hours",
        detail={"flags": reporters},
    )
    tell_member(entry)
