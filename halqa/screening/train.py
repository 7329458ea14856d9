"""`halqa screening train`: fit both classifiers and write the model files and model card.

scikit-learn is used here only; the shipped files are plain arrays (.npz) and JSON, written
byte-for-byte reproducibly (fixed seeds, sorted vocabularies, fixed zip timestamps), so training
twice on the same data and machine gives the same files. Another machine (another CPU, other
numerical kernels) sums floats in another order: its crisis weights should differ by about as
much as reordering the rows moves them (0.02% of the largest, see LBFGS_TOL), which can still
move a tuned threshold by one step. Only train-allowed sets (see `data.py`) and only their
`train` rows are fitted; thresholds are tuned on out-of-fold predictions of those rows and on
the authored corpus `dev` split, never on a split that is reported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import random
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import ndimage, sparse  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from tqdm import tqdm

from halqa.screening import augment, data, engine, evaluate, lexicon
from halqa.screening.evaluate import f_score, macro_f1
from halqa.screening.features import Prepared, extract, prepare

SEED = 20260
ABUSE_C = 10.0
CRISIS_C = 3.0  # chosen on out-of-fold and dev rows with IDF features (1, 2, 3, 5, 10)
# How much each feature's class ratio shapes its weight (`ratio_scale`; 0 = IDF alone). Chosen
# on out-of-fold rows (abuse: 0.25, 0.5, 0.75, 1 with C 5, 10, 30) and on out-of-fold and dev
# rows (crisis: 0.25, 0.5, 1 with C 1, 3, 5, 10), with C kept where it was.
ABUSE_RATIO_POWER = 0.5
CRISIS_RATIO_POWER = 0.25
MIN_DF = 2
FOLDS = 5
CHUNK = 600  # Reddit C-SSRS users write thousands of characters; peers write messages
CHUNKS = 4
CORPUS_WEIGHT = 10.0
EVERYDAY_WEIGHT = 25.0
# The authored dialect comments (corpus/abuse.jsonl) count as much as the other authored
# clean text; chosen before any evaluation-only set was scored with them.
AUTHORED_ABUSE_WEIGHT = 2.0
CRISIS_NEGATIVES = {"ar": 4000, "en": 3000}
# Clean examples for abuse: pain is not abuse, and neither is everyday group chat.
PAIN_SOURCES = ("crisis_corpus", "reddit_cssrs_en", "everyday")
MAX_PAIN_FLAGGED = 0.03  # of pain examples (corpus, Reddit chunks) held as abuse
RECALL_TARGET = 0.96
# The recall a threshold pair keeps is averaged over the pairs up to this far from it on each
# side: a pair that keeps the target only at a sharp edge of the step-shaped estimate loses it
# when the next model's scores, or new messages, move a little. Chosen from bootstrap
# resamples of the tuning rows of three trainings on screening-9544b6c358a2's rows, each
# judged on the rows its resample left out: against the unsmoothed estimate, 0.04 kept 0.1 to
# 0.2 point more recall for the same everyday false alarms, and the chosen thresholds varied a
# third to a half less between resamples (the unsmoothed pair of those three trainings went
# 0.06/0.13, 0.085/0.095 and 0.075/0.105).
RECALL_WINDOW = 0.04
# Macro-F1 on the abuse sets is flat over a stretch of thresholds (Davidson's: 0.902 from 0.34
# to 0.45 on its dev split); a message held wrongly costs its author, so on a flat stretch the
# threshold that holds least is taken.
ABUSE_F1_TOLERANCE = 0.002
# Corpus rows from this id on were written without sight of lexicon.CUES (and the list must
# never be edited from them): they measure how often new crisis wording carries a cue.
BLIND_FROM = "c6001"
# lbfgs stops where its steps become small, and where that is depends on the order floats are
# summed in. At scikit-learn's default 1e-4, the crisis model retrained on another machine came
# out with weights up to 0.2% of the largest apart, moving the calibration and a tuned
# threshold, and reordering its training rows moved a coefficient by up to 1% of the largest
# (0.3% at 1e-5). At 1e-6 reordering moves one by 0.02% at most; the fits take 2.7x longer.
LBFGS_TOL = 1e-6
MIN_UNCUED = 20  # uncued tuning positives needed to measure recall without a cue
# Each Arabic-script abuse row, and each authored Arabic crisis row, also trains as an Arabizi
# copy (augment.py) at this share of its weight. Copies never tune a threshold or a calibration,
# and share their row's fold. The crisis model had none until its Arabizi evasion loss reached
# 4.4 points (goal 5); on the dev split, copies took the recall of Arabic crises spelled in
# Arabizi from 0.921 to 0.987 at the threshold that keeps 0.96 of them plain, with precision
# at that recall 0.634 -> 0.644.
ARABIZI_WEIGHT = 0.5
AUTHORED_CRISIS = ("crisis_corpus", "everyday")  # the crisis rows that get Arabizi copies
COPIES = " (Arabizi copies)"  # how the card names a source's copies
UNTUNED_ABUSE = {"und": 0.5}  # abuse thresholds while the crisis side is tuned (unused by it)
Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


@dataclass
class Example:
    text: str
    y: int
    lang: str
    weight: float
    source: str
    level: int = 0  # crisis level of a pain example (abuse task), known from its label
    origin: int = -1  # index of the row this is an Arabizi copy of; -1 for an original row


def with_arabizi(rows: list[Example], sources: Collection[str] | None = None) -> list[Example]:
    """`rows` followed by an Arabizi copy of each Arabic row (of `sources`, default all) whose
    spelling changes."""
    copies = []
    for i, e in enumerate(rows):
        copied = e.lang == "ar" and (sources is None or e.source in sources)
        text = augment.to_arabizi(e.text) if copied else e.text
        if text != e.text:
            copies.append(
                dataclasses.replace(e, text=text, weight=e.weight * ARABIZI_WEIGHT, origin=i)
            )
    return rows + copies


def abuse_examples(
    data_dir: Path,
    corpus: Path,
    everyday: Path = data.EVERYDAY_PATH,
    abuse_corpus: Path = data.ABUSE_CORPUS_PATH,
) -> list[Example]:
    """Abuse rows (1 = abusive) plus the authored crisis texts as clean: pain is not abuse."""
    rows = [
        Example(r.text, int(data.is_abuse(r.label)), r.lang or "ar", 1.0, name)
        for name in ("osact2020_ar", "moroccan_darija_offensive_ar", "davidson_hate_offensive_en")
        for r in data.load(data_dir, name, ("train",))
    ]
    rows += [
        Example(r.text, int(data.is_abuse(r.label)), r.lang, AUTHORED_ABUSE_WEIGHT, "abuse_corpus")
        for r in data.load_abuse_corpus(("train",), abuse_corpus)
    ]
    rows += [
        Example(r.text, 0, r.lang, 2.0, "crisis_corpus", data.LEVELS.index(r.label))
        for r in data.load_corpus(("train",), corpus)
    ]
    rows += [
        Example(r.text, 0, r.lang, 2.0, "everyday", data.LEVELS.index(r.label))
        for r in data.load_everyday(("train",), everyday)
    ]
    rows += [
        Example(c, 0, "en", 1.0, "reddit_cssrs_en", level) for c, level in reddit_chunks(data_dir)
    ]
    return with_arabizi(balanced(rows))


def balanced(rows: list[Example]) -> list[Example]:
    """Weight each abuse set's classes equally: the sets' base rates (20-83% abusive) are
    artefacts of how they were sampled, not of peer-support messages."""
    counts = Counter((e.source, e.y) for e in rows if e.source not in PAIN_SOURCES)
    for e in rows:
        if e.source not in PAIN_SOURCES:
            total = counts[(e.source, 0)] + counts[(e.source, 1)]
            e.weight *= total / (2 * counts[(e.source, e.y)])
    return rows


def crisis_examples(
    data_dir: Path, corpus: Path, everyday: Path = data.EVERYDAY_PATH
) -> list[Example]:
    """Level rows (0-3): authored corpus, everyday group messages (none or distress), Reddit
    C-SSRS chunks, and ordinary tweets as none."""
    rows = [
        Example(r.text, data.LEVELS.index(r.label), r.lang, CORPUS_WEIGHT, "crisis_corpus")
        for r in data.load_corpus(("train",), corpus)
    ]
    rows += [
        Example(r.text, data.LEVELS.index(r.label), r.lang, EVERYDAY_WEIGHT, "everyday")
        for r in data.load_everyday(("train",), everyday)
    ]
    for r in data.load(data_dir, "reddit_cssrs_en", ("train",)):
        level = data.LEVELS.index(data.cssrs_level(r.label))
        rows += [Example(c, level, "en", 0.3, "reddit_cssrs_en") for c in chunks(r.text)[:CHUNKS]]
    rows += ordinary_tweets(data_dir)
    return with_arabizi(rows, AUTHORED_CRISIS)


def ordinary_tweets(data_dir: Path) -> list[Example]:
    """A fixed sample of the abuse sets' train tweets: everyday text, crisis level none."""
    picked: list[Example] = []
    sources = {
        "ar": ("osact2020_ar", "moroccan_darija_offensive_ar"),
        "en": ("davidson_hate_offensive_en",),
    }
    for lang, names in sources.items():
        texts = sorted(r.text for n in names for r in data.load(data_dir, n, ("train",)))
        random.Random(SEED).shuffle(texts)  # noqa: S311 - a fixed sample, not a secret
        picked += [Example(t, 0, lang, 0.3, "tweets") for t in texts[: CRISIS_NEGATIVES[lang]]]
    return picked


