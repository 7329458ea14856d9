"""Every write to threads and posts goes through here.

Callers pass a group or thread they got from an access_* lookup. Posting by members waits for
the moderation layer: every message must be screened before publication (DESIGN §3), so for
now only trusted code (demo data, imports) calls these.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from halqa.accounts.models import User
from halqa.conversations.models import Post, Thread
from halqa.groups.models import Group


@transaction.atomic
def start_thread(
    *, author: User, group: Group, title: str, body: str, at: datetime | None = None
) -> Thread:
    """Open a thread with its opening post. `at` backdates it (imports, demo data)."""
    when = at or timezone.now()
    thread = Thread.objects.create(
        group=group, author=author, title=title, created_at=when, last_activity_at=when
    )
    Post.objects.create(thread=thread, author=author, body=body, created_at=when, is_opening=True)
    return thread


@transaction.atomic
def reply(*, author: User, thread: Thread, body: str, at: datetime | None = None) -> Post:
    """Add a reply and keep the thread's reply count and last activity current."""
    when = at or timezone.now()
    post = Post.objects.create(thread=thread, author=author, body=body, created_at=when)
    Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
    Thread.objects.filter(pk=thread.pk, last_activity_at__lt=when).update(last_activity_at=when)
    thread.refresh_from_db(fields=["reply_count", "last_activity_at"])
    return post


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
    replies = Count("posts", filter=Q(posts__is_opening=False))
    for thread in Thread.objects.filter(pk__in=touched).annotate(replies=replies):
        Thread.objects.filter(pk=thread.pk).update(reply_count=thread.replies)
