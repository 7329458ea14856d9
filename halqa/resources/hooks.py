"""What conversations and moderation actions call: keep the index and a thread's suggestions
current.

The work runs after the transaction commits; a failure here is logged (never the text) and
never undoes or fails the member's post.
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def thread_changed(thread_id: int) -> None:
    """A thread was started, or its opening post edited or deleted."""
    transaction.on_commit(lambda: _refresh(thread_id))


def _refresh(thread_id: int) -> None:
    from halqa.conversations.models import Thread
    from halqa.resources.indexing import refresh_thread
    from halqa.resources.models import SearchEntry

    try:
        thread = Thread.objects.select_related("group").filter(pk=thread_id).first()
        if thread is None:
            SearchEntry.objects.filter(thread_id=thread_id).delete()
            return
        refresh_thread(thread)
    except Exception:
        logger.exception("resources: could not refresh thread %s", thread_id)


def post_changed(post: object) -> None:
    """A post was written, edited, deleted or decided on by a moderator: an opening post feeds
    its thread's entry and suggestions, a reply its own entry."""
    if getattr(post, "is_opening", False):
        thread_changed(int(getattr(post, "thread_id")))  # noqa: B009
    else:
        post_id = int(getattr(post, "pk"))  # noqa: B009
        transaction.on_commit(lambda: _refresh_reply(post_id))


def _refresh_reply(post_id: int) -> None:
    from halqa.conversations.models import Post
    from halqa.resources.indexing import index_reply
    from halqa.resources.models import SearchEntry

    try:
        post = Post.objects.select_related("thread__group").filter(pk=post_id).first()
        if post is None:
            SearchEntry.objects.filter(post_id=post_id).delete()
            return
        index_reply(post)
    except Exception:
        logger.exception("resources: could not index reply %s", post_id)
