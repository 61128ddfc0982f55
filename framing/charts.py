"""Charts for reports, drawn with matplotlib and returned as self-contained SVG strings.

Every chart is drawn with the IPAex Gothic font shipped inside the ``matplotlib-fontja``
package (never a system font) and saved with ``svg.fonttype = "path"``, so the SVG contains no
``<text>`` elements: Japanese labels render identically on a machine without Japanese fonts.
The output is deterministic (fixed ``svg.hashsalt``, no date or creator metadata), the XML
prolog and comments are stripped, and every ``id`` is prefixed with the chart's id so several
charts can be inlined in one HTML page.

The functions here know nothing about codebook categories: they take tidy tables of display
labels, values and colours prepared by :mod:`framing.report`.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

__all__ = [
    "FONT_FAMILY",
    "axis_svg",
    "bars_svg",
    "dot_panels_svg",
    "figure_to_svg",
    "font_path",
]

FONT_FAMILY = "IPAexGothic"
"""Family name of the font file in ``matplotlib_fontja/fonts/ipaexg.ttf``."""

_FONT_FILE = ("fonts", "ipaexg.ttf")
_HASH_SALT = "framing"
_INK = "#222222"
_MUTED = "#6b7280"
_GRID = "#e5e7eb"
_ACCENT = "#3b6ea5"
_WIDTH_IN = 10.0
_BASE_SIZE = 9.0
_LABEL_WIDTH = 30
_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}


def font_path() -> Path:
    """Return the path of IPAex Gothic inside the installed ``matplotlib-fontja`` package.

    The package is located without importing it (importing it changes matplotlib's global
    settings).

    Raises
    ------
    RuntimeError
        If ``matplotlib-fontja`` is not installed or its font file is missing.
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location).joinpath(*_FONT_FILE)
        if candidate.is_file():
            return candidate
    raise RuntimeError(
        "the Japanese chart font was not found: looked for "
        f"{'/'.join(_FONT_FILE)} inside the 'matplotlib_fontja' package "
        f"(locations tried: {locations or 'package not installed'}). "
        "Install it with: pip install matplotlib-fontja"
    )


@functools.cache
def _register_font() -> str:
    """Add the bundled font to matplotlib's font manager once; return its family name."""
    font_manager.fontManager.addfont(str(font_path()))
    return FONT_FAMILY


@contextmanager
def _chart_style() -> Iterator[None]:
    """Matplotlib settings shared by every chart (deterministic SVG, bundled font)."""
    family = _register_font()
    rc: dict[Any, Any] = {
        "svg.fonttype": "path",
        "svg.hashsalt": _HASH_SALT,
        "svg.id": None,
        "font.family": [family, "DejaVu Sans"],
        "font.size": _BASE_SIZE,
        "text.parse_math": False,
        "text.usetex": False,
        "axes.edgecolor": _MUTED,
        "axes.labelcolor": _INK,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": _MUTED,
        "ytick.color": _INK,
        "xtick.labelsize": _BASE_SIZE - 1,
        "ytick.labelsize": _BASE_SIZE,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
        yield


def _validate_id(chart_id: str) -> None:
    if not _ID_PATTERN.match(chart_id):
        raise ValueError(
            f"chart_id {chart_id!r} is not a valid id: use a letter followed by letters, "
            "digits, '-' or '_'"
        )


def _prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every ``id`` and every reference to it (``#id``, ``url(#id)``)."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)


def figure_to_svg(fig: Figure, *, chart_id: str, description: str) -> str:
    """Render ``fig`` to an SVG string ready to inline in HTML.

    Parameters
    ----------
    fig:
        A matplotlib figure (drawn inside the chart style, see the module docstring).
    chart_id:
        Unique id of the chart in the page; used as the root ``id`` and as the prefix of every
        other id. A letter followed by letters, digits, ``-`` or ``_``.
    description:
        Accessible description, written to the root element's ``aria-label`` (escaped).

    Returns
    -------
    str
        ``<svg ...>...</svg>`` without XML prolog, DOCTYPE or comments, ending in a newline.
    """
    _validate_id(chart_id)
    buffer = io.StringIO()
    with _chart_style():
        fig.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.DOTALL)
    svg = re.sub(r"\n\s*\n", "\n", svg)
    svg = _prefix_ids(svg, chart_id)
    label = html.escape(description, quote=True)
    svg = svg.replace(
        "<svg ",
        f'<svg id="{chart_id}" class="chart" role="img" aria-label="{label}" ',
        1,
    )
    return svg.rstrip() + "\n"


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _clip(label: object, limit: int = _LABEL_WIDTH) -> str:
    """Shorten a display label to ``limit`` columns (wide characters count 2; ``…`` marks a cut)."""
    text = " ".join(str(label).split())
    if sum(_width(c) for c in text) <= limit:
        return text
    kept, used = [], 1
    for char in text:
        used += _width(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"{what}: missing column(s) {missing}; expected {list(columns)}, "
            f"got {[str(c) for c in df.columns]}"
        )
    if df.empty:
        raise ValueError(f"{what}: the table has no rows; there is nothing to draw")


def _finite(values: Sequence[float] | np.ndarray) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(float(v))]


