"""`screen()`: one message in, one `Screening` out, in well under a millisecond.

The serving path never touches scikit-learn: the trained weights live in one float matrix
(features x [abuse, none, distress, ideation, plan]) and a vocabulary dict, so a message costs
one dict lookup per feature, one numpy gather-and-sum, a sigmoid and a softmax. The lexicon
rules then adjust the verdict where data is thin, and every reason is kept as a `Signal`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from halqa.screening import lexicon
from halqa.screening.features import Prepared, TokenFeatures, indices, prepare
from halqa.screening.personal_data import find_personal_data
from halqa.screening.types import CrisisLevel, Screening, Signal

MODELS_DIR = Path(__file__).parent / "models"
LEVELS = (CrisisLevel.NONE, CrisisLevel.DISTRESS, CrisisLevel.IDEATION, CrisisLevel.PLAN)
TOP_FEATURES = 3
# The model's P(ideation or plan) when death words are guarded, the first group found: an
# idiom, news or talk about suicide, a crisis told as past, mourning someone who died
# (lexicon.GRIEF; a wish to die said in grief still lifts through its ideation phrase).
_DAMPING = (("figurative", 0.25), ("mention", 0.3), ("recovery", 0.5), ("grief", 0.5))
# Safety policy: ideation and plan messages are published so peers can respond (DESIGN 4).
PAIN_DAMPING = {CrisisLevel.DISTRESS: 0.4, CrisisLevel.IDEATION: 0.25, CrisisLevel.PLAN: 0.25}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision points, tuned on held-out rows by the training command."""

    abuse: dict[str, float]  # per language ("ar", "en", "und")
    ideation: float  # on calibrated P(ideation or plan), when the text has a crisis cue
    plan: float  # on P(plan | ideation or plan)
    distress: float  # on P(distress or worse)
    # The same without any crisis cue (lexicon.CUES): everyday text must convince the model
    # far more before it reaches ideation ("the session is at 6 tonight").
    ideation_uncued: float = 1.0

    def abuse_for(self, language: str) -> float:
        """The abuse threshold of a message in `language`; "und" for one without its own."""
        return self.abuse.get(language, self.abuse["und"])


@dataclass(frozen=True, slots=True)
class Models:
    vocab: dict[str, int]
    features: list[str]
    # (n_features [+ 1], 5); as served, a view of `table` with an all-zero last row
    weights: npt.NDArray[np.floating[Any]]
    bias: npt.NDArray[np.float64]  # (5,)
    abuse_platt: tuple[float, float]
    crisis_platt: tuple[float, float]
    thresholds: Thresholds
    version: str
    # Both models read weighted features: each served feature's weight in the abuse and in the
    # crisis model's input (columns; its model weights already multiplied by it: the IDF in the
    # model's training rows, times its class ratio since screening-d65c875cd450), and
    # the weight of a feature each never saw, which also stands for every feature unknown to
    # the vocabulary. None: plain binary features (models before screening IDF weighting).
    scale: npt.NDArray[np.floating[Any]] | None = None  # (n_features, 2)
    scale_unseen: tuple[float, float] = (1.0, 1.0)
    # Per-token feature indices for this vocabulary (features.indices), filled while serving.
    token_cache: dict[str, TokenFeatures] = field(default_factory=dict, compare=False, repr=False)
    # What a message's sum reads: the five weight columns, then each model's squared feature
    # weight (ones for binary features), so one gather gives the scores and both lengths.
    # `weights` is a view of its first five columns.
    table: npt.NDArray[np.float64] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Filled in place: no temporary copies of the (large) arrays while a server loads them.
        table = np.zeros((len(self.features) + 1, 7))
        table[: len(self.weights), :5] = self.weights  # its zero row may be left out
        if self.scale is None:
            table[:-1, 5:] = 1.0
        else:
            squares = table[: len(self.scale), 5:]
            squares[:] = self.scale
            np.square(squares, out=squares)
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "weights", table[:, :5])


@dataclass(frozen=True, slots=True)
class Scores:
    """Raw model output for one message, before the rules."""

    abuse: float
    levels: tuple[float, float, float, float]
    crisis: float  # calibrated P(ideation or plan)
    active: Sequence[int] | npt.NDArray[np.intp]  # sorted vocabulary indices
    scale: float  # of the abuse column: one over the length of the message's feature vector
    # weights[active]: the rows the sum read, kept for the signals (None: read them again)
    rows: npt.NDArray[np.float64] | None = None
    crisis_scale: float | None = None  # of the crisis columns (None: `scale`)


