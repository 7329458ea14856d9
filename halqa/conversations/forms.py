"""Forms for threads, replies, reactions, muted words and topics: they only parse.

The rules (empty, too long, content warning text, edit window) live in the actions, so the
pages and the API give the same errors.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from halqa.conversations.enums import MUTABLE_TOPICS, ContentWarning, ReactionKind
from halqa.conversations.models import WARNING_LENGTH

BODY_HELP = pgettext_lazy(
    "composer help",
    "Markdown works: **bold**, _italic_, [links](https://…). Mention a member with @name.",
)


# Sent by the personal-data guard's buttons (conversations/_personal_data_guard.html).
PERSONAL_DATA_CHOICES = [("", ""), ("remove", "remove"), ("post_anyway", "post_anyway")]


def personal_data_field() -> forms.ChoiceField:
    return forms.ChoiceField(choices=PERSONAL_DATA_CHOICES, required=False)


def coach(field: forms.Field) -> None:
    """The draft goes to the coaching endpoint as the member types (halqa.trust.views.coach)."""
    field.widget.attrs.update(
        {
            "hx-post": reverse("trust:coach"),
            "hx-trigger": "keyup changed delay:600ms",
            "hx-target": "#coaching",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )


def new_token() -> str:
    return secrets.token_urlsafe(16)


class _Message(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("composer", "Your message"),
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        required=False,
        strip=False,
    )
    warning = forms.ChoiceField(
        label=pgettext_lazy("composer", "Content warning"),
        help_text=pgettext_lazy(
            "composer help", "Readers see the warning and open the message when they are ready."
        ),
        choices=[("", pgettext_lazy("content warning", "None")), *ContentWarning.choices],
        required=False,
    )
    warning_text = forms.CharField(
        label=pgettext_lazy("composer", "Describe the warning"),
        max_length=WARNING_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    # The same token twice (a double click, a resent form) stores one message.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    personal_data = personal_data_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("token", new_token())
        super().__init__(*args, **kwargs)
        coach(self.fields["body"])


class ThreadForm(_Message):
    title = forms.CharField(
        label=pgettext_lazy("composer", "Title"),
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": 140}),
    )
    field_order = ("title", "body", "warning", "warning_text", "token")


class ReplyForm(_Message):
    quote = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class EditForm(forms.Form):
    body = _Message.base_fields["body"]
    personal_data = personal_data_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coach(self.fields["body"])


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)
    public = forms.BooleanField(label=pgettext_lazy("reaction", "Show my name"), required=False)


class MutedWordForm(forms.Form):
    word = forms.CharField(
        label=pgettext_lazy("muted words", "Word or phrase to mute"),
        help_text=pgettext_lazy(
            "muted words",
            "Messages with it are folded away for you, with a note you can open. "
            "Arabic forms with و، ف، ب، ل and ال are included.",
        ),
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": 40}),
    )


class MutedTopicsForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=pgettext_lazy("muted topics", "Topics to fold away"),
        choices=[(topic.value, topic.label) for topic in MUTABLE_TOPICS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
