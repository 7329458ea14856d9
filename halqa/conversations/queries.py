"""Permission-checked lookups and paginated reads for threads and posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from halqa.conversations.enums import ReactionKind
from halqa.conversations.models import (
    MutedTopic,
    MutedWord,
    Post,
    Reaction,
    Thread,
    ThreadRead,
)
from halqa.conversations.visibility import is_moderator
from halqa.groups.models import Group
from halqa.groups.queries import access_group, can_read
from halqa.moderation.enums import ContentState

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 20
# What every reader of the group may see; held and hidden posts only their author and moderators.
SEEN_BY_ALL = (ContentState.PUBLISHED, ContentState.REMOVED)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def readable_posts(posts: QuerySet[Post], user: Any, group: Group) -> QuerySet[Post]:
    """`posts` narrowed to those `user` may see: all for the group's moderators."""
    if is_moderator(user, group):
        return posts
    seen = Q(state__in=SEEN_BY_ALL)
    if _signed_in(user):
        seen |= Q(author=user)
    return posts.filter(seen)


def _hidden_opening() -> Exists:
    return Exists(
        Post.objects.filter(thread=OuterRef("pk"), is_opening=True).exclude(state__in=SEEN_BY_ALL)
    )


def access_thread(
    user: Any, group_slug: str, thread_id: int, *, for_writing: bool = False
) -> Thread:
    """The thread, if the user may read its group; Http404 otherwise (never reveal it exists).

    With `for_writing`, the user must also be a member who may post (PermissionDenied).
    """
    group = access_group(user, group_slug, for_writing=for_writing)
    if not can_read(user, group):
        raise Http404
    thread = Thread.objects.select_related("author").filter(pk=thread_id, group=group).first()
    if thread is None or not _thread_readable(user, thread, group):
        raise Http404
    thread.group = group  # keep the annotated group (member count, is_member)
    return thread


def _thread_readable(user: Any, thread: Thread, group: Group) -> bool:
    """A thread whose opening post is held or hidden exists only for its author and moderators."""
    if _signed_in(user) and thread.author_id == user.pk:
        return True
    hidden = Post.objects.filter(thread=thread, is_opening=True).exclude(state__in=SEEN_BY_ALL)
    return not hidden.exists() or is_moderator(user, group)


def access_post(
    user: Any, group_slug: str, thread_id: int, post_id: int, *, for_writing: bool = False
) -> Post:
    """A post of a thread the user may read (and write in, with `for_writing`)."""
    thread = access_thread(user, group_slug, thread_id, for_writing=for_writing)
    posts = Post.objects.select_related("author").filter(pk=post_id, thread=thread)
    post = readable_posts(posts, user, thread.group).first()
    if post is None:
        raise Http404
    post.thread = thread
    return post


def _unread_counts(user: Any) -> dict[str, Any]:
    marker = ThreadRead.objects.filter(user=user, thread=OuterRef("pk"))
    last_read = Subquery(marker.values("last_read_post_id")[:1], output_field=IntegerField())
    unread = (
        Post.objects.filter(thread=OuterRef("pk"), pk__gt=OuterRef("last_read"))
        .filter(state__in=SEEN_BY_ALL)
        .exclude(author=user)
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "last_read": Coalesce(last_read, Value(-1)),
        "unread": Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
    }


def threads_in(group: Group, page: Any = 1, user: Any = None) -> Page[Thread]:
    """One page of the group's threads, most recently active first, with their authors.

    For a signed-in `user`, each thread has `last_read` (-1: never opened) and `unread`
    (posts by others after the marker). Bad page numbers give the first or last page.
    """
    threads: QuerySet[Thread] = Thread.objects.filter(group=group).select_related("author")
    if not is_moderator(user, group):
        mine = Q(author=user) if _signed_in(user) else Q(pk__in=[])
        threads = threads.annotate(hidden_opening=_hidden_opening()).filter(
            Q(hidden_opening=False) | mine
        )
    if getattr(user, "is_authenticated", False):
        threads = threads.annotate(**_unread_counts(user))
    return Paginator(threads.order_by("-last_activity_at", "-id"), THREADS_PER_PAGE).get_page(page)


def _thread_posts(thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "quote_of__author")
        .order_by("-is_opening", "created_at", "id")
    )


def posts_in(thread: Thread, page: Any = 1, user: Any = None) -> Page[Post]:
    """One page of the thread as `user` may see it: the opening post, then replies oldest first."""
    posts = readable_posts(_thread_posts(thread), user, thread.group)
    return Paginator(posts, POSTS_PER_PAGE).get_page(page)


def page_of(post: Post, user: Any = None) -> int:
    """The page of its thread that shows `post` to `user`."""
    if post.is_opening:
        return 1
    before = Post.objects.filter(thread_id=post.thread_id)
    before = readable_posts(before, user, post.thread.group).filter(
        Q(is_opening=True)
        | Q(created_at__lt=post.created_at)
        | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // POSTS_PER_PAGE + 1


def first_unread(user: Any, thread: Thread) -> Post | None:
    """The first post by someone else after the member's read marker, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    marker = ThreadRead.objects.filter(user=user, thread=thread).first()
    after = marker.last_read_post_id if marker else 0
    posts = _thread_posts(thread).filter(pk__gt=after).exclude(author=user)
    return readable_posts(posts, user, thread.group).first()


def read_marker(user: Any, thread: Thread) -> int | None:
    """The last post id the member read in the thread; None when never opened or signed out."""
    if not getattr(user, "is_authenticated", False):
        return None
    marker = ThreadRead.objects.filter(user=user, thread=thread).values_list(
        "last_read_post_id", flat=True
    )
    return next(iter(marker), None)


@dataclass
class ReactionSummary:
    kind: str
    label: str
    count: int = 0
    mine: bool = False
    mine_public: bool = False
    names: list[str] = field(default_factory=list)  # only reactors who chose to be shown
    others: list[str] = field(default_factory=list)  # the same, without the reader


def reactions_for(posts: list[Post], user: Any) -> dict[int, list[ReactionSummary]]:
    """For each post, every reaction kind with its total, whether `user` reacted, public names."""
    me = user.pk if getattr(user, "is_authenticated", False) else None
    summaries = {
        post.pk: {kind.value: ReactionSummary(kind.value, str(kind.label)) for kind in ReactionKind}
        for post in posts
    }
    rows = Reaction.objects.filter(post__in=[post.pk for post in posts]).values_list(
        "post_id", "kind", "user_id", "public", "user__pseudonym"
    )
    for post_id, kind, user_id, public, pseudonym in rows.order_by("created_at", "id"):
        summary = summaries[post_id].get(kind)
        if summary is None:
            continue
        summary.count += 1
        if user_id == me:
            summary.mine, summary.mine_public = True, public
        if public:
            summary.names.append(pseudonym)
            if user_id != me:
                summary.others.append(pseudonym)
    return {post_id: list(kinds.values()) for post_id, kinds in summaries.items()}


def muted_words_of(user: Any) -> list[MutedWord]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(MutedWord.objects.filter(user=user))


def muted_topics_of(user: Any) -> frozenset[str]:
    """The content-warning topics the reader muted (one query; none for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(MutedTopic.objects.filter(user=user).values_list("topic", flat=True))
