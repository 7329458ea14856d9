from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext, pgettext_lazy

from halqa.accounts.countries import country_choices, country_name
from halqa.accounts.enums import Role
from halqa.console.logo import MAX_BYTES, refusal
from halqa.console.models import DefaultLanguage, Languages, Registration


class SettingsForm(forms.Form):
    site_name = forms.CharField(
        label=pgettext_lazy("console field", "Site name"),
        max_length=60,
        required=False,
        help_text=pgettext_lazy(
            "console field", "Leave empty to use the name from the environment (HALQA_SITE_NAME)."
        ),
    )
    registration = forms.ChoiceField(
        label=pgettext_lazy("console field", "Sign-up"),
        choices=Registration.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    languages = forms.ChoiceField(
        label=pgettext_lazy("console field", "Languages offered"),
        choices=Languages.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=pgettext_lazy(
            "console field",
            "Members can only choose a language the site offers; with one language there is "
            "no language switcher.",
        ),
    )
    default_language = forms.ChoiceField(
        label=pgettext_lazy("console field", "Default language"),
        choices=DefaultLanguage.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=pgettext_lazy(
            "console field", "For visitors who have not chosen a language, and for API clients."
        ),
    )
    default_country = forms.ChoiceField(
        label=pgettext_lazy("console field", "Default country"),
        required=False,
        help_text=pgettext_lazy(
            "console field",
            "Members who did not give a country see this country's crisis helplines.",
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "ar"
        if settings.DEFAULT_COUNTRY:
            env = country_name(settings.DEFAULT_COUNTRY, language)
            empty = pgettext("console field", "As configured (HALQA_DEFAULT_COUNTRY: %(country)s)")
            empty %= {"country": env}
        else:
            empty = pgettext("console field", "None: show the international directories")
        field = self.fields["default_country"]
        field.choices = [("", empty), *country_choices(language)]  # type: ignore[attr-defined]


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=pgettext_lazy("console field", "Logo"),
        help_text=pgettext_lazy(
            "console field", "A PNG, JPEG or WebP image of at most 200 KB (no SVG)."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    def clean_logo(self) -> bytes:
        upload = self.cleaned_data["logo"]
        if upload.size > MAX_BYTES:  # before reading it into memory
            raise refusal("size")
        return bytes(upload.read())


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=pgettext_lazy("console field", "Role"), choices=Role.choices)
