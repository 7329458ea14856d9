"""Forms only parse; the rules live in actions.py."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import pgettext_lazy

from halqa.conversations.forms import coach, personal_data_field
from halqa.live.enums import SlowMode


def _client_id() -> str:
    return uuid.uuid4().hex


class ComposerForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("live composer", "Your message"),
        required=False,  # the publish path explains an empty message
        strip=False,  # the publish path cleans and measures it, as for the socket and the API
        # No maxlength: a browser would cut a long paste silently; the server explains instead.
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    # Sent again with a resubmitted form, so a reload or a double click stores nothing twice.
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    personal_data = personal_data_field()  # the personal-data guard's buttons

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"client_id": _client_id()})
        super().__init__(*args, **kwargs)
        # Control characters, NUL included, are the publish path's to clean, as on the socket.
        body = self.fields["body"]
        body.validators = [
            v for v in body.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        coach(body)


class ScheduleForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("field", "title"), max_length=140)
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("field", "starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=pgettext_lazy("live schedule", "Times are in UTC."),
    )
    ends_at = forms.DateTimeField(
        label=pgettext_lazy("field", "ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class SlowModeForm(forms.Form):
    seconds = forms.TypedChoiceField(
        label=pgettext_lazy("live controls", "Slow mode"), choices=SlowMode.choices, coerce=int
    )
