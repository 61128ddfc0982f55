"""Documents shown with their signal hits highlighted, in Jupyter or any HTML page.

:func:`highlight_html` turns a document's text and its rows of the ``framing.signals`` table
into one self-contained block of HTML: inline styles only (no ``<style>``, no script), a
legend of the categories present, each hit tinted with its family's colour
(:func:`framing.labels.category_colour`) and underlined in a style of its own within the
family, and every piece of text escaped. :func:`view` wraps a document of a corpus in a
:class:`DocumentView`, which Jupyter displays that way::

    corpus = framing.load("seeds/")
    framing.display.view(corpus, "000_fcc0ace334e89954")
"""

from __future__ import annotations

import html
import itertools
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from framing.labels import category_colour, category_family, category_label
from framing.lexicon import CATEGORIES
from framing.lexicon import FAMILIES as LEXICON_FAMILIES
from framing.pipeline import Inputs, load

__all__ = ["UNDERLINES", "DocumentView", "highlight_html", "view"]

Lang = Literal["ja", "en"]
_LANGS: tuple[Lang, ...] = ("ja", "en")

#: Underline styles that tell apart the categories of one family (which share a colour), in
#: the family's codebook order: ``hedge.reportative`` solid, ``hedge.inferential`` double …
UNDERLINES: tuple[str, ...] = ("solid", "double", "dotted", "dashed", "wavy")

_REQUIRED = ("start", "end", "category")
_TINT = 0.22
_TINT_OVERLAP = 0.42
_STRINGS: Mapping[str, Mapping[Lang, str]] = {
    "legend": {"ja": "凡例", "en": "Legend"},
    "hits": {"ja": "{n} 件", "en": "{n} hits"},
    "no_hits": {"ja": "ヒットなし", "en": "no hits"},
    "overlap": {
        "ja": "濃い背景 = 複数のカテゴリーが重なる箇所（マウスを重ねると一覧）",
        "en": "darker background = several categories overlap (hover to list them)",
    },
    "total": {"ja": "合計 {n} 件", "en": "{n} hits in total"},
}


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    category: str
    rule: str


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        raise ValueError(f"lang {lang!r} is not supported; use one of {list(_LANGS)}")


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _order_key(category: str) -> tuple[int, int, str]:
    """Codebook order first, then other categories by family (codebook families first), then id."""
    if category in CATEGORIES:
        return (0, CATEGORIES.index(category), "")
    families = list(LEXICON_FAMILIES)
    family = category_family(category)
    return (1, families.index(family) if family in families else len(families), category)


def _underline(category: str) -> str:
    """The underline style of a category: its place in its family (a stable hash for others)."""
    members = LEXICON_FAMILIES.get(category_family(category), ())
    if category in members:
        return UNDERLINES[members.index(category) % len(UNDERLINES)]
    return UNDERLINES[zlib.crc32(category.encode("utf-8")) % len(UNDERLINES)]


def _decoration(category: str) -> str:
    """Inline CSS underlining a hit in its family's colour and its category's style."""
    return (
        f"text-decoration:underline {_underline(category)} {category_colour(category)} 2px;"
        "text-underline-offset:3px"
    )


def _label(category: str, lang: Lang, labels: Mapping[str, str] | None) -> str:
    label = category_label(category, lang)
    if label == category and labels is not None and labels.get(category):
        return labels[category]
    return label


def _integer(value: Any, name: str, row: int) -> int:
    if value is None or pd.isna(value):
        raise ValueError(f"hit row {row}: {name} is missing; every hit needs start and end offsets")
    number = float(value)
    if not number.is_integer():
        raise ValueError(f"hit row {row}: {name} {value!r} is not a whole character offset")
    return int(number)


def _spans(text: str, hits: pd.DataFrame) -> list[_Span]:
    """Validate the hit rows against the text and return them as spans."""
    missing = [c for c in _REQUIRED if c not in hits.columns]
    if missing:
        raise ValueError(
            f"hits lack the column(s) {', '.join(missing)}; pass rows of the framing.signals table "
            f"(needs {', '.join(_REQUIRED)}; uses rule and text when present)"
        )
    n = len(hits)
    rules = hits["rule"].tolist() if "rule" in hits.columns else [None] * n
    markers = hits["text"].tolist() if "text" in hits.columns else [None] * n
    spans: list[_Span] = []
    starts, ends, categories = (hits[c].tolist() for c in _REQUIRED)
    rows = zip(starts, ends, categories, rules, markers, strict=True)
    for row, (raw_start, raw_end, category, rule, marker) in enumerate(rows):
        start = _integer(raw_start, "start", row)
        end = _integer(raw_end, "end", row)
        if not 0 <= start <= end <= len(text):
            raise ValueError(
                f"hit row {row}: offsets [{start}, {end}) do not lie within the document "
                f"(0 to {len(text)} characters) or end before they start"
            )
        if not isinstance(category, str) or not category:
            raise ValueError(f"hit row {row}: category {category!r} is not a category id")
        if isinstance(marker, str) and text[start:end] != marker:
            raise ValueError(
                f"hit row {row}: its text {marker!r} is not the document's text[{start}:{end}] = "
                f"{text[start:end]!r}; pass the hits of this document"
            )
        spans.append(_Span(start, end, category, rule if isinstance(rule, str) else ""))
    return spans


