from django.db import models
from django.utils.translation import pgettext_lazy


class ContentState(models.TextChoices):
    """Where a message stands with moderation; stored on every thread post and live message."""

    PUBLISHED = "published", pgettext_lazy("content state", "Published")
    HELD = "held", pgettext_lazy("content state", "Waiting for a moderator")
    HIDDEN = "hidden", pgettext_lazy("content state", "Hidden while a moderator looks at it")
    REMOVED = "removed", pgettext_lazy("content state", "Removed by a moderator")


class CaseKind(models.TextChoices):
    CRISIS = "crisis", pgettext_lazy("case kind", "Crisis")
    DANGER = "danger", pgettext_lazy("case kind", "Someone may be in danger")
    HELD = "held", pgettext_lazy("case kind", "Held for review")
    ABUSE = "abuse", pgettext_lazy("case kind", "Abuse")
    APPEAL = "appeal", pgettext_lazy("case kind", "Appeal")
    FLAG = "flag", pgettext_lazy("case kind", "Flagged")
    # A question or answer in "ask an expert" that the publish policy held or queued.
    EXPERT = "expert", pgettext_lazy("case kind", "Ask an expert")


# Higher is more urgent: crisis > danger flags > held content > ordinary flags.
DEFAULT_URGENCY = {
    CaseKind.CRISIS: 100,
    CaseKind.DANGER: 80,
    CaseKind.HELD: 50,
    CaseKind.EXPERT: 50,
    CaseKind.ABUSE: 45,
    CaseKind.APPEAL: 30,
    CaseKind.FLAG: 20,
}
# Cases at or above this urgency are "urgent" (timers, dashboard response times, push sound).
URGENT = 80


class CaseState(models.TextChoices):
    OPEN = "open", pgettext_lazy("case state", "Open")
    CLAIMED = "claimed", pgettext_lazy("case state", "Claimed")
    RESOLVED = "resolved", pgettext_lazy("case state", "Resolved")


class FlagReason(models.TextChoices):
    ABUSE = "abuse", pgettext_lazy("flag reason", "Abuse")
    HARASSMENT = "harassment", pgettext_lazy("flag reason", "Harassment")
    SPAM = "spam", pgettext_lazy("flag reason", "Spam")
    PERSONAL_DATA = "personal_data", pgettext_lazy("flag reason", "Personal data")
    DANGER = "danger", pgettext_lazy("flag reason", "Someone is in danger")
    OTHER = "other", pgettext_lazy("flag reason", "Something else")


class Action(models.TextChoices):
    """What a moderator did; each is one audit entry."""

    CLAIM = "claim", pgettext_lazy("moderation action", "Claimed")
    RELEASE = "release", pgettext_lazy("moderation action", "Released")
    HANDOVER = "handover", pgettext_lazy("moderation action", "Handed over")
    APPROVE = "approve", pgettext_lazy("moderation action", "Approved")
    REDACT = "redact", pgettext_lazy("moderation action", "Edited and redacted")
    HIDE = "hide", pgettext_lazy("moderation action", "Hidden")
    REMOVE = "remove", pgettext_lazy("moderation action", "Removed")
    CLEAR_METHOD = "clear_method", pgettext_lazy("moderation action", "Reviewed method content")
    FEEDBACK = "feedback", pgettext_lazy("moderation action", "Private feedback")
    WARN = "warn", pgettext_lazy("moderation action", "Warned")
    MUTE = "mute", pgettext_lazy("moderation action", "Muted")
    SUSPEND = "suspend", pgettext_lazy("moderation action", "Suspended")
    BAN = "ban", pgettext_lazy("moderation action", "Banned")
    DISMISS = "dismiss", pgettext_lazy("moderation action", "Flag dismissed")
    RESOLVE = "resolve", pgettext_lazy("moderation action", "Resolved")
    AUTO_HIDE = "auto_hide", pgettext_lazy("moderation action", "Hidden automatically")
    APPEAL_UPHELD = "appeal_upheld", pgettext_lazy("moderation action", "Appeal: decision kept")
    APPEAL_GRANTED = (
        "appeal_granted",
        pgettext_lazy("moderation action", "Appeal: decision reversed"),
    )
    DEBRIEF = "debrief", pgettext_lazy("moderation action", "Asked for a debrief")


class SanctionKind(models.TextChoices):
    """The graduated ladder, mildest first."""

    FEEDBACK = "feedback", pgettext_lazy("sanction", "Private feedback")
    WARNING = "warning", pgettext_lazy("sanction", "Warning")
    MUTE = "mute", pgettext_lazy("sanction", "Timed mute")
    SUSPENSION = "suspension", pgettext_lazy("sanction", "Suspension")
    BAN = "ban", pgettext_lazy("sanction", "Ban")


LADDER = (
    SanctionKind.FEEDBACK,
    SanctionKind.WARNING,
    SanctionKind.MUTE,
    SanctionKind.SUSPENSION,
    SanctionKind.BAN,
)


class AppealState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("appeal state", "Waiting for a moderator")
    UPHELD = "upheld", pgettext_lazy("appeal state", "Decision kept")
    GRANTED = "granted", pgettext_lazy("appeal state", "Decision reversed")
