"""Arabizi copies of Arabic-script training rows, for the abuse classifier.

Members write Arabic in Latin letters too ("ya 7mar"). The engine reads Arabizi twice, as the
Latin text and as its Arabic-script reading (`normalise.to_arabic_script`), but that reading is
lossy: short vowels are guessed, an "a" may or may not be an alef, "s" is both س and ص. A
classifier trained on Arabic script alone meets those guessed forms for the first time when
someone is evading it. So training adds a copy of each Arabic-script row written the way people
write Arabizi, and the model learns from what the engine will really read.

The spelling is drawn at random per letter from the common Arabizi conventions (ح as 7 or h,
ق as 9, 2, q, k or g, ي as y, i or ee, ...) with short vowels inserted between consonants, as
people write them; the seed is the text itself, so a copy is the same on every run.
"""

from __future__ import annotations

import hashlib
import random
import re

# Spellings of each letter; a repeated entry is a likelier spelling.
_LETTERS: dict[str, tuple[str, ...]] = {
    "أ": ("a", "a", "2a", "2"),
    "إ": ("e", "i", "2e"),
    "آ": ("a", "aa", "2a"),
    "ء": ("2", "2", "'", ""),
    "ئ": ("2", "'", "y"),
    "ؤ": ("2", "'", "o"),
    "ب": ("b",),
    "ت": ("t",),
    "ث": ("th", "th", "s", "t"),
    "ج": ("j", "j", "g"),
    "ح": ("7", "7", "7", "h"),
    "خ": ("5", "5", "kh", "7'"),
    "د": ("d",),
    "ذ": ("th", "dh", "z", "d"),
    "ر": ("r",),
    "ز": ("z",),
    "س": ("s",),
    "ش": ("sh", "sh", "ch"),
    "ص": ("s", "s", "S"),
    "ض": ("d", "d", "D", "th"),
    "ط": ("6", "6", "t", "T"),
    "ظ": ("z", "th", "6'", "d"),
    "ع": ("3",),
    "غ": ("gh", "gh", "3'"),
    "ف": ("f",),
    "ق": ("9", "9", "2", "q", "k", "g"),
    "ك": ("k",),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ى": ("a", "a", "y", "i"),
    "ة": ("a", "a", "ah", "e"),
}
# Letters whose spelling depends on where they stand: (first, middle, last).
_PLACED: dict[str, tuple[tuple[str, ...], ...]] = {
    "ا": (("a", "a", "e", "i"), ("a", "a", "aa"), ("a",)),
    "و": (("w", "w", "o", "ou"), ("o", "ou", "u", "w", "oo"), ("o", "ou", "u", "w")),
    "ي": (("y", "y", "i"), ("i", "y", "ee", "i"), ("i", "y", "ee", "i")),
    "ه": (("h",), ("h",), ("h", "h", "h", "a", "o")),
}
# Words common enough to have settled spellings.
_COMMON: dict[str, tuple[str, ...]] = {
    "الله": ("allah", "allah", "alla", "alah"),
    "يا": ("ya", "ya", "ya", "ia", "yaa"),
    "و": ("w", "w", "o", "wa"),
    "انا": ("ana", "ana", "ena"),
    "في": ("fi", "fe", "f"),
}
_VOWELS = "اويىةأإآ"  # no short vowel is written beside these
_SHORT = ("a", "a", "e", "e", "i", "o")
_SHORT_RATE = 0.5  # a short vowel between two consonants is written about half the time
_ARTICLE = ("al", "el", "el", "l", "il")
_WORD = re.compile("[\u0621-\u064a]+")
# Harakat and the dagger alef would split a word in two; tatweel is no letter. Arabic digits and
# punctuation are left alone: normalise folds them the same way in both scripts.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def to_arabizi(text: str) -> str:
    """`text` with its Arabic words spelled in Arabizi; the rest is left as it is."""
    seed = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    rng = random.Random(seed)  # noqa: S311 - a seeded spelling, not a secret
    return _WORD.sub(lambda m: _word(m.group(), rng), _MARKS.sub("", text))


def _word(word: str, rng: random.Random) -> str:
    if word in _COMMON:
        return rng.choice(_COMMON[word])
    out = []
    if word.startswith("ال") and len(word) > 3:
        out.append(rng.choice(_ARTICLE))
        word = word[2:]
    for i, c in enumerate(word):
        out.append(_letter(c, i, len(word), rng))
        after = word[i + 1 : i + 2]
        if after and c not in _VOWELS and after not in _VOWELS and rng.random() < _SHORT_RATE:
            out.append(rng.choice(_SHORT))
    return "".join(out)


def _letter(c: str, i: int, n: int, rng: random.Random) -> str:
    if c in _PLACED:
        first, middle, last = _PLACED[c]
        return rng.choice(first if i == 0 else last if i == n - 1 else middle)
    return rng.choice(_LETTERS.get(c, ("",)))
