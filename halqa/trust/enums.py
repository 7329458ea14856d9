"""Choices of the publish policy: outcomes, watched-word matching and actions, rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Outcome(models.TextChoices):
    PUBLISH = "publish", pgettext_lazy("policy outcome", "Published")
    PUBLISH_WITH_CARD = (
        "publish_with_card",
        pgettext_lazy("policy outcome", "Published, with crisis help for the author"),
    )
    CONFIRM_PERSONAL_DATA = (
        "confirm_personal_data",
        pgettext_lazy("policy outcome", "The author is asked about personal data"),
    )
    HOLD = "hold", pgettext_lazy("policy outcome", "Held for a moderator")


class Match(models.TextChoices):
    EXACT = "exact", pgettext_lazy("watched word match", "Whole word or phrase")
    PREFIX = "prefix", pgettext_lazy("watched word match", "Words starting with it")
    REGEX = "regex", pgettext_lazy("watched word match", "Regular expression")


class WordAction(models.TextChoices):
    HOLD = "hold", pgettext_lazy("watched word action", "Hold for a moderator")
    MASK = "mask", pgettext_lazy("watched word action", "Mask it for others")
    FLAG = "flag", pgettext_lazy("watched word action", "Publish and flag for a moderator")


class Rule(models.TextChoices):
    """Why an automatic decision was taken: named to the author, stored with the message."""

    ABUSE_HIGH = "abuse_high", pgettext_lazy("policy rule", "Be kind: the message may hurt someone")
    ABUSE_MEDIUM = "abuse_medium", pgettext_lazy("policy rule", "Be kind: a moderator will read it")
    LINKS_NEW_MEMBER = (
        "links_new_member",
        pgettext_lazy("policy rule", "Links from new members are checked first"),
    )
    WATCHED_WORD = (
        "watched_word",
        pgettext_lazy("policy rule", "A word this group's moderators asked to check"),
    )
    PERSONAL_DATA = (
        "personal_data",
        pgettext_lazy("policy rule", "Personal details are masked for others"),
    )
    CRISIS = "crisis", pgettext_lazy("policy rule", "Someone may need support: a moderator is told")
    CRISIS_POSSIBLE = (
        "crisis_possible",
        pgettext_lazy(
            "policy rule", "Someone may be going through a hard time: a moderator checks in"
        ),
    )
    METHOD = (
        "method",
        pgettext_lazy(
            "policy rule",
            "Details of ways to self-harm are hidden from others until a moderator looks",
        ),
    )
