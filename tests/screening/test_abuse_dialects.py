"""Abuse across Arabic dialects: clear insults flagged, self-talk, denial and reports not.

The sentences are written for these tests (never taken from an evaluation set). Each dialect's
insult is checked on the shipped models end to end, and the lexicon's readings are pinned on
their own so a retrained model cannot hide a rule regression.
"""

from __future__ import annotations

import pytest

from halqa.screening import screen
from halqa.screening.engine import Scores, abuse_score
from halqa.screening.features import prepare
from halqa.screening.lexicon import AIMED, abuse_hits
from halqa.screening.types import CrisisLevel

# (dialect, message): an insult aimed at another person.
INSULTS = [
    ("Levantine", "يلعن ابوك يا حيوان شو بدك"),
    ("Levantine", "انت واحد كر وحمار، انقلع من هون"),
    ("Egyptian", "يا ابن الكلب يا معفن امشي من هنا"),
    ("Egyptian", "انت خول ومتناك"),
    ("Gulf", "انقلع يا خبل يا دلخ"),
    ("Gulf", "الله ياخذك يا كلب"),
    ("Iraqi", "ولك انت مطي وجلب"),
    ("Sudanese", "يا حمار يا زفت"),
    ("Tunisian", "يا ولد القحبه يا طحان"),
    ("Tunisian", "نيكمك يا بهيم"),
    ("Moroccan", "سير تقود ا زامل"),
    ("Moroccan", "نتا حلوف ومكلخ"),
    ("Algerian", "يا حلوف يا خامج"),
    ("MSA", "انت حقير وسافل ولا تستحق الاحترام"),
    ("Arabizi", "ya 7mar nik mok"),
    ("Arabizi", "sir t9awd a zamel"),
    ("one word", "ياكلب ياحقير"),
    ("suffixed", "شرموطتك اختك"),
]

# Ordinary talk, and people in pain calling themselves names or denying an insult.
NOT_ABUSE = [
    "كلبي مريض من امبارح، حدا بيعرف دكتور بيطري؟",
    "يا جماعة شكرا الكم كتير",
    "انا غبي، كل مرة بغلط نفس الغلط",
    "حاسس حالي حمار وفاشل بكل شي",
    "انا تافهه وما حدا بحبني",
    "I'm such an idiot, I ruin everything",
    "I am a stupid loser and I hate myself",
    "انت مش غبي، انت بس تعبان",
    "قالي يا حمار قدام الكل وانا انكسرت",
    "my boss called me stupid today and I cried",
    "يا رب ساعدني، تعبت",
]


@pytest.mark.parametrize(("dialect", "text"), INSULTS)
def test_insults_in_each_dialect_are_abusive(dialect: str, text: str) -> None:
    result = screen(text)
    assert result.abuse_label == "abusive", (dialect, result.abuse)
    assert any(s.source == "lexicon" for s in result.signals)


@pytest.mark.parametrize("text", NOT_ABUSE)
def test_self_talk_denial_reports_and_pets_are_clean(text: str) -> None:
    assert screen(text).abuse_label == "clean", screen(text).abuse


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("يا كلب", ["insult", "aimed"]),
        ("ياكلب", ["insult", "aimed"]),
        ("كلبي مريض", []),
        ("هدول كلاب", []),
        ("يلعن الظروف", []),
        ("هاد الحمار", ["insult"]),
        ("انا غبي", ["guarded"]),
        ("انت مش غبي", ["guarded"]),
        ("قالي يا حمار", ["guarded"]),
        ("قالي انت شرموطه", ["guarded"]),  # a reported obscenity is not aimed by its "انت"
        ("i am such an idiot", ["guarded"]),
        ("leave me alone you idiot", []),
        ("شرموطتك", ["obscene"]),
        ("الله يلعنك", ["curse"]),
        ("ياابن عمي", []),
    ],
)
def test_lexicon_readings(text: str, groups: list[str]) -> None:
    p = prepare(text)
    assert list(p.insults) == groups
    assert abuse_hits(p.text, p.arabic) == groups


def _aimed(text: str) -> bool:
    return AIMED in abuse_hits(prepare(text).text)


def test_targeting() -> None:
    assert _aimed("ياحمار")
    assert _aimed("نتا مكلخ")
    assert _aimed("fuck you")
    assert not _aimed("حاسس حالي حمار")


def test_a_you_far_from_the_swearing_does_not_aim_it() -> None:
    # A post about pain says "you" somewhere; the obscenity is about life, not at the reader.
    assert not _aimed("fuck this life, it is all I have left and I doubt you get it")
    assert _aimed("you are a cunt and everyone knows it")
    assert _aimed("go to hell you")


def test_only_strong_or_addressed_insults_lift_the_score() -> None:
    calm = Scores(0.1, (1.0, 0.0, 0.0, 0.0), 0.0, [], 1.0)
    none = CrisisLevel.NONE
    assert abuse_score(calm, ["obscene"], none, targeted=False) >= 0.75
    assert abuse_score(calm, ["insult"], none, targeted=True) >= 0.85
    assert abuse_score(calm, [], none, targeted=False) == pytest.approx(0.1)
    assert abuse_score(calm, ["guarded"], none, targeted=True) == pytest.approx(0.1)
    # swearing at life in distress is damped; an insult aimed at someone is not
    assert abuse_score(calm, ["guarded"], CrisisLevel.DISTRESS, targeted=False) < 0.1
    assert abuse_score(calm, ["curse"], CrisisLevel.DISTRESS, targeted=True) >= 0.9
