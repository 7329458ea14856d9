"""Forms of the trust pages: they parse; the rules live in actions and models."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.trust.enums import Match, WordAction
from halqa.trust.models import GroupPolicy, SitePolicy


class SitePolicyForm(forms.ModelForm[SitePolicy]):
    class Meta:
        model = SitePolicy
        fields = (
            "abuse_hold",
            "abuse_review",
            "crisis_urgent",
            "hold_new_member_links",
            "ask_about_personal_data",
            "level1_days",
            "level1_posts",
            "level2_days",
            "level2_posts",
            "per_minute_level0",
            "per_minute_level1",
            "per_minute_level2",
            "live_seconds_level0",
        )


class GroupPolicyForm(forms.ModelForm[GroupPolicy]):
    hold_new_member_links = forms.NullBooleanField(
        label=pgettext_lazy("policy field", "Hold links from trust level 0"),
        required=False,
        widget=forms.Select(
            choices=[
                ("unknown", pgettext_lazy("group policy", "As the site")),
                ("true", pgettext_lazy("group policy", "Yes")),
                ("false", pgettext_lazy("group policy", "No")),
            ]
        ),
    )

    class Meta:
        model = GroupPolicy
        fields = ("abuse_hold", "abuse_review", "hold_new_member_links")
        help_texts = {
            "abuse_hold": pgettext_lazy("group policy", "Empty: as the site (from 0 to 1)."),
            "abuse_review": pgettext_lazy("group policy", "Empty: as the site (from 0 to 1)."),
        }


class WatchedWordForm(forms.Form):
    pattern = forms.CharField(
        label=pgettext_lazy("watched word", "Word or pattern"),
        max_length=100,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=pgettext_lazy(
            "watched word",
            "Arabic letter forms, diacritics and Arabic-Indic digits are matched alike. A "
            "regular expression is matched against one word at a time.",
        ),
    )
    match = forms.ChoiceField(
        label=pgettext_lazy("watched word", "How it matches"), choices=Match.choices
    )
    action = forms.ChoiceField(
        label=pgettext_lazy("watched word", "What happens"), choices=WordAction.choices
    )


LEVEL_CHOICES = [
    ("auto", pgettext_lazy("trust level", "Automatic (age and published messages)")),
    ("0", pgettext_lazy("trust level", "Level 0: new")),
    ("1", pgettext_lazy("trust level", "Level 1: member")),
    ("2", pgettext_lazy("trust level", "Level 2: trusted")),
]


class MemberLevelForm(forms.Form):
    pseudonym = forms.CharField(
        label=pgettext_lazy("trust level", "Member's pseudonym"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    level = forms.ChoiceField(label=pgettext_lazy("trust level", "Level"), choices=LEVEL_CHOICES)
