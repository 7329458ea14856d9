"""How each post of a page shows to one reader: rendered, collapsed, with reactions."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from halqa.conversations.actions import still_editable
from halqa.conversations.enums import CRISIS_TOPICS, ContentWarning
from halqa.conversations.markdown import render
from halqa.conversations.models import MutedWord, Post, Thread
from halqa.conversations.muting import muted_in
from halqa.conversations.queries import ReactionSummary, muted_topics_of, muted_words_of
from halqa.conversations.visibility import (
    Seen,
    View,
    author_note,
    removed_notice,
    rules_of,
    view_of,
)

if TYPE_CHECKING:
    from halqa.live.models import LiveMessage

EXCERPT_LENGTH = 140


@dataclass
class ShownPost:
    post: Post
    html: SafeString
    muted: MutedWord | None = None
    # About a topic the reader muted: by its author's warning, or by what screening found. Pages
    # and the API never say which (a placeholder must not disclose screening results).
    topic_folded: bool = False
    muted_topic: str = ""  # the author's own warning when the reader muted it (public), or ""
    reactions: list[ReactionSummary] = field(default_factory=list)
    unread: bool = False
    first_unread: bool = False
    mine: bool = False
    editable: bool = False
    quote_excerpt: str = ""
    quote_hidden: bool = False  # the quoted post is collapsed for this reader
    quote_gone: bool = False  # the quoted post is removed or not visible to this reader
    body: str = ""  # the Markdown this reader may see (masked, a placeholder, or "")
    seen: Seen = Seen.FULL  # what moderation lets this reader see (conversations.visibility)
    note: str = ""  # to the author: the state of their message (held, masked, ...)
    rules: list[str] = field(default_factory=list)  # to the author: the rules behind it
    notice: str = ""  # to others: why a moderator removed it

    @property
    def folded(self) -> bool:
        """Folded away by the reader's own choices (muted words or topics)."""
        return bool(self.muted or self.topic_folded)

    @property
    def collapsed(self) -> bool:
        return self.folded or bool(self.post.warning_label)


def shown_posts(
    posts: list[Post],
    user: Any,
    muted_words: list[MutedWord],
    reactions: dict[int, list[ReactionSummary]],
    read_up_to: int,
    muted_topics: frozenset[str] = frozenset(),
    *,
    moderator: bool = False,
) -> list[ShownPost]:
    """The page's posts for `user`; posts after `read_up_to` by others are unread.

    `moderator`: the reader moderates the group and sees every post in full.
    """
    me = user.pk if getattr(user, "is_authenticated", False) else None
    shown: list[ShownPost] = []
    found_first = False
    for post in posts:
        item = _shown(post, me, muted_words, reactions.get(post.pk, []), moderator)
        if item.seen == Seen.NOTHING:
            continue  # never reached through the queries; a second lock on the door
        if not item.mine and not post.is_deleted:
            item.topic_folded = is_about(topics_of(post), muted_topics)
            item.muted_topic = post.warning_label if post.warning in muted_topics else ""
        if item.quote_excerpt and _quote_about(post, me, muted_topics):
            item.quote_hidden, item.quote_excerpt = True, ""
        item.unread = me is not None and post.pk > read_up_to and post.author_id != me
        item.first_unread = item.unread and not found_first
        found_first = found_first or item.unread
        shown.append(item)
    return shown


def _shown(
    post: Post,
    me: int | None,
    muted_words: list[MutedWord],
    reactions: list[ReactionSummary],
    moderator: bool = False,
) -> ShownPost:
    mine = post.author_id == me
    deleted = post.is_deleted
    view = view_of(post, viewer_id=me, moderator=moderator)
    shows_text = not deleted and view.seen in (Seen.FULL, Seen.MASKED)
    item = ShownPost(
        post=post,
        html=render(view.body, mentions=_mentions(post)) if shows_text else SafeString(""),
        reactions=reactions,
        mine=mine,
        editable=mine and still_editable(post),
        seen=view.seen,
        body="" if deleted else view.body,
    )
    if view.seen == Seen.PLACEHOLDER:
        item.html = render(view.body)
    if mine and not deleted:
        item.note, item.rules = author_note(post), rules_of(post)
    if view.seen == Seen.REMOVED or (post.state == "removed" and (mine or moderator)):
        item.notice = removed_notice(post)
    if shows_text and not mine:
        item.muted = _muted(view.body, muted_words)
    quoted = post.quote_of
    if quoted is not None and not quoted.is_deleted:
        quoted_view = view_of(quoted, viewer_id=me, moderator=moderator)
        if quoted_view.seen in (Seen.NOTHING, Seen.REMOVED):
            item.quote_gone = True
            return item
        hidden = bool(quoted.warning) or (
            quoted.author_id != me and _muted(quoted_view.body, muted_words) is not None
        )
        item.quote_hidden = hidden
        item.quote_excerpt = "" if hidden else _excerpt(quoted_view.body)
    return item


def screened_topics(message: Post | LiveMessage) -> list[str]:
    """The topics screening found a message about: suicide and self-harm, for ideation or a
    plan. Only ever used to fold a message for a reader who muted them, never shown."""
    return list(CRISIS_TOPICS) if message.needs_crisis_help else []


def topics_of(post: Post) -> list[str]:
    """What a post is about: its author's warning, then what its screening found."""
    topics = [post.warning] if post.warning and post.warning != ContentWarning.OTHER else []
    return topics + [topic for topic in screened_topics(post) if topic not in topics]


def is_about(topics: list[str], muted_topics: frozenset[str]) -> bool:
    return bool(muted_topics) and any(topic in muted_topics for topic in topics)


@dataclass(frozen=True)
class ReaderChoices:
    """What a reader muted, read once per request (two queries; none for visitors)."""

    words: list[MutedWord]
    topics: frozenset[str]

    @staticmethod
    def of(user: Any) -> ReaderChoices:
        return ReaderChoices(muted_words_of(user), muted_topics_of(user))

    def __bool__(self) -> bool:
        return bool(self.words or self.topics)


def folds_live_message(message: LiveMessage, view: View, choices: ReaderChoices) -> bool:
    """The live message, as this reader sees it (`view`), holds a word they muted or is about
    a topic they muted. Never their own, and never a moderation placeholder or notice."""
    if view.mine or view.seen not in (Seen.FULL, Seen.MASKED) or not choices:
        return False
    if is_about(screened_topics(message), choices.topics):
        return True
    return _muted(view.body, choices.words) is not None


def _quote_about(post: Post, me: int | None, muted_topics: frozenset[str]) -> bool:
    quoted = post.quote_of
    if quoted is None or quoted.is_deleted or quoted.author_id == me:
        return False
    return is_about(topics_of(quoted), muted_topics)


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
