"""Count signals per document: the table every comparison starts from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from framing.document import Document
from framing.engine import DocResult
from framing.lexicon import Lexicon
from framing.pipeline import Corpus

__all__ = [
    "COUNT_COLUMNS",
    "category_families",
    "count_rows",
    "count_signals",
    "counts_frame",
    "metadata_keys",
]

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


def metadata_keys(documents: Iterable[Document]) -> list[str]:
    """Metadata keys with scalar values, in order of first appearance (extra count columns)."""
    extra: dict[str, None] = {}
    for d in documents:
        for key, value in d.metadata.items():
            if isinstance(value, (str, int, float, bool)) and key not in COUNT_COLUMNS:
                extra.setdefault(key, None)
    return list(extra)


def category_families(lexicon: Lexicon) -> dict[str, str]:
    """Every category of the lexicon (codebook order) with its family."""
    family = {rule.category: rule.family for rule in lexicon.rules}
    return {category: family[category] for category in lexicon.categories}


def count_rows(
    document: Document, result: DocResult, families: Mapping[str, str]
) -> tuple[list[tuple[Any, ...]], Mapping[str, Any]]:
    """One document's rows of :func:`count_signals` (without metadata) and its metadata.

    ``families`` is :func:`category_families` of the lexicon.
    """
    d = document
    hits = result.hits
    morphemes, sentences = result.morphemes, result.sentences
    n_hits = Counter(h.category for h in hits)
    n_sentences = Counter(c for c, _ in {(h.category, h.sentence) for h in hits})
    rows = []
    for category, family in families.items():
        k = n_hits.get(category, 0)
        s = n_sentences.get(category, 0)
        rows.append(
            (
                d.doc_id,
                d.outlet,
                d.medium,
                category,
                family,
                k,
                s,
                morphemes,
                sentences,
                k / morphemes * 1000 if morphemes else 0.0,
                s / sentences * 100 if sentences else 0.0,
            )
        )
    return rows, d.metadata


def counts_frame(
    per_document: Iterable[tuple[list[tuple[Any, ...]], Mapping[str, Any]]], extra: Sequence[str]
) -> pd.DataFrame:
    """The counts table from :func:`count_rows` output, with ``extra`` metadata columns."""
    rows = [
        (*row, *[metadata.get(key) for key in extra])
        for doc_rows, metadata in per_document
        for row in doc_rows
    ]
    return pd.DataFrame(rows, columns=[*COUNT_COLUMNS, *extra])


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
    extra = metadata_keys(corpus.documents) if metadata else []
    families = category_families(corpus.lexicon)
    return counts_frame(
        (
            count_rows(d, result, families)
            for d, result in zip(corpus.documents, corpus.results, strict=True)
        ),
        extra,
    )
