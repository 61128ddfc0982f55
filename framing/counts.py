"""Count signals per document: the table every comparison starts from."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from framing.pipeline import Corpus

__all__ = ["COUNT_COLUMNS", "count_signals"]

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
    categories = corpus.lexicon.categories
    family = {rule.category: rule.family for rule in corpus.lexicon.rules}
    extra: dict[str, None] = {}
    if metadata:
        for d in corpus.documents:
            for key, value in d.metadata.items():
                if isinstance(value, (str, int, float, bool)) and key not in COUNT_COLUMNS:
                    extra.setdefault(key, None)
    rows = []
    for d, hits, (morphemes, sentences) in zip(
        corpus.documents, corpus.hits, corpus.sizes, strict=True
    ):
        n_hits = Counter(h.category for h in hits)
        n_sentences = Counter(c for c, _ in {(h.category, h.sentence) for h in hits})
        meta = [d.metadata.get(key) for key in extra]
        for category in categories:
            k = n_hits.get(category, 0)
            s = n_sentences.get(category, 0)
            rows.append(
                (
                    d.doc_id,
                    d.outlet,
                    d.medium,
                    category,
                    family[category],
                    k,
                    s,
                    morphemes,
                    sentences,
                    k / morphemes * 1000 if morphemes else 0.0,
                    s / sentences * 100 if sentences else 0.0,
                    *meta,
                )
            )
    return pd.DataFrame(rows, columns=[*COUNT_COLUMNS, *extra])
