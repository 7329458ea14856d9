"""How each post of a page shows to one reader: rendered, collapsed, with reactions."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from halqa.conversations.actions import still_editable
from halqa.conversations.enums import CRISIS_TOPICS, ContentWarning
from halqa.conversations.markdown import render
from halqa.conversations.models import MutedWord, Post, Thread
from halqa.conversations.muting import muted_in
from halqa.conversations.queries import ReactionSummary

EXCERPT_LENGTH = 140


@dataclass
class ShownPost:
    post: Post
    html: SafeString
    muted: MutedWord | None = None
    muted_topic: str = ""  # the label of a topic the reader muted that the post is about
    reactions: list[ReactionSummary] = field(default_factory=list)
    unread: bool = False
    first_unread: bool = False
    mine: bool = False
    editable: bool = False
    quote_excerpt: str = ""
    quote_hidden: bool = False  # the quoted post is collapsed for this reader

    @property
    def collapsed(self) -> bool:
        return bool(self.muted or self.muted_topic or self.post.warning_label)


def shown_posts(
    posts: list[Post],
    user: Any,
    muted_words: list[MutedWord],
    reactions: dict[int, list[ReactionSummary]],
    read_up_to: int,
    muted_topics: frozenset[str] = frozenset(),
) -> list[ShownPost]:
    """The page's posts for `user`; posts after `read_up_to` by others are unread."""
    me = user.pk if getattr(user, "is_authenticated", False) else None
    shown: list[ShownPost] = []
    found_first = False
    for post in posts:
        item = _shown(post, me, muted_words, reactions.get(post.pk, []))
        if not item.mine and not post.is_deleted:
            item.muted_topic = muted_topic_label(post, muted_topics)
        if item.quote_excerpt and _quote_about(post, me, muted_topics):
            item.quote_hidden, item.quote_excerpt = True, ""
        item.unread = me is not None and post.pk > read_up_to and post.author_id != me
        item.first_unread = item.unread and not found_first
        found_first = found_first or item.unread
        shown.append(item)
    return shown


def _shown(
    post: Post, me: int | None, muted_words: list[MutedWord], reactions: list[ReactionSummary]
) -> ShownPost:
    mine = post.author_id == me
    deleted = post.is_deleted
    item = ShownPost(
        post=post,
        html=SafeString("") if deleted else render(post.body, mentions=_mentions(post)),
        reactions=reactions,
        mine=mine,
        editable=mine and still_editable(post),
    )
    if not deleted and not mine:
        item.muted = _muted(post.body, muted_words)
    quoted = post.quote_of
    if quoted is not None and not quoted.is_deleted:
        hidden = bool(quoted.warning) or (
            quoted.author_id != me and _muted(quoted.body, muted_words) is not None
        )
        item.quote_hidden = hidden
        item.quote_excerpt = "" if hidden else _excerpt(quoted.body)
    return item


def topics_of(post: Post) -> list[str]:
    """What a post is about: its author's warning, then what its screening found."""
    topics = [post.warning] if post.warning and post.warning != ContentWarning.OTHER else []
    if post.needs_crisis_help:
        topics += [topic for topic in CRISIS_TOPICS if topic not in topics]
    return topics


def muted_topic_label(post: Post, muted_topics: frozenset[str]) -> str:
    """The label of the first muted topic the post is about, or ""."""
    if not muted_topics:
        return ""
    found = next((topic for topic in topics_of(post) if topic in muted_topics), None)
    return str(ContentWarning(found).label) if found else ""


def _quote_about(post: Post, me: int | None, muted_topics: frozenset[str]) -> bool:
    quoted = post.quote_of
    if quoted is None or quoted.is_deleted or quoted.author_id == me:
        return False
    return bool(muted_topic_label(quoted, muted_topics))


def _mentions(post: Post) -> dict[str, str]:
    return dict.fromkeys(post.mentions, "")


def _muted(body: str, muted_words: list[MutedWord]) -> MutedWord | None:
    if not muted_words:
        return None
    found = muted_in(body, [word.folded for word in muted_words])
    return next((word for word in muted_words if word.folded == found), None)


def _excerpt(body: str) -> str:
    """The start of a message as plain text (its Markdown rendered, then tags dropped)."""
    text = " ".join(html.unescape(strip_tags(render(body))).split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def mark_muted_titles(threads: list[Thread], muted_words: list[MutedWord]) -> None:
    """Set `title_muted` on threads whose title holds a word the reader muted."""
    folded = [word.folded for word in muted_words]
    for thread in threads:
        thread.title_muted = bool(folded) and muted_in(thread.title, folded) is not None  # type: ignore[attr-defined]
