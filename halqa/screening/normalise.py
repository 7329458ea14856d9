"""Text normalisation for screening: Arabic, Arabizi and English, with an offset map.

`normalise(text)` undoes spelling variation and common evasion tricks so that classifiers and
lexicons see one form per word, and keeps, for every output character, the index of the input
character it came from (so a finding can be shown or masked on the text the member typed).

Pipeline (each step linear in the input, no backtracking regexes):

1. NFKC (presentation forms, fullwidth and "math" letters); then lowercase.
2. One-to-one folds: Latin accents (é -> e, ñ -> n: NFKD without the marks); alef variants
   أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي, Persian/Urdu
   letter variants (ک ی ہ ھ ...), Arabic-Indic and Persian digits -> ASCII, every whitespace,
   control character and lone surrogate -> space.
3. Deletions: zero-width and bidi controls, soft hyphen, harakat, Quranic marks, tatweel,
   combining marks left on Latin letters (U+0300-U+036F).
4. Homoglyphs: Cyrillic/Greek look-alikes inside Latin words -> Latin; Latin l/1/| and o/0
   between two Arabic letters -> ا and ه.
5. Spaced-out letters ("k i l l", "ا ن ت ح ر", "f.u.c.k", "ق-ت-ل"): 3+ single letters joined.
6. Elongation: an Arabic letter repeated 3+ times -> 1 (Arabic spells a doubled consonant with
   shadda, so a tripled letter is always stretching: كلللب -> كلب), except a token made of one
   letter only, which keeps 2 (laughter هههههه -> هه); other letters 3+ -> 2, because English
   doubles letters legitimately (killlll -> kill, soooo -> soo), except in an Arabizi word (or,
   in an Arabizi message, any word but common English and French ones), where a doubled letter
   spells nothing and the run becomes one (3ayyyyez -> 3ayez, messsh -> mesh, nsaaaali -> nsali;
   wallllah -> wallah, listed doubled). A digit run between two letters is a stretched Arabizi or
   leet letter (ta3333bt -> ta3bt); other digits are never collapsed (2000, 100kg).
7. Leetspeak in Latin words (k1ll -> kill, f@ck -> fack, a$$ -> ass), never in Arabizi words
   (3ayez, 7abibi, 5alas), pure numbers or number+unit tokens (20mg, 10am, 2nd).
8. Punctuation, symbols and emoji -> one space (an apostrophe right after a digit is kept: it is
   part of Arabizi 3' = غ); whitespace runs -> one space; ends stripped.

`normalise` keeps Arabizi in Latin letters; call `to_arabic_script` on its output to get Arabic
script for character n-grams. `fold` is the search form: steps 1-3 and 6 plus whitespace, no
evasion-undoing (leetspeak, joining letters, dropping punctuation would corrupt search terms
such as "b2b", initials "A B C" or "c++"; step 6 without its Arabizi and digit rules, since
folded words are stored).
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
    "light_normalise",
    "normalise",
    "normalise_text",
    "to_arabic_script",
]

_AR_LETTERS = "\u0621-\u063a\u0641-\u064a"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u034f\u180e\u061c"
_MARKS = "\u064b-\u0652\u0670\u06d6-\u06ed\u0640"
_DROP_RE = re.compile(f"[{_INVISIBLE}{_MARKS}]+")
# Latin accents: precomposed letters fold to their base letter one-to-one (NFKD, marks dropped)
# and stray combining marks (U+0300-U+036F) are deleted, so "kíll mysélf" meets "kill myself".
_LATIN_MARKS = "\u0300-\u036f"
_DROP_LATIN_RE = re.compile(f"[{_INVISIBLE}{_MARKS}{_LATIN_MARKS}]+")
_LATIN_ACCENT_RE = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


def _latin_accent_table() -> dict[int, str]:
    table = {}
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        parts = unicodedata.normalize("NFKD", chr(cp))
        base = parts[:1]
        marks = parts[1:]
        if marks and base.isascii() and base.isalpha() and all(map(unicodedata.combining, marks)):
            table[cp] = base
    return table


_LATIN_ACCENTS = _latin_accent_table()


# Frequent Arabic folds go through str.replace (fast); the rare remainder through one
# translate table, only when a regex finds such a character.
_COMMON_FOLDS = tuple(zip("أإآٱىةؤئİ", "اااايهويi", strict=True))
_RARE_CHARS = "\x00-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_RARE_RE = re.compile(f"[{_RARE_CHARS}\ud800-\udfff\u0660-\u0669\u06f0-\u06f9کڪیےہھەۀۃ]")


def _common_folds(text: str) -> str:
    if text.isascii():  # none of the folded letters is ASCII
        return text
    for a, b in _COMMON_FOLDS:
        text = text.replace(a, b)
    return text


def _rare_table() -> dict[int, str]:
    table = {ord(a): b for a, b in zip("کڪیےہھەۀۃ", "ككييههههه", strict=True)}
    table.update({0x0660 + d: str(d) for d in range(10)})
    table.update({0x06F0 + d: str(d) for d in range(10)})
    blanks = [*range(0x20), *range(0x7F, 0xA1), *range(0x2000, 0x200B), *range(0xD800, 0xE000)]
    table.update(dict.fromkeys([*blanks, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000], " "))
    return table


_RARE_TABLE = _rare_table()

_LOOKALIKES = str.maketrans(
    "аеорсухіјѕһԁԛԝӏкмтвнёїαορνικτυχεβηγ",
    "aeopcyxijshdqwlkmtbheiaopvikiuxebny",
)
_LOOKALIKE_RE = re.compile("[аеорсухіјѕһԁԛԝӏкмтвнёїαορνικτυχεβηγ]")
_LATIN_IN_AR_RE = re.compile(f"(?<=[{_AR_LETTERS}])[l1|i!o0](?=[{_AR_LETTERS}])")
_LATIN_IN_AR = {"l": "ا", "1": "ا", "|": "ا", "i": "ا", "!": "ا", "o": "ه", "0": "ه"}

_SPACED_SEP = " ._\\-*·"
_SPACED_RE = re.compile(f"(?<![^\\W_])[^\\W\\d_](?:[{_SPACED_SEP}]+[^\\W\\d_](?![^\\W_])){{2,}}")
_ELONG_RE = re.compile(r"(\w)\1\1+")
_AR_LETTER_RE = re.compile(f"[{_AR_LETTERS}]")
_PUNCT_RE = re.compile(r"[^\w ]+|_+")
_SPACES_RE = re.compile(r" {2,}")

_LATIN_TOKEN_RE = re.compile(r"[a-z0-9@$']+")
_LEET_HINT_RE = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_UNITS = r"\d(?:st|nd|rd|th|er|re|eme|am|pm|mg|ml|kg|km|k|g|h|d|m|s|x|yo|min|hrs?)"
_NUMBER_UNIT_RE = re.compile(r"\d{2,}[a-z]+|[a-z]+\d{2,}|" + _UNITS)
_UNIT_RE = re.compile(r"\d+(?:[.,]\d+)?(?:mm|cm|mg|ml|kg|km|gb|mb)|" + _UNITS)


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
            new_offs.extend(
                offs[s : s + len(repl)]
                if len(repl) <= e - s
                else [offs[min(s + k, e - 1)] for k in range(len(repl))]
            )
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


def _char_steps(text: str, *, offsets: bool = True) -> tuple[str, Sequence[int]]:
    """Steps 1-3: NFKC, lowercase, one-to-one folds, deletions (offsets: () if not wanted)."""
    text, offs = _nfkc(text)
    text = _common_folds(text)
    if _RARE_RE.search(text) is not None:
        text = text.translate(_RARE_TABLE)
    text = text.lower()
    if _LATIN_ACCENT_RE.search(text) is not None:
        text = text.translate(_LATIN_ACCENTS)  # one character for one: offsets unchanged
    edits = ((m.start(), m.end(), "", ()) for m in _DROP_LATIN_RE.finditer(text))
    if not offsets:
        return _apply_text(text, edits), ()
    return _apply(text, offs, edits)


def _token_bounds(text: str, i: int) -> tuple[int, int]:
    start = text.rfind(" ", 0, i) + 1
    end = text.find(" ", i)
    return start, (len(text) if end < 0 else end)


def _lookalikes(text: str) -> str:
    if _LOOKALIKE_RE.search(text) is not None:
        text = _latin_lookalikes(text)
    return _LATIN_IN_AR_RE.sub(lambda m: _LATIN_IN_AR[m.group()], text)


def _latin_lookalikes(text: str) -> str:
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
    return "".join(pieces)


def _spaced_edits(text: str) -> Iterable[_Edit]:
    for m in _SPACED_RE.finditer(text):
        seg = m.group()
        rel = [k for k, c in enumerate(seg) if c not in _SPACED_SEP]
        yield m.start(), m.end(), "".join(seg[k] for k in rel), rel


def _elongation_repl(
    text: str, s: int, e: int, letter: str, *, arabizi: bool, message: bool = False
) -> str:
    """`arabizi`: whether Arabizi is considered at all; `message`: whether the text is Arabizi."""
    if _AR_LETTER_RE.match(letter):
        alone = (s == 0 or not text[s - 1].isalpha()) and (e == len(text) or not text[e].isalpha())
        return letter * (2 if alone else 1)
    if letter.isdigit():  # only a stretched Arabizi or leet letter reaches here: "ta33333bt"
        return letter
    one = arabizi and _in_arabizi_word(text, s, e, message=message)
    return letter * (1 if one else 2)


def _elongation_edits(text: str, *, arabizi: bool = True) -> Iterable[_Edit]:
    message: bool | None = None  # whether the text is Arabizi, read at its first Latin run
    for m in _ELONG_RE.finditer(text):
        letter, s, e = m.group(1), m.start(), m.end()
        if not (letter.isalpha() or (arabizi and _letter_digit(text, s, e, letter))):
            continue
        if arabizi and message is None and letter.isascii():
            message = _is_arabizi_text(text)
        repl = _elongation_repl(text, s, e, letter, arabizi=arabizi, message=bool(message))
        yield s, e, repl, range(len(repl))


def _letter_digit(text: str, s: int, e: int, digit: str) -> bool:
    """A run of one ASCII digit between two letters stands for one letter ("m33333a" = "m3a");
    numbers ("2000", "100kg") are left alone."""
    return (
        digit.isascii()
        and digit.isdigit()
        and s > 0
        and e < len(text)
        and text[s - 1].isalpha()
        and text[e].isalpha()
    )


def _in_arabizi_word(text: str, s: int, e: int, *, message: bool = False) -> bool:
    """Whether a stretched Latin letter is in an Arabizi word ("3aaaam", "messssh"): there a
    doubled letter is no spelling to keep, so the run becomes one letter, as in Arabic. A word
    that the Arabizi list spells doubled keeps two ("wallllah" -> "wallah"). In an Arabizi
    `message`, every word but the common English and French ones counts ("nsaaaali")."""
    before = _LATIN_WORD_END_RE.search(text, max(0, s - _ARABIZI_CONTEXT), s)
    after = _LATIN_WORD_RE.match(text, e, e + _ARABIZI_CONTEXT)
    head, tail = (before.group() if before else ""), (after.group() if after else "")
    one = head + text[s] + tail
    if head + text[s] * 2 + tail in _ARABIZI_WORDS:
        return False
    if one in _ARABIZI_WORDS:  # three-letter ones are English slang too: "shiiii", "chiii"
        return len(one) > 3
    return is_arabizi_token(one) or (message and one not in _NON_ARABIZI)


_ARABIZI_CONTEXT = 16  # letters looked at on each side of a run (keeps the step linear)
_LATIN_WORD_END_RE = re.compile("[a-z0-9']+$")
_LATIN_WORD_RE = re.compile("[a-z0-9']+")


# ---------------------------------------------------------------- Arabizi and leetspeak


def _words(text: str) -> list[str]:
    return text.split()


_ARABIZI_WORDS = frozenset(
    _words(
        "ana enta enti inta inti anta howa huwa e7na ehna i7na ihna entom intu mesh mish msh "
        "mch mech mafi mafish mafeesh mafich wallah walla wallahi wellah khalas khalass yalla "
        "yallah habibi habibti inshallah inchallah nshallah hamdullah hamdulillah "
        "alhamdulillah mashallah leh leih lesh leish lech ezay izay ezzay keda kda kida kaman "
        "kman shway shwaya chwiya ktir kteer bzaf barcha 3ayez 3ayza mawt mout nmout bghit "
        "bghat wach wesh kifach kifash kifak kifik shu shou chou 3la 3lach 3lash ya3ni yaani "
        "ya3ne feen dima daba hna hnaya rabi rabbi ghir bezzaf walo wlad khoya khti sahbi "
        "sa7bi 7ata 7atta allah dyal dyali dialk dyalk dyalna fach chno chnou achno mzyan "
        "mzyana bgha bghina bghiti kayn kayna makaynch makayn hadchi hadak hadik lhadra rani "
        "raha rak nta nti ntoma homa walakin walaken ghadi blad mashi machi wakha safi ezayak "
        "bta3 beta3 awi awy lessa gedan aywa tayeb eza iza hek hayda hayde baddi mni7 mnih "
        "shlonak shlon bdi bidi bedi nefsi nafsi nfsi kl kol kolo shi chi elli illi alli lli "
        "mafeesh khalass 5alas khlas hayda hadi hada hatha haza ma3ad moot amoot amout "
        "nmoot ntihar intihar entehar ente7ar enti7ar inti7ar ba2a 3ayz 3awez 3awz ana3 kaman "
        "bfakar bfakkar bafakar bfkr bfaker awi 2awi"
    )
)
_ARABIZI_DIGITS = frozenset("235679")


def is_arabizi_token(token: str) -> bool:
    """True for a lowercase Latin token that is Arabic written in Latin letters and digits."""
    if token in _ARABIZI_WORDS:
        return True
    if token.isalpha():  # most tokens: no digit at all
        return False
    if not any(c in _ARABIZI_DIGITS for c in token) or _not_arabizi_shape(token):
        return False
    # 3, 5 and 7 are also leet for e, s, t: Arabizi digits sit next to a vowel (3ayez, ma3ak)
    # or start a word (5alas); leet ones sit between consonants (h3ll). 2, 6, 8, 9 are never
    # leet, so for them letters on both sides are enough (l9lawi).
    return _leet_target(token) is None and any(
        _arabizi_context(token, k, strong=c in "2689")
        for k, c in enumerate(token)
        if c in _ARABIZI_DIGITS
    )


def _loose_arabizi_token(token: str) -> bool:
    """An Arabizi digit beside a letter, vowels or not (t3bt, 7bl, 2nt7r): Arabizi only when
    the rest of the message is too (`_arabizi_message`), since "h3ll" has the same shape."""
    if token in _ARABIZI_WORDS:
        return True
    if token.isalpha():  # most tokens: no digit at all
        return False
    digits = sum(c.isdigit() for c in token)
    if not 0 < digits <= 3 or digits == len(token) or len(token) > 15:
        return False
    if any(c in "0148@$" for c in token) or _NOT_WORD_RE.match(token) is not None:
        return False
    if _UNIT_RE.fullmatch(token) is not None or _leet_target(token) is not None:
        return False
    return any(
        c in _ARABIZI_DIGITS and (token[k - 1 : k].isalpha() or token[k + 1 : k + 2].isalpha())
        for k, c in enumerate(token)
    )


def _arabizi_message(tokens: Sequence[str]) -> bool:
    """Two or more Arabizi-looking tokens, and more of them than common English/French words."""
    loose = sum(map(_loose_arabizi_token, tokens))
    return loose >= 2 and loose > sum(t in _NON_ARABIZI for t in tokens)


def _is_arabizi_text(text: str) -> bool:
    """`_arabizi_message` over the Latin tokens of lowercase `text`."""
    return _arabizi_message([t.strip("'") for t in _LATIN_TOKEN_RE.findall(text)])


def _not_arabizi_shape(token: str) -> bool:
    """Numbers, units (9mm, 20mg), game titles (ps3), hex escapes (xe2), random IDs."""
    digits = sum(c.isdigit() for c in token)
    return (
        digits == len(token)
        or digits > 3
        or len(token) > 15
        or any(c in "0148@$" for c in token)
        or _NUMBER_UNIT_RE.fullmatch(token) is not None
        or _NOT_WORD_RE.match(token) is not None
        or _VOWEL_RE.search(token) is None
    )


_NOT_WORD_RE = re.compile(r"x[0-9a-f]{2}|2f")
_VOWEL_RE = re.compile("[aeiouy]")
_VOWELISH = frozenset("aeiouyw'")


def _arabizi_context(token: str, k: int, *, strong: bool) -> bool:
    before = token[k - 1] if k else " "
    after = token[k + 1] if k + 1 < len(token) else " "
    if (k == 0 and after.isalpha()) or before in _VOWELISH or after in _VOWELISH:
        return True
    return strong and before.isalpha() and after.isalpha()


_LEET_TARGETS = frozenset(
    _words(
        "kill killed killing die died dead death hate suicide suicidal cut cutting shit fuck "
        "fucking bitch ass asshole slut whore stupid idiot loser ugly fat hell bastard dick "
        "cunt retard pills hang hanging jump gun knife blood self harm end life worthless"
    )
)


def _leet_target(token: str) -> str | None:
    decoded = token.translate(_LEET)
    if decoded in _LEET_TARGETS:
        return decoded
    for alt in (token.replace("1", "l"), token.replace("@", "u"), token.replace("0", "u")):
        if (decoded := alt.translate(_LEET)) in _LEET_TARGETS:
            return decoded
    return None


def _deleet(token: str, arabizi_message: bool = False) -> str:
    """Leet-decode one token, or return it unchanged when it is not leet."""
    if not token.strip("'") or not any(c.isalpha() for c in token):
        return token
    if arabizi_message and _loose_arabizi_token(token.strip("'")):
        return token
    if is_arabizi_token(token) or _NUMBER_UNIT_RE.fullmatch(token):
        return token
    target = _leet_target(token.strip("'"))
    if target is not None:
        return token.replace(token.strip("'"), target)
    head = token[0] if token[0] == "@" else ""  # a leading @ is a mention, not an "a"
    return head + token[len(head) :].translate(_LEET)


# A whole run of [a-z0-9@$'] that holds a leet character; runs without one are left alone, as
# _deleet would leave them (nothing to decode, and a leet target spelled plainly is itself).
_LEET_TOKEN_RE = re.compile(r"(?<![a-z0-9@$'])[a-z0-9@$']*[013457@$][a-z0-9@$']*")


def _leet(text: str) -> str:
    if _LEET_HINT_RE.search(text) is None:
        return text
    arabizi = _is_arabizi_text(text)
    return _LEET_TOKEN_RE.sub(lambda m: _deleet(m.group(), arabizi), text)


def _punct_edits(text: str) -> Iterable[_Edit]:
    for m in _PUNCT_RE.finditer(text):
        s = m.start()
        if m.group() == "'" and s and text[s - 1].isdigit():  # Arabizi 3' = غ, 7' = خ
            continue
        yield s, m.end(), " ", None


def _space_edits(text: str) -> Iterable[_Edit]:
    return ((m.start(), m.end(), " ", None) for m in _SPACES_RE.finditer(text))


def _strip(text: str, offs: Sequence[int]) -> tuple[str, Sequence[int]]:
    start = 1 if text[:1] == " " else 0
    end = len(text) - 1 if len(text) > start and text[-1] == " " else len(text)
    return text[start:end], offs[start:end]


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
    text, offs = _strip(*_run(text, offs, [_punct_edits, _space_edits]))
    return Normalised(text, list(offs))


def normalise_text(text: str) -> str:
    """`normalise(text).text`, without building the offset map (the classifiers' view)."""
    text = _char_steps(text, offsets=False)[0]
    text = _lookalikes(text)
    text = _apply_text(text, _spaced_edits(text))
    text = _apply_text(text, _elongation_edits(text))
    text = _leet(text)
    # Without an apostrophe (kept after a digit) every run of punctuation becomes one space.
    text = _PUNCT_RE.sub(" ", text) if "'" not in text else _apply_text(text, _punct_edits(text))
    text = _SPACES_RE.sub(" ", text)
    start = 1 if text[:1] == " " else 0
    end = len(text) - 1 if len(text) > start and text[-1] == " " else len(text)
    return text[start:end]


def _apply_text(text: str, edits: Iterable[_Edit]) -> str:
    """`_apply` without the offsets."""
    pieces: list[str] = []
    pos = 0
    for s, e, repl, _ in edits:
        pieces.append(text[pos:s])
        pieces.append(repl)
        pos = e
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


_FULLWIDTH = {0xFF10 + d: str(d) for d in range(10)} | {0xFF20: "@", 0xFF0E: ".", 0xFF0B: "+"}


def light_normalise(text: str) -> Normalised:
    """Folds that keep every visible character in place, for pattern matching (personal data):
    lowercase, Arabic letter folds, Arabic-Indic/Persian/fullwidth digits -> ASCII, controls ->
    space, invisible characters, harakat and tatweel removed. Punctuation is untouched."""
    text = _common_folds(text)
    if _RARE_RE.search(text) is not None:
        text = text.translate(_RARE_TABLE)
    if _FULLWIDTH_RE.search(text) is not None:
        text = text.translate(_FULLWIDTH)
    text = text.lower()
    edits = ((m.start(), m.end(), "", ()) for m in _DROP_RE.finditer(text))
    folded, offs = _apply(text, range(len(text)), edits)
    return Normalised(folded, list(offs))


_FULLWIDTH_RE = re.compile("[\uff0b\uff0e\uff10-\uff19\uff20]")


def fold(text: str) -> str:
    """Search form: NFKC, lowercase, Arabic letter and digit folds, deletions, elongation,
    whitespace collapsed. No leetspeak, letter joining or punctuation removal."""
    text = _char_steps(text)[0]
    text, _ = _apply(text, range(len(text)), _elongation_edits(text, arabizi=False))
    return " ".join(text.split())


# ---------------------------------------------------------------- Arabizi -> Arabic script

_ARABIZI_LEXICON = {
    word: arabic
    for entry in _words(
        "enta,inta,anta=انت enti,inti,anti=انتي howa,huwa=هو heya,hiya=هي "
        "e7na,ehna,i7na,ihna=احنا mesh,mish,msh,mch,mech,mush=مش wallah,walla,wallahi,wellah=والله "
        "bas,bass=بس yalla,yallah=يلا inshallah,inchallah,nshallah=انشالله "
        "hamdullah,hamdulillah,alhamdulillah=الحمدلله lesh,leish,lech=ليش mawt,mot,mout=موت "
        "keda,kda,kida=كده ktir,kteer=كتير rabi,rabbi=ربي sahbi,sa7bi=صاحبي 7ata,7atta=حتي "
        "fin,feen,fen=فين khalas,5alas=خلاص bzaf,bezzaf=بزاف ana=انا ya=يا habibi=حبيبي "
        "mashallah=ماشالله leh=ليه 3ayez=عايز 3ayza=عايزه ya3ni=يعني walo=والو ghir=غير 3la=علي "
        "wach=واش daba=دابا dima=ديما kifach=كيفاش 3lach=علاش mafi=مافي mafish=مافيش shway=شوي "
        "shwaya=شويه kaman=كمان hna=هنا bghit=بغيت allah=الله khoya=خويا khti=ختي barcha=برشا "
        "nmout,nmoot=نموت amoot,amout,amot,2mot,2amoot=اموت moot=موت allh=الله oallh,wallh=والله "
        "intihar,entehar,ente7ar,enti7ar,inti7ar,ento7ar=انتحار alant7ar,elente7ar=الانتحار "
        "ent7r,ant7r,ento7er,anta7er,ente7er,2ant7r,antahir=انتحر nefsi,nafsi,nfsi,nifsi=نفسي "
        "ba2a,ba2=بقي 3ayz,3awez,3awz=عايز "
        "a3ish,2a3ish,a3eesh=اعيش 7ayati,7aiati,hayati=حياتي 5las,5lass,khlas=خلاص "
        "kont,kunt,kent=كنت "
        "bdi,bidi,bedi,bade,baddi=بدي bfakar,bfakkar,bafakar,bfkr,bfaker,befakar=بفكر "
        "el,al,il=ال fel,fil,fl=في_ال bel,bil=بال"
    )
    for words, arabic in [entry.split("=")]
    for word in words.split(",")
}
_TRANSLIT_PAIRS = dict(
    pair.split("=")
    for pair in _words(
        "3'=غ 7'=خ 9'=ض 6'=ظ sh=ش ch=ش kh=خ gh=غ th=ث dh=ذ ou=و oo=و uu=و ee=ي ii=ي aa=ا"
    )
)
_TRANSLIT = dict(zip("2356789btjgdrzsfqklmnhpvwyc", "ءعخطحققبتججدرزسفقكلمنهبفويك", strict=True))
_TRANSLIT["x"] = "كس"
_VOWELS = frozenset("aeiouéèêà")
_ARABIZI_TOKEN_RE = re.compile(r"[A-Za-z0-9'éèêà]+")
_NON_ARABIZI = frozenset(
    _words(
        "the and to is i you it a of in that my me not for on be this so with are was have do "
        "but just feel like what can no yes he she we they your all will if at or how why "
        "je tu il elle on nous vous les le la de des et est pas que qui une un en du ce ça "
        "c mais pour avec dans sur"
    )
)


def _transliterate(token: str) -> str:
    """Greedy chat-alphabet transliteration of one lowercase Arabizi token."""
    if token in _ARABIZI_LEXICON:
        return _ARABIZI_LEXICON[token]
    out: list[str] = []
    i, n = 0, len(token)
    while i < n:
        pair = token[i : i + 2]
        if pair in _TRANSLIT_PAIRS:
            out.append(_TRANSLIT_PAIRS[pair])
            i += 2
            continue
        c = token[i]
        if c == "2" and i == 0:  # a hamza on a first alef folds to alef (2ana = أنا)
            out.append("ا")
        else:
            out.append(_vowel(token, i) if c in _VOWELS else _TRANSLIT.get(c, ""))
        i += 2 if c == token[i + 1 : i + 2] and c not in _VOWELS else 1  # doubled = shadda
    return "".join(out)


def _vowel(token: str, i: int) -> str:
    c = token[i]
    if i == 0:
        if c == "i" and token[1:2] in _VOWELS:  # no word opens on two vowels: ia = يا
            return "ي"
        return "و" if c == "o" and _conjunction(token) else "ا"
    if i == 1 and token[0] == "o" and _conjunction(token):  # oalbab = والباب, oilzm = ويلزم
        return "ي" if c == "i" else "ا"
    if i == 2 and token[:2] in ("al", "el"):  # al + a: the article before an alef (alant7ar)
        return "ا"
    if i == len(token) - 1:
        return {"a": "ا", "i": "ي", "o": "و", "u": "و"}.get(c, "")
    if c in "iou":
        return "ي" if c == "i" else "و"
    # a long ā is likelier after ع/ء and in a closed last syllable (ta3ban, kalam)
    last_syllable = i == len(token) - 2 and token[-1] not in _VOWELS
    return "ا" if c == "a" and (token[i - 1] in "32" or last_syllable) else ""


def _conjunction(token: str) -> bool:
    """A first "o" that is the conjunction و: before a vowel (oallh, oilzm) or two consonants
    (omsh), not before one sound (omy, okhti)."""
    nxt = token[1:3]
    if nxt[:1] in ("a", "e", "i"):
        return True
    consonants = len(nxt) == 2 and not any(c in _VOWELS or c in "wy" for c in nxt)
    return consonants and nxt not in _TRANSLIT_PAIRS


def to_arabic_script(text: str) -> str:
    """Rewrite Arabizi tokens in Arabic script (normalised letters); leave the rest alone.

    A token is Arabizi when `is_arabizi_token` says so; when a message has at least two such
    tokens and more of them than common English/French words, every Latin word is taken as
    Arabizi except those common words."""
    matches = list(_ARABIZI_TOKEN_RE.finditer(text))
    tokens = [m.group().lower() for m in matches]
    flags = [not t.isdigit() and is_arabizi_token(t) for t in tokens]
    arabizi, common = sum(flags), sum(t in _NON_ARABIZI for t in tokens)
    whole = (arabizi >= 2 and arabizi > common) or _arabizi_message(tokens)
    pieces, pos = [], 0
    for m, token, flag in zip(matches, tokens, flags, strict=True):
        number = _is_number(token) and not _loose_arabizi_token(token)
        if flag or (whole and token not in _NON_ARABIZI and not number):
            pieces += [text[pos : m.start()], _transliterate(token) or m.group()]
            pos = m.end()
    pieces.append(text[pos:])
    return _ARTICLE_RE.sub(r"\1\2", "".join(pieces)).replace("_", " ")


# "el ente7ar" is one Arabic word, الانتحار: the article joins the word after it.
_ARTICLE_RE = re.compile("(^|[ _])(ب?ال) +(?=[\u0621-\u064a])")


def _is_number(token: str) -> bool:
    return token.isdigit() or _NUMBER_UNIT_RE.fullmatch(token) is not None


# ---------------------------------------------------------------- script and language

# Runs, not single letters: counting the letters of a few words beats one string per letter.
_ARABIC_RUN_RE = re.compile(f"[{_AR_LETTERS}\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]+")
_DIGIT_RE = re.compile("[0-9]")
_LATIN_RUN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")


_Counts = tuple[int, int, int, int, int]
# detect_script and detect_language are usually asked about the same message back to back.
_last_counts: tuple[str, _Counts] = ("", (0, 0, 0, 0, 0))


def _counts(text: str) -> _Counts:
    """(Arabic letters, Latin letters, Arabizi tokens, Latin tokens, listed Arabizi words),
    remembering the last."""
    global _last_counts
    last = _last_counts
    if last[0] is text:
        return last[1]
    result = _count(text)
    _last_counts = (text, result)
    return result


def _count(text: str) -> _Counts:
    arabic = sum(map(len, _ARABIC_RUN_RE.findall(text)))
    latin = sum(map(len, _LATIN_RUN_RE.findall(text)))
    if not latin:
        return arabic, 0, 0, 0, 0
    tokens = [t.lower() for t in _ARABIZI_TOKEN_RE.findall(text) if not t.isdigit()]
    listed = sum(t in _ARABIZI_WORDS for t in tokens)
    if _DIGIT_RE.search(text) is None:  # the common case: only the word list can match
        return arabic, latin, listed, len(tokens), listed
    if _arabizi_message(tokens):
        return arabic, latin, sum(map(_loose_arabizi_token, tokens)), len(tokens), listed
    return arabic, latin, sum(map(is_arabizi_token, tokens)), len(tokens), listed


def detect_script(text: str) -> Script:
    """ARABIC, ARABIZI, LATIN, MIXED (both scripts, the smaller one >= 20%) or NONE."""
    arabic, latin, arabizi, latin_tokens, listed = _counts(text)
    if not arabic and not latin:
        return Script.NONE
    if min(arabic, latin) >= 0.2 * (arabic + latin):
        return Script.MIXED
    if arabic > latin:
        return Script.ARABIC
    # Two listed words ("ana", "mesh") make a message Arabizi at any length; two tokens that only
    # look like Arabizi by their digits are often handles, links or IDs ("b2i", "2rvoba") and
    # make only a short message Arabizi, not a long English post.
    if arabizi and (
        arabizi * 4 > latin_tokens or listed >= 2 or (arabizi >= 2 and arabizi * 10 > latin_tokens)
    ):
        return Script.ARABIZI
    return Script.LATIN


def detect_language(text: str) -> str:
    """Return "ar" (Arabic script or Arabizi), "en" (other Latin text) or "und" (no letters)."""
    script = detect_script(text)
    if script is Script.NONE:
        return "und"
    if script is Script.MIXED:
        arabic, latin, _, _, _ = _counts(text)
        return "ar" if arabic >= latin else "en"
    return "ar" if script in (Script.ARABIC, Script.ARABIZI) else "en"
