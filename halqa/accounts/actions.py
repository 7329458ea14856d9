"""Every write to an account goes through here."""

from __future__ import annotations

from halqa.accounts.models import User


def change_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])
