"""Tests for framing.vectorizer, on 45 articles of the embedded livedoor sample (5 per channel).

The rates themselves are framing.count_signals's (tested elsewhere); these tests check that the
vectorizer reshapes them faithfully and keeps the scikit-learn contract.
"""

from __future__ import annotations

import importlib.util
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import estimator_checks

from framing.counts import count_signals
from framing.document import Document
from framing.lexicon import Lexicon, default_lexicon_paths
from framing.pipeline import Corpus, load
from framing.readers import ReadResult
from framing.vectorizer import SignalVectorizer

PER_CHANNEL = 5
RATE_COLUMNS = {
    "per_1k_morphemes": "per_1k_morphemes",
    "per_100_sentences": "per_100_sentences",
    "count": "hits",
}


@pytest.fixture(scope="module")
def documents(livedoor_result: ReadResult) -> list[Document]:
    """The first five articles of each of the nine channels (45)."""
    seen: dict[str | None, int] = {}
    chosen = []
    for document in livedoor_result.documents:
        if seen.get(document.outlet, 0) < PER_CHANNEL:
            seen[document.outlet] = seen.get(document.outlet, 0) + 1
            chosen.append(document)
    return chosen


@pytest.fixture(scope="module")
def corpus(documents: list[Document], lexicon: Lexicon) -> Corpus:
    return load(documents, lexicon=lexicon)


@pytest.fixture(scope="module")
def counts(corpus: Corpus) -> pd.DataFrame:
    return count_signals(corpus, metadata=False)


@pytest.fixture(scope="module")
def fitted(lexicon: Lexicon) -> SignalVectorizer:
    return SignalVectorizer(lexicon=lexicon).fit([])


@pytest.fixture(scope="module")
def matrix(fitted: SignalVectorizer, corpus: Corpus) -> npt.NDArray[np.float64]:
    return fitted.transform(corpus)


def expected(counts: pd.DataFrame, documents: list[Document], rate: str) -> npt.NDArray[np.float64]:
    """count_signals pivoted by hand: documents in input order, categories in lexicon order."""
    table = counts.pivot(index="doc_id", columns="category", values=RATE_COLUMNS[rate])
    categories = list(dict.fromkeys(counts["category"]))
    return table.loc[[d.doc_id for d in documents], categories].to_numpy(dtype=np.float64)


# --- output --------------------------------------------------------------------------------


def test_feature_names_are_the_lexicon_categories(
    fitted: SignalVectorizer, lexicon: Lexicon
) -> None:
    names = fitted.get_feature_names_out()
    assert isinstance(names, np.ndarray)
    assert names.dtype == object
    assert all(isinstance(name, str) for name in names)
    assert names.tolist() == lexicon.categories == fitted.categories_
    assert names[0] == "hedge.reportative"


def test_shape_and_dtype(
    matrix: npt.NDArray[np.float64], documents: list[Document], lexicon: Lexicon
) -> None:
    assert isinstance(matrix, np.ndarray)
    assert matrix.shape == (len(documents), len(lexicon.categories)) == (45, 15)
    assert matrix.dtype == np.float64
    assert (matrix >= 0).all()
    assert matrix.sum() > 0


@pytest.mark.parametrize("rate", ["per_1k_morphemes", "per_100_sentences", "count"])
def test_rates_equal_count_signals(
    rate: str, documents: list[Document], counts: pd.DataFrame, lexicon: Lexicon
) -> None:
    # A list of Documents: detected afresh, not read from the fixture corpus's cache.
    result = SignalVectorizer(lexicon=lexicon, rate=rate).fit_transform(documents)  # type: ignore[arg-type]
    np.testing.assert_allclose(result, expected(counts, documents, rate))


def test_strings_documents_and_corpus_agree(
    fitted: SignalVectorizer, documents: list[Document], matrix: npt.NDArray[np.float64]
) -> None:
    # the sample is articles, and a string is read as an article
    texts = [d.text for d in documents[:9]]
    np.testing.assert_allclose(fitted.transform(texts), matrix[:9])
    np.testing.assert_allclose(fitted.transform(np.array(texts, dtype=object)), matrix[:9])
    np.testing.assert_allclose(fitted.transform(pd.Series(texts)), matrix[:9])
    np.testing.assert_allclose(fitted.transform(iter(documents[:9])), matrix[:9])


