"""Tests for framing.comparison.compare, on per-document counts tables built by hand."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from framing.comparison import COMPARE_COLUMNS, compare
from framing.stats import adjust_pvalues, bootstrap_rate_ci, rate_ratio, two_by_two_test

TABLES_MD = Path(__file__).resolve().parents[1] / "docs" / "tables.md"

# doc_id, outlet, morphemes, sentences, {category: (hits, sentences_with)}
DOCS = [
    ("A/1", "A", 1000, 50, {"x": (4, 3), "y": (0, 0)}),
    ("A/2", "A", 500, 25, {"x": (1, 1), "y": (2, 2)}),
    ("B/1", "B", 2000, 100, {"x": (2, 2), "y": (10, 8)}),
    ("B/2", "B", 1500, 60, {"x": (0, 0), "y": (5, 5)}),
    ("C/1", "C", 800, 40, {"x": (3, 2), "y": (1, 1)}),
]


def make_counts(
    docs: list[tuple[str, str, int, int, dict[str, tuple[int, int]]]] = DOCS,
) -> pd.DataFrame:
    """A count_signals()-shaped table: one row per document and category."""
    rows = []
    for doc_id, outlet, morphemes, sentences, cats in docs:
        for category, (hits, with_) in cats.items():
            rows.append(
                {
                    "doc_id": doc_id,
                    "outlet": outlet,
                    "medium": "article",
                    "category": category,
                    "signal": category.split(".")[0],
                    "hits": hits,
                    "sentences_with": with_,
                    "morphemes": morphemes,
                    "sentences": sentences,
                    "per_1k_morphemes": hits / morphemes * 1000,
                    "per_100_sentences": with_ / sentences * 100,
                }
            )
    return pd.DataFrame(rows)


def by_key(result: pd.DataFrame) -> dict[tuple[Any, Any], dict[Hashable, Any]]:
    """Rows of a compare() result keyed by (category, group)."""
    return {(r["category"], r["group"]): r for r in result.to_dict("records")}


def documented_compare_columns() -> list[str]:
    text = TABLES_MD.read_text(encoding="utf-8")
    section = text.split("## `framing.compare(...)`", 1)[1].split("\n## ", 1)[0]
    columns: list[str] = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            columns.extend(re.findall(r"`([^`]+)`", first_cell))
    return columns


def test_columns_match_docs_tables_md() -> None:
    assert list(compare(make_counts(), n_boot=50).columns) == documented_compare_columns()
    assert documented_compare_columns() == list(COMPARE_COLUMNS)


def test_rows_sorted_by_category_then_group() -> None:
    result = compare(make_counts(), n_boot=50)
    assert list(zip(result["category"], result["group"], strict=True)) == [
        ("x", "A"),
        ("x", "B"),
        ("x", "C"),
        ("y", "A"),
        ("y", "B"),
        ("y", "C"),
    ]
    assert (result["by"] == "outlet").all()


# group totals (A: 2 docs, 1500 morphemes, 75 sentences; B: 2, 3500, 160; C: 1, 800, 40)
# and per category: hits, sentences_with
EXPECTED = {
    ("x", "A"): (2, 1500, 75, 5, 4),
    ("x", "B"): (2, 3500, 160, 2, 2),
    ("x", "C"): (1, 800, 40, 3, 2),
    ("y", "A"): (2, 1500, 75, 2, 2),
    ("y", "B"): (2, 3500, 160, 15, 13),
    ("y", "C"): (1, 800, 40, 1, 1),
}
TOTAL_MORPHEMES = 5800
TOTAL_HITS = {"x": 10, "y": 18}


@pytest.mark.parametrize(("key", "totals"), EXPECTED.items())
def test_totals_rates_and_tests_by_hand(
    key: tuple[str, str], totals: tuple[int, int, int, int, int]
) -> None:
    category, _ = key
    documents, morphemes, sentences, hits, with_ = totals
    row = by_key(compare(make_counts(), n_boot=50))[key]
    assert (row["documents"], row["morphemes"], row["sentences"], row["hits"]) == (
        documents,
        morphemes,
        sentences,
        hits,
    )
    assert row["per_1k_morphemes"] == pytest.approx(hits / morphemes * 1000)
    assert row["per_100_sentences"] == pytest.approx(with_ / sentences * 100)
    rest_hits = TOTAL_HITS[category] - hits
    rest_morphemes = TOTAL_MORPHEMES - morphemes
    assert row["rest_per_1k_morphemes"] == pytest.approx(rest_hits / rest_morphemes * 1000)
    ratio = rate_ratio(hits, morphemes, rest_hits, rest_morphemes)
    assert row["rate_ratio"] == pytest.approx(ratio)
    assert row["log2_rate_ratio"] == pytest.approx(math.log2(ratio))
    test = two_by_two_test(hits, morphemes - hits, rest_hits, rest_morphemes - rest_hits)
    assert row["test"] == test.test
    assert row["statistic"] == pytest.approx(test.statistic, nan_ok=True)
    assert row["adjusted_residual"] == pytest.approx(test.adjusted_residual)
    assert row["p_value"] == pytest.approx(test.p_value)


def test_rate_ratio_without_zero_cells_is_the_ratio_of_rates() -> None:
    result = compare(make_counts(), n_boot=50)
    np.testing.assert_allclose(
        result["rate_ratio"], result["per_1k_morphemes"] / result["rest_per_1k_morphemes"]
    )


@pytest.mark.parametrize("correction", ["holm", "fdr_bh"])
def test_p_values_adjusted_across_the_whole_table(correction: str) -> None:
    result = compare(make_counts(), n_boot=50, correction=correction)  # type: ignore[arg-type]
    np.testing.assert_allclose(
        result["p_adjusted"],
        adjust_pvalues(result["p_value"], method=correction),  # type: ignore[arg-type]
    )
    assert (result["significant"] == (result["p_adjusted"] < 0.05)).all()


def test_significance_on_a_clear_difference() -> None:
    docs = [
        (f"{outlet}/{i}", outlet, 1000, 50, {"x": (hits, hits)})
        for outlet, hits in (("loud", 20), ("quiet", 2))
        for i in range(10)
    ]
    result = compare(make_counts(docs), n_boot=200)
    assert result["significant"].all()
    assert list(np.sign(result["adjusted_residual"])) == [1.0, -1.0]


def test_ci_is_the_bootstrap_of_the_groups_documents_in_doc_id_order() -> None:
    counts = make_counts()
    result = by_key(compare(counts, n_boot=300, seed=9, confidence=0.9))
    b_docs = counts[(counts["outlet"] == "B") & (counts["category"] == "y")].sort_values("doc_id")
    want = bootstrap_rate_ci(
        b_docs["hits"], b_docs["morphemes"], n_boot=300, seed=9, confidence=0.9
    )
    assert (result["y", "B"]["ci_low"], result["y", "B"]["ci_high"]) == want
    # one document: the interval collapses to the rate
    row = result["x", "C"]
    assert row["ci_low"] == row["ci_high"] == pytest.approx(3 / 800 * 1000)


def test_deterministic_and_independent_of_row_order() -> None:
    counts = make_counts()
    first = compare(counts, n_boot=500)
    pd.testing.assert_frame_equal(compare(counts, n_boot=500), first)
    shuffled = counts.sample(frac=1.0, random_state=3).reset_index(drop=True)
    pd.testing.assert_frame_equal(compare(shuffled, n_boot=500), first)


def test_a_groups_interval_does_not_depend_on_other_groups() -> None:
    counts = make_counts()
    full = by_key(compare(counts, n_boot=300))
    without_c = by_key(compare(counts[counts["outlet"] != "C"], n_boot=300))
    for key in [("x", "A"), ("y", "B")]:
        assert full[key]["ci_low"] == without_c[key]["ci_low"]
        assert full[key]["ci_high"] == without_c[key]["ci_high"]


def test_single_group_has_no_tests() -> None:
    result = compare(make_counts(), by="medium", n_boot=50)
    assert list(result["group"]) == ["article", "article"]
    assert list(result["hits"]) == [10, 18]
    for column in (
        "rest_per_1k_morphemes",
        "rate_ratio",
        "log2_rate_ratio",
        "statistic",
        "adjusted_residual",
        "p_value",
        "p_adjusted",
    ):
        assert result[column].isna().all(), column
    assert result["test"].isna().all()
    assert not result["significant"].any()


def test_metadata_column_and_categories_subset() -> None:
    counts = make_counts()
    counts["year"] = counts["doc_id"].map(
        {"A/1": 2020, "A/2": 2021, "B/1": 2020, "B/2": 2021, "C/1": 2021}
    )
    result = compare(counts, by="year", categories=["y"], n_boot=50)
    assert list(result["group"]) == [2020, 2021]
    assert list(result["hits"]) == [10, 8]
    assert (result["by"] == "year").all()


def test_missing_category_row_counts_as_zero_and_missing_group_is_left_out() -> None:
    counts = make_counts()
    counts = counts[~((counts["doc_id"] == "B/1") & (counts["category"] == "x"))]
    counts.loc[counts["doc_id"] == "C/1", "outlet"] = None
    result = by_key(compare(counts, n_boot=50))
    assert sorted({group for _, group in result}) == ["A", "B"]
    assert result["x", "B"]["hits"] == 0
    assert result["x", "B"]["morphemes"] == 3500
    # the rest of A is B alone: 0 x-hits in 3500 morphemes
    assert result["x", "A"]["rest_per_1k_morphemes"] == 0.0


@pytest.mark.parametrize(
    ("mutate", "kwargs", "message"),
    [
        (lambda c: c.drop(columns="morphemes"), {}, "missing column\\(s\\) 'morphemes'"),
        (lambda c: c, {"by": "outlets"}, "unknown by='outlets'; allowed: outlet, medium"),
        (lambda c: c, {"by": "hits"}, "unknown by='hits'"),
        (lambda c: c, {"categories": ["z"]}, "unknown categories \\['z'\\]"),
        (lambda c: c, {"categories": "x"}, "not the string"),
        (lambda c: c, {"correction": "bonferroni"}, "allowed: holm, fdr_bh"),
        (lambda c: pd.concat([c, c.iloc[[0]]]), {}, "more than one row for category 'x'"),
        (
            lambda c: c.assign(outlet=np.where(c.index == 0, "Z", c["outlet"])),
            {},
            "document 'A/1' has more than one value of 'outlet'",
        ),
        (lambda c: c.assign(hits=c["hits"] - 1), {}, "non-negative whole numbers"),
        (lambda c: c.assign(hits=c["hits"] * 1000), {}, "more 'x' hits .* than morphemes"),
    ],
)
def test_errors_name_the_problem(mutate: object, kwargs: dict[str, object], message: str) -> None:
    counts = mutate(make_counts())  # type: ignore[operator]
    with pytest.raises(ValueError, match=message):
        compare(counts, n_boot=10, **kwargs)  # type: ignore[arg-type]


def test_empty_table_gives_empty_result_with_columns() -> None:
    result = compare(make_counts().iloc[0:0], n_boot=10)
    assert list(result.columns) == list(COMPARE_COLUMNS)
    assert result.empty
