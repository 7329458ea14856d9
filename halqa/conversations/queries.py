"""Permission-checked lookups and paginated reads for threads and posts."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404

from halqa.conversations.models import Post, Thread
from halqa.groups.models import Group
from halqa.groups.queries import access_group, can_read

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 20


def access_thread(user: Any, group_slug: str, thread_id: int) -> Thread:
    """The thread, if the user may read its group; Http404 otherwise (never reveal it exists)."""
    group = access_group(user, group_slug)
    if not can_read(user, group):
        raise Http404
    thread = Thread.objects.select_related("author").filter(pk=thread_id, group=group).first()
    if thread is None:
        raise Http404
    thread.group = group  # keep the annotated group (member count, is_member)
    return thread


def threads_in(group: Group, page: Any = 1) -> Page[Thread]:
    """One page of the group's threads, most recently active first, with their authors.

    Bad page numbers give the first or last page, never an error.
    """
    threads = Thread.objects.filter(group=group).select_related("author")
    return Paginator(threads.order_by("-last_activity_at", "-id"), THREADS_PER_PAGE).get_page(page)


def posts_in(thread: Thread, page: Any = 1) -> Page[Post]:
    """One page of the thread: the opening post first, then replies oldest first."""
    posts = Post.objects.filter(thread=thread).select_related("author")
    return Paginator(posts.order_by("-is_opening", "created_at", "id"), POSTS_PER_PAGE).get_page(
        page
    )
