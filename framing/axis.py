"""Place documents, groups and article sections on an axis between two frames.

The default axis runs from ``frame.sovereignty`` (pole a: national sovereignty, international
law, aggression) to ``frame.justice`` (pole b: crime and law enforcement), the two readings of
the seed article's event. A unit's score is ``(hits_a - hits_b) / (hits_a + hits_b + 1)``:
0 for a balanced or unframed unit, approaching +1 for pure pole a and -1 for pure pole b;
the ``+ 1`` damps units with only a hit or two.

:func:`axis_scores` scores documents and groups (with a bootstrap interval over documents);
:func:`axis_by_section` follows the score through the sections of articles.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from functools import partial
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from framing.comparison import check_grouping
from framing.counts import DocumentCounts
from framing.stats import bootstrap_mean_ci

__all__ = ["AXIS_COLUMNS", "Unit", "axis_by_section", "axis_score", "axis_scores"]

Unit = Literal["document", "group", "section"]

AXIS_COLUMNS: tuple[str, ...] = (
    "unit",
    "id",
    "group",
    "pole_a",
    "pole_b",
    "hits_a",
    "hits_b",
    "score",
    "ci_low",
    "ci_high",
    "top_terms",
    "documents",
    "section",
)
"""Columns returned by :func:`axis_scores` and :func:`axis_by_section` (see docs/tables.md)."""

_HIT_COLUMNS: tuple[str, ...] = ("doc_id", "category", "text")
_SECTION_COLUMNS: tuple[str, ...] = ("doc_id", "section", "title", "start", "end")


def axis_score(hits_a: npt.ArrayLike, hits_b: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """``(hits_a - hits_b) / (hits_a + hits_b + 1)``, element-wise, in (-1, 1)."""
    a = np.asarray(hits_a, dtype=np.float64)
    b = np.asarray(hits_b, dtype=np.float64)
    return np.asarray((a - b) / (a + b + 1.0), dtype=np.float64)


# --------------------------------------------------------------------------- validation


def _require(table: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {', '.join(map(repr, missing))} "
            f"(it has: {', '.join(map(str, table.columns))})"
        )


def _check_poles(pole_a: str, pole_b: str) -> None:
    if pole_a == pole_b:
        raise ValueError(f"pole_a and pole_b must differ, both are {pole_a!r}")


def _whole(values: pd.Series[Any], name: str) -> npt.NDArray[np.int64]:
    arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    if not np.isfinite(arr).all() or (arr < 0).any() or (arr != np.floor(arr)).any():
        raise ValueError(f"column {name!r} must hold non-negative whole numbers (no NaN)")
    return arr.astype(np.int64)


# --------------------------------------------------------------------------- top terms


def _top_terms(
    keys: pd.Series[Any],
    categories: pd.Series[Any],
    texts: pd.Series[Any],
    *,
    pole_a: str,
    pole_b: str,
    top_n: int,
) -> dict[Hashable, str]:
    """Map each unit key to ``"<pole_a>: 主権×3, 侵略×1 | <pole_b>: 逮捕×2"``.

    Terms are the hit texts as written, most frequent first, ties in text order; poles
    without hits are omitted.
    """
    frame = pd.DataFrame(
        {"key": keys.to_numpy(), "category": categories.to_numpy(), "text": texts.astype(str)}
    )
    frame = frame[frame["category"].isin([pole_a, pole_b]) & frame["key"].notna()]
    if frame.empty:
        return {}
    tally = frame.groupby(["key", "category", "text"], sort=True).size().reset_index(name="n")
    tally["pole"] = (tally["category"] == pole_b).astype(int)
    tally = tally.sort_values(
        ["key", "pole", "n", "text"], ascending=[True, True, False, True], kind="mergesort"
    )
    tally = tally.groupby(["key", "pole"], sort=False).head(top_n)
    parts: dict[Hashable, dict[int, list[str]]] = {}
    for key, pole, text, n in zip(
        tally["key"], tally["pole"], tally["text"], tally["n"], strict=True
    ):
        parts.setdefault(key, {}).setdefault(int(pole), []).append(f"{text}×{int(n)}")
    names = (pole_a, pole_b)
    return {
        key: " | ".join(f"{names[pole]}: {', '.join(terms)}" for pole, terms in sorted(by.items()))
        for key, by in parts.items()
    }


# --------------------------------------------------------------------------- documents, groups


def axis_scores(
    counts: pd.DataFrame | DocumentCounts,
    *,
    by: str = "outlet",
    pole_a: str = "frame.sovereignty",
    pole_b: str = "frame.justice",
    n_boot: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
    skip_empty: bool = True,
    hits: pd.DataFrame | None = None,
    top_n: int = 3,
) -> pd.DataFrame:
    """Score every document and every group on the ``pole_a`` ↔ ``pole_b`` axis.

    Parameters
    ----------
    counts
        Per-document counts as returned by ``framing.count_signals`` (columns ``doc_id``,
        ``category``, ``hits`` and the grouping column ``by``); a document without a row for
        a pole has 0 hits for it. Both poles must occur among the categories. Its
        per-document form (:class:`framing.counts.DocumentCounts`) gives the same result.
    by
        Grouping column (``outlet``, ``medium`` or a metadata column).
    pole_a, pole_b
        The categories at the positive and the negative end of the axis.
    n_boot, seed, confidence
        Bootstrap of a group's mean score over its documents (taken in ``doc_id`` order, one
        ``PCG64(seed)`` draw per group, so a group's interval depends only on its documents).
    skip_empty
        If True (default), a group's score averages only the documents with at least one
        hit of either pole: a document that uses neither frame says nothing about which one
        the outlet prefers, and counting it as 0 would pull every outlet towards the middle
        in proportion to how much off-topic material it publishes. If False, every document
        counts (unframed ones as 0). Document rows are always reported, unframed ones with
        score 0.
    hits
        Optional signal hits (``framing.signals``; columns ``doc_id``, ``category``,
        ``text``) to fill ``top_terms``.
    top_n
        Number of terms per pole in ``top_terms``.

    Returns
    -------
    pandas.DataFrame
        Group rows first (sorted by group), then document rows (sorted by group, then
        ``doc_id``; documents without a group last). Columns:

        ``unit`` (str)
            ``group`` or ``document``.
        ``id`` (str)
            the doc_id, or the group value as a string.
        ``group``
            the group value (missing for a document without one; such documents join no
            group row).
        ``pole_a``, ``pole_b`` (str)
            the two categories.
        ``hits_a``, ``hits_b`` (int)
            hits of each pole in the unit (a group's totals include unframed documents).
        ``score`` (float)
            documents: ``(hits_a - hits_b) / (hits_a + hits_b + 1)``; groups: the mean of
            their documents' scores (see ``skip_empty``), NaN when no document qualifies.
            Positive leans to ``pole_a``.
        ``ci_low``, ``ci_high`` (float)
            groups: percentile bootstrap interval of the mean over documents; NaN for
            documents.
        ``top_terms`` (str)
            the most frequent hit texts per pole, ``"<pole_a>: 主権×3, 侵略×1 | <pole_b>: 逮捕×2"``
            ("" when the unit has no pole hit); missing when ``hits`` is not given.
        ``documents`` (int)
            number of documents the score averages (1 for a document row).
        ``section`` (Int64)
            always missing here (see :func:`axis_by_section`).
    """
    if isinstance(counts, DocumentCounts):
        columns, known = counts.documents.columns, set(counts.categories)
    else:
        _require(counts, ("doc_id", "category", "hits"), "counts")
        columns, known = counts.columns, set(counts["category"].dropna().unique().tolist())
    check_grouping(columns, by)
    _check_poles(pole_a, pole_b)
    if hits is not None:
        _require(hits, _HIT_COLUMNS, "hits")
    absent = [p for p in (pole_a, pole_b) if p not in known]
    if absent:
        raise ValueError(
            f"pole(s) {absent} not among the categories of counts: {', '.join(sorted(known))}"
        )

    docs = (
        _poles_of_documents(counts, by, pole_a, pole_b)
        if isinstance(counts, DocumentCounts)
        else _document_poles(counts, by, pole_a, pole_b)
    )
    scores = axis_score(docs["hits_a"], docs["hits_b"])
    docs["score"] = scores
    framed = (docs["hits_a"] + docs["hits_b"] > 0).to_numpy()

    group_terms: dict[Hashable, str] = {}
    doc_terms: dict[Hashable, str] = {}
    if hits is not None:
        group_of = dict(zip(docs["doc_id"], docs["group"], strict=True))
        terms = partial(
            _top_terms,
            categories=hits["category"],
            texts=hits["text"],
            pole_a=pole_a,
            pole_b=pole_b,
            top_n=top_n,
        )
        doc_terms = terms(hits["doc_id"])
        group_terms = terms(hits["doc_id"].map(group_of))

    group_rows: list[dict[str, Any]] = []
    present = docs["group"].notna().to_numpy()
    for group in sorted(docs.loc[present, "group"].unique().tolist()):
        members = (docs["group"] == group).to_numpy() & present
        used = members & framed if skip_empty else members
        values = scores[used]
        low, high = bootstrap_mean_ci(values, n_boot=n_boot, confidence=confidence, seed=seed)
        group_rows.append(
            {
                "unit": "group",
                "id": str(group),
                "group": group,
                "hits_a": int(docs.loc[members, "hits_a"].sum()),
                "hits_b": int(docs.loc[members, "hits_b"].sum()),
                "score": float(values.mean()) if values.size else np.nan,
                "ci_low": low,
                "ci_high": high,
                "top_terms": group_terms.get(group, "") if hits is not None else None,
                "documents": int(used.sum()),
            }
        )
    doc_rows = pd.DataFrame(
        {
            "unit": "document",
            "id": docs["doc_id"].astype(str),
            "group": docs["group"],
            "hits_a": docs["hits_a"],
            "hits_b": docs["hits_b"],
            "score": scores,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "top_terms": (
                [doc_terms.get(d, "") for d in docs["doc_id"]] if hits is not None else None
            ),
            "documents": 1,
        }
    ).sort_values(["group", "id"], na_position="last", kind="mergesort")
    return _finish([pd.DataFrame(group_rows), doc_rows], pole_a, pole_b)


def _document_poles(counts: pd.DataFrame, by: str, pole_a: str, pole_b: str) -> pd.DataFrame:
    """One row per document (sorted by doc_id): doc_id, group, hits_a, hits_b."""
    table = counts.loc[:, ["doc_id", "category", "hits", by]]
    if table["doc_id"].isna().any():
        raise ValueError("column 'doc_id' must not be missing")
    conflicts = table.groupby("doc_id")[by].nunique(dropna=False)
    if (conflicts > 1).any():
        raise ValueError(
            f"document {conflicts.index[conflicts > 1][0]!r} has more than one value of {by!r}"
        )
    poles = table[table["category"].isin([pole_a, pole_b])]
    duplicated = poles.duplicated(["doc_id", "category"])
    if duplicated.any():
        row = poles[duplicated].iloc[0]
        raise ValueError(
            f"document {row['doc_id']!r} has more than one row for category {row['category']!r}"
        )
    docs = (
        table.drop_duplicates("doc_id")
        .sort_values("doc_id", kind="mergesort")
        .loc[:, ["doc_id", by]]
        .rename(columns={by: "group"})
        .reset_index(drop=True)
    )
    for pole, column in ((pole_a, "hits_a"), (pole_b, "hits_b")):
        rows = poles[poles["category"] == pole]
        per_doc = pd.Series(_whole(rows["hits"], "hits"), index=rows["doc_id"].to_numpy())
        docs[column] = per_doc.reindex(docs["doc_id"].to_numpy(), fill_value=0).to_numpy()
    return docs


def _poles_of_documents(counts: DocumentCounts, by: str, pole_a: str, pole_b: str) -> pd.DataFrame:
    """:func:`_document_poles` of the per-document form."""
    order = counts.order_by_id()
    table = counts.documents.iloc[order].reset_index(drop=True)
    return pd.DataFrame(
        {
            "doc_id": table["doc_id"],
            "group": table[by],
            "hits_a": counts.hits[order, counts.categories.index(pole_a)],
            "hits_b": counts.hits[order, counts.categories.index(pole_b)],
        }
    )


def _finish(parts: list[pd.DataFrame], pole_a: str, pole_b: str) -> pd.DataFrame:
    """Concatenate row blocks and lay them out with :data:`AXIS_COLUMNS` and stable dtypes."""
    parts = [p for p in parts if not p.empty]
    frame = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame({c: [] for c in AXIS_COLUMNS if c not in ("pole_a", "pole_b")})
    )
    frame["pole_a"] = pole_a
    frame["pole_b"] = pole_b
    if "section" not in frame.columns:
        frame["section"] = pd.NA
    frame = frame.astype(
        {
            "hits_a": "int64",
            "hits_b": "int64",
            "score": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
            "documents": "int64",
            "section": "Int64",
        }
    )
    return frame.loc[:, list(AXIS_COLUMNS)].reset_index(drop=True)


# --------------------------------------------------------------------------- sections


def axis_by_section(
    hits: pd.DataFrame,
    sections: pd.DataFrame,
    *,
    pole_a: str = "frame.sovereignty",
    pole_b: str = "frame.justice",
    top_n: int = 3,
) -> pd.DataFrame:
    """Follow the ``pole_a`` ↔ ``pole_b`` score through the sections of articles.

    Parameters
    ----------
    hits
        Signal hits (``framing.signals``; columns ``doc_id``, ``category``, ``start``,
        ``text``). Only hits of the two poles are used.
    sections
        One row per section: ``doc_id``, ``section`` (int, its order), ``title``, ``start``
        and ``end`` (character offsets into the document's ``text``, end exclusive).
    pole_a, pole_b
        The categories at the positive and the negative end of the axis.
    top_n
        Number of terms per pole in ``top_terms``.

    Returns
    -------
    pandas.DataFrame
        One row per section, sorted by ``doc_id`` then ``section``, with the columns of
        :func:`axis_scores`: ``unit`` is ``section``, ``id`` the section title (its number
        when the title is missing or empty), ``group`` the doc_id, ``section`` the section
        number, ``documents`` 1, ``ci_low`` / ``ci_high`` NaN. A hit belongs to the section
        with the greatest ``start`` not after the hit's ``start``, provided that section
        ends after it; hits outside every section are ignored.
    """
    _require(hits, ("doc_id", "category", "start", "text"), "hits")
    _require(sections, _SECTION_COLUMNS, "sections")
    _check_poles(pole_a, pole_b)
    secs = sections.loc[:, list(_SECTION_COLUMNS)].copy()
    for column in ("section", "start", "end"):
        secs[column] = _whole(secs[column], column)
    if (secs["start"] > secs["end"]).any():
        bad = secs[secs["start"] > secs["end"]].iloc[0]
        raise ValueError(f"section {bad['section']} of {bad['doc_id']!r} starts after it ends")
    if secs.duplicated(["doc_id", "section"]).any():
        bad = secs[secs.duplicated(["doc_id", "section"])].iloc[0]
        raise ValueError(f"section {bad['section']} of {bad['doc_id']!r} appears twice")
    secs = secs.sort_values(["doc_id", "section"], kind="mergesort").reset_index(drop=True)

    pole_hits = hits[hits["category"].isin([pole_a, pole_b])]
    row_of_hit = _assign_sections(pole_hits, secs)
    assigned = row_of_hit >= 0
    located = pole_hits[assigned]
    row_ids = pd.Series(row_of_hit[assigned], index=located.index)
    tally = (
        pd.crosstab(row_ids, located["category"]).reindex(
            index=range(len(secs)), columns=[pole_a, pole_b], fill_value=0
        )
        if len(located)
        else pd.DataFrame(0, index=range(len(secs)), columns=[pole_a, pole_b])
    )
    terms = _top_terms(
        row_ids, located["category"], located["text"], pole_a=pole_a, pole_b=pole_b, top_n=top_n
    )
    hits_a = tally[pole_a].to_numpy(dtype=np.int64)
    hits_b = tally[pole_b].to_numpy(dtype=np.int64)
    titles = [
        str(title) if pd.notna(title) and str(title) != "" else str(number)
        for title, number in zip(secs["title"], secs["section"], strict=True)
    ]
    rows = pd.DataFrame(
        {
            "unit": "section",
            "id": titles,
            "group": secs["doc_id"],
            "hits_a": hits_a,
            "hits_b": hits_b,
            "score": axis_score(hits_a, hits_b),
            "ci_low": np.nan,
            "ci_high": np.nan,
            "top_terms": [terms.get(i, "") for i in range(len(secs))],
            "documents": 1,
            "section": secs["section"],
        }
    )
    return _finish([rows], pole_a, pole_b)


def _assign_sections(hits: pd.DataFrame, secs: pd.DataFrame) -> npt.NDArray[np.intp]:
    """Row of ``secs`` each hit falls into, or -1."""
    out = np.full(len(hits), -1, dtype=np.intp)
    if hits.empty or secs.empty:
        return out
    hit_starts = _whole(hits["start"], "start")
    hit_docs = hits["doc_id"].to_numpy()
    for doc_id, block in secs.groupby("doc_id", sort=True):
        mine = np.flatnonzero(hit_docs == doc_id)
        if mine.size == 0:
            continue
        ordered = block.sort_values(["start", "section"], kind="mergesort")
        starts = ordered["start"].to_numpy()
        ends = ordered["end"].to_numpy()
        position = np.searchsorted(starts, hit_starts[mine], side="right") - 1
        inside = (position >= 0) & (hit_starts[mine] < ends[np.maximum(position, 0)])
        out[mine[inside]] = ordered.index.to_numpy()[position[inside]]
    return out
