"""Count signals per document: the table every comparison starts from."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.document import Document
from framing.engine import DocResult
from framing.lexicon import Lexicon
from framing.pipeline import Corpus

__all__ = ["COUNT_COLUMNS", "CountTable", "category_families", "count_signals"]

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

    def frame(self, *, metadata: bool = True) -> pd.DataFrame:
        """The table of :func:`count_signals` (metadata columns last when ``metadata``)."""
        n, k = len(self._doc_ids), len(self.categories)
        sizes = np.frombuffer(self._sizes, dtype=np.int64).reshape(n, 2)
        hits = np.frombuffer(self._hits, dtype=np.int64).copy()
        with_ = np.frombuffer(self._with, dtype=np.int64).copy()
        morphemes = np.repeat(sizes[:, 0], k)
        sentences = np.repeat(sizes[:, 1], k)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_1k = np.where(morphemes > 0, hits / morphemes * 1000, 0.0)
            per_100 = np.where(sentences > 0, with_ / sentences * 100, 0.0)

        def per_document(values: Sequence[Any]) -> pd.Series:
            return pd.Series(list(values)).repeat(k).reset_index(drop=True)

        columns: dict[str, Any] = {
            "doc_id": per_document(self._doc_ids),
            "outlet": per_document(self._outlets),
            "medium": per_document(self._media),
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
            for key in self.metadata_columns():
                columns[key] = per_document([m.get(key) for m in self._metadata])
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
