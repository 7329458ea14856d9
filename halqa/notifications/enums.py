"""What a notification is about; the text shown is built from the kind when it is read."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    REPLY = "reply", pgettext_lazy("notification kind", "Replies to my threads")
    MENTION = "mention", pgettext_lazy("notification kind", "Mentions of my pseudonym")
    REACTION = "reaction", pgettext_lazy("notification kind", "Reactions to my messages")
    JOIN_REQUEST = (
        "join_request",
        pgettext_lazy("notification kind", "Requests to join a group I facilitate"),
    )
    JOIN_APPROVED = (
        "join_approved",
        pgettext_lazy("notification kind", "Approvals of my requests to join a group"),
    )
    SESSION_SOON = "session_soon", pgettext_lazy("notification kind", "Live sessions starting soon")
