"""Evasions (spacing, elongation, zero-width, diacritics, homoglyphs, Arabizi) keep the verdict."""

from __future__ import annotations

import pytest

from halqa.screening import CrisisLevel, screen
from halqa.screening.evaluate import EVASIONS
from halqa.screening.features import prepare
from halqa.screening.normalise import normalise_text

ABUSIVE = ["يا ابن الكلب يا حقير", "you stupid bitch", "يا حمار يا وسخ"]
CRISIS = ["I want to kill myself", "بدي انتحر وما بدي عيش", "نفسي اموت"]
# Arabizi is measured on realistic pairs below; the mechanical transliteration is for the bench.
EVERY_SCRIPT = {"spaced", "elongation", "zero_width", "homoglyphs"}


def _cases(texts: list[str]) -> list[tuple[str, str]]:
    return [
        (name, text)
        for text in texts
        for name in EVASIONS
        if name in EVERY_SCRIPT or (name == "diacritics" and not text.isascii())
    ]


@pytest.mark.parametrize(("evasion", "text"), _cases(ABUSIVE))
def test_abuse_survives_evasion(evasion: str, text: str) -> None:
    assert screen(EVASIONS[evasion](text)).abuse_label == "abusive"


@pytest.mark.parametrize(("evasion", "text"), _cases(CRISIS))
def test_crisis_survives_evasion(evasion: str, text: str) -> None:
    assert screen(EVASIONS[evasion](text)).crisis.rank >= CrisisLevel.IDEATION.rank


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [
        ("bghit nmout", "بغيت نموت"),
        ("ana ta3ban w bade mout", "انا تعبان وبدي موت"),
        ("bdi ento7er", "بدي انتحر"),
        ("nefsi amoot", "نفسي اموت"),
        ("ana 3ayez amoot", "انا عايز اموت"),
        ("khalas ma3ad 2ader, 3ayez amout", "خلاص ما عاد قادر، عايز اموت"),
        ("bfakar fel ente7ar", "بفكر في الانتحار"),
        ("2fkr bal2nt7ar kl lila", "أفكر بالانتحار كل ليلة"),  # vowel-less, digits for letters
    ],
)
def test_arabizi_reads_like_arabic_for_crisis(arabizi: str, arabic: str) -> None:
    assert screen(arabizi).crisis.rank >= CrisisLevel.IDEATION.rank
    assert screen(arabic).crisis.rank >= CrisisLevel.IDEATION.rank


@pytest.mark.parametrize(
    "text",
    ["bghit nsali m3a had dnya", "bfaker en7er nafsi el leila", "ba3d el 3id ha5alas men 7ayati"],
)
def test_elongated_arabizi_keeps_crisis_level(text: str) -> None:
    """Stretched Arabizi digits ("m3333a") and letters ("nafffffsi") still reach ideation."""
    assert screen(text).crisis.rank >= CrisisLevel.IDEATION.rank
    assert screen(EVASIONS["elongation"](text)).crisis.rank >= CrisisLevel.IDEATION.rank


@pytest.mark.parametrize(
    ("stretched", "plain"),
    [
        ("ta33333bt", "ta3bt"),
        ("bfaker en7er nafffffsi", "bfaker en7er nafsi"),
        # a word without digits, in an Arabizi message: the vowel run is stretching, not ā
        ("bghit nsaaaali m3a had dnya", "bghit nsali m3a had dnya"),
    ],
)
def test_elongated_arabizi_word_reads_as_the_plain_word(stretched: str, plain: str) -> None:
    assert prepare(stretched).arabic == prepare(plain).arabic


def test_english_words_keep_their_doubled_letter_even_in_an_arabizi_message() -> None:
    assert normalise_text("ana mesh 3ayez a3ish, sooo tired") == "ana mesh 3ayez a3ish soo tired"
    assert normalise_text("soooo tired of nsaaaali") == "soo tired of nsaali"  # not Arabizi