def load_models(directory: Path = MODELS_DIR) -> Models:
    """Read the model files (arrays and JSON only; pickles are refused)."""
    meta: dict[str, Any] = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    features: list[str] = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
    with np.load(directory / "weights.npz", allow_pickle=False) as arrays:
        # float32 here: Models widens them into its float64 table, with one zero row at the end
        # that stands for every feature the models never saw.
        weights = arrays["weights"]
        bias = arrays["bias"].astype(np.float64)
        # "idf": the same array as written before class-ratio weighting
        scale = arrays.get("scale", arrays.get("idf"))
    t = meta["thresholds"]
    return Models(
        vocab={f: i for i, f in enumerate(features)},
        features=features,
        weights=weights,
        bias=bias,
        abuse_platt=(float(meta["abuse_platt"][0]), float(meta["abuse_platt"][1])),
        crisis_platt=(float(meta["crisis_platt"][0]), float(meta["crisis_platt"][1])),
        thresholds=Thresholds(
            t["abuse"],
            t["ideation"],
            t["plan"],
            t["distress"],
            t.get("ideation_uncued", t["ideation"]),
        ),
        version=str(meta["version"]),
        scale=scale,
        scale_unseen=tuple(  # type: ignore[arg-type]
            float(u) for u in meta.get("scale_unseen", meta.get("idf_unseen", (1.0, 1.0)))
        ),
    )


@lru_cache(maxsize=1)
def models() -> Models:
    return load_models()


def sigmoid(z: float) -> float:
    if z < -35.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z)) if z < 35.0 else 1.0


def score(prepared: Prepared, m: Models) -> Scores:
    """The two linear models over one message's features."""
    # Only known features: the others' all-zero rows would add nothing to the sum. Sorting
    # fixes the float summation order across processes.
    active, count = indices(prepared, m.vocab, m.token_cache)
    rows = m.table.take(active, axis=0)
    sums: list[float] = np.add.reduce(rows, axis=0).tolist()
    # Unit length over each model's features; a feature no model knows weighs the unseen weight.
    unseen = count - len(active)
    scale = 1.0 / math.sqrt(sums[5] + unseen * m.scale_unseen[0] ** 2)
    crisis_scale = 1.0 / math.sqrt(sums[6] + unseen * m.scale_unseen[1] ** 2)
    bias = m.bias.tolist()
    z = [sums[0] * scale + bias[0]]
    z += [sums[k] * crisis_scale + bias[k] for k in range(1, 5)]
    # Five numbers: plain Python is faster here than numpy's per-call overhead.
    top = max(z[1:])
    e = [math.exp(v - top) for v in z[1:]]
    total = sum(e)
    levels = (e[0] / total, e[1] / total, e[2] / total, e[3] / total)
    p_ip = min(max(levels[2] + levels[3], 1e-9), 1 - 1e-9)
    a, b = m.crisis_platt
    crisis = sigmoid(a * math.log(p_ip / (1 - p_ip)) + b)
    abuse = sigmoid(m.abuse_platt[0] * z[0] + m.abuse_platt[1])
    return Scores(abuse, levels, crisis, active, scale, rows, crisis_scale)


def adjusted_crisis(s: Scores, hits: lexicon.CrisisHits) -> float:
    """P(ideation or plan) after the rules: figurative, news and recovery guard it, ideation
    phrases lift it unless they are told as past, as an idiom or as someone else's words."""
    # "I used to want to die", "my brother says he'd be better off dead": the model decides.
    if hits.own_ideation:
        return max(s.crisis, 0.9)
    # "dying of laughter", "a suicide bomber", news of a suicide: the model sees the words
    return s.crisis * next((f for group, f in _DAMPING if getattr(hits, group)), 1.0)


def crisis_level(s: Scores, hits: lexicon.CrisisHits, t: Thresholds) -> tuple[CrisisLevel, float]:
    """Level and P(ideation or plan) from the model, lifted or guarded by the rules.

    Two tiers: the low, recall-first ideation threshold applies only to a message with a crisis
    cue (death, suicide, self-harm, disappearing, ending, farewell, burden, means); without one
    the model must be far surer. Plan words ("tonight", "pills") only act once ideation is reached.
    """
    p = adjusted_crisis(s, hits)
    level = CrisisLevel.NONE
    if p >= (t.ideation if hits.cue else max(t.ideation, t.ideation_uncued)):
        p_ip = s.levels[2] + s.levels[3]
        share = s.levels[3] / p_ip if p_ip > 0 else 0.0
        # Plan words are everyday words ("tonight", "pills") unless the risk is already clear;
        # an ideation phrase told as past or as someone else's does not make it so.
        clear = hits.own_ideation or p >= 2 * t.ideation
        concrete = clear and (hits.method or hits.preparation or hits.timeline)
        level = CrisisLevel.PLAN if share >= t.plan or concrete else CrisisLevel.IDEATION
    elif s.levels[1] + s.levels[2] + s.levels[3] >= t.distress or hits.distress:
        level = CrisisLevel.DISTRESS
    return level, p


