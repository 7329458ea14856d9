"""The sentence a notification shows, built when it is read, in the reader's language.

It names only who (a pseudonym) and where (a group), never what was written. With
`hide_names` it names neither: a shared phone's screen then shows nothing personal.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from halqa.notifications.enums import Kind
from halqa.notifications.models import Notification

SENTENCES: dict[str, Promise] = {
    Kind.REPLY: pgettext_lazy("notification", "%(actor)s replied to your thread in %(group)s"),
    Kind.MENTION: pgettext_lazy("notification", "%(actor)s mentioned you in %(group)s"),
    Kind.REACTION: pgettext_lazy("notification", "%(actor)s reacted to your message in %(group)s"),
    Kind.JOIN_REQUEST: pgettext_lazy("notification", "%(actor)s asked to join %(group)s"),
    Kind.JOIN_APPROVED: pgettext_lazy(
        "notification", "Your request to join %(group)s was approved"
    ),
    Kind.SESSION_SOON: pgettext_lazy("notification", "A live session in %(group)s starts soon"),
}


def _isolated(name: str) -> str:
    """A Latin pseudonym inside an Arabic sentence (or the reverse) keeps its own direction."""
    return f"\u2068{name}\u2069"


def generic() -> str:
    return pgettext("notification", "You have a new notification")


def describe(notification: Notification, *, hide_names: bool) -> str:
    """`notification` should come with actor and group selected (queries.notifications_for)."""
    if hide_names:
        return generic()
    actor = notification.actor
    group = notification.group
    return str(SENTENCES[notification.kind]) % {
        "actor": _isolated(actor.pseudonym) if actor else pgettext("notification", "A member"),
        "group": _isolated(group.name) if group else pgettext("notification", "a group"),
    }
