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
