"""Statistical primitives for comparing outlets.

Pure, deterministic functions over plain numbers and numpy arrays: bootstrap intervals of
rates and means (seeded), the 2x2 test used for "group vs rest" comparisons, p-value
adjustment for multiple comparisons, rate ratios and the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words").

Nothing here knows about DataFrames; :mod:`framing.comparison`, :mod:`framing.keyness` and
:mod:`framing.axis` build tables on top of these functions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Literal, NamedTuple, get_args

import numpy as np
import numpy.typing as npt

__all__ = [
    "Correction",
    "LogOdds",
    "TestName",
    "TestResult",
    "adjust_pvalues",
    "bootstrap_mean_ci",
    "bootstrap_rate_ci",
    "bootstrap_rate_cis",
    "log_odds_dirichlet",
    "rate_ratio",
    "rate_ratios",
    "two_by_two_test",
]

FloatArray = npt.NDArray[np.float64]
TestName = Literal["chi2", "fisher"]
Correction = Literal["holm", "fdr_bh"]

CORRECTIONS: tuple[str, ...] = get_args(Correction)
MIN_EXPECTED = 5.0
"""Smallest expected count for which the chi-square approximation is used."""

# Largest number of cells in one block of the bootstrap weight matrix (bounds memory).
_BLOCK_CELLS = 1 << 20


# --------------------------------------------------------------------------- bootstrap


def _check_bootstrap_options(n_boot: int, confidence: float) -> None:
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot!r}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")


def _resampled_sums(
    numerators: FloatArray, denominators: FloatArray, *, n_boot: int, seed: int
) -> tuple[FloatArray, FloatArray]:
    """Sums of ``numerators`` (n x k) and ``denominators`` (n) over bootstrap resamples.

    One ``Generator(PCG64(seed))`` draws the (n_boot x n) index matrix, row r listing the
    documents of resample r, a block of rows at a time (64-bit draws: the same numbers as one
    draw of the whole matrix, tested), so memory stays bounded however many documents there
    are. Each block is turned into document weights (how often each document was drawn) and
    multiplied with the data, so the result is exact for integer counts and does not depend
    on the block size.
    """
    n = denominators.shape[0]
    rng = np.random.Generator(np.random.PCG64(seed))
    num_sums = np.empty((n_boot, numerators.shape[1]), dtype=np.float64)
    den_sums = np.empty(n_boot, dtype=np.float64)
    rows_per_block = max(1, _BLOCK_CELLS // n)
    for start in range(0, n_boot, rows_per_block):
        rows = min(rows_per_block, n_boot - start)
        block = rng.integers(0, n, size=(rows, n), dtype=np.int64)
        flat = (block + np.arange(rows, dtype=np.int64)[:, None] * n).ravel()
        weights = np.bincount(flat, minlength=rows * n).reshape(rows, n).astype(np.float64)
        num_sums[start : start + rows] = weights @ numerators
        den_sums[start : start + rows] = weights @ denominators
    return num_sums, den_sums


def bootstrap_rate_cis(
    hits: npt.ArrayLike,
    sizes: npt.ArrayLike,
    *,
    n_boot: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    per: float = 1000.0,
) -> tuple[FloatArray, FloatArray]:
    """Percentile bootstrap intervals of several pooled rates that share their documents.

    The rate of column j is ``sum(hits[:, j]) / sum(sizes) * per``. Documents (rows) are
    resampled with replacement; every column sees the same resamples, so this equals calling
    :func:`bootstrap_rate_ci` on each column with the same ``seed``.

    Parameters
    ----------
    hits
        Counts, shape (n_documents,) or (n_documents, k).
    sizes
        Document sizes (e.g. morphemes), shape (n_documents,).
    n_boot
        Number of bootstrap resamples.
    confidence
        Coverage of the interval, in (0, 1).
    seed
        Seed of the ``numpy.random.PCG64`` generator.
    per
        Scale of the rate (1000 gives a rate per 1,000 units).

    Returns
    -------
    tuple of numpy.ndarray
        ``(low, high)``, each of shape (k,) (or (1,) for 1-D ``hits``). NaN where the rate is
        undefined: no documents, or all sizes zero. Resamples whose sizes sum to zero (only
        possible when some documents are empty) are left out of the percentiles.
    """
    _check_bootstrap_options(n_boot, confidence)
    num = np.asarray(hits, dtype=np.float64)
    if num.ndim == 1:
        num = num[:, None]
    den = np.asarray(sizes, dtype=np.float64)
    if num.ndim != 2 or den.ndim != 1 or num.shape[0] != den.shape[0]:
        raise ValueError(
            "hits must have shape (n,) or (n, k) and sizes shape (n,); "
            f"got {np.shape(hits)} and {np.shape(sizes)}"
        )
    if not (np.isfinite(num).all() and np.isfinite(den).all()):
        raise ValueError("hits and sizes must be finite (no NaN or inf)")
    if (den < 0).any():
        raise ValueError("sizes must be non-negative")
    k = num.shape[1]
    nan = np.full(k, np.nan)
    if den.shape[0] == 0 or den.sum() <= 0:
        return nan, nan.copy()
    num_sums, den_sums = _resampled_sums(num, den, n_boot=n_boot, seed=seed)
    valid = den_sums > 0
    if not valid.any():
        return nan, nan.copy()
    rates = num_sums[valid] / den_sums[valid, None] * per
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(rates, [tail, 100.0 - tail], axis=0)
    return np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)


def bootstrap_rate_ci(
    hits: npt.ArrayLike,
    sizes: npt.ArrayLike,
    *,
    n_boot: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
    per: float = 1000.0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of a pooled rate ``sum(hits) / sum(sizes) * per``.

    Documents (rows) are resampled with replacement, ``n_boot`` times, from one
    ``Generator(PCG64(seed))`` draw; the same inputs and seed always give the same interval.

    Parameters
    ----------
    hits
        Per-document counts, shape (n,).
    sizes
        Per-document sizes (morphemes, sentences...), shape (n,).
    n_boot, confidence, seed, per
        See :func:`bootstrap_rate_cis`.

    Returns
    -------
    tuple of float
        ``(low, high)``. NaN, NaN when there is no document or every size is zero; a single
        document gives the degenerate interval ``(rate, rate)``.
    """
    if np.ndim(hits) != 1:
        raise ValueError(f"hits must be 1-D, got shape {np.shape(hits)}")
    low, high = bootstrap_rate_cis(
        hits, sizes, n_boot=n_boot, confidence=confidence, seed=seed, per=per
    )
    return float(low[0]), float(high[0])


