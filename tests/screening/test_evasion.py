"""Evasions (spacing, elongation, zero-width, diacritics, homoglyphs, Arabizi) keep the verdict."""

from __future__ import annotations

import pytest

from halqa.screening import CrisisLevel, screen
from halqa.screening.evaluate import EVASIONS
from halqa.screening.features import prepare

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
    [("ta33333bt", "ta3bt"), ("bfaker en7er nafffffsi", "bfaker en7er nafsi")],
)
def test_elongated_arabizi_word_reads_as_the_plain_word(stretched: str, plain: str) -> None:
    assert prepare(stretched).arabic == prepare(plain).arabic


@pytest.mark.xfail(
    strict=True,
    reason="known limit: a stretched vowel in an Arabizi word without digits is read as a long "
    "vowel ('nsaaaali' as نسالي, 'nsali' as نسلي), so the model may level it differently",
)
def test_stretched_vowel_in_a_word_without_digits_reads_as_the_plain_word() -> None:
    stretched, plain = "bghit nsaaaali m3a had dnya", "bghit nsali m3a had dnya"
    assert prepare(stretched).arabic == prepare(plain).arabic
