"""Per-group watched words: exact words or phrases, prefixes, or a regular expression per word.

Text and patterns are both folded with the screening normaliser (`light_normalise`: case,
Arabic letter variants, Arabic-Indic digits, harakat and tatweel), which keeps every character
in place, so a match maps back to a span of the original text (to mask it). A regular
expression is matched against one word at a time and refused when it could backtrack without
bound (nested repeats, back-references), so a moderator's pattern can never stall publishing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from halqa.screening.normalise import light_normalise
from halqa.trust.enums import Match

PATTERN_LENGTH = 100
WORD_LENGTH = 64  # longer "words" (pasted junk) are not tried against a regular expression
# Arabic clitics written before a word: و ف ب ك ل, the article, and their joins.
CLITICS = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Hit:
    word_id: int
    action: str
    start: int
    end: int


def fold(text: str) -> str:
    return light_normalise(text).text


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) with start/end in the ORIGINAL text."""
    folded = light_normalise(text)
    found = []
    for match in _WORD.finditer(folded.text):
        start, end = folded.original_span(match.start(), match.end())
        found.append((match.group(), start, end))
    return found


def _bare(token: str) -> set[str]:
    forms = {token}
    for prefix in CLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            forms.add(token[len(prefix) :])
    return forms


def _first_matches(token: str, first: str, *, prefix: bool) -> bool:
    """The first word, with Arabic clitics (and the article) taken off both sides."""
    targets = _bare(first)
    if prefix:
        return any(form.startswith(t) for form in _bare(token) for t in targets)
    return bool(targets & _bare(token))


def _phrase_hits(
    tokens: list[tuple[str, int, int]], words: list[str], prefix: bool
) -> list[tuple[int, int]]:
    """Spans where the phrase `words` occurs; with `prefix`, its last word may go on."""
    spans = []
    n = len(words)
    for i in range(len(tokens) - n + 1):
        window = [t[0] for t in tokens[i : i + n]]
        if n == 1:
            if not _first_matches(window[0], words[0], prefix=prefix):
                continue
        else:
            last_ok = window[-1].startswith(words[-1]) if prefix else window[-1] == words[-1]
            first_ok = _first_matches(window[0], words[0], prefix=False)
            if not (first_ok and last_ok and window[1:-1] == words[1:-1]):
                continue
        spans.append((tokens[i][1], tokens[i + n - 1][2]))
    return spans


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern[str] | None:
    """The pattern compiled, or None when it is invalid or unsafe (however it was stored)."""
    try:
        check_pattern(pattern, Match.REGEX)
        return re.compile(fold(pattern), re.IGNORECASE)
    except (ValidationError, re.error):
        return None


def _regex_hits(tokens: list[tuple[str, int, int]], pattern: str) -> list[tuple[int, int]]:
    rx = compiled(pattern)
    if rx is None:
        return []
    return [(s, e) for word, s, e in tokens if len(word) <= WORD_LENGTH and rx.fullmatch(word)]


def find(text: str, watched: Iterable[object]) -> list[Hit]:
    """Every match of the group's watched words in `text`, in the original text's positions."""
    watched = list(watched)
    if not watched:
        return []
    tokens = _tokens(text)
    hits: list[Hit] = []
    for word in watched:
        pattern, match = str(word.pattern), str(word.match)  # type: ignore[attr-defined]
        if match == Match.REGEX:
            spans = _regex_hits(tokens, pattern)
        else:
            words = _WORD.findall(fold(pattern))
            spans = _phrase_hits(tokens, words, match == Match.PREFIX) if words else []
        hits += [Hit(word.pk, str(word.action), s, e) for s, e in spans]  # type: ignore[attr-defined]
    return hits


def _invalid(text: str) -> ValidationError:
    return ValidationError({"pattern": ValidationError(text, code="invalid")})


def check_pattern(pattern: str, match: str) -> str:
    """The pattern, cleaned; ValidationError when it is empty, too long or unsafe."""
    pattern = " ".join(pattern.split())
    if not pattern or len(pattern) > PATTERN_LENGTH:
        return _raise(
            pgettext_lazy("watched words", "Write a word or pattern of up to 100 characters.")
        )
    if match != Match.REGEX:
        if not _WORD.search(fold(pattern)):
            return _raise(pgettext_lazy("watched words", "Write at least one letter or digit."))
        return pattern
    try:
        parsed = re._parser.parse(fold(pattern))  # type: ignore[attr-defined]
    except (re.error, RecursionError, OverflowError):
        return _raise(pgettext_lazy("watched words", "This regular expression is not valid."))
    if _unsafe(parsed.data, inside_repeat=False):
        return _raise(
            pgettext_lazy(
                "watched words",
                "This regular expression could be very slow (a repeat inside a repeat, "
                "alternatives inside a repeat, or a back-reference): please simplify it.",
            )
        )
    return pattern


def _raise(message: object) -> str:
    raise _invalid(str(message))


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def _children(name: str, arg: Any) -> list[Any]:
    if name in _REPEATS:
        return [arg[2].data]
    if name == "SUBPATTERN":
        return [arg[-1].data]
    if name == "BRANCH":
        return [branch.data for branch in arg[1]]
    return []


def _unsafe(items: Any, *, inside_repeat: bool) -> bool:
    """Nested repeats, alternatives under a repeat, back-references or look-arounds anywhere
    in an sre_parse tree. What is left backtracks at most polynomially on one word (<= 64)."""
    for op, arg in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS", "ASSERT", "ASSERT_NOT"):
            return True
        repeat = name in _REPEATS
        if (repeat or name == "BRANCH") and inside_repeat:
            return True  # a repeat of a repeat, or of alternatives: exponential backtracking
        nested = inside_repeat or repeat
        if any(_unsafe(child, inside_repeat=nested) for child in _children(name, arg)):
            return True
    return False
