"""Tests for framing.axis: the sovereignty ↔ justice axis over documents, groups and sections."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from framing.axis import AXIS_COLUMNS, axis_by_section, axis_score, axis_scores
from framing.stats import bootstrap_mean_ci

SOV, JUS = "frame.sovereignty", "frame.justice"

# doc_id, outlet, sovereignty hits, justice hits
DOCS = [
    ("A/1", "A", 3, 0),  # score (3-0)/(3+0+1) = 0.75
    ("A/2", "A", 0, 0),  # unframed: 0
    ("A/3", "A", 1, 1),  # 0
    ("B/1", "B", 1, 2),  # (1-2)/4 = -0.25
    ("B/2", "B", 0, 4),  # -4/5 = -0.8
]


def by_id(result: pd.DataFrame, unit: str) -> dict[str, dict[Hashable, Any]]:
    """Rows of one unit of an axis_scores() result keyed by id."""
    return {r["id"]: r for r in result.to_dict("records") if r["unit"] == unit}


def make_counts() -> pd.DataFrame:
    rows = [
        {
            "doc_id": doc,
            "outlet": outlet,
            "medium": "article",
            "category": category,
            "signal": "frame",
            "hits": n,
            "sentences_with": n,
            "morphemes": 100,
            "sentences": 5,
        }
        for doc, outlet, sov, jus in DOCS
        for category, n in ((SOV, sov), (JUS, jus), ("frame.economic", 2))
    ]
    return pd.DataFrame(rows)


def make_hits() -> pd.DataFrame:
    rows = [
        ("A/1", SOV, "主権", 0),
        ("A/1", SOV, "主権", 10),
        ("A/1", SOV, "侵略", 20),
        ("A/3", SOV, "占領", 5),
        ("A/3", JUS, "逮捕", 40),
        ("B/1", SOV, "主権", 5),
        ("B/1", JUS, "逮捕", 30),
        ("B/1", JUS, "起訴", 50),
        ("B/2", JUS, "逮捕", 1),
        ("B/2", JUS, "逮捕", 2),
        ("B/2", JUS, "起訴", 3),
        ("B/2", JUS, "警察", 4),
        ("B/2", "frame.economic", "石油", 6),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "category", "text", "start"])


@pytest.mark.parametrize(
    ("a", "b", "expected"), [(0, 0, 0.0), (3, 0, 0.75), (0, 4, -0.8), (2, 2, 0.0), (5, 1, 4 / 7)]
)
def test_axis_score(a: int, b: int, expected: float) -> None:
    assert float(axis_score(a, b)) == pytest.approx(expected)


def test_columns_and_layout() -> None:
    result = axis_scores(make_counts(), n_boot=100)
    assert list(result.columns) == list(AXIS_COLUMNS)
    assert list(result.columns[:11]) == [
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
    ]
    assert list(zip(result["unit"], result["id"], strict=True)) == [
        ("group", "A"),
        ("group", "B"),
        ("document", "A/1"),
        ("document", "A/2"),
        ("document", "A/3"),
        ("document", "B/1"),
        ("document", "B/2"),
    ]
    assert (result["pole_a"] == SOV).all() and (result["pole_b"] == JUS).all()
    assert result["section"].isna().all()
    assert result["top_terms"].isna().all()  # no hits table given


def test_document_scores_by_hand() -> None:
    docs = axis_scores(make_counts(), n_boot=100).query("unit == 'document'")
    assert list(docs["hits_a"]) == [3, 0, 1, 1, 0]
    assert list(docs["hits_b"]) == [0, 0, 1, 2, 4]
    np.testing.assert_allclose(docs["score"], [0.75, 0.0, 0.0, -0.25, -0.8])
    assert docs["ci_low"].isna().all() and (docs["documents"] == 1).all()


@pytest.mark.parametrize(
    ("skip_empty", "a_scores"),
    [(True, [0.75, 0.0]), (False, [0.75, 0.0, 0.0])],  # A/2 has neither pole
)
def test_group_scores_average_documents(skip_empty: bool, a_scores: list[float]) -> None:
    result = axis_scores(make_counts(), n_boot=300, seed=4, skip_empty=skip_empty)
    groups = by_id(result, "group")
    assert groups["A"]["score"] == pytest.approx(np.mean(a_scores))
    assert groups["A"]["documents"] == len(a_scores)
    assert (groups["A"]["hits_a"], groups["A"]["hits_b"]) == (4, 1)
    low, high = bootstrap_mean_ci(a_scores, n_boot=300, seed=4)
    assert (groups["A"]["ci_low"], groups["A"]["ci_high"]) == (low, high)
    assert groups["B"]["score"] == pytest.approx((-0.25 - 0.8) / 2)
    assert groups["B"]["ci_low"] <= groups["B"]["score"] <= groups["B"]["ci_high"]


def test_group_without_framed_documents_has_nan_score() -> None:
    counts = make_counts()
    counts.loc[counts["doc_id"] == "A/2", "outlet"] = "Z"
    groups = by_id(axis_scores(counts, n_boot=50), "group")
    assert math.isnan(groups["Z"]["score"]) and groups["Z"]["documents"] == 0
    assert math.isnan(groups["Z"]["ci_low"])


def test_top_terms_from_hits() -> None:
    result = axis_scores(make_counts(), hits=make_hits(), n_boot=50, top_n=2)
    groups, docs = by_id(result, "group"), by_id(result, "document")
    assert groups["A"]["top_terms"] == f"{SOV}: 主権×2, 侵略×1 | {JUS}: 逮捕×1"
    assert docs["B/2"]["top_terms"] == f"{JUS}: 逮捕×2, 警察×1"  # tie by text
    assert docs["A/2"]["top_terms"] == ""
    assert groups["B"]["top_terms"] == f"{SOV}: 主権×1 | {JUS}: 逮捕×3, 起訴×2"


def test_reversed_poles_flip_the_scores() -> None:
    forward = axis_scores(make_counts(), n_boot=50)
    backward = axis_scores(make_counts(), pole_a=JUS, pole_b=SOV, n_boot=50)
    np.testing.assert_allclose(backward["score"], -forward["score"])


def test_deterministic_and_independent_of_row_order() -> None:
    counts = make_counts()
    first = axis_scores(counts, hits=make_hits(), n_boot=200)
    shuffled = counts.sample(frac=1.0, random_state=2).reset_index(drop=True)
    pd.testing.assert_frame_equal(axis_scores(shuffled, hits=make_hits(), n_boot=200), first)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "outlett"}, "unknown by='outlett'; allowed: outlet, medium"),
        ({"pole_a": "frame.sovereign"}, "pole\\(s\\) \\['frame.sovereign'\\] not among"),
        ({"pole_b": SOV}, "must differ"),
        ({"hits": pd.DataFrame({"doc_id": []})}, "hits is missing column\\(s\\) 'category'"),
    ],
)
def test_axis_scores_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        axis_scores(make_counts(), **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sections

SECTIONS = pd.DataFrame(
    {
        "doc_id": ["B/1", "B/1", "B/1", "A/1"],
        "section": [2, 0, 1, 0],
        "title": ["結び", "導入", "", "全文"],
        "start": [45, 0, 20, 0],
        "end": [60, 20, 45, 100],
    }
)


def test_axis_by_section() -> None:
    result = axis_by_section(make_hits(), SECTIONS)
    assert list(result.columns) == list(AXIS_COLUMNS)
    assert (result["unit"] == "section").all()
    assert list(zip(result["group"], result["section"], result["id"], strict=True)) == [
        ("A/1", 0, "全文"),
        ("B/1", 0, "導入"),
        ("B/1", 1, "1"),
        ("B/1", 2, "結び"),
    ]
    # B/1: 主権 at 5 -> 導入; 逮捕 at 30 -> section 1; 起訴 at 50 -> 結び
    assert list(result["hits_a"]) == [3, 1, 0, 0]
    assert list(result["hits_b"]) == [0, 0, 1, 1]
    np.testing.assert_allclose(result["score"], [0.75, 0.5, -0.5, -0.5])
    assert list(result["top_terms"]) == [
        f"{SOV}: 主権×2, 侵略×1",
        f"{SOV}: 主権×1",
        f"{JUS}: 逮捕×1",
        f"{JUS}: 起訴×1",
    ]
    assert result["ci_low"].isna().all() and (result["documents"] == 1).all()


def test_section_boundaries_and_gaps() -> None:
    hits = pd.DataFrame(
        {
            "doc_id": "d",
            "category": [SOV, SOV, JUS, JUS],
            "text": ["主権", "侵略", "逮捕", "起訴"],
            "start": [9, 10, 25, 30],
        }
    )
    sections = pd.DataFrame(
        {"doc_id": "d", "section": [0, 1], "title": ["一", "二"], "start": [0, 10], "end": [10, 20]}
    )
    result = axis_by_section(hits, sections)
    # start 9 is in [0, 10), start 10 in [10, 20); 25 and 30 fall after every section
    assert list(result["hits_a"]) == [1, 1]
    assert list(result["hits_b"]) == [0, 0]


def test_section_without_hits_scores_zero() -> None:
    result = axis_by_section(make_hits().iloc[0:0], SECTIONS)
    assert (result["score"] == 0).all() and (result["top_terms"] == "").all()


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        (SECTIONS.assign(start=[45, 0, 50, 0]), "section 1 of 'B/1' starts after it ends"),
        (SECTIONS.assign(section=[0, 0, 1, 0]), "section 0 of 'B/1' appears twice"),
        (SECTIONS.drop(columns="title"), "sections is missing column\\(s\\) 'title'"),
        (SECTIONS.assign(start=[45, 0, -1, 0]), "non-negative whole numbers"),
    ],
)
def test_axis_by_section_errors(sections: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        axis_by_section(make_hits(), sections)
