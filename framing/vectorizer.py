"""Signal rates as features: a scikit-learn transformer over raw articles.

:class:`SignalVectorizer` turns documents into one row of signal rates per document (one
column per codebook category), so that a classifier or a clustering can work from framing
signals alone::

    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(SignalVectorizer(), StandardScaler(), LogisticRegression())
    model.fit(texts, outlets)

Detection is framing's own pipeline (:func:`framing.pipeline.load` and
:func:`framing.counts.count_signals`); the vectorizer only reshapes its counts. It learns
nothing from the documents it is fitted on: ``fit`` loads the lexicon and fixes the columns.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias, get_args

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.counts import count_signals
from framing.document import Document
from framing.lexicon import Lexicon, load_lexicon
from framing.pipeline import Corpus, load

__all__ = ["Rate", "SignalVectorizer"]

Rate: TypeAlias = Literal["per_1k_morphemes", "per_100_sentences", "count"]
"""What a cell holds: hits per 1,000 morphemes, sentences with the category per 100
sentences, or the raw number of hits."""

_RATES: tuple[str, ...] = get_args(Rate)
#: The column of :func:`framing.counts.count_signals` behind each rate.
_COLUMN = {
    "per_1k_morphemes": "per_1k_morphemes",
    "per_100_sentences": "per_100_sentences",
    "count": "hits",
}

LexiconParam: TypeAlias = Lexicon | str | Path | Sequence[str | Path] | None
RawDocuments: TypeAlias = Corpus | Iterable[str | Document]


@dataclass(frozen=True)
class _LexiconFiles:
    """A lexicon parameter in a pickle (compiled rules do not pickle): its files and hash."""

    paths: tuple[str, ...]
    sha256: str


@dataclass(frozen=True)
class _FittedLexicon:
    """``lexicon_`` in a pickle: loaded again from the ``lexicon`` parameter, checked by hash."""

    sha256: str


def _warn_if_changed(lexicon: Lexicon, sha256: str) -> None:
    if lexicon.sha256 != sha256:
        warnings.warn(
            f"the lexicon files changed since this SignalVectorizer was pickled "
            f"(sha256 {sha256[:12]}… then, {lexicon.sha256[:12]}… now); "
            "its features may differ from the ones a model was trained on",
            UserWarning,
            stacklevel=4,
        )


def _load_checked(paths: list[str], sha256: str) -> Lexicon:
    lexicon = load_lexicon(paths)
    _warn_if_changed(lexicon, sha256)
    return lexicon


class SignalVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Convert documents to a matrix of framing-signal rates, one column per category.

    Parameters
    ----------
    lexicon : Lexicon, path, list of paths or None, default=None
        The rules to detect with: a loaded :class:`~framing.lexicon.Lexicon`, lexicon files
        (or folders of ``*.yaml``) replacing the shipped ones, or ``None`` for the shipped
        lexicons.
    rate : {"per_1k_morphemes", "per_100_sentences", "count"}, default="per_1k_morphemes"
        What each cell holds: hits per 1,000 morphemes, sentences carrying the category per
        100 sentences (the codebook's unit), or the number of hits. The columns of
        :func:`framing.count_signals` of the same names (``hits`` for ``count``).
    categories : list of str or None, default=None
        The categories to output, in this order; ``None`` for every category of the lexicon,
        in codebook order.

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon (loaded once, in ``fit``).
    categories_ : list of str
        The output columns, in order.

    Notes
    -----
    ``X`` is a :class:`~framing.pipeline.Corpus` (its cached detections are reused when it
    was loaded with the same lexicon), or an iterable of strings (each one article) and
    :class:`~framing.document.Document` objects. A single string is refused, as by
    scikit-learn's text vectorizers.

    ``fit`` learns nothing from ``X``: the features of a document depend on that document
    alone, so transforming a whole corpus once and cross-validating the downstream model is
    not leakage. A large input (``framing.engine.PARALLEL_MIN_DOCUMENTS`` documents and
    more) is detected in one worker process per core.

    Like ``CountVectorizer``, the vectorizer takes raw text, so it sets neither
    ``n_features_in_`` nor ``feature_names_in_``.

    Examples
    --------
    >>> vectorizer = SignalVectorizer(categories=["hedge.reportative", "booster"])
    >>> vectorizer.fit_transform(["事件が起きたとされる。", "絶対に勝つ!"]).shape
    (2, 2)
    >>> vectorizer.get_feature_names_out().tolist()
    ['hedge.reportative', 'booster']
    """

    lexicon_: Lexicon
    categories_: list[str]

    def __init__(
        self,
        *,
        lexicon: LexiconParam = None,
        rate: Rate = "per_1k_morphemes",
        categories: Sequence[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.rate = rate
        self.categories = categories

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    def _load_lexicon(self) -> Lexicon:
        given = self.lexicon
        if isinstance(given, Lexicon):
            return given
        if given is None:
            return load_lexicon()
        if isinstance(given, (str, Path)):
            return load_lexicon([given])
        if isinstance(given, Sequence) and all(isinstance(p, (str, Path)) for p in given):
            return load_lexicon(list(given))
        raise TypeError(
            f"lexicon={given!r} is not supported; give a Lexicon, a lexicon file or folder, "
            "a list of them, or None for the shipped lexicons"
        )

    def _check_categories(self, available: list[str]) -> list[str]:
        if self.categories is None:
            return list(available)
        if isinstance(self.categories, str) or not isinstance(self.categories, Iterable):
            raise TypeError(
                f"categories={self.categories!r} must be a list of category names "
                f"(from: {', '.join(available)}) or None"
            )
        chosen = list(self.categories)
        unknown = [c for c in chosen if c not in available]
        if unknown:
            raise ValueError(
                f"unknown categories {', '.join(map(repr, unknown))}; the lexicon has "
                f"{', '.join(available)}"
            )
        repeated = sorted({c for c in chosen if chosen.count(c) > 1})
        if repeated:
            raise ValueError(f"categories repeated: {', '.join(repeated)}")
        if not chosen:
            raise ValueError(f"categories is empty; choose among {', '.join(available)}")
        return chosen

    def fit(self, X: RawDocuments, y: Any = None) -> SignalVectorizer:
        """Load the lexicon and fix the output columns; nothing is learned from ``X``.

        Parameters
        ----------
        X : Corpus or iterable of str or Document
            The documents (only checked not to be a single string).
        y : ignored
            Present for the scikit-learn API.

        Returns
        -------
        SignalVectorizer
            ``self``, fitted.

        Raises
        ------
        ValueError
            ``rate`` is not one of the allowed values, ``categories`` names a category the
            lexicon lacks, repeats one or is empty, or ``X`` is a single string.
        """
        _refuse_single_text(X)
        if self.rate not in _RATES:
            raise ValueError(
                f"rate={self.rate!r} is not supported; choose one of {', '.join(_RATES)}"
            )
        lexicon = self._load_lexicon()
        categories = self._check_categories(lexicon.categories)
        self.lexicon_ = lexicon
        self.categories_ = categories
        return self

    def transform(self, X: RawDocuments) -> npt.NDArray[np.float64]:
        """Signal rates of every document.

        Parameters
        ----------
        X : Corpus or iterable of str or Document
            The documents; a string is an article with ``doc_id`` its position in ``X``.

        Returns
        -------
        numpy.ndarray of float64, shape (n_documents, n_categories)
            Row ``i`` is document ``i`` of ``X``; the columns are :meth:`get_feature_names_out`.
            With ``set_output(transform="pandas")``, a DataFrame with those columns.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        TypeError
            An item of ``X`` is neither a string nor a Document.
        """
        check_is_fitted(self, "categories_")
        corpus = self._corpus(X)
        table = count_signals(corpus, metadata=False)
        all_categories = corpus.lexicon.categories
        values = table[_COLUMN[self.rate]].to_numpy(dtype=np.float64)
        matrix = values.reshape(len(corpus.documents), len(all_categories))
        columns = [all_categories.index(c) for c in self.categories_]
        return np.ascontiguousarray(matrix[:, columns])

    def get_feature_names_out(self, input_features: Any = None) -> npt.NDArray[np.object_]:
        """The output columns: category names, in order.

        Parameters
        ----------
        input_features : ignored
            Present for the scikit-learn API (raw text has no input feature names).

        Returns
        -------
        numpy.ndarray of str (dtype object)
            ``categories_``, e.g. ``["hedge.reportative", ..., "style.agentless_passive"]``.
        """
        check_is_fitted(self, "categories_")
        return np.asarray(self.categories_, dtype=object)

    def _corpus(self, X: RawDocuments) -> Corpus:
        if isinstance(X, Corpus):
            same = X.lexicon is self.lexicon_ or X.lexicon.sha256 == self.lexicon_.sha256
            if same:
                return X
            return Corpus(
                X.documents, self.lexicon_, progress=X.progress, jobs=X.jobs, cache=X.cache
            )
        _refuse_single_text(X)
        documents: list[Document] = []
        for i, item in enumerate(X):
            if isinstance(item, Document):
                documents.append(item)
            elif isinstance(item, str):
                documents.append(Document(doc_id=str(i), text=item))
            else:
                raise TypeError(
                    f"document {i} is a {type(item).__name__}; give strings (one article each), "
                    "framing Documents or a framing Corpus"
                )
        return load(documents, lexicon=self.lexicon_)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without compiled rules (they do not pickle): lexicons are loaded again."""
        state: dict[str, Any] = dict(super().__getstate__())
        if isinstance(self.lexicon, Lexicon):
            paths = tuple(str(Path(p).resolve()) for p in self.lexicon.paths)
            state["lexicon"] = _LexiconFiles(paths, self.lexicon.sha256)
        fitted = state.get("lexicon_")
        if isinstance(fitted, Lexicon):
            state["lexicon_"] = _FittedLexicon(fitted.sha256)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Load the lexicons again, as ``fit`` did; warn when their files changed meanwhile."""
        given = state.get("lexicon")
        if isinstance(given, _LexiconFiles):
            state["lexicon"] = _load_checked(list(given.paths), given.sha256)
        super().__setstate__(state)
        fitted = state.get("lexicon_")
        if isinstance(fitted, _FittedLexicon):
            if isinstance(self.lexicon, Lexicon):
                self.lexicon_ = self.lexicon
            else:
                self.lexicon_ = self._load_lexicon()
                _warn_if_changed(self.lexicon_, fitted.sha256)


def _refuse_single_text(X: object) -> None:
    if isinstance(X, (str, bytes)):
        raise ValueError(
            "Iterable over raw text documents expected, string object received; "
            "wrap a single article in a list: [text]"
        )
