"""The personal-data guard: show the author what was found, mask it for them on request.

Spans are always found again on the server from the text sent (never taken from the client).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from halqa.conversations.publish import PersonalDataFound, clean_body
from halqa.conversations.visibility import MASK
from halqa.screening import PersonalDataKind, screen
from halqa.trust.policy import personal_data

REMOVE, POST_ANYWAY = "remove", "post_anyway"


def kind_label(kind: str) -> str:
    labels = {
        PersonalDataKind.PHONE: pgettext("personal data", "phone number"),
        PersonalDataKind.EMAIL: pgettext("personal data", "e-mail address"),
        PersonalDataKind.URL: pgettext("personal data", "link"),
        PersonalDataKind.HANDLE: pgettext("personal data", "social media handle"),
        PersonalDataKind.NATIONAL_ID: pgettext("personal data", "national ID number"),
        PersonalDataKind.IBAN: pgettext("personal data", "bank account (IBAN)"),
        PersonalDataKind.CARD: pgettext("personal data", "card number"),
        PersonalDataKind.ADDRESS: pgettext("personal data", "street address"),
    }
    return str(labels.get(kind, pgettext("personal data", "personal detail")))  # type: ignore[call-overload]


def marked(body: str, spans: list[tuple[str, int, int]]) -> SafeString:
    """The text, escaped, with each span in a <mark> naming what it is."""
    pieces, at = [], 0
    for kind, start, end in sorted(spans, key=lambda span: span[1]):
        if start < at:
            continue
        label = escape(kind_label(kind))
        pieces += [escape(body[at:start]), f'<mark title="{label}">', escape(body[start:end])]
        pieces.append(f'<span class="visually-hidden"> ({label})</span></mark>')
        at = end
    pieces.append(escape(body[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text above is escaped


def masked_text(body: str, spans: list[tuple[str, int, int]]) -> str:
    text = body
    for _, start, end in sorted(spans, key=lambda span: span[1], reverse=True):
        text = text[:start] + MASK + text[end:]
    return text


def remove_for_me(author: Any, body: str) -> str:
    """ "Remove it for me": the text with every personal detail replaced by •••."""
    text = clean_body(body)
    found = personal_data(screen(text, lang=author.language, country=author.country or None))
    return masked_text(text, found)


def context_of(error: PersonalDataFound) -> dict[str, Any]:
    """What the guard partial shows (conversations/_personal_data_guard.html)."""
    kinds = list(dict.fromkeys(kind_label(kind) for kind, _, _ in error.spans))
    return {
        "marked": marked(error.body, error.spans),
        "kinds": kinds,
        "crisis": error.crisis,
    }


def reviewed(form_class: Any, request: Any, **kwargs: Any) -> Any:
    """ "Remove it for me": the form again, bound to the text with its details masked."""
    data = request.POST.copy()
    data["body"] = remove_for_me(request.user, data.get("body", ""))
    data["personal_data"] = ""
    form = form_class(data, **kwargs)
    form.is_valid()
    form.personal_data_removed = True
    return form


def reviewed_or_error(form_class: Any, request: Any, **kwargs: Any) -> Any:
    """ "Remove it for me", or the form with the reason the text cannot be cleaned (empty, too
    long)."""
    try:
        return reviewed(form_class, request, **kwargs)
    except ValidationError as error:
        form = form_class(request.POST, **kwargs)
        form.is_valid()
        form.add_error(None, error)
        return form
