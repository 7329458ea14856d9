"""Pseudonym rules: what may be chosen, and the key that makes two spellings the same name."""

from __future__ import annotations

import unicodedata


def pseudonym_key(pseudonym: str) -> str:
    """The uniqueness key: NFKC, case folded, surrounding space removed."""
    return unicodedata.normalize("NFKC", pseudonym).casefold().strip()
