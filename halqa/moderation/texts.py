"""What the member reads about a moderator's decision: it explains, it never shames.

One template per step of the ladder and per content action, in Arabic and English. The
member's own words are never repeated; the rule is shown beside the text by the page.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import pgettext

from halqa.moderation.enums import Action
from halqa.moderation.models import AuditEntry, Sanction


def _until(sanction: Sanction | None) -> str:
    if sanction is None or sanction.ends_at is None:
        return ""
    return str(formats.date_format(sanction.ends_at, "DATETIME_FORMAT"))


def notice_text(entry: AuditEntry, sanction: Sanction | None = None) -> str:
    action = entry.action
    until = _until(sanction)
    if action == Action.REMOVE and entry.group_id is None:  # ask-an-expert: no group
        return pgettext(
            "moderation notice",
            "A moderator removed one of your messages because it went against Halqa's rules. "
            "Other members no longer see it. This is about the message, not about you: you are "
            "welcome to keep taking part.",
        )
    if action == Action.REMOVE:
        return pgettext(
            "moderation notice",
            "A moderator removed one of your messages because it went against a rule of the "
            "group. Other members now see a short note in its place. This is about the message, "
            "not about you: you are welcome to keep taking part.",
        )
    if action == Action.HIDE:
        return pgettext(
            "moderation notice",
            "A moderator has hidden one of your messages from other members while it is looked "
            "at. You can still see it. Nothing else has changed for you.",
        )
    if action == Action.AUTO_HIDE:
        return pgettext(
            "moderation notice",
            "Several members reported one of your messages while no moderator was on duty, so "
            "it is hidden until a moderator looks at it. This is automatic and is not a "
            "judgement; you can still see it.",
        )
    if action == Action.REDACT:
        return pgettext(
            "moderation notice",
            "A moderator edited one of your messages, for example to take out details that "
            "could put someone at risk or share personal data. The rest of your message is as "
            "you wrote it.",
        )
    if action == Action.APPROVE:
        return pgettext(
            "moderation notice",
            "A moderator looked at your message and published it. Thank you for your patience.",
        )
    if action == Action.FEEDBACK:
        return pgettext(
            "moderation notice",
            "A moderator would like to share some feedback with you about one of your "
            "messages. This is only a note between you and the moderators, to help the group "
            "stay a safe place for everyone. Nothing is held against you.",
        )
    if action == Action.WARN:
        return pgettext(
            "moderation notice",
            "A moderator is letting you know that something you wrote went against a rule of "
            "the group. This is a warning, not a penalty: you can keep taking part as before. "
            "If it happens again, the next step may be a short pause from posting.",
        )
    if action == Action.MUTE:
        if entry.detail.get("site_wide"):
            return pgettext(
                "moderation notice",
                "You can read but not post anywhere on Halqa until %(until)s. This pause is "
                "for everyone, you included, to take a breath. You are welcome back afterwards.",
            ) % {"until": until}
        return pgettext(
            "moderation notice",
            "You can read but not post in this group until %(until)s. This pause is for "
            "everyone, you included, to take a breath. You are welcome back afterwards.",
        ) % {"until": until}
    if action == Action.SUSPEND:
        return pgettext(
            "moderation notice",
            "Your account is suspended until %(until)s: you can sign in and read, but not "
            "post. This follows earlier steps that did not resolve the problem. You are "
            "welcome back afterwards.",
        ) % {"until": until}
    if action == Action.BAN:
        return pgettext(
            "moderation notice",
            "A moderator decided that your account can no longer post on Halqa. This was a "
            "person's decision, not an automatic one. You can still read, export or delete "
            "your data, and appeal once.",
        )
    return pgettext("moderation notice", "A moderator made a decision about your account.")
