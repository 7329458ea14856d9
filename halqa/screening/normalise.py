"""Text normalisation for screening: Arabic, Arabizi and English, with an offset map.

`normalise(text)` undoes spelling variation and common evasion tricks so that classifiers and
lexicons see one form per word, and keeps, for every output character, the index of the input
character it came from (so a finding can be shown or masked on the text the member typed).

Pipeline (each step linear in the input, no backtracking regexes):

1. NFKC (presentation forms, fullwidth and "math" letters); then lowercase.
2. One-to-one folds: alef variants أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي, Persian/Urdu
   letter variants (ک ی ہ ھ ...), Arabic-Indic and Persian digits -> ASCII, every whitespace,
   control character and lone surrogate -> space.
3. Deletions: zero-width and bidi controls, soft hyphen, harakat, Quranic marks, tatweel.
4. Homoglyphs: Cyrillic/Greek look-alikes inside Latin words -> Latin; Latin l/1/| and o/0
   between two Arabic letters -> ا and ه.
5. Spaced-out letters ("k i l l", "ا ن ت ح ر", "f.u.c.k", "ق-ت-ل"): 3+ single letters joined.
6. Elongation: an Arabic letter repeated 3+ times -> 1 (Arabic spells a doubled consonant with
   shadda, so a tripled letter is always stretching: كلللب -> كلب), except a token made of one
   letter only, which keeps 2 (laughter هههههه -> هه); other letters 3+ -> 2, because English
   doubles letters legitimately (killlll -> kill, soooo -> soo). Digits are never collapsed.
7. Leetspeak in Latin words (k1ll -> kill, f@ck -> fack, a$$ -> ass), never in Arabizi words
   (3ayez, 7abibi, 5alas), pure numbers or number+unit tokens (20mg, 10am, 2nd).
8. Punctuation, symbols and emoji -> one space (an apostrophe right after a digit is kept: it is
   part of Arabizi 3' = غ); whitespace runs -> one space; ends stripped.

`normalise` keeps Arabizi in Latin letters; call `to_arabic_script` on its output to get Arabic
script for character n-grams. `fold` is the search form: steps 1-3 and 6 plus whitespace, no
evasion-undoing (leetspeak, joining letters, dropping punctuation would corrupt search terms
such as "b2b", initials "A B C" or "c++").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from halqa.screening.types import Script

__all__ = [
    "Normalised",
    "detect_language",
    "detect_script",
    "fold",
    "is_arabizi_token",
    "normalise",
    "to_arabic_script",
]

_AR_LETTERS = "\u0621-\u063a\u0641-\u064a"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u034f\u180e\u061c"
_MARKS = "\u064b-\u0652\u0670\u06d6-\u06ed\u0640"
_DROP_RE = re.compile(f"[{_INVISIBLE}{_MARKS}]+")


def _char_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): "ا" for c in "أإآٱ"}
    table.update({ord("ى"): "ي", ord("ة"): "ه", ord("ؤ"): "و", ord("ئ"): "ي", ord("İ"): "i"})
    table.update({ord(a): b for a, b in zip("کڪیےہھەۀۃ", "ككييهههه", strict=True)})
    table.update({0x0660 + d: str(d) for d in range(10)})
    table.update({0x06F0 + d: str(d) for d in range(10)})
    for code in [*range(0x20), *range(0x7F, 0xA1), 0x1680, *range(0x2000, 0x200B), 0x2028,
                 0x2029, 0x202F, 0x205F, 0x3000, *range(0xD800, 0xE000)]:
        table[code] = " "
    return table


_CHAR_TABLE = _char_table()

_LOOKALIKES = str.maketrans(
    "аеорсухіјѕһԁԛԝӏкмтвнёїαορνικτυχεβηγ",
    "aeopcyxijshdqwlkmtbheiaopvikiuxebny",
)
_LOOKALIKE_RE = re.compile("[аеорсухіјѕһԁԛԝӏкмтвнёїαορνικτυχεβηγ]")
_LATIN_IN_AR_RE = re.compile(f"(?<=[{_AR_LETTERS}])[l1|i!o0](?=[{_AR_LETTERS}])")
_LATIN_IN_AR = {"l": "ا", "1": "ا", "|": "ا", "i": "ا", "!": "ا", "o": "ه", "0": "ه"}

_SPACED_SEP = " ._\\-*·"
_SPACED_RE = re.compile(f"(?<!\\w)[^\\W\\d_](?:[{_SPACED_SEP}]+[^\\W\\d_](?!\\w)){{2,}}")
_ELONG_RE = re.compile(r"([^\W\d_])\1{2,}")
_AR_LETTER_RE = re.compile(f"[{_AR_LETTERS}]")
_PUNCT_RE = re.compile(r"(?:[^\w\s']|_|(?<![0-9])')+")
_SPACES_RE = re.compile(r"^ +| +$| {2,}")

_LATIN_TOKEN_RE = re.compile(r"[a-z0-9@$']+")
_LEET_HINT_RE = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})
_NUMBER_UNIT_RE = re.compile(
    r"\d{2,}[a-z]+|[a-z]+\d{2,}|\d(?:st|nd|rd|th|am|pm|mg|ml|kg|km|k|g|h|d|m|s|x|yo|min|hrs?)"
)


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text and, for each of its characters, the index in the original text."""

    text: str
    offsets: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map `[start, end)` of `.text` to `[start, end)` of the original text."""
        n = len(self.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if n == 0 or start >= end:
            at = self.offsets[start] if start < n else (self.offsets[-1] + 1 if n else 0)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


# An edit replaces text[s:e] by `repl`; `rel` gives, per replacement char, its source index
# relative to s (None: spread the replacement over the first chars of the span).
_Edit = tuple[int, int, str, Sequence[int] | None]


def _apply(text: str, offs: Sequence[int], edits: Iterable[_Edit]) -> tuple[str, Sequence[int]]:
    pieces: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for s, e, repl, rel in edits:
        pieces.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        pieces.append(repl)
        if rel is None:
            last = e - 1
            new_offs.extend(offs[min(s + k, last)] for k in range(len(repl)))
        else:
            new_offs.extend(offs[s + k] for k in rel)
        pos = e
    if pos == 0 and not pieces:
        return text, offs
    pieces.append(text[pos:])
    new_offs.extend(offs[pos:])
    return "".join(pieces), new_offs


def _nfkc(text: str) -> tuple[str, Sequence[int]]:
    """NFKC per cluster (a starter and its combining marks), so offsets stay exact."""
    if unicodedata.is_normalized("NFKC", text):
        return text, range(len(text))
    edits: list[_Edit] = []
    n, i = len(text), 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        out = unicodedata.normalize("NFKC", cluster)
        if out != cluster:
            edits.append((i, j, out, None))
        i = j
    return _apply(text, range(n), edits)


def _char_steps(text: str) -> tuple[str, Sequence[int]]:
    """Steps 1-3: NFKC, lowercase, one-to-one folds, deletions."""
    text, offs = _nfkc(text)
    text = text.translate(_CHAR_TABLE).lower()
    edits = ((m.start(), m.end(), "", ()) for m in _DROP_RE.finditer(text))
    return _apply(text, offs, edits)


def _token_bounds(text: str, i: int) -> tuple[int, int]:
    start = text.rfind(" ", 0, i) + 1
    end = text.find(" ", i)
    return start, (len(text) if end < 0 else end)


def _lookalikes(text: str) -> str:
    if _LOOKALIKE_RE.search(text) is None:
        return text
    pieces, pos = [], 0
    for m in _LOOKALIKE_RE.finditer(text):
        if m.start() < pos:
            continue
        s, e = _token_bounds(text, m.start())
        token = text[s:e]
        if re.search("[a-z]", token):
            token = token.translate(_LOOKALIKES)
        pieces += [text[pos:s], token]
        pos = e
    pieces.append(text[pos:])
    text = "".join(pieces)
    return _LATIN_IN_AR_RE.sub(lambda m: _LATIN_IN_AR[m.group()], text)


def _spaced_edits(text: str) -> Iterable[_Edit]:
    for m in _SPACED_RE.finditer(text):
        seg = m.group()
        rel = [k for k, c in enumerate(seg) if c not in _SPACED_SEP]
        yield m.start(), m.end(), "".join(seg[k] for k in rel), rel


def _elongation_repl(text: str, s: int, e: int, letter: str) -> str:
    if not _AR_LETTER_RE.match(letter):
        return letter * 2
    alone = (s == 0 or not text[s - 1].isalpha()) and (e == len(text) or not text[e].isalpha())
    return letter * (2 if alone else 1)


def _elongation_edits(text: str) -> Iterable[_Edit]:
    for m in _ELONG_RE.finditer(text):
        repl = _elongation_repl(text, m.start(), m.end(), m.group(1))
        yield m.start(), m.end(), repl, range(len(repl))


# ---------------------------------------------------------------- Arabizi and leetspeak

_ARABIZI_WORDS = frozenset(
    "ana enta enti inta inti anta anti howa huwa heya hiya e7na ehna i7na ihna entom intu "
    "mesh mish msh mch mech mush mafi mafish mafeesh mafich wallah walla wallahi wellah "
    "bas bass khalas khalass yalla yallah habibi habibti inshallah inchallah nshallah "
    "hamdullah hamdulillah alhamdulillah mashallah leh leih lesh leish lech ezay izay ezzay "
    "keda kda kida kaman kman shway shwaya chwiya ktir kteer bzaf barcha 3ayez 3ayza mawt "
    "mot mout nmout bghit bghat wach wesh wash kifach kifash kifak kifik shu shou chou "
    "3la 3lach 3lash ya3ni yaani ya3ne fin feen fen dima daba hna hnaya rabi rabbi ghir "
    "bezzaf walo wlad khoya khti sahbi sa7bi 7ata 7atta".split()
)
_ARABIZI_DIGITS = frozenset("235679")


def is_arabizi_token(token: str) -> bool:
    """True for a lowercase Latin token that is Arabic written in Latin letters and digits."""
    if token in _ARABIZI_WORDS:
        return True
    if not any(c in _ARABIZI_DIGITS for c in token) or token.isdigit():
        return False
    if any(c in "0148@$" for c in token) or _NUMBER_UNIT_RE.fullmatch(token):
        return False
    if any(c in "2689" for c in token):
        return True
    # 3, 5 and 7 are also leet for e, s, t: Arabizi digits sit next to a vowel (3ayez, ma3ak)
    # or start a word (5alas); leet ones sit between consonants (h3ll).
    return _leet_target(token) is None and any(
        c in "357" and _arabizi_context(token, k) for k, c in enumerate(token)
    )


def _arabizi_context(token: str, k: int) -> bool:
    before = token[k - 1] if k else ""
    after = token[k + 1] if k + 1 < len(token) else ""
    return k == 0 and after.isalpha() or before in "aeiouyw'" or after in "aeiouyw'"


_LEET_TARGETS = frozenset(
    "kill killed killing die died dead death hate suicide suicidal cut cutting shit fuck "
    "fucking bitch ass asshole slut whore stupid idiot loser ugly fat hell bastard dick "
    "cunt retard pills hang hanging jump gun knife blood self harm end life worthless".split()
)


def _leet_target(token: str) -> str | None:
    decoded = token.translate(_LEET)
    if decoded in _LEET_TARGETS:
        return decoded
    alt = token.replace("1", "l").translate(_LEET)
    return alt if alt in _LEET_TARGETS else None


def _deleet(token: str) -> str:
    """Leet-decode one token, or return it unchanged when it is not leet."""
    if not token.strip("'") or not any(c.isalpha() for c in token):
        return token
    if is_arabizi_token(token) or _NUMBER_UNIT_RE.fullmatch(token):
        return token
    target = _leet_target(token.strip("'"))
    if target is not None:
        return token.replace(token.strip("'"), target)
    head = token[0] if token[0] == "@" else ""  # a leading @ is a mention, not an "a"
    return head + token[len(head):].translate(_LEET)


def _leet(text: str) -> str:
    if _LEET_HINT_RE.search(text) is None:
        return text
    return _LATIN_TOKEN_RE.sub(lambda m: _deleet(m.group()), text)


def _punct_edits(text: str) -> Iterable[_Edit]:
    return ((m.start(), m.end(), " ", None) for m in _PUNCT_RE.finditer(text))


def _space_edits(text: str) -> Iterable[_Edit]:
    n = len(text)
    for m in _SPACES_RE.finditer(text):
        s, e = m.span()
        yield s, e, ("" if s == 0 or e == n else " "), None


def _run(text: str, offs: Sequence[int], steps: Iterable[_Step]) -> tuple[str, Sequence[int]]:
    for step in steps:
        text, offs = _apply(text, offs, step(text))
    return text, offs


_Step = Callable[[str], Iterable[_Edit]]


def normalise(text: str) -> Normalised:
    """The full pipeline (see the module docstring). Never raises; linear time."""
    text, offs = _char_steps(text)
    text = _lookalikes(text)
    text, offs = _run(text, offs, [_spaced_edits, _elongation_edits])
    text = _leet(text)
    text, offs = _run(text, offs, [_punct_edits, _space_edits])
    return Normalised(text, list(offs))


def fold(text: str) -> str:
    """Search form: NFKC, lowercase, Arabic letter and digit folds, deletions, elongation,
    whitespace collapsed. No leetspeak, letter joining or punctuation removal."""
    text = _char_steps(text)[0]
    text = _ELONG_RE.sub(lambda m: _elongation_repl(m.string, *m.span(), m.group(1)), text)
    return " ".join(text.split())
