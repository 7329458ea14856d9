"""Search terms: folded (screening.normalise.fold), stop words dropped, lightly stemmed.

Arabic light stemming strips the article and attached particles (ال، لل، بال، كال، فال، وال)
and one or two common suffixes (ات ون ين ان ها هم كم نا ه ي, and the alif of tanween as in
صديقًا). A leading و ف ب ك ل may be a particle or part of the word (فقدان، وحيد، لطيف), so such
a word yields two variants: as written and without the letter. Documents are indexed with
every variant; a query word matches any of its variants, so "القلق", "قلق", "بالقلق" and
"وللقلق" all meet at "قلق". English words go through the Snowball (Porter 2) stemmer.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

from halqa.screening.normalise import fold


def _split(words: str) -> list[str]:
    return words.split()


_WORD = re.compile(r"[^\W\d_]+|\d+")
_ARABIC = re.compile("[\u0621-\u064a]")
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_SUFFIXES = tuple(_split("هما كما ات ون ين ان ها هم هن كم نا يه ه ي ا"))
_PARTICLES = "وفبكل"
_STOP_EN = frozenset(
    _split(
        "a about after also am an and are at be been before being but by can could did do does "
        "feel felt for from get got had has have he here how i if in into is it its "
        "just may me might must my no not of on or our over shall she should so than that the "
        "their them then there these "
        "they this those to too very was we were what when where which who whom why will with "
        "would you your"
    )
)
_STOP_AR = frozenset(
    fold(word)
    for word in _split(
        "في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم انا أنا انت أنت نحن كان "
        "كانت يكون لا لم لن ما ماذا كيف متى اين أين هل قد ثم او أو و يا كل بعد قبل عند حتى لكن بين "
        "اذا إذا ان أن إن كي لماذا جدا شيء اشعر أشعر"
    )
)
_english = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """The folded words of `text`, stop words included (for highlighting)."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=50_000)
def variants(word: str) -> tuple[str, ...]:
    """The stems one folded word may stand for (one, or two for a leading particle)."""
    if word.isdigit():
        return (word,)
    if not _ARABIC.match(word):
        return (_english.stemWord(word),)
    forms = {_arabic_stem(word)}
    if len(word) >= 4 and word[0] in _PARTICLES:
        forms.add(_arabic_stem(word[1:]))
        if len(word) >= 5 and word[0] in "وف" and word[1] in "بكل":
            forms.add(_arabic_stem(word[2:]))
    return tuple(sorted(forms))


def _arabic_stem(word: str) -> str:
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    for _ in range(2):
        word = _strip_suffix(word)
    return word


def _strip_suffix(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def is_stop(word: str) -> bool:
    return word in _STOP_EN or word in _STOP_AR or (len(word) < 2 and not word.isdigit())


def index_terms(text: str) -> str:
    """Space-separated stems of `text`, every variant of each word: what the index stores."""
    return " ".join(stem for word in words(text) if not is_stop(word) for stem in variants(word))


def query_groups(text: str, *, limit: int = 12) -> list[tuple[str, ...]]:
    """One tuple of alternative stems per query word (stop words dropped, duplicates merged)."""
    groups: list[tuple[str, ...]] = []
    for word in words(text):
        if is_stop(word):
            continue
        group = variants(word)
        if group not in groups:
            groups.append(group)
    return groups[:limit]


def stems_of(text: str) -> set[str]:
    """Every stem of every word (for highlighting and topic detection)."""
    return {stem for word in words(text) for stem in variants(word)}
