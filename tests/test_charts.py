"""Tests of framing.charts: deterministic, text-free, id-prefixed SVG."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from matplotlib.figure import Figure

from framing import charts

SVG_NS = "{http://www.w3.org/2000/svg}"


def _dots() -> pd.DataFrame:
    rows = []
    for panel, colour in [("伝聞ヘッジ", "#0072B2"), ("主権フレーム", "#E69F00")]:
        for i, row in enumerate(["朝日新聞", "読売新聞", "$x$ <b>"]):
            rows.append(
                {
                    "panel": panel,
                    "colour": colour,
                    "row": row,
                    "value": 2.0 + i,
                    "low": 1.0 + i,
                    "high": math.nan if i == 2 else 3.5 + i,
                    "emphasis": i == 0,
                    "reference": 2.5,
                }
            )
    return pd.DataFrame(rows)


def _axis() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": ["朝日新聞", "読売新聞"],
            "score": [0.4, -0.3],
            "low": [0.1, -0.6],
            "high": [0.7, math.nan],
        }
    )


def _bars() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "panel": ["朝日新聞"] * 3 + ["読売新聞"] * 2,
            "label": ["主権", "侵害", "国際法", "逮捕", "起訴"],
            "value": [4.0, 3.0, -1.0, 2.5, 1.0],
        }
    )


def _draw(kind: str, chart_id: str = "c1") -> str:
    if kind == "dots":
        return charts.dot_panels_svg(
            _dots(), xlabel="1000形態素あたり", chart_id=chart_id, description="出現率"
        )
    if kind == "axis":
        points = pd.DataFrame({"row": ["朝日新聞"] * 5, "score": [0.1, 0.2, 0.5, -0.2, 0.9]})
        return charts.axis_svg(
            _axis(),
            left_label="司法フレーム",
            right_label="主権フレーム",
            xlabel="スコア",
            chart_id=chart_id,
            description="軸",
            points=points,
        )
    return charts.bars_svg(_bars(), xlabel="z", chart_id=chart_id, description="特徴語")


KINDS = ["dots", "axis", "bars"]


@pytest.mark.parametrize("kind", KINDS)
def test_same_chart_twice_gives_identical_bytes(kind: str) -> None:
    assert _draw(kind).encode("utf-8") == _draw(kind).encode("utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_drawn_as_paths(kind: str) -> None:
    svg = _draw(kind)
    root = ET.fromstring(svg)
    assert root.tag == SVG_NS + "svg"
    assert [el for el in root.iter() if el.tag == SVG_NS + "text"] == []
    assert "<text" not in svg
    assert len([el for el in root.iter() if el.tag == SVG_NS + "path"]) > 10


@pytest.mark.parametrize("kind", KINDS)
def test_no_prolog_comments_or_metadata(kind: str) -> None:
    svg = _draw(kind)
    assert svg.startswith("<svg ")
    assert svg.endswith("</svg>\n")
    assert "<!--" not in svg and "<?xml" not in svg and "DOCTYPE" not in svg
    assert "<metadata" not in svg and "dc:date" not in svg.lower()


@pytest.mark.parametrize("kind", KINDS)
def test_ids_are_prefixed_and_references_resolve(kind: str) -> None:
    svg = _draw(kind, chart_id="chart-x")
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids[0] == "chart-x"
    assert all(i.startswith("chart-x-") for i in ids[1:])
    assert len(ids) == len(set(ids))
    references = re.findall(r'href="#([^"]+)"', svg) + re.findall(r"url\(#([^)]+)\)", svg)
    assert references and set(references) <= set(ids)


def test_two_charts_share_no_id() -> None:
    first = set(re.findall(r'\bid="([^"]+)"', _draw("dots", "a")))
    second = set(re.findall(r'\bid="([^"]+)"', _draw("dots", "b")))
    assert not first & second


def test_root_attributes_escape_the_description() -> None:
    svg = charts.bars_svg(_bars(), xlabel="z", chart_id="k", description='"><script>')
    assert 'class="chart" role="img" aria-label="&quot;&gt;&lt;script&gt;"' in svg
    assert "<script" not in svg


def test_labels_with_dollars_are_not_math() -> None:
    # mathtext would fail on an unbalanced "$"; parse_math is off, so it draws as text.
    rows = _dots().assign(row="$5 $")
    assert "<svg" in charts.dot_panels_svg(rows, xlabel="x", chart_id="m", description="d")


@pytest.mark.parametrize("bad", ["1abc", "a b", "", 'a"b'])
def test_bad_chart_id(bad: str) -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        charts.figure_to_svg(Figure(), chart_id=bad, description="d")


@pytest.mark.parametrize(
    ("func", "rows"),
    [
        (charts.dot_panels_svg, pd.DataFrame({"panel": ["a"]})),
        (charts.bars_svg, pd.DataFrame({"panel": [], "label": [], "value": []})),
    ],
)
def test_bad_tables(func: object, rows: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"missing column|no rows"):
        func(rows, xlabel="x", chart_id="c", description="d")  # type: ignore[operator]


def test_font_is_the_bundled_ipaex_gothic() -> None:
    path = charts.font_path()
    assert path.name == "ipaexg.ttf"
    assert "matplotlib_fontja" in path.parts
