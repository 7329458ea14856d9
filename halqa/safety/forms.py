from django import forms
from django.utils.translation import pgettext_lazy


class CheckForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy(
            "helpline check", "How you checked it (and, for a conflict, what you found)"
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SupportMessageForm(forms.Form):
    body = forms.CharField(
        label=pgettext_lazy("support thread", "Your message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class SafetyContactForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("safety contact", "Who should be contacted"),
        help_text=pgettext_lazy(
            "safety contact", "A name, and how they relate to you (e.g. my sister Huda)."
        ),
        max_length=120,
    )
    phone = forms.CharField(
        label=pgettext_lazy("safety contact", "Their phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "tel", "autocomplete": "off"}),
    )
    location = forms.CharField(
        label=pgettext_lazy("safety contact", "Where you usually are"),
        help_text=pgettext_lazy(
            "safety contact", "City and area, or an address emergency services could use."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        digits = sum(character.isdigit() for character in phone)
        if digits < 6 or any(c not in "+0123456789٠١٢٣٤٥٦٧٨٩ -()" for c in phone):
            raise forms.ValidationError(
                pgettext_lazy("safety contact", "Please write a phone number using digits only.")
            )
        return phone


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("safety contact reveal", "Why you need it now (kept in the log)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
