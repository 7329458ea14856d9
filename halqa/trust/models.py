"""The site's publish policy (DESIGN §4) and its per-group overrides, members' trust, watched words.

Thresholds and limits live in the database so operators tune them without a deploy; the defaults
are DESIGN §4's. Reading them: `halqa.trust.settings_for(group)`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.groups.models import Group
from halqa.trust.enums import Match, WordAction

_SCORE = [MinValueValidator(0.0), MaxValueValidator(1.0)]
_COUNT = [MinValueValidator(0), MaxValueValidator(100_000)]
_RATE = [MinValueValidator(1), MaxValueValidator(600)]


class SitePolicy(models.Model):
    """One row (pk=1): the operator's settings for the whole site."""

    abuse_hold = models.FloatField(
        pgettext_lazy("policy field", "Hold abuse from this score"), default=0.85, validators=_SCORE
    )
    abuse_review = models.FloatField(
        pgettext_lazy("policy field", "Queue abuse for review from this score"),
        default=0.5,
        validators=_SCORE,
    )
    crisis_urgent = models.FloatField(
        pgettext_lazy(
            "policy field",
            "Treat crisis signals found by the model alone as urgent from this score",
        ),
        default=0.5,
        validators=_SCORE,
    )
    hold_new_member_links = models.BooleanField(
        pgettext_lazy("policy field", "Hold links from trust level 0"), default=True
    )
    ask_about_personal_data = models.BooleanField(
        pgettext_lazy("policy field", "Ask authors before posting personal data"), default=True
    )
    level1_days = models.PositiveIntegerField(
        pgettext_lazy("policy field", "Level 1: days since joining"), default=3, validators=_COUNT
    )
    level1_posts = models.PositiveIntegerField(
        pgettext_lazy("policy field", "Level 1: published messages"), default=5, validators=_COUNT
    )
    level2_days = models.PositiveIntegerField(
        pgettext_lazy("policy field", "Level 2: days since joining"), default=30, validators=_COUNT
    )
    level2_posts = models.PositiveIntegerField(
        pgettext_lazy("policy field", "Level 2: published messages"), default=50, validators=_COUNT
    )
    per_minute_level0 = models.PositiveSmallIntegerField(
        pgettext_lazy("policy field", "Messages a minute at level 0"), default=3, validators=_RATE
    )
    per_minute_level1 = models.PositiveSmallIntegerField(
        pgettext_lazy("policy field", "Messages a minute at level 1"), default=8, validators=_RATE
    )
    per_minute_level2 = models.PositiveSmallIntegerField(
        pgettext_lazy("policy field", "Messages a minute at level 2"), default=20, validators=_RATE
    )
    live_seconds_level0 = models.PositiveSmallIntegerField(
        pgettext_lazy("policy field", "Live rooms: seconds between messages at level 0"),
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(600)],
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return "site policy"


class GroupPolicy(models.Model):
    """A group's overrides of the site policy; an empty field follows the site."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="trust_policy")
    abuse_hold = models.FloatField(
        pgettext_lazy("policy field", "Hold abuse from this score"),
        null=True,
        blank=True,
        validators=_SCORE,
    )
    abuse_review = models.FloatField(
        pgettext_lazy("policy field", "Queue abuse for review from this score"),
        null=True,
        blank=True,
        validators=_SCORE,
    )
    hold_new_member_links = models.BooleanField(
        pgettext_lazy("policy field", "Hold links from trust level 0"), null=True, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"policy of group {self.group_id}"


class MemberTrust(models.Model):
    """A level an operator set by hand for a member (otherwise it is computed: trust.levels)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust"
    )
    level = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"trust {self.level} for {self.user_id}"


class WatchedWord(models.Model):
    """A word, prefix or pattern a group's moderators watch, with what happens on a match."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="watched_words")
    pattern = models.CharField(pgettext_lazy("watched word", "Word or pattern"), max_length=100)
    match = models.CharField(
        pgettext_lazy("watched word", "How it matches"),
        max_length=6,
        choices=Match.choices,
        default=Match.EXACT,
    )
    action = models.CharField(
        pgettext_lazy("watched word", "What happens"),
        max_length=4,
        choices=WordAction.choices,
        default=WordAction.HOLD,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pattern", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("group", "pattern", "match"), name="unique_watched_word"
            ),
        ]

    def __str__(self) -> str:
        return f"watched word {self.pk} in group {self.group_id}"
