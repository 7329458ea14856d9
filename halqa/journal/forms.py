"""Forms for the journal and the safety plan: they only parse and validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from halqa.journal import actions
from halqa.journal.enums import Prompt


class EntryForm(forms.Form):
    prompt = forms.ChoiceField(
        label=pgettext_lazy("journal form", "A question to reflect on (optional)"),
        choices=[("", pgettext_lazy("journal form", "No question, just write")), *Prompt.choices],
        required=False,
    )
    title = forms.CharField(
        label=pgettext_lazy("journal form", "Title (optional)"),
        max_length=actions.TITLE_MAX,
        required=False,
    )
    body = forms.CharField(
        label=pgettext_lazy("journal form", "Your entry"),
        max_length=actions.BODY_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
        help_text=pgettext_lazy(
            "journal form",
            "Only you can read this. It is stored encrypted and is never shared with anyone.",
        ),
        error_messages={
            "required": pgettext_lazy("journal error", "Write something before saving.")
        },
    )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(pgettext_lazy("journal error", "Write something before saving."))
        return body


class SectionForm(forms.Form):
    items = forms.CharField(
        label=pgettext_lazy("safety plan form", "One item per line"),
        required=False,
        max_length=actions.ITEMS_MAX * (actions.ITEM_MAX + 2),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    suggestions = forms.MultipleChoiceField(
        label=pgettext_lazy("safety plan form", "Add from the helplines for your country"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, suggestions: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if suggestions:
            field = self.fields["suggestions"]
            if isinstance(field, forms.MultipleChoiceField):
                field.choices = [(line, line) for line in suggestions]
        else:
            del self.fields["suggestions"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = str(data.get("items") or "").splitlines() + list(data.get("suggestions") or [])
        try:
            data["cleaned_items"] = actions.clean_items(dict.fromkeys(lines))
        except ValidationError as error:
            self.add_error("items", error)
        return data
