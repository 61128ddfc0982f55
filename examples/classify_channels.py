"""Tell the nine livedoor channels apart from framing signals alone.

Fifteen signal rates per article (hedges, boosters, questions, engagement, frames,
attribution, style) feed a standardized multinomial logistic regression; its stratified
cross-validated accuracy and macro-F1 are set against a majority-class baseline, with each
channel's recall and the categories that weigh most for it. Walk-through and results:
``docs/classify_channels.md``.

Usage (from the repository root)::

    python examples/classify_channels.py [CORPUS] [--rate RATE] [--folds 5] [--seed 0]
                                         [--top 3] [--lang ja|en]

``CORPUS`` defaults to ``../shared/corpora/livedoor`` beside the repository.

Signals are detected once, for the whole corpus: :class:`~framing.vectorizer.SignalVectorizer`
learns nothing from the documents it is fitted on (a document's rates depend on that document
alone), so transforming everything first and cross-validating only the scaler and the
classifier leaks nothing from a test fold into training; detection, the costly part, then
runs once instead of once per fold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

import framing
from framing.errors import FramingError
from framing.lexicon import Lexicon
from framing.vectorizer import Rate, SignalVectorizer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "livedoor"
SCORING = ("accuracy", "f1_macro")
Lang = Literal["ja", "en"]
Labels: TypeAlias = npt.NDArray[Any]

TEXT: dict[Lang, dict[str, str]] = {
    "ja": {
        "corpus": (
            "コーパス: {documents} 記事, {channels} チャンネル, 特徴量 {features} 個 ({rate})"
        ),
        "lexicon": "辞書: {versions} (sha256 {sha256})",
        "scores": "{folds} 分割層化交差検証 (seed={seed})",
        "per_channel": "チャンネル別 (交差検証の予測)",
        "top": "チャンネルごとに重みの大きいカテゴリ (全データで学習, 標準化後の係数)",
        "missing": (
            "コーパスが見つかりません: {path} "
            "(livedoor ニュースコーパスのフォルダを指定してください)"
        ),
    },
    "en": {
        "corpus": "corpus: {documents} articles, {channels} channels, {features} features ({rate})",
        "lexicon": "lexicon: {versions} (sha256 {sha256})",
        "scores": "{folds}-fold stratified cross-validation (seed={seed})",
        "per_channel": "per channel (cross-validated predictions)",
        "top": (
            "categories weighing most per channel "
            "(fitted on all data, standardized coefficients)"
        ),
        "missing": "no corpus at {path} (give the folder of the livedoor news corpus)",
    },
}


@dataclass(frozen=True)
class Evaluation:
    """What the example prints.

    Attributes
    ----------
    scores:
        One row per model: ``model`` (``signals`` or ``majority``), ``accuracy_mean``,
        ``accuracy_sd``, ``f1_macro_mean``, ``f1_macro_sd`` (over the folds).
    per_channel:
        One row per channel: ``channel``, ``documents``, ``recall``, ``f1`` (from the
        cross-validated predictions), ``confused_with`` (the channel its articles are most
        often mistaken for) and ``confused_share`` (the share of its articles that go there).
    top:
        One row per channel and category: ``channel``, ``rank`` (1 = largest coefficient),
        ``category``, ``coefficient`` (multinomial logistic regression on standardized rates).
    """

    scores: pd.DataFrame
    per_channel: pd.DataFrame
    top: pd.DataFrame


def channel_model(*, lexicon: Lexicon | None = None, rate: Rate = "per_1k_morphemes") -> Pipeline:
    """Articles → signal rates → standardized → multinomial logistic regression (balanced weights).

    ``model[0]`` is the vectorizer, ``model[1:]`` the part that learns from data.
    """
    return Pipeline([
        ("signals", SignalVectorizer(lexicon=lexicon, rate=rate)),
        ("scale", StandardScaler()),
        ("classify", LogisticRegression(class_weight="balanced", max_iter=5000)),
    ])


def cross_validated_scores(
    downstream: Pipeline, features: pd.DataFrame, labels: Labels, *, cv: StratifiedKFold
) -> tuple[pd.DataFrame, Labels]:
    """Accuracy and macro-F1 of the signals model and of the majority-class baseline.

    Returns the scores (``Evaluation.scores``) and the signals model's out-of-fold prediction
    of every document (each from the fold model that did not see it).
    """
    rows = []
    predicted = np.empty_like(labels)
    models = {"signals": downstream, "majority": DummyClassifier(strategy="most_frequent")}
    for name, model in models.items():
        result = cross_validate(
            model, features, labels, cv=cv, scoring=SCORING, return_estimator=True,
            return_indices=True,
        )
        row: dict[str, object] = {"model": name}
        for metric in SCORING:
            values = result[f"test_{metric}"]
            row[f"{metric}_mean"] = float(np.mean(values))
            row[f"{metric}_sd"] = float(np.std(values, ddof=1))
        rows.append(row)
        if name == "signals":
            for fitted, test in zip(result["estimator"], result["indices"]["test"], strict=True):
                predicted[test] = fitted.predict(features.iloc[test])
    return pd.DataFrame(rows), predicted


def per_channel_table(labels: Labels, predicted: Labels) -> pd.DataFrame:
    """Recall, F1 and the most frequent confusion of every channel."""
    channels = sorted(set(labels))
    recall = recall_score(labels, predicted, labels=channels, average=None)
    f1 = f1_score(labels, predicted, labels=channels, average=None)
    matrix = confusion_matrix(labels, predicted, labels=channels)
    rows = []
    for i, channel in enumerate(channels):
        off = matrix[i].copy()
        off[i] = -1
        j = int(np.argmax(off))
        rows.append({
            "channel": channel,
            "documents": int(matrix[i].sum()),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "confused_with": channels[j],
            "confused_share": float(matrix[i, j] / matrix[i].sum()),
        })
    return pd.DataFrame(rows)


def top_categories(model: Pipeline, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` categories with the largest coefficient for each channel."""
    classifier = model[-1]
    names = model[:-1].get_feature_names_out()
    rows = []
    for channel, coefficients in zip(classifier.classes_, classifier.coef_, strict=True):
        order = np.argsort(-coefficients, kind="stable")[:top]
        for rank, k in enumerate(order, start=1):
            rows.append({
                "channel": channel, "rank": rank, "category": str(names[k]),
                "coefficient": float(coefficients[k]),
            })
    return pd.DataFrame(rows)


