"""Forms of the growth pages: they only parse; the actions validate what matters."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.growth.enums import Cadence, CheckInStatus, Emotion, Mood, Template, Weekday
from halqa.growth.localtime import valid_zone_names

TEMPLATE_CHOICES = [("", pgettext_lazy("goal template", "My own words")), *Template.choices]


class GoalForm(forms.Form):
    template = forms.ChoiceField(
        label=pgettext_lazy("goal form", "Start from an idea"),
        choices=TEMPLATE_CHOICES,
        required=False,
    )
    title = forms.CharField(
        label=pgettext_lazy("goal form", "My goal"),
        max_length=120,
        required=False,
        help_text=pgettext_lazy("goal form", "Small and kind to yourself works best."),
    )
    cadence = forms.ChoiceField(
        label=pgettext_lazy("goal form", "How often"),
        choices=Cadence.choices,
        widget=forms.RadioSelect,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=pgettext_lazy("goal form", "Which days"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    times_per_week = forms.IntegerField(
        label=pgettext_lazy("goal form", "Times a week"),
        min_value=1,
        max_value=7,
        initial=3,
        required=False,
    )
    reminder_time = forms.TimeField(
        label=pgettext_lazy("goal form", "Remind me at (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=pgettext_lazy("goal form", "In your time zone; a gentle in-app reminder."),
    )


class CheckInForm(forms.Form):
    status = forms.ChoiceField(choices=CheckInStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=pgettext_lazy("check-in form", "A note for yourself (optional, private)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    when = forms.ChoiceField(
        label=pgettext_lazy("check-in form", "For"),
        choices=[
            ("today", pgettext_lazy("check-in day", "Today")),
            ("yesterday", pgettext_lazy("check-in day", "Yesterday")),
        ],
        required=False,
    )


class MoodForm(forms.Form):
    score = forms.TypedChoiceField(
        label=pgettext_lazy("mood form", "How are you feeling?"),
        choices=Mood.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    emotions = forms.MultipleChoiceField(
        label=pgettext_lazy("mood form", "Any of these? (optional)"),
        choices=Emotion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=pgettext_lazy("mood form", "A note for yourself (optional, private)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=pgettext_lazy("growth settings", "My time zone"), choices=()
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ChoiceField, self.fields["time_zone"])
        field.choices = [(name, name.replace("_", " ")) for name in valid_zone_names()]


class InviteForm(forms.Form):
    pseudonym = forms.CharField(
        label=pgettext_lazy("partner form", "Their pseudonym"), max_length=30
    )


class ShareForm(forms.Form):
    goals = forms.TypedMultipleChoiceField(
        label=pgettext_lazy("partner form", "Goals my partner can see"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.BooleanField(
        label=pgettext_lazy(
            "partner form", "Also my check-in notes (otherwise only done / not today)"
        ),
        required=False,
    )
    mood = forms.BooleanField(
        label=pgettext_lazy("partner form", "My mood scores and feelings (never my mood notes)"),
        required=False,
    )
    nudges = forms.BooleanField(
        label=pgettext_lazy(
            "partner form",
            "Gentle nudges when one of us has missed a few check-ins (both must agree)",
        ),
        required=False,
    )

    def __init__(
        self, *args: object, goal_choices: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ChoiceField, self.fields["goals"])
        field.choices = goal_choices


class EncouragementForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("partner form", "A few kind words"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShareInGroupForm(forms.Form):
    group = forms.ChoiceField(
        label=pgettext_lazy("commitment form", "Share with a group"), choices=()
    )

    def __init__(
        self, *args: object, group_choices: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ChoiceField, self.fields["group"])
        field.choices = group_choices
