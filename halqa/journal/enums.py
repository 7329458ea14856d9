"""Reflection prompts and the sections of a safety plan."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Prompt(models.TextChoices):
    GRATITUDE = (
        "gratitude",
        pgettext_lazy("journal prompt", "What is one thing you are grateful for today?"),
    )
    HELPED = "helped", pgettext_lazy("journal prompt", "What helped you today, even a little?")
    PROUD = (
        "proud",
        pgettext_lazy("journal prompt", "What is something you are proud of, however small?"),
    )
    WORRY = (
        "worry",
        pgettext_lazy(
            "journal prompt", "Is there a worry you could write down here and set aside for now?"
        ),
    )
    KINDNESS = (
        "kindness",
        pgettext_lazy("journal prompt", "What is one kind thing you did for yourself today?"),
    )
    FEELING = (
        "feeling",
        pgettext_lazy(
            "journal prompt",
            "How are you feeling right now, and where do you notice it in your body?",
        ),
    )
    PERSON = (
        "person",
        pgettext_lazy("journal prompt", "Who made a difference to you recently, and how?"),
    )
    TOMORROW = (
        "tomorrow",
        pgettext_lazy("journal prompt", "What is one small thing you would like to do tomorrow?"),
    )


class Section(models.TextChoices):
    """The steps of the Stanley–Brown safety plan, in their order."""

    WARNING_SIGNS = "warning_signs", pgettext_lazy("safety plan section", "My warning signs")
    COPING = "coping", pgettext_lazy("safety plan section", "Things I can do on my own to cope")
    DISTRACTIONS = (
        "distractions",
        pgettext_lazy("safety plan section", "People and places that take my mind off things"),
    )
    HELPERS = "helpers", pgettext_lazy("safety plan section", "People I can ask for help")
    PROFESSIONALS = (
        "professionals",
        pgettext_lazy("safety plan section", "Professionals and services I can contact"),
    )
    SAFER = "safer", pgettext_lazy("safety plan section", "Making my surroundings safer")
    REASONS = "reasons", pgettext_lazy("safety plan section", "My reasons for living")


class PlanEvent(models.TextChoices):
    VIEWED = "viewed", pgettext_lazy("safety plan log", "A moderator opened your plan")
    SHARED = "shared", pgettext_lazy("safety plan log", "You shared your plan with moderators")
    UNSHARED = "unshared", pgettext_lazy("safety plan log", "You stopped sharing your plan")