def test_categories_choose_and_order_columns(
    documents: list[Document], matrix: npt.NDArray[np.float64], lexicon: Lexicon
) -> None:
    chosen = ["frame.economic", "hedge.reportative", "booster"]
    vectorizer = SignalVectorizer(lexicon=lexicon, categories=chosen).fit(documents)
    assert vectorizer.get_feature_names_out().tolist() == chosen
    columns = [lexicon.categories.index(c) for c in chosen]
    np.testing.assert_allclose(vectorizer.transform(documents), matrix[:, columns])


def test_corpus_with_another_lexicon_is_detected_again(documents: list[Document]) -> None:
    hedge_only = load(documents[:6], lexicon=[default_lexicon_paths()[0]])
    assert all(c.startswith("hedge.") for c in hedge_only.lexicon.categories)
    result = SignalVectorizer().fit_transform(hedge_only)
    assert result.shape == (6, 15)
    np.testing.assert_allclose(result, SignalVectorizer().fit_transform(documents[:6]))


def test_corpus_with_the_same_lexicon_reuses_its_detections(
    corpus: Corpus, lexicon: Lexicon
) -> None:
    vectorizer = SignalVectorizer().fit([])  # another Lexicon object, loaded from the same files
    assert vectorizer.lexicon_ is not lexicon
    assert vectorizer._corpus(corpus) is corpus  # so the corpus's cached hits are used


def test_lexicon_parameter_forms(lexicon: Lexicon) -> None:
    hedge = default_lexicon_paths()[0]
    assert SignalVectorizer(lexicon=lexicon).fit([]).lexicon_ is lexicon
    for given in (hedge, str(hedge), [hedge], (str(hedge),)):
        vectorizer = SignalVectorizer(lexicon=given).fit([])
        assert vectorizer.categories_ == [
            "hedge.reportative",
            "hedge.inferential",
            "hedge.epistemic",
        ]


@pytest.mark.parametrize(
    ("texts", "rows"),
    [
        ([], np.zeros((0, 15))),
        ([""], np.zeros((1, 15))),
    ],
)
def test_empty_input(
    fitted: SignalVectorizer, texts: list[str], rows: npt.NDArray[np.float64]
) -> None:
    np.testing.assert_array_equal(fitted.transform(texts), rows)


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        (
            {"rate": "per_word"},
            ValueError,
            r"rate='per_word'.*per_1k_morphemes, per_100_sentences, count",
        ),
        (
            {"categories": ["hedge.rumour"]},
            ValueError,
            r"unknown categories 'hedge.rumour'.*hedge.reportative",
        ),
        ({"categories": ["booster", "booster"]}, ValueError, "repeated: booster"),
        ({"categories": []}, ValueError, "empty; choose among hedge.reportative"),
        ({"categories": "booster"}, TypeError, "must be a list of category names"),
        ({"lexicon": 3}, TypeError, "lexicon=3 is not supported"),
    ],
)
def test_bad_parameters_fail_in_fit_not_init(
    params: dict[str, Any], error: type[Exception], match: str, lexicon: Lexicon
) -> None:
    params = {"lexicon": lexicon, **params}
    vectorizer = SignalVectorizer(**params)  # storing never fails
    with pytest.raises(error, match=match):
        vectorizer.fit([])


@pytest.mark.parametrize("method", ["fit", "transform", "fit_transform"])
def test_a_single_string_is_refused(fitted: SignalVectorizer, method: str) -> None:
    with pytest.raises(ValueError, match="string object received"):
        getattr(clone(fitted).fit([]), method)("事件が起きたとされる。")


def test_other_items_are_refused(fitted: SignalVectorizer) -> None:
    with pytest.raises(TypeError, match="document 1 is a int; give strings"):
        fitted.transform(["記事。", 3])  # type: ignore[list-item]


@pytest.mark.parametrize(
    "call",
    [
        lambda v: v.transform(["記事。"]),
        lambda v: v.get_feature_names_out(),
    ],
    ids=["transform", "get_feature_names_out"],
)
def test_not_fitted(call: Callable[[SignalVectorizer], object]) -> None:
    with pytest.raises(NotFittedError):
        call(SignalVectorizer())


# --- the scikit-learn contract -------------------------------------------------------------

# check_estimator yields nothing for raw-text estimators (tags.input_tags.two_d_array is
# False), so the API checks that need no numeric X are run one by one.
API_CHECKS = [
    "check_estimator_cloneable",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
]


@pytest.mark.parametrize("check", API_CHECKS)
def test_sklearn_api_checks(check: str) -> None:
    getattr(estimator_checks, check)("SignalVectorizer", SignalVectorizer())


