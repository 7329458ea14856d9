"""Pseudonym rules: what may be chosen, and the key that makes two spellings the same name.

The key folds everything a reader could mistake for something else (case, width, Arabic
letter variants and diacritics, digits that look like letters, `rn` for `m`), so nobody can
take a name that looks like someone else's, or like the staff's.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

MIN_LENGTH = 3
MAX_LENGTH = 30
MAX_DIGITS = 6  # more digits than this starts to look like a phone number

_TATWEEL = "\u0640"
_DROPPED = {"Mn", "Cf"}  # combining marks (harakat, hamza above/below) and invisible controls
_SEPARATORS = "_-"
_LETTER_FOLDS = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla → alef (other alef/hamza forms lose their mark below)
        "\u0649": "\u064a",  # alef maqsura → yeh
        "\u06cc": "\u064a",  # Persian yeh → yeh
        "\u0629": "\u0647",  # teh marbuta → heh
        "\u06a9": "\u0643",  # keheh → kaf
        "\u0621": "",  # a lone hamza is easy to drop or add
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "5": "s",
    }
)
_DIGIT_PAIRS = ((0x0660, "0"), (0x06F0, "0"))  # Arabic-Indic and extended Arabic-Indic


def _ascii_digits(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        for start, _zero in _DIGIT_PAIRS:
            if start <= code <= start + 9:
                char = str(code - start)
        out.append(char)
    return "".join(out)


def pseudonym_key(pseudonym: str) -> str:
    """The uniqueness key: two pseudonyms with the same key look the same to a reader."""
    text = unicodedata.normalize("NFKC", pseudonym).casefold().strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c) not in _DROPPED and c != _TATWEEL)
    text = _ascii_digits(text).translate(_LETTER_FOLDS)
    text = "".join(c for c in text if c not in _SEPARATORS and not c.isspace())
    return text.replace("rn", "m").replace("vv", "w")


def display_form(pseudonym: str) -> str:
    """The spelling we store and show: compatibility forms unified, surrounding space gone."""
    return unicodedata.normalize("NFKC", pseudonym).strip()


# ---- reserved names -------------------------------------------------------------------------

# Refused wherever they appear inside a name ("the_admin", "halqa_team", "مشرف١").
_RESERVED_ANYWHERE = (
    "admin",
    "moderator",
    "operator",
    "halqa",
    "halaqa",
    "official",
    "staff",
    "ادمن",
    "مشرف",
    "إدارة",
    "حلقة",
    "مسؤول",
    "مسئول",
    "مدير",
    "الإدارة",
)
# Refused as the whole name, give or take digits, "the"/"al" and "team" ("mod1", "the_expert").
_RESERVED_EXACT = (
    "mod",
    "mods",
    "root",
    "system",
    "sysop",
    "expert",
    "support",
    "help",
    "helpdesk",
    "crisis",
    "security",
    "team",
    "anonymous",
    "deleted",
    "دعم",
    "مساعدة",
    "خبير",
    "نظام",
    "فريق",
    "أزمة",
    "طوارئ",
    "مجهول",
    "محذوف",
)
_PREFIXES = ("the", "real", "official", "team", "فريق", "al", "ال")  # in this order
_SUFFIXES = ("team", "فريق")


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(pseudonym_key(word) for word in words)


_ANYWHERE_KEYS = _keys(_RESERVED_ANYWHERE)
_EXACT_KEYS = _keys(_RESERVED_EXACT) | _ANYWHERE_KEYS
_PREFIX_KEYS = tuple(pseudonym_key(p) for p in _PREFIXES)
_SUFFIX_KEYS = tuple(pseudonym_key(s) for s in _SUFFIXES)


def _trimmed(key: str) -> set[str]:
    forms = {key}
    for prefix in _PREFIX_KEYS:
        forms |= {f.removeprefix(prefix) for f in forms}
    for suffix in _SUFFIX_KEYS:
        forms |= {f.removesuffix(suffix) for f in forms}
    return forms


def is_reserved(pseudonym: str) -> bool:
    """True for staff-like and system names, including obvious variants of them."""
    without_digits = "".join(c for c in pseudonym if unicodedata.category(c) != "Nd")
    keys = {pseudonym_key(pseudonym), pseudonym_key(without_digits)}
    if any(word in key for key in keys for word in _ANYWHERE_KEYS):
        return True
    return any(form in _EXACT_KEYS for key in keys for form in _trimmed(key))


# ---- validation -----------------------------------------------------------------------------

MESSAGES = {
    "required": pgettext_lazy("pseudonym error", "Please choose a pseudonym."),
    "too_short": pgettext_lazy("pseudonym error", "A pseudonym needs at least 3 characters."),
    "too_long": pgettext_lazy("pseudonym error", "A pseudonym can have at most 30 characters."),
    "characters": pgettext_lazy(
        "pseudonym error",
        "Please use only letters, digits, _ and - (no spaces: write quiet_harbor, "
        "not quiet harbor).",
    ),
    "script": pgettext_lazy("pseudonym error", "Please use Arabic or Latin letters only."),
    "mixed_script": pgettext_lazy(
        "pseudonym error",
        "Please use either Arabic or Latin letters, not both in one pseudonym.",
    ),
    "no_letter": pgettext_lazy("pseudonym error", "A pseudonym needs at least one letter."),
    "too_many_digits": pgettext_lazy(
        "pseudonym error",
        "Too many digits: a pseudonym should not look like a phone number.",
    ),
    "reserved": pgettext_lazy(
        "pseudonym error",
        "This pseudonym is kept for the site and its team. Please choose another one.",
    ),
    "taken": pgettext_lazy(
        "pseudonym error",
        "This pseudonym, or one that looks just like it, is already in use. "
        "Please choose another one.",
    ),
}


def _script(char: str) -> str:
    """'arabic', 'latin', 'neutral' (digits, _ -, marks on Arabic letters) or 'other'."""
    if char in _SEPARATORS or _is_allowed_digit(char):
        return "neutral"
    name = unicodedata.name(char, "")
    if name.startswith("ARABIC") and unicodedata.category(char) in {"Lo", "Lm", "Mn"}:
        return "arabic"
    if name.startswith("LATIN") and unicodedata.category(char) in {"Ll", "Lu", "Lt"}:
        return "latin"
    return "other"


def _is_allowed_digit(char: str) -> bool:
    """ASCII and Arabic-Indic digits; other scripts' digits are refused."""
    return unicodedata.category(char) == "Nd" and (char.isascii() or _ascii_digits(char) != char)


