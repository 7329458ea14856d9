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
