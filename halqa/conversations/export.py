"""The member's threads, posts (with earlier versions), reactions, muted words and topics."""

from __future__ import annotations

from typing import Any

from halqa.accounts.models import User
from halqa.conversations.models import MutedTopic, MutedWord, Post, Reaction


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _post(post: Post) -> dict[str, Any]:
    return {
        "id": post.pk,
        "group": post.thread.group.slug,
        "thread": post.thread.title,
        "opens_thread": post.is_opening,
        "body": post.body,
        "created_at": _when(post.created_at),
        "edited_at": _when(post.edited_at),
        "deleted_at": _when(post.deleted_at),
        "content_warning": post.warning_text or post.warning,
        # Held about the member, so theirs to see: what the screening found when it was posted.
        "screening": post.screening,
        "earlier_versions": [
            {"body": r.body, "replaced_at": _when(r.edited_at)} for r in post.revisions.all()
        ],
    }


def export_conversations(user: User) -> dict[str, Any]:
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread__group")
        .prefetch_related("revisions")
        .order_by("created_at", "pk")
    )
    reactions = Reaction.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "posts": [_post(post) for post in posts],
        "reactions": [
            {"post": r.post_id, "kind": r.kind, "name_shown": r.public, "at": _when(r.created_at)}
            for r in reactions
        ],
        "muted_words": list(
            MutedWord.objects.filter(user=user).order_by("pk").values_list("word", flat=True)
        ),
        "muted_topics": list(
            MutedTopic.objects.filter(user=user).order_by("topic").values_list("topic", flat=True)
        ),
    }
