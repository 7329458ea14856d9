"""Forms for groups: they only parse and validate."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from halqa.accounts.models import User
from halqa.accounts.pseudonyms import pseudonym_key
from halqa.groups.enums import GroupLanguage, GroupRole, JoinPolicy, Topic, Visibility
from halqa.groups.models import Group

LANGUAGE_FILTERS = [
    ("", pgettext_lazy("directory filter", "Any language")),
    ("ar", pgettext_lazy("directory filter", "Arabic")),
    ("en", pgettext_lazy("directory filter", "English")),
]


class DirectoryFilter(forms.Form):
    topic = forms.ChoiceField(
        label=pgettext_lazy("directory filter", "Topic"),
        choices=[("", pgettext_lazy("directory filter", "All topics")), *Topic.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=pgettext_lazy("directory filter", "Language"),
        choices=LANGUAGE_FILTERS,
        required=False,
    )

    def filters(self) -> dict[str, str | None]:
        """The chosen filters; anything invalid counts as no filter."""
        if not self.is_valid():
            return {"topic": None, "language": None}
        data = self.cleaned_data
        return {"topic": data["topic"] or None, "language": data["language"] or None}


MAX_RULES = 20
MAX_INVITE_USES = 10_000


class InviteForm(forms.Form):
    label = forms.CharField(
        label=pgettext_lazy("invite form", "Label (only facilitators see it)"),
        max_length=60,
        required=False,
    )
    expires_at = forms.DateTimeField(
        label=pgettext_lazy("invite form", "Expires at (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    max_uses = forms.IntegerField(
        label=pgettext_lazy("invite form", "Maximum number of uses (optional)"),
        min_value=1,
        max_value=MAX_INVITE_USES,
        required=False,
    )

    def clean_expires_at(self) -> datetime | None:
        expires_at: datetime | None = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError(
                pgettext_lazy("invite form error", "Choose a time in the future.")
            )
        return expires_at


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=pgettext_lazy("member role form", "Role"), choices=GroupRole.choices
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("remove member form", "Reason (kept in the group's record)"),
        max_length=300,
    )


class GroupForm(forms.Form):
    """What an operator fills in to create or edit a group; rules one per line."""

    name = forms.CharField(label=pgettext_lazy("group form", "Name"), max_length=80)
    description = forms.CharField(
        label=pgettext_lazy("group form", "Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    topic = forms.ChoiceField(label=pgettext_lazy("group form", "Topic"), choices=Topic.choices)
    language = forms.ChoiceField(
        label=pgettext_lazy("group form", "Language"), choices=GroupLanguage.choices
    )
    visibility = forms.ChoiceField(
        label=pgettext_lazy("group form", "Visibility"),
        choices=Visibility.choices,
        help_text=pgettext_lazy(
            "group form help", "Hidden groups can only be joined with an invite link."
        ),
    )
    join_policy = forms.ChoiceField(
        label=pgettext_lazy("group form", "How people join"), choices=JoinPolicy.choices
    )
    rules = forms.CharField(
        label=pgettext_lazy("group form", "Rules"),
        help_text=pgettext_lazy(
            "group form help", "One rule per line, in order. Empty lines are left out."
        ),
        required=False,
        max_length=MAX_RULES * 302,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    facilitator = forms.CharField(
        label=pgettext_lazy("group form", "Facilitator's pseudonym"),
        help_text=pgettext_lazy(
            "group form help",
            "They become a facilitator of the group. Leave empty to facilitate it yourself.",
        ),
        max_length=120,
        required=False,
    )

    def clean_description(self) -> str:
        """Everyone reads it: screened for personal details and abuse (halqa.trust)."""
        from halqa.conversations.publish import check_public_text

        description: str = self.cleaned_data["description"]
        try:
            check_public_text(description, field="description")
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["description"]) from None
        return description

    def clean_rules(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["rules"].splitlines()]
        rules = [line for line in lines if line]
        if len(rules) > MAX_RULES:
            raise forms.ValidationError(
                pgettext_lazy("group form error", "A group has at most 20 rules.")
            )
        if any(len(rule) > 300 for rule in rules):
            raise forms.ValidationError(
                pgettext_lazy("group form error", "Each rule has at most 300 characters.")
            )
        return rules

    def clean_facilitator(self) -> User | None:
        pseudonym = self.cleaned_data["facilitator"].strip()
        if not pseudonym:
            return None
        user = User.objects.filter(pseudonym_key=pseudonym_key(pseudonym), is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                pgettext_lazy("group form error", "Nobody uses this pseudonym.")
            )
        return user

    @classmethod
    def initial_for(cls, group: Group) -> dict[str, object]:
        fields = ("name", "description", "topic", "language", "visibility", "join_policy")
        initial: dict[str, object] = {name: getattr(group, name) for name in fields}
        initial["rules"] = "\n".join(rule.text for rule in group.rules.all())
        return initial