def evaluate(
    model: Pipeline, corpus: framing.Corpus, *, folds: int = 5, seed: int = 0, top: int = 3
) -> Evaluation:
    """Vectorize once, cross-validate ``model[1:]`` and the baseline, then fit on everything.

    Afterwards ``model`` is fitted end to end and predicts channels from raw text.
    """
    features = model[0].set_output(transform="pandas").fit_transform(corpus)
    labels = np.array([d.outlet for d in corpus.documents])
    downstream = model[1:]  # shares its steps with ``model``; cross-validation fits clones
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores, predicted = cross_validated_scores(downstream, features, labels, cv=cv)
    downstream.fit(features, labels)
    return Evaluation(scores, per_channel_table(labels, predicted), top_categories(model, top=top))


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"livedoor corpus folder (default: {DEFAULT_CORPUS})")
    parser.add_argument("--rate", choices=get_args(Rate), default="per_1k_morphemes",
                        help="what each feature holds (default: per_1k_morphemes)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default: 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fold shuffle (default: 0)")
    parser.add_argument("--top", type=int, default=3, help="categories shown per channel")
    parser.add_argument("--lang", choices=get_args(Lang), default="ja",
                        help="language of the headings (default: ja)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the example; returns the exit status."""
    args = _parse(argv)
    text = TEXT[args.lang]
    if not args.corpus.is_dir():
        print(text["missing"].format(path=args.corpus), file=sys.stderr)
        return 2
    try:
        corpus = framing.load(args.corpus)
    except FramingError as error:
        print(error, file=sys.stderr)
        return 2
    # the corpus's own lexicon: its detections (made once, one process per core) are reused
    model = channel_model(lexicon=corpus.lexicon, rate=args.rate)
    result = evaluate(model, corpus, folds=args.folds, seed=args.seed, top=args.top)

    labels_of = corpus.lexicon.category_labels
    top = result.top.assign(
        label=[labels_of.get(c, {}).get(args.lang, c) for c in result.top["category"]]
    )
    with pd.option_context("display.width", 120):
        print(text["corpus"].format(
            documents=len(corpus.documents), channels=len(result.per_channel),
            features=len(model[0].get_feature_names_out()), rate=args.rate,
        ))
        versions = ", ".join(f"{family} v{v}" for family, v in corpus.lexicon.versions.items())
        print(text["lexicon"].format(versions=versions, sha256=corpus.lexicon.sha256[:12]))
        print(f"\n{text['scores'].format(folds=args.folds, seed=args.seed)}")
        print(result.scores.to_string(index=False, float_format=_fmt))
        print(f"\n{text['per_channel']}")
        print(result.per_channel.to_string(index=False, float_format=_fmt))
        print(f"\n{text['top']}")
        print(top.to_string(index=False, float_format=_fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
