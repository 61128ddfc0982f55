"""Render the comparison report (HTML, Markdown, JSON and CSV tables) from framing's tables.

:func:`render_report` turns the DataFrames documented in ``docs/tables.md`` into a
:class:`Report`; :func:`write_report` writes it to a directory::

    DIR/index.html      self-contained page: inline CSS, inline SVG charts, no script, no network
    DIR/report.md       the same content in GitHub-flavoured Markdown (charts from DIR/charts/)
    DIR/report.json     metadata and every table, sorted keys, floats rounded (framing.export)
    DIR/tables/*.csv    the tables, spreadsheet-safe (framing.export.write_csv)
    DIR/charts/*.svg    the charts as standalone SVG files (referenced by report.md)
    DIR/.framing-manifest.json  the files framing wrote, with their SHA-256 (framing.output)

The report is deterministic: the same inputs give byte-identical files (no timestamps, stable
ordering, seeded chart jitter, fixed SVG ids). All corpus text is escaped: Jinja2 autoescaping
in HTML (plus a Content-Security-Policy that forbids scripts and every network request), and
:func:`md_escape` for every value written into Markdown.

Every user-visible string of the report lives in :data:`STRINGS`; the display names and colours
of the categories and families come from :mod:`framing.labels` (re-exported here).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup

from framing import charts
from framing.axis import AXIS_COLUMNS
from framing.counts import DocumentCounts
from framing.export import to_json_records, write_csv_to, write_json_to
from framing.labels import (
    CATEGORY_LABELS,
    FAMILIES,
    OTHER_FAMILY,
    Lang,
    category_colour,
    category_family,
    category_label,
    category_order,
    check_lang,
)
from framing.output import MANIFEST, Content, write_files

__all__ = [
    "CATEGORY_LABELS",
    "FAMILIES",
    "METHOD_KEYS",
    "STRINGS",
    "Lang",
    "Report",
    "axis_points",
    "category_colour",
    "category_family",
    "category_label",
    "corpus_fingerprint",
    "fmt_ci",
    "fmt_float",
    "fmt_int",
    "fmt_p",
    "highlight_offsets",
    "md_escape",
    "methods_stamp",
    "render_report",
    "strongest_differences",
    "write_report",
]

# --------------------------------------------------------------------------------------------
# Strings: every user-visible word of the report (category names live in framing.labels).
# --------------------------------------------------------------------------------------------

STRINGS: Mapping[str, Mapping[Lang, str]] = MappingProxyType(
    {
        "default_title": {"ja": "メディア・フレーミング比較レポート", "en": "Media framing report"},
        "subtitle": {
            "ja": "{by}別の比較・文書 {documents} 件",
            "en": "Compared by {by} · {documents} documents",
        },
        "contents": {"ja": "目次", "en": "Contents"},
        "overview": {"ja": "コーパスの概要", "en": "Corpus overview"},
        "rates": {"ja": "グループ別の出現率", "en": "Signal rates by group"},
        "significance": {"ja": "有意差の検定", "en": "Significance tests"},
        "keyness": {"ja": "特徴語", "en": "Key lemmas"},
        "axis": {"ja": "主権–司法軸", "en": "Sovereignty–justice axis"},
        "sections": {"ja": "節ごとの軸スコア", "en": "Axis score by section"},
        "evidence": {
            "ja": "最も強い差の用例（KWIC）",
            "en": "Evidence for the strongest differences (KWIC)",
        },
        "examples": {"ja": "例文", "en": "Example sentences"},
        "methods": {"ja": "方法", "en": "Methods"},
        "legend": {"ja": "凡例", "en": "Legend"},
        "documents": {"ja": "文書", "en": "Documents"},
        "articles": {"ja": "記事", "en": "Articles"},
        "tweets": {"ja": "ツイート", "en": "Tweets"},
        "groups": {"ja": "グループ", "en": "Groups"},
        "outlets": {"ja": "媒体", "en": "Outlets"},
        "media": {"ja": "形式", "en": "Media"},
        "dates": {"ja": "期間", "en": "Dates"},
        "characters": {"ja": "文字数", "en": "Characters"},
        "morphemes": {"ja": "形態素数", "en": "Morphemes"},
        "sentences": {"ja": "文数", "en": "Sentences"},
        "total": {"ja": "合計", "en": "Total"},
        "group": {"ja": "グループ", "en": "Group"},
        "category": {"ja": "カテゴリー", "en": "Category"},
        "rank": {"ja": "順位", "en": "Rank"},
        "hits": {"ja": "出現数", "en": "Hits"},
        "rate": {"ja": "1000形態素あたり", "en": "Per 1,000 morphemes"},
        "ci": {"ja": "95%信頼区間", "en": "95% CI"},
        "rest_rate": {"ja": "他グループの率", "en": "Rate in other groups"},
        "rate_ratio": {"ja": "率比", "en": "Rate ratio"},
        "log2_rate_ratio": {"ja": "log₂率比", "en": "log₂ rate ratio"},
        "test": {"ja": "検定", "en": "Test"},
        "adjusted_residual": {"ja": "調整済み残差", "en": "Adjusted residual"},
        "p_value": {"ja": "p値", "en": "p"},
        "p_adjusted": {"ja": "補正後p値", "en": "Adjusted p"},
        "significant": {"ja": "有意", "en": "Significant"},
        "yes": {"ja": "有意", "en": "yes"},
        "no": {"ja": "—", "en": "—"},
        "lemma": {"ja": "語（基本形）", "en": "Lemma"},
        "count": {"ja": "頻度", "en": "Count"},
        "count_rest": {"ja": "他グループの頻度", "en": "Count elsewhere"},
        "log_odds": {"ja": "対数オッズ比", "en": "Log-odds"},
        "z": {"ja": "z値", "en": "z"},
        "score": {"ja": "スコア", "en": "Score"},
        "top_terms": {"ja": "主な語", "en": "Top terms"},
        "section": {"ja": "節", "en": "Section"},
        "doc_id": {"ja": "文書ID", "en": "Document"},
        "left": {"ja": "前文脈", "en": "Left"},
        "hit": {"ja": "該当箇所", "en": "Hit"},
        "right": {"ja": "後文脈", "en": "Right"},
        "marker": {"ja": "表現", "en": "Marker"},
        "rule": {"ja": "規則", "en": "Rule"},
        "unknown": {"ja": "（不明）", "en": "(unknown)"},
        "no_data": {"ja": "データがありません。", "en": "No data."},
        "no_kwic": {
            "ja": "このグループには該当する用例がありません。",
            "en": "No occurrences in this group.",
        },
        "shown_rows": {
            "ja": "上位 {shown} 行を表示しています（全 {total} 行は tables/{file} を参照）。",
            "en": "Showing the top {shown} rows (all {total} rows: tables/{file}).",
        },
        "shown_sentences": {
            "ja": "最初の {shown} 文を表示しています（全 {total} 文は tables/{file} を参照）。",
            "en": "Showing the first {shown} sentences (all {total}: tables/{file}).",
        },
        "shown_groups": {
            "ja": "図には形態素数の多い {shown} グループを表示しています"
            "（全 {total} グループは表を参照）。",
            "en": "The chart shows the {shown} largest groups by morphemes "
            "(all {total}: see the table).",
        },
        "rates_caption": {
            "ja": "点は1000形態素あたりの出現数、"
            "横線は文書を単位とするブートストラップ95%信頼区間。"
            "塗りつぶした点は他のグループとの差が有意（多重比較補正後）、白抜きは有意でない。"
            "破線はコーパス全体の率。色はシグナルの系統を表す。",
            "en": "Dots: hits per 1,000 morphemes; lines: 95% bootstrap intervals over documents. "
            "Filled dots differ significantly from the other groups (after multiple-comparison "
            "adjustment), hollow dots do not. Dashed line: the corpus-wide rate. Colours mark "
            "the signal family.",
        },
        "rates_table_note": {
            "ja": "各セルは1000形態素あたりの率と95%信頼区間。"
            "▲は他グループより有意に高い、▼は有意に低いことを示す。",
            "en": "Each cell: rate per 1,000 morphemes and 95% interval. ▲ significantly higher, "
            "▼ significantly lower than the other groups.",
        },
        "significance_note": {
            "ja": "補正後p値の小さい順（同順位は効果量 |log₂率比| の大きい順）。",
            "en": "Sorted by adjusted p (ties: by effect size |log₂ rate ratio|).",
        },
        "keyness_caption": {
            "ja": "各グループで他のグループより多く使われる語"
            "（情報事前分布つき対数オッズ比のz値、上位{n}語）。",
            "en": "Lemmas used more in each group than in the others (z of the log-odds ratio "
            "with an informative Dirichlet prior; top {n}).",
        },
        "axis_caption": {
            "ja": "スコア =（{a}の出現数 − {b}の出現数）÷（両者の合計 + 1）。"
            "右（正）ほど{a}寄り、左（負）ほど{b}寄り。"
            "グループの点は、{a}か{b}の語を含む文書のスコアの平均。"
            "横線はブートストラップ95%信頼区間、灰色の点はそれらの文書。",
            "en": "Score = (hits of {a} − hits of {b}) / (both + 1). Positive leans to {a}, "
            "negative to {b}. A group's dot averages its documents with a hit of either pole; "
            "lines: 95% bootstrap intervals; grey dots: those documents.",
        },
        "axis_xlabel": {"ja": "軸スコア（−1 〜 1）", "en": "Axis score (−1 to 1)"},
        "evidence_intro": {
            "ja": "補正後p値が最も小さい {n} 件の差について、そのグループの用例を示す。",
            "en": "Occurrences behind the {n} differences with the smallest adjusted p.",
        },
        "evidence_heading": {
            "ja": "{group}の{category}（率比 {ratio}、補正後p {p}）",
            "en": "{category} in {group} (rate ratio {ratio}, adjusted p {p})",
        },
        "higher": {"ja": "他グループより多い", "en": "higher than elsewhere"},
        "lower": {"ja": "他グループより少ない", "en": "lower than elsewhere"},
        "examples_intro": {
            "ja": "検出されたシグナルを色付きで示す（色はシグナルの系統）。",
            "en": "Detected signals are highlighted (colour: signal family).",
        },
        "methods_text": {
            "ja": "文書を形態素解析（fugashi + unidic-lite）し、"
            "レキシコンの規則で各シグナルを検出した。"
            "率は1000形態素あたりの出現数、"
            "信頼区間はグループ内の文書を再標本化するブートストラップ（シード固定）による。"
            "各グループと他のグループ全体を2×2表で比べ、期待度数が5未満のときはFisherの正確検定、"
            "それ以外はカイ二乗検定を用い、p値は表全体で多重比較補正した。"
            "特徴語は情報事前分布つき対数オッズ比（Monroe, Colaresi & Quinn 2008）による。",
            "en": "Documents were tokenized (fugashi + unidic-lite) and signals detected with the "
            "lexicon's rules. Rates are hits per 1,000 morphemes; intervals are percentile "
            "bootstraps resampling documents within each group (fixed seed). Each group is "
            "compared with all other groups in a 2×2 table (chi-square, or Fisher's exact test "
            "when an expected count is below 5); p-values are adjusted across the whole table. "
            "Key lemmas: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi "
            "& Quinn 2008).",
        },
        "stamp": {"ja": "再現のための記録", "en": "Reproducibility stamp"},
        "setting": {"ja": "項目", "en": "Setting"},
        "value": {"ja": "値", "en": "Value"},
        "framing_version": {"ja": "framing のバージョン", "en": "framing version"},
        "lexicon_version": {"ja": "レキシコンのバージョン", "en": "Lexicon version"},
        "lexicon_hash": {"ja": "レキシコンのハッシュ", "en": "Lexicon hash"},
        "fugashi_version": {"ja": "fugashi のバージョン", "en": "fugashi version"},
        "unidic_lite_version": {"ja": "unidic-lite のバージョン", "en": "unidic-lite version"},
        "corpus_fingerprint": {
            "ja": "コーパスの指紋（SHA-256）",
            "en": "Corpus fingerprint (SHA-256)",
        },
        "footer": {
            "ja": "framing により生成。同じ入力からは同一のファイルが生成される。",
            "en": "Generated by framing. The same inputs give identical files.",
        },
        "chart_rates": {
            "ja": "グループ別・カテゴリー別の出現率と信頼区間",
            "en": "Rates by group and category with intervals",
        },
        "chart_axis": {
            "ja": "グループの軸スコアと信頼区間",
            "en": "Axis score by group with intervals",
        },
        "chart_sections": {"ja": "節ごとの軸スコア", "en": "Axis score by section"},
        "chart_keyness": {"ja": "グループごとの特徴語", "en": "Key lemmas by group"},
        "by_outlet": {"ja": "媒体", "en": "outlet"},
        "by_medium": {"ja": "形式", "en": "medium"},
        "medium_article": {"ja": "記事", "en": "article"},
        "medium_tweet": {"ja": "ツイート", "en": "tweet"},
    }
)
"""Every user-visible string, in Japanese and English."""

METHOD_KEYS: tuple[str, ...] = (
    "framing_version",
    "lexicon_version",
    "lexicon_hash",
    "fugashi_version",
    "unidic_lite_version",
    "corpus_fingerprint",
)
"""Keys that ``methods`` must provide; other keys are shown after them, sorted."""


def _t(key: str, lang: Lang) -> str:
    return STRINGS[key][lang]


# --------------------------------------------------------------------------------------------
# Formatting and escaping.
# --------------------------------------------------------------------------------------------

_DASH = "—"


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and bool(np.isnan(value))


def _num(value: object) -> float:
    if _missing(value):
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def fmt_int(value: object) -> str:
    """``12,345``; a dash for missing values."""
    number = _num(value)
    return _DASH if not math.isfinite(number) else f"{round(number):,}"


def fmt_float(value: object, digits: int = 2, *, signed: bool = False) -> str:
    """A fixed number of decimals (a sign when ``signed``, none on zero); ``—`` when missing."""
    number = _num(value)
    if math.isnan(number):
        return _DASH
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if round(number, digits) == 0:
        return f"{0:.{digits}f}"  # neither "-0.00" nor "+0.00"
    return f"{number:+.{digits}f}" if signed else f"{number:.{digits}f}"


def fmt_ci(low: object, high: object) -> str:
    """``[10.10, 14.50]``; a dash when either bound is missing."""
    if math.isnan(_num(low)) or math.isnan(_num(high)):
        return _DASH
    return f"[{fmt_float(low)}, {fmt_float(high)}]"


def fmt_p(value: object) -> str:
    """``<0.001`` below 0.001, else three decimals; a dash for missing values."""
    number = _num(value)
    if math.isnan(number):
        return _DASH
    return "<0.001" if number < 0.001 else f"{number:.3f}"


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, list | tuple | np.ndarray):
        return "、".join(str(v) for v in value if not _missing(v))
    return str(value)


class MdSafe(str):
    """A string already escaped for Markdown (the Markdown template does not escape it)."""

    __slots__ = ()


_MD_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")


def _escape_block_marker(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." -> "1\." (a backslash before a digit is no escape)
        return indent + marker + "\\"
    return indent + "\\" + marker


def md_escape(value: object, *, line_start: bool = False) -> MdSafe:
    """Escape a value for Markdown so that it shows as literal text.

    Line breaks become spaces; ``&``, ``<`` and ``>`` become entities (so ``<script>`` is
    text, never HTML); the inline markup characters ``\\ ` * _ [ ] | ~ $`` are backslash
    escaped (``|`` keeps table cells intact, ``$`` prevents math). With ``line_start``, block
    markers at the start (``#``, ``-``, ``+``, ``=``, ``>``, ``1.``) are escaped too.
    """
    if isinstance(value, MdSafe):
        return value
    text = re.sub(r"[\r\n\t\v\f]+", " ", _text(value))
    text = _MD_INLINE.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if line_start:
        text = _MD_LINE_START.sub(_escape_block_marker, text)
    return MdSafe(text)


# --------------------------------------------------------------------------------------------
# Input validation.
# --------------------------------------------------------------------------------------------

_REQUIRED: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "documents": ("doc_id", "outlet", "medium", "published", "text"),
        "counts": ("doc_id", "category", "morphemes", "sentences"),
        "comparison": (
            "by",
            "group",
            "category",
            "documents",
            "morphemes",
            "hits",
            "per_1k_morphemes",
            "ci_low",
            "ci_high",
            "rest_per_1k_morphemes",
            "rate_ratio",
            "log2_rate_ratio",
            "test",
            "adjusted_residual",
            "p_value",
            "p_adjusted",
            "significant",
        ),
        "keyness": ("group", "lemma", "count", "count_rest", "log_odds", "z"),
        "axis": tuple(c for c in AXIS_COLUMNS if c not in ("documents", "section")),
        "section_axis": (
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
        ),
        "kwic": ("doc_id", "category", "rule", "left", "hit", "right", "start"),
        "examples": (
            "doc_id",
            "sentence",
            "start",
            "end",
            "category",
            "rule",
            "text",
            "sentence_text",
        ),
        "sentences": ("doc_id", "sentence", "start", "text"),
    }
)


def _validate(name: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``df`` (an empty frame for ``None``) after checking its columns."""
    if df is None:
        return pd.DataFrame(columns=list(_REQUIRED[name]))
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in _REQUIRED[name] if c not in df.columns]
    if missing and len(df) > 0:
        raise ValueError(
            f"the {name} table lacks column(s) {missing}; it has {[str(c) for c in df.columns]} "
            "(see docs/tables.md)"
        )
    if missing:
        return pd.DataFrame(columns=list(_REQUIRED[name]))
    return df.reset_index(drop=True)


def _rows(df: pd.DataFrame, mask: Sequence[bool]) -> pd.DataFrame:
    """The rows of ``df`` where ``mask`` is true (also for an empty frame)."""
    return df.loc[np.asarray(mask, dtype=bool)]


def axis_points(axis: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The grey dots of the axis chart: the documents a group's score averages.

    Those are the ``document`` rows of ``axis`` (:func:`framing.axis.axis_scores`) with a hit
    of either pole; a document with neither would be a dot at 0 that the score leaves out.
    Returns ``row`` (the group's label from ``labels``, by :func:`group_key` of its group) and
    ``score``.
    """
    documents = _rows(
        axis,
        [
            group_key(u) == "document" and _num(a) + _num(b) > 0
            for u, a, b in zip(axis["unit"], axis["hits_a"], axis["hits_b"], strict=True)
        ],
    )
    return pd.DataFrame(
        {
            "row": [labels.get(group_key(g), "") for g in documents["group"]],
            "score": [_num(v) for v in documents["score"]],
        }
    )


def group_key(value: object) -> str:
    """Group key: the value as text, ``""`` when missing."""
    return "" if _missing(value) else str(value)


def _group_sort(keys: Iterable[str]) -> list[str]:
    return sorted(set(keys), key=lambda k: (k == "", k))


# --------------------------------------------------------------------------------------------
# Reproducibility stamp.
# --------------------------------------------------------------------------------------------


#: The document fields a corpus fingerprint covers.
FINGERPRINT_FIELDS = ("doc_id", "outlet", "medium", "published", "text")


def document_fingerprint(values: Sequence[object]) -> bytes:
    """SHA-256 of one document's :data:`FINGERPRINT_FIELDS` values."""
    record = "\x1f".join(group_key(v) for v in values)
    return hashlib.sha256(record.encode("utf-8", "surrogatepass")).digest()


def combine_fingerprints(pairs: Iterable[tuple[str, bytes]]) -> str:
    """The corpus fingerprint from ``(doc_id, document_fingerprint)`` pairs, in any order."""
    digest = hashlib.sha256()
    for _, value in sorted(pairs):
        digest.update(value)
    return "sha256:" + digest.hexdigest()


def corpus_fingerprint(documents: pd.DataFrame) -> str:
    """Return a SHA-256 fingerprint of a corpus (independent of row order).

    The SHA-256 of the documents' own SHA-256 digests (of ``doc_id``, ``outlet``, ``medium``,
    ``published`` and ``text``), in ``doc_id`` order, so that it can be computed one document
    at a time (:class:`framing.digest.Digest`).

    Parameters
    ----------
    documents:
        The documents table (``framing.documents``).

    Returns
    -------
    str
        ``sha256:`` followed by 64 hexadecimal digits.
    """
    docs = _validate("documents", documents)
    return combine_fingerprints(
        (group_key(row[0]), document_fingerprint(row))
        for row in docs[list(FINGERPRINT_FIELDS)].itertuples(index=False)
    )


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def methods_stamp(
    documents: pd.DataFrame,
    *,
    lexicon_version: str,
    lexicon_hash: str,
    extra: Mapping[str, str] | None = None,
    fingerprint: str | None = None,
) -> dict[str, str]:
    """Build the ``methods`` mapping for :func:`render_report`.

    Parameters
    ----------
    documents:
        The documents table, fingerprinted with :func:`corpus_fingerprint` unless
        ``fingerprint`` is given (when the table holds no texts).
    lexicon_version, lexicon_hash:
        Identify the lexicon that produced the signals.
    extra:
        More settings to record (for example ``{"alpha": "0.05", "p_adjust": "holm"}``).

    Returns
    -------
    dict
        The :data:`METHOD_KEYS` (versions of framing, fugashi and unidic-lite read from the
        installed distributions, ``unknown`` when not installed) plus ``extra``.
    """
    stamp = {
        "framing_version": _version("framing"),
        "lexicon_version": lexicon_version,
        "lexicon_hash": lexicon_hash,
        "fugashi_version": _version("fugashi"),
        "unidic_lite_version": _version("unidic-lite"),
        "corpus_fingerprint": fingerprint or corpus_fingerprint(documents),
    }
    return {**stamp, **dict(extra or {})}


# --------------------------------------------------------------------------------------------
# Derived tables.
# --------------------------------------------------------------------------------------------


def _sizes(counts: pd.DataFrame | DocumentCounts | None) -> pd.DataFrame:
    """``doc_id``, ``morphemes`` and ``sentences`` of every document of the counts."""
    columns = ["doc_id", "morphemes", "sentences"]
    if isinstance(counts, DocumentCounts):
        return counts.documents[columns]
    return _validate("counts", counts).drop_duplicates("doc_id")[columns]


def _document_sizes(documents: pd.DataFrame, sizes: pd.DataFrame) -> pd.DataFrame:
    """Documents without their text, with ``characters``, ``morphemes`` and ``sentences``."""
    characters = (
        documents["characters"].tolist()
        if "characters" in documents.columns
        else [len(_text(t)) for t in documents["text"]]
    )
    docs = documents.drop(columns=["text", "characters"], errors="ignore").assign(
        characters=characters
    )
    merged = docs.merge(sizes, on="doc_id", how="left", sort=False)
    return merged.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _overview(docs: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per group: documents, media, date range and sizes."""
    positions: dict[str, list[int]] = {}
    for position, value in enumerate(docs[by]):
        positions.setdefault(group_key(value), []).append(position)
    rows = []
    for group in _group_sort(positions):
        part = docs.iloc[positions[group]]
        dates = sorted(_text(d) for d in part["published"] if not _missing(d))
        medium = [group_key(m) for m in part["medium"]]
        rows.append(
            {
                "by": by,
                "group": group if group else None,
                "documents": len(part),
                "articles": medium.count("article"),
                "tweets": medium.count("tweet"),
                "first_published": dates[0] if dates else None,
                "last_published": dates[-1] if dates else None,
                "characters": int(part["characters"].sum()),
                "morphemes": _sum_or_none(part["morphemes"]),
                "sentences": _sum_or_none(part["sentences"]),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "by",
            "group",
            "documents",
            "articles",
            "tweets",
            "first_published",
            "last_published",
            "characters",
            "morphemes",
            "sentences",
        ],
    )


def _sum_or_none(values: pd.Series) -> int | None:
    numbers = [v for v in values if not _missing(v)]
    return int(sum(int(v) for v in numbers)) if numbers else None


def _totals(docs: pd.DataFrame) -> dict[str, Any]:
    dates = sorted(_text(d) for d in docs["published"] if not _missing(d))
    medium = [group_key(m) for m in docs["medium"]]
    return {
        "documents": len(docs),
        "outlets": len({group_key(o) for o in docs["outlet"]} - {""}),
        "articles": medium.count("article"),
        "tweets": medium.count("tweet"),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "characters": int(docs["characters"].sum()) if len(docs) else 0,
        "morphemes": _sum_or_none(docs["morphemes"]),
        "sentences": _sum_or_none(docs["sentences"]),
    }


def strongest_differences(comparison: pd.DataFrame, *, n: int = 5) -> pd.DataFrame:
    """Return the ``n`` comparison rows with the strongest evidence of a difference.

    Rows are ranked by ascending ``p_adjusted``, then descending ``|log2_rate_ratio|``, then
    ``group`` and ``category`` (so ties are broken deterministically); rows whose
    ``p_adjusted`` is missing come last.

    Parameters
    ----------
    comparison:
        The ``framing.compare`` table.
    n:
        How many rows to return.

    Returns
    -------
    pandas.DataFrame
        The comparison columns plus ``rank`` (1-based), at most ``n`` rows.
    """
    table = _validate("comparison", comparison)
    if table.empty:
        return table.assign(rank=pd.Series(dtype="int64"))
    order = pd.DataFrame(
        {
            "p": [_num(v) if not math.isnan(_num(v)) else math.inf for v in table["p_adjusted"]],
            "effect": [
                -abs(_num(v)) if not math.isnan(_num(v)) else 0.0 for v in table["log2_rate_ratio"]
            ],
            "group": [group_key(v) for v in table["group"]],
            "category": [group_key(v) for v in table["category"]],
        }
    )
    index = order.sort_values(["p", "effect", "group", "category"], kind="stable").index[:n]
    top = table.loc[index].reset_index(drop=True)
    top.insert(0, "rank", range(1, len(top) + 1))
    return top


def _doc_groups(docs: pd.DataFrame, by: str) -> dict[str, str]:
    return {str(d): group_key(g) for d, g in zip(docs["doc_id"], docs[by], strict=True)}


def _evidence(
    top: pd.DataFrame, kwic: pd.DataFrame, doc_group: Mapping[str, str], *, per_difference: int
) -> pd.DataFrame:
    """KWIC lines of each strongest difference, spread over documents (round-robin)."""
    columns = ["rank", "group", *[str(c) for c in kwic.columns]]
    frames = []
    groups = [doc_group.get(str(d), "") for d in kwic["doc_id"]]
    categories = [group_key(c) for c in kwic["category"]]
    for rank, group, category in zip(top["rank"], top["group"], top["category"], strict=True):
        mask = [
            g == group_key(group) and c == group_key(category)
            for g, c in zip(groups, categories, strict=True)
        ]
        lines = _rows(kwic, mask).copy()
        lines["_doc"] = [str(d) for d in lines["doc_id"]]
        lines["_start"] = [_num(s) for s in lines["start"]]
        lines = lines.sort_values(["_doc", "_start"], kind="stable")
        lines["_turn"] = lines.groupby("_doc", sort=False).cumcount()
        lines = lines.sort_values(["_turn", "_doc", "_start"], kind="stable").head(per_difference)
        lines = lines.drop(columns=["_doc", "_start", "_turn"])
        lines.insert(0, "group", group_key(group) or None)
        lines.insert(0, "rank", int(rank))
        frames.append(lines)
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def highlight_offsets(
    examples: pd.DataFrame, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Locate each signal hit inside its ``sentence_text``.

    The hit's document offsets (``start``, ``end``) minus the sentence's ``start`` (from the
    ``sentences`` table, matched on ``doc_id`` and ``sentence``) give its place in the sentence,
    used when ``sentence_text`` really holds the marker there. Otherwise (no ``sentences``
    table, or a sentence text that was trimmed) the marker is searched in the sentence: the
    first occurrence not yet claimed by an earlier hit with the same text. A marker that cannot
    be found is not highlighted (it is still listed).

    Parameters
    ----------
    examples:
        Rows of the ``framing.signals`` table.
    sentences:
        The ``framing.sentences`` table, or ``None``.

    Returns
    -------
    pandas.DataFrame
        ``examples`` plus ``highlight_start`` and ``highlight_end`` (nullable ``Int64``
        character offsets into ``sentence_text``; NA when not found).
    """
    table = _validate("examples", examples)
    starts: dict[tuple[str, int], int] = {}
    if sentences is not None:
        sent = _validate("sentences", sentences)
        for doc, index, start in zip(sent["doc_id"], sent["sentence"], sent["start"], strict=True):
            if not _missing(index) and not _missing(start):
                starts[(str(doc), int(index))] = int(start)
    claimed: dict[tuple[str, int, str], int] = {}
    found_start: list[int | None] = []
    found_end: list[int | None] = []
    for row in table.itertuples(index=False):
        doc, marker, sentence_text = str(row.doc_id), _text(row.text), _text(row.sentence_text)
        index = -1 if _missing(row.sentence) else int(_num(row.sentence))
        local: int | None = None
        base = starts.get((doc, index))
        if base is not None and not _missing(row.start):
            candidate = int(_num(row.start)) - base
            if (
                marker
                and sentence_text[candidate : candidate + len(marker)] == marker
                and candidate >= 0
            ):
                local = candidate
        if local is None and marker:
            key = (doc, index, marker)
            position = sentence_text.find(marker, claimed.get(key, 0))
            if position < 0:
                position = sentence_text.find(marker)
            if position >= 0:
                local = position
                claimed[key] = position + len(marker)
        found_start.append(local)
        found_end.append(None if local is None else local + len(marker))
    return table.assign(
        highlight_start=pd.array(found_start, dtype="Int64"),
        highlight_end=pd.array(found_end, dtype="Int64"),
    )


# --------------------------------------------------------------------------------------------
# Presentation models handed to the templates.
# --------------------------------------------------------------------------------------------

CellKind = Literal["text", "num", "dim", "chip", "code"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its text and how to show it (``chip`` carries a family colour)."""

    text: str
    kind: CellKind = "text"
    family: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table ready to render: headers (with alignment) and rows of cells."""

    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a sentence; ``family``/``labels`` are set when it lies inside a signal."""

    text: str
    family: str = ""
    labels: str = ""


def _family_key(category: str) -> str:
    family = category_family(category)
    return family if family in FAMILIES else "other"


def _chip(category: str, lang: Lang) -> Cell:
    return Cell(category_label(category, lang), "chip", _family_key(category))


def _h(key: str, lang: Lang, kind: CellKind = "text") -> Cell:
    return Cell(_t(key, lang), kind)


def _group_label(group: str, by: str, lang: Lang) -> str:
    if not group:
        return _t("unknown", lang)
    if by == "medium" and f"medium_{group}" in STRINGS:
        return _t(f"medium_{group}", lang)
    return group


def _by_label(by: str, lang: Lang) -> str:
    return _t(f"by_{by}", lang) if f"by_{by}" in STRINGS else by


def _by_header(by: str, lang: Lang) -> str:
    label = _by_label(by, lang)
    return label[:1].upper() + label[1:] if lang == "en" else label


def _segments(sentence: str, spans: Sequence[tuple[int, int, str]], lang: Lang) -> list[Segment]:
    """Cut ``sentence`` at every span boundary; label each run with the spans covering it."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    cuts = sorted({0, len(sentence), *[p for s, e, _ in spans for p in (s, e)]})
    segments = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        covering = [c for s, e, c in spans if s <= a and e >= b]
        if covering:
            labels = "・".join(dict.fromkeys(category_label(c, lang) for c in covering))
            segments.append(Segment(sentence[a:b], _family_key(covering[0]), labels))
        else:
            segments.append(Segment(sentence[a:b]))
    return segments


# --------------------------------------------------------------------------------------------
# The report.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """A rendered report: the page, its Markdown twin, the JSON record, tables and charts.

    Attributes
    ----------
    html:
        ``index.html``: self-contained (inline CSS and SVG, no script, no network).
    markdown:
        ``report.md``; its images refer to ``charts/<name>.svg``.
    json:
        The ``report.json`` content but its tables: ``format``, ``title``, ``lang``, ``by``,
        ``methods``, ``categories`` (labels and colours), ``totals`` and
        ``strongest_differences``. :func:`write_report` adds ``tables`` (every table below as
        a list of records) as it writes the file, so a report of many documents is not held
        twice.
    tables:
        The CSV tables by file stem (``overview``, ``documents``, ``comparison``,
        ``keyness``, ``axis``, ``section_axis``, ``evidence``, ``examples``). Treat as
        read-only.
    charts:
        Standalone SVG charts by file stem (``rates``, ``keyness``, ``axis``, ``sections``;
        only those with data).
    """

    html: str
    markdown: str
    json: Mapping[str, Any]
    tables: Mapping[str, pd.DataFrame] = field(repr=False)
    charts: Mapping[str, str] = field(repr=False)


@cache
def _environment(kind: Literal["html", "md"]) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(Path(__file__).parent / "templates"))
    if kind == "html":
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    else:
        env = jinja2.Environment(
            loader=loader,
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=md_escape,
        )
        env.filters["mdline"] = lambda value: md_escape(value, line_start=True)
        env.filters["raw"] = MdSafe
    return env


def render_report(
    *,
    documents: pd.DataFrame,
    counts: pd.DataFrame | DocumentCounts,
    comparison: pd.DataFrame,
    keyness: pd.DataFrame,
    axis: pd.DataFrame,
    section_axis: pd.DataFrame | None,
    kwic: pd.DataFrame,
    examples: pd.DataFrame | None,
    methods: Mapping[str, str],
    by: str,
    lang: Lang = "ja",
    title: str | None = None,
    sentences: pd.DataFrame | None = None,
    differences: int = 5,
    kwic_lines: int = 6,
    key_lemmas: int = 10,
    max_chart_groups: int = 12,
    max_table_rows: int = 30,
    max_examples: int = 20,
) -> Report:
    """Render the comparison report.

    Parameters
    ----------
    documents, counts, comparison, keyness, axis, kwic:
        The tables of ``framing.documents``, ``framing.count_signals``, ``framing.compare``,
        ``framing.keyness``, ``framing.axis`` (``unit`` ``group`` rows are charted with their
        intervals, ``document`` rows with a pole hit as grey dots, see :func:`axis_points`) and
        ``framing.kwic`` (see ``docs/tables.md``). ``counts`` may also be in its
        per-document form (:class:`framing.counts.DocumentCounts`).
    section_axis:
        ``framing.axis`` rows per section (shown in row order), or ``None``.
    examples:
        ``framing.signals`` rows of the sentences to show with their signals highlighted
        (sentences in order of first appearance), or ``None``. How a hit is placed in its
        sentence: see :func:`highlight_offsets`.
    methods:
        The reproducibility stamp: must hold every key of :data:`METHOD_KEYS` (use
        :func:`methods_stamp`); further keys are shown too.
    by:
        The grouping variable: a column of ``documents`` and the ``by`` of ``comparison``.
    lang:
        ``"ja"`` (default) or ``"en"``.
    title:
        The report title; a default in ``lang`` when ``None``.
    sentences:
        The ``framing.sentences`` table, used to place hits in their sentences.
    differences:
        How many strongest differences get KWIC evidence (see :func:`strongest_differences`).
    kwic_lines:
        KWIC lines per difference, taken round-robin over documents.
    key_lemmas:
        Key lemmas per group in the keyness chart and table.
    max_chart_groups:
        Groups drawn in the rates chart (the largest by morphemes); tables show all.
    max_table_rows:
        Rows of the significance and section tables shown in the page (the CSVs have all).
    max_examples:
        Example sentences shown in the page (the first ones of ``examples``).

    Returns
    -------
    Report
        The rendered report; write it with :func:`write_report`.

    Raises
    ------
    ValueError
        For an unknown ``lang``, a table missing documented columns, a ``by`` that is not a
        column of ``documents`` or differs from ``comparison.by``, or ``methods`` lacking keys.
    """
    check_lang(lang)
    docs = _validate("documents", documents)
    if by not in docs.columns:
        raise ValueError(
            f"by={by!r} is not a column of the documents table; choose one of "
            f"{[str(c) for c in docs.columns if c != 'text']}"
        )
    comp = _validate("comparison", comparison)
    other_by = sorted({group_key(b) for b in comp["by"]} - {by})
    if other_by:
        raise ValueError(
            f"the comparison table is grouped by {other_by}, but the report is by {by!r}"
        )
    missing_keys = [k for k in METHOD_KEYS if k not in methods]
    if missing_keys:
        raise ValueError(
            f"methods lacks {missing_keys}; it must hold {list(METHOD_KEYS)} "
            "(build it with framing.report.methods_stamp)"
        )
    context = _Builder(
        docs=docs,
        sizes=_sizes(counts),
        comp=comp,
        keyness=_validate("keyness", keyness),
        axis=_validate("axis", axis),
        section_axis=_validate("section_axis", section_axis),
        kwic=_validate("kwic", kwic),
        examples=highlight_offsets(_validate("examples", examples), sentences),
        methods={str(k): str(v) for k, v in methods.items()},
        by=by,
        lang=lang,
        title=title if title is not None else _t("default_title", lang),
        differences=differences,
        kwic_lines=kwic_lines,
        key_lemmas=key_lemmas,
        max_chart_groups=max_chart_groups,
        max_table_rows=max_table_rows,
        max_examples=max_examples,
    )
    return context.build()


@dataclass
class _Builder:
    """Derives every table, chart and template context of one report."""

    docs: pd.DataFrame
    sizes: pd.DataFrame
    comp: pd.DataFrame
    keyness: pd.DataFrame
    axis: pd.DataFrame
    section_axis: pd.DataFrame
    kwic: pd.DataFrame
    examples: pd.DataFrame
    methods: dict[str, str]
    by: str
    lang: Lang
    title: str
    differences: int
    kwic_lines: int
    key_lemmas: int
    max_chart_groups: int
    max_table_rows: int
    max_examples: int

    # -- helpers -----------------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        text = _t(key, self.lang)
        return text.format(**values) if values else text

    def group(self, value: object) -> str:
        return _group_label(group_key(value), self.by, self.lang)

    def shown(self, shown: int, total: int, file: str, key: str = "shown_rows") -> str:
        """A note that only ``shown`` of ``total`` rows appear (empty when all do)."""
        if shown >= total:
            return ""
        return self.t(key, shown=shown, total=total, file=file)

    # -- tables ------------------------------------------------------------------------------

    def build(self) -> Report:
        lang = self.lang
        doc_table = _document_sizes(self.docs, self.sizes)
        overview = _overview(doc_table, self.by)
        totals = _totals(doc_table)
        comp = self.comp.assign(
            category_label=[category_label(group_key(c), lang) for c in self.comp["category"]]
        )
        comp = self._sorted_comparison(comp)
        top = strongest_differences(self.comp, n=self.differences)
        doc_group = _doc_groups(self.docs, self.by)
        evidence = _evidence(top, self.kwic, doc_group, per_difference=self.kwic_lines)
        evidence.insert(
            2, "category_label", [category_label(group_key(c), lang) for c in evidence["category"]]
        )
        examples = self.examples.assign(
            category_label=[category_label(group_key(c), lang) for c in self.examples["category"]]
        )
        keyness = self._sorted_keyness()
        tables: dict[str, pd.DataFrame] = {
            "overview": overview,
            "documents": doc_table,
            "comparison": comp,
            "keyness": keyness,
            "axis": self.axis,
            "section_axis": self.section_axis,
            "evidence": evidence,
            "examples": examples,
        }
        chart_svgs = self._charts(comp, keyness)
        sections = self._sections(
            overview, totals, comp, keyness, top, evidence, examples, chart_svgs
        )
        record = self._record(totals, top)
        page = {
            "lang": lang,
            "title": self.title,
            "subtitle": self.t(
                "subtitle", by=_by_label(self.by, lang), documents=fmt_int(totals["documents"])
            ),
            "t": {key: value[lang] for key, value in STRINGS.items()},
            "families": [
                {
                    "key": key,
                    "label": getattr(fam, lang),
                    "colour": fam.colour,
                    "tint": _tint(fam.colour),
                }
                for key, fam in [*FAMILIES.items(), ("other", OTHER_FAMILY)]
            ],
            "cards": self._cards(totals),
            "sections": sections,
        }
        html_page = (
            _environment("html")
            .get_template("report.html.j2")
            .render(**page, svg={name: Markup(svg) for name, svg in chart_svgs.items()})
        )
        markdown = _environment("md").get_template("report.md.j2").render(**page)
        markdown = re.sub(r"\n{3,}", "\n\n", markdown)
        return Report(
            html=html_page,
            markdown=markdown,
            json=MappingProxyType(record),
            tables=MappingProxyType({k: v.copy() for k, v in tables.items()}),
            charts=MappingProxyType(dict(chart_svgs)),
        )

    def _sorted_comparison(self, comp: pd.DataFrame) -> pd.DataFrame:
        order = {c: i for i, c in enumerate(category_order(group_key(c) for c in comp["category"]))}
        groups = {g: i for i, g in enumerate(_group_sort(group_key(g) for g in comp["group"]))}
        keys = pd.DataFrame(
            {
                "g": [groups[group_key(g)] for g in comp["group"]],
                "c": [order[group_key(c)] for c in comp["category"]],
            }
        )
        return comp.loc[keys.sort_values(["g", "c"], kind="stable").index].reset_index(drop=True)

    def _sorted_keyness(self) -> pd.DataFrame:
        kw = self.keyness
        if kw.empty:
            return kw
        groups = {g: i for i, g in enumerate(_group_sort(group_key(g) for g in kw["group"]))}
        keys = pd.DataFrame(
            {
                "g": [groups[group_key(g)] for g in kw["group"]],
                "z": [-_num(z) if not math.isnan(_num(z)) else math.inf for z in kw["z"]],
                "l": [group_key(v) for v in kw["lemma"]],
            }
        )
        return kw.loc[keys.sort_values(["g", "z", "l"], kind="stable").index].reset_index(drop=True)

    def _record(self, totals: Mapping[str, Any], top: pd.DataFrame) -> dict[str, Any]:
        present = (group_key(c) for c in self.comp["category"])
        categories = category_order({*CATEGORY_LABELS, *present})
        return {
            "format": "framing-report/1",
            "title": self.title,
            "lang": self.lang,
            "by": self.by,
            "methods": dict(self.methods),
            "categories": {
                c: {
                    "ja": category_label(c, "ja"),
                    "en": category_label(c, "en"),
                    "family": category_family(c),
                    "colour": category_colour(c),
                }
                for c in categories
            },
            "totals": {k: v for k, v in totals.items()},
            "strongest_differences": to_json_records(
                top[
                    [
                        "rank",
                        "group",
                        "category",
                        "per_1k_morphemes",
                        "rest_per_1k_morphemes",
                        "rate_ratio",
                        "log2_rate_ratio",
                        "p_adjusted",
                        "significant",
                    ]
                ]
            ),
        }

    def _cards(self, totals: Mapping[str, Any]) -> list[dict[str, str]]:
        dates = _date_range(totals["first_published"], totals["last_published"])
        return [
            {
                "label": self.t("documents"),
                "value": fmt_int(totals["documents"]),
                "detail": f"{self.t('articles')} {fmt_int(totals['articles'])} · "
                f"{self.t('tweets')} {fmt_int(totals['tweets'])}",
            },
            {"label": self.t("outlets"), "value": fmt_int(totals["outlets"]), "detail": ""},
            {"label": self.t("dates"), "value": dates, "detail": ""},
            {"label": self.t("characters"), "value": fmt_int(totals["characters"]), "detail": ""},
            {"label": self.t("morphemes"), "value": fmt_int(totals["morphemes"]), "detail": ""},
            {"label": self.t("sentences"), "value": fmt_int(totals["sentences"]), "detail": ""},
        ]

    # -- charts ------------------------------------------------------------------------------

    def _chart_groups(self, comp: pd.DataFrame) -> list[str]:
        sizes: dict[str, float] = {}
        for g, m in zip(comp["group"], comp["morphemes"], strict=True):
            sizes[group_key(g)] = max(
                sizes.get(group_key(g), 0.0), _num(m) if not math.isnan(_num(m)) else 0.0
            )
        largest = sorted(sizes, key=lambda g: (-sizes[g], g == "", g))[: self.max_chart_groups]
        return _group_sort(largest)

    def _charts(self, comp: pd.DataFrame, keyness: pd.DataFrame) -> dict[str, str]:
        out: dict[str, str] = {}
        lang = self.lang
        if not comp.empty:
            groups = self._chart_groups(comp)
            totals: dict[str, tuple[float, float]] = {}
            for c, h, m in zip(comp["category"], comp["hits"], comp["morphemes"], strict=True):
                hits, morphemes = totals.get(group_key(c), (0.0, 0.0))
                totals[group_key(c)] = (hits + _zero(h), morphemes + _zero(m))
            rows = []
            by_key = {
                (group_key(g), group_key(c)): r
                for r, g, c in zip(
                    comp.itertuples(index=False), comp["group"], comp["category"], strict=True
                )
            }
            for category in category_order(group_key(c) for c in comp["category"]):
                hits, morphemes = totals[category]
                for group in groups:
                    r = by_key.get((group, category))
                    if r is None:
                        continue
                    rows.append(
                        {
                            "panel": category_label(category, lang),
                            "colour": category_colour(category),
                            "row": self.group(group),
                            "value": _num(r.per_1k_morphemes),
                            "low": _num(r.ci_low),
                            "high": _num(r.ci_high),
                            "emphasis": bool(r.significant)
                            if not _missing(r.significant)
                            else False,
                            "reference": hits / morphemes * 1000 if morphemes else math.nan,
                        }
                    )
            out["rates"] = charts.dot_panels_svg(
                pd.DataFrame(rows),
                xlabel=self.t("rate"),
                chart_id="chart-rates",
                description=self.t("chart_rates"),
            )
        if not keyness.empty:
            top = keyness.groupby("group", sort=False, dropna=False).head(self.key_lemmas)
            groups = (
                self._chart_groups(self.comp)[: self.max_chart_groups]
                if not self.comp.empty
                else _group_sort(group_key(g) for g in top["group"])
            )
            top = _rows(top, [group_key(g) in set(groups) for g in top["group"]])
            if not top.empty:
                out["keyness"] = charts.bars_svg(
                    pd.DataFrame(
                        {
                            "panel": [self.group(g) for g in top["group"]],
                            "label": [_text(v) for v in top["lemma"]],
                            "value": [_num(v) for v in top["z"]],
                        }
                    ),
                    xlabel=self.t("z"),
                    chart_id="chart-keyness",
                    description=self.t("chart_keyness"),
                )
        group_rows = self._axis_groups()
        if not group_rows.empty:
            pole_a, pole_b = self._poles(group_rows)
            labels = {group_key(i): self.group(i) for i in group_rows["id"]}
            points = axis_points(self.axis, labels)
            out["axis"] = charts.axis_svg(
                pd.DataFrame(
                    {
                        "row": [labels[group_key(i)] for i in group_rows["id"]],
                        "score": [_num(s) for s in group_rows["score"]],
                        "low": [_num(s) for s in group_rows["ci_low"]],
                        "high": [_num(s) for s in group_rows["ci_high"]],
                    }
                ),
                left_label=category_label(pole_b, lang),
                right_label=category_label(pole_a, lang),
                xlabel=self.t("axis_xlabel"),
                chart_id="chart-axis",
                description=self.t("chart_axis"),
                points=points,
            )
        if not self.section_axis.empty:
            sections = self.section_axis.head(self.max_table_rows)
            pole_a, pole_b = self._poles(sections)
            out["sections"] = charts.axis_svg(
                pd.DataFrame(
                    {
                        "row": self._section_labels(sections),
                        "score": [_num(s) for s in sections["score"]],
                        "low": [_num(s) for s in sections["ci_low"]],
                        "high": [_num(s) for s in sections["ci_high"]],
                    }
                ),
                left_label=category_label(pole_b, lang),
                right_label=category_label(pole_a, lang),
                xlabel=self.t("axis_xlabel"),
                chart_id="chart-sections",
                description=self.t("chart_sections"),
            )
        return out

    def _axis_groups(self) -> pd.DataFrame:
        rows = _rows(self.axis, [group_key(u) == "group" for u in self.axis["unit"]])
        order = _group_sort(group_key(i) for i in rows["id"])
        position = {g: i for i, g in enumerate(order)}
        keys = pd.Series([position[group_key(i)] for i in rows["id"]], index=rows.index)
        return rows.loc[keys.sort_values(kind="stable").index]

    @staticmethod
    def _poles(rows: pd.DataFrame) -> tuple[str, str]:
        return group_key(rows["pole_a"].iloc[0]), group_key(rows["pole_b"].iloc[0])

    # -- sections ----------------------------------------------------------------------------

    def _sections(
        self,
        overview: pd.DataFrame,
        totals: Mapping[str, Any],
        comp: pd.DataFrame,
        keyness: pd.DataFrame,
        top: pd.DataFrame,
        evidence: pd.DataFrame,
        examples: pd.DataFrame,
        chart_svgs: Mapping[str, str],
    ) -> list[dict[str, Any]]:
        return [
            self._section("overview", cards=True, tables=[self._overview_table(overview, totals)]),
            self._rates_section(comp, chart_svgs),
            self._significance_section(comp),
            self._keyness_section(keyness, chart_svgs),
            self._axis_section(chart_svgs),
            self._evidence_section(top, evidence),
            self._examples_section(examples),
            self._methods_section(),
        ]

    def _section(self, key: str, **content: Any) -> dict[str, Any]:
        base: dict[str, Any] = {
            "id": key,
            "title": self.t(key),
            "cards": False,
            "intro": "",
            "charts": [],
            "tables": [],
            "blocks": [],
            "examples": [],
            "paragraphs": [],
            "empty": "",
        }
        base.update(content)
        return base

    def _figure(
        self, name: str, *, caption: str = "", note: str = "", legend: bool = False
    ) -> dict[str, Any]:
        """A chart reference for the templates (``alt`` is the chart's short description)."""
        return {
            "name": name,
            "alt": self.t(f"chart_{name}"),
            "caption": caption,
            "note": note,
            "legend": legend,
        }

    def _overview_table(self, overview: pd.DataFrame, totals: Mapping[str, Any]) -> Table:
        headers = (
            Cell(_by_header(self.by, self.lang)),
            _h("documents", self.lang, "num"),
            _h("articles", self.lang, "num"),
            _h("tweets", self.lang, "num"),
            _h("dates", self.lang),
            _h("characters", self.lang, "num"),
            _h("morphemes", self.lang, "num"),
            _h("sentences", self.lang, "num"),
        )

        def row(label: str, r: Mapping[Any, Any]) -> tuple[Cell, ...]:
            dates = _date_range(r["first_published"], r["last_published"])
            return (
                Cell(label),
                Cell(fmt_int(r["documents"]), "num"),
                Cell(fmt_int(r["articles"]), "num"),
                Cell(fmt_int(r["tweets"]), "num"),
                Cell(dates),
                Cell(fmt_int(r["characters"]), "num"),
                Cell(fmt_int(r["morphemes"]), "num"),
                Cell(fmt_int(r["sentences"]), "num"),
            )

        rows = [row(self.group(r["group"]), r) for r in overview.to_dict("records")]
        rows.append(row(self.t("total"), totals))
        return Table(headers, tuple(rows), css="overview")

    def _rates_section(self, comp: pd.DataFrame, chart_svgs: Mapping[str, str]) -> dict[str, Any]:
        if comp.empty:
            return self._section("rates", empty=self.t("no_data"))
        groups = _group_sort(group_key(g) for g in comp["group"])
        cells = {
            (group_key(r["group"]), group_key(r["category"])): r for r in comp.to_dict("records")
        }
        rows = []
        for category in category_order(group_key(c) for c in comp["category"]):
            row = [_chip(category, self.lang)]
            for group in groups:
                r = cells.get((group, category))
                if r is None:
                    row.append(Cell(_DASH, "num"))
                    continue
                mark = ""
                if not _missing(r["significant"]) and bool(r["significant"]):
                    mark = " ▲" if _num(r["log2_rate_ratio"]) > 0 else " ▼"
                zero = not mark and _zero(r["per_1k_morphemes"]) == 0
                row.append(
                    Cell(
                        f"{fmt_float(r['per_1k_morphemes'])} "
                        f"{fmt_ci(r['ci_low'], r['ci_high'])}{mark}",
                        "dim" if zero else "num",
                    )
                )
            rows.append(tuple(row))
        headers = (_h("category", self.lang), *[Cell(self.group(g), "num") for g in groups])
        charted = len(self._chart_groups(comp))
        note = (
            self.t("shown_groups", shown=charted, total=len(groups))
            if charted < len(groups)
            else ""
        )
        return self._section(
            "rates",
            charts=[self._figure("rates", caption=self.t("rates_caption"), note=note, legend=True)]
            if "rates" in chart_svgs
            else [],
            tables=[Table(headers, tuple(rows), note=self.t("rates_table_note"), css="matrix")],
        )

    def _significance_section(self, comp: pd.DataFrame) -> dict[str, Any]:
        if comp.empty:
            return self._section("significance", empty=self.t("no_data"))
        ranked = strongest_differences(comp, n=len(comp))
        shown = ranked.head(self.max_table_rows)
        lang = self.lang
        headers = (
            _h("rank", lang, "num"),
            Cell(_by_header(self.by, lang)),
            _h("category", lang),
            _h("hits", lang, "num"),
            _h("rate", lang, "num"),
            _h("rest_rate", lang, "num"),
            _h("rate_ratio", lang, "num"),
            _h("log2_rate_ratio", lang, "num"),
            _h("test", lang),
            _h("adjusted_residual", lang, "num"),
            _h("p_value", lang, "num"),
            _h("p_adjusted", lang, "num"),
            _h("significant", lang),
        )
        rows = tuple(
            (
                Cell(str(r["rank"]), "num"),
                Cell(self.group(r["group"])),
                _chip(group_key(r["category"]), lang),
                Cell(fmt_int(r["hits"]), "num"),
                Cell(fmt_float(r["per_1k_morphemes"]), "num"),
                Cell(fmt_float(r["rest_per_1k_morphemes"]), "num"),
                Cell(fmt_float(r["rate_ratio"]), "num"),
                Cell(fmt_float(r["log2_rate_ratio"], signed=True), "num"),
                Cell(_text(r["test"])),
                Cell(fmt_float(r["adjusted_residual"], signed=True), "num"),
                Cell(fmt_p(r["p_value"]), "num"),
                Cell(fmt_p(r["p_adjusted"]), "num"),
                Cell(
                    self.t("yes")
                    if not _missing(r["significant"]) and bool(r["significant"])
                    else self.t("no")
                ),
            )
            for r in shown.to_dict("records")
        )
        note = " ".join(
            filter(
                None,
                [
                    self.t("significance_note"),
                    self.shown(len(shown), len(ranked), "comparison.csv"),
                ],
            )
        )
        return self._section("significance", tables=[Table(headers, rows, note=note)])

    def _keyness_section(
        self, keyness: pd.DataFrame, chart_svgs: Mapping[str, str]
    ) -> dict[str, Any]:
        if keyness.empty:
            return self._section("keyness", empty=self.t("no_data"))
        lang = self.lang
        top = keyness.groupby("group", sort=False, dropna=False).head(self.key_lemmas)
        headers = (
            Cell(_by_header(self.by, lang)),
            _h("lemma", lang),
            _h("count", lang, "num"),
            _h("count_rest", lang, "num"),
            _h("log_odds", lang, "num"),
            _h("z", lang, "num"),
        )
        rows = tuple(
            (
                Cell(self.group(r["group"])),
                Cell(_text(r["lemma"])),
                Cell(fmt_int(r["count"]), "num"),
                Cell(fmt_int(r["count_rest"]), "num"),
                Cell(fmt_float(r["log_odds"], signed=True), "num"),
                Cell(fmt_float(r["z"], signed=True), "num"),
            )
            for r in top.to_dict("records")
        )
        return self._section(
            "keyness",
            charts=[self._figure("keyness", caption=self.t("keyness_caption", n=self.key_lemmas))]
            if "keyness" in chart_svgs
            else [],
            tables=[Table(headers, rows, css="keyness")],
        )

    def _section_labels(self, rows: pd.DataFrame) -> list[str]:
        """Section titles, prefixed with their document when sections of several are shown."""
        several = len({group_key(g) for g in self.section_axis["group"]}) > 1
        return [
            f"{_text(g)} · {_text(i)}" if several else _text(i)
            for g, i in zip(rows["group"], rows["id"], strict=True)
        ]

    def _axis_table(
        self, rows: pd.DataFrame, *, unit: Literal["group", "section"], note: str = ""
    ) -> Table:
        lang = self.lang
        if unit == "group":
            labels = [self.group(i) for i in rows["id"]]
        else:
            labels = self._section_labels(rows)
        pole_a, pole_b = self._poles(rows)
        first = Cell(_by_header(self.by, lang)) if unit == "group" else _h("section", lang)
        headers = (
            first,
            Cell(category_label(pole_a, lang), "num"),
            Cell(category_label(pole_b, lang), "num"),
            _h("score", lang, "num"),
            _h("ci", lang, "num"),
            _h("top_terms", lang),
        )
        body = tuple(
            (
                Cell(label),
                Cell(fmt_int(r["hits_a"]), "num"),
                Cell(fmt_int(r["hits_b"]), "num"),
                Cell(fmt_float(r["score"], signed=True), "num"),
                Cell(fmt_ci(r["ci_low"], r["ci_high"]), "num"),
                Cell(_text(r["top_terms"])),
            )
            for label, r in zip(labels, rows.to_dict("records"), strict=True)
        )
        return Table(headers, body, note=note)

    def _axis_section(self, chart_svgs: Mapping[str, str]) -> dict[str, Any]:
        group_rows = self._axis_groups()
        if group_rows.empty and self.section_axis.empty:
            return self._section("axis", empty=self.t("no_data"))
        source = group_rows if not group_rows.empty else self.section_axis
        pole_a, pole_b = self._poles(source)
        caption = self.t(
            "axis_caption", a=category_label(pole_a, self.lang), b=category_label(pole_b, self.lang)
        )
        charts_: list[dict[str, Any]] = []
        tables: list[Table] = []
        if "axis" in chart_svgs:
            charts_.append(self._figure("axis", caption=caption))
            tables.append(self._axis_table(group_rows, unit="group"))
        blocks = []
        if not self.section_axis.empty:
            blocks.append(
                _block(
                    self.t("sections"),
                    figures=[self._figure("sections")],
                    tables=[
                        self._axis_table(
                            self.section_axis.head(self.max_table_rows),
                            unit="section",
                            note=self.shown(
                                self.max_table_rows, len(self.section_axis), "section_axis.csv"
                            ),
                        )
                    ],
                )
            )
        return self._section(
            "axis", intro="" if charts_ else caption, charts=charts_, tables=tables, blocks=blocks
        )

    def _kwic_table(self, lines: pd.DataFrame, category: str) -> Table:
        lang = self.lang
        headers = (_h("left", lang, "num"), _h("hit", lang), _h("right", lang), _h("doc_id", lang))
        family = _family_key(category)
        rows = tuple(
            (
                Cell(_clip_left(_text(r["left"])), "num"),
                Cell(_text(r["hit"]), "chip", family),
                Cell(_clip_right(_text(r["right"]))),
                Cell(_text(r["doc_id"]), "code"),
            )
            for r in lines.to_dict("records")
        )
        return Table(headers, rows, css="kwic")

    def _evidence_section(self, top: pd.DataFrame, evidence: pd.DataFrame) -> dict[str, Any]:
        if top.empty:
            return self._section("evidence", empty=self.t("no_data"))
        blocks = []
        for r in top.to_dict("records"):
            category = group_key(r["category"])
            direction = self.t("higher") if _num(r["log2_rate_ratio"]) > 0 else self.t("lower")
            heading = self.t(
                "evidence_heading",
                group=self.group(r["group"]),
                category=category_label(category, self.lang),
                ratio=fmt_float(r["rate_ratio"]),
                p=fmt_p(r["p_adjusted"]),
            )
            lines = evidence[evidence["rank"] == r["rank"]]
            blocks.append(
                _block(
                    f"{r['rank']}. {heading}",
                    subtitle=f"{self.t('rate')}: {fmt_float(r['per_1k_morphemes'])} vs "
                    f"{fmt_float(r['rest_per_1k_morphemes'])} ({direction})",
                    family=_family_key(category),
                    tables=[self._kwic_table(lines, category)] if not lines.empty else [],
                    empty="" if not lines.empty else self.t("no_kwic"),
                )
            )
        return self._section("evidence", intro=self.t("evidence_intro", n=len(top)), blocks=blocks)

    def _examples_section(self, examples: pd.DataFrame) -> dict[str, Any]:
        if examples.empty:
            return self._section("examples", empty=self.t("no_data"))
        items = []
        positions: dict[tuple[str, int], list[int]] = {}
        for position, (d, s) in enumerate(
            zip(examples["doc_id"], examples["sentence"], strict=True)
        ):
            positions.setdefault((str(d), -1 if _missing(s) else int(_num(s))), []).append(position)
        for key, rows in list(positions.items())[: self.max_examples]:
            part = examples.iloc[rows]
            first = part.iloc[0]
            sentence = _text(first["sentence_text"])
            spans = [
                (int(s), int(e), group_key(c))
                for s, e, c in zip(
                    part["highlight_start"], part["highlight_end"], part["category"], strict=True
                )
                if not _missing(s) and not _missing(e)
            ]
            signals = [
                {
                    "label": category_label(group_key(c), self.lang),
                    "family": _family_key(group_key(c)),
                    "marker": _text(m),
                    "rule": _text(rule),
                }
                for c, m, rule in zip(part["category"], part["text"], part["rule"], strict=True)
            ]
            meta = [key[0]]
            if "outlet" in part.columns and not _missing(first["outlet"]):
                meta.append(_text(first["outlet"]))
            items.append(
                {
                    "meta": " · ".join(meta),
                    "segments": _segments(sentence, spans, self.lang),
                    "signals": signals,
                }
            )
        intro = " ".join(
            filter(
                None,
                [
                    self.t("examples_intro"),
                    self.shown(
                        self.max_examples, len(positions), "examples.csv", "shown_sentences"
                    ),
                ],
            )
        )
        return self._section("examples", intro=intro, examples=items)

    def _methods_section(self) -> dict[str, Any]:
        lang = self.lang
        keys = [*METHOD_KEYS, *sorted(k for k in self.methods if k not in METHOD_KEYS)]
        rows = tuple(
            (Cell(self.t(k) if k in STRINGS else k), Cell(self.methods[k], "code")) for k in keys
        )
        table = Table((_h("setting", lang), _h("value", lang)), rows, css="stamp")
        return self._section(
            "methods",
            paragraphs=[self.t("methods_text")],
            blocks=[_block(self.t("stamp"), tables=[table])],
        )


def _block(
    title: str,
    *,
    subtitle: str = "",
    family: str = "",
    figures: Sequence[Mapping[str, Any]] = (),
    tables: Sequence[Table] = (),
    empty: str = "",
) -> dict[str, Any]:
    """A titled sub-section of a section (same keys for every block)."""
    return {
        "title": title,
        "subtitle": subtitle,
        "family": family,
        "charts": list(figures),
        "tables": list(tables),
        "empty": empty,
    }


def _date_range(first: object, last: object) -> str:
    """``2026-01-03 – 2026-01-08`` (dates only), one date when both agree, ``—`` when unknown."""
    if _missing(first) or _missing(last):
        return _DASH
    a, b = _text(first)[:10], _text(last)[:10]
    return a if a == b else f"{a} – {b}"


def _zero(value: object) -> float:
    number = _num(value)
    return 0.0 if math.isnan(number) else number


_KWIC_CONTEXT = 24


def _clip_left(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _KWIC_CONTEXT else "…" + text[-(_KWIC_CONTEXT - 1) :]


def _clip_right(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _KWIC_CONTEXT else text[: _KWIC_CONTEXT - 1] + "…"


def _tint(colour: str, amount: float = 0.78) -> str:
    """Mix ``colour`` with white (``amount`` of white), for highlight backgrounds."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def write_report(report: Report, out_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write a rendered report to ``out_dir`` (created if needed), safely and atomically.

    Writes ``index.html``, ``report.md``, ``report.json``, ``tables/<name>.csv`` for every
    table (see :mod:`framing.export` for the CSV and JSON formats) and ``charts/<name>.svg``,
    and lists them in ``.framing-manifest.json`` (:mod:`framing.output`): every file is written
    to a temporary folder first and then moved into place, so a failure leaves the previous
    report complete; only files inside ``out_dir`` are written; writing the report again over
    its own earlier output replaces it (and deletes the charts or tables it no longer has), but
    a file that framing did not write, or that was edited since, is not overwritten unless
    ``force``. Other files in ``out_dir`` are left alone.

    Parameters
    ----------
    report:
        The output of :func:`render_report`.
    out_dir:
        The report directory.
    force:
        Overwrite files in the way that framing did not write (``framing report --force``).

    Returns
    -------
    list of Path
        The files written, in the order written, the manifest last.

    Raises
    ------
    FramingError
        When a file in the way was not written by framing (and ``force`` is false), or the
        folder cannot be written; the previous files are then unchanged.
    """
    # report.json and the tables are streamed to their files: a report of many documents
    # is not also held as text.
    files: dict[str, Content] = {
        "index.html": report.html.encode("utf-8"),
        "report.md": report.markdown.encode("utf-8"),
        "report.json": partial(write_json_to, {**report.json, "tables": report.tables}),
    }
    for name, table in report.tables.items():
        files[f"tables/{name}.csv"] = partial(write_csv_to, table)
    for name, svg in report.charts.items():
        files[f"charts/{name}.svg"] = svg.encode("utf-8")
    written = write_files(out_dir, files, force=force)
    return [*written, Path(out_dir) / MANIFEST]