def _error_bars(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Non-negative (2, n) error extents; missing bounds draw no bar."""
    below = np.where(np.isfinite(low), values - low, 0.0)
    above = np.where(np.isfinite(high), high - values, 0.0)
    return np.vstack([np.clip(below, 0, None), np.clip(above, 0, None)])


def _panel_grid(
    n: int, columns: int, row_height: float, *, share_y: bool
) -> tuple[Figure, list[Axes]]:
    ncols = max(1, min(columns, n))
    nrows = math.ceil(n / ncols)
    fig = Figure(figsize=(_WIDTH_IN, max(1.6, nrows * row_height)), layout="constrained")
    grid = fig.subplots(nrows, ncols, squeeze=False, sharey=share_y)
    axes: list[Axes] = [ax for row in grid for ax in row]
    for ax in axes[n:]:
        ax.set_visible(False)
    return fig, axes[:n]


def dot_panels_svg(
    rows: pd.DataFrame,
    *,
    xlabel: str,
    chart_id: str,
    description: str,
    columns: int = 5,
) -> str:
    """Small multiples of dot plots with interval bars (one panel per category).

    Parameters
    ----------
    rows:
        One row per panel and dot, with columns ``panel`` (panel title), ``colour`` (the
        panel's colour, ``#rrggbb``), ``row`` (the dot's label on the y axis; the same rows,
        in the order of their first appearance, are used in every panel), ``value``, ``low``,
        ``high`` (interval, NaN for none), ``emphasis`` (bool: filled marker when true, hollow
        when false) and ``reference`` (a per-panel reference value drawn as a dashed line, NaN
        for none). Panels appear in the order of their first appearance.
    xlabel:
        Label of the x axes.
    chart_id, description:
        See :func:`figure_to_svg`.
    columns:
        Panels per row of the grid.

    Returns
    -------
    str
        The SVG (see :func:`figure_to_svg`).
    """
    _require(
        rows,
        ["panel", "colour", "row", "value", "low", "high", "emphasis", "reference"],
        "dot_panels_svg",
    )
    panels = list(dict.fromkeys(rows["panel"].tolist()))
    labels = list(dict.fromkeys(rows["row"].tolist()))
    position = {label: i for i, label in enumerate(labels)}
    row_height = 0.55 + 0.24 * len(labels)
    with _chart_style():
        fig, axes = _panel_grid(len(panels), columns, row_height, share_y=True)
        for ax, panel in zip(axes, panels, strict=True):
            part = rows[rows["panel"] == panel]
            colour = str(part["colour"].iloc[0])
            y = np.array([position[label] for label in part["row"]], dtype=float)
            value = part["value"].to_numpy(dtype=float)
            low = part["low"].to_numpy(dtype=float)
            high = part["high"].to_numpy(dtype=float)
            ax.errorbar(
                value,
                y,
                xerr=_error_bars(value, low, high),
                fmt="none",
                ecolor=colour,
                elinewidth=1.2,
                capsize=0,
                zorder=2,
            )
            filled = part["emphasis"].to_numpy(dtype=bool)
            ax.scatter(value[filled], y[filled], s=26, color=colour, zorder=3, linewidths=0)
            ax.scatter(
                value[~filled],
                y[~filled],
                s=26,
                facecolors="white",
                edgecolors=colour,
                linewidths=1.2,
                zorder=3,
            )
            reference = _finite(part["reference"].to_numpy(dtype=float))
            if reference:
                ax.axvline(
                    reference[0], color=_MUTED, linestyle=(0, (3, 2)), linewidth=0.8, zorder=1
                )
            top = max(_finite(np.concatenate([value, high, np.array(reference)])) or [0.0])
            ax.set_xlim(0, top * 1.12 if top > 0 else 1.0)
            ax.set_title(
                _clip(panel, 28),
                color=colour,
                fontsize=_BASE_SIZE + 0.5,
                loc="left",
            )
            ax.grid(axis="x", color=_GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.set_xlabel(xlabel, fontsize=_BASE_SIZE - 1, color=_MUTED)
        axes[0].set_yticks(range(len(labels)), [_clip(label) for label in labels])
        axes[0].set_ylim(len(labels) - 0.5, -0.5)
        for ax in axes:
            ax.tick_params(axis="y", length=0)
        return figure_to_svg(fig, chart_id=chart_id, description=description)


def axis_svg(
    rows: pd.DataFrame,
    *,
    left_label: str,
    right_label: str,
    xlabel: str,
    chart_id: str,
    description: str,
    points: pd.DataFrame | None = None,
    colour: str = _ACCENT,
) -> str:
    """Units placed on a -1..1 axis with intervals (e.g. the sovereignty–justice axis).

    Parameters
    ----------
    rows:
        One row per unit, drawn top to bottom in row order, with columns ``row`` (label),
        ``score`` (in [-1, 1]), ``low`` and ``high`` (interval, NaN for none).
    left_label, right_label:
        What the negative and positive ends stand for, written at the ends of the axis.
    xlabel:
        Label of the x axis.
    chart_id, description:
        See :func:`figure_to_svg`.
    points:
        Optional individual observations (e.g. documents) drawn as small grey dots around their
        unit, with columns ``row`` (a label from ``rows``) and ``score``. The vertical jitter is
        seeded, so the chart is deterministic.
    colour:
        Colour of the units' markers and intervals.

    Returns
    -------
    str
        The SVG (see :func:`figure_to_svg`).
    """
    _require(rows, ["row", "score", "low", "high"], "axis_svg")
    labels = [str(label) for label in rows["row"]]
    score = rows["score"].to_numpy(dtype=float)
    low = rows["low"].to_numpy(dtype=float)
    high = rows["high"].to_numpy(dtype=float)
    y = np.arange(len(labels), dtype=float)
    with _chart_style():
        fig = Figure(figsize=(_WIDTH_IN, 1.3 + 0.34 * len(labels)), layout="constrained")
        ax = fig.subplots()
        ax.axvspan(-1, 0, color="#f3f4f6", zorder=0, linewidth=0)
        ax.axvline(0, color=_MUTED, linewidth=0.8, zorder=1)
        if points is not None and not points.empty:
            index = {label: i for i, label in enumerate(labels)}
            known = points[points["row"].astype(str).isin(index)]
            rng = np.random.default_rng(0)
            py = np.array([index[str(r)] for r in known["row"]], dtype=float)
            py = py + rng.uniform(-0.22, 0.22, size=len(py))
            ax.scatter(
                known["score"].to_numpy(dtype=float),
                py,
                s=7,
                color="#9ca3af",
                alpha=0.7,
                linewidths=0,
                zorder=2,
            )
        ax.errorbar(
            score,
            y,
            xerr=_error_bars(score, low, high),
            fmt="none",
            ecolor=colour,
            elinewidth=1.6,
            capsize=3,
            zorder=3,
        )
        ax.scatter(score, y, s=40, color=colour, zorder=4, linewidths=0)
        ax.set_xlim(-1.0, 1.0)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_yticks(y, [_clip(label) for label in labels])
        ax.tick_params(axis="y", length=0)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])
        ax.grid(axis="x", color=_GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(xlabel, color=_MUTED)
        ax.spines["left"].set_visible(False)
        ax.text(
            0.0,
            1.02,
            "← " + _clip(left_label, 40),
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            color=_INK,
        )
        ax.text(
            1.0,
            1.02,
            _clip(right_label, 40) + " →",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            color=_INK,
        )
        return figure_to_svg(fig, chart_id=chart_id, description=description)


def bars_svg(
    rows: pd.DataFrame,
    *,
    xlabel: str,
    chart_id: str,
    description: str,
    columns: int = 3,
    colour: str = _ACCENT,
) -> str:
    """Small multiples of horizontal bar charts (e.g. the key lemmas of each group).

    Parameters
    ----------
    rows:
        One row per bar, with columns ``panel`` (panel title), ``label`` (the bar's label) and
        ``value``. Panels appear in the order of their first appearance; bars in row order,
        top to bottom.
    xlabel:
        Label of the x axes.
    chart_id, description:
        See :func:`figure_to_svg`.
    columns:
        Panels per row of the grid.
    colour:
        Bar colour (negative values are drawn in grey).

    Returns
    -------
    str
        The SVG (see :func:`figure_to_svg`).
    """
    _require(rows, ["panel", "label", "value"], "bars_svg")
    panels = list(dict.fromkeys(rows["panel"].tolist()))
    most = int(rows.groupby("panel", sort=False).size().max())
    with _chart_style():
        fig, axes = _panel_grid(len(panels), columns, 0.7 + 0.22 * most, share_y=False)
        for ax, panel in zip(axes, panels, strict=True):
            part = rows[rows["panel"] == panel]
            values = part["value"].to_numpy(dtype=float)
            y = np.arange(len(part), dtype=float)
            colours = [colour if v >= 0 else "#9ca3af" for v in values]
            ax.barh(y, np.nan_to_num(values), color=colours, height=0.68, zorder=2)
            ax.set_yticks(y, [_clip(label, 20) for label in part["label"]])
            ax.set_ylim(most - 0.5, -0.5)
            ax.tick_params(axis="y", length=0)
            ax.set_title(
                _clip(panel, 36),
                loc="left",
                fontsize=_BASE_SIZE + 0.5,
                color=_INK,
            )
            ax.grid(axis="x", color=_GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.set_xlabel(xlabel, fontsize=_BASE_SIZE - 1, color=_MUTED)
        return figure_to_svg(fig, chart_id=chart_id, description=description)
