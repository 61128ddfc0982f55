"""Tests for framing.stats: bootstrap intervals, 2x2 tests, p-value adjustment, rate ratios,
log-odds with an informative Dirichlet prior."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import stats as sp_stats

from framing import stats
from framing.stats import (
    adjust_pvalues,
    bootstrap_mean_ci,
    bootstrap_rate_ci,
    bootstrap_rate_cis,
    log_odds_dirichlet,
    rate_ratio,
    rate_ratios,
    two_by_two_test,
)

HITS = np.array([3, 0, 7, 2, 5, 1, 0, 4])
SIZES = np.array([300, 120, 650, 410, 500, 90, 60, 380])


def naive_rate_ci(
    hits: np.ndarray, sizes: np.ndarray, n_boot: int, confidence: float, seed: int, per: float
) -> tuple[float, float]:
    """The textbook loop-free bootstrap: gather resampled rows, sum, take percentiles."""
    rng = np.random.Generator(np.random.PCG64(seed))
    index = rng.integers(0, len(sizes), size=(n_boot, len(sizes)))
    den = sizes[index].sum(axis=1)
    rates = hits[index].sum(axis=1)[den > 0] / den[den > 0] * per
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(rates, [tail, 100 - tail])
    return float(low), float(high)


# --------------------------------------------------------------------------- bootstrap


@pytest.mark.parametrize(
    ("n_boot", "confidence", "seed", "per"),
    [(2000, 0.95, 0, 1000.0), (500, 0.9, 7, 100.0), (1, 0.5, 3, 1.0)],
)
def test_bootstrap_rate_ci_matches_naive_resampling(
    n_boot: int, confidence: float, seed: int, per: float
) -> None:
    got = bootstrap_rate_ci(HITS, SIZES, n_boot=n_boot, confidence=confidence, seed=seed, per=per)
    want = naive_rate_ci(HITS, SIZES, n_boot, confidence, seed, per)
    assert got == pytest.approx(want, rel=1e-12)


def test_bootstrap_rate_ci_is_reproducible_and_seeded() -> None:
    first = bootstrap_rate_ci(HITS, SIZES, seed=1)
    assert bootstrap_rate_ci(HITS, SIZES, seed=1) == first
    assert bootstrap_rate_ci(HITS, SIZES, seed=2) != first


def test_bootstrap_rate_ci_brackets_the_estimate() -> None:
    low, high = bootstrap_rate_ci(HITS, SIZES)
    estimate = HITS.sum() / SIZES.sum() * 1000
    assert low < estimate < high


def test_bootstrap_blocks_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = bootstrap_rate_ci(HITS, SIZES, n_boot=300)
    monkeypatch.setattr(stats, "_BLOCK_CELLS", 17)
    assert bootstrap_rate_ci(HITS, SIZES, n_boot=300) == whole


def test_bootstrap_rate_cis_equals_one_column_at_a_time() -> None:
    matrix = np.column_stack([HITS, HITS[::-1], np.zeros_like(HITS)])
    low, high = bootstrap_rate_cis(matrix, SIZES, n_boot=400, seed=5)
    for j in range(matrix.shape[1]):
        assert (low[j], high[j]) == bootstrap_rate_ci(matrix[:, j], SIZES, n_boot=400, seed=5)
    assert (low[2], high[2]) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("hits", "sizes", "expected"),
    [
        ([], [], (math.nan, math.nan)),  # no document
        ([0, 0], [0, 0], (math.nan, math.nan)),  # only empty documents
        ([3], [200], (15.0, 15.0)),  # one document: degenerate interval
        ([0], [0], (math.nan, math.nan)),  # one empty document
    ],
)
def test_bootstrap_rate_ci_degenerate_cases_without_warnings(
    hits: list[int], sizes: list[int], expected: tuple[float, float]
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = bootstrap_rate_ci(hits, sizes)
    np.testing.assert_array_equal(got, expected)


def test_bootstrap_rate_ci_with_some_empty_documents_has_no_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low, high = bootstrap_rate_ci([0, 2], [0, 100], n_boot=200)
    # every resample that has the non-empty document has rate 20 per 1000
    assert (low, high) == (20.0, 20.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_boot": 0}, "n_boot"),
        ({"n_boot": 2.5}, "n_boot"),
        ({"confidence": 1.0}, "confidence"),
        ({"confidence": 0.0}, "confidence"),
    ],
)
def test_bootstrap_rejects_bad_options(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bootstrap_rate_ci(HITS, SIZES, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hits", "sizes", "message"),
    [
        ([1, 2], [10], "shape"),
        ([1, 2], [10, -1], "non-negative"),
        ([1, math.nan], [10, 10], "finite"),
        ([[1, 2]], [10], "1-D"),
    ],
)
def test_bootstrap_rejects_bad_data(hits: object, sizes: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bootstrap_rate_ci(hits, sizes)  # type: ignore[arg-type]


def test_bootstrap_mean_ci_is_a_rate_with_unit_sizes() -> None:
    values = np.array([0.5, -0.25, 0.8, 0.0, -0.6])
    got = bootstrap_mean_ci(values, n_boot=300, seed=4)
    want = naive_rate_ci(values, np.ones(5), 300, 0.95, 4, 1.0)
    assert got == pytest.approx(want, rel=1e-12)
    assert np.isnan(bootstrap_mean_ci([])).all()


# --------------------------------------------------------------------------- 2x2 test

TABLES = [
    # (a, b, c, d), expected test
    ((30, 970, 50, 1950), "chi2"),
    ((120, 88000, 400, 250000), "chi2"),
    ((5, 5, 5, 5), "chi2"),  # every expected count exactly 5
    ((0, 5000, 40, 9000), "chi2"),
    ((1, 999, 9, 991), "chi2"),  # expected hits 5 and 5
    ((1, 999, 8, 992), "fisher"),  # expected hits 4.5
    ((3, 10, 1, 15), "fisher"),
    ((0, 300, 2, 800), "fisher"),
]


@pytest.mark.parametrize(("cells", "test"), TABLES)
def test_two_by_two_test_agrees_with_scipy(cells: tuple[int, int, int, int], test: str) -> None:
    a, b, c, d = cells
    table = np.array([[a, b], [c, d]])
    result = two_by_two_test(a, b, c, d)
    assert result.test == test
    if test == "chi2":
        statistic, p_value, _, _ = sp_stats.chi2_contingency(table, correction=False)
        assert result.statistic == pytest.approx(statistic, rel=1e-10, abs=1e-12)
        assert result.p_value == pytest.approx(p_value, rel=1e-9, abs=1e-300)
        # for a 2x2 table the squared adjusted residual is the chi-square statistic
        assert result.adjusted_residual**2 == pytest.approx(statistic, rel=1e-9, abs=1e-12)
    else:
        assert math.isnan(result.statistic)
        assert result.p_value == pytest.approx(sp_stats.fisher_exact(table)[1], rel=1e-12)


@pytest.mark.parametrize("a", [1000, 1003, 1050, 1150, 1400, 1800, 2600, 4000])
def test_chi_square_p_value_matches_scipy_from_null_to_far_tail(a: int) -> None:
    """The p-value is erfc(sqrt(x/2)): scipy's chi2.sf(x, 1) within 1e-12, from p = 1 to 0."""
    result = two_by_two_test(a, 10_000 - a, 1000, 9000)
    assert result.test == "chi2"
    expected = float(sp_stats.chi2.sf(result.statistic, 1))
    assert result.p_value == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_a_chi_square_test_does_not_import_scipy_stats() -> None:
    """scipy.stats takes about a second to import: a report of large groups must not pay it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from framing.stats import two_by_two_test\n"
        "result = two_by_two_test(30, 970, 50, 1950)\n"
        "assert result.test == 'chi2', result\n"
        "print('scipy.stats' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(("cells", "_test"), TABLES)
def test_adjusted_residual_by_haberman_formula(
    cells: tuple[int, int, int, int], _test: str
) -> None:
    a, b, c, d = cells
    n = a + b + c + d
    row, col = a + b, a + c
    expected = row * col / n
    residual = (a - expected) / math.sqrt(expected * (1 - row / n) * (1 - col / n))
    assert two_by_two_test(a, b, c, d).adjusted_residual == pytest.approx(residual, rel=1e-12)


def test_adjusted_residual_sign_follows_the_hit_cell() -> None:
    assert two_by_two_test(60, 940, 40, 1960).adjusted_residual > 0
    assert two_by_two_test(10, 990, 90, 1910).adjusted_residual < 0


@pytest.mark.parametrize("cells", [(0, 0, 0, 0), (0, 10, 0, 20), (0, 0, 5, 20), (4, 10, 0, 0)])
def test_two_by_two_test_with_an_empty_margin(cells: tuple[int, int, int, int]) -> None:
    result = two_by_two_test(*cells)
    assert result.test == "fisher"
    assert result.p_value == 1.0
    assert math.isnan(result.adjusted_residual)


@pytest.mark.parametrize("cells", [(-1, 5, 5, 5), (1.5, 5, 5, 5), (math.nan, 5, 5, 5)])
def test_two_by_two_test_rejects_non_counts(cells: tuple[float, float, float, float]) -> None:
    with pytest.raises(ValueError, match="non-negative whole number"):
        two_by_two_test(*cells)


# --------------------------------------------------------------------------- p-values

# Hand computation for p = (0.01, 0.04, 0.03, 0.005), m = 4, ranked 0.005 < 0.01 < 0.03 < 0.04:
#   holm:   0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> running max 0.02 0.03 0.06 0.06
#   fdr_bh: 0.005*4/1=0.02, 0.01*4/2=0.02, 0.03*4/3=0.04, 0.04*4/4=0.04
#           -> running min from the largest: 0.02 0.02 0.04 0.04
P = [0.01, 0.04, 0.03, 0.005]


@pytest.mark.parametrize(
    ("p", "method", "expected"),
    [
        (P, "holm", [0.03, 0.06, 0.06, 0.02]),
        (P, "fdr_bh", [0.02, 0.04, 0.04, 0.02]),
        # NaN is skipped and does not count as a test
        ([0.01, math.nan, 0.04, 0.03, 0.005], "holm", [0.03, math.nan, 0.06, 0.06, 0.02]),
        ([0.01, math.nan, 0.04, 0.03, 0.005], "fdr_bh", [0.02, math.nan, 0.04, 0.04, 0.02]),
        # holm: 0.5*2=1.0, 0.6*1 -> max 1.0; bh: 0.5*2/1=1.0, 0.6*2/2=0.6 -> min 0.6
        ([0.5, 0.6], "holm", [1.0, 1.0]),
        ([0.5, 0.6], "fdr_bh", [0.6, 0.6]),
        # ties get the same adjusted value
        ([0.02, 0.02, 0.5], "holm", [0.06, 0.06, 0.5]),
        ([0.02, 0.02, 0.5], "fdr_bh", [0.03, 0.03, 0.5]),
        ([0.3], "holm", [0.3]),
        ([], "holm", []),
        ([math.nan, math.nan], "fdr_bh", [math.nan, math.nan]),
    ],
)
def test_adjust_pvalues_by_hand(p: list[float], method: str, expected: list[float]) -> None:
    got = adjust_pvalues(p, method=method)  # type: ignore[arg-type]
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_adjust_pvalues_keeps_shape() -> None:
    got = adjust_pvalues(np.array(P).reshape(2, 2), method="holm")
    np.testing.assert_allclose(got, np.array([0.03, 0.06, 0.06, 0.02]).reshape(2, 2))


@pytest.mark.parametrize(
    ("p", "method", "message"),
    [
        ([0.1], "bonferroni", "unknown method 'bonferroni'; allowed: holm, fdr_bh"),
        ([1.5], "holm", r"\[0, 1\]"),
    ],
)
def test_adjust_pvalues_rejects(p: list[float], method: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        adjust_pvalues(p, method=method)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- rate ratio


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((10, 1000, 5, 1000), 2.0),
        ((3, 200, 9, 300), (3 / 200) / (9 / 300)),
        # Haldane: a zero cell adds 0.5 to each cell (0.5 to hits, 1 to sizes)
        ((0, 100, 5, 200), (0.5 / 101) / (5.5 / 201)),
        ((4, 100, 0, 50), (4.5 / 101) / (0.5 / 51)),
        ((7, 7, 3, 90), (7.5 / 8) / (3.5 / 91)),  # hits == size is a zero cell too
        ((0, 0, 5, 200), math.nan),  # a rate without observations
        ((0, 100, 0, 0), math.nan),
    ],
)
def test_rate_ratio(args: tuple[int, int, int, int], expected: float) -> None:
    got = rate_ratio(*args)
    assert got == pytest.approx(expected, rel=1e-12, nan_ok=True)


def test_rate_ratios_is_vectorised_rate_ratio() -> None:
    ha, sa, hb, sb = [10, 0, 3], [1000, 100, 200], [5, 5, 9], [1000, 200, 300]
    got = rate_ratios(ha, sa, hb, sb)
    want = [rate_ratio(*args) for args in zip(ha, sa, hb, sb, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-15)


def test_rate_ratio_rejects_more_hits_than_size() -> None:
    with pytest.raises(ValueError, match="exceed"):
        rate_ratio(11, 10, 1, 10)


# --------------------------------------------------------------------------- log-odds


def test_log_odds_dirichlet_by_hand_two_groups() -> None:
    # counts: group 0 = (4, 1), group 1 = (1, 4); prior a = (1, 1) used as given, a0 = 2.
    # group 0, term 0: y_i=4, n_i=5, y_j=1, n_j=5
    #   delta = log((4+1)/(5+2-4-1)) - log((1+1)/(5+2-1-1)) = log(5/2) - log(2/5) = 2 log 2.5
    #   variance = 1/(4+1) + 1/(1+1) = 0.7
    # group 0, term 1 is the mirror image: delta = -2 log 2.5, variance = 1/2 + 1/5 = 0.7
    result = log_odds_dirichlet([[4, 1], [1, 4]], [1, 1], prior_scale=None)
    delta = 2 * math.log(2.5)
    np.testing.assert_allclose(result.log_odds, [[delta, -delta], [-delta, delta]], rtol=1e-12)
    np.testing.assert_allclose(result.variance, np.full((2, 2), 0.7), rtol=1e-12)
    np.testing.assert_allclose(result.z, result.log_odds / math.sqrt(0.7), rtol=1e-12)


def test_log_odds_dirichlet_by_hand_three_groups() -> None:
    # counts rows: (2, 0, 2), (1, 3, 0), (1, 1, 2); every group has n = 4; prior (1, 2, 1), a0 = 4.
    # group 0 vs rest (groups 1+2 = (2, 4, 2), n_j = 8):
    #   term 1: a=2, y_i=0, y_j=4: delta = log(2/(4+4-0-2)) - log(6/(8+4-4-2)) = log(1/3) - log(1)
    #           variance = 1/2 + 1/6 = 2/3
    #   term 0: a=1, y_i=2, y_j=2: delta = log(3/(4+4-2-1)) - log(3/(8+4-2-1)) = log(3/5) - log(3/9)
    #           = log(9/5); variance = 1/3 + 1/3
    # group 1, term 1 (rest = (3, 1, 4), n_j = 8):
    #   a=2, y_i=3, y_j=1: delta = log(5/(4+4-3-2)) - log(3/(8+4-1-2)) = log(5/3) - log(1/3) = log 5
    #   variance = 1/5 + 1/3
    result = log_odds_dirichlet([[2, 0, 2], [1, 3, 0], [1, 1, 2]], [1, 2, 1], prior_scale=None)
    assert result.log_odds[0, 1] == pytest.approx(math.log(1 / 3), rel=1e-12)
    assert result.variance[0, 1] == pytest.approx(2 / 3, rel=1e-12)
    assert result.z[0, 1] == pytest.approx(math.log(1 / 3) / math.sqrt(2 / 3), rel=1e-12)
    assert result.log_odds[0, 0] == pytest.approx(math.log(9 / 5), rel=1e-12)
    assert result.variance[0, 0] == pytest.approx(2 / 3, rel=1e-12)
    assert result.log_odds[1, 1] == pytest.approx(math.log(5), rel=1e-12)
    assert result.variance[1, 1] == pytest.approx(1 / 5 + 1 / 3, rel=1e-12)


def test_log_odds_prior_scale_rescales_the_prior() -> None:
    counts = [[2, 0, 2], [1, 3, 0], [1, 1, 2]]
    scaled = log_odds_dirichlet(counts, [1, 2, 1], prior_scale=8)
    as_given = log_odds_dirichlet(counts, [2, 4, 2], prior_scale=None)
    np.testing.assert_allclose(scaled.z, as_given.z, rtol=1e-12)
    # default prior: pooled counts (4, 4, 4) rescaled to a total of 1000
    default = log_odds_dirichlet(counts)
    uniform = log_odds_dirichlet(counts, [1000 / 3] * 3, prior_scale=None)
    np.testing.assert_allclose(default.z, uniform.z, rtol=1e-12)


@pytest.mark.parametrize(
    ("counts", "prior", "message"),
    [
        ([[1, 2]], None, "shape"),
        ([[1], [2]], None, "shape"),
        ([[1, -2], [3, 4]], None, "non-negative"),
        ([[1, 0], [3, 0]], None, r"positive for every term; not for term column\(s\) \[1\]"),
        ([[1, 2], [3, 4]], [1, 2, 3], "prior must have shape"),
    ],
)
def test_log_odds_dirichlet_rejects(
    counts: list[list[int]], prior: list[int] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        log_odds_dirichlet(counts, prior)


@pytest.mark.parametrize("n", [1, 7, 901, 20_000])
def test_blockwise_resample_draws_equal_one_draw(n: int) -> None:
    """_resampled_sums draws its index matrix a block at a time; numpy must give the same
    numbers as one draw of the whole matrix (64-bit integers), or the intervals would change."""
    whole = np.random.Generator(np.random.PCG64(3)).integers(0, n, size=(50, n), dtype=np.int64)
    rng = np.random.Generator(np.random.PCG64(3))
    parts = [rng.integers(0, n, size=(rows, n), dtype=np.int64) for rows in (1, 7, 30, 12)]
    np.testing.assert_array_equal(np.concatenate(parts), whole)
