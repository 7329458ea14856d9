from django.db import models
from django.utils.translation import pgettext_lazy


class HelplineStatus(models.TextChoices):
    """How well the research supports an entry (see data/SOURCE.md)."""

    CORROBORATED = "corroborated", pgettext_lazy("helpline status", "Corroborated")
    SINGLE_SOURCE = "single_source", pgettext_lazy("helpline status", "Single source")
    CONFLICT = "conflict", pgettext_lazy("helpline status", "Sources conflict")
    DO_NOT_DISPLAY = "do_not_display", pgettext_lazy("helpline status", "Do not display")


class EmergencyService(models.TextChoices):
    GENERAL = "general", pgettext_lazy("emergency service", "Emergency services")
    POLICE = "police", pgettext_lazy("emergency service", "Police")
    AMBULANCE = "ambulance", pgettext_lazy("emergency service", "Ambulance")


class CardChoice(models.TextChoices):
    """What a member answered on the crisis card; moderators of their case see it."""

    SAFE = "safe", pgettext_lazy("crisis card choice", "Safe for now")
    TALK = "talk", pgettext_lazy("crisis card choice", "Asked to talk to a moderator")


class AlertReason(models.TextChoices):
    """Why an urgent case was sent beyond the on-duty moderators (once per case and reason)."""

    OUT_OF_HOURS = "out_of_hours", pgettext_lazy("case alert", "Outside moderation hours")
    NO_ONE_ON_DUTY = "no_one_on_duty", pgettext_lazy("case alert", "No moderator on duty")
    UNANSWERED = "unanswered", pgettext_lazy("case alert", "No response in time")
