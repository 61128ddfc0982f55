"""Count signals per document: the table every comparison starts from."""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:  # this module stays light: framing.comparison imports it
    from framing.document import Document
    from framing.engine import DocResult
    from framing.lexicon import Lexicon
    from framing.pipeline import Corpus

__all__ = ["COUNT_COLUMNS", "CountTable", "DocumentCounts", "category_families", "count_signals"]

COUNT_COLUMNS = (
    "doc_id",
    "outlet",
    "medium",
    "category",
    "signal",
    "hits",
    "sentences_with",
    "morphemes",
    "sentences",
    "per_1k_morphemes",
    "per_100_sentences",
)


def category_families(lexicon: Lexicon) -> dict[str, str]:
    """Every category of the lexicon (codebook order) with its family."""
    family = {rule.category: rule.family for rule in lexicon.rules}
    return {category: family[category] for category in lexicon.categories}


class CountTable:
    """Counts gathered one document at a time, kept as arrays of integers.

    A document costs a few machine integers per category (and a reference to its metadata),
    so a corpus of any size can be counted in a stream; :meth:`frame` builds the table of
    :func:`count_signals`.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.families = category_families(lexicon)
        self.categories = list(self.families)
        self._index = {category: i for i, category in enumerate(self.categories)}
        self._doc_ids: list[str] = []
        self._outlets: list[str | None] = []
        self._media: list[str] = []
        self._metadata: list[Mapping[str, Any]] = []
        self._keys: dict[str, None] = {}
        self._sizes = array("q")  # morphemes, sentences of every document
        self._hits = array("q")  # hits of every category of every document
        self._with = array("q")  # sentences with each category

    def __len__(self) -> int:
        return len(self._doc_ids)

    def add(self, document: Document, result: DocResult) -> None:
        """Count one document's hits."""
        index = self._index
        hits = [0] * len(index)
        with_ = [0] * len(index)
        for h in result.hits:
            hits[index[h.category]] += 1
        for category, _ in {(h.category, h.sentence) for h in result.hits}:
            with_[index[category]] += 1
        self._hits.extend(hits)
        self._with.extend(with_)
        self._sizes.extend((result.morphemes, result.sentences))
        self._doc_ids.append(document.doc_id)
        self._outlets.append(document.outlet)
        self._media.append(document.medium)
        scalar = {
            key: value
            for key, value in document.metadata.items()
            if isinstance(value, (str, int, float, bool))
        }
        for key in scalar:
            self._keys.setdefault(key, None)
        self._metadata.append(scalar)

    def metadata_columns(self) -> list[str]:
        """Scalar metadata keys, in order of first appearance (extra count columns)."""
        return [key for key in self._keys if key not in COUNT_COLUMNS]

    def documents(self) -> DocumentCounts:
        """The counts as arrays, one row per document in the order added."""
        n, k = len(self._doc_ids), len(self.categories)
        sizes = np.frombuffer(self._sizes, dtype=np.int64).reshape(n, 2)
        table: dict[str, Any] = {
            "doc_id": self._doc_ids,
            "outlet": self._outlets,
            "medium": self._media,
            "morphemes": sizes[:, 0].copy(),
            "sentences": sizes[:, 1].copy(),
        }
        for key in self.metadata_columns():
            table[key] = [m.get(key) for m in self._metadata]
        return DocumentCounts(
            documents=pd.DataFrame(table, columns=list(table)),
            categories=list(self.categories),
            families=dict(self.families),
            hits=np.frombuffer(self._hits, dtype=np.int64).reshape(n, k).copy(),
            sentences_with=np.frombuffer(self._with, dtype=np.int64).reshape(n, k).copy(),
        )

    def frame(self, *, metadata: bool = True) -> pd.DataFrame:
        """The table of :func:`count_signals` (metadata columns last when ``metadata``)."""
        return self.documents().frame(metadata=metadata)


