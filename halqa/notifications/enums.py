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
    # Moderation and safety (halqa.moderation, halqa.safety)
    REPORT_OUTCOME = (
        "report_outcome",
        pgettext_lazy("notification kind", "Outcomes of reports I made"),
    )
    MODERATION = "moderation", pgettext_lazy("notification kind", "Moderators' decisions about me")
    APPEAL_OUTCOME = "appeal_outcome", pgettext_lazy("notification kind", "Outcomes of my appeals")
    CASE_HANDOVER = "case_handover", pgettext_lazy("notification kind", "Cases handed over to me")
    DEBRIEF = "debrief", pgettext_lazy("notification kind", "Moderators asking for a debrief")
    CASE_URGENT = "case_urgent", pgettext_lazy("notification kind", "Urgent cases")
    CASE_ESCALATED = (
        "case_escalated",
        pgettext_lazy("notification kind", "Urgent cases no one has answered yet"),
    )
    SUPPORT_MESSAGE = (
        "support_message",
        pgettext_lazy("notification kind", "Private messages from moderators"),
    )
    # Experts (halqa.experts)
    EXPERT_DECISION = (
        "expert_decision",
        pgettext_lazy("notification kind", "Decisions on my expert application"),
    )
    EXPERT_QUESTION = (
        "expert_question",
        pgettext_lazy("notification kind", "New questions in my specialties"),
    )
    EXPERT_ANSWER = "expert_answer", pgettext_lazy("notification kind", "Answers to my questions")
    # Growth (halqa.growth)
    GOAL_REMINDER = "goal_reminder", pgettext_lazy("notification kind", "Reminders for my goals")
    PARTNER_INVITE = (
        "partner_invite",
        pgettext_lazy("notification kind", "Invitations to be accountability partners"),
    )
    PARTNER_UPDATE = (
        "partner_update",
        pgettext_lazy("notification kind", "Changes to my accountability partnerships"),
    )
    PARTNER_CHEER = (
        "partner_cheer",
        pgettext_lazy("notification kind", "Encouragement from my partners"),
    )
    PARTNER_NUDGE = (
        "partner_nudge",
        pgettext_lazy("notification kind", "Gentle nudges about a partner's check-ins"),
    )
