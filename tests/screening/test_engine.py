"""screen(): verdicts on tables of examples, determinism, robustness, and the Django-free rule."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from halqa.screening import CrisisLevel, Screening, lexicon, screen
from halqa.screening.engine import (
    MODELS_DIR,
    Scores,
    adjusted_crisis,
    crisis_level,
    load_models,
    models,
)
from halqa.screening.features import extract, indices, prepare
from halqa.screening.lexicon import crisis_hits

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


def test_screen_everyday_tonight_is_not_crisis() -> None:
    assert screen("Good morning everyone, the session is at 6 tonight").crisis.rank < 2


# Ordinary group messages (none of them in the everyday set): crisis level none or distress.
EVERYDAY = [
    "See you all at the 9pm session tonight!",
    "Thanks everyone, I'll try the breathing exercise before bed",
    "Does anyone take their tablets at night or in the morning?",
    "haha my son just asked if therapists have therapists 😂",
    "This week was hard but I'm ok, the weekend helped",
    "الدكتور قالي آخد الدوا بعد العشا",
    "Can the Sunday meeting start half an hour later?",
    "Well done on the new job, so happy for you!",
    "الجلسة الليلة الساعة ٩، لا تنسوا",
    "شكرًا على النصيحة، سأجربها الليلة",
    "عندي امتحان بكرة الصبح، هنام بدري النهارده",
    "هالأسبوع كان صعب بس أنا منيح الحمدلله",
    "الليلة بنطلع نتعشى مع الأهل",
    "مبروك على الشغل الجديد يا غالية",
    "yalla nshoufkom el leila fel session",
    "ما قدرت أنام زين أمس بس اليوم أحسن",
    "غادي نجرب التمرين قبل ما نعس الليلة",
    # a known alarm of screening-955f7f56054d and earlier, below ideation since 7a764eab12b8
    "I told my friend to call her doctor, she sounded stressed",
    "I had a good day today",
    # an alarm of screening-8737cf1dd5b2 and 7646e3f9f683 (medicine and "today" read as a plan),
    # below ideation since the crisis model reads IDF-weighted features
    "Try SleepWell Pro tablets, 20% off today!",
    # an alarm until screening-7d6ef73ea146 ("tonight" with "sleep"), below ideation since
    # 8c27bd33aec4 (crisis C 3 instead of 10)
    "My exam is tomorrow morning so I'm going to sleep early tonight",
    # an alarm until screening-d65c875cd450 ("tonight" with "wish me luck" read as a plan),
    # below ideation since 25839e78dad1 (the goals and check-ins rows of the everyday set)
    "Tonight I'm cooking for the whole family, wish me luck",
]
# Known false alarms of the current model (see the model card: about 9% of the everyday test
# messages still reach ideation). Strict: when one stops alarming, move it to EVERYDAY.
# Arabic "doesn't stop" (as self-harm that does not stop) with "tonight": 0.86 with
# screening-8c27bd33aec4, 0.32 with 7646e3f9f683; a binary model fitted on the same rows reads
# it about as high, so the newer corpus rows moved it, not the feature weights. "I tidied my
# room": "رتبت" (arranged) is in many plan rows ("I arranged my papers"), 1.00 until
# screening-d65c875cd450, 0.24 since the goals and check-ins rows.
EVERYDAY_KNOWN_ALARMS = [
    "المطر لا يتوقف الليلة",
    "رتبت غرفتي",
]
# Real risk, direct and indirect: at least ideation.
REAL_RISK = [
    "I wánt tó kíll mysélf",
    "I don't want to wake up tomorrow",
    "everyone would be better off without me",
    "I've been thinking about ending it all",
    "I want to disappear forever and never come back",
    "I'm a burden to my family, they'd be relieved if I was gone",
    "the urge to cut myself is really strong tonight",
    "I can't go on like this, I want to die",
    "I wrote goodbye letters to my parents",
    "I've saved up my pills and I'm taking them tonight",
    "بدي موت وخلص من هالحياة",
    "الكل رح يكون أحسن بدوني",
    "نفسي أنام وما أصحاش",
    "كتبت رسالة وداع لأمي",
    "أفكر أنهي حياتي الليلة",
    "تعبت من الدنيا، ودي أختفي للأبد",
    "عندي رغبة قوية أجرح نفسي",
    "أنا عبء على أهلي، الأحسن لو ما كنت موجود",
    "ana 3ayez amoot, mesh 2ader akammel",
    "bghit nmout, safi ma b9itch nzid",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_screen_everyday_messages_stay_below_ideation(text: str) -> None:
    assert screen(text).crisis.rank < CrisisLevel.IDEATION.rank


@pytest.mark.xfail(strict=True, reason="known limit: everyday false alarms, see the model card")
@pytest.mark.parametrize("text", EVERYDAY_KNOWN_ALARMS)
def test_screen_known_everyday_false_alarms(text: str) -> None:
    assert screen(text).crisis.rank < CrisisLevel.IDEATION.rank


@pytest.mark.parametrize("text", REAL_RISK)
def test_screen_flags_real_risk(text: str) -> None:
    assert screen(text).crisis.rank >= CrisisLevel.IDEATION.rank


# Verdicts other apps' tests rely on (conversations, safety, moderation call screen()).
ANCHORS = [
    ("I want to kill myself tonight, I have the pills ready", CrisisLevel.PLAN),
    ("بدي موت", CrisisLevel.IDEATION),
    ("I had a good day today", CrisisLevel.NONE),
]


@pytest.mark.parametrize(("text", "level"), ANCHORS)
def test_screen_keeps_the_anchors_other_apps_use(text: str, level: CrisisLevel) -> None:
    assert screen(text).crisis is level


# Figurative death from the issue, in dialects and English: below ideation.
FIGURATIVE = [
    "الامتحان ده هيموتني",
    "I'm dying to see it",
    "ما فعله الوزير انتحار سياسي بكل معنى الكلمة",
]


@pytest.mark.parametrize("text", FIGURATIVE)
def test_screen_figurative_death_stays_below_ideation(text: str) -> None:
    assert screen(text).crisis.rank < CrisisLevel.IDEATION.rank


def test_crisis_level_needs_a_cue_for_the_low_threshold() -> None:
    m = load_models()
    t = m.thresholds
    assert t.ideation < t.ideation_uncued
    middle = (t.ideation + t.ideation_uncued) / 2
    scores = Scores(0.0, (0.5, 0.2, 0.2, 0.1), middle, [], 1.0)
    calm = crisis_hits("the session is at 6 tonight")
    cued = crisis_hits("i want to disappear forever")
    assert not calm.cue
    assert cued.cue
    assert crisis_level(scores, calm, t)[0].rank < CrisisLevel.IDEATION.rank
    assert crisis_level(scores, cued, t)[0].rank >= CrisisLevel.IDEATION.rank


def test_a_guarded_ideation_phrase_does_not_make_plan_words_count() -> None:
    """In "I thought of suicide every day, now I'm much better" the past ideation phrase is
    guarded, so "every day" and "now" must not turn a model-level reading into a plan."""
    t = load_models().thresholds
    # at ideation on the model alone, with a small share of plan
    scores = Scores(0.0, (0.5, 0.2, 0.25, 0.05), 4 * t.ideation, [], 1.0)
    told = prepare("كنت أفكر بالانتحار كل يوم، الحين أحسن بكثير الحمد لله").hits
    now = prepare("الحين أفكر بالانتحار").hits
    assert told.guarded
    assert told.timeline
    assert not now.guarded
    assert now.timeline
    assert crisis_level(scores, told, t)[0] == CrisisLevel.IDEATION
    assert crisis_level(scores, now, t)[0] == CrisisLevel.PLAN


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


@pytest.mark.parametrize(
    "text",
    [
        "بفكر أنتحر الليلة، تعبت من كل شي",
        "ana 3ayez amoot, ta3bt mn kol 7aga",
        "Ana mesh 2adra akamel",
    ],
)
def test_author_language_does_not_override_the_text(text: str) -> None:
    """A member whose pages are in English may write Arabic or Arabizi: the text decides. Read
    as English, Arabizi lost its Arabic reading and Arabic its Arabic features."""
    plain = screen(text)
    for hint in ("en", "ar"):
        hinted = screen(text, lang=hint)
        assert hinted.language == plain.language == "ar"
        assert (hinted.crisis, hinted.crisis_probability) == (
            plain.crisis,
            plain.crisis_probability,
        )


def test_author_language_decides_text_without_letters() -> None:
    assert screen("😢😢", lang="en").language == "en"
    assert screen("😢😢", lang="ar").language == "ar"
    assert screen("I can't sleep", lang="ar").language == "en"


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
def test_screen_handles_100kb(piece: str) -> None:
    """Completes with spans inside the text; its time (and linearity) is measured by make bench."""
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    _check(screen(text), text)


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


def test_models_load_in_isolation() -> None:
    """Load time is measured by make bench (bench/bench_screening.py), not timed here."""
    m = load_models(MODELS_DIR)
    assert m.weights.shape == (len(m.features) + 1, 5)


# An ideation phrase in someone else's words, or told as the past: (text, the guarding group).
GUARDED = [
    ("My brother keeps saying he'd be better off dead, how do I help him?", "other"),
    ("صديقي يقول بدي موت، كيف اساعده؟", "other"),
    ("sa7bi 2alli baddo ymout, shou ba3mel?", "other"),
    ("Years ago I used to think I was better off dead; therapy helped", "recovery"),
    ("كنت افكر في الانتحار قبل سنتين، الحين الحمد لله تعافيت", "recovery"),
    # what the writer used to say, write or pray in a dark time, quoted
    ("At 15 I used to write 'I want to die' on my school books. I'm a nurse now.", "recovery"),
    ("كنت بقول لنفسي عايز أموت، دلوقتي بشتغل ومبسوط", "recovery"),
    ("كنت كنقول بغيت نموت، دابا الحمد لله لاباس", "recovery"),
    ("kont kan9ol bghit nmout, daba l7amdolillah labas", "recovery"),
    # Latin spellings the Arabic reading does not cover ("g" reads ج, "2" ء)
    ("kont kangol bghit nmout, daba labas", "recovery"),
    ("kont ba2ol 3ayez amoot, delwa2ti ana kwayes", "recovery"),
    ("kunt agol abi amoot, hasa ahsan", "recovery"),
    # "كنت أتمنى" can be a wish now, but unguarded a recovery story with "الحين" became a plan
    ("مرت علي أيام كنت أتمنى أنام وما أصحى، الحين أشتغل وأضحك مع أهلي", "recovery"),
]


@pytest.mark.parametrize(("text", "group"), GUARDED)
def test_crisis_hits_guard_other_peoples_and_past_ideation(text: str, group: str) -> None:
    assert getattr(prepare(text).hits, group)


@pytest.mark.parametrize(("text", "group"), GUARDED)
def test_guarded_ideation_phrase_neither_lifts_nor_counts_as_a_rule(text: str, group: str) -> None:
    hits = prepare(text).hits
    assert hits is not None
    low = Scores(0.0, (0.97, 0.02, 0.005, 0.005), 0.01, [], 1.0)
    assert adjusted_crisis(low, hits) < 0.5
    names = [s.name for s in screen(text).signals if s.source == "rule"]
    assert not any(n.startswith("crisis:ideation") for n in names)


def test_unguarded_ideation_phrase_lifts_the_score() -> None:
    low = Scores(0.0, (0.97, 0.02, 0.005, 0.005), 0.01, [], 1.0)
    assert adjusted_crisis(low, crisis_hits("i want to die")) >= 0.9
    assert "crisis:ideation:ideation_en" in [s.name for s in screen("I want to die").signals]


def test_mourning_damps_the_model_but_not_a_wish_to_die() -> None:
    def hits(text: str) -> lexicon.CrisisHits:
        p = prepare(text)
        return crisis_hits(p.text, p.arabic)

    high = Scores(0.0, (0.5, 0.1, 0.2, 0.2), 0.4, [], 1.0)
    assert adjusted_crisis(high, hits("My father passed away last month")) == pytest.approx(0.2)
    # grief with a wish to die of one's own is ideation, whatever the model says
    assert adjusted_crisis(high, hits("My mum died and I want to die too")) >= 0.9
    assert hits("الله يرحمها، أمي توفت من سنة").grief
    assert not hits("I had a good day today").grief
    assert "crisis:grief:grief" in [
        s.name for s in screen("RIP grandpa, the funeral is today").signals
    ]


@pytest.mark.parametrize(
    "text",
    [
        "أمي تقول إني عبء، وأنا بفكر انتحر",
        "he told me to calm down but I want to kill myself",
        "الدكتور قالي ارتاح بس انا بدي موت",
    ],
)
def test_quoting_someone_does_not_guard_ones_own_ideation(text: str) -> None:
    hits = prepare(text).hits
    assert hits is not None
    assert hits.ideation
    assert not hits.other
    names = [s.name for s in screen(text).signals if s.source == "rule"]
    assert any(n.startswith("crisis:ideation:") for n in names)


SERVING_SAMPLES = [
    *AT_LEAST_IDEATION,
    *PLAN,
    *NOT_CRISIS,
    "يا حمار يا ابن الكلب 😡😡 انت انت",
    "ana ta3ban bzaf, bghit nmout",
    "you you you are stupid stupid",
    "a" * 40 + " " + "b" * 40,
    "",
    "😂",
]


@pytest.mark.parametrize("text", SERVING_SAMPLES)
def test_serving_indices_match_training_features(text: str) -> None:
    """The serving path's per-token lookup reads exactly the features training extracts."""
    m = models()
    prepared = prepare(text)
    found = extract(prepared)
    expected = sorted(i for i in map(m.vocab.get, found) if i is not None)
    cache: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {}
    for _ in range(2):  # a cold and a warm cache
        active, count = indices(prepared, m.vocab, cache)
        assert (active.tolist(), count) == (expected, len(found))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab اتكل3 7'😂.-", max_size=60))
def test_serving_indices_match_training_features_on_any_text(text: str) -> None:
    m = models()
    prepared = prepare(text)
    found = extract(prepared)
    expected = sorted(i for i in map(m.vocab.get, found) if i is not None)
    active, count = indices(prepared, m.vocab, m.token_cache)
    assert (active.tolist(), count) == (expected, len(found))
