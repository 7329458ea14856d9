"""screen(): verdicts on tables of examples, determinism, robustness, and the Django-free rule."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from halqa.screening import CrisisLevel, Screening, screen
from halqa.screening.engine import MODELS_DIR, load_models

AT_LEAST_IDEATION = [
    "I want to kill myself",
    "i don't want to live anymore, there's nothing to live for",
    "بدي انتحر، ما عاد فيني كمل",
    "نفسي اموت وارتاح من كل ده",
    "ابغى اموت والله تعبت",
    "bghit nmout, safi 3yit",
    "افكر في الانتحار كل ليلة",
]
PLAN = [
    "I have the pills ready and I'm going to take them all tonight",
    "I wrote my goodbye letter and bought a rope, tonight I end my life",
    "جهزت الحبوب وكتبت رسالة وداع، الليلة راح انتحر",
    "قررت انتحر بكرا، اشتريت الحبل",
]
NOT_CRISIS = [
    "بموت من الضحك على هالفيديو",
    "I was dying of laughter at that meme",
    "this cake is to die for",
    "صباح الخير يا جماعة، كيفكم اليوم؟",
    "الانتحار السياسي للحزب صار واضح بعد هالقرار",
    "هجوم انتحاري في السوق اليوم",
]
ABUSIVE = [
    "يا ابن الكلب يا حقير",
    "you stupid bitch, shut up",
    "يا حمار يا وسخ",
    "fuck you asshole",
    "sir t9awd a zamel",
]
CLEAN = [
    "شكرا على الدعم، كلامكم ساعدني كثير",
    "thank you all, this group really helps",
    "انا تعبانة اليوم ومش قادرة انام",
    "I feel so alone and exhausted lately",
]


@pytest.mark.parametrize("text", AT_LEAST_IDEATION + PLAN)
def test_screen_flags_ideation_and_plan(text: str) -> None:
    assert screen(text).crisis.rank >= CrisisLevel.IDEATION.rank


@pytest.mark.parametrize("text", PLAN)
def test_screen_tells_plan_from_ideation(text: str) -> None:
    assert screen(text).crisis is CrisisLevel.PLAN


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_screen_ignores_figurative_death(text: str) -> None:
    assert screen(text).crisis.rank < CrisisLevel.IDEATION.rank


@pytest.mark.xfail(
    strict=True,
    reason="known limit: the ideation threshold is set low for recall, so everyday messages "
    "with words the authored plans use ('tonight') can reach ideation; see the model card",
)
def test_screen_everyday_tonight_is_not_crisis() -> None:
    assert screen("Good morning everyone, the session is at 6 tonight").crisis.rank < 2


@pytest.mark.parametrize("text", ABUSIVE)
def test_screen_flags_abuse(text: str) -> None:
    assert screen(text).abuse_label == "abusive"


@pytest.mark.parametrize("text", CLEAN + AT_LEAST_IDEATION)
def test_screen_does_not_call_pain_abuse(text: str) -> None:
    assert screen(text).abuse_label == "clean"


def test_screen_explains_itself() -> None:
    result = screen("I want to kill myself tonight, I have the pills")
    assert {s.source for s in result.signals} >= {"rule"}
    assert result.model_version.startswith("screening-")


@pytest.mark.parametrize(("text", "lang"), [("مرحبا كيفك", "ar"), ("hello how are you", "en")])
def test_screen_detects_language(text: str, lang: str) -> None:
    assert screen(text).language == lang


def test_screen_is_deterministic() -> None:
    text = "يا جماعة انا تعبت وبفكر انهي حياتي، call me on 0501234567"
    assert screen(text) == screen(text)


def _check(result: Screening, text: str) -> None:
    assert 0.0 <= result.abuse <= 1.0
    assert 0.0 <= result.crisis_probability <= 1.0
    for span in result.personal_data:
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_screen_never_raises(text: str) -> None:
    _check(screen(text), text)


@settings(max_examples=5, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_screen_handles_100kb_in_linear_time(piece: str) -> None:
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    started = time.perf_counter()
    _check(screen(text), text)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize("text", ["", " ", "\u200b" * 50, "😀" * 1000, "a" * 100_000])
def test_screen_edge_inputs(text: str) -> None:
    _check(screen(text), text)


def test_package_never_imports_django() -> None:
    code = (
        "import sys; from halqa.screening import screen; screen('hello'); "
        "from halqa.screening import cli, evaluate; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False)
    assert done.returncode == 0


def test_models_load_in_isolation_quickly() -> None:
    started = time.perf_counter()
    m = load_models(MODELS_DIR)
    assert time.perf_counter() - started < 1.0
    assert m.weights.shape == (len(m.features) + 1, 5)