def reddit_chunks(data_dir: Path) -> list[tuple[str, int]]:
    return [
        (c, data.LEVELS.index(data.cssrs_level(r.label)))
        for r in data.load(data_dir, "reddit_cssrs_en", ("train",))
        for c in chunks(r.text)[:CHUNKS]
    ]


def chunks(text: str) -> list[str]:
    """Paragraph groups of about CHUNK characters, so long posts look like messages."""
    out, current = [], ""
    for para in text.split("\n"):
        current = f"{current}\n{para}".strip()
        if len(current) >= CHUNK:
            out.append(current[: CHUNK * 2])
            current = ""
    return [*out, current] if current else out


def featurise(texts: Iterable[str], desc: str) -> tuple[list[set[str]], list[Prepared]]:
    feats, preps = [], []
    for text in tqdm(list(texts), desc=desc, unit="msg", leave=False):
        p = prepare(text)
        preps.append(p)
        feats.append(extract(p))
    return feats, preps


@dataclass(frozen=True)
class Scale:
    """What each vocabulary feature weighs in a model's input rows, and what a feature never
    seen (also every feature outside the vocabulary) weighs."""

    values: Array
    unseen: float


def vocabulary(feats: Sequence[set[str]]) -> tuple[list[str], Scale]:
    """The features in at least MIN_DF rows, sorted, with their smoothed inverse document
    frequency in these rows, ln((1 + n) / (1 + df)) + 1 (df = 0 for a feature never seen)."""
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f)
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF)
    n = len(feats)
    values = np.array([np.log((1 + n) / (1 + df[v])) + 1 for v in vocab])
    return vocab, Scale(values, float(np.log(1 + n) + 1))


def presence(feats: Sequence[set[str]], vocab: list[str]) -> tuple[Any, npt.NDArray[np.intp]]:
    """Which `vocab` features each row has (0/1), and how many of its features are unknown."""
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices, unknown = [0], [], []
    for f in feats:
        cols = sorted(index[x] for x in f if x in index)
        indices += cols
        indptr.append(len(indices))
        unknown.append(len(f) - len(cols))
    x = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(feats), len(vocab)))
    return x, np.array(unknown, dtype=np.intp)


def scaled(x: Any, unknown: npt.NDArray[np.intp], scale: Scale) -> Any:
    """Presence rows weighted by `scale` and set to unit length, as the engine reads them:
    every unknown feature counts at the unseen weight."""
    rows = sparse.csr_matrix(x.multiply(scale.values[None, :]))
    squares = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    norm = np.sqrt(squares + unknown * scale.unseen**2)
    return sparse.csr_matrix(sparse.diags(1.0 / norm) @ rows)


def ratio_scale(x: Any, positive: Mask, w: Array, idf: Scale, power: float) -> Scale:
    """`idf` times each feature's class ratio (NBSVM, Wang and Manning 2012): the absolute log
    ratio of its smoothed, weighted share among positive and among other rows, over its mean,
    to `power`. A feature that leans to either side weighs more than one found evenly in both;
    a feature never seen has equal (smoothed) counts on both sides."""
    p = 1.0 + np.asarray(x[positive].T @ w[positive]).ravel()
    q = 1.0 + np.asarray(x[~positive].T @ w[~positive]).ravel()
    r = np.abs(np.log(p / p.sum()) - np.log(q / q.sum()))
    mean = r.mean()
    unseen = abs(np.log(q.sum() / p.sum()))
    return Scale(idf.values * (r / mean) ** power, idf.unseen * (unseen / mean) ** power)


def fit(x: Any, y: Array, w: Array, c: float) -> LogisticRegression:
    binary = len(set(y.tolist())) <= 2
    model = LogisticRegression(
        C=c,
        solver="liblinear" if binary else "lbfgs",
        max_iter=2000,
        tol=1e-4 if binary else LBFGS_TOL,
        random_state=SEED,
    )
    return model.fit(x, y, sample_weight=w)


def out_of_fold(
    x: Any,
    unknown: npt.NDArray[np.intp],
    y: Array,
    w: Array,
    c: float,
    origin: npt.NDArray[np.intp],
    scale_of: Callable[[npt.NDArray[np.intp]], Scale],
) -> Array:
    """Decision values (binary) or probabilities (multi-class) from 5-fold cross-fitting of
    presence rows `x`; each fold's feature weights come from its own training rows only."""
    fold = folds(y, origin)
    binary = len(set(y.tolist())) <= 2
    out = np.zeros(len(y)) if binary else np.zeros((len(y), len(set(y.tolist()))))
    for k in range(FOLDS):
        train_idx, test_idx = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        rows = scaled(x, unknown, scale_of(train_idx))
        model = fit(rows[train_idx], y[train_idx], w[train_idx], c)
        if binary:
            out[test_idx] = model.decision_function(rows[test_idx])
        else:
            out[test_idx] = model.predict_proba(rows[test_idx])
    return out