def abuse_score(s: Scores, hits: list[str], level: CrisisLevel, targeted: bool) -> float:
    """Abuse probability: the insult lexicon lifts it; pain lowers it unless someone is insulted.

    A message in distress must reach peers, never be held as abuse for swearing at life.
    Obscenities, slurs and curses lift it on their own; a weak insult ("كلب", "stupid") only
    when it is addressed ("يا كلب"); one the speaker turns on themselves, denies or reports
    ("انا غبي", "he called me stupid") never does (lexicon group "guarded").
    """
    p = s.abuse
    strong, addressed = lexicon.abuse_groups_lifting(hits)
    if strong:
        p = max(p, 0.9 if targeted else 0.75)
    elif addressed:
        p = max(p, 0.85)
    if not ((strong or addressed) and targeted):
        p *= PAIN_DAMPING.get(level, 1.0)
    return p


def top_signals(s: Scores, m: Models, column: int, name: str) -> list[Signal]:
    """The few features that pushed a model's score up the most."""
    if not len(s.active):
        return []
    rows = m.table.take(s.active, axis=0) if s.rows is None else s.rows
    w = rows[:, column] * (s.scale if column == 0 or s.crisis_scale is None else s.crisis_scale)
    # The largest positive weights, ties in feature order (a stable sort of the positives).
    positive = (w > 0).nonzero()[0]
    order = positive[(-w[positive]).argsort(kind="stable")[:TOP_FEATURES]]
    found = zip(np.asarray(s.active)[order].tolist(), w[order].tolist(), strict=True)
    return [Signal("model", f"{name}:«{m.features[i]}»", round(x, 4)) for i, x in found]


def screen(text: str, *, lang: str | None = None, country: str | None = None) -> Screening:
    """Screen one message: language, personal data, abuse and crisis, with reasons.

    Deterministic, linear in the length of `text`, and never raises on a `str`. `lang` (the
    author's language) is used only when the text has no letters to tell its own; `country`
    helps read local phone numbers and ids.
    """
    return screen_with(models(), text, lang=lang, country=country)


def screen_with(
    m: Models, text: str, *, lang: str | None = None, country: str | None = None
) -> Screening:
    """`screen()` with given model files (the training command checks its own output)."""
    prepared = prepare(text, lang)
    s = score(prepared, m)
    hits = prepared.hits or lexicon.crisis_hits(prepared.text, prepared.arabic)
    level, p_crisis = crisis_level(s, hits, m.thresholds)
    insults = list(prepared.insults)
    abuse = abuse_score(s, insults, level, lexicon.AIMED in insults)
    threshold = m.thresholds.abuse_for(prepared.language)
    signals = _signals(s, m, hits, insults, abusive=abuse >= threshold, level=level)
    return Screening(
        language=prepared.language,
        script=prepared.script,
        personal_data=find_personal_data(text, country=country),
        abuse=round(abuse, 4),
        abuse_label="abusive" if abuse >= threshold else "clean",
        crisis=level,
        crisis_probability=round(p_crisis, 4),
        signals=signals,
        model_version=m.version,
    )


def _signals(
    s: Scores,
    m: Models,
    hits: lexicon.CrisisHits,
    insults: list[str],
    *,
    abusive: bool,
    level: CrisisLevel,
) -> list[Signal]:
    signals = [Signal("lexicon", f"abuse:{n}", 1.0) for n in insults]
    # A guarded ideation phrase did not lift the score, so the policy must not count it.
    for group, names in (
        ("guarded" if hits.guarded else "ideation", hits.ideation),
        ("plan", hits.method + hits.preparation + hits.timeline),
        ("mention", hits.mention),
        ("figurative", hits.figurative),
        ("distress", hits.distress),
        ("recovery", hits.recovery),
        ("other", hits.other),
        ("grief", hits.grief),
    ):
        if names:
            signals.extend(Signal("rule", f"crisis:{group}:{n}", 1.0) for n in names)
    if abusive:
        signals.extend(top_signals(s, m, 0, "abuse"))
    if level.rank >= CrisisLevel.DISTRESS.rank:
        signals.extend(top_signals(s, m, 1 + level.rank, "crisis"))
    return signals