def test_tags_say_raw_text() -> None:
    tags = SignalVectorizer().__sklearn_tags__()
    assert tags.input_tags.string is True
    assert tags.input_tags.two_d_array is False
    assert tags.requires_fit is True


def test_fit_returns_self_and_sets_no_feature_count(documents: list[Document]) -> None:
    vectorizer = SignalVectorizer()
    assert vectorizer.fit(documents[:2]) is vectorizer
    assert not hasattr(vectorizer, "n_features_in_")
    assert not hasattr(vectorizer, "feature_names_in_")


def test_clone_and_params_round_trip(lexicon: Lexicon) -> None:
    params: dict[str, Any] = {
        "lexicon": None,
        "rate": "count",
        "categories": ["booster", "engagement"],
    }
    vectorizer = SignalVectorizer(**params).fit([])
    assert vectorizer.get_params() == params
    copy = clone(vectorizer)
    assert copy.get_params() == params
    assert not hasattr(copy, "categories_")
    copy.set_params(rate="per_100_sentences", lexicon=lexicon)
    assert copy.get_params()["rate"] == "per_100_sentences"
    assert copy.get_params()["lexicon"] is lexicon
    assert vectorizer.get_params() == params


def test_set_output_pandas(
    fitted: SignalVectorizer, corpus: Corpus, matrix: npt.NDArray[np.float64]
) -> None:
    vectorizer = clone(fitted).set_output(transform="pandas")
    frame = vectorizer.fit_transform(corpus)
    assert isinstance(frame, pd.DataFrame)
    assert frame.columns.tolist() == vectorizer.get_feature_names_out().tolist()
    np.testing.assert_allclose(frame.to_numpy(), matrix)


@pytest.mark.parametrize("given", ["default", "object"])
def test_pickle_round_trip(
    given: str, fitted: SignalVectorizer, documents: list[Document], lexicon: Lexicon
) -> None:
    vectorizer = SignalVectorizer(lexicon=None if given == "default" else lexicon).fit([])
    copy = pickle.loads(pickle.dumps(vectorizer))
    assert copy.lexicon_.sha256 == lexicon.sha256
    assert isinstance(copy.lexicon, Lexicon) is (given == "object")
    np.testing.assert_allclose(copy.transform(documents[:3]), fitted.transform(documents[:3]))


def test_unpickling_warns_when_the_lexicon_changed(tmp_path: Path) -> None:
    hedge = tmp_path / "hedge.yaml"
    shutil.copy(default_lexicon_paths()[0], hedge)
    data = pickle.dumps(SignalVectorizer(lexicon=[hedge]).fit([]))
    hedge.write_text(hedge.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="lexicon files changed"):
        pickle.loads(data)


def test_pipeline_with_logistic_regression_cross_validates(
    documents: list[Document], lexicon: Lexicon
) -> None:
    # three per channel (27), so that each of 3 folds tests one article of every channel
    documents = [d for i, d in enumerate(documents) if i % PER_CHANNEL < 3]
    outlets = [d.outlet for d in documents]
    # a loaded lexicon spares each fold's clone from loading it again (clone copies it)
    model = make_pipeline(
        SignalVectorizer(lexicon=lexicon), StandardScaler(), LogisticRegression(max_iter=1000)
    )
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    scores = cross_val_score(model, documents, outlets, cv=cv)
    assert scores.shape == (3,)
    assert ((scores >= 0) & (scores <= 1)).all()
    # The vectorizer learns nothing: vectorizing once, then cross-validating the rest of the
    # pipeline, gives the very same scores (examples/classify_channels.py relies on this).
    features = model[0].fit_transform(documents)
    np.testing.assert_array_equal(cross_val_score(model[1:], features, outlets, cv=cv), scores)
    model.fit(documents, outlets)
    assert set(model.predict([d.text for d in documents[:3]])) <= set(outlets)
    assert model[:-1].get_feature_names_out().tolist() == lexicon.categories


def test_classify_channels_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "classify_channels.py"
    spec = importlib.util.spec_from_file_location("classify_channels", path)
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    sample = Path(__file__).resolve().parent.parent / "corpus" / "livedoor"
    assert example.main([str(sample), "--folds", "3", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "corpus: 90 articles, 9 channels, 15 features (per_1k_morphemes)" in out
    assert "majority" in out and "sports-watch" in out
    assert example.main([str(sample / "no-such-folder")]) == 2
