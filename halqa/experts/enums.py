from django.db import models
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    """What a question is about, and what an expert's specialties cover."""

    ANXIETY = "anxiety", pgettext_lazy("expert topic", "Anxiety")
    DEPRESSION = "depression", pgettext_lazy("expert topic", "Depression")
    SLEEP = "sleep", pgettext_lazy("expert topic", "Sleep")
    GRIEF = "grief", pgettext_lazy("expert topic", "Grief and loss")
    PANIC = "panic", pgettext_lazy("expert topic", "Panic")
    SELF_HARM = "self_harm_recovery", pgettext_lazy("expert topic", "Self-harm recovery")
    ADDICTION = "addiction", pgettext_lazy("expert topic", "Addiction")
    CAREGIVING = "caregiving", pgettext_lazy("expert topic", "Caring for others")
    RELATIONSHIPS = "relationships", pgettext_lazy("expert topic", "Relationships and family")
    TRAUMA = "trauma", pgettext_lazy("expert topic", "Trauma")
    OTHER = "other", pgettext_lazy("expert topic", "Something else")


class ApplicationState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("expert application state", "Waiting for an operator")
    APPROVED = "approved", pgettext_lazy("expert application state", "Approved")
    DECLINED = "declined", pgettext_lazy("expert application state", "Declined")


class Language(models.TextChoices):
    """Languages an expert answers in (not only the site's two)."""

    ARABIC = "ar", pgettext_lazy("expert language", "Arabic")
    ENGLISH = "en", pgettext_lazy("expert language", "English")
    FRENCH = "fr", pgettext_lazy("expert language", "French")
    KURDISH = "ku", pgettext_lazy("expert language", "Kurdish")
    TURKISH = "tr", pgettext_lazy("expert language", "Turkish")
    PERSIAN = "fa", pgettext_lazy("expert language", "Persian")
