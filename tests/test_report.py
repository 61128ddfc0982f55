"""Tests of framing.report: rendering, escaping, determinism and the written files.

The input tables are built by hand here (``sample_inputs``) following docs/tables.md, so these
tests do not depend on the tokenizer, the detectors or the statistics.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from framing import report as rp
from framing.counts import DocumentCounts
from framing.report import (
    CATEGORY_LABELS,
    FAMILIES,
    METHOD_KEYS,
    STRINGS,
    axis_points,
    category_label,
    corpus_fingerprint,
    highlight_offsets,
    md_escape,
    methods_stamp,
    render_report,
    strongest_differences,
    write_report,
)

CATEGORIES = list(CATEGORY_LABELS)
EVIL = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://evil.example","click")'

SENTENCES = {
    "asahi-1": [
        "米軍がベネズエラの首都を攻撃したとされる。",
        "各国は「主権の侵害だ」と非難しています。",
        "国際法違反の可能性もあるでしょう。",
    ],
    "asahi-2": ["アメリカの狙いは何で、各国はどう受け止めるのか気になりますよね。"],
    "yomiuri-1": [
        "マドゥロ大統領は麻薬テロの罪で起訴されていた。",
        "米司法省によると、逮捕は法の執行だという。",
    ],
    "yomiuri-2": ["警察は容疑者を逮捕した。", "異例中の異例。"],
    "nhk-1": [
        "国連のグテーレス事務総長も懸念を示しました。",
        "石油資源をめぐる思惑もあるとみられる。",
    ],
    "tweet-1": [EVIL + "主権侵害だ！" + FORMULA],
}
OUTLET = {
    "asahi-1": "朝日新聞",
    "asahi-2": "朝日新聞",
    "yomiuri-1": "読売新聞",
    "yomiuri-2": "読売新聞",
    "nhk-1": "NHK",
    "tweet-1": "@a|b_*c*",
}
# (doc_id, sentence, marker, category, rule)
HITS = [
    ("asahi-1", 0, "攻撃", "frame.military", "frame.military/kougeki"),
    ("asahi-1", 0, "とされる", "hedge.reportative", "hedge.reportative/to-sareru"),
    ("asahi-1", 1, "主権", "frame.sovereignty", "frame.sovereignty/shuken"),
    ("asahi-1", 1, "侵害", "frame.sovereignty", "frame.sovereignty/shingai"),
    ("asahi-1", 2, "国際法違反", "frame.sovereignty", "frame.sovereignty/kokusaihou"),
    ("asahi-1", 2, "可能性もある", "hedge.epistemic", "hedge.epistemic/kanousei"),
    ("asahi-1", 2, "でしょう", "hedge.epistemic", "hedge.epistemic/deshou"),
    ("asahi-2", 0, "気になりますよね", "engagement", "engagement/yone"),
    ("yomiuri-1", 0, "起訴", "frame.justice", "frame.justice/kiso"),
    ("yomiuri-1", 0, "麻薬テロ", "frame.justice", "frame.justice/mayaku"),
    ("yomiuri-1", 1, "によると", "hedge.reportative", "hedge.reportative/ni-yoru-to"),
    ("yomiuri-1", 1, "逮捕", "frame.justice", "frame.justice/taiho"),
    ("yomiuri-1", 1, "法の執行", "frame.justice", "frame.justice/hou-no-shikkou"),
    ("yomiuri-2", 0, "逮捕", "frame.justice", "frame.justice/taiho"),
    ("yomiuri-2", 1, "異例中の異例。", "style.nominal_ending", "style.nominal_ending/noun"),
    ("nhk-1", 0, "懸念を示しました", "attribution", "attribution/shimesu"),
    ("nhk-1", 1, "石油", "frame.economic", "frame.economic/sekiyu"),
    ("nhk-1", 1, "とみられる", "hedge.inferential", "hedge.inferential/to-mirareru"),
    ("tweet-1", 0, "主権侵害", "frame.sovereignty", "frame.sovereignty/shuken"),
    ("tweet-1", 0, EVIL, "frame.sovereignty", "frame.sovereignty/evil"),
]


def _document_text(doc_id: str) -> str:
    return "".join(SENTENCES[doc_id])


def _sentences() -> pd.DataFrame:
    rows = []
    for doc_id, sents in SENTENCES.items():
        start = 0
        for i, text in enumerate(sents):
            rows.append(
                {
                    "doc_id": doc_id,
                    "outlet": OUTLET[doc_id],
                    "medium": "tweet" if doc_id.startswith("tweet") else "article",
                    "sentence": i,
                    "start": start,
                    "end": start + len(text),
                    "text": text,
                    "quoted": False,
                    "morphemes": len(text) // 2,
                }
            )
            start += len(text)
    return pd.DataFrame(rows)


def _signals(sentences: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for doc_id, index, marker, category, rule in HITS:
        sent = sentences[(sentences["doc_id"] == doc_id) & (sentences["sentence"] == index)]
        text, base = str(sent["text"].iloc[0]), int(sent["start"].iloc[0])
        local = text.index(marker)
        rows.append(
            {
                "doc_id": doc_id,
                "outlet": OUTLET[doc_id],
                "medium": sent["medium"].iloc[0],
                "sentence": index,
                "start": base + local,
                "end": base + local + len(marker),
                "signal": category.split(".")[0],
                "category": category,
                "rule": rule,
                "text": marker,
                "quoted": False,
                "sentence_text": text,
                "source_named": pd.NA,
            }
        )
    return pd.DataFrame(rows)


def _documents() -> pd.DataFrame:
    rows = []
    for i, doc_id in enumerate(SENTENCES):
        tweet = doc_id.startswith("tweet")
        rows.append(
            {
                "doc_id": doc_id,
                "outlet": OUTLET[doc_id],
                "medium": "tweet" if tweet else "article",
                "published": f"2026-01-0{i + 3}",
                "title": FORMULA if tweet else f"記事{i}",
                "url": None,
                "author": None,
                "handle": "@a" if tweet else None,
                "parent": "asahi-1" if tweet else None,
                "source_path": f"corpus/{doc_id}.txt",
                "text": _document_text(doc_id),
            }
        )
    return pd.DataFrame(rows)


def _counts(documents: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for doc in documents.itertuples(index=False):
        n_sent = len(SENTENCES[str(doc.doc_id)])
        morphemes = len(str(doc.text)) // 2
        for category in CATEGORIES:
            hits = signals[(signals["doc_id"] == doc.doc_id) & (signals["category"] == category)]
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "outlet": doc.outlet,
                    "medium": doc.medium,
                    "category": category,
                    "signal": category.split(".")[0],
                    "hits": len(hits),
                    "sentences_with": hits["sentence"].nunique(),
                    "morphemes": morphemes,
                    "sentences": n_sent,
                    "per_1k_morphemes": len(hits) / morphemes * 1000,
                    "per_100_sentences": hits["sentence"].nunique() / n_sent * 100,
                }
            )
    return pd.DataFrame(rows)


def _comparison(counts: pd.DataFrame) -> pd.DataFrame:
    rows = []
    groups = sorted(counts["outlet"].unique())
    for k, group in enumerate(groups):
        for j, category in enumerate(CATEGORIES):
            part = counts[(counts["outlet"] == group) & (counts["category"] == category)]
            rest = counts[(counts["outlet"] != group) & (counts["category"] == category)]
            morphemes = int(part["morphemes"].sum())
            hits = int(part["hits"].sum())
            rate = hits / morphemes * 1000
            rest_rate = rest["hits"].sum() / rest["morphemes"].sum() * 1000
            ratio = (
                (hits + 0.5)
                / (morphemes + 0.5)
                / ((rest["hits"].sum() + 0.5) / (rest["morphemes"].sum() + 0.5))
            )
            p = min(1.0, 0.0004 * (1 + k) * (1 + j) ** 2)
            rows.append(
                {
                    "by": "outlet",
                    "group": group,
                    "category": category,
                    "documents": part["doc_id"].nunique(),
                    "morphemes": morphemes,
                    "sentences": int(part["sentences"].sum()),
                    "hits": hits,
                    "per_1k_morphemes": rate,
                    "ci_low": rate * 0.4,
                    "ci_high": rate * 1.6,
                    "per_100_sentences": 10.0,
                    "rest_per_1k_morphemes": rest_rate,
                    "rate_ratio": ratio,
                    "log2_rate_ratio": math.log2(ratio),
                    "test": "fisher",
                    "statistic": math.nan,
                    "adjusted_residual": -1.5 + j / 5,
                    "p_value": p / 2,
                    "p_adjusted": p,
                    "significant": p < 0.05,
                }
            )
    return pd.DataFrame(rows)


def _keyness(groups: list[str]) -> pd.DataFrame:
    lemmas = [
        "主権",
        "侵害",
        "国際法",
        "逮捕",
        "起訴",
        "石油",
        "攻撃",
        "懸念",
        "麻薬",
        "司法",
        "占領",
        "人権",
    ]
    rows = []
    for k, group in enumerate(groups):
        for i, lemma in enumerate(lemmas):
            z = 4.0 - i * 0.5 + k * 0.1
            rows.append(
                {
                    "by": "outlet",
                    "group": group,
                    "lemma": EVIL if (group.startswith("@") and i == 0) else lemma,
                    "count": 12 - i,
                    "count_rest": i + 1,
                    "log_odds": z / 3,
                    "variance": 1 / 9,
                    "z": z,
                }
            )
    return pd.DataFrame(rows)


def _axis(documents: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    rows = []

    def score(part: pd.DataFrame) -> tuple[int, int, float]:
        a = int((part["category"] == "frame.sovereignty").sum())
        b = int((part["category"] == "frame.justice").sum())
        return a, b, (a - b) / (a + b + 1)

    for doc in documents.itertuples(index=False):
        a, b, s = score(signals[signals["doc_id"] == doc.doc_id])
        rows.append(
            {
                "unit": "document",
                "id": doc.doc_id,
                "group": doc.outlet,
                "pole_a": "frame.sovereignty",
                "pole_b": "frame.justice",
                "hits_a": a,
                "hits_b": b,
                "score": s,
                "ci_low": math.nan,
                "ci_high": math.nan,
                "top_terms": ["主権"] if a else [],
            }
        )
    for group in sorted(documents["outlet"].unique()):
        a, b, s = score(signals[signals["outlet"] == group])
        rows.append(
            {
                "unit": "group",
                "id": group,
                "group": group,
                "pole_a": "frame.sovereignty",
                "pole_b": "frame.justice",
                "hits_a": a,
                "hits_b": b,
                "score": s,
                "ci_low": max(-1.0, s - 0.3),
                "ci_high": min(1.0, s + 0.3),
                "top_terms": "主権、侵害",
            }
        )
    return pd.DataFrame(rows)


def _section_axis() -> pd.DataFrame:
    rows = []
    for i, (name, s) in enumerate(
        [("導入", 0.1), ("主権をめぐる議論", 0.6), ("司法の論理", -0.5), ("まとめ", 0.0)]
    ):
        rows.append(
            {
                "unit": "section",
                "id": name,
                "group": "朝日新聞",
                "pole_a": "frame.sovereignty",
                "pole_b": "frame.justice",
                "hits_a": i + 1,
                "hits_b": 2,
                "score": s,
                "ci_low": math.nan,
                "ci_high": math.nan,
                "top_terms": "主権",
            }
        )
    return pd.DataFrame(rows)


def _kwic(signals: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    text = dict(zip(documents["doc_id"], documents["text"], strict=True))
    return pd.DataFrame(
        {
            "doc_id": signals["doc_id"],
            "outlet": signals["outlet"],
            "medium": signals["medium"],
            "category": signals["category"],
            "rule": signals["rule"],
            "left": [
                text[d][max(0, s - 20) : s]
                for d, s in zip(signals["doc_id"], signals["start"], strict=True)
            ],
            "hit": signals["text"],
            "right": [
                text[d][e : e + 20] for d, e in zip(signals["doc_id"], signals["end"], strict=True)
            ],
            "sentence": signals["sentence"],
            "start": signals["start"],
            "end": signals["end"],
        }
    )


def sample_inputs() -> dict[str, Any]:
    """Keyword arguments for render_report, hand-built per docs/tables.md."""
    documents = _documents()
    sentences = _sentences()
    signals = _signals(sentences)
    counts = _counts(documents, signals)
    comparison = _comparison(counts)
    examples = signals[signals["doc_id"].isin(["asahi-1", "yomiuri-1", "tweet-1"])]
    return {
        "documents": documents,
        "counts": counts,
        "comparison": comparison,
        "keyness": _keyness(sorted(documents["outlet"].unique())),
        "axis": _axis(documents, signals),
        "section_axis": _section_axis(),
        "kwic": _kwic(signals, documents),
        "examples": examples.reset_index(drop=True),
        "sentences": sentences,
        "methods": {
            "framing_version": "0.1.0",
            "lexicon_version": "1",
            "lexicon_hash": "sha256:abc",
            "fugashi_version": "1.3.2",
            "unidic_lite_version": "1.0.8",
            "corpus_fingerprint": corpus_fingerprint(documents),
            "alpha": "0.05",
        },
        "by": "outlet",
    }


@pytest.fixture(scope="module")
def inputs() -> dict[str, Any]:
    return sample_inputs()


@pytest.fixture(scope="module", params=["ja", "en"])
def rendered(request: pytest.FixtureRequest, inputs: dict[str, Any]) -> rp.Report:
    return render_report(**inputs, lang=request.param)


# -- labels -----------------------------------------------------------------------------------


def test_fifteen_categories_with_both_languages() -> None:
    assert len(CATEGORY_LABELS) == 15
    for labels in CATEGORY_LABELS.values():
        assert set(labels) == {"ja", "en"} and all(labels.values())
    assert {c.split(".")[0] for c in CATEGORY_LABELS} == set(FAMILIES)


def test_every_string_has_both_languages() -> None:
    for key, value in STRINGS.items():
        assert set(value) == {"ja", "en"}, key
        assert value["ja"] and value["en"], key


@pytest.mark.parametrize(
    ("category", "lang", "expected"),
    [
        ("hedge.reportative", "ja", "伝聞ヘッジ"),
        ("hedge.reportative", "en", "Reportative hedge"),
        ("frame.sovereignty", "ja", "主権フレーム"),
        ("booster", "ja", "確信の強調"),
        ("booster.certainty", "en", "Booster"),
        ("style.nominal_ending", "ja", "体言止め"),
        ("custom.thing", "ja", "custom.thing"),
    ],
)
def test_category_label(category: str, lang: rp.Lang, expected: str) -> None:
    assert category_label(category, lang) == expected


def test_category_label_rejects_unknown_lang() -> None:
    with pytest.raises(ValueError, match=r"'fr'.*'ja', 'en'"):
        category_label("booster", "fr")  # type: ignore[arg-type]


# -- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主権", "主権"),
        ("a|b", r"a\|b"),
        ("*強調*", r"\*強調\*"),
        ("_x_", r"\_x\_"),
        ("`code`", r"\`code\`"),
        ("<script>", "&lt;script&gt;"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("$x$", r"\$x\$"),
        ("a\nb", "a b"),
        ("&amp;", "&amp;amp;"),
        ("# 見出し", "# 見出し"),
    ],
)
def test_md_escape_inline(text: str, expected: str) -> None:
    assert md_escape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# 見出し", r"\# 見出し"),
        ("- 項目", r"\- 項目"),
        ("1. 一", r"1\. 一"),
        ("> 引用", "&gt; 引用"),
        ("12) 項", r"12\) 項"),
    ],
)
def test_md_escape_line_start(text: str, expected: str) -> None:
    assert md_escape(text, line_start=True) == expected


def test_corpus_text_is_escaped_in_html(rendered: rp.Report) -> None:
    assert "<script" not in rendered.html.lower()
    assert "&lt;script&gt;" in rendered.html
    assert "@a|b_*c*" in rendered.html


def test_corpus_text_is_escaped_in_markdown(rendered: rp.Report) -> None:
    assert "<script" not in rendered.markdown.lower()
    assert "&lt;script&gt;" in rendered.markdown
    assert r"@a\|b\_\*c\*" in rendered.markdown


def test_markdown_tables_keep_their_columns(rendered: rp.Report) -> None:
    for block in re.split(r"\n\n+", rendered.markdown):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if not lines:
            continue
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
        assert len(widths) == 1, block


def test_html_has_no_script_and_forbids_network(rendered: rp.Report) -> None:
    html = rendered.html
    assert "default-src 'none'" in html
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", html)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


# -- content ----------------------------------------------------------------------------------


def test_sections_and_labels_follow_lang(rendered: rp.Report) -> None:
    lang = rendered.json["lang"]
    assert f'<html lang="{lang}">' in rendered.html
    for key in [
        "overview",
        "rates",
        "significance",
        "keyness",
        "axis",
        "evidence",
        "examples",
        "methods",
        "default_title",
    ]:
        assert STRINGS[key][lang] in rendered.html, key
    assert category_label("hedge.reportative", lang) in rendered.html


def test_title_is_used(inputs: dict[str, Any]) -> None:
    report = render_report(**inputs, title="ベネズエラ報道 <比較>")
    assert "<title>ベネズエラ報道 &lt;比較&gt;</title>" in report.html
    assert report.json["title"] == "ベネズエラ報道 <比較>"
    assert report.markdown.startswith("# ベネズエラ報道 &lt;比較&gt;\n")


def test_charts_are_inline_svg_without_text(rendered: rp.Report) -> None:
    assert set(rendered.charts) == {"rates", "keyness", "axis", "sections"}
    for name, svg in rendered.charts.items():
        assert svg in rendered.html
        assert "<text" not in svg
        assert f'id="chart-{name}"' in svg
        assert f"](charts/{name}.svg)" in rendered.markdown
    ids = re.findall(r'\bid="([^"]+)"', rendered.html)
    assert len(ids) == len(set(ids)), "duplicate ids in the page"


def test_methods_are_stamped(rendered: rp.Report, inputs: dict[str, Any]) -> None:
    for key in METHOD_KEYS:
        assert inputs["methods"][key] in rendered.html
        assert rendered.json["methods"][key] == inputs["methods"][key]  # type: ignore[index]
    assert "alpha" in rendered.html


def test_methods_must_be_complete(inputs: dict[str, Any]) -> None:
    methods = {k: v for k, v in inputs["methods"].items() if k != "lexicon_hash"}
    with pytest.raises(ValueError, match="lexicon_hash"):
        render_report(**{**inputs, "methods": methods})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"by": "year"}, "by='year' is not a column"),
        ({"lang": "fr"}, "lang 'fr'"),
        ({"comparison": "table"}, "comparison must be a pandas DataFrame"),
    ],
)
def test_bad_arguments(inputs: dict[str, Any], change: dict[str, Any], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        render_report(**{**inputs, **change})


def test_missing_columns_are_named(inputs: dict[str, Any]) -> None:
    keyness = inputs["keyness"].drop(columns=["z"])
    with pytest.raises(ValueError, match=r"keyness table lacks column\(s\) \['z'\]"):
        render_report(**{**inputs, "keyness": keyness})


def test_comparison_by_must_match(inputs: dict[str, Any]) -> None:
    comparison = inputs["comparison"].assign(by="medium")
    with pytest.raises(ValueError, match="grouped by \\['medium'\\]"):
        render_report(**{**inputs, "comparison": comparison})


def test_overview_counts(rendered: rp.Report) -> None:
    overview = rendered.tables["overview"]
    assert list(overview["group"]) == ["@a|b_*c*", "NHK", "朝日新聞", "読売新聞"]
    assert overview["documents"].sum() == 6
    assert overview["tweets"].sum() == 1
    totals = rendered.json["totals"]
    assert totals["documents"] == 6 and totals["outlets"] == 4  # type: ignore[index]
    assert totals["first_published"] == "2026-01-03"  # type: ignore[index]
    assert "text" not in rendered.tables["documents"].columns


def test_strongest_differences_order() -> None:
    comparison = pd.DataFrame(
        {
            "by": "outlet",
            "group": ["a", "b", "c", "d"],
            "category": ["x", "x", "y", "y"],
            "documents": 1,
            "morphemes": 10,
            "hits": 1,
            "per_1k_morphemes": 1.0,
            "ci_low": 0.0,
            "ci_high": 2.0,
            "rest_per_1k_morphemes": 1.0,
            "rate_ratio": 1.0,
            "log2_rate_ratio": [0.5, -2.0, 3.0, 9.0],
            "test": "chi2",
            "statistic": 1.0,
            "adjusted_residual": 0.0,
            "p_value": 0.01,
            "p_adjusted": [0.01, 0.01, 0.001, np.nan],
            "significant": True,
        }
    )
    top = strongest_differences(comparison, n=3)
    assert list(top["group"]) == ["c", "b", "a"]
    assert list(top["rank"]) == [1, 2, 3]


def test_evidence_shows_kwic_of_strongest_differences(rendered: rp.Report) -> None:
    evidence = rendered.tables["evidence"]
    top = strongest_differences(sample_inputs()["comparison"], n=5)
    assert set(evidence["rank"]) <= set(top["rank"])
    for row in evidence.itertuples(index=False):
        match = top[top["rank"] == row.rank].iloc[0]
        assert row.category == match["category"] and row.outlet == match["group"]
    assert len(evidence) > 0


def test_highlight_offsets_use_sentence_starts(inputs: dict[str, Any]) -> None:
    located = highlight_offsets(inputs["examples"], inputs["sentences"])
    for row in located.itertuples(index=False):
        assert row.sentence_text[row.highlight_start : row.highlight_end] == row.text


def test_highlight_offsets_fall_back_to_search() -> None:
    examples = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "sentence": [0, 0, 0],
            "start": [100, 104, 200],
            "end": [102, 106, 202],
            "category": ["frame.justice"] * 3,
            "rule": ["r"] * 3,
            "text": ["逮捕", "逮捕", "なし"],
            "sentence_text": ["逮捕と逮捕。"] * 3,
        }
    )
    located = highlight_offsets(examples)
    assert located["highlight_start"].tolist()[:2] == [0, 3]
    assert located["highlight_start"].isna().tolist() == [False, False, True]


def test_examples_are_highlighted(rendered: rp.Report) -> None:
    html = rendered.html
    assert re.search(r'<mark class="fam-hedge" title="[^"]+">とされる</mark>', html)
    assert re.search(r'<mark class="fam-frame" title="[^"]+">&lt;script&gt;', html)
    assert "<b>とされる</b>" in rendered.markdown


def test_segments_split_overlaps() -> None:
    segments = rp._segments(
        "主権侵害だ", [(0, 4, "frame.sovereignty"), (2, 4, "hedge.epistemic")], "ja"
    )
    assert [s.text for s in segments] == ["主権", "侵害", "だ"]
    assert segments[1].labels == "主権フレーム・可能性ヘッジ"
    assert segments[2].family == ""


def test_empty_optional_tables(inputs: dict[str, Any]) -> None:
    report = render_report(
        **{
            **inputs,
            "section_axis": None,
            "examples": None,
            "kwic": inputs["kwic"].iloc[0:0],
            "keyness": pd.DataFrame(),
        }
    )
    assert set(report.charts) == {"rates", "axis"}
    assert STRINGS["no_data"]["ja"] in report.html
    assert STRINGS["no_kwic"]["ja"] in report.html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (rp.fmt_float(1.234), "1.23"),
        (rp.fmt_float(-0.0001, signed=True), "0.00"),
        (rp.fmt_float(-0.0001), "0.00"),
        (rp.fmt_float(-1.5, signed=True), "-1.50"),
        (rp.fmt_float(0.5, signed=True), "+0.50"),
        (rp.fmt_float(math.nan), "—"),
        (rp.fmt_p(0.0001), "<0.001"),
        (rp.fmt_p(0.04567), "0.046"),
        (rp.fmt_int(12345), "12,345"),
        (rp.fmt_ci(1, 2.5), "[1.00, 2.50]"),
        (rp.fmt_ci(1, None), "—"),
    ],
)
def test_number_formats(value: str, expected: str) -> None:
    assert value == expected


# -- determinism and files --------------------------------------------------------------------


def test_render_is_deterministic(inputs: dict[str, Any]) -> None:
    first = render_report(**inputs)
    shuffled = {
        **inputs,
        "comparison": inputs["comparison"].sample(frac=1, random_state=3),
        "keyness": inputs["keyness"].sample(frac=1, random_state=4),
    }
    second = render_report(**shuffled)
    assert first.html == second.html
    assert first.markdown == second.markdown


def test_counts_may_come_in_per_document_form(inputs: dict[str, Any]) -> None:
    """A streamed report passes its counts as DocumentCounts: the same report."""
    counts = inputs["counts"]
    columns = ["doc_id", "outlet", "medium", "morphemes", "sentences"]
    docs = counts.drop_duplicates("doc_id")[columns].iloc[::-1].reset_index(drop=True)
    categories = sorted(counts["category"].unique())

    def wide(values: str) -> Any:
        table = counts.pivot(index="doc_id", columns="category", values=values)
        return table.reindex(index=docs["doc_id"], columns=categories, fill_value=0).to_numpy()

    per_document = DocumentCounts(
        documents=docs,
        categories=categories,
        families={c: c.split(".")[0] for c in categories},
        hits=wide("hits"),
        sentences_with=wide("sentences_with"),
    )
    first = render_report(**inputs)
    second = render_report(**{**inputs, "counts": per_document})
    assert first.html == second.html
    assert first.markdown == second.markdown
    assert first.json == second.json
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(second.tables[name], table)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, inputs: dict[str, Any]) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(render_report(**inputs), out)
    return out


def test_write_report_is_byte_identical(
    tmp_path: Path, inputs: dict[str, Any], written: Path
) -> None:
    paths_a = write_report(render_report(**inputs), tmp_path / "a")
    names = sorted(str(p.relative_to(tmp_path / "a")) for p in paths_a)
    assert names == sorted(str(p.relative_to(written)) for p in written.rglob("*") if p.is_file())
    assert {
        "index.html",
        "report.md",
        "report.json",
        "tables/comparison.csv",
        "tables/overview.csv",
        "charts/rates.svg",
    } <= set(names)
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (written / name).read_bytes(), name


def test_report_json(written: Path) -> None:
    text = (written / "report.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert "主権フレーム" in text  # ensure_ascii=False
    assert list(data) == sorted(data)
    assert data["by"] == "outlet" and data["lang"] == "ja"
    assert set(data["tables"]) == {
        "overview",
        "documents",
        "comparison",
        "keyness",
        "axis",
        "section_axis",
        "evidence",
        "examples",
    }
    assert data["categories"]["hedge.reportative"]["ja"] == "伝聞ヘッジ"
    assert "NaN" not in text


def test_csv_tables_are_neutralized(written: Path) -> None:
    raw = (written / "tables" / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(written / "tables" / "documents.csv", encoding="utf-8-sig")
    assert "'" + FORMULA in frame["title"].tolist()
    comparison = pd.read_csv(written / "tables" / "comparison.csv", encoding="utf-8-sig")
    assert comparison["adjusted_residual"].dtype.kind == "f"
    assert (comparison["adjusted_residual"] < 0).any()


def test_corpus_fingerprint_ignores_row_order(inputs: dict[str, Any]) -> None:
    documents = inputs["documents"]
    assert corpus_fingerprint(documents) == corpus_fingerprint(documents.iloc[::-1])
    changed = documents.assign(text=documents["text"] + "。")
    assert corpus_fingerprint(changed) != corpus_fingerprint(documents)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", corpus_fingerprint(documents))


def test_methods_stamp(inputs: dict[str, Any]) -> None:
    stamp = methods_stamp(
        inputs["documents"], lexicon_version="1", lexicon_hash="h", extra={"alpha": "0.05"}
    )
    assert set(METHOD_KEYS) <= set(stamp)
    assert stamp["alpha"] == "0.05"
    assert stamp["corpus_fingerprint"] == corpus_fingerprint(inputs["documents"])


def test_sections_of_several_documents_name_their_document(inputs: dict[str, Any]) -> None:
    sections = inputs["section_axis"]
    both = pd.concat([sections, sections.assign(group="yomiuri-1")], ignore_index=True)
    report = render_report(**{**inputs, "section_axis": both, "max_table_rows": 5})
    assert "yomiuri-1 · 導入" in report.html
    assert "tables/section_axis.csv" in report.html
    assert len(report.tables["section_axis"]) == 8


def test_example_sentences_are_capped(inputs: dict[str, Any]) -> None:
    report = render_report(**inputs, max_examples=2, lang="en")
    assert report.html.count('<div class="example">') == 2
    assert "Showing the first 2 sentences (all 6: tables/examples.csv)" in report.html
    assert len(report.tables["examples"]) == len(inputs["examples"])


def test_axis_points_are_the_documents_the_group_score_averages() -> None:
    """Grey dots: documents with a hit of either pole, labelled by their group; group rows and
    documents without pole hits (which the score leaves out) are not drawn."""
    axis = pd.DataFrame(
        {
            "unit": ["group", "document", "document", "document", "document"],
            "group": ["a", "a", "a", "b", None],
            "hits_a": [3, 2, 0, 0, 1],
            "hits_b": [1, 0, 0, 1, 0],
            "score": [0.4, 0.67, 0.0, -0.5, 0.5],
        }
    )
    points = axis_points(axis, {"a": "Outlet A", "b": "Outlet B", "": "(none)"})
    assert points.to_dict("list") == {
        "row": ["Outlet A", "Outlet B", "(none)"],
        "score": [0.67, -0.5, 0.5],
    }