def _error(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _check_characters(name: str) -> None:
    scripts = [_script(c) for c in name]
    if "other" in scripts:
        letters = [c for c, s in zip(name, scripts, strict=True) if s == "other"]
        code = "script" if any(c.isalpha() for c in letters) else "characters"
        raise _error(code)
    if "arabic" in scripts and "latin" in scripts:
        raise _error("mixed_script")
    if not any(c.isalpha() for c in name):
        raise _error("no_letter")
    if sum(unicodedata.category(c) == "Nd" for c in name) > MAX_DIGITS:
        raise _error("too_many_digits")


def validate_pseudonym(pseudonym: str) -> str:
    """The pseudonym as it will be stored; raises ValidationError with a code from MESSAGES.

    Does not check whether it is taken (that needs the database: see actions.sign_up).
    """
    name = display_form(pseudonym or "")
    if not name:
        raise _error("required")
    if len(name) < MIN_LENGTH:
        raise _error("too_short")
    if len(name) > MAX_LENGTH:
        raise _error("too_long")
    _check_characters(name)
    if is_reserved(name):
        raise _error("reserved")
    return name


# ---- suggestions ----------------------------------------------------------------------------

# Calm nature words. They describe a place or a thing, never the person, so they suit anyone.
ENGLISH_ADJECTIVES = (
    "Quiet", "Gentle", "Calm", "Warm", "Soft", "Still", "Bright", "Clear", "Kind", "Steady",
    "Golden", "Silver", "Misty", "Sunny", "Hidden", "Early", "Evening", "Morning", "Green",
    "Blue", "Patient", "Peaceful", "Tender", "Hopeful", "Slow", "Open", "Wide", "Deep", "Light",
    "Rising",
)  # fmt: skip
ENGLISH_NOUNS = (
    "Harbor", "River", "Meadow", "Cedar", "Olive", "Breeze", "Valley", "Garden", "Stream",
    "Willow", "Dune", "Oasis", "Moon", "Star", "Cloud", "Rain", "Field", "Shore", "Wave",
    "Pebble", "Lantern", "Orchard", "Palm", "Jasmine", "Dawn", "Brook", "Hill", "Forest",
    "Feather", "Sky",
)  # fmt: skip
# Arabic: a noun and its gender, then adjectives as (masculine, feminine).
ARABIC_NOUNS = (
    ("نسمة", "f"), ("غيمة", "f"), ("واحة", "f"), ("زهرة", "f"), ("شجرة", "f"), ("نخلة", "f"),
    ("موجة", "f"), ("سحابة", "f"), ("غابة", "f"), ("حديقة", "f"), ("ريشة", "f"), ("نجمة", "f"),
    ("قطرة", "f"), ("شمعة", "f"), ("تلة", "f"), ("نهر", "m"), ("قمر", "m"), ("مطر", "m"),
    ("ضوء", "m"), ("فجر", "m"), ("ظل", "m"), ("جدول", "m"), ("مرفأ", "m"), ("بستان", "m"),
    ("ياسمين", "m"), ("زيتون", "m"), ("أرز", "m"), ("نسيم", "m"), ("شاطئ", "m"), ("وادي", "m"),
)  # fmt: skip
ARABIC_ADJECTIVES = (
    ("هادئ", "هادئة"), ("دافئ", "دافئة"), ("لطيف", "لطيفة"), ("ساكن", "ساكنة"),
    ("مضيء", "مضيئة"), ("صافي", "صافية"), ("رقيق", "رقيقة"), ("بعيد", "بعيدة"),
    ("أخضر", "خضراء"), ("أزرق", "زرقاء"), ("ذهبي", "ذهبية"), ("فضي", "فضية"),
    ("صبور", "صبورة"), ("مشرق", "مشرقة"), ("ناعم", "ناعمة"), ("خفيف", "خفيفة"),
    ("عميق", "عميقة"), ("واسع", "واسعة"), ("مسائي", "مسائية"), ("صباحي", "صباحية"),
    ("ندي", "ندية"), ("حالم", "حالمة"), ("آمن", "آمنة"), ("وديع", "وديعة"),
    ("باسم", "باسمة"), ("مطمئن", "مطمئنة"), ("صغير", "صغيرة"), ("جميل", "جميلة"),
    ("طيب", "طيبة"), ("مزهر", "مزهرة"),
)  # fmt: skip


def generate_pseudonym(language: str, rng: secrets.SystemRandom | None = None) -> str:
    """One friendly pseudonym in `language`: "نسمة_هادئة", "Quiet_Harbor"."""
    pick = (rng or secrets.SystemRandom()).choice
    if language == "ar":
        noun, gender = pick(ARABIC_NOUNS)
        masculine, feminine = pick(ARABIC_ADJECTIVES)
        return f"{noun}_{feminine if gender == 'f' else masculine}"
    return f"{pick(ENGLISH_ADJECTIVES)}_{pick(ENGLISH_NOUNS)}"


def candidate_pseudonyms(language: str, count: int) -> list[str]:
    """Up to `count` different valid suggestions (not checked against the database)."""
    found: dict[str, str] = {}
    for _attempt in range(count * 20):
        name = generate_pseudonym(language)
        if not is_reserved(name):
            found.setdefault(pseudonym_key(name), name)
        if len(found) == count:
            break
    return list(found.values())
