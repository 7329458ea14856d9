"""Choices of the growth app. Every label is written kindly: nothing here scolds."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Cadence(models.TextChoices):
    DAILY = "daily", pgettext_lazy("goal cadence", "Every day")
    WEEKDAYS = "weekdays", pgettext_lazy("goal cadence", "On the days I choose")
    WEEKLY = "weekly", pgettext_lazy("goal cadence", "A number of times a week")


class GoalState(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("goal state", "Active")
    PAUSED = "paused", pgettext_lazy("goal state", "Paused")
    ARCHIVED = "archived", pgettext_lazy("goal state", "Put away")


class CheckInStatus(models.TextChoices):
    DONE = "done", pgettext_lazy("check-in status", "Done")
    NOT_TODAY = "not_today", pgettext_lazy("check-in status", "Not today")


class Template(models.TextChoices):
    THERAPY = "therapy", pgettext_lazy("goal template", "Attend my therapy session")
    MEDICATION = "medication", pgettext_lazy("goal template", "Take my medication as prescribed")
    WALK = "walk", pgettext_lazy("goal template", "Walk 20 minutes")
    SLEEP = "sleep", pgettext_lazy("goal template", "Sleep before midnight")
    REACH_OUT = "reach_out", pgettext_lazy("goal template", "Reach out to someone")


class Weekday(models.IntegerChoices):
    """Python's numbering (Monday = 0), listed from Saturday as many Arab calendars do."""

    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")


class Emotion(models.TextChoices):
    ANXIOUS = "anxious", pgettext_lazy("emotion", "Anxious")
    CALM = "calm", pgettext_lazy("emotion", "Calm")
    SAD = "sad", pgettext_lazy("emotion", "Sad")
    HOPEFUL = "hopeful", pgettext_lazy("emotion", "Hopeful")
    ANGRY = "angry", pgettext_lazy("emotion", "Angry")
    LONELY = "lonely", pgettext_lazy("emotion", "Lonely")
    TIRED = "tired", pgettext_lazy("emotion", "Tired")
    GRATEFUL = "grateful", pgettext_lazy("emotion", "Grateful")
    OVERWHELMED = "overwhelmed", pgettext_lazy("emotion", "Overwhelmed")
    CONTENT = "content", pgettext_lazy("emotion", "Content")


class Mood(models.IntegerChoices):
    VERY_LOW = 1, pgettext_lazy("mood", "Very low")
    LOW = 2, pgettext_lazy("mood", "Low")
    OKAY = 3, pgettext_lazy("mood", "Okay")
    GOOD = 4, pgettext_lazy("mood", "Good")
    VERY_GOOD = 5, pgettext_lazy("mood", "Very good")


class PartnershipState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("partnership state", "Waiting for an answer")
    ACTIVE = "active", pgettext_lazy("partnership state", "Partners")
    DECLINED = "declined", pgettext_lazy("partnership state", "Not this time")
    ENDED = "ended", pgettext_lazy("partnership state", "Ended")
