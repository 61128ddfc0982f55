"""Keyness: which lemmas distinguish one group of documents from the others.

:func:`keyness` counts lemmas per group in a tokens table and scores each group against
all other groups pooled with the log-odds ratio under an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008; :func:`framing.stats.log_odds_dirichlet`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.engine import DEFAULT_EXCLUDE_POS1
from framing.stats import log_odds_dirichlet

__all__ = ["DEFAULT_EXCLUDE_POS1", "KEYNESS_COLUMNS", "TOKEN_COLUMNS", "keyness"]

TOKEN_COLUMNS: tuple[str, ...] = ("doc_id", "lemma", "pos1")
"""Columns of the tokens table that :func:`keyness` reads (besides ``by``)."""

KEYNESS_COLUMNS: tuple[str, ...] = (
    "by",
    "group",
    "lemma",
    "count",
    "count_rest",
    "log_odds",
    "variance",
    "z",
)
"""Columns returned by :func:`keyness`, in order (see docs/tables.md)."""


def _check_options(tokens: pd.DataFrame, by: str, min_count: int, top: int | None) -> None:
    missing = [c for c in (*TOKEN_COLUMNS, by) if c not in tokens.columns]
    if missing:
        raise ValueError(
            f"tokens is missing column(s) {', '.join(map(repr, missing))}; keyness() needs "
            f"{', '.join(TOKEN_COLUMNS)} and the grouping column by={by!r} "
            f"(the table has: {', '.join(map(str, tokens.columns))})"
        )
    if by in TOKEN_COLUMNS[1:]:
        raise ValueError(f"by={by!r} is a token attribute, not a grouping column")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a positive integer or None, got {top!r}")


def keyness(
    tokens: pd.DataFrame,
    *,
    by: str,
    min_count: int = 5,
    exclude_pos1: Sequence[str] = DEFAULT_EXCLUDE_POS1,
    prior_scale: float | None = 1000.0,
    top: int | None = None,
) -> pd.DataFrame:
    """Score how strongly each lemma marks each group against all other groups.

    Parameters
    ----------
    tokens
        One row per morpheme with columns ``doc_id``, ``lemma``, ``pos1`` and the grouping
        column ``by`` (join the document metadata onto ``framing.tokens`` first). When a
        ``kind`` column is present, only rows with ``kind == "word"`` are kept (URLs,
        handles, emoji and hashtags are dropped). A row may stand for several occurrences:
        an ``n`` column, when present, gives how many (the per-document lemma counts of
        :class:`framing.engine.DocResult`, for example).
    by
        The grouping column, e.g. ``outlet`` or ``medium``; at least two groups are needed.
        Rows whose group is missing are dropped.
    min_count
        Lemmas occurring fewer times than this over all groups are dropped before scoring.
    exclude_pos1
        ``pos1`` values to drop (default: symbols, whitespace, particles, auxiliaries).
    prior_scale
        Total weight of the Dirichlet prior (the pooled lemma frequencies); see
        :func:`framing.stats.log_odds_dirichlet`.
    top
        Keep only the ``top`` rows with the highest ``z`` per group (default: all).

    Returns
    -------
    pandas.DataFrame
        One row per group and kept lemma (lemmas absent from a group included), sorted by
        group, then descending ``z``, then ``lemma``; columns:

        ``by`` (str)
            the grouping column's name.
        ``group``
            its value.
        ``lemma`` (str)
            the lemma.
        ``count``, ``count_rest`` (int)
            occurrences in the group and in all other groups.
        ``log_odds`` (float)
            log-odds ratio of the lemma, group vs rest, with the informative Dirichlet
            prior; positive means typical of the group.
        ``variance`` (float)
            its approximate variance.
        ``z`` (float)
            ``log_odds / sqrt(variance)``.

        Group totals are taken over the kept lemmas only.

    Raises
    ------
    ValueError
        A column is missing, an option is invalid, fewer than two groups are present, or
        fewer than two lemmas reach ``min_count``.
    """
    _check_options(tokens, by, min_count, top)
    keep = ~tokens["pos1"].isin(list(exclude_pos1)) & tokens["lemma"].notna()
    keep &= tokens[by].notna()
    if "kind" in tokens.columns:
        keep &= tokens["kind"] == "word"
    weighted = "n" in tokens.columns
    rows = tokens.loc[keep, ["lemma", by, "n"] if weighted else ["lemma", by]]
    rows = rows[rows["lemma"].astype(str) != ""]

    group_codes, groups = pd.factorize(rows[by], sort=True)
    if len(groups) < 2:
        raise ValueError(
            f"keyness() needs at least two groups in {by!r}; found {list(groups)} after filtering"
        )
    lemma_codes, lemmas = pd.factorize(rows["lemma"].astype(str), sort=True)
    n_groups, n_lemmas = len(groups), len(lemmas)
    weights = rows["n"].to_numpy(dtype=np.float64) if weighted else None
    counts = (
        np.bincount(
            group_codes.astype(np.int64) * n_lemmas + lemma_codes,
            weights=weights,
            minlength=n_groups * n_lemmas,
        )
        .round()
        .astype(np.int64)
        .reshape(n_groups, n_lemmas)
    )
    kept = counts.sum(axis=0) >= min_count
    if kept.sum() < 2:
        raise ValueError(
            f"only {int(kept.sum())} lemma(s) occur at least min_count={min_count} times; "
            "lower min_count or add documents"
        )
    counts = counts[:, kept]
    kept_lemmas = np.asarray(lemmas)[kept]
    scores = log_odds_dirichlet(counts, prior_scale=prior_scale)

    n_kept = counts.shape[1]
    frame = pd.DataFrame(
        {
            "by": by,
            "group": np.repeat(np.arange(n_groups), n_kept),
            "lemma": np.tile(kept_lemmas, n_groups),
            "count": counts.ravel().astype(np.int64),
            "count_rest": (counts.sum(axis=0) - counts).ravel().astype(np.int64),
            "log_odds": scores.log_odds.ravel(),
            "variance": scores.variance.ravel(),
            "z": scores.z.ravel(),
        }
    )
    frame = frame.sort_values(
        ["group", "z", "lemma"], ascending=[True, False, True], kind="mergesort"
    )
    if top is not None:
        frame = frame.groupby("group", sort=False).head(top)
    frame["group"] = np.asarray(groups)[frame["group"].to_numpy()]
    return frame.loc[:, list(KEYNESS_COLUMNS)].reset_index(drop=True)
