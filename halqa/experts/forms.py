"""Forms only parse; the rules live in actions.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.experts.enums import Language, Topic

DATETIME = {
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
}


class ApplicationForm(forms.Form):
    profession = forms.CharField(
        label=pgettext_lazy("expert application", "Profession"),
        max_length=120,
        help_text=pgettext_lazy("expert application", "For example: clinical psychologist."),
    )
    specialties = forms.MultipleChoiceField(
        label=pgettext_lazy("expert application", "Specialties"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=pgettext_lazy("expert application", "Languages you answer in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    licence_number = forms.CharField(
        label=pgettext_lazy("expert application", "Licence number"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    licence_body = forms.CharField(
        label=pgettext_lazy("expert application", "Issuing body"),
        max_length=120,
        help_text=pgettext_lazy(
            "expert application", "The council, ministry or association that issued the licence."
        ),
    )
    display_name = forms.CharField(
        label=pgettext_lazy("expert application", "Professional name to show (optional)"),
        max_length=80,
        required=False,
        help_text=pgettext_lazy(
            "expert application",
            "Shown next to your pseudonym once you are verified. Leave it empty to stay "
            "known by your pseudonym only.",
        ),
    )


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=pgettext_lazy("expert application", "Professional name to show (optional)"),
        max_length=80,
        required=False,
        help_text=pgettext_lazy(
            "expert profile", "Leave it empty to be known by your pseudonym only."
        ),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("expert review", "Reason, shown to the applicant"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("ask an expert", "Your question in one line"),
        required=False,  # the action explains an empty title
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    body = forms.CharField(
        label=pgettext_lazy("ask an expert", "Tell the experts more"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    topic = forms.ChoiceField(
        label=pgettext_lazy("ask an expert", "Topic"),
        choices=[("", pgettext_lazy("ask an expert", "Choose a topic")), *Topic.choices],
    )
    private = forms.BooleanField(
        label=pgettext_lazy("ask an expert", "Only experts and I can see this question"),
        required=False,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("ask an expert", "Your message"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )


class OfficeHoursForm(forms.Form):
    group = forms.ChoiceField(label=pgettext_lazy("office hours", "Group"))
    title = forms.CharField(
        label=pgettext_lazy("office hours", "Title"),
        max_length=140,
        initial=pgettext_lazy("office hours", "Office hours"),
    )
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("office hours", "Starts"),
        help_text=pgettext_lazy("office hours", "Times are in UTC."),
        **DATETIME,  # type: ignore[arg-type]
    )
    ends_at = forms.DateTimeField(label=pgettext_lazy("office hours", "Ends"), **DATETIME)  # type: ignore[arg-type]

    def __init__(self, *args: Any, groups: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = groups  # type: ignore[attr-defined]