def _segments(text: str, spans: Sequence[_Span]) -> list[tuple[str, list[_Span]]]:
    """Cut ``text`` at every hit boundary; pair each run with the hits covering it.

    The covering hits are ordered outermost first (earlier start, then longer, then codebook
    order), so the last one is the innermost.
    """
    marked = sorted(
        (s for s in spans if s.end > s.start),
        key=lambda s: (s.start, -(s.end - s.start), _order_key(s.category), s.rule),
    )
    cuts = sorted({0, len(text), *(p for s in marked for p in (s.start, s.end))})
    segments: list[tuple[str, list[_Span]]] = []
    active: list[_Span] = []
    following = 0
    for a, b in itertools.pairwise(cuts):
        active = [s for s in active if s.end > a]
        while following < len(marked) and marked[following].start == a:
            active.append(marked[following])
            following += 1
        if a < b:
            segments.append((text[a:b], list(active)))
    return segments


def _swatch(category: str, text: str, *, alpha: float = _TINT) -> str:
    colour = category_colour(category)
    style = f"background:{_rgba(colour, alpha)};padding:0 .15em;{_decoration(category)}"
    return f'<span style="{style}">{html.escape(text)}</span>'


def _mark(
    text: str, covering: Sequence[_Span], lang: Lang, labels: Mapping[str, str] | None
) -> str:
    outer, inner = covering[0], covering[-1]
    categories = list(dict.fromkeys(s.category for s in covering))
    alpha = _TINT_OVERLAP if len(categories) > 1 else _TINT
    style = (
        f"background:{_rgba(category_colour(outer.category), alpha)};color:inherit;"
        f"{_decoration(inner.category)}"
    )
    described = [
        _label(s.category, lang, labels) + (f" [{s.rule}]" if s.rule else "")
        for s in dict.fromkeys(covering)
    ]
    return (
        f'<mark style="{style}" title="{html.escape(" / ".join(described))}" '
        f'data-categories="{html.escape(" ".join(categories))}">{html.escape(text)}</mark>'
    )


def _legend(
    spans: Sequence[_Span], lang: Lang, labels: Mapping[str, str] | None, *, overlap: bool
) -> str:
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.category] = counts.get(s.category, 0) + 1
    head = f"<strong>{html.escape(_STRINGS['legend'][lang])}</strong>"
    if not counts:
        return (
            f'<div style="margin:0 0 .6em 0;font-size:.85em">{head} · '
            f'<span style="color:#57606a">{html.escape(_STRINGS["no_hits"][lang])}</span></div>'
        )
    items = []
    for category in sorted(counts, key=_order_key):
        count = html.escape(_STRINGS["hits"][lang].format(n=counts[category]))
        items.append(
            '<span style="display:inline-block;margin:0 1em .25em 0;white-space:nowrap" '
            f'data-category="{html.escape(category)}">'
            f"{_swatch(category, _label(category, lang, labels))} "
            f'<code style="color:#57606a;font-size:.9em">{html.escape(category)}</code> '
            f'<span style="color:#57606a">{count}</span></span>'
        )
    total = html.escape(_STRINGS["total"][lang].format(n=len(spans)))
    note = (
        f'<div style="color:#57606a;font-size:.9em">{html.escape(_STRINGS["overlap"][lang])}</div>'
        if overlap
        else ""
    )
    return (
        f'<div class="framing-legend" style="margin:0 0 .6em 0;font-size:.85em;line-height:1.9">'
        f'{head} · <span style="color:#57606a">{total}</span><br>{"".join(items)}{note}</div>'
    )


