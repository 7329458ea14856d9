"""Choices for groups: what a group is about, who may see it and how people join."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    ANXIETY = "anxiety", pgettext_lazy("group topic", "Anxiety")
    DEPRESSION = "depression", pgettext_lazy("group topic", "Depression")
    GRIEF = "grief", pgettext_lazy("group topic", "Grief and loss")
    ADDICTION_RECOVERY = "addiction_recovery", pgettext_lazy("group topic", "Addiction recovery")
    CAREGIVERS = "caregivers", pgettext_lazy("group topic", "Caregivers")
    TRAUMA = "trauma", pgettext_lazy("group topic", "Trauma")
    LONELINESS = "loneliness", pgettext_lazy("group topic", "Loneliness")
    RELATIONSHIPS = "relationships", pgettext_lazy("group topic", "Relationships")
    GENERAL = "general", pgettext_lazy("group topic", "General support")


class GroupLanguage(models.TextChoices):
    ARABIC = "ar", pgettext_lazy("group language", "Arabic")
    ENGLISH = "en", pgettext_lazy("group language", "English")
    BOTH = "both", pgettext_lazy("group language", "Arabic and English")


class Visibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("group visibility", "Public")
    PRIVATE = "private", pgettext_lazy("group visibility", "Private")
    HIDDEN = "hidden", pgettext_lazy("group visibility", "Hidden")


class JoinPolicy(models.TextChoices):
    OPEN = "open", pgettext_lazy("join policy", "Open")
    REQUEST = "request", pgettext_lazy("join policy", "By request")
    INVITE = "invite", pgettext_lazy("join policy", "By invitation")


class GroupRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("group role", "Member")
    FACILITATOR = "facilitator", pgettext_lazy("group role", "Facilitator")
    MODERATOR = "moderator", pgettext_lazy("group role", "Moderator")


# One sentence each, shown on cards and group pages so nobody has to guess what they see.
VISIBILITY_SENTENCES = {
    Visibility.PUBLIC: pgettext_lazy(
        "group visibility sentence", "Anyone can read the conversations."
    ),
    Visibility.PRIVATE: pgettext_lazy(
        "group visibility sentence", "Only members can read the conversations."
    ),
    Visibility.HIDDEN: pgettext_lazy(
        "group visibility sentence", "Only members can see this group."
    ),
}

JOIN_POLICY_SENTENCES = {
    JoinPolicy.OPEN: pgettext_lazy("join policy sentence", "Anyone can join."),
    JoinPolicy.REQUEST: pgettext_lazy(
        "join policy sentence", "Joining is by request to the facilitators."
    ),
    JoinPolicy.INVITE: pgettext_lazy("join policy sentence", "Joining is by invitation."),
}


class RequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("join request status", "Waiting")
    DECLINED = "declined", pgettext_lazy("join request status", "Declined")


class MembershipChange(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("membership change", "Request approved")
    DECLINED = "declined", pgettext_lazy("membership change", "Request declined")
    ROLE_CHANGED = "role_changed", pgettext_lazy("membership change", "Role changed")
    REMOVED = "removed", pgettext_lazy("membership change", "Removed from the group")