@dataclass(frozen=True)
class DocumentCounts:
    """The counts of :func:`count_signals` in per-document form: arrays, not rows.

    The tidy table repeats a document's id, group and sizes on each of its category rows;
    this form keeps them once, so a streamed report of many documents holds a few machine
    integers per document and category (:class:`framing.digest.Digest`).
    :func:`framing.compare`, :func:`framing.axis.axis_scores` and
    :func:`framing.report.render_report` take either form and give the same result.

    Attributes
    ----------
    documents:
        One row per document: ``doc_id``, ``outlet``, ``medium``, ``morphemes``,
        ``sentences`` and the scalar metadata columns.
    categories:
        The categories, in the order of the columns of ``hits`` and ``sentences_with``.
    families:
        Each category's family (the ``signal`` column of the tidy table).
    hits, sentences_with:
        Integer arrays of shape (documents, categories).
    """

    documents: pd.DataFrame
    categories: list[str]
    families: Mapping[str, str]
    hits: npt.NDArray[np.int64]
    sentences_with: npt.NDArray[np.int64]

    def __post_init__(self) -> None:
        missing = [c for c in ("doc_id", "morphemes", "sentences") if c not in self.documents]
        if missing:
            raise ValueError(f"documents lacks column(s) {missing}")
        shape = (len(self.documents), len(self.categories))
        for name in ("hits", "sentences_with"):
            values = getattr(self, name)
            if np.shape(values) != shape:
                raise ValueError(f"{name} has shape {np.shape(values)}; expected {shape}")
            if not np.issubdtype(values.dtype, np.integer) or (values < 0).any():
                raise ValueError(f"{name} must hold non-negative integers")

    def order_by_id(self) -> npt.NDArray[np.intp]:
        """Row positions of the documents sorted by ``doc_id`` (stable).

        Raises
        ------
        ValueError
            When a ``doc_id`` is missing or appears more than once.
        """
        ids = self.documents["doc_id"]
        if ids.isna().any():
            raise ValueError("column 'doc_id' must not be missing")
        order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
        repeated = ids.iloc[order].duplicated()
        if repeated.any():
            first = ids.iloc[order][repeated].iloc[0]
            raise ValueError(f"document {first!r} appears more than once")
        return order

    def frame(self, *, metadata: bool = True) -> pd.DataFrame:
        """The tidy table of :func:`count_signals` (metadata columns last when ``metadata``)."""
        docs = self.documents
        n, k = len(docs), len(self.categories)
        hits = self.hits.ravel()
        with_ = self.sentences_with.ravel()
        morphemes = np.repeat(docs["morphemes"].to_numpy(dtype=np.int64), k)
        sentences = np.repeat(docs["sentences"].to_numpy(dtype=np.int64), k)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_1k = np.where(morphemes > 0, hits / morphemes * 1000, 0.0)
            per_100 = np.where(sentences > 0, with_ / sentences * 100, 0.0)

        def per_document(column: str) -> pd.Series:
            return pd.Series(docs[column].tolist()).repeat(k).reset_index(drop=True)

        columns: dict[str, Any] = {
            "doc_id": per_document("doc_id"),
            "outlet": per_document("outlet"),
            "medium": per_document("medium"),
            "category": pd.Series(self.categories * n),
            "signal": pd.Series([self.families[c] for c in self.categories] * n),
            "hits": hits,
            "sentences_with": with_,
            "morphemes": morphemes,
            "sentences": sentences,
            "per_1k_morphemes": per_1k,
            "per_100_sentences": per_100,
        }
        if metadata:
            for key in docs.columns:
                if key not in columns and key not in ("morphemes", "sentences"):
                    columns[key] = per_document(key)
        if n == 0:
            return pd.DataFrame(columns=list(columns))
        return pd.DataFrame(columns)


def count_signals(corpus: Corpus, *, metadata: bool = True) -> pd.DataFrame:
    """Per-document counts of every category of the lexicon (zeros included).

    Returns
    -------
    pandas.DataFrame
        One row per document and category, columns of ``docs/tables.md``: ``doc_id``,
        ``outlet``, ``medium``, ``category``, ``signal``, ``hits``, ``sentences_with`` (sentences
        carrying the category), ``morphemes`` and ``sentences`` (document size),
        ``per_1k_morphemes`` (hits per 1,000 morphemes, 0 for an empty document) and
        ``per_100_sentences`` (sentences with the category per 100 sentences). With
        ``metadata``, documents' metadata columns (``voice``, CSV extras …) follow.
    """
    table = CountTable(corpus.lexicon)
    for d, result in zip(corpus.documents, corpus.results, strict=True):
        table.add(d, result)
    return table.frame(metadata=metadata)
