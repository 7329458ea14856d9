"""Parsing and validating the library's forms (the rules themselves live in actions)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from halqa.resources.enums import Kind, Language, Topic
from halqa.resources.media import sniff
from halqa.resources.models import Resource

MAX_STEPS = 30


class FilterForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("library filter", "Search"), required=False, max_length=200
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("library filter", "Kind"),
        required=False,
        choices=[("", pgettext_lazy("library filter", "All kinds")), *Kind.choices],
    )
    topic = forms.ChoiceField(
        label=pgettext_lazy("library filter", "Topic"),
        required=False,
        choices=[("", pgettext_lazy("library filter", "All topics")), *Topic.choices],
    )
    language = forms.ChoiceField(
        label=pgettext_lazy("library filter", "Language"),
        required=False,
        choices=[("", pgettext_lazy("library filter", "Both languages")), *Language.choices],
    )

    def values(self) -> dict[str, str]:
        """The valid filters; a bad value counts as no filter rather than an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: str(data.get(name) or "") for name in ("q", "kind", "topic", "language")}


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=pgettext_lazy("resource rating", "How helpful was this for you?"),
        coerce=int,
        choices=[
            (1, pgettext_lazy("resource rating", "Not helpful")),
            (2, pgettext_lazy("resource rating", "A little")),
            (3, pgettext_lazy("resource rating", "Somewhat")),
            (4, pgettext_lazy("resource rating", "Helpful")),
            (5, pgettext_lazy("resource rating", "Very helpful")),
        ],
        widget=forms.RadioSelect,
    )


class VideoField(forms.FileField):
    """An mp4 or webm file, recognised by its first bytes (not its name), within the size limit
    (HALQA_VIDEO_MAX_MB)."""

    widget = forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"})

    def clean(self, data: Any, initial: Any = None) -> Any:
        uploaded = super().clean(data, initial)
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # unchanged (the current file) or cleared (False)
        limit = settings.VIDEO_MAX_MB
        if uploaded.size is not None and uploaded.size > limit * 1024 * 1024:
            message = pgettext_lazy(
                "resource error", "This video is too large: the limit is %(limit)d MB."
            )
            raise forms.ValidationError(message, code="too_large", params={"limit": limit})
        uploaded.seek(0)
        extension = sniff(uploaded.read(64))
        uploaded.seek(0)
        if not extension:
            message = pgettext_lazy(
                "resource error", "Please upload an MP4 or WebM video; this file is neither."
            )
            raise forms.ValidationError(message, code="video_type")
        uploaded.name = f"video{extension}"  # the name tells the storage only the type
        return uploaded


class ResourceForm(forms.ModelForm[Resource]):
    url = forms.URLField(
        label=pgettext_lazy("field", "address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https", "http"])],
    )
    video = VideoField(
        label=pgettext_lazy("field", "video file"),
        required=False,
        help_text=pgettext_lazy(
            "resource form help",
            "Videos: an address, or an MP4 or WebM file played here (not both).",
        ),
    )
    topics = forms.MultipleChoiceField(
        label=pgettext_lazy("field", "topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    steps_text = forms.CharField(
        label=pgettext_lazy("field", "steps"),
        help_text=pgettext_lazy(
            "resource form help", "Exercises: one step per paragraph (leave a blank line between)."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
    )

    class Meta:
        model = Resource
        fields = (
            "kind", "language", "title", "summary", "body", "url", "video", "minutes", "topics",
            "translation", "source_note",
        )  # fmt: skip
        labels = {
            "source_note": pgettext_lazy("field", "checked against (public guidance)"),
            "translation": pgettext_lazy("field", "its translation"),
            "body": pgettext_lazy("field", "article text or video description"),
        }
        help_texts = {
            "body": pgettext_lazy(
                "resource form help",
                "Articles: the whole article. Videos and links: what the member will find there "
                "(optional). Written in Markdown: **bold**, *italic*, lists and links.",
            ),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for each in self.fields.values():  # labels begin with a capital, as the model's do
            each.label = capfirst(each.label)
        others = Resource.objects.exclude(pk=self.instance.pk) if self.instance.pk else None
        field = self.fields["translation"]
        field.queryset = others if others is not None else Resource.objects.all()  # type: ignore[attr-defined]
        field.required = False
        if self.instance.pk and not self.is_bound:
            self.initial["steps_text"] = "\n\n".join(self.instance.steps)

    def clean_steps_text(self) -> list[str]:
        text = self.cleaned_data.get("steps_text", "").replace("\r\n", "\n")
        steps = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
        if len(steps) > MAX_STEPS:
            raise forms.ValidationError(
                pgettext_lazy("resource error", "Please keep an exercise to %(limit)d steps."),
                params={"limit": MAX_STEPS},
            )
        return steps

    def content(self) -> dict[str, Any]:
        """The cleaned fields as the actions take them."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["steps"] = self.cleaned_data["steps_text"]
        data["video"] = data["video"] or ""  # None (no file) or False (cleared): no file
        return data
