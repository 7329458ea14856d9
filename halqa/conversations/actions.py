"""Every write to threads and posts goes through here.

Callers pass a group, thread or post they got from an access_* lookup (for_writing=True for
members' writes). Every message goes through `publish.prepare_message` before it is stored, and
its screening is stored with it. Notifications never carry what anyone wrote.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypeVar, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.conversations import links
from halqa.conversations.enums import ContentWarning
from halqa.conversations.markdown import mentioned_names
from halqa.conversations.models import (
    WARNING_LENGTH,
    Post,
    PostRevision,
    Thread,
    ThreadRead,
)
from halqa.conversations.publish import (
    Verdict,
    after_store,
    clean_body,
    prepare_message,
)
from halqa.conversations.queries import SEEN_BY_ALL
from halqa.groups.models import Group
from halqa.moderation.enums import ContentState
from halqa.notifications.actions import notify
from halqa.resources.hooks import post_changed, thread_changed

TITLE_LENGTH = 140
P = ParamSpec("P")
R = TypeVar("R")


def edit_window() -> timedelta:
    return timedelta(minutes=settings.EDIT_WINDOW_MINUTES)


def still_editable(post: Post) -> bool:
    """The author may still change the post: not removed, and within the edit window, or held
    for a moderator (the author may fix it until a moderator has looked)."""
    if post.is_deleted:
        return False
    return post.state == ContentState.HELD or timezone.now() <= post.created_at + edit_window()


def clean_title(title: str) -> str:
    text = " ".join(clean_body(title, field="title").split())
    if len(text) > TITLE_LENGTH:
        message = pgettext_lazy(
            "message error", "Please keep the title under %(limit)d characters."
        )
        error = ValidationError(message, code="too_long", params={"limit": TITLE_LENGTH})
        raise ValidationError({"title": error})
    return text


def clean_warning(warning: str, text: str) -> tuple[str, str]:
    """(choice, free text): free text only with "other", where it is required."""
    if warning and warning not in ContentWarning.values:
        message = pgettext_lazy("message error", "Please choose a content warning from the list.")
        raise ValidationError({"warning": ValidationError(message, code="invalid")})
    if warning != ContentWarning.OTHER:
        return warning, ""
    text = " ".join(text.split())
    if not text or len(text) > WARNING_LENGTH:
        message = pgettext_lazy(
            "message error", "Describe the content warning in %(limit)d characters or fewer."
        )
        error = ValidationError(message, code="invalid", params={"limit": WARNING_LENGTH})
        raise ValidationError({"warning_text": error})
    return warning, text


def _token(token: str) -> str:
    """A client's double-submit token as stored: without NUL, which PostgreSQL refuses."""
    return token.replace("\x00", "")


def _already_sent(author: User, token: str) -> Post | None:
    if not (token := _token(token)):
        return None
    return Post.objects.select_related("thread").filter(author=author, client_token=token).first()


