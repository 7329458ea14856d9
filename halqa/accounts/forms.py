"""Forms only parse; the rules live in actions.py and pseudonyms.py (the API shares them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext, pgettext_lazy

from halqa.accounts.countries import ARAB_LEAGUE, country_choices
from halqa.accounts.enums import Language
from halqa.accounts.pseudonyms import MAX_LENGTH

PASSWORD_MAX = 1000  # hashing a megabyte of "password" is a cheap way to tire a server


class Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _pseudonym_field(autocomplete: str = "username") -> forms.CharField:
    return forms.CharField(
        label=pgettext_lazy("form field", "Pseudonym"),
        required=False,  # the action says "please choose a pseudonym" in its own words
        max_length=200,
        strip=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": autocomplete,
                "autocapitalize": "none",
                "spellcheck": "false",
                "maxlength": MAX_LENGTH,
                "dir": "auto",
            }
        ),
    )


def _password_field(label: Any, autocomplete: str, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=PASSWORD_MAX,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete, "dir": "auto"}),
    )


def _country_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=pgettext_lazy("form field", "Country (optional)"),
        required=False,
        help_text=pgettext_lazy(
            "form help", "Only used to show the crisis helplines of your country."
        ),
    )


def _country_choices() -> list[tuple[Any, Any]]:
    choices = country_choices(get_language() or "ar")
    arab = [c for c in choices if c[0] in ARAB_LEAGUE]
    others = [c for c in choices if c[0] not in ARAB_LEAGUE]
    return [
        ("", pgettext("country choice", "I'd rather not say")),
        (pgettext("country group", "Arab countries"), arab),
        (pgettext("country group", "Other countries"), others),
    ]


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=pgettext_lazy("form field", "Language"), choices=Language.choices, required=False
    )


def _offer_site_languages(form: forms.Form) -> None:
    """Only the languages the operator offers (console settings) can be chosen."""
    from halqa.console.site import offered_languages

    form.fields["language"].choices = offered_languages()  # type: ignore[attr-defined]


def _confirmation_matches(form: forms.Form, first: str, second: str) -> None:
    data = form.cleaned_data
    if data.get(first) and data.get(first) != data.get(second):
        message = pgettext("password error", "The two passwords are not the same.")
        form.add_error(second, ValidationError(message, code="mismatch"))


NEW_PASSWORD_HELP = pgettext_lazy(
    "form help",
    "At least 10 characters. A few words you will remember make a strong password.",
)


class SignUpForm(Form):
    pseudonym = _pseudonym_field("username")
    language = _language_field()
    country = _country_field()
    password = _password_field(
        pgettext_lazy("form field", "Password"), "new-password", NEW_PASSWORD_HELP
    )
    password2 = _password_field(pgettext_lazy("form field", "Password again"), "new-password")
    confirm_min_age = forms.BooleanField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]
        _offer_site_languages(self)
        self.fields["pseudonym"].help_text = pgettext(
            "form help",
            "3 to 30 Arabic or Latin letters, digits, _ or -. Please do not use your real name.",
        )
        self.fields["confirm_min_age"].label = pgettext("form field", "I am %(age)d or older.") % {
            "age": settings.MINIMUM_AGE
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _confirmation_matches(self, "password", "password2")
        return data


class LoginForm(Form):
    pseudonym = _pseudonym_field("username")
    password = _password_field(pgettext_lazy("form field", "Password"), "current-password")


class RecoverForm(Form):
    pseudonym = _pseudonym_field("username")
    code = forms.CharField(
        label=pgettext_lazy("form field", "Recovery code"),
        required=False,
        max_length=100,
        help_text=pgettext_lazy(
            "form help", "One of the ten codes you saved, like k7qp-2m9x-4hvt."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "dir": "ltr"}
        ),
    )
    new_password = _password_field(
        pgettext_lazy("form field", "New password"), "new-password", NEW_PASSWORD_HELP
    )
    new_password2 = _password_field(
        pgettext_lazy("form field", "New password again"), "new-password"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _confirmation_matches(self, "new_password", "new_password2")
        return data


class ChangePasswordForm(Form):
    old_password = _password_field(
        pgettext_lazy("form field", "Current password"), "current-password"
    )
    new_password = _password_field(
        pgettext_lazy("form field", "New password"), "new-password", NEW_PASSWORD_HELP
    )
    new_password2 = _password_field(
        pgettext_lazy("form field", "New password again"), "new-password"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _confirmation_matches(self, "new_password", "new_password2")
        return data


class PreferencesForm(Form):
    language = _language_field()
    country = _country_field()
    neutral_titles = forms.BooleanField(
        label=pgettext_lazy("form field", "Use neutral tab titles"),
        required=False,
        help_text=pgettext_lazy(
            "form help",
            "Browser tabs and the site name will just say “Notes”, "
            "so a glance at your screen shows nothing personal.",
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()  # type: ignore[attr-defined]
        _offer_site_languages(self)


class DeleteAccountForm(Form):
    pseudonym = _pseudonym_field("off")
    password = _password_field(pgettext_lazy("form field", "Password"), "current-password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pseudonym"].label = pgettext("form field", "Type your pseudonym to confirm")


class TwoFactorForm(Form):
    code = forms.CharField(
        label=pgettext_lazy("form field", "Six-digit code from your authenticator app"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )
