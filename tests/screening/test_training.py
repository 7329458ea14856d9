"""The training command: its decision rules on small hand-made score tables, and the agreement
of tiny fitted models with the engine that serves them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from halqa.screening import engine, lexicon, train

# for hand-made score tables with no vocabulary
NO_SCALE = train.Scale(np.zeros(0), 1.0)
NO_SHARE = np.zeros(0)
ABUSE_HALF = {"ar": 0.5, "en": 0.5, "und": 0.5}  # abuse thresholds the crisis tuning carries


def _case(p: float, *, cue: bool, level: int) -> train.Case:
    scores = engine.Scores(0.0, (1 - p, 0.0, p, 0.0), p, [], 1.0)
    hits = lexicon.CrisisHits((), (), (), (), (), (), (), (), cue=cue)
    return scores, hits, level


def test_abuse_threshold_takes_the_highest_within_the_tolerance() -> None:
    p = np.round(np.arange(0.05, 0.96, 0.01), 2)  # one message per threshold of the grid
    y = np.zeros(len(p))

    def objective(_: object, pred: np.ndarray) -> float:  # best when half are flagged
        return -abs(float(pred.mean()) - 0.5) / 10

    # 0.50 and 0.51 flag 46 and 45 of 91, equally far from half: the tie goes to the higher
    assert train.best_threshold(p, y, objective) == pytest.approx(0.51)
    # within 0.005 of the best, down to 41 of 91 flagged (0.55); the fewest is taken
    assert train.best_threshold(p, y, objective, tolerance=0.005) == pytest.approx(0.55)


def test_uncued_recall_is_measured_on_uncued_positives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Crises without a cue word (a tenth of the tuning positives here, a quarter of new
    wording) must be caught at the uncued threshold, even where everyday messages score higher
    than they do; an estimate made over all positives would let the cued ones carry it."""
    monkeypatch.setattr(train, "RECALL_TARGET", 0.96)
    cases = (
        [_case(0.5, cue=True, level=2) for _ in range(180)]
        + [_case(0.2, cue=False, level=3) for _ in range(20)]
        + [_case(0.1, cue=False, level=0) for _ in range(40)]
    )
    everyday = [_case(0.3, cue=False, level=0) for _ in range(50)]
    t = train.crisis_thresholds(cases, ABUSE_HALF, everyday, 0.75)
    assert 0.1 < t.ideation_uncued <= 0.2  # every uncued crisis caught, at the everyday cost
    # the estimate over all positives (too few uncued ones to measure) keeps everyday calm
    monkeypatch.setattr(train, "MIN_UNCUED", 1000)
    assert train.crisis_thresholds(cases, ABUSE_HALF, everyday, 0.75).ideation_uncued > 0.3


def test_recall_is_kept_with_a_margin_not_at_an_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every uncued crisis scores 0.2, and each step up spares a false alarm: the unsmoothed
    estimate took 0.2 itself, where the next model's scores, a little lower, would lose all of
    them. Averaged over RECALL_WINDOW, the pair keeps the target a little below the edge."""
    monkeypatch.setattr(train, "RECALL_TARGET", 0.96)
    negatives = np.round(np.arange(0.1, 0.3, 0.005), 3)
    cases = (
        [_case(0.5, cue=True, level=2) for _ in range(180)]
        + [_case(0.2, cue=False, level=3) for _ in range(20)]
        + [_case(float(p), cue=False, level=0) for p in negatives]
    )
    t = train.crisis_thresholds(cases, ABUSE_HALF, [], 0.75)
    assert 0.2 - 2 * train.RECALL_WINDOW < t.ideation_uncued < 0.2
    monkeypatch.setattr(train, "RECALL_WINDOW", 0.0)
    edge = train.crisis_thresholds(cases, ABUSE_HALF, [], 0.75).ideation_uncued
    assert edge == pytest.approx(0.2)


def test_abuse_is_tuned_with_the_damping_it_will_be_served_with() -> None:
    """An offensive tweet the crisis model reads as distress is damped when served; tuned as if
    it were at level none, the threshold sat above every damped one and missed them all."""
    z = [2.0] * 48 + [-2.0] * 2 + [-2.0] * 48 + [2.0] * 2  # offensive, then clean, some noise
    y = [1] * 50 + [0] * 50
    examples = [train.Example("x", label, "en", 1.0, "davidson_hate_offensive_en") for label in y]
    prep = train.prepare("x")
    fitted = train.Fitted(
        [], np.zeros((1, 0)), np.zeros(1), [prep] * 100, examples, np.array(z), NO_SCALE, NO_SHARE
    )
    scaling = train.abuse_platt(fitted)
    undamped = train.abuse_thresholds(fitted, scaling, [0] * 100)
    damped = train.abuse_thresholds(fitted, scaling, [1] * 20 + [0] * 80)  # 20 read as distress
    a, b = scaling
    p_damped = engine.sigmoid(a * 2.0 + b) * engine.PAIN_DAMPING[engine.CrisisLevel.DISTRESS]
    assert undamped["en"] > 0.5
    assert damped["en"] <= p_damped < undamped["en"]


def test_blind_rows_are_told_by_number_not_by_spelling() -> None:
    assert [train.blind(i) for i in ("c6001", "c7260", "c10000")] == [True, True, True]
    assert [train.blind(i) for i in ("c5999", "c0001", "e0800")] == [False, False, False]


def _matrix(feats: list[set[str]], vocab: list[str], scale: train.Scale) -> Any:
    """Rows as the trained model reads them."""
    return train.scaled(*train.presence(feats, vocab), scale)


def _one_feature_models(
    scale: np.ndarray | None = None, unseen: tuple[float, float] = (1.0, 1.0)
) -> engine.Models:
    return engine.Models(
        {"a": 0},
        ["a"],
        np.zeros((2, 5)),
        np.zeros(5),
        (1.0, 0.0),
        (1.0, 0.0),
        engine.Thresholds({"und": 0.5}, 0.1, 0.5, 0.3),
        "",
        scale,
        unseen,
    )


def test_the_version_changes_with_the_thresholds_alone(tmp_path: Path) -> None:
    """Moderation records cite the version: a retune with the same weights is a new model."""
    m = _one_feature_models()
    versions = []
    for ideation in (0.1, 0.2, 0.1):
        t = engine.Thresholds({"und": 0.5}, ideation, 0.5, 0.3, 0.2)
        train.write_models(tmp_path, m, t, {})
        versions.append(engine.load_models(tmp_path).version)
    assert versions[0] != versions[1]
    assert versions[0] == versions[2]


def test_an_arabizi_copy_is_cross_fitted_in_its_rows_fold() -> None:
    y = np.array([0, 1] * 20 + [1, 0, 1])
    origin = np.array([*range(40), 3, 4, 17])  # three copies, of rows 3, 4 and 17
    fold = train.folds(y, origin)
    assert list(fold[40:]) == [fold[3], fold[4], fold[17]]
    # the originals fall into the folds they had before copies were added
    assert list(fold[:40]) == list(train.folds(y[:40], np.arange(40)))
    assert sorted(set(fold.tolist())) == list(range(train.FOLDS))


def test_arabizi_copies_tune_no_calibration_or_threshold() -> None:
    z = [2.0] * 45 + [-2.0] * 5 + [-2.0] * 45 + [2.0] * 5
    y = [1] * 50 + [0] * 50
    examples = [train.Example("x", label, "en", 1.0, "davidson_hate_offensive_en") for label in y]
    prep = train.prepare("x")
    plain = train.Fitted(
        [], np.zeros((1, 0)), np.zeros(1), [prep] * 100, examples, np.array(z), NO_SCALE, NO_SHARE
    )
    # copies that score the wrong way round would drag both calibration and threshold
    copies = [train.dataclasses.replace(e, origin=i) for i, e in enumerate(examples)]
    mixed = train.Fitted(
        [],
        np.zeros((1, 0)),
        np.zeros(1),
        [prep] * 200,
        examples + copies,
        np.array(z + [-v for v in z]),
        NO_SCALE,
        NO_SHARE,
    )
    tuned = train.originals_only(mixed)
    assert train.abuse_platt(tuned) == train.abuse_platt(plain)
    scaling = train.abuse_platt(plain)
    assert train.abuse_thresholds(tuned, scaling, [0] * 100) == train.abuse_thresholds(
        plain, scaling, [0] * 100
    )
    assert train.abuse_platt(mixed) != train.abuse_platt(plain)  # the copies would drag it


def test_only_arabic_rows_get_an_arabizi_copy() -> None:
    rows = [
        train.Example("يا حمار", 1, "ar", 2.0, "osact2020_ar"),
        train.Example("you idiot", 1, "en", 1.0, "davidson_hate_offensive_en"),
        train.Example("ya 7mar", 1, "ar", 2.0, "abuse_corpus"),  # already Arabizi
    ]
    out = train.with_arabizi(rows)
    assert len(out) == 4
    assert out[:3] == rows
    assert out[3].origin == 0
    assert out[3].weight == 2.0 * train.ARABIZI_WEIGHT
    assert out[3].y == 1
    assert out[3].text != rows[0].text


def _tiny_task(labels: int) -> list[train.Example]:
    words = ["sleep", "tired", "goodbye", "pills", "session", "tonight", "alone", "thanks"]
    rows = []
    for i in range(40):
        y = i % labels
        text = f"{words[y]} {words[(i * 3) % 8]} {words[(y + 5) % 8]} note{i % 7}"
        rows.append(train.Example(text, y, "en", 1.0 + i % 3, "crisis_corpus"))
    return rows


def test_the_engine_reads_weighted_features_as_training_did() -> None:
    """Both models train on IDF x class-ratio weighted unit-length rows; the engine, from the
    shipped arrays, must compute the same scores, also for a message with unseen words."""
    crisis = train.fit_task(_tiny_task(4), 10.0, 0.25, "crisis")
    abuse = train.fit_task(_tiny_task(2)[:30], 10.0, 0.5, "abuse")
    assert abuse.scale.unseen != crisis.scale.unseen  # fitted on different rows
    vocab, weights, bias, scales = train.merge(abuse, crisis)
    # commonest first (the larger share of either model's rows), ties by name
    share = dict.fromkeys(vocab, 0.0)
    for fitted in (abuse, crisis):
        for f, x in zip(fitted.vocab, fitted.share, strict=True):
            share[f] = max(share[f], float(x))
    keys = [(-share[f], f) for f in vocab]
    assert keys == sorted(keys)
    assert share[vocab[0]] == 1.0 > share[vocab[-1]]
    m = engine.Models(
        {f: i for i, f in enumerate(vocab)},
        vocab,
        np.vstack([weights, np.zeros((1, 5))]),
        bias,
        (1.0, 0.0),
        (1.0, 0.0),
        engine.Thresholds({"und": 0.5}, 0.1, 0.5, 0.3),
        "",
        scales,
        (abuse.scale.unseen, crisis.scale.unseen),
    )
    for text in ("tired goodbye pills tonight", "thanks for the session, see you zebra"):
        feats = [train.extract(train.prepare(text))]
        z = _matrix(feats, crisis.vocab, crisis.scale) @ crisis.coef.T + crisis.intercept
        levels = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        za = _matrix(feats, abuse.vocab, abuse.scale) @ abuse.coef.T + abuse.intercept
        s = engine.score(train.prepare(text), m)
        assert s.levels == pytest.approx(levels[0], abs=1e-9)
        assert s.abuse == pytest.approx(engine.sigmoid(float(za[0, 0])), abs=1e-9)
    # each feature of a row weighs its own scale
    x = _matrix([train.extract(train.prepare("tired goodbye"))], crisis.vocab, crisis.scale)
    ratio = x.data / crisis.scale.values[x.indices]
    assert ratio == pytest.approx(np.full(len(ratio), ratio[0]))


def test_a_feature_weighs_its_idf_times_its_class_ratio() -> None:
    """Four rows: "even" is in one positive and one other row, "lean" in two positives, "rare"
    in one positive; "all" is everywhere."""
    feats = [{"all", "even", "lean", "rare"}, {"all", "lean"}, {"all", "even"}, {"all", "none"}]
    vocab, idf = train.vocabulary(feats)
    assert vocab == ["all", "even", "lean"]  # MIN_DF 2: "rare" and "none" are unknown
    assert idf.values[0] < idf.values[1] == idf.values[2] < idf.unseen  # by document frequency
    x, unknown = train.presence(feats, vocab)
    assert unknown.tolist() == [1, 0, 0, 1]
    positive = np.array([True, True, False, False])
    w = np.ones(4)
    plain = train.ratio_scale(x, positive, w, idf, 0.0)
    assert plain.values == pytest.approx(idf.values)
    assert plain.unseen == pytest.approx(idf.unseen)
    scale = train.ratio_scale(x, positive, w, idf, 0.5)
    factor = scale.values / idf.values
    # "lean" leans to the positive side, "even" and "all" do not (equal counts on both)
    assert factor[2] > factor[1] == pytest.approx(factor[0])
    # the sample weights count: the same rows, with the other side weighing more
    heavier = train.ratio_scale(x, positive, np.array([1.0, 1.0, 3.0, 3.0]), idf, 0.5)
    assert heavier.values[1] / idf.values[1] != pytest.approx(factor[1])
    # unit length over every feature of the row, the unknown ones at the unseen weight
    known = (x.toarray() * scale.values) ** 2
    rows = train.scaled(x, unknown, scale).toarray()
    squares = known.sum(axis=1) / (known.sum(axis=1) + unknown * scale.unseen**2)
    assert (rows**2).sum(axis=1) == pytest.approx(squares)
    assert squares[1] == squares[2] == pytest.approx(1.0)


def test_each_fold_weighs_features_by_its_own_training_rows() -> None:
    """The class ratios use labels: a fold weighed by rows it is scored on would leak them."""
    rows = _tiny_task(2)
    feats = [train.extract(train.prepare(e.text)) for e in rows]
    vocab, idf = train.vocabulary(feats)
    x, unknown = train.presence(feats, vocab)
    y = np.array([e.y for e in rows])
    w = np.ones(len(y))
    seen: list[set[int]] = []

    def scale_of(train_rows: np.ndarray) -> train.Scale:
        seen.append(set(train_rows.tolist()))
        return train.ratio_scale(x[train_rows], y[train_rows] == 1, w[train_rows], idf, 0.5)

    train.out_of_fold(x, unknown, y, w, 1.0, np.arange(len(y)), scale_of)
    fold = train.folds(y, np.arange(len(y)))
    assert len(seen) == train.FOLDS
    for k, used in enumerate(seen):
        assert used == set(np.flatnonzero(fold != k).tolist())


def test_a_model_without_feature_weights_reads_binary_features() -> None:
    """Model files from before IDF weighting (no `scale` or `idf` array) load and score as
    they did."""
    m = engine.Models(
        {"w|helo": 0, "w|world": 1},
        ["w|helo", "w|world"],
        np.array([[2.0, 0, 0, 0, 0], [4.0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
        np.zeros(5),
        (1.0, 0.0),
        (1.0, 0.0),
        engine.Thresholds({"und": 0.5}, 0.1, 0.5, 0.3),
        "",
    )
    s = engine.score(train.prepare("hello world"), m)  # 37 features, two of them known
    assert s.scale == s.crisis_scale == pytest.approx(1 / np.sqrt(37))
    assert s.abuse == pytest.approx(engine.sigmoid(6.0 / np.sqrt(37)))


def test_model_files_from_before_class_ratios_load_their_idf(tmp_path: Path) -> None:
    """Files written before class-ratio weighting name the feature weights `idf`."""
    scale = np.array([[1.5, 2.0]])
    m = _one_feature_models(scale, (3.0, 4.0))
    train.write_models(tmp_path, m, m.thresholds, {})
    assert engine.load_models(tmp_path).scale_unseen == (3.0, 4.0)
    meta = json.loads((tmp_path / "meta.json").read_text())
    meta["idf_unseen"] = meta.pop("scale_unseen")
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    with np.load(tmp_path / "weights.npz") as arrays:
        renamed = {"weights": arrays["weights"], "bias": arrays["bias"], "idf": arrays["scale"]}
    train.write_npz(tmp_path / "weights.npz", renamed)
    old = engine.load_models(tmp_path)
    assert old.scale is not None
    assert old.scale.tolist() == scale.tolist()
    assert old.scale_unseen == (3.0, 4.0)


def test_only_the_named_sources_get_arabizi_copies() -> None:
    """The crisis model copies its authored Arabic rows, not the sampled tweets."""
    rows = [
        train.Example("بدي نام وما اصحى", 2, "ar", 10.0, "crisis_corpus"),
        train.Example("الجلسة الليلة", 0, "ar", 25.0, "everyday"),
        train.Example("مباراة حلوة اليوم", 0, "ar", 0.3, "tweets"),
        train.Example("see you tonight", 0, "en", 25.0, "everyday"),
    ]
    out = train.with_arabizi(rows, train.AUTHORED_CRISIS)
    copies = out[len(rows) :]
    assert [c.origin for c in copies] == [0, 1]
    assert [c.weight for c in copies] == [10.0 * train.ARABIZI_WEIGHT, 25.0 * train.ARABIZI_WEIGHT]
    assert all(c.text.isascii() for c in copies)
    assert len(train.with_arabizi(rows)) == len(rows) + 3  # by default every Arabic row


def test_the_card_reads_the_crisis_texts_held_abusive_from_the_report() -> None:
    m = _one_feature_models()
    report = {"distress_not_abuse": {"n": 2823, "abusive_share": 0.0152}}
    assert "English threshold is 0.5 and it holds 1.52%;" in train.render_card(m, {}, report, 0.7)
    assert "and it holds -;" in train.render_card(m, {}, {}, 0.7)
