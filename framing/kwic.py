"""Keyword in context: every hit with the words around it, so any number traces back to text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing.detection import Hit
from framing.document import Document
from framing.pipeline import Corpus

__all__ = ["KWIC_COLUMNS", "kwic", "kwic_rows"]

KWIC_COLUMNS = (
    "doc_id",
    "outlet",
    "medium",
    "category",
    "rule",
    "left",
    "hit",
    "right",
    "sentence",
    "start",
    "end",
)


def kwic_rows(
    document: Document,
    hits: Sequence[Hit],
    *,
    category: str | None = None,
    width: int = 30,
    within_sentence: bool = False,
) -> list[tuple[Any, ...]]:
    """One document's rows of :func:`kwic` (``category`` a category or family, or ``None``)."""
    d = document
    text = d.text
    rows = []
    for h in hits:
        if category is not None and category not in (h.category, h.signal):
            continue
        lo, hi = 0, len(text)
        if within_sentence:
            lo = text.rfind(h.sentence_text, 0, h.end) if h.sentence_text else 0
            hi = lo + len(h.sentence_text) if lo >= 0 else len(text)
            lo = max(lo, 0)
        left = text[max(lo, h.start - width) : h.start].replace("\n", "⏎")
        right = text[h.end : min(hi, h.end + width)].replace("\n", "⏎")
        rows.append(
            (
                d.doc_id,
                d.outlet,
                d.medium,
                h.category,
                h.rule,
                left,
                h.text,
                right,
                h.sentence,
                h.start,
                h.end,
            )
        )
    return rows


def kwic(
    corpus: Corpus, *, category: str | None = None, width: int = 30, within_sentence: bool = False
) -> pd.DataFrame:
    """Concordance lines of the hits (of one category, or of every category).

    ``category`` may be a category (``hedge.reportative``) or a family (``hedge``). ``width``
    is the number of characters of context on each side; newlines are shown as ``⏎``. With
    ``within_sentence`` the context stops at the sentence boundary.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``outlet``, ``medium``, ``category``, ``rule``, ``left``, ``hit``, ``right``,
        ``sentence``, ``start``, ``end`` (offsets into the document text), in document order.
    """
    known = set(corpus.lexicon.categories) | {c.split(".")[0] for c in corpus.lexicon.categories}
    if category is not None and category not in known:
        raise ValueError(f"unknown category {category!r}; choose one of {', '.join(sorted(known))}")
    rows = []
    for d, hits in zip(corpus.documents, corpus.hits, strict=True):
        rows.extend(
            kwic_rows(d, hits, category=category, width=width, within_sentence=within_sentence)
        )
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
