"""Experts: applications (licence details encrypted, deleted on decision), verified experts,
questions and their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.experts.enums import ApplicationState, Language, Topic
from halqa.moderation.enums import ContentState
from halqa.trust.policy import confident_crisis

PROFESSION_LENGTH = 120
NAME_LENGTH = 80
TITLE_LENGTH = 140


class Profile:
    """Labels for the stored specialty and language codes, in the active language."""

    specialties: list[str]
    languages: list[str]

    @property
    def specialty_labels(self) -> list[str]:
        return [str(Topic(value).label) for value in self.specialties if value in Topic.values]

    @property
    def language_labels(self) -> list[str]:
        return [str(Language(v).label) for v in self.languages if v in Language.values]


class Application(Profile, models.Model):
    """A member asking to be verified. The licence fields hold Fernet tokens (core.crypto) and
    are emptied as soon as an operator decides: only the decision, its date and who made it stay.
    """

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_applications"
    )
    profession = models.CharField(pgettext_lazy("field", "profession"), max_length=120)
    specialties = models.JSONField(default=list)  # Topic values
    languages = models.JSONField(default=list)  # enums.Language values
    display_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    licence_number = models.TextField(blank=True)  # encrypted
    licence_body = models.TextField(blank=True)  # encrypted
    state = models.CharField(
        max_length=10, choices=ApplicationState.choices, default=ApplicationState.PENDING
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The operator's pseudonym at the time, kept if their account is later deleted.
    decided_by_name = models.CharField(max_length=30, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("-submitted_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("applicant",),
                condition=models.Q(state="pending"),
                name="expert_one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"expert application {self.pk}"

    @property
    def has_licence_details(self) -> bool:
        return bool(self.licence_number or self.licence_body)


class Expert(Profile, models.Model):
    """A verified expert: what members see, and the record of who verified them and when."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert"
    )
    profession = models.CharField(max_length=PROFESSION_LENGTH)
    specialties = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    display_name = models.CharField(max_length=NAME_LENGTH, blank=True)
    verified_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_by_name = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("verified_at", "id")

    def __str__(self) -> str:
        return f"expert {self.pk}"


class Question(models.Model):
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_questions"
    )
    title = models.CharField(pgettext_lazy("field", "title"), max_length=TITLE_LENGTH)
    body = models.TextField(pgettext_lazy("field", "question"), max_length=10_000)
    topic = models.CharField(max_length=24, choices=Topic.choices)
    # Only verified experts and the asker can see it.
    private = models.BooleanField(default=False)
    screening = models.JSONField(default=dict, blank=True)  # publish.Verdict.record
    state = models.CharField(
        max_length=10, choices=ContentState.choices, default=ContentState.PUBLISHED
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    helpful_answer = models.ForeignKey(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expert_answer_count = models.PositiveIntegerField(default=0)
    removed_rule = models.CharField(max_length=300, blank=True)  # set by moderation, if any

    class Meta:
        ordering = ("-last_activity_at", "-id")
        indexes = [models.Index(fields=("topic", "-last_activity_at"), name="expert_q_topic")]

    def __str__(self) -> str:
        return f"question {self.pk}"

    @property
    def author_id(self) -> int:
        """The asker, under the name moderation uses for every message's author."""
        return int(self.asker_id)

    @property
    def needs_crisis_help(self) -> bool:
        return bool(confident_crisis(self.screening))


class Answer(models.Model):
    """An expert's answer, or a member's follow-up (by_expert False)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_answers"
    )
    body = models.TextField(pgettext_lazy("field", "answer"), max_length=10_000)
    # Written while the author was a verified expert: highlighted, and may be marked helpful.
    by_expert = models.BooleanField(default=False)
    screening = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=10, choices=ContentState.choices, default=ContentState.PUBLISHED
    )
    removed_rule = models.CharField(max_length=300, blank=True)  # set by moderation, if any
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"answer {self.pk}"

    @property
    def needs_crisis_help(self) -> bool:
        return bool(confident_crisis(self.screening))


class OfficeHours(models.Model):
    """A live session an expert holds as office hours (the session lives in halqa.live)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="office_hours")
    session = models.OneToOneField(
        "live.LiveSession", on_delete=models.CASCADE, related_name="office_hours"
    )

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"office hours {self.pk}"
