"""Addresses of threads and posts, for pages and notifications alike."""

from __future__ import annotations

from django.urls import reverse

from halqa.conversations.models import Post, Thread


def thread_url(thread: Thread) -> str:
    return reverse("groups:conversations:thread", args=(thread.group.slug, thread.pk))


def post_url(post: Post) -> str:
    """A stable address that finds the post's page (see views.go_to_post)."""
    thread = post.thread
    return reverse("groups:conversations:post", args=(thread.group.slug, thread.pk, post.pk))
