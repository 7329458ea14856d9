"""Tests for halqa.screening.normalise: each rule, the offset map, and robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from halqa.screening.normalise import (
    Normalised,
    detect_language,
    detect_script,
    fold,
    is_arabizi_token,
    normalise,
    to_arabic_script,
)
from halqa.screening.types import Script

RULES = [
    # diacritics, tatweel, letter folds
    ("مُحَمَّدٌ", "محمد"),
    ("جميــــل", "جميل"),
    ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"),
    ("إلى مستشفى", "الي مستشفي"),
    ("مؤلم بريئة", "مولم برييه"),
    ("ﻻ ﺑﺄﺱ", "لا باس"),  # presentation forms via NFKC
    ("ﷺ", "صلي الله عليه وسلم"),
    ("کیف ہو", "كيف هو"),  # Persian/Urdu letter variants
    # digits
    ("٠٥٠١٢٣٤٥٦٧", "0501234567"),
    ("۰۵۰۱۲۳", "050123"),
    # invisible and bidi controls
    ("ق\u200bت\u200cل", "قتل"),
    ("ki\u00adll\u2066", "kill"),
    ("\ufeffhello\u202e", "hello"),
    # elongation
    ("هههههه", "هه"),
    ("كلللب", "كلب"),
    ("حلوووو", "حلو"),
    ("soooo", "soo"),
    ("killlll", "kill"),
    ("0000", "0000"),
    ("feeeeel killlll", "feel kill"),  # English doubles stay doubled
    ("messssh 3ayyyyez", "mesh 3ayez"),  # in Arabizi words a doubled letter spells nothing
    ("wallllah allllah", "wallah allah"),  # ... unless the word is spelled doubled
    ("ta3333bt m3333a", "ta3bt m3a"),  # a stretched Arabizi digit between letters
    ("2000 100kg emsy666", "2000 100kg emsy666"),  # numbers are not stretching
    ("shiiii", "shii"),  # a three-letter Arabizi word that is English slang too
    # lowercase, fullwidth, homoglyphs
    ("KILL", "kill"),
    ("ｋｉｌｌ", "kill"),
    ("kіll", "kill"),  # Cyrillic і
    ("dеаd", "dead"),  # Cyrillic е, а
    ("καλημέρα", "καλημέρα"),  # real Greek stays
    ("انتحlر", "انتحار"),  # Latin l inside an Arabic word
    # spaced letters
    ("k i l l me", "kill me"),
    ("ا ن ت ح ر", "انتحر"),
    ("f.u.c.k you", "fuck you"),
    ("ق-ت-ل", "قتل"),
    ("s_u_i_c_i_d_e", "suicide"),
    ("انا و انت", "انا و انت"),  # one single letter is not a spaced word
    # leetspeak, not for Arabizi or numbers
    ("k1ll", "kill"),
    ("h4te", "hate"),
    ("a$$", "ass"),
    ("5uicide", "suicide"),
    ("sh1t", "shit"),
    ("3ayez", "3ayez"),
    ("7abibi", "7abibi"),
    ("5alas", "5alas"),
    ("ma3ak", "ma3ak"),
    ("20mg 10am 2nd 2024", "20mg 10am 2nd 2024"),
    ("@nour_22", "nour 22"),
    # punctuation and emoji
    ("hi!!! 😀😀 there", "hi there"),
    ("تعبت،،، جدا؟؟", "تعبت جدا"),
    ("  a\t\nb  ", "a b"),
    ("3'ali", "3'ali"),
]


@pytest.mark.parametrize(("raw", "expected"), RULES)
def test_normalise_rule(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), RULES)
def test_normalise_offsets_point_at_source_characters(raw: str, expected: str) -> None:
    result = normalise(raw)
    assert len(result.offsets) == len(result.text)
    for k in range(len(result.text)):
        assert 0 <= result.offsets[k] < len(raw)


def test_normalise_offsets_exact_for_elongation_and_spacing() -> None:
    raw = "  كلللب   يا f.u.c.k"
    result = normalise(raw)
    assert result.text == "كلب يا fuck"
    assert [raw[i] for i in result.offsets[:3]] == ["ك", "ل", "ب"]
    assert result.original_span(7, 11) == (raw.index("f"), len(raw))
    assert raw[slice(*result.original_span(0, 3))] == "كلللب"


LATIN_ACCENTS = [
    ("I wánt tó kíll mysélf", "i want to kill myself"),  # precomposed
    ("I wa\u0301nt to\u0301 ki\u0301ll myse\u0301lf", "i want to kill myself"),  # combining
    ("ÀÉÎÕÜ señor garçon søster", "aeiou senor garcon søster"),  # ø has no NFKD form
    ("x\u0301\u0323yz", "xyz"),  # marks with no precomposed letter, stacked
    ("ḱíll ḿé", "kill me"),  # Latin Extended Additional
    ("café مُحَمَّد", "cafe محمد"),  # Arabic harakat as before
    ("la séance c'est ce soir", "la seance c est ce soir"),
]


@pytest.mark.parametrize(("raw", "expected"), LATIN_ACCENTS)
def test_normalise_folds_latin_accents(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_latin_accent_offsets_point_at_base_letters() -> None:
    raw = "ki\u0301ll me\u0301 é"
    result = normalise(raw)
    assert result.text == "kill me e"
    assert [raw[i] for i in result.offsets] == list("kill me é")
    assert raw[slice(*result.original_span(0, 4))] == "ki\u0301ll"
    precomposed = normalise("kíll")
    assert precomposed.offsets == [0, 1, 2, 3]


def test_fold_folds_latin_accents() -> None:
    assert fold("Café  Noël") == "cafe noel"


def test_original_span_on_empty_and_out_of_range() -> None:
    assert normalise("").original_span(0, 0) == (0, 0)
    result = normalise("abc")
    assert result.original_span(0, 99) == (0, 3)
    assert result.original_span(2, 1) == (2, 2)


def test_original_span_covers_diacritised_word() -> None:
    raw = "قال مُحَمَّد"
    result = normalise(raw)
    start, end = result.original_span(4, 8)
    assert raw[start:end] == "مُحَمَّد"


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_normalise_never_raises_and_offsets_are_monotonic(raw: str) -> None:
    result = normalise(raw)
    assert isinstance(result, Normalised)
    assert len(result.offsets) == len(result.text)
    assert all(0 <= i < len(raw) for i in result.offsets)
    assert all(a <= b for a, b in zip(result.offsets, result.offsets[1:], strict=False))
    fold(raw)
    to_arabic_script(raw)
    detect_language(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "\ud800\udfff\x00 lone surrogates and NUL",
        "a" * 100_000,
        " " * 100_000,
        "!" * 100_000,
        "k " * 50_000,
        "\u064e" * 100_000,
        "e\u0301" * 50_000,
        "a1" * 50_000,
        "ه" * 100_000,
        "مرحبا 3ayez k1ll 😀 " * 5_000,
        "x" * 1_000_000,
    ],
)
def test_normalise_large_and_odd_inputs(raw: str) -> None:
    result = normalise(raw)
    assert len(result.offsets) == len(result.text)
    fold(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مُحَمَّدٌ   جميــــل", "محمد جميل"),
        ("A B C k1ll c++", "a b c k1ll c++"),
        ("هههههه أحمد ٠٥٠", "هه احمد 050"),
        ("messssh ta3333bt", "messh ta3333bt"),  # Arabizi stretching is undone by normalise only
    ],
)
def test_fold_is_search_form(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("3ayez", True),
        ("7abibi", True),
        ("5alas", True),
        ("2ool", True),
        ("wallah", True),
        ("k1ll", False),
        ("h3ll", False),
        ("5uicide", False),
        ("2024", False),
        ("20mg", False),
        ("hello", False),
        ("l9lawi", True),
        ("ps3", False),
        ("9mm", False),
        ("xe2", False),
        ("yourself2", False),
        ("1er", False),
        ("bas", False),
    ],
)
def test_is_arabizi_token(token: str, expected: bool) -> None:
    assert is_arabizi_token(token) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3ayez", "عايز"),
        ("ana mesh 3ayez a3ish", "انا مش عايز اعيش"),
        ("7abibi", "حبيبي"),
        ("5alas", "خلاص"),
        ("bghit nmout wallah", "بغيت نموت والله"),
        ("3'ali", "غلي"),
        ("I want to die", "I want to die"),
        ("call 988 now", "call 988 now"),
        ("2rid 2n 2mot", "اريد ان اموت"),
        ("oallh t3bt mn kl shi", "والله تعبت من كل شي"),
        ("ana bfakar fel ente7ar", "انا بفكر في الانتحار"),
        ("fel beit w bel leil", "fel beit w bel leil"),  # no Arabizi word: left alone
        ("fkrt alant7ar kl lila", "فكرت الانتحار كل ليلا"),
        ("jbt 7bl w 5las", "جبت حبل و خلاص"),
        ("ana w omy w okhti ta3banin", "انا و امي و اختي تعبنين"),
        ("nefsi amout", "نفسي اموت"),
        ("ia 7mar ia 5ayen", "يا حمار يا خين"),  # no word opens on two vowels: i is ي
        ("oilzmna n3ml kda", "ويلزمنا نعمل كده"),  # o before a vowel is the conjunction
        # "I was" as Moroccan, Gulf and Tunisian write it, so the past reads as in Arabic
        ("kont kan9ol bghit nmout", "كنت كنقول بغيت نموت"),
        ("kunt 3ayez amoot", "كنت عايز اموت"),
        ("kent n7eb nmout", "كنت نحب نموت"),
    ],
)
def test_to_arabic_script(raw: str, expected: str) -> None:
    assert to_arabic_script(raw) == expected


def test_to_arabic_script_keeps_english_words_in_mixed_message() -> None:
    assert to_arabic_script("ana ta3ban and I feel bad") == "انا تعبان and I feel bad"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("t3bt mn kl shi", "t3bt mn kl shi"),  # vowel-less Arabizi in an Arabizi message
        ("jbt 7bl o5lith", "jbt 7bl o5lith"),
        ("go to h3ll", "go to hell"),  # one leet word in English stays leet
        ("k1ll mys3lf n0w", "kill myself now"),
    ],
)
def test_leet_spares_arabizi_messages(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "script", "lang"),
    [
        ("انا تعبان جدا", Script.ARABIC, "ar"),
        ("ana ta3ban gedan", Script.ARABIZI, "ar"),
        ("I feel so tired", Script.LATIN, "en"),
        ("انا تعبان feel so tired today", Script.MIXED, "en"),
        ("انا تعبان جدا today", Script.MIXED, "ar"),
        ("123 !!! 😀", Script.NONE, "und"),
        ("en bas de la page", Script.LATIN, "en"),
        ("li bgha khadma ilta7e9 d blad lkhra", Script.ARABIZI, "ar"),
        ("I beat ps3 games at 2am with 9mm ammo", Script.LATIN, "en"),
        ("da 2fkr 2nt7r mn jd mo mza7 t3bt", Script.ARABIZI, "ar"),
        ("my mp3 and ps5 are broken", Script.LATIN, "en"),
        ("", Script.NONE, "und"),
        # two handles that look like Arabizi by their digits do not make a long post Arabic
        (
            "thanks @sara2i and @moon7a for checking on me last night, I was not doing well and "
            "your messages helped more than you know, I slept a little",
            Script.LATIN,
            "en",
        ),
        ("shukran @sara2i w @moon7a", Script.ARABIZI, "ar"),
        # two listed Arabizi words do, at any length
        (
            "fine ma kayne chi chmkare gualike ghadi imchi l spania oulla europa mandha maddire "
            "b bouzbbale ssirou tnadlo",
            Script.ARABIZI,
            "ar",
        ),
    ],
)
def test_detect_script_and_language(raw: str, script: Script, lang: str) -> None:
    assert detect_script(raw) is script
    assert detect_language(raw) == lang


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeiklstux013457@$'9 .ا", max_size=40))
def test_leet_skips_only_tokens_it_would_leave_alone(text: str) -> None:
    """_leet decodes only runs holding a leet character: the same as decoding every run."""
    import re

    from halqa.screening.normalise import _arabizi_message, _deleet, _leet

    arabizi = _arabizi_message([t.strip("'") for t in re.findall(r"[a-z0-9@$']+", text)])
    every_run = re.sub(r"[a-z0-9@$']+", lambda m: _deleet(m.group(), arabizi), text)
    assert _leet(text) == (every_run if re.search(r"[a-z][0-9@$]|[0-9@$][a-z]", text) else text)


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=60)
    | st.text(alphabet=" .-_*'k1l0o3$@آأإىةـًاتكب7\u200b\u064eаеКⅰＡ", max_size=60)
)
def test_normalise_text_is_normalise_without_offsets(text: str) -> None:
    from halqa.screening.normalise import normalise_text

    assert normalise_text(text) == normalise(text).text
