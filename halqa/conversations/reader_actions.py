"""Writes a reader makes: reactions, muted words and muted topics.

Callers pass a post they got from access_post(..., for_writing=True). A reaction tells the
post's author at most once a day per reactor, and never says what was written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.conversations import links
from halqa.conversations.enums import MUTABLE_TOPICS, ReactionKind
from halqa.conversations.models import MutedTopic, MutedWord, Post, Reaction, ReactionNotice
from halqa.conversations.publish import clean_body
from halqa.notifications.actions import notify
from halqa.screening.normalise import fold

MUTED_WORD_LENGTH = 40
MUTED_WORDS_LIMIT = 200


@transaction.atomic
def add_reaction(*, user: User, post: Post, kind: str, public: bool = False) -> Reaction:
    """React to a post (again: only `public` changes). Its author hears of it once a day."""
    if kind not in ReactionKind.values:
        message = pgettext_lazy("message error", "Please choose one of the reactions.")
        raise ValidationError({"kind": ValidationError(message, code="invalid")})
    if post.is_deleted:
        message = pgettext_lazy("message error", "This message was removed.")
        raise ValidationError({"kind": ValidationError(message, code="deleted")})
    reaction, created = Reaction.objects.update_or_create(
        post=post, user=user, kind=kind, defaults={"public": public}
    )
    if created and post.author_id != user.pk:
        _tell_reaction(post, user)
    return reaction


def _tell_reaction(post: Post, reactor: User) -> None:
    today = timezone.localdate()
    _, first = ReactionNotice.objects.get_or_create(post=post, reactor=reactor, day=today)
    if first:
        url = links.post_url(post)
        notify(
            recipient=post.author, kind="reaction", url=url, actor=reactor, group=post.thread.group
        )


@transaction.atomic
def remove_reaction(*, user: User, post: Post, kind: str) -> None:
    Reaction.objects.filter(post=post, user=user, kind=kind).delete()


@transaction.atomic
def toggle_reaction(*, user: User, post: Post, kind: str, public: bool = False) -> bool:
    """Add the reaction, or take it back if it is there; True when it is there afterwards."""
    if Reaction.objects.filter(post=post, user=user, kind=kind).exists():
        remove_reaction(user=user, post=post, kind=kind)
        return False
    add_reaction(user=user, post=post, kind=kind, public=public)
    return True


@transaction.atomic
def mute_word(*, user: User, word: str) -> MutedWord:
    """Collapse messages with `word` for this member; muting a word twice keeps one."""
    word = " ".join(clean_body(word, field="word").split())
    folded = fold(word)
    if len(word) > MUTED_WORD_LENGTH or not folded:
        message = pgettext_lazy(
            "message error", "Please keep a muted word under %(limit)d characters."
        )
        error = ValidationError(message, code="too_long", params={"limit": MUTED_WORD_LENGTH})
        raise ValidationError({"word": error})
    existing = MutedWord.objects.filter(user=user, folded=folded).first()
    if existing is not None:
        return existing
    if MutedWord.objects.filter(user=user).count() >= MUTED_WORDS_LIMIT:
        message = pgettext_lazy("message error", "You can mute up to %(limit)d words.")
        error = ValidationError(message, code="too_many", params={"limit": MUTED_WORDS_LIMIT})
        raise ValidationError({"word": error})
    return MutedWord.objects.create(user=user, word=word, folded=folded)


@transaction.atomic
def unmute_word(*, user: User, word_id: int) -> None:
    MutedWord.objects.filter(user=user, pk=word_id).delete()


def _known_topic(topic: object) -> str:
    if topic not in MUTABLE_TOPICS:
        message = pgettext_lazy("message error", "Please choose one of the topics.")
        raise ValidationError({"topic": ValidationError(message, code="invalid")})
    return str(topic)


@transaction.atomic
def mute_topic(*, user: User, topic: str) -> MutedTopic:
    """Collapse messages about `topic` (a content warning, not "other") for this member."""
    muted, _ = MutedTopic.objects.get_or_create(user=user, topic=_known_topic(topic))
    return muted


@transaction.atomic
def unmute_topic(*, user: User, topic: str) -> None:
    MutedTopic.objects.filter(user=user, topic=_known_topic(topic)).delete()


@transaction.atomic
def set_muted_topics(*, user: User, topics: list[str]) -> list[str]:
    """Mute exactly these topics (all checked before any is changed); returns them in order."""
    wanted = {_known_topic(topic) for topic in topics}
    MutedTopic.objects.filter(user=user).exclude(topic__in=wanted).delete()
    muted = [MutedTopic(user=user, topic=topic) for topic in sorted(wanted)]
    MutedTopic.objects.bulk_create(muted, ignore_conflicts=True)
    return [str(topic) for topic in MUTABLE_TOPICS if topic in wanted]
