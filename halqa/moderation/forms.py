"""Forms for flags, moderator actions and appeals: every field validated, errors localised."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import pgettext_lazy

from halqa.moderation.enums import FlagReason, SanctionKind
from halqa.moderation.flags import NOTE_LENGTH

REASON_LENGTH = 2000


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=pgettext_lazy("flag form", "What is wrong?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": pgettext_lazy("flag form", "Choose a reason.")},
    )
    note = forms.CharField(
        label=pgettext_lazy("flag form", "Anything the moderators should know (optional)"),
        help_text=pgettext_lazy(
            "flag form", "Only moderators read this. The member you report never sees who you are."
        ),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    post = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    message = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    member = forms.CharField(required=False, widget=forms.HiddenInput, max_length=80)
    # "member": report the author of the given post or live message, not the message itself.
    about = forms.ChoiceField(
        required=False, widget=forms.HiddenInput, choices=(("", ""), ("member", "member"))
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in ("post", "message", "member") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                pgettext_lazy("flag form", "Report one message or one member at a time."),
                code="target",
            )
        return data


def set_choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", pgettext_lazy("moderation form", "Reason (for the audit log)"))
        kwargs.setdefault("max_length", REASON_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class RemoveForm(forms.Form):
    rule = forms.TypedChoiceField(
        label=pgettext_lazy("moderation form", "Rule"), coerce=int, choices=()
    )
    reason = ReasonField(required=True)

    def __init__(
        self,
        *args: Any,
        rules: list[tuple[int, str]] = (),  # type: ignore[assignment]
        needs_rule: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "rule", [(n, f"{n}. {t}") for n, t in rules])
        # Content outside groups (ask an expert) has no group rules: the reason alone.
        self.fields["rule"].required = needs_rule
        cast(forms.TypedChoiceField, self.fields["rule"]).empty_value = None


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("moderation form", "Step"), choices=SanctionKind.choices
    )
    hours = forms.IntegerField(
        label=pgettext_lazy("moderation form", "For how many hours (mute, suspension)"),
        required=False,
        min_value=1,
        max_value=24 * 365,
    )
    site_wide = forms.BooleanField(
        label=pgettext_lazy("moderation form", "Mute across the whole site, not only this group"),
        required=False,
    )
    rule = forms.TypedChoiceField(
        label=pgettext_lazy("moderation form", "Rule"), coerce=int, required=False, choices=()
    )
    reason = ReasonField(required=True)

    def __init__(self, *args: Any, rules: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        set_choices(self, "rule", [("", "—"), *((n, f"{n}. {t}") for n, t in rules)])


class RedactForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("moderation form", "The message, as it should read"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = ReasonField()


class NoteForm(forms.Form):
    reason = ReasonField()


class HandoverForm(forms.Form):
    to = forms.TypedChoiceField(
        label=pgettext_lazy("moderation form", "Hand over to"), coerce=int, choices=()
    )
    reason = ReasonField(label=pgettext_lazy("moderation form", "Note for them"), required=True)

    def __init__(self, *args: Any, people: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        set_choices(self, "to", list(people))


class AppealDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=pgettext_lazy("moderation form", "Decision"),
        coerce=lambda value: value == "yes",
        choices=(
            ("no", pgettext_lazy("appeal decision", "Keep the decision")),
            ("yes", pgettext_lazy("appeal decision", "Reverse the decision")),
        ),
        widget=forms.RadioSelect,
    )
    reason = ReasonField(required=True)


class AppealForm(forms.Form):
    statement = forms.CharField(
        label=pgettext_lazy("appeal form", "Why should a moderator look again? (optional)"),
        help_text=pgettext_lazy(
            "appeal form",
            "A different moderator will read this. You can appeal each decision once.",
        ),
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QueueFilter(forms.Form):
    group = forms.TypedChoiceField(
        label=pgettext_lazy("queue filter", "Group"), coerce=int, required=False, choices=()
    )
    kind = forms.ChoiceField(label=pgettext_lazy("queue filter", "Kind"), required=False)
    state = forms.ChoiceField(label=pgettext_lazy("queue filter", "State"), required=False)
