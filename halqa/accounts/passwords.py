"""Password rules beyond Django's own validators (see settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator


class SimilarToPseudonymValidator(UserAttributeSimilarityValidator):
    """Refuses a password too close to the member's pseudonym (the only thing others see)."""

    def __init__(
        self, user_attributes: Sequence[str] = ("pseudonym",), max_similarity: float = 0.7
    ):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)