def highlight_html(
    document_text: str,
    hits_rows: pd.DataFrame,
    *,
    lang: Lang = "ja",
    caption: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Return a document as self-contained HTML with its hits highlighted by category.

    Each hit's characters ``document_text[start:end]`` are tinted with the colour of the
    category's family and underlined in the category's style (:data:`UNDERLINES`); where
    hits overlap, the text is cut at every boundary, the tint darkens, and the tooltip lists
    every category (and rule) covering it. A legend lists the categories present, in codebook
    order, with their number of hits. Only inline styles are used, and every text (document,
    labels, rule ids, caption) is escaped with :func:`html.escape`.

    Parameters
    ----------
    document_text:
        The document's ``text`` (the ``framing.documents`` column).
    hits_rows:
        Rows of the ``framing.signals`` table for this document: needs ``start``, ``end``
        (character offsets into ``document_text``) and ``category``; uses ``rule`` (shown in
        the tooltip) and ``text`` (checked against ``document_text[start:end]``) when present.
    lang:
        Language of the legend and labels (``ja`` or ``en``).
    caption:
        A heading above the legend (escaped), or ``None``.
    labels:
        Display names of categories that :func:`framing.labels.category_label` does not know
        (a custom lexicon's categories), by category id.

    Returns
    -------
    str
        One ``<div class="framing-document">`` element.

    Raises
    ------
    ValueError
        When ``lang`` is not ``ja`` or ``en``; when ``hits_rows`` lacks a required column; when
        a hit's offsets are missing, not whole numbers, or outside the text; or when a hit's
        ``text`` is not ``document_text[start:end]`` (hits of another document).
    """
    _check_lang(lang)
    spans = _spans(document_text, hits_rows)
    segments = _segments(document_text, spans)
    body = "".join(
        _mark(text, covering, lang, labels) if covering else html.escape(text)
        for text, covering in segments
    )
    overlap = any(len({s.category for s in covering}) > 1 for _, covering in segments)
    heading = (
        f'<div style="font-weight:600;margin:0 0 .3em 0">{html.escape(caption)}</div>'
        if caption
        else ""
    )
    container = (
        "font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif;"
        "color:#1f2328;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;"
        "padding:.75em 1em;max-width:52em"
    )
    text_style = "white-space:pre-wrap;overflow-wrap:anywhere;line-height:2;margin:0"
    return (
        f'<div class="framing-document" lang="{lang}" style="{container}">{heading}'
        f"{_legend(spans, lang, labels, overlap=overlap)}"
        f'<div lang="ja" style="{text_style}">{body}</div></div>'
    )


@dataclass(frozen=True, eq=False)
class DocumentView:
    """A document with its hits, which Jupyter displays highlighted (:func:`highlight_html`).

    Build one with :func:`view`. ``hits`` holds the document's rows of the ``framing.signals``
    table (at least ``start``, ``end``, ``category``, ``rule``, ``text``).
    """

    doc_id: str
    text: str = field(repr=False)
    hits: pd.DataFrame = field(repr=False)
    caption: str | None = None
    lang: Lang = "ja"
    labels: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def html(self) -> str:
        """The highlighted document (see :func:`highlight_html`)."""
        return highlight_html(
            self.text, self.hits, lang=self.lang, caption=self.caption, labels=self.labels
        )

    def _repr_html_(self) -> str:
        return self.html


_VIEW_COLUMNS = ("sentence", "start", "end", "signal", "category", "rule", "text")


def _selected(category: str, signals: Sequence[str]) -> bool:
    return any(category == s or category_family(category) == s for s in signals)


def view(
    corpus: Inputs,
    doc_id: str,
    *,
    signals: Sequence[str] | None = None,
    lang: Lang = "ja",
) -> DocumentView:
    """Return a document of a corpus with its hits, for Jupyter to display highlighted.

    Parameters
    ----------
    corpus:
        A :class:`~framing.pipeline.Corpus` (from :func:`framing.load`; its hits are computed
        once and reused), or anything :func:`framing.load` accepts.
    doc_id:
        The document's ``doc_id``.
    signals:
        Families (``hedge``) or categories (``hedge.reportative``) to highlight; ``None`` for
        every category of the corpus's lexicon.
    lang:
        Language of the legend (``ja`` or ``en``).

    Returns
    -------
    DocumentView
        Its ``hits`` table has the columns ``sentence``, ``start``, ``end``, ``signal``,
        ``category``, ``rule``, ``text`` (one row per hit shown, in document order).

    Raises
    ------
    ValueError
        When ``doc_id`` is not in the corpus, ``signals`` names an unknown family or
        category, or ``lang`` is not ``ja`` or ``en``.
    """
    _check_lang(lang)
    loaded = load(corpus)
    ids = [d.doc_id for d in loaded.documents]
    if doc_id not in ids:
        shown = ", ".join(repr(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
        raise ValueError(
            f"doc_id {doc_id!r} is not in the corpus; its documents: {shown or '(none)'}"
        )
    if signals is not None:
        known = [*loaded.lexicon.families, *loaded.lexicon.categories]
        unknown = [s for s in signals if s not in known]
        if unknown:
            raise ValueError(
                f"unknown signal(s) {', '.join(map(repr, unknown))}; choose families or categories "
                f"of the lexicon: {', '.join(known)}"
            )
    index = ids.index(doc_id)
    document = loaded.documents[index]
    rows = [
        (h.sentence, h.start, h.end, h.signal, h.category, h.rule, h.text)
        for h in loaded.hits[index]
        if signals is None or _selected(h.category, signals)
    ]
    hits = pd.DataFrame(rows, columns=list(_VIEW_COLUMNS))
    labels = {
        category: names[lang]
        for category, names in loaded.lexicon.category_labels.items()
        if names.get(lang)
    }
    parts = [document.doc_id, document.outlet, document.medium, document.title]
    caption = " · ".join(str(p) for p in dict.fromkeys(parts) if p)
    return DocumentView(
        document.doc_id, document.text, hits, caption=caption, lang=lang, labels=labels
    )
