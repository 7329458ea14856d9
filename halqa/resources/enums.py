"""Choices for the library: what a resource is, its language, topics and editorial state."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    ARTICLE = "article", pgettext_lazy("resource kind", "Article")
    VIDEO = "video", pgettext_lazy("resource kind", "Video")
    LINK = "link", pgettext_lazy("resource kind", "Link")
    EXERCISE = "exercise", pgettext_lazy("resource kind", "Exercise")


class Language(models.TextChoices):
    ARABIC = "ar", pgettext_lazy("resource language", "Arabic")
    ENGLISH = "en", pgettext_lazy("resource language", "English")


class Topic(models.TextChoices):
    ANXIETY = "anxiety", pgettext_lazy("resource topic", "Anxiety")
    PANIC = "panic", pgettext_lazy("resource topic", "Panic")
    DEPRESSION = "depression", pgettext_lazy("resource topic", "Depression")
    SLEEP = "sleep", pgettext_lazy("resource topic", "Sleep")
    GRIEF = "grief", pgettext_lazy("resource topic", "Grief and loss")
    SELF_HARM = "self_harm", pgettext_lazy("resource topic", "Self-harm recovery")
    CRISIS = "crisis", pgettext_lazy("resource topic", "Crisis and suicidal thoughts")
    ADDICTION = "addiction", pgettext_lazy("resource topic", "Addiction")
    CAREGIVING = "caregiving", pgettext_lazy("resource topic", "Caregiving")
    RELATIONSHIPS = "relationships", pgettext_lazy("resource topic", "Relationships")
    STRESS = "stress", pgettext_lazy("resource topic", "Stress")
    LONELINESS = "loneliness", pgettext_lazy("resource topic", "Loneliness")
    TRAUMA = "trauma", pgettext_lazy("resource topic", "Trauma")
    HELP_SEEKING = "help_seeking", pgettext_lazy("resource topic", "Getting professional help")


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("resource state", "Draft")
    IN_REVIEW = "review", pgettext_lazy("resource state", "In review")
    PUBLISHED = "published", pgettext_lazy("resource state", "Published")
    RETIRED = "retired", pgettext_lazy("resource state", "Retired")


class Source(models.TextChoices):
    """What a search entry points at."""

    RESOURCE = "resource", pgettext_lazy("search result kind", "Resource")
    THREAD = "thread", pgettext_lazy("search result kind", "Conversation")
    REPLY = "reply", pgettext_lazy("search result kind", "Reply")