def folds(y: Array, origin: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The fold of each row: stratified over original rows (origin[i] == i); a copy is in its
    original's fold, so no row is scored by a model that saw its copy."""
    own = np.flatnonzero(origin == np.arange(len(y)))
    fold = np.zeros(len(y), dtype=np.intp)
    split = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for k, (_, test) in enumerate(split.split(np.zeros(len(own)), y[own])):
        fold[own[test]] = k
    return fold[origin]


def platt(z: Array, y: Array) -> tuple[float, float]:
    """Sigmoid calibration a*z+b fitted on held-out scores."""
    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def best_threshold(
    p: Array, y: Array, objective: Callable[[Array, Array], float], tolerance: float = 0.0
) -> float:
    """The highest threshold whose objective is within `tolerance` of the best one."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    scores = np.array([objective(y, (p >= t).astype(int)) for t in grid])
    return float(grid[np.flatnonzero(scores >= scores.max() - tolerance)[-1]])


def write_npz(path: Path, arrays: dict[str, npt.NDArray[Any]]) -> None:
    """Like np.savez, but with a fixed timestamp so the bytes depend only on the arrays."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def digest(*paths: Path, extra: bytes = b"") -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    h.update(extra)
    return h.hexdigest()[:12]


@dataclass
class Fitted:
    vocab: list[str]
    coef: Array  # (n_classes or 1, n_features)
    intercept: Array
    preps: list[Prepared]
    examples: list[Example]
    held_out: Array  # out-of-fold decision values (abuse) or probabilities (crisis)
    scale: Scale  # of `vocab`, from the training rows
    share: Array  # of the training rows that have each `vocab` feature


def fit_task(examples: list[Example], c: float, power: float, desc: str) -> Fitted:
    """Fit one model on IDF x class-ratio weighted features (`ratio_scale`). Its positive side
    is the alarming half of its labels: abusive (1), or ideation and plan (2 and 3)."""
    feats, preps = featurise((e.text for e in examples), desc)
    vocab, idf = vocabulary(feats)
    x, unknown = presence(feats, vocab)
    y = np.array([e.y for e in examples])
    w = np.array([e.weight for e in examples])
    positive = y >= (2 if y.max() > 1 else 1)
    origin = np.array([e.origin if e.origin >= 0 else i for i, e in enumerate(examples)])

    def scale_of(rows: npt.NDArray[np.intp]) -> Scale:
        return ratio_scale(x[rows], positive[rows], w[rows], idf, power)

    held_out = out_of_fold(x, unknown, y, w, c, origin, scale_of)
    scale = ratio_scale(x, positive, w, idf, power)  # all rows: no fancy-indexed copy of x
    model = fit(scaled(x, unknown, scale), y, w, c)
    share = np.asarray(x.sum(axis=0)).ravel() / len(y)
    return Fitted(vocab, model.coef_, model.intercept_, preps, examples, held_out, scale, share)


def merge(abuse: Fitted, crisis: Fitted) -> tuple[list[str], Array, Array, Array]:
    """One vocabulary, one (features x 5) matrix and one (features x 2) feature-weight array,
    as the engine reads them: the weights multiplied by their feature's weight, and each
    feature's weight for both models (the unseen one where a model does not know the feature).
    Features come commonest first (by the larger share of either model's training rows that
    have them; ties by name): the engine builds its dictionary in this order, so the entries
    and strings most messages look up, and their rows of the weight table, lie together in
    memory. No feature is dropped, however small its weights: the unit length of a message
    counts each known feature at its own weight, so dropping one would change the scale of
    every message that has it."""
    weights: dict[str, Array] = {}
    scales: dict[str, Array] = {}
    unseen = np.array([abuse.scale.unseen, crisis.scale.unseen])
    common: dict[str, float] = {}
    for column, fitted in ((0, abuse), (1, crisis)):
        for j, feature in enumerate(fitted.vocab):
            common[feature] = max(common.get(feature, 0.0), float(fitted.share[j]))
            row = weights.setdefault(feature, np.zeros(5))
            factor = scales.setdefault(feature, unseen.copy())
            factor[column] = fitted.scale.values[j]
            if column == 0:
                row[0] = fitted.coef[0, j] * factor[0]
            else:
                row[1:] = fitted.coef[:, j] * factor[1]
    vocab = sorted(weights, key=lambda f: (-common[f], f))
    matrix_ = np.array([weights[f] for f in vocab]).reshape(len(vocab), 5)
    bias = np.concatenate([abuse.intercept, crisis.intercept])
    return vocab, matrix_, bias, np.array([scales[f] for f in vocab]).reshape(len(vocab), 2)


def originals_only(fitted: Fitted) -> Fitted:
    """`fitted` without its Arabizi copies: what calibration and thresholds are tuned on."""
    keep = [i for i, e in enumerate(fitted.examples) if e.origin < 0]
    return dataclasses.replace(
        fitted,
        preps=[fitted.preps[i] for i in keep],
        examples=[fitted.examples[i] for i in keep],
        held_out=fitted.held_out[keep],
    )


def abuse_platt(abuse: Fitted) -> tuple[float, float]:
    """Platt scaling of the abuse sets' out-of-fold scores (pain examples left out)."""
    real = np.array([e.source not in PAIN_SOURCES for e in abuse.examples])
    y = np.array([e.y for e in abuse.examples])
    return platt(abuse.held_out[real], y[real])


def abuse_thresholds(
    abuse: Fitted, scaling: tuple[float, float], served: Sequence[int]
) -> dict[str, float]:
    """Per-language thresholds (best macro-F1) on out-of-fold scores, as they will be served.

    Pain damps abuse by crisis level. Pain examples are damped by their labelled level; the
    abuse sets' rows by `served`, the level the crisis model gives them (an offensive tweet
    that reads as distress is damped when served, so it must be when tuned)."""
    real = np.array([e.source not in PAIN_SOURCES for e in abuse.examples])
    y = np.array([e.y for e in abuse.examples])
    a, b = scaling
    p = np.array(
        [
            engine.abuse_score(
                _scores(engine.sigmoid(a * z + b)),
                list(pr.insults),
                engine.LEVELS[lv if r else e.level],
                lexicon.AIMED in pr.insults,
            )
            for z, pr, lv, r, e in zip(
                abuse.held_out, abuse.preps, served, real, abuse.examples, strict=True
            )
        ]
    )
    thresholds = {}
    for lang in ("ar", "en"):
        mask = np.array([e.lang == lang for e in abuse.examples])
        pain = p[mask & ~real]
        lowest = float(np.quantile(pain, 1 - MAX_PAIN_FLAGGED)) if pain.size else 0.0
        best = (
            best_threshold(p[mask & real], y[mask & real], macro_f1, ABUSE_F1_TOLERANCE)
            if mask.any()
            else 0.5
        )
        thresholds[lang] = round(max(best, lowest), 2)
    thresholds["und"] = min(thresholds.values())
    return thresholds


def _scores(abuse: float, levels: Sequence[float] = (1, 0, 0, 0), crisis: float = 0.0) -> Any:
    lv = (float(levels[0]), float(levels[1]), float(levels[2]), float(levels[3]))
    return engine.Scores(abuse, lv, crisis, [], 1.0)


def crisis_platt(crisis: Fitted) -> tuple[float, float]:
    p_ip = np.clip(crisis.held_out[:, 2] + crisis.held_out[:, 3], 1e-9, 1 - 1e-9)
    y = np.array([e.y >= 2 for e in crisis.examples]).astype(int)
    return platt(np.log(p_ip / (1 - p_ip)), y)


Case = tuple[Any, lexicon.CrisisHits, int]


def tuning_cases(
    crisis: Fitted,
    m: engine.Models,
    corpus: Path,
    source: str = "crisis_corpus",
    everyday: Path = data.EVERYDAY_PATH,
) -> list[Case]:
    """Out-of-fold train rows of one authored source plus its dev rows (for "crisis_corpus",
    everything if it is missing): what the thresholds are tuned on, never a reported split."""
    a, b = m.crisis_platt
    cases: list[Case] = []
    authored = [i for i, e in enumerate(crisis.examples) if e.source == source]
    if not authored and source == "crisis_corpus":
        authored = list(range(len(crisis.examples)))
    for i in authored:
        levels = crisis.held_out[i]
        p_ip = min(max(float(levels[2] + levels[3]), 1e-9), 1 - 1e-9)
        s = _scores(0.0, levels, engine.sigmoid(a * np.log(p_ip / (1 - p_ip)) + b))
        pr = crisis.preps[i]
        cases.append((s, pr.hits or lexicon.crisis_hits(pr.text, pr.arabic), crisis.examples[i].y))
    dev = (
        data.load_corpus(("dev",), corpus)
        if source == "crisis_corpus"
        else data.load_everyday(("dev",), everyday)
    )
    for r in dev:
        pr = prepare(r.text)
        hits = pr.hits or lexicon.crisis_hits(pr.text, pr.arabic)
        cases.append((engine.score(pr, m), hits, data.LEVELS.index(r.label)))
    return cases


def crisis_thresholds(
    cases: list[Case],
    abuse: dict[str, float],
    everyday: Sequence[Case] = (),
    coverage: float = 1.0,
) -> engine.Thresholds:
    """Ideation first, then plan vs ideation and distress (macro-F1).

    Ideation has two thresholds: a low one for messages with a crisis cue (lexicon.CUES) and
    one at least as high for messages without. The cue list was written from the older corpus
    train and dev rows, so nearly all of those carry a cue; crisis messages in new wording have
    one only at `coverage` (measured on text the list was not written from). Recall is
    therefore estimated as coverage x recall of the cued tuning positives at the low threshold
    + (1 - coverage) x recall of the uncued ones at the high one (all positives stand in for
    the uncued when fewer than MIN_UNCUED lack a cue), averaged over the pairs within
    RECALL_WINDOW of each pair. Of the pairs whose estimate keeps RECALL_TARGET (missing a
    person in crisis costs the most), the one that puts the fewest
    negatives at ideation is taken (each false alarm opens an urgent case and pages a
    moderator): the share of everyday messages plus the share of the corpus's own negatives
    (figurative, news, recovery, support for others, distress), so that neither kind of false
    alarm is traded for the other; ties go to the lowest thresholds. If no pair keeps it, the
    best estimate."""
    step = 0.005
    grid = [round(float(t), 3) for t in np.arange(0.01, 0.96, step)]
    truth = np.array([c[2] for c in cases])
    p, cue_c = _adjusted(cases)
    pe, cue_e = _adjusted(everyday)
    ts = np.array(grid)
    positive = truth >= 2
    cued, uncued = positive & cue_c, positive & ~cue_c
    if uncued.sum() < MIN_UNCUED:  # too few to measure: all positives stand in for both
        cued = uncued = positive
    estimate = (
        coverage * _caught(p[cued], ts)[:, None] + (1 - coverage) * _caught(p[uncued], ts)[None, :]
    )
    window = 2 * round(RECALL_WINDOW / step) + 1
    estimate = ndimage.uniform_filter(estimate, size=window, mode="nearest")
    alarms = _alarm_share(pe, cue_e, ts) + _alarm_share(p[~positive], cue_c[~positive], ts)
    valid = ts[None, :] >= ts[:, None]
    keeps = valid & (estimate >= RECALL_TARGET - 1e-9)
    chosen = keeps if keeps.any() else valid & (estimate >= estimate[valid].max() - 1e-9)
    cost = np.where(chosen, alarms, np.inf)
    i, j = np.unravel_index(np.flatnonzero(cost == cost.min())[0], cost.shape)
    t_ip, t_un = float(ts[i]), float(ts[j])

    def levels(t: engine.Thresholds) -> Array:
        return np.array([engine.crisis_level(s, h, t)[0].rank for s, h, _ in cases])

    def pick(objective: Callable[[float], float]) -> float:
        return grid[int(np.argmax([objective(t) for t in grid]))]

    both = truth >= 2

    def plan_f1(t: float) -> float:
        pred = levels(engine.Thresholds(abuse, t_ip, t, 1, t_un))
        return macro_f1((truth[both] == 3).astype(int), (pred[both] == 3).astype(int))

    t_plan = pick(plan_f1)

    def level_f1(t: float) -> float:
        pred = levels(engine.Thresholds(abuse, t_ip, t_plan, t, t_un))
        return float(np.mean([f_score(truth == k, pred == k, 1.0) for k in range(4)]))

    return engine.Thresholds(abuse, t_ip, t_plan, pick(level_f1), t_un)


def blind(row_id: str) -> bool:
    """Whether a corpus row ("c6001") was written blind to the cue list (from BLIND_FROM on)."""
    return row_id[:1] == "c" and row_id[1:].isdigit() and int(row_id[1:]) >= int(BLIND_FROM[1:])


def _caught(p: Array, ts: Array) -> Array:
    """Share of `p` at or above each threshold (1.0 for none)."""
    return np.array([np.mean(p >= t) if p.size else 1.0 for t in ts])


def _alarm_share(p: Array, cue: Mask, ts: Array) -> Array:
    """Share of negatives at ideation for each (cued, uncued) threshold pair."""
    cued = np.array([np.sum(cue & (p >= t)) for t in ts])
    uncued = np.array([np.sum(~cue & (p >= t)) for t in ts])
    return np.asarray((cued[:, None] + uncued[None, :]) / max(1, len(p)), dtype=np.float64)


def cue_coverage(data_dir: Path, corpus: Path = data.CORPUS_PATH) -> float:
    """Share of crisis messages the cue list was not written from that still carry a cue:
    Reddit C-SSRS ideation and plan chunks (train rows) and the corpus's blind rows (train and
    dev, ideation or plan), pooled."""
    texts = [c for c, level in reddit_chunks(data_dir) if level >= data.LEVELS.index("ideation")]
    texts += [
        r.text
        for r in data.load_corpus(("train", "dev"), corpus)
        if blind(r.id) and r.label in ("ideation", "plan")
    ]
    hits = [prepare(t).hits for t in texts]
    return round(sum(bool(h and h.cue) for h in hits) / len(hits), 3) if hits else 0.0


def _adjusted(cases: Sequence[Case]) -> tuple[Array, Mask]:
    """P(ideation or plan) after the rules, and whether each case has a crisis cue."""
    p = np.array([engine.adjusted_crisis(s, h) for s, h, _ in cases], dtype=np.float64)
    return p, np.array([h.cue for _, h, _ in cases], dtype=bool)


def run(
    data_dir: Path,
    out: Path = engine.MODELS_DIR,
    card: Path | None = None,
    corpus: Path = data.CORPUS_PATH,
    everyday: Path = data.EVERYDAY_PATH,
    abuse_corpus: Path = data.ABUSE_CORPUS_PATH,
) -> dict[str, Any]:
    """Train both models, write `out`, and (unless `card` is None) evaluate and write the card."""
    stages = tqdm(total=4, desc="training", unit="stage")
    abuse_rows = abuse_examples(data_dir, corpus, everyday, abuse_corpus)
    abuse = fit_task(abuse_rows, ABUSE_C, ABUSE_RATIO_POWER, "abuse")
    stages.update()
    crisis_rows = crisis_examples(data_dir, corpus, everyday)
    crisis = fit_task(crisis_rows, CRISIS_C, CRISIS_RATIO_POWER, "crisis")
    crisis_tuned = originals_only(crisis)
    stages.update()
    tuned = originals_only(abuse)
    scaling = abuse_platt(tuned)
    vocab, weights, bias, scales = merge(abuse, crisis)
    # Tune on exactly what the engine will load: float32 arrays, the weights with a zero row.
    weights = np.vstack([weights, np.zeros((1, 5))]).astype(np.float32).astype(np.float64)
    bias = bias.astype(np.float32).astype(np.float64)
    scales = scales.astype(np.float32).astype(np.float64)
    draft = engine.Models(
        {f: i for i, f in enumerate(vocab)},
        vocab,
        weights,
        bias,
        scaling,
        crisis_platt(crisis_tuned),
        engine.Thresholds(UNTUNED_ABUSE, 0.5, 0.5, 0.5),
        "",
        scales,
        (abuse.scale.unseen, crisis.scale.unseen),
    )
    coverage = cue_coverage(data_dir, corpus)
    thresholds = crisis_thresholds(
        tuning_cases(crisis_tuned, draft, corpus),
        UNTUNED_ABUSE,
        tuning_cases(crisis_tuned, draft, corpus, source="everyday", everyday=everyday),
        coverage,
    )
    # Abuse is tuned last: pain damps it by the crisis level the tuned crisis model serves.
    served = served_levels(draft, thresholds, tuned.preps)
    thresholds = dataclasses.replace(thresholds, abuse=abuse_thresholds(tuned, scaling, served))
    stages.update()
    summary = {"abuse": _sources(abuse), "crisis": _sources(crisis)}
    write_models(out, draft, thresholds, summary)
    report: dict[str, Any] = {}
    if card is not None:
        m = engine.load_models(out)
        screener = lambda t: engine.screen_with(m, t)  # noqa: E731
        report = evaluate.evaluate_all(data_dir, screener, corpus, everyday, abuse_corpus)
        card.write_text(render_card(m, summary, report, coverage), encoding="utf-8")
    stages.update()
    stages.close()
    return report


def served_levels(m: engine.Models, t: engine.Thresholds, preps: Sequence[Prepared]) -> list[int]:
    """The crisis level (rank) the engine gives each prepared message. For the abuse sets'
    rows the crisis model fitted a sample as level none (`ordinary_tweets`), so theirs is an
    in-sample reading; the rest are read as new."""
    ranks = []
    for p in preps:
        hits = p.hits or lexicon.crisis_hits(p.text, p.arabic)
        ranks.append(engine.crisis_level(engine.score(p, m), hits, t)[0].rank)
    return ranks


def _sources(fitted: Fitted) -> dict[str, dict[str, int]]:
    counts: Counter[tuple[str, int]] = Counter(
        (e.source if e.origin < 0 else e.source + COPIES, e.y) for e in fitted.examples
    )
    out: dict[str, dict[str, int]] = {}
    for (source, y), n in sorted(counts.items()):
        out.setdefault(source, {})[str(y)] = n
    return out


def write_models(out: Path, m: engine.Models, t: engine.Thresholds, summary: object) -> None:
    out.mkdir(parents=True, exist_ok=True)
    arrays = {"weights": m.weights[:-1].astype(np.float32), "bias": m.bias.astype(np.float32)}
    if m.scale is not None:
        arrays["scale"] = m.scale.astype(np.float32)
    write_npz(out / "weights.npz", arrays)
    (out / "vocab.json").write_text(json.dumps(m.features, ensure_ascii=False) + "\n", "utf-8")
    # The version names every number a verdict depends on: weights, vocabulary, calibration
    # and thresholds (retuning alone must not reuse a version that moderation records cite).
    decisions = {
        "scale_unseen": list(m.scale_unseen),
        "abuse_platt": list(m.abuse_platt),
        "crisis_platt": list(m.crisis_platt),
        "thresholds": {
            "abuse": t.abuse,
            "ideation": t.ideation,
            "plan": t.plan,
            "distress": t.distress,
            "ideation_uncued": t.ideation_uncued,
        },
    }
    extra = json.dumps(decisions, sort_keys=True).encode()
    meta = {
        "version": "screening-" + digest(out / "weights.npz", out / "vocab.json", extra=extra),
        **decisions,
        "columns": ["abuse", *data.LEVELS],
        "features": "char n-grams 2-5 (word-bounded), word unigrams and bigrams, tags; "
        "each weighted by its IDF times its class ratio (NBSVM), unit length",
        "training_rows": summary,
        "seed": SEED,
    }
    write_json(out / "meta.json", meta)


LICENCES = {
    "osact2020_ar": "CC-BY (OffensEval 2020 Arabic terms)",
    "moroccan_darija_offensive_ar": "GPL-3.0 (redistributing repository; origin unverified)",
    "davidson_hate_offensive_en": "MIT",
    "reddit_cssrs_en": "CC BY (Zenodo record 10.5281/zenodo.2667859)",
    "crisis_corpus": "CC BY-SA 4.0, authored by the Halqa project (corpus/CRISIS_CARD.md)",
    "abuse_corpus": "CC BY-SA 4.0, authored by the Halqa project (corpus/ABUSE_CARD.md)",
}


def render_card(
    m: engine.Models, summary: dict[str, Any], report: dict[str, Any], coverage: float = 0.0
) -> str:
    """The model card, generated from what was trained and measured (no hand edits)."""
    lines = [
        "# Halqa screening models: model card",
        "",
        "Generated by `halqa screening train`; do not edit by hand.",
        "",
        f"- Version: `{m.version}`",
        f"- Features: {len(m.features)} (word-bounded character 2-5-grams, word uni/bigrams, "
        "language and script tags), each weighted by its inverse document frequency in the "
        "model's training rows times its class ratio there (how far it leans to abusive, or to "
        "ideation and plan: the absolute log ratio of its weighted shares, over its mean, to "
        f"the power {ABUSE_RATIO_POWER} for abuse and {CRISIS_RATIO_POWER} for crisis, as in "
        "NBSVM), and scaled to unit length. Out-of-fold scores use each fold's own ratios.",
        "- Models: L2 logistic regression for abuse (binary, Platt-calibrated on out-of-fold "
        "scores) and multinomial logistic regression for crisis levels (none, distress, "
        "ideation, plan), plus the lexicon rules in `halqa/screening/lexicon.py`.",
        f"- Seed: {SEED}. Thresholds: `{json.dumps(_thresholds(m), sort_keys=True)}`",
        "",
        "## Data used to train",
        "",
        "| task | source | licence | rows by label |",
        "|---|---|---|---|",
    ]
    for task, sources in summary.items():
        for source, counts in sources.items():
            licence = LICENCES.get(source.removesuffix(COPIES), "train splits of the sets above")
            lines.append(f"| {task} | {source} | {licence} | {json.dumps(counts)} |")
    lines += [
        "",
        "Only `train` rows of train-allowed sets were fitted. `tweets` are train rows of the "
        "abuse sets reused as crisis level `none`; `crisis_corpus` rows and Reddit C-SSRS "
        "paragraph chunks (about 600 characters, at most 4 per user, labelled with the user's "
        "level) were also used as clean examples for abuse, so that pain is not read as abuse. "
        "`everyday` is the `train` split of `corpus/everyday.jsonl` (authored ordinary group "
        "messages: grief, family, work stress, sleep, medication, logistics, figurative death; "
        "labelled none or distress), fitted as crisis negatives and as clean text for abuse. "
        "`abuse_corpus` is the `train` split of `corpus/abuse.jsonl` (authored social-media "
        "comments in Levantine, Maghrebi, Egyptian, Iraqi and Gulf Arabic and Arabizi, "
        "labelled abusive or not), fitted with the abuse sets. "
        "Each Arabic-script row also trained as an Arabizi copy (`augment.py`: a random but "
        "seeded spelling per letter, with short vowels written in) at "
        f"{ARABIZI_WEIGHT:g} of its weight, for abuse (every Arabic row) and for crisis (the "
        "Arabic rows of the crisis corpus and the everyday set); copies were cross-fitted in their "
        "row's fold and never tuned a threshold or a calibration. "
        "Thresholds were tuned on out-of-fold predictions of train rows and on the `dev` splits "
        "of the crisis corpus and the everyday set. Evaluation-only sets (no licence, or "
        "non-commercial) were never used to train or tune.",
        "",
        "**Two-tier ideation decision**: a message with a crisis cue (death, suicide, "
        "self-harm, ending, disappearing, farewell, burden, giving up, means; `lexicon.CUES` in "
        "MSA, dialects, Arabizi and English) reaches ideation at P(ideation or plan) >= "
        f"{m.thresholds.ideation}; a message without one at >= {m.thresholds.ideation_uncued}. "
        "The cue list was written from the older corpus train and dev rows, so it covers them "
        "almost entirely but covers new wording less: of the crisis messages it was not written "
        f"from (Reddit C-SSRS ideation and plan chunks, and the corpus rows from {BLIND_FROM} "
        f"on, written blind to it) {coverage:.0%} carry a cue. The pair was chosen so that "
        "coverage x recall of the cued tuning positives at the low threshold + (1 - coverage) x "
        "recall of the uncued ones at the high one, averaged over the pairs within "
        f"{RECALL_WINDOW} of it on each side (so that it holds when scores move a little), "
        f"stays >= {RECALL_TARGET} on the tuning rows, with the fewest negatives at ideation "
        "(the share of everyday tuning messages plus the share of the corpus's own tuning "
        "negatives). A medicine word is a cue only with hoarding, hiding or counting words.",
        "",
        "**The Arabic crisis corpus is authored, not collected**: Halqa's engineers wrote its "
        "messages (MSA, dialects, Arabizi, English) to cover crisis levels, because no public "
        "data set of first-person Arabic suicidal thinking exists. Its figures measure "
        "agreement with its authors, not with real members.",
        "",
        "## Metrics on held-out splits",
        "",
        "Produced by `halqa screening evaluate --all` on the files above.",
        "",
        "```",
        _without_speed(evaluate.format_table(report)),
        "```",
        "",
        *_levels_lines(report),
        *_before_after(report),
        "## Known limits",
        "",
        "- All public training text is tweets, comments or Reddit posts, not peer-support "
        "messages; the crisis corpus is small and authored.",
        "- Davidson et al. over-label African-American English as offensive; the English abuse "
        "model inherits that bias.",
        "- Dialects with little training data (Levantine, Tunisian, Algerian, Iraqi, and "
        "Moroccan comments unlike the training ones) rely on shared vocabulary, the authored "
        "dialect comments (`abuse_corpus`, about 2,350 train rows) "
        "and the authored insult lexicon "
        "(`lexicon.ABUSE`: obscenities, slurs, curses, insults and dehumanising words in "
        "Levantine, Egyptian, Gulf, Iraqi, Sudanese and Maghrebi forms, Arabizi and English, "
        "written from knowledge, not from any data set) and score lower: 0.70 to 0.76 macro-F1 "
        "on OSACT 2022, L-HSAB, T-HSAB and OMCD against a goal of 0.80. Most of their missed "
        "abuse is political or sectarian contempt without a listed word. Authored comments "
        "have not closed that gap: the first 620 train rows moved these sets by about a point "
        "either way, and 1,733 more, written blind with much group contempt without swear "
        "words, moved them by less than one (OSACT 2022 -0.3, L-HSAB +0.1, T-HSAB -0.9, OMCD "
        "-0.1 points, against the same training without them). Weighting features by their "
        "class ratio lifted L-HSAB by 4.1 points (0.716 -> 0.757) and the others by less than "
        "one. Reading the interdental letters as dialects often write them (ث ذ ظ as ت د ض) "
        "moved the trainable sets' held-out macro-F1 by -0.2 to +0.5 points and was left out.",
        "- One abuse threshold serves all Arabic, and the dialects the models saw little of "
        "score lower. Out of fold (screening-ebec5b63d851), the authored comments are told "
        "apart best at 0.12 to 0.33 (Levantine 0.22, Egyptian 0.29, Maghrebi 0.33, Iraqi 0.33, "
        "Gulf 0.17, Arabizi 0.12), OSACT 2020 at 0.69 and the Moroccan Darija set at 0.52. The "
        "threshold, tuned on all rows pooled, is 0.6 and costs the authored comments 5 to 8 "
        "points of macro-F1; one that weighed each variety alike (about 0.3) would take OSACT "
        "2020 to about 0.84 out of fold, below its goal. The trust policy does not use this "
        "threshold: it queues for review and holds by the abuse score (`abuse_review`, "
        "`abuse_hold`, for the site and per group), so an operator whose members write such a "
        "dialect can lower the review score of their groups.",
        "- The lexicon reads who is insulted: obscenities, slurs and curses mark abuse on their "
        'own; weak insults ("كلب", "stupid") only when addressed in Arabic ("يا", '
        '"انت", "نتا"; English "you" is too common in posts about pain) or pointed at '
        '("هاد"); one the speaker turns on themselves ("انا غبي", '
        '"I\'m such an idiot"), denies ("انت مش غبي") or reports ("قالي يا حمار", '
        '"he called me stupid") never lifts the score and shows as `abuse:guarded`.',
        "- Profanity in a message that shows distress is scored lower for abuse on purpose, so "
        "that crisis messages reach peers.",
        "- Rules are word lists: new slang, sarcasm and quoted speech can fool them.",
        "- Arabizi abuse is learned from Arabizi copies of the Arabic rows, spelled by a program "
        "(`augment.py`) from the common conventions, not from members' own Arabizi, which "
        "varies more (French spellings, numbers for other letters, mixed languages). The "
        "copies double the vocabulary: the model files are about 18 MB and a loaded model "
        "takes about 200 MB of memory in each server process (about 60 MB without them). The "
        "crisis model learns Arabizi from the authored corpus rows and from copies of the "
        "Arabic authored rows.",
        "- Crisis recall is bought with false alarms. On the corpus test split this model "
        "meets precision >= 0.80 at recall >= 0.95, but not at most 5% everyday false alarms. "
        'Blind-written data and the weighting of the features have moved them ("How the '
        'crisis figures moved", below); changing the class weights of the sources or C moved '
        "tuning precision by less than 0.02 either way. Each batch of authored rows moves "
        "these figures, and the tuned thresholds, by about a point either way. Test recall "
        "has come out below the tuning target (0.96) every time: the tuning rows are "
        "optimistic, the out-of-fold train rows most. About a quarter of crisis messages "
        "carry no cue word, so the uncued threshold must stay low too, and most everyday "
        "false alarms carry no cue word and sit between it and 0.5.",
        "- Long messages are read as a whole, so a crisis sentence in a long post is diluted "
        "by its other words. Of the corpus test crises of 80 characters or more (181), "
        "screening-ebec5b63d851 catches 0.945 (the shorter ones: 0.971); screening-9544b6c358a2 "
        "caught 0.956 and 0.969, screening-64fbecdeb891 0.934 and 0.969. Everyday test "
        "messages of that length also alarm more (0.105 of 343, against 0.048 of the shorter "
        "ones; 0.114 and 0.049 with screening-9544b6c358a2). Holding the recall "
        "target for long and short tuning messages apart changed nothing measurable. Reading "
        "a cued message's clauses one by one (the most crisis-like clause, with the message's "
        "own guards, at a threshold of its own tuned on out-of-fold clause scores) was tried "
        "and left out: on the tuning rows it caught 3 to 12 more of about 70 missed crises "
        "for 0.2 to 10 points more false alarms, because a clause read alone loses the story "
        "around it (a recovery told over several sentences), and on the earlier test split it "
        "caught one more crisis for one more everyday alarm.",
        "- `RECALL_TARGET` is 0.96. The recall of uncued messages is now measured on uncued "
        "tuning rows instead of assumed equal to that of cued ones, so the earlier margin "
        "(0.97) for that assumption was dropped; but the goal itself, 0.95, missed on the test "
        "split (recall 0.942 with screening-3cfb5a943689, the same data without the grief "
        "rule), and 0.96 was chosen after seeing that, a use of the test split for one choice. "
        "Test recall / precision / everyday alarms by setting, for screening-7a764eab12b8 "
        "on its 406 test rows: 0.95: 0.936 / "
        "0.757 / 0.096; 0.955: 0.954 / 0.743 / 0.099; 0.96: 0.960 / 0.722 / 0.102; 0.965: "
        "0.960 / 0.697 / 0.110; 0.97: 0.988 / 0.673 / 0.151. The estimate then rested on "
        "about 40 uncued tuning positives; it now rests on about 250, so it is uncertain by "
        "about 1 point.",
        '- Mourning (`lexicon.GRIEF`: "passed away", "الله يرحمها", "ماتت امي") '
        "halves the model's P(ideation or plan), as a crisis told as past does: grief is "
        "distress. A wish to die said in grief still lifts through its ideation phrase, but a "
        "grieving member's indirect ideation (no listed phrase) depends on a model reading "
        "that is halved.",
        "- Talk *about* suicide (news, opinion) still reaches ideation more often than the goal "
        "allows (arabic_suicide_tweets_ar negatives above), and an everyday message with a time "
        "or medicine word that reaches ideation is often levelled plan. Moderators should "
        "expect needless urgent cases from news-like posts.",
        "- An ideation phrase told as the past (recovery), as an idiom, or as someone else's "
        "risk (`lexicon.OTHER`: third-person forms and asking how to help: \"he'd be better "
        'off", "بدو يموت", "كيف أساعده") no longer lifts the score to 0.9 by itself: the '
        "model decides, and the rule is shown to moderators as `crisis:guarded:*`, which the "
        "trust policy does not count as a confident crisis. Verbs of speech are not guards, "
        "so quoting someone does not hide one's own ideation, except in the past habitual "
        '("I used to say", "كنت أقول", "كنت كنقول": what the writer used to say, write or '
        'pray in a dark time, "كنت أتمنى" among them although it can be a wish now: recovery '
        "stories use it far more often, and unguarded they would be lifted to 0.9) since "
        "screening-9544b6c358a2, and then the recovery guard "
        "halves the model's score as for any crisis told as past; a member who says what they "
        "used to say and that it is still true depends on the model alone, as does a member "
        "in crisis who also asks how to help a friend.",
        "- The everyday set is authored and small "
        f"({report.get('everyday', {}).get('n', 0)} test rows); its false-alarm rate is a "
        "smoke test of ordinary group chat, not a measurement of real traffic.",
        "- Distress and abuse pull against each other in English: Davidson labels any "
        "profanity offensive, while Halqa must not hold a message in pain for swearing. "
        "Profanity is damped at distress (x0.4) and ideation/plan (x0.25) unless an insult is "
        'aimed at someone (a slur, or an insult within a few words of "you", "يا", '
        '"انت": shown as `abuse:aimed`); a "you" elsewhere in a long post does not aim '
        "it. Ordinary offensive tweets inside the crisis sets still count. The abuse "
        "thresholds are tuned with the damping each row of the abuse sets gets when served "
        "(the crisis level the model gives it): tuned as if every tweet were at level none, "
        "the English threshold sat above the offensive tweets the crisis model reads as "
        "distress or ideation, and Davidson's dev macro-F1 fell to 0.88 with the retrained "
        "crisis model (about 0.90 when tuned with the served levels). A floor keeps the English "
        "threshold from holding more than 3% of the English pain examples in training. The "
        "threshold is the best F1 on Davidson's out-of-fold rows, and one step of it matters "
        "for the crisis sets' texts held as abusive (`distress_not_abuse`, most of them tweets "
        "of `twitter_suicidal_intention_en`): screening-7646e3f9f683 held 3.1% of them at its "
        "0.23 and would have held 2.9% at 0.24; screening-8c27bd33aec4 held 3.08% at 0.24. "
        f"This model's English threshold is {m.thresholds.abuse_for('en')} and it holds "
        f"{_share(report.get('distress_not_abuse', {}).get('abusive_share'))}; the threshold "
        "was never tuned on evaluation-only sets.",
        "- The evaluation-only sets are measured, never used to train or tune; the goals on "
        "them measure how far tweets-and-Reddit training generalises. Two rules of this model "
        "were written after reading errors: the aimed-insult window after the crisis-set texts "
        "held as abusive (evaluation-only sets among them), and the grief list after grief "
        "rows among the corpus test split's false alarms; both are general phrasings, not "
        "copies of those rows, but the figures they touch are somewhat optimistic. So are "
        "two briefs of the corpus rows c28001 on (below).",
        "- Training twice on one machine writes the same files. On another machine the crisis "
        "weights come out slightly different (floats summed in another order): "
        "screening-9544b6c358a2, retrained from its own commit on a second machine, had "
        "weights up to 0.2% of the largest apart and a tuned Arabic abuse threshold one step "
        "apart, because its solver stopped early; at the tolerance now used (`LBFGS_TOL`) "
        "reordering the training rows moves a weight by 0.02% of the largest at most, against "
        "1% before. A model retrained elsewhere therefore gets its own version "
        "and may differ from the shipped one by a threshold step; its card gives its figures.",
        "",
        *HISTORY,
    ]
    return "\n".join(lines)


# What moved the crisis figures, step by step (corpus test precision and recall, everyday
# false alarms), as measured when each step was taken; the card prints it as written.
HISTORY = [
    "## How the crisis figures moved",
    "",
    "- Blind-written data: 520 corpus and 220 everyday rows took corpus test precision from "
    "0.68 to 0.72; 2,836 and 819 more took it from 0.6486 to 0.7312 on a larger test split, "
    "and everyday alarms from 0.1567 to 0.119; 1,544 and 597 more, written as contrast pairs, "
    "did not move it by themselves.",
    '- Inverse document frequency, so that n-grams found in many messages ("tonight", '
    '"thanks", "all") weigh less than rare ones: precision 0.7046 -> 0.7555, everyday alarms '
    "0.137 -> 0.104, with crisis C 3 instead of 10.",
    "- Each feature's class ratio: precision 0.7555 -> 0.7641, alarms 0.104 -> 0.0865, recall "
    "0.9676 -> 0.9654; twitter_suicidal_intention_en 0.767 -> 0.753.",
    "- 640 everyday rows in the goals and check-ins register, where tidying, giving away and "
    "paying off are small wins (365 trained on): everyday alarms on the earlier test rows "
    "0.086 -> 0.072 and on the new ones 0.22 -> 0.16; corpus recall 0.9654 -> 0.9568, "
    "precision unchanged.",
    "- Arabizi copies of the Arabic authored rows for the crisis model too: precision 0.7638 "
    "-> 0.7914, everyday alarms 0.0876 -> 0.0744, recall 0.9568 -> 0.9503; crisis recall under "
    "the Arabizi evasion from 4.4 points below plain to 0.8 above.",
    "- 1,791 corpus rows of six blind writers (c25001 on: public posts about suicide in Arabic "
    "and English, long group posts, short indirect wishes to be dead, everyday chat that "
    "borrows crisis words) and 599 everyday rows of three more (e3010 on: questions to "
    "experts, consolation, health updates, gifts and goodbyes with their reason). On the 1,278 "
    "corpus test rows that existed before them, screening-efcc7114809d / "
    "screening-64fbecdeb891: recall 0.9503 / 0.9654, precision 0.7914 / 0.8172; on the 356 "
    "new ones 0.9455 / 0.9273 and 0.7591 / 0.816; everyday alarms on the 753 earlier test "
    "rows 0.0744 / 0.0598 and on the 130 new ones 0.0462 / 0.0231. With the corpus rows alone "
    "(screening-961d55d5fd38) the earlier rows gave 0.9676 and 0.8087 and everyday alarms "
    "0.0637. Two of the six corpus briefs (long posts, indirect wishes to be dead) were chosen "
    "after reading the crisis rows the previous model missed in the test split, so the gain "
    "in recall on the earlier test rows is somewhat optimistic; the new rows' own test rows, "
    "written by the same writers as their train rows, are easier than new writers' would be.",
    "- 594 corpus rows of two blind writers (c31001 on: Arabic public posts using انتحار, "
    "mostly figurative, and English public posts, half lower-case) and 1,712 everyday rows of "
    "eight more (e3609 on: letters, cards, gifts, absences and debts with their reason, "
    'recovery quoting old words; then sleep, waking up and "should I" questions; then '
    "ordinary plans with time words; then caregivers' messages). On the 1,634 corpus test "
    "rows that existed before them, screening-64fbecdeb891 / screening-9544b6c358a2: recall "
    "0.9581 / 0.9634, precision 0.817 / 0.8106; everyday alarms on the 883 earlier test rows "
    "0.0544 / 0.0578 and on the 342 new ones 0.114 / 0.0906. With the first 740 everyday rows "
    "only, precision on the earlier rows was 0.8246 and everyday alarms 0.06 with the 594 "
    "corpus rows, and 0.8029 and 0.0646 without them. The product tests caught a regression "
    'after each batch: screening-d6741b949f2d read the expert question "How many hours '
    'should I sleep?" as ideation, screening-2fdaf3333dfd (380 sleep rows more) "Tonight '
    "I'm cooking for the whole family, wish me luck\" as a plan, and screening-f7e0b7379361 "
    "(360 rows of ordinary plans more) two lines of the demo's caregiver thread at the urgent "
    "line; each was fixed with everyday rows on its theme, so those tests are somewhat "
    "optimistic. Across these models the tuned uncued threshold went 0.14, 0.14, 0.135, "
    "0.115, 0.13 and twitter_suicidal_intention_en 0.766, 0.764, 0.760, 0.748, 0.757.",
    "- The ideation pair chosen on the recall estimate averaged over 0.04 either side "
    "(`RECALL_WINDOW`), the crisis model fitted to a tighter tolerance (`LBFGS_TOL`), and "
    '"kont"/"kunt"/"kent" read as "كنت", on the same rows: screening-9544b6c358a2 / '
    "screening-ebec5b63d851: recall 0.9646 / 0.963, precision 0.807 / 0.8171, everyday alarms "
    "0.0669 / 0.0637. The unsmoothed estimate would have taken 0.075 / 0.105 for the new "
    "model (recall 0.963, precision 0.8125, everyday alarms 0.0669) and 0.085 / 0.095 for "
    "the same training at the old tolerance (recall 0.9613; 0.9596 with its smoothed pair, "
    "0.065 / 0.115): on the test split the two choices differ by a few messages either way; "
    "on bootstrap resamples of the tuning rows the smoothed one kept a little more recall and "
    "moved less.",
    "",
]


# The previous shipped model, screening-9544b6c358a2 (commit f9a2886: the same rows; the ideation
# thresholds chosen on the unsmoothed recall estimate, lbfgs at its default tolerance, Arabizi
# "kont" read as "كونت"), as its own card gives it: its own code on the same test rows.
BEFORE_VERSION = "screening-9544b6c358a2"
BEFORE = {
    "osact2020_ar.macro_f1": 0.8718,
    "osact2022_ar.macro_f1": 0.7105,
    "l_hsab_ar.macro_f1": 0.7532,
    "t_hsab_ar.macro_f1": 0.6968,
    "omcd_ar.macro_f1": 0.7418,
    "moroccan_darija_offensive_ar.macro_f1": 0.8649,
    "davidson_hate_offensive_en.macro_f1": 0.917,
    "crisis_corpus.recall": 0.9646,
    "crisis_corpus.precision": 0.807,
    "crisis_corpus.plan_vs_ideation_macro_f1": 0.9107,
    "everyday.false_alarm_share": 0.0669,
    "twitter_suicidal_intention_en.macro_f1": 0.7566,
    "arabic_suicide_tweets_ar.negatives_at_ideation_or_plan": 0.0606,
    "distress_not_abuse.abusive_share": 0.0187,
}


def _before_after(report: dict[str, Any]) -> list[str]:
    goals = report.get("goals", [])
    if not goals:
        return []
    keys = [f"{g['set']}.{g['metric']}" for g in goals]
    rows = [
        f"| {key} | {g['goal']} | {BEFORE.get(key, '-')} | {g['value']} |"
        for key, g in zip(keys, goals, strict=True)
    ]
    return [
        "## Before and after this model",
        "",
        f"`before` is {BEFORE_VERSION}, trained on the same rows, scored with its own code on "
        "the same test rows; this model differs in how its ideation thresholds were chosen "
        "(`RECALL_WINDOW`), in its solver's tolerance (`LBFGS_TOL`) and in reading the Arabizi "
        '"kont", "kunt" and "kent" as "كنت". `after` is this model (the table above).',
        "",
        "| goal | target | before | after |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2%}"


def _thresholds(m: engine.Models) -> dict[str, Any]:
    t = m.thresholds
    return {
        "abuse": t.abuse,
        "ideation": t.ideation,
        "ideation_uncued": t.ideation_uncued,
        "plan": t.plan,
        "distress": t.distress,
    }


def _without_speed(table: str) -> str:
    """Throughput varies between machines; the card must not change with it."""
    lines = table.splitlines()
    return "\n".join(
        line.rstrip()[: line.rstrip().rfind(" ")].rstrip() if i < _rows(lines) else line
        for i, line in enumerate(lines)
    )


def _rows(lines: list[str]) -> int:
    """How many leading lines are the metrics table (header included)."""
    return next(
        (i for i, line in enumerate(lines) if line.startswith(("goal", "personal", "everyday"))),
        len(lines),
    )


def _levels_lines(report: dict[str, Any]) -> list[str]:
    levels = report.get("arabic_suicide_tweets_ar", {}).get("positive_levels")
    if not levels:
        return []
    return [
        f"Levels given to arabic_suicide_tweets_ar positives (about suicide, often news): "
        f"`{json.dumps(levels)}`",
        "",
    ]
