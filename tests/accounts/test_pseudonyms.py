"""Pseudonym rules, as tables of examples in Arabic and English."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from halqa.accounts.pseudonyms import (
    ARABIC_ADJECTIVES,
    ARABIC_NOUNS,
    ENGLISH_ADJECTIVES,
    ENGLISH_NOUNS,
    candidate_pseudonyms,
    generate_pseudonym,
    pseudonym_key,
    validate_pseudonym,
)

ACCEPTED = [
    "Quiet_Harbor",
    "نسمة_هادئة",
    "river-7",
    "ali",
    "قمر",
    "Zeynep_22",
    "نجمة_٣",
    "café_au_lait",
    "  Calm_Sea  ",
]


@pytest.mark.parametrize("name", ACCEPTED)
def test_validate_pseudonym_accepts(name: str) -> None:
    assert validate_pseudonym(name) == name.strip()


REFUSED = [
    ("", "required"),
    ("   ", "required"),
    ("ab", "too_short"),
    ("قم", "too_short"),
    ("x" * 31, "too_long"),
    ("ن" * 31, "too_long"),
    ("Quiet Harbor", "characters"),
    ("نسمة هادئة", "characters"),
    ("quiet.harbor", "characters"),
    ("me@example", "characters"),
    ("ر\u200fنا", "characters"),  # an invisible right-to-left mark
    ("calm🌙", "characters"),
    ("Quietнarbor", "script"),  # Cyrillic н
    ("Ѕara", "script"),  # Cyrillic Ѕ
    ("Ϲalm_sea", "script"),  # Greek lunate sigma
    ("שלום", "script"),
    ("نسمةa", "mixed_script"),
    ("calm_قمر", "mixed_script"),
    ("123", "no_letter"),
    ("___", "no_letter"),
    ("ali_0501234567", "too_many_digits"),
    ("قمر_٠٥٠١٢٣٤٥٦٧", "too_many_digits"),
]


@pytest.mark.parametrize(("name", "code"), REFUSED)
def test_validate_pseudonym_refuses(name: str, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_pseudonym(name)
    assert error.value.code == code


RESERVED = [
    "admin",
    "Admin1",
    "the_admin",
    "ADM1N",
    "administrator",
    "moderator",
    "mod",
    "m0d",
    "mod_team",
    "the-mod",
    "support",
    "support1",
    "help",
    "staff",
    "official",
    "root",
    "system",
    "operator",
    "expert",
    "the_expert",
    "crisis",
    "halqa",
    "Halqa_Team",
    "HALAQA",
    "مشرف",
    "المشرف",
    "مشرف١",
    "إدارة",
    "ادارة",
    "الإدارة",
    "ادمن",
    "أدمن",
    "مدير",
    "مسؤول",
    "مسئول_2",
    "حلقة",
    "حلقه",
    "دعم",
    "فريق_الدعم",
    "خبير",
]


@pytest.mark.parametrize("name", RESERVED)
def test_validate_pseudonym_refuses_reserved(name: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_pseudonym(name)
    assert error.value.code == "reserved"


NOT_RESERVED = [
    "helpful_river",
    "supportive_friend",
    "expertise",
    "modest",
    "رئيس_الغيوم",
    "قمر_دافئ",
]


@pytest.mark.parametrize("name", NOT_RESERVED)
def test_validate_pseudonym_allows_words_that_only_contain_short_reserved_words(name: str) -> None:
    assert validate_pseudonym(name) == name


SAME_KEY = [
    ("Quiet_Harbor", "quiet_harb0r"),
    ("Quiet_Harbor", "QUIET-HARBOR"),
    ("Quiet_Harbor", "QuietHarbor"),
    ("Quiet_Harbor", "Ｑｕｉｅｔ＿Ｈａｒｂｏｒ"),
    ("Calm_Lily", "ca1m_li1y"),
    ("Calm_Lily", "calm_lliy"),
    ("modern", "modem"),  # rn looks like m
    ("river_7", "river_٧"),
    ("river_7", "river_۷"),
    ("café", "cafe"),
    ("أمل", "امل"),
    ("إيمان", "ايمان"),
    ("آمنة", "امنه"),
    ("هدى", "هدي"),
    ("نسمة_هادئة", "نسمه_هاديه"),
    ("نسمة_هادئة", "نـسـمـة_هادئة"),  # tatweel
    ("نَسْمَة", "نسمة"),  # diacritics
    ("ٱلقمر", "القمر"),
]


@pytest.mark.parametrize(("first", "second"), SAME_KEY)
def test_pseudonym_key_folds_look_alikes(first: str, second: str) -> None:
    assert pseudonym_key(first) == pseudonym_key(second)


DIFFERENT_KEY = [("Quiet_Harbor", "Quiet_Harbour"), ("قمر", "قمري"), ("river_1", "river_2")]


@pytest.mark.parametrize(("first", "second"), DIFFERENT_KEY)
def test_pseudonym_key_keeps_different_names_apart(first: str, second: str) -> None:
    assert pseudonym_key(first) != pseudonym_key(second)


def test_word_lists_give_at_least_900_names_per_language() -> None:
    assert len(set(ENGLISH_ADJECTIVES)) >= 30
    assert len(set(ENGLISH_NOUNS)) >= 30
    assert len(set(ARABIC_ADJECTIVES)) >= 30
    assert len(set(ARABIC_NOUNS)) >= 30


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_generated_combination_is_valid(language: str) -> None:
    if language == "en":
        names = [f"{a}_{n}" for a in ENGLISH_ADJECTIVES for n in ENGLISH_NOUNS]
    else:
        names = [
            f"{n}_{m if g == 'm' else f}" for n, g in ARABIC_NOUNS for m, f in ARABIC_ADJECTIVES
        ]
    for name in names:
        assert validate_pseudonym(name) == name


def test_generate_pseudonym_uses_the_language() -> None:
    arabic = generate_pseudonym("ar")
    english = generate_pseudonym("en")
    assert "_" in arabic
    assert all(not c.isascii() for c in arabic.replace("_", ""))
    assert "_" in english
    assert english.replace("_", "").isascii()


def test_candidate_pseudonyms_are_distinct() -> None:
    names = candidate_pseudonyms("en", 9)
    assert len({pseudonym_key(n) for n in names}) == len(names) == 9
