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
from dataclasses import dataclass

from halqa.screening.normalise import detect_language, detect_script, normalise, to_arabic_script
from halqa.screening.types import Script

NGRAM_SIZES = (2, 3, 4, 5)
MAX_TOKEN = 24  # longer tokens (URLs, keyboard mashing) only add noise and time
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A message ready for the classifiers and the rules."""

    language: str
    script: Script
    text: str  # normalised
    arabic: str  # normalised Arabic-script form of Arabizi, else ""


def prepare(raw: str, lang: str | None = None) -> Prepared:
    """Normalise once; Arabizi also gets an Arabic-script reading so Arabic features apply."""
    script = detect_script(raw)
    language = lang if lang in ("ar", "en") else detect_language(raw)
    if script is Script.ARABIZI and language != "en":
        language = "ar"
    text = normalise(raw).text
    arabic = ""
    if script in (Script.ARABIZI, Script.MIXED) and language == "ar":
        arabic = normalise(to_arabic_script(raw)).text
    return Prepared(language, script, text, arabic)


def extract(prepared: Prepared) -> set[str]:
    """The feature strings of one prepared message."""
    found: set[str] = {"t|" + prepared.language, "s|" + prepared.script.value}
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
            for i in range(size - n + 1):
                add(padded[i : i + n])
