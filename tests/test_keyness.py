"""Tests for framing.keyness, on token tables built by hand (the tokenizer is not under test)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from framing.keyness import KEYNESS_COLUMNS, keyness
from framing.stats import log_odds_dirichlet


def make_tokens(spec: dict[str, dict[str, int]], pos1: str = "名詞") -> pd.DataFrame:
    """Tokens table with ``spec[outlet][lemma]`` occurrences, one document per outlet."""
    rows = [
        {"doc_id": f"{outlet}/1", "lemma": lemma, "pos1": pos1, "outlet": outlet}
        for outlet, lemmas in spec.items()
        for lemma, n in lemmas.items()
        for _ in range(n)
    ]
    return pd.DataFrame(rows)


def test_columns_and_by_hand_values() -> None:
    # counts: A = (主権 4, 逮捕 1), B = (主権 1, 逮捕 4); prior_scale=None keeps the pooled counts
    # (5, 5) as the prior, a0 = 10. A, 主権: y_i=4, n_i=5, y_j=1, n_j=5
    #   delta = log((4+5)/(5+10-4-5)) - log((1+5)/(5+10-1-5)) = log(9/6) - log(6/9) = 2 log 1.5
    #   variance = 1/(4+5) + 1/(1+5) = 1/9 + 1/6
    tokens = make_tokens({"A": {"主権": 4, "逮捕": 1}, "B": {"主権": 1, "逮捕": 4}})
    result = keyness(tokens, by="outlet", min_count=1, prior_scale=None)
    assert list(result.columns) == list(KEYNESS_COLUMNS)
    assert list(result.columns) == [
        "by",
        "group",
        "lemma",
        "count",
        "count_rest",
        "log_odds",
        "variance",
        "z",
    ]
    delta, variance = 2 * math.log(1.5), 1 / 9 + 1 / 6
    expected = pd.DataFrame(
        {
            "by": "outlet",
            "group": ["A", "A", "B", "B"],
            "lemma": ["主権", "逮捕", "逮捕", "主権"],
            "count": [4, 1, 4, 1],
            "count_rest": [1, 4, 1, 4],
            "log_odds": [delta, -delta, delta, -delta],
            "variance": [variance] * 4,
            "z": [d / math.sqrt(variance) for d in (delta, -delta, delta, -delta)],
        }
    )
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)


def test_three_groups_match_log_odds_dirichlet() -> None:
    spec = {
        "A": {"主権": 6, "侵略": 3, "逮捕": 1},
        "B": {"主権": 1, "侵略": 1, "逮捕": 7},
        "C": {"主権": 2, "侵略": 4, "逮捕": 2},
    }
    result = keyness(make_tokens(spec), by="outlet", min_count=1, prior_scale=50)
    lemmas = sorted(["主権", "侵略", "逮捕"])
    counts = np.array([[spec[g][lemma] for lemma in lemmas] for g in "ABC"])
    want = log_odds_dirichlet(counts, prior_scale=50)
    for gi, group in enumerate("ABC"):
        for li, lemma in enumerate(lemmas):
            row = result[(result["group"] == group) & (result["lemma"] == lemma)].iloc[0]
            assert row["count"] == counts[gi, li]
            assert row["count_rest"] == counts[:, li].sum() - counts[gi, li]
            assert row["z"] == pytest.approx(want.z[gi, li], rel=1e-12)
    top = result.groupby("group", sort=True).head(1)
    assert list(top["lemma"]) == ["主権", "逮捕", "侵略"]


def test_sorted_by_group_then_descending_z_then_lemma() -> None:
    spec = {
        "B": {"い": 3, "あ": 3, "う": 9},
        "A": {"い": 3, "あ": 3, "う": 1},
    }
    result = keyness(make_tokens(spec), by="outlet", min_count=1)
    assert list(result["group"]) == ["A"] * 3 + ["B"] * 3
    for _, block in result.groupby("group"):
        assert block["z"].is_monotonic_decreasing
    # あ and い have the same z in each group: lemma order breaks the tie
    a_block = result[result["group"] == "A"]
    assert list(a_block["lemma"]) == ["あ", "い", "う"]


def test_filters_pos_kind_min_count_and_missing_values() -> None:
    tokens = make_tokens({"A": {"主権": 5, "侵略": 5}, "B": {"主権": 5, "逮捕": 5}})
    extra = pd.DataFrame(
        {
            "doc_id": "A/1",
            "lemma": ["の", "、", "https://example.com", "#主権", "稀", None, "", "主権"],
            "pos1": ["助詞", "補助記号", "名詞", "名詞", "名詞", "名詞", "名詞", "名詞"],
            "outlet": ["A"] * 7 + [None],
        }
    )
    tokens = pd.concat([tokens, extra], ignore_index=True)
    tokens["kind"] = "word"
    tokens.loc[tokens["lemma"].isin(["https://example.com", "#主権"]), "kind"] = ["url", "hashtag"]
    result = keyness(tokens, by="outlet", min_count=2)
    assert sorted(set(result["lemma"])) == ["主権", "侵略", "逮捕"]
    row = result[(result["group"] == "A") & (result["lemma"] == "主権")].iloc[0]
    assert (row["count"], row["count_rest"]) == (5, 5)


def test_url_tokens_kept_without_kind_column() -> None:
    tokens = make_tokens({"A": {"主権": 5, "https://example.com": 5}, "B": {"主権": 5}})
    assert "https://example.com" in set(keyness(tokens, by="outlet")["lemma"])


def test_top_keeps_the_highest_z_per_group() -> None:
    spec = {"A": {"a": 9, "b": 5, "c": 2}, "B": {"a": 1, "b": 5, "c": 8}}
    full = keyness(make_tokens(spec), by="outlet", min_count=1)
    top = keyness(make_tokens(spec), by="outlet", min_count=1, top=1)
    assert list(top["lemma"]) == ["a", "c"]
    pd.testing.assert_frame_equal(top, full.groupby("group").head(1).reset_index(drop=True))


def test_deterministic_and_independent_of_row_order() -> None:
    tokens = make_tokens({"A": {"主権": 4, "逮捕": 1, "侵略": 2}, "B": {"主権": 1, "逮捕": 4}})
    first = keyness(tokens, by="outlet", min_count=1)
    shuffled = tokens.sample(frac=1.0, random_state=1).reset_index(drop=True)
    pd.testing.assert_frame_equal(keyness(shuffled, by="outlet", min_count=1), first)


@pytest.mark.parametrize(
    ("tokens", "kwargs", "message"),
    [
        (make_tokens({"A": {"a": 5, "b": 5}}), {"by": "outlet"}, "at least two groups"),
        (
            make_tokens({"A": {"a": 5, "b": 5}, "B": {"a": 5}}),
            {"by": "medium"},
            "missing column\\(s\\) 'medium'",
        ),
        (
            make_tokens({"A": {"a": 5, "b": 1}, "B": {"a": 5}}),
            {"by": "outlet"},
            "only 1 lemma\\(s\\) occur at least min_count=5",
        ),
        (make_tokens({"A": {"a": 5}, "B": {"b": 5}}), {"by": "lemma"}, "token attribute"),
        (
            make_tokens({"A": {"a": 5}, "B": {"b": 5}}),
            {"by": "outlet", "min_count": 0},
            "min_count",
        ),
        (make_tokens({"A": {"a": 5}, "B": {"b": 5}}), {"by": "outlet", "top": 0}, "top"),
    ],
)
def test_errors(tokens: pd.DataFrame, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        keyness(tokens, **kwargs)  # type: ignore[arg-type]