def _once_per_token(
    found: Callable[[Post], R],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """When two requests with one token race, the loser returns what the winner stored."""

    def decorate(action: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(action)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return action(*args, **kwargs)
            except IntegrityError:
                sent = _already_sent(cast(User, kwargs["author"]), str(kwargs.get("token", "")))
                if sent is None:
                    raise
                return found(sent)

        return wrapper

    return decorate


@_once_per_token(lambda post: post.thread)
@transaction.atomic
def start_thread(
    *,
    author: User,
    group: Group,
    title: str,
    body: str,
    warning: str = "",
    warning_text: str = "",
    token: str = "",
    at: datetime | None = None,
    confirm_personal_data: bool = False,
) -> Thread:
    """Open a thread with its opening post. `at` backdates it (imports, demo data).

    A second call with the same `token` returns the first thread (a double submit). A title
    the policy would hold holds the opening post (and so the thread) too.
    """
    if (sent := _already_sent(author, token)) is not None:
        return sent.thread
    title = clean_title(title)
    warning, warning_text = clean_warning(warning, warning_text)
    verdict = prepare_message(
        author=author,
        body=body,
        group=group,
        confirm_personal_data=confirm_personal_data,
        rate_limited=at is None,  # imports and demo data are history, not a member typing
        title=title,
    )
    when = at or timezone.now()
    thread = Thread.objects.create(
        group=group, author=author, title=title, created_at=when, last_activity_at=when
    )
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=verdict.body,
        screening=verdict.record,
        created_at=when,
        is_opening=True,
        warning=warning,
        warning_text=warning_text,
        client_token=_token(token),
        **verdict.stored,
    )
    post.thread = thread
    after_store(verdict, author=author, post=post)
    _mention(post, group, verdict, skip=set(), quiet=at is not None or _unseen(post))
    _mark(author, thread, post.pk)
    thread_changed(thread.pk)  # resources: search index and suggestions, after commit
    return thread


@_once_per_token(lambda post: post)
@transaction.atomic
def reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    quote_of: Post | None = None,
    warning: str = "",
    warning_text: str = "",
    token: str = "",
    at: datetime | None = None,
    confirm_personal_data: bool = False,
) -> Post:
    """Add a reply, keep the thread's count and last activity current, tell who should know.

    `quote_of` must be a post of the same thread. The same `token` twice stores one reply.
    """
    if (sent := _already_sent(author, token)) is not None:
        return sent
    if quote_of is not None and quote_of.thread_id != thread.pk:
        quote_of = None
    warning, warning_text = clean_warning(warning, warning_text)
    verdict = prepare_message(
        author=author,
        body=body,
        group=thread.group,
        confirm_personal_data=confirm_personal_data,
        rate_limited=at is None,
    )
    when = at or timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=verdict.body,
        screening=verdict.record,
        created_at=when,
        quote_of=quote_of,
        warning=warning,
        warning_text=warning_text,
        client_token=_token(token),
        **verdict.stored,
    )
    post.thread = thread
    after_store(verdict, author=author, post=post)
    recount_replies(thread.pk)
    if post.state in SEEN_BY_ALL:  # a held reply must not show as activity either
        Thread.objects.filter(pk=thread.pk, last_activity_at__lt=when).update(last_activity_at=when)
    thread.refresh_from_db(fields=["reply_count", "last_activity_at"])
    # Backdated posts (imports, demo data) are history, and held posts nobody else can read:
    # nobody is told of them now.
    quiet = at is not None or _unseen(post)
    told = _tell_thread_author(post, thread) if not quiet else set()
    _mention(post, thread.group, verdict, skip=told, quiet=quiet)
    _mark(author, thread, post.pk)
    post_changed(post)  # resources: replies are searchable too
    return post


def _unseen(post: Post) -> bool:
    """Others cannot read it (yet): held or hidden, or a plan hidden until a moderator looks."""
    return post.state != ContentState.PUBLISHED or post.method_hidden


def _tell_thread_author(post: Post, thread: Thread) -> set[int]:
    if thread.author_id == post.author_id:
        return set()
    notify(
        recipient=thread.author,
        kind="reply",
        url=links.post_url(post),
        actor=post.author,
        group=thread.group,
    )
    return {thread.author_id}


def _mention(
    post: Post, group: Group, verdict: Verdict, *, skip: set[int], quiet: bool = False
) -> None:
    """Resolve @names among the group's members, store them, notify the newly mentioned."""
    from halqa.accounts.pseudonyms import pseudonym_key

    typed = mentioned_names(verdict.body)
    if not typed and not post.mentions:
        return
    by_key = {pseudonym_key(name): name for name in typed}
    members = User.objects.filter(
        pseudonym_key__in=by_key, memberships__group=group, is_active=True
    ).exclude(pk=post.author_id)
    known = set(post.mentions)
    post.mentions = sorted(by_key[user.pseudonym_key] for user in members)
    Post.objects.filter(pk=post.pk).update(mentions=post.mentions)
    url = links.post_url(post)
    for user in members:
        if not quiet and user.pk not in skip and by_key[user.pseudonym_key] not in known:
            notify(recipient=user, kind="mention", url=url, actor=post.author, group=group)


