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
    """
    normalised = normalise_text(raw)
    script = detect_script(normalised)
    language = lang if lang in ("ar", "en") else detect_language(normalised)
    if script is Script.ARABIZI and language != "en":
        language = "ar"
    arabic = ""
    if script in (Script.ARABIZI, Script.MIXED) and language == "ar":
        arabic = squeeze(normalise_text(to_arabic_script(normalised)))
    text = squeeze(normalised)
    emoji = tuple(set(_EMOJI.findall(raw)))
    hits, insults = scan(text, arabic)
    return Prepared(language, script, text, arabic, emoji, hits, tuple(insults))


def squeeze(text: str) -> str:
    """Runs of one letter become one letter: elongation left at two by the normaliser."""
    return _RUNS.sub(r"\1", text)


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


def indices(
    prepared: Prepared, vocab: Mapping[str, int], cache: dict[str, TokenFeatures]
) -> tuple[list[int], int]:
    """`extract(prepared)` as the models read it: the sorted vocabulary indices of its known
    features, and the number of distinct features (known or not), which sets the scale.

    The same features as `extract`, found token by token; a token's n-grams and word feature are
    looked up once and kept in `cache` (cleared when it holds TOKEN_CACHE_SIZE tokens).
    """
    known: set[int] = set()
    unknown: set[str] = set()
    get = vocab.get
    # Features of the message as a whole and word bigrams: looked up directly.
    direct = ["t|" + prepared.language, "s|" + prepared.script.value]
    if prepared.hits is not None:
        direct += prepared.hits.tags()
    direct += ["r|" + name for name in prepared.insults]
    direct += ["e|" + e for e in prepared.emoji]
    for text in (prepared.text, prepared.arabic):
        if not text:
            continue
        previous = ""
        for token in _TOKEN.findall(text):
            token = token[:MAX_TOKEN]
            entry = cache.get(token)
            if entry is None:
                entry = _token_features(token, get)
                if len(cache) >= TOKEN_CACHE_SIZE:
                    cache.clear()
                cache[token] = entry
            known.update(entry[0])
            if entry[1]:
                unknown.update(entry[1])
            if previous:
                direct.append("b|" + previous + " " + token)
            previous = token
    for feature, i in zip(direct, map(get, direct), strict=True):
        if i is None:
            unknown.add(feature)
        else:
            known.add(i)
    return sorted(known), len(known) + len(unknown)


def _token_features(token: str, get: Callable[[str], int | None]) -> TokenFeatures:
    padded = " " + token + " "
    size = len(padded)
    grams = [padded[i : i + n] for n in NGRAM_SIZES if n <= size for i in range(size - n + 1)]
    grams.append("w|" + token)
    known: list[int] = []
    unknown: list[str] = []
    for gram in grams:  # a repeated n-gram is counted once by the caller's sets
        i = get(gram)
        if i is None:
            unknown.append(gram)
        else:
            known.append(i)
    return tuple(known), tuple(unknown)
