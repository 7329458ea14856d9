"""Choices for live rooms."""

from django.db import models
from django.utils.translation import pgettext_lazy


class SlowMode(models.IntegerChoices):
    OFF = 0, pgettext_lazy("slow mode", "Off")
    TEN = 10, pgettext_lazy("slow mode", "10 seconds")
    THIRTY = 30, pgettext_lazy("slow mode", "30 seconds")
    MINUTE = 60, pgettext_lazy("slow mode", "1 minute")
    TWO_MINUTES = 120, pgettext_lazy("slow mode", "2 minutes")
    FIVE_MINUTES = 300, pgettext_lazy("slow mode", "5 minutes")
