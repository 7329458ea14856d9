"""Turning a message into the sparse features both classifiers read.

Training and serving call the same `prepare()` and `extract()`, so there is no train/serve skew.
A feature is a short string: word-boundary-aware character n-grams (2-5) of each token, word
unigrams and bigrams, and a few tags (language, script). The models store an exact vocabulary of
the features that matter instead of hashing them, because Python's `hash()` of a string changes
from process to process and a stable hash in pure Python costs more than the dict lookup it feeds.
Each message is a binary bag of features scaled to unit length (1/sqrt(count)).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import compress, pairwise, repeat
from operator import is_, is_not, itemgetter
from typing import cast

import numpy as np
import numpy.typing as npt

from halqa.screening.lexicon import CrisisHits, scan
from halqa.screening.normalise import (
    detect_language,
    detect_script,
    normalise_text,
    to_arabic_script,
)
from halqa.screening.types import Script

NGRAM_SIZES = (2, 3, 4, 5)
MAX_TOKEN = 24  # longer tokens (URLs, keyboard mashing) only add noise and time
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
# Emoji carry tone (mockery, rage) and the normaliser drops them: read them from the raw text.
_RUNS = re.compile(r"(\w)\1+")
_FIRST = itemgetter(1)  # a match's first group: cheaper than the template r"\1"
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message ready for the classifiers and the rules."""

    language: str
    script: Script
    text: str  # normalised
    arabic: str  # normalised Arabic-script form of Arabizi, else ""
    emoji: tuple[str, ...] = ()
    hits: CrisisHits | None = None
    insults: tuple[str, ...] = ()


def prepare(raw: str, lang: str | None = None) -> Prepared:
    """Normalise once; Arabizi also gets an Arabic-script reading so Arabic features apply.

    Script and language are read from the normalised text, so zero-width characters and
    homoglyphs cannot hide Arabizi; doubled letters are squeezed ("wannnt" and "want" meet).
    `lang` is used only for text without letters.
    """
    normalised = normalise_text(raw)
    script = detect_script(normalised)
    # The text decides its language; the hint (the author's language) only when it cannot, as
    # for emoji alone. An English-speaking member's Arabic or Arabizi is still Arabic: read as
    # English it lost its Arabic reading, and the corpus lost 12 points of crisis recall.
    language = detect_language(normalised)
    if language == "und" and lang in ("ar", "en"):
        language = lang
    arabic = ""
    if script in (Script.ARABIZI, Script.MIXED) and language == "ar":
        arabic = squeeze(normalise_text(to_arabic_script(normalised)))
    text = squeeze(normalised)
    emoji = tuple(set(_EMOJI.findall(raw)))
    hits, insults = scan(text, arabic)
    return Prepared(language, script, text, arabic, emoji, hits, tuple(insults))


def squeeze(text: str) -> str:
    """Runs of one letter become one letter: elongation left at two by the normaliser."""
    return _RUNS.sub(_FIRST, text)


def extract(prepared: Prepared, tags: tuple[str, ...] = ()) -> set[str]:
    """The feature strings of one prepared message, plus the given rule tags."""
    found: set[str] = {"t|" + prepared.language, "s|" + prepared.script.value, *tags}
    if prepared.hits is not None:
        found.update(prepared.hits.tags())
    found.update("r|" + name for name in prepared.insults)
    found.update("e|" + e for e in prepared.emoji)
    _add_text(found, prepared.text)
    if prepared.arabic:
        _add_text(found, prepared.arabic)
    return found


def _add_text(found: set[str], text: str) -> None:
    tokens = _TOKEN.findall(text)
    add = found.add
    previous = ""
    for token in tokens:
        token = token[:MAX_TOKEN]
        add("w|" + token)
        if previous:
            add("b|" + previous + " " + token)
        previous = token
        padded = " " + token + " "
        size = len(padded)
        for n in NGRAM_SIZES:
            if n > size:
                break
            found.update([padded[i : i + n] for i in range(size - n + 1)])


# Serving: the vocabulary indices of a token's own features (word and character n-grams), and
# those of its features the models never saw, remembered per token: most words recur.
TokenFeatures = tuple[tuple[int, ...], tuple[str, ...]]
TOKEN_CACHE_SIZE = 30_000
# The n-gram slices of a padded token of each length, in extract's order (n, then position).
_SLICES = tuple(
    tuple(slice(i, i + n) for n in NGRAM_SIZES if n <= size for i in range(size - n + 1))
    for size in range(MAX_TOKEN + 3)
)


def indices(
    prepared: Prepared, vocab: Mapping[str, int], cache: dict[str, TokenFeatures]
) -> tuple[npt.NDArray[np.intp], int]:
    """`extract(prepared)` as the models read it: the sorted vocabulary indices of its known
    features, and the number of distinct features (known or not), which sets the scale.

    The same features as `extract`, found token by token; a token's n-grams and word feature are
    looked up once and kept in `cache` (cleared when it holds TOKEN_CACHE_SIZE tokens).
    """
    ids: list[int] = []  # with repeats, made unique once at the end
    unknown: set[str] = set()
    # Features of the message as a whole and word bigrams: looked up directly.
    direct = ["t|" + prepared.language, "s|" + prepared.script.value]
    if prepared.hits is not None:
        direct += prepared.hits.tags()
    direct += ["r|" + name for name in prepared.insults]
    direct += ["e|" + e for e in prepared.emoji]
    for text in (prepared.text, prepared.arabic):
        if text:
            tokens = _tokens(text)
            for token in tokens:
                entry = cache.get(token) or _remember(token, vocab, cache)
                ids += entry[0]
                if entry[1]:
                    unknown.update(entry[1])
            direct += [f"b|{a} {b}" for a, b in pairwise(tokens)]
    known, missing = _lookup(direct, vocab.get)
    ids += known
    unknown.update(missing)
    active = _sorted_unique(ids)
    return active, len(active) + len(unknown)


def _tokens(text: str) -> list[str]:
    tokens: list[str] = _TOKEN.findall(text)
    if max(map(len, tokens), default=0) > MAX_TOKEN:
        return [token[:MAX_TOKEN] for token in tokens]
    return tokens


def _sorted_unique(ids: list[int]) -> npt.NDArray[np.intp]:
    """`np.unique` without its overhead; numpy sorts a few hundred ints far faster than Python."""
    active = np.fromiter(ids, np.intp, len(ids))
    active.sort()
    if len(active) < 2:
        return active
    keep = np.empty(len(active), np.bool_)
    keep[0] = True
    np.not_equal(active[1:], active[:-1], out=keep[1:])
    return active[keep]


def _remember(
    token: str, vocab: Mapping[str, int], cache: dict[str, TokenFeatures]
) -> TokenFeatures:
    entry = _token_features(token, vocab.get)
    if len(cache) >= TOKEN_CACHE_SIZE:
        cache.clear()
    cache[token] = entry
    return entry


def _token_features(token: str, get: Callable[[str], int | None]) -> TokenFeatures:
    padded = " " + token + " "
    grams = list(map(padded.__getitem__, _SLICES[len(padded)]))
    grams.append("w|" + token)
    return _lookup(grams, get)  # a repeated n-gram is counted once by the caller's sets


def _lookup(keys: list[str], get: Callable[[str], int | None]) -> TokenFeatures:
    """(indices of the known keys, the unknown keys), filtered in C rather than a Python loop."""
    found = list(map(get, keys))
    known = cast(tuple[int, ...], tuple(compress(found, map(is_not, found, repeat(None)))))
    if len(known) == len(keys):
        return known, ()
    return known, tuple(compress(keys, map(is_, found, repeat(None))))