@transaction.atomic
def edit_post(*, editor: User, post: Post, body: str, confirm_personal_data: bool = False) -> Post:
    """Change one's own post within the edit window; the earlier text is kept for moderators.

    The new text is screened again: a held post whose edit passes is published; one a
    moderator hid or removed keeps that state.
    """
    check_own(editor, post)
    if post.is_deleted:
        message = pgettext_lazy("message error", "This message was removed.")
        raise ValidationError({"body": ValidationError(message, code="deleted")})
    if not still_editable(post):
        message = pgettext_lazy("message error", "The time to edit this message has passed.")
        raise ValidationError({"body": ValidationError(message, code="edit_window")})
    verdict = prepare_message(
        author=editor,
        body=body,
        group=post.thread.group,
        confirm_personal_data=confirm_personal_data,
        rate_limited=False,
    )
    if verdict.body == post.body:
        return post
    now = timezone.now()
    PostRevision.objects.create(post=post, body=post.body, screening=post.screening, edited_at=now)
    post.body, post.screening, post.edited_at = verdict.body, verdict.record, now
    stored = verdict.stored
    if post.state in (ContentState.HIDDEN, ContentState.REMOVED):
        del stored["state"]  # a moderator's decision: only a moderator changes it
    for name, value in stored.items():
        setattr(post, name, value)
    post.save(update_fields=["body", "screening", "edited_at", *stored])
    after_store(verdict, author=editor, post=post)
    recount_replies(post.thread_id)  # an edit may be held where the first version was not
    _mention(post, post.thread.group, verdict, skip=set(), quiet=_unseen(post))
    post_changed(post)  # resources: search (and an opening post's suggestions)
    return post


@transaction.atomic
def delete_post(*, user: User, post: Post) -> Post:
    """Remove one's own message: its text goes (a copy is kept for moderators), its place stays."""
    check_own(user, post)
    if post.is_deleted:
        return post
    now = timezone.now()
    PostRevision.objects.create(post=post, body=post.body, screening=post.screening, edited_at=now)
    post.body, post.mentions, post.deleted_at = "", [], now
    post.warning, post.warning_text = "", ""
    post.save(update_fields=["body", "mentions", "deleted_at", "warning", "warning_text"])
    post.reactions.all().delete()
    post_changed(post)  # resources: search (and an opening post's suggestions)
    return post


def check_own(user: User, post: Post) -> None:
    """Members edit and delete only their own messages."""
    if post.author_id != user.pk:
        raise PermissionDenied


def _mark(user: User, thread: Thread, post_id: int) -> None:
    mark_read(user=user, thread=thread, up_to=post_id)


def mark_read(*, user: User, thread: Thread, up_to: int) -> None:
    """Move the member's read marker forward to post `up_to` (never backwards)."""
    updated = ThreadRead.objects.filter(
        user=user, thread=thread, last_read_post_id__lt=up_to
    ).update(last_read_post_id=up_to)
    if not updated:  # no marker yet, or already further on: the insert is then a no-op
        marker = ThreadRead(user=user, thread=thread, last_read_post_id=up_to)
        ThreadRead.objects.bulk_create([marker], ignore_conflicts=True)


@transaction.atomic
def remove_posts_of(*, user: User) -> None:
    """Delete a member's threads and posts, and recount the threads they replied in.

    Account deletion calls this before deleting the user, so reply counts stay true.
    """
    touched = list(
        Thread.objects.filter(posts__author=user).exclude(author=user).values_list("pk", flat=True)
    )
    Thread.objects.filter(author=user).delete()
    Post.objects.filter(author=user).delete()
    for thread_id in touched:
        recount_replies(thread_id)


def recount_replies(thread_id: int) -> None:
    """Set a thread's reply count to the replies every reader sees (SEEN_BY_ALL, deleted ones
    keep their place): counting a held or hidden reply would tell others it exists. Called
    after replying, editing, deleting accounts and every moderation decision on a post."""
    with transaction.atomic():
        # The row lock orders concurrent recounts: each counts after the one before committed.
        Thread.objects.select_for_update().filter(pk=thread_id).values_list("pk").first()
        seen = Post.objects.filter(thread_id=thread_id, is_opening=False, state__in=SEEN_BY_ALL)
        Thread.objects.filter(pk=thread_id).update(reply_count=seen.count())
