"""Muted words: whole-word matching on folded text, Arabic clitic prefixes included.

Both the muted word and the message go through `screening.normalise.fold` (case, Arabic
letter variants, diacritics, elongation), so "الانتحار" also hides "والإنتحار" and
"للانتحار", and "Cut" hides "cut" but not "cute".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from halqa.screening.normalise import fold

# Longest first: و/ف/ب/ك/ل and their joins with the article ("لل" is ل + ال).
CLITICS = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _stems(token: str) -> Iterator[str]:
    yield token
    for prefix in CLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            yield token[len(prefix) :]


def _targets(first: str) -> set[str]:
    """What the first word of a muted phrase may look like once clitics are taken off."""
    return set(_stems(first)) if first.startswith("ال") else {first}


def _matches(tokens: list[str], phrase: list[str]) -> bool:
    first, rest = _targets(phrase[0]), phrase[1:]
    for index, token in enumerate(tokens):
        if tokens[index + 1 : index + 1 + len(rest)] != rest:
            continue
        if first.intersection(_stems(token)):
            return True
    return False


def muted_in(text: str, folded_words: Iterable[str]) -> str | None:
    """The first muted word found in `text` (as folded), or None."""
    tokens = words(text)
    for folded in folded_words:
        phrase = _WORD.findall(folded)
        if phrase and _matches(tokens, phrase):
            return folded
    return None
