"""Choices for reactions and content warnings."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ReactionKind(models.TextChoices):
    """A small, fixed, supportive set: no down-votes."""

    ME_TOO = "me_too", pgettext_lazy("reaction", "Me too")
    STRENGTH = "strength", pgettext_lazy("reaction", "Sending strength")
    THANKS = "thanks", pgettext_lazy("reaction", "Thank you")
    HUG = "hug", pgettext_lazy("reaction", "Hug")


class ContentWarning(models.TextChoices):
    """What a message talks about, chosen by its author; it collapses until a reader opens it."""

    SELF_HARM = "self_harm", pgettext_lazy("content warning", "Self-harm")
    SUICIDE = "suicide", pgettext_lazy("content warning", "Suicide")
    ABUSE = "abuse", pgettext_lazy("content warning", "Abuse")
    EATING = "eating", pgettext_lazy("content warning", "Eating")
    GRIEF = "grief", pgettext_lazy("content warning", "Grief")
    OTHER = "other", pgettext_lazy("content warning", "Something else (describe it)")


# What a member can mute: every named content warning; "other" has no fixed meaning to match.
MUTABLE_TOPICS = tuple(warning for warning in ContentWarning if warning != ContentWarning.OTHER)
# Topics a post is also about when its screening found ideation or a plan (Post.needs_crisis_help).
CRISIS_TOPICS = (ContentWarning.SUICIDE, ContentWarning.SELF_HARM)
