"""The sentence and link a notification shows, built when it is read, in the reader's language.

It names only who (a pseudonym) and where (a group), never what was written. With
`hide_names` it names neither, in the sentence or the link: a shared phone shows nothing personal.
"""

from __future__ import annotations

from django.urls import reverse
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
    Kind.REPORT_OUTCOME: pgettext_lazy(
        "notification", "Moderators have looked at something you reported"
    ),
    Kind.MODERATION: pgettext_lazy(
        "notification", "A moderator made a decision about your account"
    ),
    Kind.APPEAL_OUTCOME: pgettext_lazy("notification", "Your appeal has been decided"),
    Kind.CASE_HANDOVER: pgettext_lazy("notification", "%(actor)s handed a case over to you"),
    Kind.DEBRIEF: pgettext_lazy("notification", "%(actor)s would like a debrief"),
    Kind.CASE_URGENT: pgettext_lazy("notification", "An urgent case is waiting in the queue"),
    Kind.CASE_ESCALATED: pgettext_lazy(
        "notification", "An urgent case has had no answer yet: please look now"
    ),
    Kind.SUPPORT_MESSAGE: pgettext_lazy("notification", "A moderator sent you a private message"),
    Kind.EXPERT_DECISION: pgettext_lazy("notification", "Your expert application was decided"),
    Kind.EXPERT_QUESTION: pgettext_lazy(
        "notification", "A new question in your specialties is waiting for an expert"
    ),
    Kind.EXPERT_ANSWER: pgettext_lazy("notification", "An expert answered your question"),
    Kind.GOAL_REMINDER: pgettext_lazy("notification", "A gentle reminder about one of your goals"),
    Kind.PARTNER_INVITE: pgettext_lazy(
        "notification", "%(actor)s invited you to be accountability partners"
    ),
    Kind.PARTNER_UPDATE: pgettext_lazy(
        "notification", "There is a change in one of your accountability partnerships"
    ),
    Kind.PARTNER_CHEER: pgettext_lazy("notification", "%(actor)s sent you some encouragement"),
    Kind.PARTNER_NUDGE: pgettext_lazy(
        "notification", "Your partner might appreciate a kind word today"
    ),
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


def link_of(notification: Notification, *, hide_names: bool) -> str:
    """Where the notification leads. With `hide_names`, a link by its id alone: the target's
    path would name the group (/groups/<slug>/…), so it is resolved after login instead."""
    if hide_names:
        return reverse("notifications:follow", args=[notification.pk])
    return notification.url
