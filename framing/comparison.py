"""Compare signal rates between groups of documents (outlets, media, metadata values).

:func:`compare` turns the per-document counts of ``framing.count_signals`` into one row per
group and category: pooled rates with bootstrap intervals, the rate in all other groups, an
effect size (rate ratio) and a 2x2 test of the group against the rest, adjusted for multiple
comparisons across the whole table.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from framing.counts import DocumentCounts
from framing.stats import (
    CORRECTIONS,
    Correction,
    adjust_pvalues,
    bootstrap_rate_cis,
    rate_ratios,
    two_by_two_test,
)

__all__ = ["COMPARE_COLUMNS", "COUNT_COLUMNS", "NOT_GROUPING", "check_grouping", "compare"]

COUNT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "category",
    "hits",
    "sentences_with",
    "morphemes",
    "sentences",
)
"""Columns of the counts table that :func:`compare` reads (besides ``by``)."""

NOT_GROUPING = frozenset({*COUNT_COLUMNS, "signal", "per_1k_morphemes", "per_100_sentences"})
"""Columns of the counts table that cannot be a grouping variable."""

COMPARE_COLUMNS: tuple[str, ...] = (
    "by",
    "group",
    "category",
    "documents",
    "morphemes",
    "sentences",
    "hits",
    "per_1k_morphemes",
    "ci_low",
    "ci_high",
    "per_100_sentences",
    "rest_per_1k_morphemes",
    "rate_ratio",
    "log2_rate_ratio",
    "test",
    "statistic",
    "adjusted_residual",
    "p_value",
    "p_adjusted",
    "significant",
)
"""Columns returned by :func:`compare`, in order (see docs/tables.md)."""


def check_grouping(columns: Iterable[Hashable], by: str) -> None:
    """Raise ``ValueError`` naming the allowed choices unless ``by`` is one of ``columns``
    that can group documents (not in :data:`NOT_GROUPING`)."""
    allowed = [str(c) for c in columns if c not in NOT_GROUPING]
    if by not in allowed:
        raise ValueError(f"unknown by={by!r}; allowed: {', '.join(allowed)}")


def _check_columns(counts: pd.DataFrame, by: str) -> None:
    missing = [c for c in COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise ValueError(
            f"counts is missing column(s) {', '.join(map(repr, missing))}; compare() expects a "
            f"framing.count_signals() table with columns {', '.join(COUNT_COLUMNS)}"
        )
    check_grouping(counts.columns, by)


def _whole_counts(values: pd.Series[Any], name: str) -> npt.NDArray[np.int64]:
    arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    if not np.isfinite(arr).all() or (arr < 0).any() or (arr != np.floor(arr)).any():
        raise ValueError(f"column {name!r} must hold non-negative whole numbers (no NaN)")
    return arr.astype(np.int64)


Matrices = tuple[pd.DataFrame, npt.NDArray[np.int64], npt.NDArray[np.int64], list[str]]
"""Documents sorted by ``doc_id`` (``by``, ``morphemes``, ``sentences``), their hits and
sentences with each category (documents x categories) and the categories compared."""


def _chosen(known: list[str], categories: Sequence[str] | None) -> list[str]:
    if categories is None:
        return known
    if isinstance(categories, str):
        raise ValueError(f"categories must be a list, not the string {categories!r}")
    unknown = [c for c in categories if c not in set(known)]
    if unknown:
        raise ValueError(f"unknown categories {unknown}; the counts table has: {', '.join(known)}")
    return sorted(set(categories))


def _from_table(counts: pd.DataFrame, by: str, categories: Sequence[str] | None) -> Matrices:
    """The matrices of a tidy counts table, checked."""
    _check_columns(counts, by)
    table = counts.loc[:, [*COUNT_COLUMNS, by]]
    chosen = _chosen(sorted(table["category"].dropna().unique().tolist()), categories)
    doc_codes, doc_ids = pd.factorize(table["doc_id"], sort=True)
    if (doc_codes < 0).any():
        raise ValueError("column 'doc_id' must not be missing")
    docs = _per_document(table, doc_codes, by)
    keep = table["category"].isin(chosen).to_numpy()
    cat_codes = pd.Categorical(table["category"][keep], categories=chosen).codes.astype(np.intp)
    rows = doc_codes[keep]
    n_docs, n_cats = len(doc_ids), len(chosen)
    pair = rows * n_cats + cat_codes
    if len(np.unique(pair)) < len(pair):
        dup = pd.Series(pair).duplicated().to_numpy().argmax()
        raise ValueError(
            f"document {doc_ids[rows[dup]]!r} has more than one row for category "
            f"{chosen[cat_codes[dup]]!r}"
        )
    hits = np.zeros((n_docs, n_cats), dtype=np.int64)
    hits[rows, cat_codes] = _whole_counts(table["hits"][keep], "hits")
    with_sentences = np.zeros((n_docs, n_cats), dtype=np.int64)
    with_sentences[rows, cat_codes] = _whole_counts(table["sentences_with"][keep], "sentences_with")
    return docs, hits, with_sentences, chosen


def _from_documents(counts: DocumentCounts, by: str, categories: Sequence[str] | None) -> Matrices:
    """The matrices of the per-document form, in the same order as :func:`_from_table`."""
    table = counts.documents
    check_grouping(table.columns, by)
    chosen = _chosen(sorted(counts.categories), categories)
    order = counts.order_by_id()
    columns = np.array([counts.categories.index(c) for c in chosen], dtype=np.intp)
    docs = table.iloc[order][[by, "morphemes", "sentences"]].reset_index(drop=True)
    hits = counts.hits[np.ix_(order, columns)]
    return docs, hits, counts.sentences_with[np.ix_(order, columns)], chosen


def _per_document(table: pd.DataFrame, doc_codes: npt.NDArray[np.intp], by: str) -> pd.DataFrame:
    """One row per document (in doc-code order): group, morphemes, sentences."""
    columns = [by, "morphemes", "sentences"]
    conflicts = table.groupby("doc_id", sort=True)[columns].nunique(dropna=False)
    for column in columns:
        bad = conflicts.index[conflicts[column] > 1]
        if len(bad):
            raise ValueError(
                f"document {bad[0]!r} has more than one value of {column!r}; "
                "each document must have a single group and size"
            )
    _, first = np.unique(doc_codes, return_index=True)
    return table.iloc[first][columns].reset_index(drop=True)


def _rate(hits: npt.NDArray[Any], size: npt.NDArray[Any], per: float) -> npt.NDArray[np.float64]:
    hits_f = np.asarray(hits, dtype=np.float64)
    size_f = np.broadcast_to(np.asarray(size, dtype=np.float64), hits_f.shape)
    out = np.full(hits_f.shape, np.nan)
    np.divide(hits_f * per, size_f, out=out, where=size_f > 0)
    return out


def compare(
    counts: pd.DataFrame | DocumentCounts,
    *,
    by: str = "outlet",
    categories: Sequence[str] | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    correction: Correction = "holm",
    alpha: float = 0.05,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Compare signal rates of each group with all other groups together.

    Parameters
    ----------
    counts
        Per-document counts as returned by ``framing.count_signals``: one row per document
        and category with columns ``doc_id``, ``category``, ``hits``, ``sentences_with``,
        ``morphemes``, ``sentences`` and the grouping column ``by``. A document missing a
        category row counts as 0 hits for it. Documents whose ``by`` value is missing are
        left out (they belong to no group and to no rest). Its per-document form
        (:class:`framing.counts.DocumentCounts`) gives the same result.
    by
        The grouping column: ``outlet``, ``medium`` or any metadata column of ``counts``.
    categories
        Categories to compare (default: all categories in ``counts``).
    n_boot
        Bootstrap resamples for ``ci_low`` / ``ci_high``.
    seed
        Seed of the bootstrap. Every group uses the same seed with its documents in
        ``doc_id`` order, so a group's interval depends only on its own documents, never on
        the row order of ``counts`` or on the other groups.
    correction
        Multiple-comparison adjustment across all rows of the result: ``"holm"`` or
        ``"fdr_bh"`` (Benjamini-Hochberg).
    alpha
        Threshold for ``significant``.
    confidence
        Coverage of the bootstrap interval.

    Returns
    -------
    pandas.DataFrame
        One row per group and category, sorted by category then group, with columns:

        ``by`` (str)
            the grouping column's name.
        ``group``
            its value.
        ``category`` (str)
            codebook category.
        ``documents``, ``morphemes``, ``sentences``, ``hits`` (int)
            totals in the group.
        ``per_1k_morphemes`` (float)
            ``hits / morphemes * 1000`` (NaN when the group has no morphemes).
        ``ci_low``, ``ci_high`` (float)
            percentile bootstrap interval of ``per_1k_morphemes``, resampling the group's
            documents.
        ``per_100_sentences`` (float)
            sentences carrying the category per 100 sentences.
        ``rest_per_1k_morphemes`` (float)
            the rate in all other groups together.
        ``rate_ratio``, ``log2_rate_ratio`` (float)
            ``per_1k_morphemes / rest_per_1k_morphemes`` and its base-2 logarithm
            (Haldane-corrected when a cell of the 2x2 table is 0, see
            :func:`framing.stats.rate_ratio`).
        ``test`` (str)
            ``chi2`` or ``fisher`` (see :func:`framing.stats.two_by_two_test`) on the table
            group hits, group morphemes - hits / rest hits, rest morphemes - hits.
        ``statistic``, ``adjusted_residual``, ``p_value`` (float)
            the test's chi-square statistic (NaN for Fisher), Haberman's adjusted residual
            of the group's hit cell and two-sided p-value.
        ``p_adjusted`` (float)
            ``p_value`` adjusted across the whole table with ``correction``.
        ``significant`` (bool)
            ``p_adjusted < alpha``.

        With a single group there is no rest: ``rest_per_1k_morphemes``, ``rate_ratio``,
        ``log2_rate_ratio``, ``statistic``, ``adjusted_residual``, ``p_value`` and
        ``p_adjusted`` are NaN, ``test`` is missing and ``significant`` is False.

    Raises
    ------
    ValueError
        A required column is missing, ``by`` is not a grouping column of ``counts``, a
        category is unknown, counts are not whole numbers, a document has two groups or
        sizes, or a (document, category) pair appears twice (in the per-document form: a
        document appears twice).
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"unknown correction {correction!r}; allowed: {', '.join(CORRECTIONS)}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")
    if isinstance(counts, DocumentCounts):
        docs, hits, with_sentences, chosen = _from_documents(counts, by, categories)
    else:
        docs, hits, with_sentences, chosen = _from_table(counts, by, categories)
    morphemes = _whole_counts(docs["morphemes"], "morphemes")
    sentences = _whole_counts(docs["sentences"], "sentences")

    group_of_doc = docs[by]
    present = group_of_doc.notna().to_numpy()
    groups: list[Hashable] = sorted(group_of_doc[present].unique().tolist())
    total_morphemes = int(morphemes[present].sum())
    total_hits = hits[present].sum(axis=0)

    blocks: list[dict[str, Any]] = []
    for group in groups:
        members = (group_of_doc == group).to_numpy() & present
        g_hits = hits[members]
        g_morph = morphemes[members]
        low, high = bootstrap_rate_cis(
            g_hits, g_morph, n_boot=n_boot, confidence=confidence, seed=seed
        )
        blocks.append(
            {
                "group": group,
                "documents": int(members.sum()),
                "morphemes": int(g_morph.sum()),
                "sentences": int(sentences[members].sum()),
                "hits": g_hits.sum(axis=0),
                "with": with_sentences[members].sum(axis=0),
                "ci_low": low,
                "ci_high": high,
            }
        )
    return _assemble(blocks, chosen, by, total_hits, total_morphemes, correction, alpha)


def _assemble(
    blocks: list[dict[str, Any]],
    categories: list[str],
    by: str,
    total_hits: npt.NDArray[np.int64],
    total_morphemes: int,
    correction: Correction,
    alpha: float,
) -> pd.DataFrame:
    """Lay the per-group blocks out as rows sorted by category then group, and test them."""
    n_groups, n_cats = len(blocks), len(categories)
    if n_groups == 0 or n_cats == 0:
        return pd.DataFrame({column: [] for column in COMPARE_COLUMNS})

    def stack(key: str) -> npt.NDArray[Any]:
        # (groups, categories) -> category-major vector
        return np.array([block[key] for block in blocks]).T.ravel()

    def repeat(key: str) -> npt.NDArray[Any]:
        return np.tile(np.array([block[key] for block in blocks]), n_cats)

    hits = stack("hits").astype(np.int64)
    morphemes = repeat("morphemes").astype(np.int64)
    sentences = repeat("sentences").astype(np.int64)
    rest_hits = np.repeat(total_hits, n_groups) - hits
    rest_morphemes = total_morphemes - morphemes
    too_many = np.flatnonzero(hits > morphemes)
    if too_many.size:
        i = int(too_many[0])
        raise ValueError(
            f"group {blocks[i % n_groups]['group']!r} has more {categories[i // n_groups]!r} "
            f"hits ({hits[i]}) than morphemes ({morphemes[i]})"
        )
    has_rest = n_groups > 1

    tests = [
        two_by_two_test(h, m - h, rh, rm - rh) if has_rest else None
        for h, m, rh, rm in zip(
            hits.tolist(),
            morphemes.tolist(),
            rest_hits.tolist(),
            rest_morphemes.tolist(),
            strict=True,
        )
    ]
    nan = float("nan")
    p_values = np.array([t.p_value if t else nan for t in tests], dtype=np.float64)
    p_adjusted = adjust_pvalues(p_values, method=correction)
    ratio = (
        rate_ratios(hits, morphemes, rest_hits, rest_morphemes)
        if has_rest
        else np.full(hits.shape, np.nan)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        log2_ratio = np.log2(ratio)

    frame = pd.DataFrame(
        {
            "by": by,
            "group": [block["group"] for block in blocks] * n_cats,
            "category": np.repeat(np.array(categories, dtype=object), n_groups),
            "documents": repeat("documents").astype(np.int64),
            "morphemes": morphemes,
            "sentences": sentences,
            "hits": hits,
            "per_1k_morphemes": _rate(hits, morphemes, 1000.0),
            "ci_low": stack("ci_low").astype(np.float64),
            "ci_high": stack("ci_high").astype(np.float64),
            "per_100_sentences": _rate(stack("with"), sentences, 100.0),
            "rest_per_1k_morphemes": (
                _rate(rest_hits, rest_morphemes, 1000.0) if has_rest else np.full(hits.shape, nan)
            ),
            "rate_ratio": ratio,
            "log2_rate_ratio": log2_ratio,
            "test": [t.test if t else None for t in tests],
            "statistic": [t.statistic if t else nan for t in tests],
            "adjusted_residual": [t.adjusted_residual if t else nan for t in tests],
            "p_value": p_values,
            "p_adjusted": p_adjusted,
            "significant": np.nan_to_num(p_adjusted, nan=1.0) < alpha,
        }
    )
    return frame.loc[:, list(COMPARE_COLUMNS)]
