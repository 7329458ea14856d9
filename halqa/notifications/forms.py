"""The preferences form: one checkbox per kind, and the shared-device option."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.notifications.enums import Kind


class PreferencesForm(forms.Form):
    hide_names = forms.BooleanField(
        required=False,
        label=pgettext_lazy("notification preference", "Hide who and where"),
        help_text=pgettext_lazy(
            "notification preference",
            "For a shared device: every notification then only says “You have a new "
            "notification”, without a pseudonym or a group name.",
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = {kind.value: forms.BooleanField(required=False, label=kind.label) for kind in Kind}
        self.fields = {**kinds, **self.fields}

    def kinds(self) -> list[forms.BoundField]:
        return [self[kind.value] for kind in Kind]

    def enabled(self) -> dict[str, bool]:
        return {kind.value: bool(self.cleaned_data[kind.value]) for kind in Kind}