def bootstrap_mean_ci(
    values: npt.ArrayLike,
    *,
    n_boot: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (e.g. per-document scores).

    The same resampling as :func:`bootstrap_rate_ci` with every size equal to 1.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaN, NaN for an empty input.
    """
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {arr.shape}")
    return bootstrap_rate_ci(
        arr, np.ones_like(arr), n_boot=n_boot, confidence=confidence, seed=seed, per=1.0
    )


# --------------------------------------------------------------------------- 2x2 test


@dataclass(frozen=True)
class TestResult:
    """Result of :func:`two_by_two_test`.

    Attributes
    ----------
    test
        ``"chi2"`` (Pearson chi-square, no continuity correction) or ``"fisher"`` (Fisher's
        exact test, two-sided).
    statistic
        The chi-square statistic; NaN for Fisher's test.
    p_value
        Two-sided p-value.
    adjusted_residual
        Haberman's adjusted residual of cell ``a``; NaN when a margin is zero.
    """

    __test__: ClassVar[bool] = False  # not a pytest test class

    test: TestName
    statistic: float
    p_value: float
    adjusted_residual: float


def _as_count(value: float, name: str) -> int:
    if not math.isfinite(value) or value < 0 or value != math.floor(value):
        raise ValueError(f"{name} must be a non-negative whole number, got {value!r}")
    return int(value)


def two_by_two_test(a: float, b: float, c: float, d: float) -> TestResult:
    """Test independence in the 2x2 table ``[[a, b], [c, d]]``.

    Pearson's chi-square test without Yates' correction when every expected count is at
    least 5, otherwise Fisher's exact test (two-sided). Agrees with
    ``scipy.stats.chi2_contingency(table, correction=False)`` and
    ``scipy.stats.fisher_exact(table)``.

    In :func:`framing.comparison.compare` the rows are group / rest and the columns hits /
    other morphemes.

    Parameters
    ----------
    a, b, c, d
        Non-negative whole counts: first row ``a, b``, second row ``c, d``.

    Returns
    -------
    TestResult
        A table with an empty row or column is reported as Fisher's test with p = 1 and a
        NaN residual (nothing to test).
    """
    counts = [_as_count(value, name) for value, name in ((a, "a"), (b, "b"), (c, "c"), (d, "d"))]
    table = np.array(counts, dtype=np.float64).reshape(2, 2)
    total = table.sum()
    rows = table.sum(axis=1)
    cols = table.sum(axis=0)
    expected = np.outer(rows, cols) / total if total > 0 else np.zeros((2, 2))
    residual_var = (
        expected[0, 0] * (1.0 - rows[0] / total) * (1.0 - cols[0] / total) if total > 0 else 0.0
    )
    residual = (
        float((table[0, 0] - expected[0, 0]) / math.sqrt(residual_var))
        if residual_var > 0
        else math.nan
    )
    if (expected >= MIN_EXPECTED).all():
        statistic = float(((table - expected) ** 2 / expected).sum())
        # The chi-square distribution with one degree of freedom is that of a squared standard
        # normal, so its upper tail is erfc(sqrt(x / 2)) (equal to scipy's chi2.sf(x, 1) within
        # 2e-13 relative): a report needs no scipy.stats, which takes a second to import.
        p_value = math.erfc(math.sqrt(statistic / 2.0))
        return TestResult("chi2", statistic, p_value, residual)
    from scipy import stats as sp_stats  # here: only small tables need it

    result = sp_stats.fisher_exact(np.array(counts, dtype=np.int64).reshape(2, 2))
    return TestResult("fisher", math.nan, float(result[1]), residual)


# --------------------------------------------------------------------------- p-values


def adjust_pvalues(p: npt.ArrayLike, *, method: Correction) -> FloatArray:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    p
        p-values, any shape; NaN entries are ignored (they stay NaN and do not count towards
        the number of tests).
    method
        ``"holm"`` (Holm-Bonferroni step-down, controls the family-wise error rate) or
        ``"fdr_bh"`` (Benjamini-Hochberg step-up, controls the false discovery rate).

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, same shape as ``p``, capped at 1.
    """
    if method not in CORRECTIONS:
        raise ValueError(f"unknown method {method!r}; allowed: {', '.join(CORRECTIONS)}")
    arr = np.asarray(p, dtype=np.float64)
    flat = arr.ravel()
    out = np.full(flat.shape, np.nan)
    present = ~np.isnan(flat)
    values = flat[present]
    if ((values < 0) | (values > 1)).any():
        raise ValueError("p-values must lie in [0, 1]")
    m = values.size
    if m:
        order = np.argsort(values, kind="stable")
        ranked = values[order]
        if method == "holm":
            adjusted = np.maximum.accumulate(ranked * (m - np.arange(m)))
        else:
            scaled = ranked * m / np.arange(1, m + 1)
            adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
        result = np.empty(m)
        result[order] = np.minimum(adjusted, 1.0)
        out[present] = result
    return out.reshape(arr.shape)


# --------------------------------------------------------------------------- rate ratio


def rate_ratios(
    hits_a: npt.ArrayLike, size_a: npt.ArrayLike, hits_b: npt.ArrayLike, size_b: npt.ArrayLike
) -> FloatArray:
    """Vectorised :func:`rate_ratio` (inputs broadcast against each other)."""
    ha, sa, hb, sb = (
        np.asarray(x, dtype=np.float64) for x in np.broadcast_arrays(hits_a, size_a, hits_b, size_b)
    )
    if ((ha < 0) | (hb < 0) | (ha > sa) | (hb > sb)).any():
        raise ValueError("hits must be non-negative and not exceed their size")
    any_zero = (ha == 0) | (hb == 0) | (sa - ha == 0) | (sb - hb == 0)
    correction = np.where(any_zero, 0.5, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ((ha + correction) / (sa + 2 * correction)) / (
            (hb + correction) / (sb + 2 * correction)
        )
    # No hits on either side is no evidence of a difference: the Haldane ratio would only be
    # the ratio of the two sizes.
    defined = (sa > 0) & (sb > 0) & ((ha > 0) | (hb > 0))
    return np.asarray(np.where(defined, ratio, np.nan), dtype=np.float64)


def rate_ratio(hits_a: float, size_a: float, hits_b: float, size_b: float) -> float:
    """Ratio of the rates ``hits_a / size_a`` and ``hits_b / size_b``.

    When any cell of the 2x2 table ``[[hits_a, size_a - hits_a], [hits_b, size_b - hits_b]]``
    is 0, the Haldane-Anscombe correction adds 0.5 to every cell (so 0.5 to each hit count
    and 1 to each size) to keep the ratio finite.

    Returns
    -------
    float
        The ratio; NaN when either size is 0 (a rate without observations).
    """
    return float(rate_ratios(hits_a, size_a, hits_b, size_b))


# --------------------------------------------------------------------------- log-odds


class LogOdds(NamedTuple):
    """Result of :func:`log_odds_dirichlet`; each array has shape (groups, terms)."""

    log_odds: FloatArray
    """delta: log-odds ratio of the term, group vs the rest."""
    variance: FloatArray
    """Approximate variance of delta."""
    z: FloatArray
    """``log_odds / sqrt(variance)``."""


def log_odds_dirichlet(
    counts: npt.ArrayLike,
    prior: npt.ArrayLike | None = None,
    *,
    prior_scale: float | None = 1000.0,
) -> LogOdds:
    """Log-odds ratios with an informative Dirichlet prior, each group vs the rest.

    Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 16-22. For group i, the rest j
    (all other groups pooled), term w with prior ``a_w`` and ``a0 = sum(a)``::

        delta = log((y_i + a_w) / (n_i + a0 - y_i - a_w))
              - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        variance = 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z = delta / sqrt(variance)

    where ``y`` are term counts and ``n`` group totals over the terms given.

    Parameters
    ----------
    counts
        Non-negative term counts, shape (groups, terms), at least 2 x 2.
    prior
        Positive prior weights per term, shape (terms,), e.g. frequencies in a background
        corpus. Default: the pooled counts of all groups (``counts.sum(axis=0)``).
    prior_scale
        Total ``a0`` the prior is rescaled to (its shape is kept). The default 1000 weighs the
        prior like 1,000 pseudo-tokens spread over the vocabulary in proportion to the pooled
        frequencies: it shrinks terms seen only a handful of times and leaves frequent terms
        almost untouched. ``None`` uses ``prior`` as given (with the default prior, the
        pooled counts themselves).

    Returns
    -------
    LogOdds
        ``(log_odds, variance, z)``, each of shape (groups, terms).
    """
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim != 2 or y.shape[0] < 2 or y.shape[1] < 2:
        raise ValueError(f"counts must have shape (groups >= 2, terms >= 2), got {y.shape}")
    if not np.isfinite(y).all() or (y < 0).any():
        raise ValueError("counts must be finite and non-negative")
    alpha = y.sum(axis=0) if prior is None else np.asarray(prior, dtype=np.float64)
    if alpha.shape != (y.shape[1],):
        raise ValueError(f"prior must have shape ({y.shape[1]},), got {alpha.shape}")
    if not np.isfinite(alpha).all() or (alpha <= 0).any():
        bad = np.flatnonzero(~np.isfinite(alpha) | (alpha <= 0)).tolist()
        raise ValueError(
            f"prior must be positive for every term; not for term column(s) {bad[:10]} "
            "(drop terms that never occur)"
        )
    if prior_scale is not None:
        if not math.isfinite(prior_scale) or prior_scale <= 0:
            raise ValueError(f"prior_scale must be positive or None, got {prior_scale!r}")
        alpha = alpha / alpha.sum() * prior_scale
    a0 = alpha.sum()
    n = y.sum(axis=1, keepdims=True)
    y_rest = y.sum(axis=0, keepdims=True) - y
    n_rest = n.sum() - n
    delta = np.log((y + alpha) / (n + a0 - y - alpha)) - np.log(
        (y_rest + alpha) / (n_rest + a0 - y_rest - alpha)
    )
    variance = 1.0 / (y + alpha) + 1.0 / (y_rest + alpha)
    return LogOdds(delta, variance, delta / np.sqrt(variance))
