"""Password rules beyond Django's own validators (see settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.utils.translation import ngettext_lazy


class SimilarToPseudonymValidator(UserAttributeSimilarityValidator):
    """Refuses a password too close to the member's pseudonym (the only thing others see)."""

    def __init__(
        self, user_attributes: Sequence[str] = ("pseudonym",), max_similarity: float = 0.7
    ):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)


# Django 5.2 changed this message and its own Arabic catalogue has not caught up yet: ours
# carries the translation (app catalogues take precedence over Django's).
DJANGO_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
)
