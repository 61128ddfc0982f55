"""Tests of framing.display: highlighted documents for Jupyter.

The hit tables are built by hand (columns of ``framing.signals``), so :func:`highlight_html`
is tested without the tokenizer; :func:`view` runs the detectors on two short documents.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.display import UNDERLINES, DocumentView, highlight_html, view
from framing.document import Document
from framing.report import category_colour, category_label

EVIL = '<script>alert("x")</script>'
TEXT = "米軍が首都を攻撃したとされる。各国は「主権の侵害だ」と非難した。"
MARK = re.compile(r'<mark style="([^"]*)" title="([^"]*)" data-categories="([^"]*)">(.*?)</mark>')


def hits(*rows: tuple[int, int, str], text: str = TEXT, rule: str = "r") -> pd.DataFrame:
    """Rows of the signals table: (start, end, category), with ``text`` and ``rule`` filled in."""
    return pd.DataFrame(
        [
            {"start": s, "end": e, "category": c, "rule": f"{c}/{rule}", "text": text[s:e]}
            for s, e, c in rows
        ],
        columns=["start", "end", "category", "rule", "text"],
    )


def body(page: str) -> str:
    """The document part of the page (after the legend)."""
    return page.split('<div lang="ja" style="', 1)[1].split(">", 1)[1]


def plain(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def marks(page: str) -> list[dict[str, Any]]:
    return [
        {
            "style": m[1],
            "title": html.unescape(m[2]),
            "categories": m[3].split(),
            "text": html.unescape(m[4]),
        }
        for m in MARK.finditer(body(page))
    ]


# --- escaping --------------------------------------------------------------------------------


def test_document_text_is_escaped_inside_and_outside_hits() -> None:
    text = EVIL + "主権の侵害だ" + EVIL
    start = text.index("主権")
    page = highlight_html(
        text, hits((0, 8, "frame.sovereignty"), (start, start + 2, "frame.sovereignty"), text=text)
    )
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert plain(body(page)).startswith(text)


@pytest.mark.parametrize(
    ("what", "kwargs", "rows"),
    [
        ("caption", {"caption": EVIL}, [(0, 2, "frame.sovereignty")]),
        ("custom label", {"labels": {"custom.x": EVIL}}, [(0, 2, "custom.x")]),
        ("category id", {}, [(0, 2, 'x.<b onmouseover="alert(1)">')]),
    ],
)
def test_every_text_is_escaped(
    what: str, kwargs: dict[str, Any], rows: list[tuple[int, int, str]]
) -> None:
    page = highlight_html(TEXT, hits(*rows), **kwargs)
    assert "<script" not in page, what
    assert "<b " not in page, what
    assert 'onmouseover="' not in page, what


def test_rule_ids_in_tooltips_are_escaped() -> None:
    table = hits((0, 2, "frame.military")).assign(rule='"><script>x</script>')
    page = highlight_html(TEXT, table)
    assert "<script" not in page
    assert marks(page)[0]["title"] == f'{category_label("frame.military")} ["><script>x</script>]'


# --- legend ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "count"),
    [("ja", "凡例", "2 件"), ("en", "Legend", "2 hits")],
)
def test_legend_lists_present_categories_with_labels_and_counts(
    lang: str, title: str, count: str
) -> None:
    table = hits((5, 7, "frame.military"), (19, 21, "frame.sovereignty"), (0, 2, "frame.military"))
    page = highlight_html(TEXT, table, lang=lang)  # type: ignore[arg-type]
    legend = page.split('<div lang="ja"', 1)[0]
    assert title in legend
    for category in ("frame.military", "frame.sovereignty"):
        assert f'data-category="{category}"' in legend
        assert category_label(category, lang) in legend  # type: ignore[arg-type]
        assert category_colour(category) in legend
    assert count in legend
    assert "hedge.reportative" not in legend


def test_legend_follows_codebook_order() -> None:
    table = hits((0, 2, "style.nominal_ending"), (3, 5, "hedge.reportative"), (5, 7, "zzz.custom"))
    legend = highlight_html(TEXT, table).split('<div lang="ja"', 1)[0]
    order = re.findall(r'data-category="([^"]+)"', legend)
    assert order == ["hedge.reportative", "style.nominal_ending", "zzz.custom"]


def test_custom_category_uses_given_label_and_grey() -> None:
    page = highlight_html(
        TEXT, hits((0, 2, "emotion.surprise")), labels={"emotion.surprise": "驚き"}
    )
    assert "驚き" in page
    assert category_colour("emotion.surprise") == "#999999"
    assert "#999999" in page


@pytest.mark.parametrize(("lang", "words"), [("ja", "ヒットなし"), ("en", "no hits")])
def test_no_hits_says_so(lang: str, words: str) -> None:
    page = highlight_html(TEXT, hits(), lang=lang)  # type: ignore[arg-type]
    assert words in page
    assert "<mark" not in page
    assert plain(body(page)) == TEXT


def test_categories_of_one_family_get_distinct_underlines() -> None:
    table = hits(
        (0, 2, "hedge.reportative"), (3, 5, "hedge.inferential"), (6, 8, "hedge.epistemic")
    )
    styles = [m["style"] for m in marks(highlight_html(TEXT, table))]
    assert [s.split("text-decoration:underline ")[1].split()[0] for s in styles] == list(
        UNDERLINES[:3]
    )
    assert all(category_colour("hedge.reportative") in s for s in styles)


# --- offsets and overlaps --------------------------------------------------------------------


def test_marks_cover_exactly_the_offsets() -> None:
    start = TEXT.index("とされる")
    page = highlight_html(TEXT, hits((start, start + 4, "hedge.reportative")))
    (mark,) = marks(page)
    assert mark["text"] == "とされる"
    assert mark["categories"] == ["hedge.reportative"]
    assert plain(body(page)) == TEXT
    before = body(page).split("<mark", 1)[0]
    assert before == html.escape(TEXT[:start])


def test_overlapping_hits_are_cut_at_every_boundary() -> None:
    # 主権の侵害 (sovereignty, 19-24) overlaps 侵害だ (justice, 22-25)
    a, b = TEXT.index("主権の侵害"), TEXT.index("侵害だ")
    page = highlight_html(TEXT, hits((a, a + 5, "frame.sovereignty"), (b, b + 3, "frame.justice")))
    found = marks(page)
    assert [m["text"] for m in found] == ["主権の", "侵害", "だ"]
    assert [m["categories"] for m in found] == [
        ["frame.sovereignty"],
        ["frame.sovereignty", "frame.justice"],
        ["frame.justice"],
    ]
    middle = found[1]
    assert category_label("frame.sovereignty") in middle["title"]
    assert category_label("frame.justice") in middle["title"]
    assert "0.42" in middle["style"] and "0.22" in found[0]["style"]
    assert plain(body(page)) == TEXT


@pytest.mark.parametrize(
    ("rows", "noted"),
    [
        ([(0, 5, "frame.military"), (3, 8, "hedge.reportative")], True),
        ([(0, 3, "frame.military"), (3, 8, "hedge.reportative")], False),
        ([(0, 5, "frame.military"), (2, 4, "frame.military")], False),
    ],
)
def test_overlap_note_only_when_categories_overlap(
    rows: list[tuple[int, int, str]], noted: bool
) -> None:
    assert ("濃い背景" in highlight_html(TEXT, hits(*rows))) is noted


def test_nested_and_identical_hits() -> None:
    page = highlight_html(
        TEXT,
        hits((0, 10, "frame.military"), (3, 5, "hedge.reportative"), (3, 5, "hedge.reportative")),
    )
    found = marks(page)
    assert [m["text"] for m in found] == [TEXT[0:3], TEXT[3:5], TEXT[5:10]]
    assert found[1]["categories"] == ["frame.military", "hedge.reportative"]
    assert "17 件" not in page and "2 件" in page  # both identical rows are counted


@given(
    st.lists(
        st.tuples(
            st.integers(0, len(TEXT)),
            st.integers(0, 12),
            st.sampled_from(["frame.military", "hedge.epistemic", "booster"]),
        ),
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_text_survives_any_set_of_hits(spans: list[tuple[int, int, str]]) -> None:
    rows = [(s, min(len(TEXT), s + n), c) for s, n, c in spans]
    page = highlight_html(TEXT, hits(*rows))
    assert plain(body(page)) == TEXT
    for mark in marks(page):
        assert mark["text"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame({"start": [0], "end": [2]}), "lack the column"),
        (hits((5, 2, "booster")), "end before they start"),
        (hits((0, len(TEXT) + 1, "booster"), text=TEXT + "!"), "do not lie within"),
        (hits((0, 2, "booster")).assign(text="別物"), "is not the document's text"),
        (
            hits((0, 2, "booster")).assign(start=pd.array([pd.NA], dtype="Int64")),
            "start is missing",
        ),
        (hits((0, 2, "booster")).assign(end=[1.5]), "not a whole character offset"),
        (
            hits((0, 2, "booster")).assign(category=pd.Series([None], dtype=object)),
            "not a category id",
        ),
    ],
)
def test_bad_hits_are_refused(table: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        highlight_html(TEXT, table)


def test_unknown_lang_is_refused() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        highlight_html(TEXT, hits(), lang="fr")  # type: ignore[arg-type]


# --- view ------------------------------------------------------------------------------------

DOCS = [
    Document(
        doc_id="a",
        text="米軍が首都を攻撃したとされる。主権の侵害だと非難された。",
        outlet="通信社",
        title="<急襲>",
    ),
    Document(doc_id="b", text="今日は晴れ。", outlet="個人"),
]


def test_view_displays_the_document_with_its_hits() -> None:
    shown = view(DOCS, "a")
    assert isinstance(shown, DocumentView)
    page = shown._repr_html_()
    assert page == shown.html
    assert list(shown.hits.columns) == [
        "sentence",
        "start",
        "end",
        "signal",
        "category",
        "rule",
        "text",
    ]
    assert "hedge.reportative" in set(shown.hits["category"])
    for start, end, marker in zip(
        *(shown.hits[c].tolist() for c in ("start", "end", "text")), strict=True
    ):
        assert DOCS[0].text[int(start) : int(end)] == marker
    assert "&lt;急襲&gt;" in page and "通信社" in page
    assert plain(body(page)) == DOCS[0].text


def test_view_filters_signals() -> None:
    shown = view(DOCS, "a", signals=["hedge", "frame.sovereignty"])
    assert set(shown.hits["category"]) <= {
        "hedge.reportative",
        "hedge.inferential",
        "hedge.epistemic",
        "frame.sovereignty",
    }
    assert "hedge.reportative" in set(shown.hits["category"])


@pytest.mark.parametrize(
    ("doc_id", "kwargs", "message"),
    [
        ("zzz", {}, "doc_id 'zzz' is not in the corpus; its documents: 'a', 'b'"),
        ("a", {"signals": ["hedges"]}, "unknown signal.*'hedges'.*hedge"),
        ("a", {"lang": "de"}, "'de'"),
    ],
)
def test_view_refuses_bad_arguments(doc_id: str, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        view(DOCS, doc_id, **kwargs)
