"""Forms for groups: they only parse and validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.groups.enums import Topic

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
